"""Answers about a state's own legal status: ``foedus status STATE [--on DATE]``.

Why: "was Austria permanently neutral in 1960?", "did Ukraine hold non-bloc status in 2012?",
"who guarantees Switzerland's neutrality?" are questions about one state's status, not about
promises between states (:mod:`foedus.query`). A status comes from a ``[[status]]`` table in
the instrument that sets it (``docs/registry-format.md``); its guarantors and recognisers are
that instrument's members on the day.

Rules:

* with a day, the statuses holding on it (a proposal's never hold), with the guarantors and
  recognisers whose membership holds on that day; without one, every status the state ever
  held or was proposed, with everyone who ever guaranteed or recognised it;
* a state outside the state system is never refused here: it simply holds no status, unless
  the registry records one set before it entered the system (``pre_system``, marked);
* in :func:`foedus.query.defenders`, the target's statuses on the day are listed
  (``target_status``) and each says whether the attacker guarantees, recognises or is a party
  to the instrument that sets it (``violated_by_attacker``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from foedus.model.states import State
from foedus.query.answers import iso
from foedus.query.common import as_date
from foedus.store import reads

if TYPE_CHECKING:
    from foedus.session import Session as Foedus

__all__ = ["StatusEntry", "StatusAnswer", "status", "target_statuses"]


@dataclass(frozen=True)
class StatusEntry:
    """One status as answered: who holds it, under which instrument, guaranteed by whom."""

    status: str
    instrument_id: str
    instrument_name: str
    legal_force: str
    valid_from: dt.date | None
    valid_to: dt.date | None
    guarantors: tuple[State, ...]
    recognised_by: tuple[State, ...]
    sources: tuple[str, ...]
    article: str = ""
    quote: str = ""
    note: str = ""
    dormant: bool = False
    pre_system: bool = False
    valid_from_precision: str = "day"
    valid_to_precision: str = "day"
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "status": self.status,
            "instrument": {"id": self.instrument_id, "name": self.instrument_name},
            "legal_force": self.legal_force,
            "valid_from": iso(self.valid_from),
            "valid_to": iso(self.valid_to),
            "valid_from_precision": self.valid_from_precision,
            "valid_to_precision": self.valid_to_precision,
            "guarantors": [s.to_json() for s in self.guarantors],
            "recognised_by": [s.to_json() for s in self.recognised_by],
            "article": self.article or None,
            "quote": self.quote or None,
            "note": self.note or None,
            "dormant": self.dormant,
            "pre_system": self.pre_system,
            "sources": list(self.sources),
        }
        out.update(self.extra)
        return out


@dataclass(frozen=True)
class StatusAnswer:
    """A state's statuses on a day (``on``), or over its whole history (``on`` is None)."""

    state: State
    on: dt.date | None
    statuses: list[StatusEntry]

    def to_json(self) -> dict[str, Any]:
        return {"state": self.state.to_json(), "on": iso(self.on),
                "statuses": [s.to_json() for s in self.statuses]}


def _entries(fx: Foedus, ccode: int, day: dt.date | None) -> list[StatusEntry]:
    rows = reads.status_rows(fx.store, ccode, day)
    if not rows:  # most states hold no status: one query, not three
        return []
    parties = reads.status_party_rows(fx.store, [r["status_id"] for r in rows], day)
    out: list[StatusEntry] = []
    for r in rows:
        def side(relation: str, sid: int = r["status_id"]) -> tuple[State, ...]:
            return tuple(fx.states.by_code(p["ccode"]) for p in parties
                         if p["status_id"] == sid and p["relation"] == relation
                         and p["ccode"] != ccode)  # the holder does not recognise itself

        out.append(StatusEntry(
            status=r["status"], instrument_id=r["instrument_id"],
            instrument_name=r["instrument_name"], legal_force=r["legal_force"],
            valid_from=r["valid_from"], valid_to=r["valid_to"],
            guarantors=side("guarantor"), recognised_by=side("recogniser"),
            sources=tuple(r["sources"] or ()), article=r["article"] or "",
            quote=r["quote"] or "", note=r["note"] or "", dormant=bool(r["dormant"]),
            pre_system=bool(r["pre_system"]),
            valid_from_precision=r["valid_from_precision"] or "day",
            valid_to_precision=r["valid_to_precision"] or "day"))
    return out


def status(fx: Foedus, state: str | int, on: object | None = None) -> StatusAnswer:
    """The statuses ``state`` holds on ``on``; with no day, every status in its history."""
    st = fx.state(state)
    day = as_date(on, "--on date") if on is not None else None
    return StatusAnswer(st, day, _entries(fx, st.ccode, day))


def target_statuses(fx: Foedus, target: State, attacker: State,
                    day: dt.date) -> list[StatusEntry]:
    """The target's statuses on ``day``, each marked ``violated_by_attacker`` when the
    attacker guarantees or recognises it, or is bound by the instrument that sets it."""
    entries = _entries(fx, target.ccode, day)
    if not entries:
        return []
    bound = reads.bound_members(fx.store, [e.instrument_id for e in entries],
                                        attacker.ccode, day)
    out: list[StatusEntry] = []
    for e in entries:
        involved = (attacker in e.guarantors or attacker in e.recognised_by
                    or e.instrument_id in bound)
        out.append(StatusEntry(**{**e.__dict__,
                                  "extra": {"violated_by_attacker": involved}}))
    return out
