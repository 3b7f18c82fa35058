"""Imported datasets in the store: their tables and where each came from.

Why: the store is the only code that speaks SQL. An import replaces a dataset's tables
(``ds_<dataset>__<table>``) and its provenance in one transaction, so a failed import leaves
the store exactly as it was, and importing the same files again changes nothing. Engines read
tables through :func:`read_table` and ask :func:`coverage` which years a dataset knows, so
that outside them they can answer "unknown" rather than 0.

Provenance lives in three tables: ``ds_datasets`` (one row per dataset: version, title,
coverage, import time), ``ds_tables`` (one row per stored table, with rows and a fingerprint)
and ``ds_files`` (one row per release file: SHA-256, whether it equals the pinned release).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import polars as pl

from foedus.errors import NotFoundError, StoreError
from foedus.store.core import Store
from foedus.store.names import table_name

if TYPE_CHECKING:
    from foedus.sources.base import DatasetSpec

__all__ = [
    "put_dataset",
    "read_table",
    "dataset_status",
    "provenance",
    "coverage",
    "has_dataset",
]

_SCHEMA = (
    """CREATE TABLE IF NOT EXISTS ds_datasets (
        dataset VARCHAR PRIMARY KEY, version VARCHAR, title VARCHAR,
        coverage_first INTEGER, coverage_last INTEGER, imported_at TIMESTAMP)""",
    """CREATE TABLE IF NOT EXISTS ds_tables (
        dataset VARCHAR, tbl VARCHAR, table_name VARCHAR, rows BIGINT, fingerprint VARCHAR,
        imported_at TIMESTAMP, PRIMARY KEY (dataset, tbl))""",
    """CREATE TABLE IF NOT EXISTS ds_files (
        dataset VARCHAR, version VARCHAR, file VARCHAR, tbl VARCHAR, sha256 VARCHAR,
        pinned BOOLEAN, rows BIGINT, imported_at TIMESTAMP, PRIMARY KEY (dataset, file))""",
)


def _one(store: Store, sql: str, params: list[Any] | None = None) -> tuple[Any, ...] | None:
    """The first row of a query, fetching all rows (DuckDB 2 refuses unfinished results)."""
    rows = store.cur.execute(sql, params or []).fetchall()
    return rows[0] if rows else None


def _ensure_schema(store: Store) -> None:
    for sql in _SCHEMA:
        store.con.execute(sql)


def _fingerprint(spec: DatasetSpec, tbl: str, df: pl.DataFrame, shas: Mapping[str, str]) -> str:
    feeding = sorted((f, s) for f, s in shas.items()
                     if any(x.name == f and x.table == tbl for x in spec.files))
    payload = {
        "version": spec.version,
        "files": feeding or sorted(shas.items()),
        "columns": [[c, str(t)] for c, t in df.schema.items()],
        "rows": df.height,
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


def put_dataset(
    store: Store,
    spec: DatasetSpec,
    tables: Mapping[str, pl.DataFrame],
    files: Mapping[str, str],
) -> bool:
    """Store ``tables`` of ``spec`` and their provenance, all or nothing.

    Parameters
    ----------
    store
        The open store.
    spec
        The dataset the tables belong to.
    tables
        Table name -> frame, as returned by ``spec.reader``.
    files
        Release file name -> SHA-256 of the file actually read.

    Returns
    -------
    bool
        False when every table was already stored from the same files (nothing changed),
        True otherwise. Tables of the dataset not in ``tables`` are left as they are.
    """
    if store.read_only:
        raise StoreError(f"the store {store.path} is open read-only; importing needs a "
                         "writable store (foedus.store.Store(path))")
    _ensure_schema(store)
    prints = {t: _fingerprint(spec, t, df, files) for t, df in tables.items()}
    stored = dict(
        store.con.execute(
            "SELECT tbl, fingerprint FROM ds_tables WHERE dataset = ?", [spec.name]
        ).fetchall()
    )
    same_version = _one(
        store, "SELECT count(*) FROM ds_datasets WHERE dataset = ? AND version = ?",
        [spec.name, spec.version],
    )
    if all(stored.get(t) == p for t, p in prints.items()) and same_version and same_version[0]:
        return False
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    pinned = {f.name: f.sha256 for f in spec.files}
    with store.transaction() as con:
        for tbl, df in tables.items():
            name = table_name(spec.name, tbl)
            view = f"_foedus_import_{tbl}"
            con.register(view, df.to_arrow())
            try:
                con.execute(f'CREATE OR REPLACE TABLE "{name}" AS SELECT * FROM "{view}"')
            finally:
                con.unregister(view)
            con.execute("DELETE FROM ds_tables WHERE dataset = ? AND tbl = ?", [spec.name, tbl])
            con.execute(
                "INSERT INTO ds_tables VALUES (?, ?, ?, ?, ?, ?)",
                [spec.name, tbl, name, df.height, prints[tbl], now],
            )
        for fname, sha in files.items():
            tbl = next((f.table for f in spec.files if f.name == fname), "")
            rows = tables[tbl].height if tbl in tables else None
            con.execute("DELETE FROM ds_files WHERE dataset = ? AND file = ?", [spec.name, fname])
            con.execute(
                "INSERT INTO ds_files VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [spec.name, spec.version, fname, tbl, sha, pinned.get(fname) == sha, rows, now],
            )
        con.execute("DELETE FROM ds_datasets WHERE dataset = ?", [spec.name])
        con.execute(
            "INSERT INTO ds_datasets VALUES (?, ?, ?, ?, ?, ?)",
            [spec.name, spec.version, spec.title, spec.coverage[0], spec.coverage[1], now],
        )
    return True


def has_dataset(store: Store, dataset: str) -> bool:
    """Whether ``dataset`` has been imported into ``store``."""
    if not store.has_table("ds_datasets"):
        return False
    row = _one(store, "SELECT count(*) FROM ds_datasets WHERE dataset = ?", [dataset])
    return bool(row and row[0])


def _not_imported(dataset: str, table: str | None = None) -> NotFoundError:
    what = f"table {table!r} of dataset {dataset!r}" if table else f"dataset {dataset!r}"
    return NotFoundError(
        f"{what} is not in the store; run `foedus data import {dataset} PATH` "
        f"(or `foedus data fetch {dataset}`) first"
    )


def read_table(store: Store, dataset: str, table: str) -> pl.DataFrame:
    """The stored ``table`` of ``dataset`` as a polars frame, in the source's row order."""
    name = table_name(dataset, table)
    if not store.has_table(name):
        raise _not_imported(dataset, table)
    frame = store.frame(f'SELECT * FROM "{name}"')
    assert isinstance(frame, pl.DataFrame)
    return frame


def coverage(store: Store, dataset: str) -> tuple[int, int]:
    """First and last year the imported ``dataset`` covers (outside them: unknown)."""
    if has_dataset(store, dataset):
        row = _one(store, "SELECT coverage_first, coverage_last FROM ds_datasets "
                   "WHERE dataset = ?", [dataset])
        if row is not None:
            return int(row[0]), int(row[1])
    raise _not_imported(dataset)


def _combined(shas: list[str]) -> str:
    if len(shas) == 1:
        return shas[0]
    return hashlib.sha256("".join(sorted(shas)).encode()).hexdigest()


def provenance(store: Store, dataset: str) -> dict[str, Any]:
    """Everything recorded about an imported dataset: version, coverage, tables, files."""
    if not has_dataset(store, dataset):
        raise _not_imported(dataset)
    row = _one(store, "SELECT version, title, coverage_first, coverage_last, imported_at "
               "FROM ds_datasets WHERE dataset = ?", [dataset])
    assert row is not None
    tables = store.cur.execute(
        "SELECT tbl, table_name, rows, imported_at FROM ds_tables WHERE dataset = ? ORDER BY tbl",
        [dataset],
    ).fetchall()
    files = store.cur.execute(
        "SELECT file, tbl, sha256, pinned, rows, version, imported_at FROM ds_files "
        "WHERE dataset = ? ORDER BY file", [dataset],
    ).fetchall()
    return {
        "dataset": dataset,
        "version": row[0],
        "title": row[1],
        "coverage": [row[2], row[3]],
        "imported_at": row[4].isoformat() if row[4] else None,
        "tables": [{"table": t, "store_table": n, "rows": r,
                    "imported_at": i.isoformat() if i else None} for t, n, r, i in tables],
        "files": [{"file": f, "table": t, "sha256": s, "pinned": bool(p), "rows": r,
                   "version": v, "imported_at": i.isoformat() if i else None}
                  for f, t, s, p, r, v, i in files],
    }


def dataset_status(store: Store) -> list[dict[str, Any]]:
    """One summary per imported dataset: version, tables, rows, coverage, checksum, time."""
    if not store.has_table("ds_datasets"):
        return []
    names = [r[0] for r in store.cur.execute(
        "SELECT dataset FROM ds_datasets ORDER BY dataset").fetchall()]
    out = []
    for name in names:
        p = provenance(store, name)
        shas = [f["sha256"] for f in p["files"]]
        out.append({
            "dataset": name,
            "version": p["version"],
            "tables": [t["table"] for t in p["tables"]],
            "rows": sum(t["rows"] or 0 for t in p["tables"]),
            "coverage": p["coverage"],
            "checksum": _combined(shas) if shas else None,
            "pinned": all(f["pinned"] for f in p["files"]),
            "imported_at": p["imported_at"],
        })
    return out
