"""``defenders``: who an armed attack by one state on another would engage, and how firmly.

A thin call of :func:`foedus.rules.engaged` (the casus-foederis rules, docs/rules.md) on the
day's :class:`~foedus.graph.CommitmentGraph`, turned into the contract's entries.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from foedus.errors import UsageError
from foedus.model.schema import Source
from foedus.query.answers import CommitmentEntry, DefendersAnswer, entry_from_record
from foedus.query.common import as_date, check_source, day_graph, member_on
from foedus.query.status import target_statuses
from foedus.rules.casus import Hit, engaged

if TYPE_CHECKING:
    from foedus.session import Session

__all__ = ["defenders"]


def defenders(
    session: Session,
    target: str | int,
    attacker: str | int,
    on: object,
    *,
    source: Source = "all",
) -> DefendersAnswer:
    """Who an armed attack by ``attacker`` on ``target`` on day ``on`` would engage, and how."""
    tgt, att = session.state(target), session.state(attacker)
    if tgt.ccode == att.ccode:
        raise UsageError("target and attacker are the same state")
    day = as_date(on, "--on date")
    check_source(source)
    member_on(session, tgt, day, "target ")
    member_on(session, att, day, "attacker ")
    graph = day_graph(session, day, source, beneficiaries=[tgt.ccode, att.ccode])
    found = engaged(graph, tgt.ccode, att.ccode)

    def entries(hits: list[Hit]) -> list[CommitmentEntry]:
        out = []
        for h in hits:
            e = entry_from_record(session.states, h.edge, day)
            extra = {"state": e.obligor.to_json(day), "reason": h.reason}
            if h.side is not None:
                extra["side"] = h.side
            out.append(e.with_extra(**extra))
        return out

    return DefendersAnswer(
        tgt, att, day, entries(found.bound), entries(found.consult), entries(found.neutral),
        entries(found.assurances), entries(found.conflicted), entries(found.violated),
        entries(found.aid), entries(found.presumed), entries(found.restraint),
        entries(found.dormant), target_statuses(session, tgt, att, day), list(graph.datasets),
        list(graph.unknown))
