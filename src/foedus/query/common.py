"""What every question checks first: the day, the source, the states, the coverage.

Why here once: the rules for reading a user's date (a day; a year or month alone means its
first day), for refusing a state outside the state system on the day (naming its predecessor or
successor), and for saying which datasets do not cover a day are the same for every answer.
"""

from __future__ import annotations

import datetime as dt

from foedus.errors import UsageError
from foedus.graph import CommitmentGraph
from foedus.model.dates import as_date
from foedus.model.lineage import related_codes
from foedus.model.schema import Source, check_source
from foedus.model.states import State
from foedus.session import Session, coverage_of
from foedus.store.reads import pre_system_on

__all__ = ["as_date", "check_source", "member_on", "coverage_of", "day_graph"]


def member_on(session: Session, st: State, day: dt.date, role: str = "") -> None:
    """Refuse a question about a state that is not in the state system on ``day``."""
    if st.member_on(day) or pre_system_on(session.store, st.ccode, day):
        return  # a state bound before it entered the system is answered, marked pre_system
    alive = [session.states.by_code(c) for c in related_codes(st.ccode)
             if session.states.by_code(c).member_on(day)]
    hint = f"; on that day see {', '.join(str(s) for s in alive)}" if alive else ""
    spells = ", ".join(str(p) for p in st.spells) or "none"
    raise UsageError(f"{role}{st} is not a member of the state system on {day} "
                     f"(membership: {spells}){hint}")


def day_graph(session: Session, day: dt.date, source: Source, *, states: list[int] | None = None,
              beneficiaries: list[int] | None = None) -> CommitmentGraph:
    """The day's whole graph when the session already holds it (or is a long-lived server that
    prefers building it: every later question about that day is then answered from memory),
    else a slice of the store (the states asked about): a one-off question need not read every
    commitment."""
    if session.whole_day_graphs:
        return session.graph(day, source=source)
    whole = session.cached_graph(day, source)
    if whole is not None:
        return whole
    return session.read_graph(day, source=source, states=states, beneficiaries=beneficiaries)
