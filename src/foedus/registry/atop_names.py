"""The names of ATOP's alliances: a curated, sourced table shipped with the registry.

Why: ATOP codes every alliance 1815-2018 by number (``atopid``) only. To show, search and cite
an ATOP alliance as an instrument, foedus needs its name -- the treaty's title as commonly
cited, with place and day of signature -- and every name needs a source. The table
``registry/atop_names.csv`` has one row per ``atopid`` of ATOP 5.1:

- ``name_kind = title``: a title found in a cited source (a treaty text, a treaty series, a
  reference work); the hand-curated rows live in ``registry/atop_titles.csv``;
- ``name_kind = descriptive``: where no title has been found yet, a name composed from ATOP's
  own coding (founding members, first pledge, signing day), sourced to ATOP's codesheet, so
  that it is never mistaken for a title.

``scripts/build_atop_names.py`` rebuilds the table from the ATOP files and the curated titles;
``tests/registry/test_atop_names.py`` checks that it covers every alliance of the release and
that every row has a source.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
from dataclasses import dataclass
from importlib import resources
from typing import Literal

from foedus.errors import Problem, RegistryError

__all__ = ["ATOP_CODESHEET_URL", "AtopName", "atop_names", "atop_names_from_text"]

ATOP_CODESHEET_URL = "http://www.atopdata.org/data.html"
_FILE = "atop_names.csv"
_COLUMNS = ("atopid", "name", "name_kind", "place", "signed", "source_url", "source_title",
            "note")
_KINDS = ("title", "descriptive")


@dataclass(frozen=True)
class AtopName:
    """One alliance's name, with its source and whether it is a sourced title."""

    atopid: int
    name: str
    name_kind: Literal["title", "descriptive"]
    place: str
    signed: str  # ISO day, or the year alone where ATOP codes no day ('' if unknown)
    source_url: str
    source_title: str
    note: str

    def to_json(self) -> dict[str, object]:
        return {"atopid": self.atopid, "name": self.name, "name_kind": self.name_kind,
                "place": self.place or None,
                "signed": self.signed or None,
                "source": {"url": self.source_url, "title": self.source_title},
                "note": self.note or None}


def _problem(line: int, field: str, message: str) -> RegistryError:
    return RegistryError(Problem(_FILE, line, field, message))


def atop_names_from_text(text: str) -> dict[int, AtopName]:
    """Parse the names table; raise :class:`RegistryError` naming line and field on bad input."""
    reader = csv.DictReader(io.StringIO(text))
    if tuple(reader.fieldnames or ()) != _COLUMNS:
        raise _problem(1, "header", f"expected columns {', '.join(_COLUMNS)}")
    out: dict[int, AtopName] = {}
    for line, row in enumerate(reader, start=2):
        try:
            aid = int(row["atopid"])
        except (TypeError, ValueError):
            raise _problem(line, "atopid", f"not an integer: {row['atopid']!r}") from None
        if aid in out:
            raise _problem(line, "atopid", f"{aid} appears twice")
        kind = row["name_kind"]
        if kind not in _KINDS:
            raise _problem(line, "name_kind", f"must be one of {_KINDS}, not {kind!r}")
        for field in ("name", "source_url", "source_title"):
            if not (row[field] or "").strip():
                raise _problem(line, field, "is empty: every name needs a source")
        signed = row["signed"] or ""
        try:
            if len(signed) == 10:
                dt.date.fromisoformat(signed)
            elif signed and not (len(signed) == 4 and signed.isdigit()):
                raise ValueError(signed)
        except ValueError:
            raise _problem(line, "signed", f"not a day (YYYY-MM-DD) or year: {signed!r}") from None
        out[aid] = AtopName(aid, row["name"], "title" if kind == "title" else "descriptive",
                            row["place"] or "", signed, row["source_url"],
                            row["source_title"], row["note"] or "")
    return out


@functools.cache
def atop_names() -> dict[int, AtopName]:
    """The bundled names table, by ``atopid`` (read once)."""
    text = (resources.files("foedus.registry") / _FILE).read_text(encoding="utf-8")
    return atop_names_from_text(text)
