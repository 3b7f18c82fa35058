"""The DuckDB store: opening it, its schema version, and transactions.

Why: the store is the only code that speaks SQL. Everything else asks it questions through
functions in :mod:`foedus.store`. One file holds the registry's derived tables and every
imported dataset, so a query can join them.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb

from foedus.config import store_path
from foedus.errors import StoreError

__all__ = ["Store", "SCHEMA_VERSION"]

SCHEMA_VERSION = 1


class Store:
    """An open foedus store (a DuckDB database file, or ``:memory:``)."""

    def __init__(self, path: Path | str | None = None, *, read_only: bool = False) -> None:
        self.path = str(path) if path is not None else str(store_path())
        self.read_only = read_only
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.IOException as exc:
            raise StoreError(
                f"cannot open the store {self.path}: {exc}. Another process holds it: "
                "a writer (an import, a rebuild) excludes everyone, and a reader (a notebook, "
                "a server) excludes writers. Wait for it to finish or close it, or point "
                "FOEDUS_HOME elsewhere."
            ) from None
        self._lock = threading.RLock()
        if not read_only:
            self.con.execute(
                "CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)"
            )

    @classmethod
    def open(cls, path: Path | str | None = None) -> Store:
        """Open (creating if needed) the store at ``path`` or the configured location."""
        return cls(path)

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """All-or-nothing: commit when the block ends, roll back if it raises."""
        with self._lock:
            self.con.execute("BEGIN TRANSACTION")
            try:
                yield self.con
            except BaseException:
                self.con.execute("ROLLBACK")
                raise
            self.con.execute("COMMIT")

    def get_meta(self, key: str) -> str | None:
        with self._lock:
            try:
                rows = self.con.execute("SELECT value FROM meta WHERE key = ?",
                                        [key]).fetchall()
            except duckdb.CatalogException:  # a read-only store that was never written
                return None
        return str(rows[0][0]) if rows else None

    def set_meta(self, key: str, value: str, con: duckdb.DuckDBPyConnection | None = None) -> None:
        (con or self.con).execute(
            "INSERT OR REPLACE INTO meta VALUES (?, ?)", [key, value]
        )

    def frame(self, sql: str) -> Any:
        """A query's result as a polars DataFrame (through Arrow, no copy per row)."""
        import polars as pl

        with self._lock:
            rel = self.con.sql(sql)
            table = rel.to_arrow_table() if hasattr(rel, "to_arrow_table") else rel.arrow()
        return pl.from_arrow(table)

    def has_table(self, name: str) -> bool:
        with self._lock:
            rows = self.con.execute(  # duckdb_tables(): half the cost of information_schema
                "SELECT count(*) FROM duckdb_tables() WHERE table_name = ?", [name]
            ).fetchall()
        return bool(rows and rows[0][0])
