"""Organisations as parties: actors that are not states, and their dated member lists.

Why: some instruments bind an organisation itself (the EU's 2024 joint security commitments
to Ukraine). Every query works state-to-state, so an organisation's membership in an
instrument is replaced, on load, by the memberships of its member states on each day: the
intersection of the organisation's spell in the instrument with each state's spell in the
organisation, read from the registry instrument that defines the organisation's membership.
Each derived membership says which organisation it comes through (``via``), and so does
every commitment derived from it (:mod:`foedus.model.commitments`). Actor codes start at
1000, outside the COW range, so they never collide with a state.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from foedus.model.dates import intersect
from foedus.model.instruments import Instrument, Membership, Obligation, Role

__all__ = ["Actor", "ACTORS", "actor_for", "expand_actors"]


@dataclass(frozen=True)
class Actor:
    """An organisation that can be a member of an instrument.

    ``members_from`` is the registry instrument whose ``party`` memberships are the
    organisation's member states, with their dates of accession and withdrawal.
    """

    code: int
    abb: str
    name: str
    members_from: str


ACTORS: tuple[Actor, ...] = (
    Actor(1001, "EU", "European Union", "eu-art-42-7"),
)


def actor_for(ref: object) -> Actor | None:
    """The actor a registry reference (abbreviation, case-insensitive, or code) names."""
    for a in ACTORS:
        if (isinstance(ref, str) and ref.strip().upper() == a.abb) or (
                isinstance(ref, int) and not isinstance(ref, bool) and ref == a.code):
            return a
    return None


def _derived(inst: Instrument, m: Membership, actor: Actor,
             defining: Instrument) -> list[Membership]:
    out: list[Membership] = []
    for dm in defining.members:
        if dm.role is not Role.PARTY:
            continue
        p = intersect(m.period, dm.period)
        if p is None:
            continue
        out.append(Membership(
            ccode=dm.ccode, role=m.role, period=p,
            start=m.start if p.start == m.period.start else dm.start,
            note=f"through the {actor.name} ({actor.abb}): member state per "
                 f"{defining.id} from {dm.period.start}",
            source=m.source, line=m.line,
            end=(m.end if p.end == m.period.end else dm.end) if p.end else None,
            via=actor.abb))
    return out


def expand_actors(inst: Instrument, defining: dict[str, Instrument]) -> Instrument:
    """``inst`` with every actor membership replaced by its member states' memberships,
    and every obligation naming the actor naming those states instead."""
    codes = {a.code: a for a in ACTORS}
    if not any(m.ccode in codes for m in inst.members):
        return inst
    members: list[Membership] = []
    by_actor: dict[int, list[int]] = {}
    for m in inst.members:
        actor = codes.get(m.ccode)
        if actor is None:
            members.append(m)
            continue
        derived = _derived(inst, m, actor, defining[actor.members_from])
        members.extend(derived)
        by_actor.setdefault(actor.code, []).extend(
            d.ccode for d in derived if d.ccode not in by_actor.get(actor.code, []))

    def side(specs: tuple[str | int, ...]) -> tuple[str | int, ...]:
        out: list[str | int] = []
        for s in specs:
            out.extend(by_actor.get(s, []) if isinstance(s, int) and s in codes else [s])
        return tuple(dict.fromkeys(out))

    obligations: list[Obligation] = [
        replace(o, obligors=side(o.obligors), beneficiaries=side(o.beneficiaries))
        for o in inst.obligations]
    return replace(inst, members=tuple(members), obligations=tuple(obligations))
