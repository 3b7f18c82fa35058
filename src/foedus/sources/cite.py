"""Citations for datasets, and for the files foedus writes.

Why: every number that leaves foedus must be citable. A foedus JSON output carries
``"datasets": [...]`` and a Parquet file it writes lists them in its schema metadata
(key ``foedus.datasets``, a JSON list); :func:`datasets_in_file` reads either back, and
:func:`citations_for` turns dataset names into the references to cite. A name may point at
one table (``peacesciencer/cow_nmc``) to cite only that table's sources.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pyarrow.feather as feather
import pyarrow.parquet as pq

from foedus.errors import DataError, FoedusError, Problem, UsageError
from foedus.sources.base import Citation
from foedus.sources.catalog import get_spec
from foedus.sources.citations import COW_STATES_2017, FOEDUS_REGISTRY

__all__ = [
    "PARQUET_METADATA_KEY",
    "citations_for",
    "datasets_in_file",
    "format_citations",
]

PARQUET_METADATA_KEY = "foedus.datasets"
_FORMATS = ("bibtex", "plain", "both")


def _names(entries: Any) -> list[str]:
    """Dataset names from a ``datasets`` value: strings or objects naming a dataset."""
    if isinstance(entries, str):
        return [entries]
    out: list[str] = []
    if isinstance(entries, dict):
        name = entries.get("dataset") or entries.get("name")
        if isinstance(name, str):
            tables = entries.get("tables") or ([entries["table"]] if entries.get("table") else [])
            out += [f"{name}/{t}" for t in tables] if tables else [name]
        return out
    if isinstance(entries, list):
        for e in entries:
            out += _names(e)
    return out


def _find_datasets(obj: Any) -> list[str]:
    if isinstance(obj, dict):
        if "datasets" in obj:
            return _names(obj["datasets"])
        for v in obj.values():
            found = _find_datasets(v)
            if found:
                return found
    if isinstance(obj, list):
        for v in obj:
            found = _find_datasets(v)
            if found:
                return found
    return []


def datasets_in_file(path: Path | str) -> list[str]:
    """The datasets a foedus output file says it used (JSON or Parquet); a file that cannot
    be read as what its name says is a :class:`DataError` naming it."""
    try:
        return _datasets_in_file(Path(path))
    except FoedusError:
        raise
    except Exception as exc:  # noqa: BLE001 - pyarrow's and json's errors, a bad file
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise DataError(Problem(str(path), None, None, f"cannot read it: {first}")) from None


def _datasets_in_file(path: Path) -> list[str]:
    if not path.is_file():
        raise UsageError(f"no such file: {path}")
    sidecar = path.with_name(path.name + ".foedus.json")
    if sidecar.is_file():  # CSV and Stata files written by foedus carry their record here
        path = sidecar
    elif path.suffix.lower() in (".feather", ".arrow", ".ipc"):
        meta = feather.read_table(str(path)).schema.metadata or {}
        raw = meta.get(PARQUET_METADATA_KEY.encode()) or meta.get(b"foedus")
        if raw is not None:
            value = json.loads(raw)
            names = _find_datasets(value) if isinstance(value, dict) else _names(value)
            if names:
                return names
        raise UsageError(f"{path} lists no datasets in its metadata; cite by name instead: "
                         "`foedus cite NAME`")
    if path.suffix.lower() in (".parquet", ".pq"):
        meta = {**(pq.read_schema(path).metadata or {}),
                **(pq.read_metadata(path).metadata or {})}
        for key in (PARQUET_METADATA_KEY, "datasets", "foedus"):
            raw = meta.get(key.encode())
            if raw is not None:
                value = json.loads(raw)
                names = _find_datasets(value) if isinstance(value, dict) else _names(value)
                if names:
                    return names
        raise UsageError(
            f"{path} lists no datasets in its metadata (key {PARQUET_METADATA_KEY!r}); "
            "cite by name instead: `foedus cite NAME`"
        )
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UsageError(f"{path} is neither JSON nor Parquet: {exc}") from exc
    names = _find_datasets(data)
    if not names:
        raise UsageError(
            f'{path} has no "datasets" list; cite by name instead: `foedus cite NAME`'
        )
    return names


def citations_for(names: Iterable[str]) -> list[tuple[str, list[Citation]]]:
    """For each name (``dataset`` or ``dataset/table``), the citations it asks for."""
    out: list[tuple[str, list[Citation]]] = []
    for raw in dict.fromkeys(names):
        name, _, table = raw.replace(":", "/").partition("/")
        if name == "registry":  # foedus's own curated registry and its state system

            out.append(("foedus curated registry (with the COW state system, extended)",
                        [FOEDUS_REGISTRY, COW_STATES_2017]))
            continue
        spec = get_spec(name)
        if table and table not in spec.tables():
            raise UsageError(
                f"dataset {spec.name!r} has no table {table!r}; its tables are: "
                + ", ".join(spec.tables())
            )
        label = f"{spec.title}, version {spec.version}" + (f" (table {table})" if table else "")
        out.append((label, list(spec.all_citations(table or None))))
    return out


def _wrap(text: str, width: int | None, indent: str) -> str:
    if width is None:
        return indent + text
    return textwrap.fill(text, width=max(width, 40), initial_indent=indent,
                         subsequent_indent=indent + "    ", break_long_words=False,
                         break_on_hyphens=False)


def format_citations(groups: list[tuple[str, list[Citation]]], fmt: str = "both",
                     width: int | None = None) -> str:
    """Plain references and/or BibTeX, each reference once, grouped by dataset.

    ``width``: wrap the plain references to it (a hanging indent under each; words never
    cut), for a reader's terminal; BibTeX is left as it is, for the machines that read it.
    """
    if fmt not in _FORMATS:
        raise UsageError(f"unknown format {fmt!r}; use one of {', '.join(_FORMATS)}")
    seen: set[str] = set()
    plain: list[str] = []
    bib: list[str] = []
    for label, cites in groups:
        plain.append(_wrap(f"{label}:", width, ""))
        for c in cites:
            plain.append(_wrap(c.plain, width, "  "))
            if c.key not in seen:
                seen.add(c.key)
                bib.append(c.bibtex)
    parts = []
    if fmt in ("plain", "both"):
        parts.append("\n".join(plain))
    if fmt in ("bibtex", "both"):
        parts.append("\n\n".join(bib))
    return "\n\n".join(parts) + "\n"
