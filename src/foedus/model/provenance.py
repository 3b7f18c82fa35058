"""Provenance: which dataset a frame, a graph or an answer used, and how to cite it.

Why a value at the bottom: the store's input tables record what they hand out, the researcher
datasets carry it to the files they write, and ``foedus cite --for FILE`` reads it back; all of
them speak of the same small record, declared here once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["DatasetUse"]


@dataclass(frozen=True)
class DatasetUse:
    """One dataset a frame used: its name in foedus's catalog, version, tables and citation."""

    name: str
    version: str
    tables: tuple[str, ...]
    citation: str
    columns: tuple[str, ...] = ()
    via: str = ""  # e.g. "peacesciencer/cow_nmc": the table that re-publishes this dataset

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "name": self.name,
            "version": self.version,
            "tables": list(self.tables),
            "citation": self.citation,
            "columns": list(self.columns),
        }
        if self.via:
            out["via"] = self.via
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> DatasetUse:
        return cls(
            name=str(data["name"]),
            version=str(data.get("version", "")),
            tables=tuple(data.get("tables", ())),
            citation=str(data.get("citation", "")),
            columns=tuple(data.get("columns", ())),
            via=str(data.get("via", "")),
        )
