"""What every question checks first: the day, the source, the states, the coverage.

Why here once: the rules for reading a user's date (a day; a year or month alone means its
first day), for refusing a state outside the state system on the day (naming its predecessor or
successor), and for saying which datasets do not cover a day are the same for every answer.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from foedus.errors import InvalidInputError, UsageError
from foedus.model.dates import parse_date
from foedus.model.limits import last_day
from foedus.model.schema import FIRST_DAY, SOURCES
from foedus.model.states import State

if TYPE_CHECKING:
    from foedus.graph import CommitmentGraph
    from foedus.session import Session
    from foedus.store.reads import Source

__all__ = ["as_date", "check_source", "member_on", "coverage_of", "day_graph"]


def as_date(value: object, what: str = "date") -> dt.date:
    """A day from ``YYYY-MM-DD`` (or ``YYYY-MM`` / ``YYYY``: the first day of that month or
    year), a :class:`datetime.date`/``datetime`` (or a pandas/numpy timestamp); a clear
    :class:`UsageError` otherwise."""
    if isinstance(value, dt.datetime):
        value = value.date()
    elif type(value).__name__ == "datetime64":
        value = str(value)[:10]
    if isinstance(value, dt.date):
        day = value
    else:
        try:
            day = parse_date(str(value).strip()).day
        except ValueError as exc:
            raise UsageError(
                f"bad {what}: {exc}; give YYYY-MM-DD (or YYYY-MM or YYYY, read as the "
                "first day)") from None
    if day < FIRST_DAY:
        raise UsageError(f"bad {what}: {day} is before 1815, where foedus's records begin")
    if day > last_day():
        raise UsageError(f"bad {what}: {day} is after {last_day()}, the last day foedus "
                         f"answers for (days run {FIRST_DAY} to {last_day()})")
    return day


def check_source(source: str) -> None:
    if source not in SOURCES:
        raise InvalidInputError(f"source must be one of {', '.join(SOURCES)}, not {source!r}")


def member_on(session: Session, st: State, day: dt.date, role: str = "") -> None:
    """Refuse a question about a state that is not in the state system on ``day``."""
    from foedus.store.reads import pre_system_on

    if st.member_on(day) or pre_system_on(session.store, st.ccode, day):
        return  # a state bound before it entered the system is answered, marked pre_system
    from foedus.model.lineage import related_codes

    alive = [session.states.by_code(c) for c in related_codes(st.ccode)
             if session.states.by_code(c).member_on(day)]
    hint = f"; on that day see {', '.join(str(s) for s in alive)}" if alive else ""
    spells = ", ".join(str(p) for p in st.spells) or "none"
    raise UsageError(f"{role}{st} is not a member of the state system on {day} "
                     f"(membership: {spells}){hint}")


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
        from foedus.errors import NotFoundError

        raise NotFoundError("ATOP is not imported: run `foedus data import atop PATH` "
                            "(or `foedus data fetch atop`)")
    asked = ["registry", "atop"] if source == "all" else [source]
    read = [d for d in asked if d not in unknown and (d == "registry" or d in imported)]
    return read, unknown


def day_graph(session: Session, day: dt.date, source: Source, *, states: list[int] | None = None,
              beneficiaries: list[int] | None = None) -> CommitmentGraph:
    """The day's whole graph when the session already holds it (or is a long-lived server that
    prefers building it: every later question about that day is then answered from memory),
    else a slice of the store (the states asked about): a one-off question need not read every
    commitment."""
    from foedus.graph import CommitmentGraph

    if session.whole_day_graphs:
        return session.graph(day, source=source)
    whole = session.cached_graph(day, source)
    if whole is not None:
        return whole
    return CommitmentGraph.from_store(session, day, source=source, states=states,
                                      beneficiaries=beneficiaries)
