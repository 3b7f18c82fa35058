"""``commitments``: what a state gives, receives, or both, on a day."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from foedus.errors import InvalidInputError, UsageError
from foedus.model.instruments import Kind
from foedus.model.schema import Source
from foedus.query.answers import CommitmentsAnswer, entry_from_record
from foedus.query.common import as_date, check_source, day_graph, member_on

if TYPE_CHECKING:
    from foedus.session import Session

__all__ = ["commitments", "DIRECTIONS", "parse_kind"]

DIRECTIONS = ("given", "received", "both")


def parse_kind(kind: str | None) -> str | None:
    """A kind name, case-insensitive; an :class:`InvalidInputError` listing the kinds."""
    if not kind:
        return None
    try:
        return Kind(kind.strip().lower()).value
    except ValueError:
        raise InvalidInputError(f"kind must be one of {', '.join(k.value for k in Kind)}, "
                                f"not {kind!r}") from None


def commitments(
    session: Session,
    state: str | int,
    on: object,
    *,
    direction: str = "both",
    kind: str | None = None,
    source: Source = "all",
    partner: str | int | None = None,
) -> CommitmentsAnswer:
    """Commitments in force on ``on`` that ``state`` gives, receives, or both; with
    ``partner``, only those between the two. Presumed ATOP commitments (after 2018) are
    listed apart."""
    st = session.state(state)
    day = as_date(on, "--on date")
    check_source(source)
    if direction not in DIRECTIONS:
        raise InvalidInputError(f"direction must be one of {', '.join(DIRECTIONS)}, "
                                f"not {direction!r}")
    wanted_kind = parse_kind(kind)
    member_on(session, st, day)
    other = session.state(partner) if partner is not None else None
    if other is not None and other.ccode == st.ccode:  # the filter would keep every row
        raise UsageError(f"state and with are the same state ({st.abb}): give another "
                         "state, or no with to see all of its commitments")
    graph = day_graph(session, day, source, states=[st.ccode])
    rows: list[dict[str, Any]] = []
    if direction in ("given", "both"):
        rows.extend(graph.owed_by(st.ccode))
    if direction in ("received", "both"):
        rows.extend(graph.owed_to(st.ccode))
    if wanted_kind:
        rows = [r for r in rows if r["kind"] == wanted_kind]
    if other is not None:
        rows = [r for r in rows if other.ccode in (r["obligor"], r["beneficiary"])]
    rows.sort(key=_order)
    entries = [entry_from_record(session.states, r, day) for r in rows]
    return CommitmentsAnswer(st, day, direction, [e for e in entries if not e.presumed],
                             list(graph.datasets), list(graph.unknown),
                             [e for e in entries if e.presumed], other)


def _order(r: dict[str, Any]) -> tuple[Any, ...]:
    return (r["instrument_id"], r["obligor"], r["beneficiary"], r["kind"], r["valid_from"])
