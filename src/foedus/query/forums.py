"""``forums``: the institutions and forums two states share on a day."""

from __future__ import annotations

from typing import TYPE_CHECKING

from foedus.errors import UsageError
from foedus.query.answers import ForumsAnswer
from foedus.query.common import as_date, member_on
from foedus.query.instruments import instrument_summary
from foedus.store import reads

if TYPE_CHECKING:
    from foedus.session import Session

__all__ = ["forums"]


def forums(session: Session, a: str | int, b: str | int, on: object) -> ForumsAnswer:
    """Institutions and forums both ``a`` and ``b`` belong to on ``on``."""
    sa, sb = session.state(a), session.state(b)
    if sa.ccode == sb.ccode:
        raise UsageError(f"a and b are the same state ({sa.abb}): give two states")
    day = as_date(on, "--on date")
    member_on(session, sa, day)
    member_on(session, sb, day)
    rows = reads.forum_rows(session.store, sa.ccode, sb.ccode, day)
    return ForumsAnswer(sa, sb, day, [instrument_summary(r, session.states) for r in rows])
