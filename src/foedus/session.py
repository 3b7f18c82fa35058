"""The session: one open foedus per process — registry, state system, store, graphs, inputs.

Why: every question (a CLI command, a web request, a notebook cell, a sweep) needs the same
things: the registry it is asked of (passed explicitly — an edited architecture is just
another registry), the state system, the store opened once, the commitment graph of a day
(built once and reused), and the researcher datasets' input tables. A :class:`Session` holds
them for the whole process, so nothing is loaded twice and no module loads the bundled
registry behind the caller's back.

The store is opened read-only whenever it is current, so that several processes (a server, a
notebook, a CLI call) can read it at once; it is opened for writing only to rebuild the
registry tables (then reopened read-only) or inside :meth:`Session.writer` (imports).
Reads are thread-safe: each thread reads through its own cursor.

A session is the *context* only: it asks no question itself. The engine modules
(:mod:`foedus.query`, :mod:`foedus.scenario`, :mod:`foedus.advise`...) are handed a session and
read what they need from it; :class:`foedus.api.Foedus` (what :func:`foedus.open` returns) adds
the questions as methods on top of it, so that every import points downward.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from foedus.errors import (
    NotFoundError,
    StoreBusyError,
    StoreCorruptError,
    StoreError,
    StoreReadOnlyError,
    UsageError,
)
from foedus.graph import CommitmentGraph
from foedus.model.dates import as_date
from foedus.model.schema import Source, check_source
from foedus.model.states import State, StateSystem
from foedus.registry.loader import Registry, load_registry
from foedus.settings import store_path
from foedus.store.core import Store
from foedus.store.inputs import Inputs
from foedus.store.reads import commitments_frame, coverages, instrument_sources
from foedus.store.registry_tables import ensure_registry, readable_and_current

__all__ = ["Session", "current", "coverage_of"]

_CURRENT: Session | None = None
_CURRENT_LOCK = threading.Lock()


def current() -> Session | None:
    """The session most recently opened in this process and not yet closed, if any."""
    return _CURRENT


class Session:
    """An open foedus's context: registry + state system + store, graphs and inputs.

    Parameters
    ----------
    path
        The store file (default: ``$FOEDUS_HOME/foedus.duckdb``), or ``":memory:"``.
    registry
        A loaded :class:`~foedus.registry.Registry`, or a folder of instrument files
        (default: the registry bundled with foedus).
    wait
        Seconds to wait while *another process* holds the store (a first build, an import).
        A store that nobody holds but cannot be opened fails at once, with the reason.
    """

    def __init__(self, path: Path | str | None = None, *,
                 registry: Registry | Path | str | None = None, wait: float = 30.0) -> None:
        if isinstance(registry, Registry):
            self.registry = registry
        else:
            self.registry = load_registry(Path(registry) if registry is not None else None)
        self.states: StateSystem = self.registry.states
        self.wait = wait
        self.path = self._target(path)
        self.rebuilt = False
        #: the error a write gets when the home could not be written and the session answers
        #: from a store built in memory (set by _open_store)
        self._read_only_home: StoreReadOnlyError | None = None
        self.store = self._open_store()
        self._cache_lock = threading.RLock()
        self._write_lock = threading.Lock()
        self._graphs: OrderedDict[tuple[Any, ...], CommitmentGraph] = OrderedDict()
        self._building: dict[tuple[Any, ...], threading.Lock] = {}
        self._inputs: Inputs | None = None
        self._coverage: dict[str, tuple[int, int]] | None = None
        self._sources: dict[str, tuple[str, ...]] | None = None
        # A server answers many questions about the same days: build each day's whole graph
        # once instead of reading a slice of the store per question.
        self.whole_day_graphs = False
        global _CURRENT
        with _CURRENT_LOCK:
            _CURRENT = self

    # -- the store ------------------------------------------------------------------------
    @staticmethod
    def _target(path: Path | str | None) -> str:
        if path is not None:
            return str(path)
        return str(store_path())

    def _open_store(self) -> Store:
        """Read-only when current; rebuilt (then read-only) when not; in memory when the
        home cannot be written and holds no current store."""
        if self.path == ":memory:":
            store = Store(":memory:")
            self.rebuilt = ensure_registry(store, self.registry)
            return store
        if Path(self.path).exists():
            ro = self._retry(self._read_only_or_busy)
            try:
                if readable_and_current(ro, self.registry):
                    return ro
            except StoreError:  # opens, but cannot be read: damaged
                ro.close()
                raise
            ro.close()
        try:
            rw = self._retry(lambda: Store(self.path))
        except StoreReadOnlyError as exc:
            # A read-only home without a current store: answer from a store built in memory;
            # a write (an import) is refused, since nothing written there would be kept.
            self._read_only_home = exc
            store = Store(":memory:")
            self.rebuilt = ensure_registry(store, self.registry)
            return store
        try:
            self.rebuilt = ensure_registry(rw, self.registry)
        finally:
            rw.close()
        return self._retry(lambda: Store(self.path, read_only=True))

    def _read_only_or_busy(self) -> Store:
        """The store read-only; a file that is not (yet) a database is either being created
        by another process — which then holds its lock: busy, wait — or damaged: fail."""
        try:
            return Store(self.path, read_only=True)
        except StoreCorruptError:
            Store(self.path).close()  # StoreBusyError while its creator holds it
            return Store(self.path, read_only=True)

    def _retry(self, opener: Callable[[], Store]) -> Store:
        """Open, waiting only while another process holds the file (never otherwise)."""
        deadline = time.monotonic() + self.wait
        pause = 0.05
        while True:
            try:
                store: Store = opener()
                return store
            except StoreBusyError:
                if time.monotonic() > deadline:
                    raise
            time.sleep(pause)
            pause = min(pause * 2, 1.0)

    @contextlib.contextmanager
    def writer(self) -> Iterator[Store]:
        """The store open for writing (imports, rebuilds); reopened read-only afterwards.

        Everything cached from the store (graphs, inputs, coverage) is forgotten, so the next
        question sees what was written.
        """
        with self._write_lock:
            if self._read_only_home is not None:
                raise StoreReadOnlyError(f"{self._read_only_home} Nothing was written.")
            if self.store.path == ":memory:":
                yield self.store
                self._forget()
                return
            self.store.close()
            try:
                rw = self._retry(lambda: Store(self.path))
            except StoreError:
                self.store = self._retry(lambda: Store(self.path, read_only=True))
                raise
            try:
                yield rw
            finally:
                rw.close()
                self.store = self._retry(lambda: Store(self.path, read_only=True))
                self._forget()

    def _forget(self) -> None:
        with self._cache_lock:
            self._graphs.clear()
            self._coverage = None
            self._sources = None
            self._inputs = None

    def close(self) -> None:
        global _CURRENT
        self.store.close()
        with _CURRENT_LOCK:
            if _CURRENT is self:
                _CURRENT = None

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- what answers are built from ------------------------------------------------------
    def state(self, ref: str | int | State) -> State:
        """Resolve a state by COW code, abbreviation or name (case-insensitive)."""
        if isinstance(ref, State):
            return ref
        return self.states.lookup(ref)

    def coverage(self) -> dict[str, tuple[int, int]]:
        """First and last year of every imported dataset (read once per session)."""
        with self._cache_lock:
            if self._coverage is None:
                self._coverage = coverages(self.store)
            return self._coverage

    def sources_of(self, instrument_id: str) -> tuple[str, ...]:
        """Source URLs of a registry instrument."""
        with self._cache_lock:
            if self._sources is None:
                self._sources = instrument_sources(self.store)
            return self._sources.get(instrument_id, ())

    def graph(self, on: object, *, source: Source = "all") -> CommitmentGraph:
        """Every commitment in force on day ``on`` (cached per day and source)."""
        day = as_date(on, "date")
        check_source(source)
        key = (day, source)
        with self._cache_lock:
            hit = self._graphs.get(key)
            if hit is not None:
                self._graphs.move_to_end(key)
                return hit
            building = self._building.setdefault(key, threading.Lock())
        # one thread reads a day; the others asking for it meanwhile wait for its graph
        # instead of each reading the same day again (a server's first questions of a day)
        with building:
            with self._cache_lock:
                hit = self._graphs.get(key)
            if hit is not None:
                return hit
            graph = self.read_graph(day, source=source)
            with self._cache_lock:
                self._graphs[key] = graph
                self._building.pop(key, None)
                while len(self._graphs) > 64:
                    self._graphs.popitem(last=False)
        return graph

    def read_graph(self, day: dt.date, *, source: Source = "all",
                   states: Sequence[int] | None = None,
                   beneficiaries: Sequence[int] | None = None) -> CommitmentGraph:
        """The day's commitments read from the store, uncached (optionally only those
        touching ``states`` or owed to ``beneficiaries``: a slice answers one pair)."""
        datasets, unknown = coverage_of(self, day, source)
        read = commitments_frame(
            self.store, day, source=source,
            states=list(states) if states is not None else None,
            beneficiaries=list(beneficiaries) if beneficiaries is not None else None)
        return CommitmentGraph.from_read(day, read, source=source, datasets=datasets,
                                         unknown=unknown)

    def cached_graph(self, day: dt.date, source: Source) -> CommitmentGraph | None:
        """The day's whole graph if it was already built (answers then reuse it)."""
        with self._cache_lock:
            return self._graphs.get((day, source))

    @property
    def inputs(self) -> Inputs:
        """Input tables of the researcher datasets, read from this session's store once."""
        with self._cache_lock:
            if self._inputs is None:
                self._inputs = Inputs(self.store)
            return self._inputs

    @property
    def optional_inputs(self) -> Inputs | None:
        """:attr:`inputs`, or None when this session's store cannot give them: the models
        that read researcher datasets then drop those factors and say so."""
        try:
            return self.inputs
        except Exception:  # noqa: BLE001 - no store inputs
            return None


def coverage_of(session: Session, day: dt.date, source: str) -> tuple[list[str], list[str]]:
    """The datasets an answer on ``day`` reads (for ``foedus cite --for``), and the imported
    datasets asked about that do not cover ``day``: their answer on that day is unknown, never
    "no commitment"."""
    imported = {} if source == "registry" else session.coverage()
    unknown: list[str] = []
    if "atop" in imported:
        first, last = imported["atop"]
        if not first <= day.year <= last:
            if source == "atop":
                raise UsageError(f"ATOP covers {first}-{last}; on {day} its alliances are "
                                 "unknown. Ask the registry (--source registry) or a date "
                                 "inside ATOP's years.")
            unknown.append("atop")
    elif source == "atop":
        raise NotFoundError("ATOP is not imported: run `foedus data import atop PATH` "
                            "(or `foedus data fetch atop`)")
    asked = ["registry", "atop"] if source == "all" else [source]
    read = [d for d in asked if d not in unknown and (d == "registry" or d in imported)]
    return read, unknown
