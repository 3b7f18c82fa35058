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

>>> import foedus
>>> s = foedus.open()                                              # doctest: +SKIP
>>> [x.abb for x in s.defenders("EST", "RUS", "2025-01-01").bound_states()]  # doctest: +SKIP
"""

from __future__ import annotations

import contextlib
import datetime as dt
import threading
import time
from collections import OrderedDict
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

from foedus.errors import (
    StoreBusyError,
    StoreError,
    StoreReadOnlyError,
)
from foedus.model.states import State, StateSystem
from foedus.registry.loader import Registry, load_registry
from foedus.store.core import Store, open_error
from foedus.store.reads import Source

if TYPE_CHECKING:
    from foedus.advise.gaps import GapsAnswer
    from foedus.advise.guarantors import GuarantorsAnswer
    from foedus.datasets.inputs import Inputs
    from foedus.graph import CommitmentGraph
    from foedus.query.answers import (
        CommitmentsAnswer,
        DefendersAnswer,
        DiffAnswer,
        ForumsAnswer,
    )
    from foedus.query.status import StatusAnswer
    from foedus.scenario.engine import PreparedScenario

__all__ = ["Session", "open", "current"]

_CURRENT: Session | None = None
_CURRENT_LOCK = threading.Lock()


def current() -> Session | None:
    """The session most recently opened in this process and not yet closed, if any."""
    return _CURRENT


class Session:
    """An open foedus: registry + state system + store, with every question as a method.

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
        self.store = self._open_store()
        self._cache_lock = threading.RLock()
        self._write_lock = threading.Lock()
        self._graphs: OrderedDict[tuple[Any, ...], CommitmentGraph] = OrderedDict()
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
        from foedus.config import store_path

        return str(store_path())

    def _open_store(self) -> Store:
        """Read-only when current; rebuilt (then read-only) when not; in memory when the
        home cannot be written and holds no current store."""
        from foedus.store.registry_tables import ensure_registry, registry_is_current

        if self.path == ":memory:":
            store = Store(":memory:")
            self.rebuilt = ensure_registry(store, self.registry)
            return store
        if Path(self.path).exists():
            ro = self._retry(lambda: Store(self.path, read_only=True))
            try:
                if registry_is_current(ro, self.registry):
                    return ro
            except duckdb.Error as exc:  # opens, but cannot be read: damaged
                ro.close()
                raise open_error(self.path, exc) from None
            ro.close()
        try:
            rw = self._retry(lambda: Store(self.path))
        except StoreReadOnlyError:
            # A read-only home without a current store: answer from a store built in memory.
            store = Store(":memory:")
            self.rebuilt = ensure_registry(store, self.registry)
            return store
        try:
            self.rebuilt = ensure_registry(rw, self.registry)
        finally:
            rw.close()
        return self._retry(lambda: Store(self.path, read_only=True))

    def _retry(self, opener: Any) -> Store:
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
                from foedus.store.reads import coverages

                self._coverage = coverages(self.store)
            return self._coverage

    def sources_of(self, instrument_id: str) -> tuple[str, ...]:
        """Source URLs of a registry instrument."""
        with self._cache_lock:
            if self._sources is None:
                from foedus.store.reads import instrument_sources

                self._sources = instrument_sources(self.store)
            return self._sources.get(instrument_id, ())

    def graph(self, on: object, *, source: Source = "all") -> CommitmentGraph:
        """Every commitment in force on day ``on`` (cached per day and source)."""
        from foedus.graph import CommitmentGraph
        from foedus.query.common import as_date, check_source

        day = as_date(on, "date")
        check_source(source)
        key = (day, source)
        with self._cache_lock:
            hit = self._graphs.get(key)
            if hit is not None:
                self._graphs.move_to_end(key)
                return hit
        graph = CommitmentGraph.from_store(self, day, source=source)
        with self._cache_lock:
            self._graphs[key] = graph
            while len(self._graphs) > 64:
                self._graphs.popitem(last=False)
        return graph

    def cached_graph(self, day: dt.date, source: Source) -> CommitmentGraph | None:
        """The day's whole graph if it was already built (answers then reuse it)."""
        with self._cache_lock:
            return self._graphs.get((day, source))

    @property
    def inputs(self) -> Inputs:
        """Input tables of the researcher datasets, read from this session's store once."""
        with self._cache_lock:
            if self._inputs is None:
                from foedus.datasets.inputs import Inputs

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

    # -- questions (each answered once, in foedus.query) ----------------------------------
    def commitments(self, state: str | int, on: object, *, direction: str = "both",
                    kind: str | None = None, source: Source = "all",
                    partner: str | int | None = None) -> CommitmentsAnswer:
        """Commitments ``state`` gives, receives or both on day ``on``."""
        from foedus.query.commitments import commitments

        return commitments(self, state, on, direction=direction, kind=kind, source=source,
                           partner=partner)

    def defenders(self, target: str | int, attacker: str | int, on: object, *,
                  source: Source = "all") -> DefendersAnswer:
        """Who an armed attack by ``attacker`` on ``target`` on day ``on`` would engage."""
        from foedus.query.defenders import defenders

        return defenders(self, target, attacker, on, source=source)

    def status(self, state: str | int, on: object | None = None) -> StatusAnswer:
        """The state's own legal statuses on ``on`` (every one in its history if None)."""
        from foedus.query.status import status

        return status(self, state, on)

    def instruments(self, *, state: str | int | None = None, on: object | None = None,
                    search: str | None = None) -> Any:
        """Instruments, filtered by member state, day in force and text."""
        from foedus.query.instruments import instruments

        return instruments(self, state=state, on=on, search=search)

    def instrument(self, instrument_id: str, reading: str = "curated") -> Any:
        """Everything recorded about one instrument (``atop-N``: ATOP's alliance N, shown as
        the curated file covering it unless ``reading="atop"``)."""
        from foedus.query.instruments import instrument

        return instrument(self, instrument_id, reading)  # type: ignore[arg-type]

    def forums(self, a: str | int, b: str | int, on: object) -> ForumsAnswer:
        """Institutions and forums both ``a`` and ``b`` belong to on day ``on``."""
        from foedus.query.forums import forums

        return forums(self, a, b, on)

    def scenario(self, spec: Any, *, credibility: Any = None,
                 joining: Any = None) -> PreparedScenario:
        """A scenario (a dict, a YAML path or a :class:`~foedus.scenario.Scenario`) laid on
        its day's graph; ``.run(draws=10_000, seed=7)`` answers it. The store is never
        written: edits are overlays."""
        from foedus.scenario.engine import prepare

        return prepare(self, spec, credibility=credibility, joining=joining)

    def guarantors(self, target: str | int, on: object,
                   threats: list[str | int] | None = None,
                   weights: dict[str, float] | None = None, *, size: int = 3,
                   draws: int = 1000, seed: int = 7) -> GuarantorsAnswer:
        """Who could guarantee ``target`` on ``on`` against ``threats`` (inferred, with
        reasons, when None): candidates scored and ranked, coalitions tested on the scenario
        engine (docs/guarantors.md)."""
        from foedus.advise.guarantors import guarantors

        return guarantors(self, target, on, threats, weights, size=size, draws=draws,
                          seed=seed)

    def gaps(self, on: object, limit: int | None = 20,
             weights: dict[str, float] | None = None) -> GapsAnswer:
        """States with no credible guarantor against their likely threats on ``on``."""
        from foedus.advise.gaps import gaps

        return gaps(self, on, limit, weights)

    def diff(self, start: object, end: object, *, state: str | int | None = None,
             source: Source = "all") -> DiffAnswer:
        """Commitments that appeared or ended between two days."""
        from foedus.query.diff import diff

        return diff(self, start, end, state=state, source=source)

    # -- the explorer's questions (foedus.query.explore) ----------------------------------
    def network(self, on: object, *, kind: str | list[str] | None = None,
                legal_force: str | list[str] | None = None, region: str | None = None,
                source: Source = "all", limit: int = 1000, offset: int = 0) -> Any:
        """The day's commitments as nodes and (paged) edges, filtered by kind, legal force
        and COW region."""
        from foedus.query.explore import network

        return network(self, on, kind=kind, legal_force=legal_force, region=region,
                       source=source, limit=limit, offset=offset)

    def system(self, on: object) -> Any:
        """The states in the system on ``on``, with ISO3 codes and capitals where known."""
        from foedus.query.explore import system

        return system(self, on)

    def datasets_status(self) -> Any:
        """The imported datasets (version, coverage, checksum) and how to cite each."""
        from foedus.query.explore import datasets_status

        return datasets_status(self)

    def dataset(self, unit: str, **options: Any) -> Any:
        """A researcher dataset (``state_year`` or ``dyad_year``) with the named ``add_*``
        verbs (:func:`foedus.datasets.build.build_dataset`)."""
        from foedus.datasets.build import build_dataset

        return build_dataset(self, unit, **options)


def open(path: Path | str | None = None, *,  # noqa: A001 - mirrors sqlite3.connect
         registry: Registry | Path | str | None = None) -> Session:
    """Open foedus: the store at ``path`` (default ``$FOEDUS_HOME/foedus.duckdb``), answering
    from ``registry`` (default: the bundled registry)."""
    return Session(path, registry=registry)
