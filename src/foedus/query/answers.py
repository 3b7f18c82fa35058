"""Typed answers, each with ``to_json()`` — the stable JSON contract (README).

Why: a question is answered once, in the engine; the Python API returns these objects, the
CLI and the web only display ``to_json()`` (or fields of it). Nothing else builds a payload.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from foedus.model.states import State

if TYPE_CHECKING:
    from foedus.model.states import StateSystem
    from foedus.query.status import StatusEntry

__all__ = [
    "CommitmentEntry",
    "CommitmentsAnswer",
    "DefendersAnswer",
    "DiffAnswer",
    "ForumsAnswer",
    "InstrumentsAnswer",
    "InstrumentAnswer",
    "entry_from_record",
    "iso",
]

ENTRY_KEYS = ("from", "to", "kind", "strength", "legal_force", "instrument", "conditions",
              "valid_from", "valid_to", "valid_from_precision", "valid_to_precision",
              "sources", "article", "source", "presumed")


def iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


@dataclass(frozen=True)
class CommitmentEntry:
    """One commitment as answered: states resolved, ready for JSON."""

    obligor: State
    beneficiary: State
    kind: str
    strength: str | None
    legal_force: str
    instrument_id: str
    instrument_name: str
    conditions: dict[str, Any]
    valid_from: dt.date | None
    valid_to: dt.date | None
    sources: tuple[str, ...]
    article: str = ""
    origin: str = "registry"
    atop_id: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    valid_from_precision: str = "day"
    valid_to_precision: str = "day"
    presumed: bool = False
    quote: str = ""
    aim: str = "support"
    dormant: bool = False
    via: str = ""
    pre_system: bool = False
    on: dt.date | None = None  # the day asked about: states are named as they were then

    @property
    def adversaries(self) -> list[int]:
        return list(self.conditions.get("adversaries") or [])

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "from": self.obligor.to_json(self.on),
            "to": self.beneficiary.to_json(self.on),
            "kind": self.kind,
            "strength": self.strength,
            "legal_force": self.legal_force,
            "instrument": {"id": self.instrument_id, "name": self.instrument_name},
            "conditions": {k: list(v) if isinstance(v, list) else v
                           for k, v in self.conditions.items()},
            "valid_from": iso(self.valid_from),
            "valid_to": iso(self.valid_to),
            "valid_from_precision": self.valid_from_precision,
            "valid_to_precision": self.valid_to_precision,
            "sources": list(self.sources),
            "article": self.article or None,
            "source": self.origin,
            "presumed": self.presumed,
            "aim": self.aim,
            "dormant": self.dormant,
            "via": self.via or None,
            "pre_system": self.pre_system,
        }
        if self.atop_id is not None:
            out["atop_id"] = self.atop_id
        out.update(self.extra)
        return out

    def with_extra(self, **extra: Any) -> CommitmentEntry:
        return CommitmentEntry(**{**self.__dict__, "extra": {**self.extra, **extra}})


@functools.lru_cache(maxsize=4096)
def _conditions(text: str | None) -> dict[str, Any]:
    """Parsed conditions JSON (shared, read-only: many commitments carry the same)."""
    empty: dict[str, Any] = {"adversaries": [], "territory": None, "non_provocation": False,
                             "war": None, "other": None, "object": [], "object_scope": None}
    if not text:
        return empty
    # every entry carries the same keys: the object (docs/rules.md §4.6) is empty when the
    # source has none (ATOP's own conditions, stores written before it existed)
    return {"object": [], "object_scope": None, **json.loads(text)}


def entry_from_record(states: StateSystem, r: dict[str, Any],
                      day: dt.date | None = None) -> CommitmentEntry:
    """A graph row (or a store row in the schema's columns) as an answer entry; with ``day``,
    marked ``pre_system`` when a side is outside the state system on that day (a membership
    the registry records before the state entered the system, e.g. Luxembourg in 1867)."""
    obligor, beneficiary = states.by_code(r["obligor"]), states.by_code(r["beneficiary"])
    return CommitmentEntry(
        obligor=obligor, beneficiary=beneficiary,
        kind=r["kind"], strength=r["strength"] or None, legal_force=r["legal_force"],
        instrument_id=r["instrument_id"], instrument_name=r["instrument_name"],
        conditions=_conditions(r.get("conditions")), valid_from=r["valid_from"],
        valid_to=r["valid_to"], sources=tuple(r.get("sources") or ()),
        article=r.get("article") or "", origin=r.get("origin") or "registry",
        atop_id=r.get("atop_id"),
        valid_from_precision=r.get("valid_from_precision") or "day",
        valid_to_precision=r.get("valid_to_precision") or "day",
        presumed=bool(r.get("presumed")), quote=r.get("quote") or "",
        aim=r.get("aim") or "support", dormant=bool(r.get("dormant")), via=r.get("via") or "",
        pre_system=day is not None and not (obligor.member_on(day)
                                            and beneficiary.member_on(day)),
        on=day,
    )


@dataclass(frozen=True)
class CommitmentsAnswer:
    """Commitments a state gives, receives or both on a day."""

    state: State
    on: dt.date
    direction: str
    commitments: list[CommitmentEntry]
    datasets: list[str] = field(default_factory=lambda: ["registry"])
    unknown: list[str] = field(default_factory=list)
    presumed: list[CommitmentEntry] = field(default_factory=list)
    partner: State | None = None

    def to_json(self) -> dict[str, Any]:
        return {"state": self.state.to_json(self.on), "on": self.on.isoformat(),
                "direction": self.direction,
                "with": self.partner.to_json(self.on) if self.partner else None,
                "commitments": [c.to_json() for c in self.commitments],
                "presumed": [c.to_json() for c in self.presumed],
                "datasets": self.datasets, "unknown": self.unknown}


DEFENDER_LISTS = ("bound", "consult", "neutral", "assurances", "conflicted", "violated", "aid",
                  "presumed", "restraint", "dormant")


@dataclass(frozen=True)
class DefendersAnswer:
    """Who an armed attack by ``attacker`` on ``target`` would engage, by category; each
    entry carries ``state`` (the obligor), ``reason`` and, in ``conflicted``, ``side``."""

    target: State
    attacker: State
    on: dt.date
    bound: list[CommitmentEntry]
    consult: list[CommitmentEntry]
    neutral: list[CommitmentEntry]
    assurances: list[CommitmentEntry]
    conflicted: list[CommitmentEntry]
    violated: list[CommitmentEntry]
    aid: list[CommitmentEntry] = field(default_factory=list)
    presumed: list[CommitmentEntry] = field(default_factory=list)
    restraint: list[CommitmentEntry] = field(default_factory=list)
    dormant: list[CommitmentEntry] = field(default_factory=list)
    target_status: list[StatusEntry] = field(default_factory=list)
    datasets: list[str] = field(default_factory=lambda: ["registry"])
    unknown: list[str] = field(default_factory=list)

    def bound_states(self) -> list[State]:
        """The distinct states bound to defend, in COW-code order."""
        return sorted({e.obligor.ccode: e.obligor for e in self.bound}.values(),
                      key=lambda s: s.ccode)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"target": self.target.to_json(self.on),
                               "attacker": self.attacker.to_json(self.on),
                               "on": self.on.isoformat()}
        for name in DEFENDER_LISTS:
            out[name] = [e.to_json() for e in getattr(self, name)]
        out["target_status"] = [s.to_json() for s in self.target_status]
        out["datasets"] = self.datasets
        out["unknown"] = self.unknown
        return out


@dataclass(frozen=True)
class ForumsAnswer:
    """Forums and institutions two states share on a day."""

    a: State
    b: State
    on: dt.date
    forums: list[dict[str, Any]]

    def to_json(self) -> dict[str, Any]:
        return {"a": self.a.to_json(self.on), "b": self.b.to_json(self.on),
                "on": self.on.isoformat(),
                "forums": self.forums}


@dataclass(frozen=True)
class DiffAnswer:
    """Commitments that appeared or ended between two days."""

    start: dt.date
    end: dt.date
    state: State | None
    appeared: list[CommitmentEntry]
    ended: list[CommitmentEntry]
    datasets: list[str] = field(default_factory=lambda: ["registry"])

    def to_json(self) -> dict[str, Any]:
        return {"from": self.start.isoformat(), "to": self.end.isoformat(),
                "state": self.state.to_json() if self.state else None,
                "appeared": [e.to_json() for e in self.appeared],
                "ended": [e.to_json() for e in self.ended],
                "datasets": self.datasets}


@dataclass(frozen=True)
class InstrumentsAnswer:
    """Instrument summaries (a list answer, so that every answer has ``to_json()``)."""

    instruments: list[dict[str, Any]]

    def to_json(self) -> dict[str, Any]:
        return {"instruments": self.instruments}

    def __iter__(self) -> Any:
        return iter(self.instruments)

    def __len__(self) -> int:
        return len(self.instruments)

    def __getitem__(self, i: int) -> dict[str, Any]:
        return self.instruments[i]


@dataclass(frozen=True)
class InstrumentAnswer:
    """Everything recorded about one instrument, in the contract's shape."""

    data: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        return self.data

    def __getitem__(self, key: str) -> Any:
        return self.data[key]

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)
