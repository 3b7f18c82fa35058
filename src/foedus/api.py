"""The Python API: one session object over the store.

Why: users (and the CLI, the web app, notebooks) open foedus once and ask many questions;
:class:`Foedus` holds the open store, the state system and the validated registry, and makes
sure the store's registry tables match the registry files (rebuilding them if not).

>>> import foedus
>>> fx = foedus.open()                                            # doctest: +SKIP
>>> [s.abb for s in fx.defenders("EST", "RUS", "2025-01-01").bound_states()]  # doctest: +SKIP
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from foedus import query
from foedus.model.states import State, StateSystem
from foedus.registry.loader import Registry, load_registry
from foedus.store.core import Store
from foedus.store.reads import Source
from foedus.store.registry_tables import ensure_registry

if TYPE_CHECKING:
    from foedus.status_query import StatusAnswer

__all__ = ["Foedus", "open"]


class Foedus:
    """An open foedus: store + state system + registry, with the query methods."""

    def __init__(self, path: Path | str | None = None, *,
                 registry_dir: Path | None = None, wait: float = 30.0) -> None:
        self.registry: Registry = load_registry(registry_dir)
        self.states: StateSystem = self.registry.states
        self.store = self._open_store(path, wait)
        self.rebuilt = ensure_registry(self.store, self.registry)
        self._sources: dict[str, tuple[str, ...]] | None = None

    def _open_store(self, path: Path | str | None, wait: float = 30.0) -> Store:
        """Open read-only when the store is up to date, so that several foedus processes can
        answer questions at once; read-write only when the registry tables must be (re)built.
        While another process holds the store for writing (a first build, an import), wait
        for it — up to ``wait`` seconds — and then read what it built.
        """
        import time

        from foedus.config import store_path
        from foedus.errors import StoreError
        from foedus.store.registry_tables import registry_is_current

        if path is not None and str(path) == ":memory:":
            return Store(path)
        target = Path(str(path)) if path is not None else store_path()
        deadline = time.monotonic() + wait
        pause = 0.05
        while True:
            if target.exists():
                try:
                    ro = Store(target, read_only=True)
                except StoreError:
                    ro = None
                if ro is not None:
                    if registry_is_current(ro, self.registry):
                        return ro
                    ro.close()
            try:
                return Store(target)
            except StoreError:
                if time.monotonic() > deadline:
                    raise
            time.sleep(pause)
            pause = min(pause * 2, 1.0)

    def sources_of(self, instrument_id: str, atop_id: int | None = None) -> tuple[str, ...]:
        """Source URLs for a commitment's instrument (registry) or ATOP alliance."""
        if self._sources is None:
            from foedus.store.reads import instrument_sources

            self._sources = instrument_sources(self.store)
        found = self._sources.get(instrument_id)
        if found is not None:
            return found
        if atop_id is not None:
            return (f"http://www.atopdata.org/ (ATOP 5.1, atopid {atop_id})",)
        return ()

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Foedus:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def state(self, ref: str | int | State) -> State:
        """Resolve a state by COW code, abbreviation or name (case-insensitive)."""
        if isinstance(ref, State):
            return ref
        return self.states.lookup(ref)

    def commitments(self, state: str | int, on: object, *, direction: str = "both",
                    kind: str | None = None, source: Source = "all") -> query.CommitmentsAnswer:
        return query.commitments(self, state, on, direction=direction, kind=kind, source=source)

    def defenders(self, target: str | int, attacker: str | int, on: object, *,
                  source: Source = "all") -> query.DefendersAnswer:
        return query.defenders(self, target, attacker, on, source=source)

    def status(self, state: str | int, on: object | None = None) -> StatusAnswer:
        """The state's own legal statuses on ``on`` (every one in its history if None)."""
        from foedus.status_query import status

        return status(self, state, on)

    def instruments(self, *, state: str | int | None = None, on: object | None = None,
                    search: str | None = None) -> list[dict[str, Any]]:
        return query.instruments(self, state=state, on=on, search=search)

    def instrument(self, instrument_id: str) -> dict[str, Any]:
        return query.instrument(self, instrument_id)

    def forums(self, a: str | int, b: str | int, on: object) -> query.ForumsAnswer:
        return query.forums(self, a, b, on)

    def diff(self, start: object, end: object, *, state: str | int | None = None,
             source: Source = "all") -> query.DiffAnswer:
        return query.diff(self, start, end, state=state, source=source)


def open(path: Path | str | None = None) -> Foedus:  # noqa: A001 - mirrors sqlite3.connect
    """Open the store at ``path`` (default: ``$FOEDUS_HOME/foedus.duckdb``)."""
    return Foedus(path)
