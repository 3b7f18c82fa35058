"""``diff``: the commitments that appeared or ended between two days."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from foedus.errors import UsageError
from foedus.model.schema import Source
from foedus.query.answers import CommitmentEntry, DiffAnswer, entry_from_record
from foedus.query.common import as_date, check_source, day_graph

if TYPE_CHECKING:
    from foedus.session import Session

__all__ = ["diff"]


def diff(
    session: Session,
    start: object,
    end: object,
    *,
    state: str | int | None = None,
    source: Source = "all",
) -> DiffAnswer:
    """Commitments in force on ``end`` but not ``start`` (appeared), and the reverse (ended).

    When one day lies outside an imported dataset's years and the other inside (ATOP before
    and after 2018), both days are compared on the registry alone: like with like. Presumed
    commitments are never compared.
    """
    d1, d2 = as_date(start, "--from date"), as_date(end, "--to date")
    if d2 < d1:
        raise UsageError(f"to ({d2}) is before from ({d1}); give the earlier date first")
    check_source(source)
    st = session.state(state) if state is not None else None
    states = [st.ccode] if st else None
    g1 = day_graph(session, d1, source, states=states)
    g2 = day_graph(session, d2, source, states=states)
    if g1.unknown != g2.unknown:
        source = "registry"
        g1 = day_graph(session, d1, source, states=states)
        g2 = day_graph(session, d2, source, states=states)

    def keyed(graph: Any) -> dict[tuple[Any, ...], CommitmentEntry]:
        rows = graph.records()
        if st is not None:
            rows = [r for r in rows if st.ccode in (r["obligor"], r["beneficiary"])]
        out = {}
        for r in rows:
            if r["presumed"]:
                continue
            e = entry_from_record(session.states, r, graph.day)
            out[(e.obligor.ccode, e.beneficiary.ccode, e.kind, e.strength or "",
                 e.instrument_id, e.article, e.origin,
                 json.dumps(e.conditions, sort_keys=True))] = e
        return out

    a, b = keyed(g1), keyed(g2)
    appeared = [b[k] for k in sorted(b.keys() - a.keys())]
    ended = [a[k] for k in sorted(a.keys() - b.keys())]
    return DiffAnswer(d1, d2, st, appeared, ended, list(g1.datasets))
