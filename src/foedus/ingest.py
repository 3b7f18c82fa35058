"""Ingest: read a source's release files and write them into the store — import, fetch, rebuild.

Why one module: this is the only place that reads an external release (:mod:`foedus.sources`)
*and* writes the store (:mod:`foedus.store`), so neither of them imports the other's upper
half and no session is opened underneath the caller. Importing is read (validate every file),
then write (one transaction): nothing is written until every file has been read, so a bad file
leaves the store as it was. Fetching downloads the release first
(:func:`foedus.sources.download.fetched_release`, the network code), then imports it.
Rebuilding moves a damaged store aside (never deleting it), builds a fresh one from the
registry and re-imports every dataset from where it was last imported.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl

from foedus.registry.loader import Registry, load_registry
from foedus.settings import store_path
from foedus.sources.base import DatasetSpec, ProgressCallback, resolve_files
from foedus.sources.catalog import get_spec
from foedus.sources.download import fetched_release, sha256_file
from foedus.store.core import Store
from foedus.store.datasets import put_dataset
from foedus.store.info import record_import, recorded_imports
from foedus.store.registry_tables import ensure_registry

__all__ = ["ImportResult", "RebuildResult", "import_dataset", "fetch_dataset",
           "rebuild_store"]


@dataclass(frozen=True)
class ImportResult:
    """What an import did: which dataset, which tables and rows, and whether it changed."""

    dataset: str
    version: str
    tables: dict[str, int]
    files: dict[str, str]
    changed: bool
    pinned: bool


def _result(spec: DatasetSpec, tables: dict[str, pl.DataFrame], shas: dict[str, str],
            changed: bool) -> ImportResult:
    pins = {f.name: f.sha256 for f in spec.files}
    return ImportResult(
        dataset=spec.name, version=spec.version,
        tables={t: df.height for t, df in tables.items()}, files=shas, changed=changed,
        pinned=all(pins.get(n) == s for n, s in shas.items()),
    )


def import_dataset(
    store: Store, name: str, path: Path | str, progress: ProgressCallback | None = None
) -> ImportResult:
    """Read, validate and store dataset ``name`` from a folder (or one of its files).

    Every file is validated before anything is written; the write is one transaction.
    Files whose SHA-256 differs from the pinned release are imported if they pass
    validation, and recorded as not pinned (``foedus data status`` shows it).

    Raises
    ------
    foedus.errors.ImportDataError
        A file is missing, malformed, truncated or of another version (names file and line).
    foedus.errors.NotFoundError
        No dataset is called ``name``.
    """
    spec = get_spec(name)
    path = Path(path).expanduser()
    pairs = resolve_files(spec.files, path)
    tables = spec.reader(path, progress)
    shas = {f.name: sha256_file(p) for f, p in pairs}
    changed = put_dataset(store, spec, tables, shas)
    record_import(store.path, spec.name, path)
    return _result(spec, tables, shas, changed)


def fetch_dataset(
    store: Store,
    name: str,
    base_url: str | None = None,
    progress: ProgressCallback | None = None,
    *,
    timeout: float = 60.0,
) -> ImportResult:
    """Download dataset ``name``, verify each file's pinned SHA-256, then import it.

    Parameters
    ----------
    base_url
        A mirror serving the release files by name (``BASE/<file name>``), used instead of
        the publisher's URLs (and required where the publisher has no download of the file
        in this format).

    Raises
    ------
    foedus.errors.ImportDataError
        A download failed or its SHA-256 differs from the pin; the store is unchanged.
    foedus.errors.UsageError
        A file has no official download and no ``base_url`` was given.
    """
    spec = get_spec(name)
    with fetched_release(spec, base_url, progress, timeout=timeout) as staging:
        # Read the files together, as a release folder (readers may join them).
        tables = spec.reader(staging, progress)
    shas = {f.name: f.sha256 for f in spec.files}
    changed = put_dataset(store, spec, tables, shas)
    return _result(spec, tables, shas, changed)


@dataclass
class RebuildResult:
    """What ``foedus store rebuild`` did."""

    path: str
    instruments: int
    kept_aside: str | None = None
    reimported: dict[str, str] = field(default_factory=dict)
    missing: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"path": self.path, "instruments": self.instruments,
                "kept_aside": self.kept_aside, "reimported": self.reimported,
                "missing": self.missing}


def rebuild_store(path: str | Path | None = None,
                  registry: Registry | Path | str | None = None) -> RebuildResult:
    """Move the store aside (if any), build a fresh one, re-import what was imported.

    Parameters
    ----------
    path
        The store (default: the configured one, ``$FOEDUS_HOME/foedus.duckdb``).
    registry
        The registry its tables are built from (default: the bundled registry).

    Returns
    -------
    RebuildResult
        Where the damaged file was kept, and which datasets were re-imported or are missing.
    """
    target = Path(path) if path is not None else store_path()
    reg = registry if isinstance(registry, Registry) else load_registry(
        Path(registry) if registry is not None else None)
    before = recorded_imports(target)
    kept = None
    if target.exists():
        stamp = dt.datetime.now().strftime("%Y%m%dT%H%M%S")
        aside = target.with_name(f"{target.name}.damaged-{stamp}")
        target.replace(aside)
        wal = Path(f"{target}.wal")
        if wal.exists():
            wal.replace(Path(f"{aside}.wal"))
        kept = str(aside)
    with Store(target) as store:
        ensure_registry(store, reg)
        result = RebuildResult(str(target), len(reg), kept)
        for name, source in sorted(before.items()):
            if Path(source).exists():
                import_dataset(store, name, source)
                result.reimported[name] = source
            else:
                result.missing[name] = source
    return result
