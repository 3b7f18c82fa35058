"""``foedus restraints STATE --on DATE``: the restraint a state receives and gives, and its fate.

Why: a restraint (a force limit, an inspection regime, a promise not to deploy or station) is
owed to the states whose security it serves, and the question about it is not only "is it in
force?" but "what became of it?": suspended by whom since when, withdrawn from (effective after
the notice period), expired, or in force but found violated. The graph of a day holds only what
is in force; this answer reads the registry's instruments themselves (their commitments over
all time, suspensions and dated life events, ``docs/registry-format.md``) so that lapsed
restraints are answered with their day.

Rules (tested in ``tests/test_restraints.py``):

* a restraint is a registry commitment with ``aim = "restraint"`` (force limits and inspection
  regimes always are); one entry per obligor, beneficiary, instrument and article;
* it is listed on a day once it has been in force on or before that day, or, for a proposal,
  once it was made by then (its ``signed`` date, else its members' first day; status
  ``proposed``: never in force);
* status on the day: ``in_force`` (``found_violated`` when a violation by the obligor was found,
  by a party or an organ, on or before the day and the restraint is still in force);
  otherwise, of the spell that ended last: ``suspended`` (a formal suspension covers the day;
  ``by`` the suspending state), ``withdrawn`` (the obligor's or the beneficiary's membership
  ended, or the instrument ended, by a withdrawal), ``expired`` (its term), ``terminated``
  (replaced or ended by agreement), ``abrogated``; ``since`` is the day the status began;
* ``reverse`` gives the status of the same restraint owed the other way (beneficiary to
  obligor) on the day, because a restraint that one side has suspended is seldom kept long by
  the other.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from foedus.model.commitments import Commitment, commitments_from_instrument
from foedus.model.instruments import Instrument, LegalForce, Obligation
from foedus.model.restraints import EventType, LifeEvent
from foedus.model.states import State
from foedus.query.answers import iso
from foedus.query.common import as_date

if TYPE_CHECKING:
    from foedus.registry.loader import Registry
    from foedus.session import Session

__all__ = ["RestraintEntry", "RestraintsAnswer", "restraints", "restraint_entries",
           "LAPSED", "status_of"]

LAPSED = ("suspended", "withdrawn", "expired", "terminated", "abrogated", "ended")


@dataclass(frozen=True)
class RestraintEntry:
    """One restraint owed by ``obligor`` to ``beneficiary`` under one article, on a day."""

    obligor: State
    beneficiary: State
    instrument: Instrument
    obligation: Obligation
    status: str
    since: dt.date | None
    by: tuple[State, ...] = ()
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    reverse: str | None = None
    reverse_since: dt.date | None = None
    events: tuple[str, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def legal_force(self) -> str:
        return (self.obligation.legal_force or self.instrument.legal_force).value

    def to_json(self) -> dict[str, Any]:
        ob, inst = self.obligation, self.instrument
        out: dict[str, Any] = {
            "obligor": self.obligor.to_json(),
            "beneficiary": self.beneficiary.to_json(),
            "instrument": {"id": inst.id, "name": inst.name, "short": inst.short},
            "kind": ob.kind.value,
            "article": ob.article,
            "legal_force": self.legal_force,
            "quote": ob.quote or None,
            "limits": [lim.to_json() for lim in ob.limits],
            "verification": ob.verification or None,
            "status": self.status,
            "since": iso(self.since),
            "by": [s.to_json() for s in self.by],
            "valid_from": iso(self.valid_from),
            "valid_to": iso(self.valid_to),
            "reverse": self.reverse,
            "reverse_since": iso(self.reverse_since),
            "events": list(self.events),
            "sources": [s.url for s in inst.sources],
        }
        out.update(self.extra)
        return out


@dataclass(frozen=True)
class RestraintsAnswer:
    """What restraint ``state`` receives from and gives to each other state on ``on``."""

    state: State
    on: dt.date
    received: list[RestraintEntry]
    given: list[RestraintEntry]

    def to_json(self) -> dict[str, Any]:
        return {"state": self.state.to_json(), "on": self.on.isoformat(),
                "received": [e.to_json() for e in self.received],
                "given": [e.to_json() for e in self.given],
                "datasets": ["registry"]}


def _event_text(e: LifeEvent, name: dict[int, str]) -> str:
    who = ", ".join(name.get(c, str(c)) for c in e.states) or "all parties"
    found = ", ".join(name.get(f, str(f)) if isinstance(f, int) else f for f in e.found_by)
    text = f"{e.on} {e.type.value}{'' if e.formal else ' (announced, political)'}: {who}"
    if found:
        text += f", found by {found}"
    if e.effective:
        text += f" (effective {e.effective})"
    return text


def _concerns(e: LifeEvent, o: int, b: int) -> bool:
    return not e.states or o in e.states or b in e.states


def status_of(inst: Instrument, ob: Obligation, spells: list[Commitment], o: int, b: int,
              day: dt.date) -> tuple[str, dt.date | None, tuple[int, ...]] | None:
    """(status, since, by) of ``o``'s restraint toward ``b`` on ``day``; None when it had not
    begun (or, for a proposal, was not yet made) by then."""
    if inst.legal_force is LegalForce.PROPOSAL or ob.legal_force is LegalForce.PROPOSAL:
        starts = [m.period.start for m in inst.members]
        made = inst.signed.day if inst.signed else (min(starts) if starts else None)
        return ("proposed", made, ()) if made is None or made <= day else None
    began = [c.valid for c in spells if c.valid is not None and c.valid.start <= day]
    if not began:
        return None
    for p in began:
        if p.contains(day):
            found = [e for e in inst.events if e.type is EventType.VIOLATION and e.formal
                     and o in e.states and e.on <= day and e.on >= p.start]
            if found:
                return "found_violated", found[-1].on, (o,)
            return "in_force", p.start, ()
    if _window_runs(inst, ob, o, b, day):
        for s in inst.suspensions:
            if s.applies(o, b, ob.article) and s.period.contains(day):
                return "suspended", s.period.start, (s.obligor,) if s.obligor else (
                    (s.beneficiary,) if s.beneficiary else ())
        return "ended", max(p.end for p in began if p.end is not None), ()
    end = _window_end(inst, ob, o, b, day, max(p.start for p in began))
    on_end = [e for e in inst.events if e.on == end and _concerns(e, o, b)]
    for etype, status in ((EventType.WITHDRAWAL, "withdrawn"), (EventType.ABROGATION,
                          "abrogated"), (EventType.EXPIRY, "expired"),
                          (EventType.TERMINATION, "terminated")):
        hits = [e for e in on_end if e.type is etype]
        if hits:
            return status, end, hits[0].states
    if ob.period is not None and ob.period.end == end:
        return "expired", end, ()
    if inst.terminated is not None and inst.terminated.day == end:
        return "terminated", end, ()
    left = tuple(m.ccode for m in inst.members if m.period.end == end and m.ccode in (o, b))
    return ("withdrawn" if left else "ended"), end, left


def _member_on(inst: Instrument, code: int, day: dt.date) -> bool:
    return any(m.ccode == code and m.period.contains(day) and m.role.value not in
               ("signatory", "observer") for m in inst.members)


def _window_runs(inst: Instrument, ob: Obligation, o: int, b: int, day: dt.date) -> bool:
    """The instrument, the obligation's own term and both memberships run on ``day``: only a
    suspension can then explain a lapse."""
    return (inst.period is not None and inst.period.contains(day)
            and (ob.period is None or ob.period.contains(day))
            and _member_on(inst, o, day) and _member_on(inst, b, day))


def _window_end(inst: Instrument, ob: Obligation, o: int, b: int, day: dt.date,
                after: dt.date) -> dt.date:
    """The first boundary after the last spell began (``after``) that closed the window:
    termination, the obligation's term, or the end of the obligor's or beneficiary's
    membership (whoever left first ended the restraint between them)."""
    ends = [m.period.end for m in inst.members if m.ccode in (o, b) and m.period.end
            and m.period.end <= day and not _member_on(inst, m.ccode, day)]
    if inst.terminated is not None and inst.terminated.day <= day:
        ends.append(inst.terminated.day)
    if ob.period is not None and ob.period.end is not None and ob.period.end <= day:
        ends.append(ob.period.end)
    ends = [e for e in ends if e > after]
    return min(ends) if ends else day


def _restraint_obligations(reg: Registry) -> Iterable[tuple[Instrument, Obligation,
                                                            list[Commitment]]]:
    for inst in reg:
        obs = [ob for ob in inst.obligations if ob.aim == "restraint"]
        if not obs:
            continue
        for ob in obs:  # one obligation at a time: its own commitments, exactly
            yield inst, ob, commitments_from_instrument(replace(inst, obligations=(ob,)))


def restraint_entries(session: Session, day: dt.date, *, obligor: int | None = None,
                      beneficiary: int | None = None) -> list[RestraintEntry]:
    """Every restraint entry on ``day`` with the given obligor and/or beneficiary."""
    st = session.states
    name = {s.ccode: s.abb for s in st}
    out: list[RestraintEntry] = []
    for inst, ob, commitments in _restraint_obligations(session.registry):
        pairs: dict[tuple[int, int], list[Commitment]] = {}
        for c in commitments:
            if (obligor is None or c.obligor == obligor) and (
                    beneficiary is None or c.beneficiary == beneficiary):
                pairs.setdefault((c.obligor, c.beneficiary), []).append(c)
        every = {(c.obligor, c.beneficiary): c for c in commitments}
        for (o, b), spells in sorted(pairs.items()):
            got = status_of(inst, ob, spells, o, b, day)
            if got is None:
                continue
            status, since, by = got
            if status not in ("in_force", "found_violated", "proposed") and not (
                    st.by_code(o).member_on(day) and st.by_code(b).member_on(day)):
                continue  # a state that no longer exists (Czechoslovakia) lost nothing
            rev = None
            if (b, o) in every:
                rev = status_of(inst, ob, [c for c in commitments if c.obligor == b
                                           and c.beneficiary == o], b, o, day)
            valid = [c.valid for c in spells if c.valid is not None and c.valid.start <= day]
            last = max(valid, key=lambda p: p.start) if valid else None
            events = tuple(_event_text(e, name) for e in inst.events
                           if e.on <= day and _concerns(e, o, b))
            out.append(RestraintEntry(
                obligor=st.by_code(o), beneficiary=st.by_code(b), instrument=inst,
                obligation=ob, status=status, since=since,
                by=tuple(st.by_code(x) for x in by),
                valid_from=last.start if last else None, valid_to=last.end if last else None,
                reverse=rev[0] if rev else None, reverse_since=rev[1] if rev else None,
                events=events))
    order = {"in_force": 0, "found_violated": 1, "suspended": 2, "proposed": 9}
    out.sort(key=lambda e: (order.get(e.status, 5), e.instrument.id, e.obligation.article,
                            e.obligor.abb, e.beneficiary.abb))
    return out


def restraints(session: Session, state: str | int, on: object) -> RestraintsAnswer:
    """The restraint ``state`` receives from each other state on ``on``, and what it gives."""
    st = session.state(state)
    day = as_date(on, "--on date")
    return RestraintsAnswer(st, day, restraint_entries(session, day, beneficiary=st.ccode),
                            restraint_entries(session, day, obligor=st.ccode))
