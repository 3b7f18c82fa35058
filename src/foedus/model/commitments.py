"""Commitments: the directed edges derived from instruments.

Why: users ask "who is bound to defend X?", not "what does article 5 say?". A
:class:`Commitment` is one obligor's promise to one beneficiary, with its kind, strength, legal
force, conditions and the half-open period in which it holds. It is derived, never written by
hand, so that a membership change, a suspension or an edited architecture (a proposed peace
settlement) changes the edges consistently.

Rules (tested in ``tests/model/test_commitments.py``):

* A mutual obligation (``among_parties``) binds every party to every other party.
* A commitment holds while the instrument is in force, the obligation's own period (if any)
  runs, and both states are members in the roles the obligation names.
* A formal suspension removes its days; a political freeze (``formal=False``) removes none.
* A proposal yields commitments with no period at all: they are never in force.
* ``aim`` and ``dormant`` pass from the obligation unchanged; ``via`` names the organisation
  (``"EU"``) through whose membership a side is bound, when it is bound only that way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from foedus.model.dates import Period, intersect, subtract
from foedus.model.instruments import (
    Conditions,
    Instrument,
    Kind,
    LegalForce,
    Membership,
    Obligation,
    Role,
    Strength,
)

__all__ = ["Commitment", "commitments_from_instrument", "merge_periods"]


@dataclass(frozen=True)
class Commitment:
    """obligor → beneficiary: one promise, with everything needed to judge it."""

    obligor: int
    beneficiary: int
    kind: Kind
    strength: Strength
    legal_force: LegalForce
    instrument_id: str
    instrument_name: str
    valid: Period | None  # None: never in force (a proposal)
    conditions: Conditions = field(default_factory=Conditions)
    article: str = ""
    quote: str = ""
    sources: tuple[str, ...] = ()
    origin: str = "registry"  # "registry" or "atop"
    note: str = ""
    valid_from_precision: str = "day"  # "month"/"year": the source knows no more
    valid_to_precision: str = "day"
    aim: str = "support"  # or "restraint": a promise to refrain, never support
    dormant: bool = False  # formal only: in force, but no party treats it as operative
    via: str = ""  # the organisation a side is bound through ("EU"), "" when direct

    def in_force_on(self, day: object) -> bool:
        assert isinstance(day, dt.date)
        return (not self.legal_force.never_in_force and self.valid is not None
                and self.valid.contains(day))


def merge_periods(periods: Iterable[Period]) -> list[Period]:
    """Sort and merge overlapping or touching periods."""
    out: list[Period] = []
    for p in sorted(periods):
        if out and (out[-1].end is None or p.start <= out[-1].end):
            last = out[-1]
            end = None if last.end is None or p.end is None else max(last.end, p.end)
            out[-1] = Period(last.start, end)
        else:
            out.append(p)
    return out


def _spells(inst: Instrument, spec: str | int) -> dict[int, list[Period]]:
    """Membership spells of the states a spec names (a role name, or a COW code)."""
    out: dict[int, list[Period]] = {}
    m: Membership
    for m in inst.members:
        if isinstance(spec, int):
            ok = m.ccode == spec and m.role not in (Role.SIGNATORY, Role.OBSERVER)
        else:
            ok = m.role == Role(spec)
        if ok:
            out.setdefault(m.ccode, []).append(m.period)
    return out


def _side(inst: Instrument, specs: Iterable[str | int]) -> dict[int, list[Period]]:
    side: dict[int, list[Period]] = {}
    for spec in specs:
        for code, spells in _spells(inst, spec).items():
            side.setdefault(code, []).extend(spells)
    return side


def commitments_from_instrument(inst: Instrument) -> list[Commitment]:
    """Every directed commitment an instrument creates, with its validity periods."""
    out: list[Commitment] = []
    for ob in inst.obligations:
        out.extend(_from_obligation(inst, ob))
    return out


def _from_obligation(inst: Instrument, ob: Obligation) -> list[Commitment]:
    if ob.among_parties:
        obligors = beneficiaries = _side(inst, [Role.PARTY.value])
    else:
        obligors = _side(inst, ob.obligors)
        beneficiaries = _side(inst, ob.beneficiaries)
    legal_force = ob.legal_force or inst.legal_force
    window = inst.period
    if window is not None and ob.period is not None:
        window = intersect(window, ob.period)
    never = legal_force.never_in_force or inst.period is None
    precision = _precisions(inst)
    via = _vias(inst)
    out: list[Commitment] = []
    for o, o_spells in sorted(obligors.items()):
        for b, b_spells in sorted(beneficiaries.items()):
            if o == b:
                continue
            periods: list[Period | None]
            if never:
                periods = [None]
            elif window is None:
                continue
            else:
                periods = list(_pair_periods(inst, o, b, o_spells, b_spells, window))
            for valid in periods:
                out.append(
                    Commitment(
                        obligor=o,
                        beneficiary=b,
                        kind=ob.kind,
                        strength=ob.strength,
                        legal_force=legal_force,
                        instrument_id=inst.id,
                        instrument_name=inst.name,
                        valid=valid,
                        conditions=ob.conditions,
                        article=ob.article,
                        quote=ob.quote,
                        sources=tuple(s.url for s in inst.sources),
                        note=ob.note,
                        valid_from_precision=precision.get(valid.start, "day")
                        if valid else "day",
                        valid_to_precision=precision.get(valid.end, "day")
                        if valid and valid.end else "day",
                        aim=ob.aim,
                        dormant=ob.dormant,
                        via=via.get(o) or via.get(b) or "",
                    )
                )
    return out


def _vias(inst: Instrument) -> dict[int, str]:
    """For each state bound only through an organisation's membership, that organisation."""
    seen: dict[int, set[str]] = {}
    for m in inst.members:
        seen.setdefault(m.ccode, set()).add(m.via)
    return {code: sorted(v)[0] for code, v in seen.items() if "" not in v}


def _precisions(inst: Instrument) -> dict[object, str]:
    """For each boundary day written with less than day precision, that precision.

    A commitment's validity starts and ends on boundaries taken from the instrument (entry
    into force, termination) or a membership (from, to); when such a boundary was written
    as a month or a year, the commitment's date is only that precise.
    """
    out: dict[object, str] = {}
    dates = [inst.in_force, inst.terminated, *(m.start for m in inst.members),
             *(m.end for m in inst.members)]
    for fd in dates:
        if fd is not None and fd.precision.value != "day":
            out[fd.day] = fd.precision.value
    return out


def _pair_periods(
    inst: Instrument,
    o: int,
    b: int,
    o_spells: list[Period],
    b_spells: list[Period],
    window: Period,
) -> list[Period]:
    raw: list[Period] = []
    for po in o_spells:
        for pb in b_spells:
            p = intersect(po, pb)
            if p is not None:
                p = intersect(p, window)
            if p is not None:
                raw.append(p)
    periods = merge_periods(raw)
    for s in inst.suspensions:
        if s.applies(o, b):
            periods = [q for p in periods for q in subtract(p, s.period)]
    return periods
