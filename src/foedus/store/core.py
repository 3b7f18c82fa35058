"""The DuckDB store: opening it, diagnosing why it cannot be opened, and transactions.

Why: the store is the only code that speaks SQL. Everything else asks it questions through
functions in :mod:`foedus.store`. One file holds the registry's derived tables and every
imported dataset, so a query can join them.

Opening can fail for four different reasons, and each deserves its own advice rather than a
DuckDB traceback: another process holds the file (:class:`StoreBusyError`: wait or close it),
the file is damaged (:class:`StoreCorruptError`: ``foedus store rebuild``), the home is
read-only (:class:`StoreReadOnlyError`: queries still work, writes cannot), or the home cannot
be created at all.
"""

from __future__ import annotations

import contextlib
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb
import polars as pl

from foedus.errors import StoreBusyError, StoreCorruptError, StoreError, StoreReadOnlyError
from foedus.settings import store_path

__all__ = ["Store", "SCHEMA_VERSION", "open_error"]

SCHEMA_VERSION = 2


def open_error(path: str, exc: BaseException) -> StoreError:
    """The right :class:`StoreError` for a failure to open ``path`` (DuckDB's message read)."""
    text = str(exc)
    low = text.lower()
    if "lock" in low and ("conflicting" in low or "could not set" in low):
        return StoreBusyError(
            f"the store {path} is in use by another process ({_holder(text)}): a writer "
            "(an import, a rebuild) excludes everyone, and a reader (a notebook, a server) "
            "excludes writers. Wait for it to finish or close it, or point FOEDUS_HOME "
            "elsewhere.")
    if (any(w in low for w in ("read-only", "read only", "permission denied",
                               "operation not permitted"))
            or isinstance(exc, PermissionError)):
        return StoreReadOnlyError(
            f"the store {path} cannot be written (read-only location): queries still work "
            "from a store that is already built; imports and rebuilds need a writable "
            "FOEDUS_HOME.")
    return StoreCorruptError(
        f"the store {path} is damaged or not a foedus store ({text.splitlines()[0]}). "
        "Run `foedus store rebuild` to rebuild it: the registry tables are always rebuilt, "
        "and imported datasets are re-imported from the files they were imported from "
        "when those files are still there.")


def _holder(text: str) -> str:
    """The 'PID n' DuckDB names as the lock holder, if any."""
    m = re.search(r"PID (\d+)", text)
    return f"PID {m.group(1)}" if m else "lock held"


class Store:
    """An open foedus store (a DuckDB database file, or ``:memory:``).

    Reads from several threads are safe: each thread gets its own cursor (:attr:`cur`) over
    the one DuckDB connection, which is what DuckDB asks of multi-threaded readers.
    """

    def __init__(self, path: Path | str | None = None, *, read_only: bool = False) -> None:
        self.path = str(path) if path is not None else str(store_path())
        self.read_only = read_only
        if self.path != ":memory:":
            try:
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"cannot create the folder for the store "
                                 f"{Path(self.path).parent}: {exc.strerror or exc}") from None
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except (duckdb.Error, OSError) as exc:
            raise open_error(self.path, exc) from None
        self._lock = threading.RLock()
        self._local = threading.local()
        if not read_only:
            try:
                self.con.execute(
                    "CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
            except duckdb.Error as exc:
                self.con.close()
                raise open_error(self.path, exc) from None

    @classmethod
    def open(cls, path: Path | str | None = None) -> Store:
        """Open (creating if needed) the store at ``path`` or the configured location."""
        return cls(path)

    @property
    def cur(self) -> duckdb.DuckDBPyConnection:
        """This thread's cursor (created on first use)."""
        cur = getattr(self._local, "cur", None)
        if cur is None:
            cur = self.con.cursor()
            self._local.cur = cur
        return cur

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
        if self.read_only:
            raise StoreReadOnlyError(f"the store {self.path} is open read-only; this needs a "
                                     "writable store")
        with self._lock:
            self.con.execute("BEGIN TRANSACTION")
            try:
                yield self.con
            except BaseException:
                self.con.execute("ROLLBACK")
                raise
            self.con.execute("COMMIT")

    def rows(self, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
        """A query's rows as dicts, on this thread's cursor."""
        cur = self.cur.execute(sql, params or [])
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]

    def get_meta(self, key: str) -> str | None:
        try:
            rows = self.cur.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchall()
        except duckdb.CatalogException:  # a read-only store that was never written
            return None
        return str(rows[0][0]) if rows else None

    def set_meta(self, key: str, value: str, con: duckdb.DuckDBPyConnection | None = None) -> None:
        (con or self.con).execute(
            "INSERT OR REPLACE INTO meta VALUES (?, ?)", [key, value]
        )

    def frame(self, sql: str, params: list[Any] | None = None) -> Any:
        """A query's result as a polars DataFrame (through Arrow, no copy per row)."""
        table = self.cur.sql(sql, params=params or None).to_arrow_table()
        return pl.from_arrow(table)

    def has_table(self, name: str) -> bool:
        rows = self.cur.execute(  # duckdb_tables(): half the cost of information_schema
            "SELECT count(*) FROM duckdb_tables() WHERE table_name = ?", [name]
        ).fetchall()
        return bool(rows and rows[0][0])
