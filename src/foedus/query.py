"""Answers over the store: commitments, defenders, instruments, forums, diff.

Why: this is the one obvious place for "who must defend X?". Each function takes an open
:class:`~foedus.api.Foedus` session (store + state system), resolves the user's state names,
asks the store (SQL, as-of), and returns typed results that know their JSON shape (the stable
contract documented in the README). The CLI and web only format these results.

Casus foederis rules used by :func:`defenders` (DOMAIN.md §4):

* a commitment owed *to the target* fires on an armed attack by the attacker unless it names
  adversaries and the attacker is not among them;
* ``bound``: defense or guarantee, binding (treaty, executive agreement or unilateral
  declaration), automatic or discretionary;
* ``consult``: states owing consultation (binding or political), not already bound;
* ``aid``: binding promises of military aid short of defense, from states not already bound;
* ``neutral``: states bound to stay neutral toward the target (not to aid its attacker);
* ``assurances``: assurances and other political commitments (support, a political defense
  pledge) — an expectation of support, not a legal duty;
* ``restraint``: promises to refrain (``aim = "restraint"``: not to deploy nuclear weapons
  on new members' territory) — never support, so never in another category;
* ``target_status``: the target's own statuses on the day (permanent neutrality, non-bloc
  status...), each with ``violated_by_attacker`` (:mod:`foedus.status_query`);
* a dormant commitment (formal only) stays in its category, marked ``dormant``;
* ``conflicted``: a state bound to defend the target that also owes the attacker a binding
  defense, guarantee, neutrality, nonaggression or offense promise, or a state bound to
  neutrality toward the target that owes the attacker defense, guarantee or offense; a
  promise to the attacker naming other adversaries does not count. Both sides' entries are
  listed, each with ``side``;
* ``violated``: every commitment the attacker itself owes the target;
* ``unknown``: imported datasets that do not cover the date (ATOP after 2018): their
  alliances are unknown then, not absent.

Questions about a state that is not in the state system on the day are refused, naming its
predecessors or successors (:mod:`foedus.model.lineage`).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from foedus.errors import UsageError
from foedus.model.dates import parse_date
from foedus.model.instruments import Kind
from foedus.model.states import State
from foedus.status_query import StatusEntry, target_statuses
from foedus.store import reads
from foedus.store.reads import Source
from foedus.store.status_tables import pre_system_on

if TYPE_CHECKING:
    from foedus.api import Foedus

__all__ = [
    "CommitmentEntry",
    "CommitmentsAnswer",
    "DefendersAnswer",
    "DiffAnswer",
    "ForumsAnswer",
    "as_date",
    "commitments",
    "defenders",
    "diff",
    "forums",
    "instrument",
    "instruments",
]

DIRECTIONS = ("given", "received", "both")
_BINDING = {"treaty", "executive_agreement", "unilateral"}


FIRST_DAY = dt.date(1815, 1, 1)


def as_date(value: object, what: str = "date") -> dt.date:
    """A day from ``YYYY-MM-DD``, a :class:`datetime.date`/``datetime`` (or pandas/numpy
    timestamp); a clear :class:`UsageError` otherwise. A year or month alone is refused: an
    as-of question needs a day."""
    if isinstance(value, dt.datetime):
        value = value.date()
    elif type(value).__name__ == "datetime64":
        value = str(value)[:10]
    if isinstance(value, dt.date):
        day = value
    else:
        try:
            fuzzy = parse_date(value)
        except ValueError as exc:
            raise UsageError(f"bad {what}: {exc}") from None
        if fuzzy.precision.value != "day":
            raise UsageError(f"bad {what}: {value!r} is a {fuzzy.precision.value}; "
                             "give a day, YYYY-MM-DD")
        day = fuzzy.day
    if day < FIRST_DAY:
        raise UsageError(f"bad {what}: {day} is before 1815, where foedus's records begin")
    return day


SOURCES = ("registry", "atop", "all")


def _check_source(source: str) -> None:
    if source not in SOURCES:
        raise UsageError(f"source must be one of {', '.join(SOURCES)}, not {source!r}")


def _member_on(fx: Foedus, st: State, day: dt.date, role: str = "") -> None:
    """Refuse a question about a state that is not in the state system on ``day``."""
    if st.member_on(day) or pre_system_on(fx.store, st.ccode, day):
        return  # a state bound before it entered the system is answered, marked pre_system
    from foedus.model.lineage import related_codes

    alive = [fx.states.by_code(c) for c in related_codes(st.ccode)
             if fx.states.by_code(c).member_on(day)]
    hint = f"; on that day see {', '.join(str(s) for s in alive)}" if alive else ""
    spells = ", ".join(str(p) for p in st.spells) or "none"
    raise UsageError(f"{role}{st} is not a member of the state system on {day} "
                     f"(membership: {spells}){hint}")


def _coverage(fx: Foedus, day: dt.date, source: str) -> tuple[list[str], list[str]]:
    """The datasets an answer on ``day`` reads (for ``foedus cite --for``), and the imported
    datasets asked about (``source``) that do not cover ``day``: their answer on that day is
    unknown, never "no commitment" (DOMAIN.md §4). One read of the store's coverage table."""
    from foedus.store.datasets import coverages

    imported = {} if source == "registry" else coverages(fx.store)
    unknown: list[str] = []
    if "atop" in imported:
        first, last = imported["atop"]
        if not first <= day.year <= last:
            if source == "atop":
                raise UsageError(f"ATOP covers {first}-{last}; on {day} its alliances are "
                                 "unknown. Ask the registry (--source registry) or a date "
                                 "inside ATOP's years.")
            unknown.append("atop")
    asked = ["registry", "atop"] if source == "all" else [source]
    read = [d for d in asked if d not in unknown and (d == "registry" or d in imported)]
    return read, unknown


def _iso(d: dt.date | None) -> str | None:
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
    aim: str = "support"
    dormant: bool = False
    via: str = ""
    pre_system: bool = False

    @property
    def adversaries(self) -> list[int]:
        return list(self.conditions.get("adversaries") or [])

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "from": self.obligor.to_json(),
            "to": self.beneficiary.to_json(),
            "kind": self.kind,
            "strength": self.strength,
            "legal_force": self.legal_force,
            "instrument": {"id": self.instrument_id, "name": self.instrument_name},
            "conditions": {k: list(v) if isinstance(v, list) else v
                           for k, v in self.conditions.items()},
            "valid_from": _iso(self.valid_from),
            "valid_to": _iso(self.valid_to),
            "valid_from_precision": self.valid_from_precision,
            "valid_to_precision": self.valid_to_precision,
            "sources": list(self.sources),
            "article": self.article or None,
            "source": self.origin,
            "aim": self.aim,
            "dormant": self.dormant,
            "via": self.via or None,
            "pre_system": self.pre_system,
        }
        if self.atop_id is not None:
            out["atop_id"] = self.atop_id
        out.update(self.extra)
        return out

    def with_state(self, state: State, **extra: Any) -> CommitmentEntry:
        return CommitmentEntry(**{**self.__dict__, "extra": {"state": state.to_json(), **extra}})


@functools.lru_cache(maxsize=4096)
def _conditions(text: str | None) -> dict[str, Any]:
    """Parsed conditions JSON (shared, read-only: many commitments carry the same)."""
    empty: dict[str, Any] = {"adversaries": [], "territory": None, "non_provocation": False,
                             "war": None, "other": None}
    return json.loads(text) if text else empty


def _entry(fx: Foedus, row: dict[str, Any], day: dt.date | None = None) -> CommitmentEntry:
    """An answer entry; with ``day``, marked ``pre_system`` when a side is outside the state
    system on that day (recorded with an explicit ``pre_system`` membership)."""
    obligor, beneficiary = fx.states.by_code(row["obligor"]), fx.states.by_code(row["beneficiary"])
    conditions = _conditions(row.get("conditions"))
    sources = row.get("sources")
    if sources is None:
        sources = fx.sources_of(row["instrument_id"], row.get("atop_id"))
    return CommitmentEntry(
        obligor=obligor, beneficiary=beneficiary,
        kind=row["kind"], strength=row["strength"] or None, legal_force=row["legal_force"],
        instrument_id=row["instrument_id"], instrument_name=row["instrument_name"],
        conditions=conditions, valid_from=row["valid_from"], valid_to=row["valid_to"],
        sources=tuple(sources), article=row.get("article") or "",
        origin=row.get("origin") or "registry", atop_id=row.get("atop_id"),
        valid_from_precision=row.get("valid_from_precision") or "day",
        valid_to_precision=row.get("valid_to_precision") or "day",
        aim=row.get("aim") or "support", dormant=bool(row.get("dormant")),
        via=row.get("via") or "",
        pre_system=day is not None and not (obligor.member_on(day)
                                             and beneficiary.member_on(day)),
    )


@dataclass(frozen=True)
class CommitmentsAnswer:
    state: State
    on: dt.date
    direction: str
    commitments: list[CommitmentEntry]
    datasets: list[str] = field(default_factory=lambda: ["registry"])
    unknown: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"state": self.state.to_json(), "on": self.on.isoformat(),
                "direction": self.direction,
                "commitments": [c.to_json() for c in self.commitments],
                "datasets": self.datasets, "unknown": self.unknown}


def commitments(
    fx: Foedus,
    state: str | int,
    on: object,
    *,
    direction: str = "both",
    kind: str | None = None,
    source: Source = "all",
) -> CommitmentsAnswer:
    """Commitments in force on ``on`` that ``state`` gives, receives, or both."""
    st = fx.state(state)
    day = as_date(on, "--on date")
    _check_source(source)
    _member_on(fx, st, day)
    datasets, unknown = _coverage(fx, day, source)
    if direction not in DIRECTIONS:
        raise UsageError(f"direction must be one of {', '.join(DIRECTIONS)}, not {direction!r}")
    kinds = None
    if kind:
        try:
            kinds = [Kind(kind).value]
        except ValueError:
            raise UsageError(f"kind must be one of {', '.join(k.value for k in Kind)}, "
                             f"not {kind!r}") from None
    args: dict[str, Any] = {"kinds": kinds, "source": source}
    if direction == "given":
        args["obligors"] = [st.ccode]
    elif direction == "received":
        args["beneficiaries"] = [st.ccode]
    else:
        args["either"] = [st.ccode]
    rows = reads.commitments_on(fx.store, day, **args)
    return CommitmentsAnswer(st, day, direction, [_entry(fx, r, day) for r in rows],
                             datasets, unknown)


@dataclass(frozen=True)
class DefendersAnswer:
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
    datasets: list[str] = field(default_factory=lambda: ["registry"])
    unknown: list[str] = field(default_factory=list)
    restraint: list[CommitmentEntry] = field(default_factory=list)
    target_status: list[StatusEntry] = field(default_factory=list)

    def bound_states(self) -> list[State]:
        """The distinct states bound to defend, in COW-code order."""
        return sorted({e.obligor.ccode: e.obligor for e in self.bound}.values(),
                      key=lambda s: s.ccode)

    def to_json(self) -> dict[str, Any]:
        return {
            "target": self.target.to_json(), "attacker": self.attacker.to_json(),
            "on": self.on.isoformat(),
            "bound": [e.to_json() for e in self.bound],
            "consult": [e.to_json() for e in self.consult],
            "neutral": [e.to_json() for e in self.neutral],
            "assurances": [e.to_json() for e in self.assurances],
            "conflicted": [e.to_json() for e in self.conflicted],
            "violated": [e.to_json() for e in self.violated],
            "aid": [e.to_json() for e in self.aid],
            "restraint": [e.to_json() for e in self.restraint],
            "target_status": [s.to_json() for s in self.target_status],
            "datasets": self.datasets,
            "unknown": self.unknown,
        }


def _fires(entry: CommitmentEntry, attacker: int) -> bool:
    """Does an armed attack by ``attacker`` on the beneficiary trigger this commitment?"""
    adversaries = entry.adversaries
    return not adversaries or attacker in adversaries


def _category(e: CommitmentEntry) -> str | None:
    if e.aim == "restraint":
        return "restraint"  # a promise to refrain is never support, whatever its kind
    if e.kind in ("nonaggression", "offense"):
        return None  # a third party's promise not to attack, or to join a war the victim
        # starts, does not fire on an attack by someone else
    if e.kind == "consultation" or (e.strength == "consultative" and e.kind != "assurance"
                                    and e.kind != "military_aid"
                                    and e.legal_force in _BINDING):
        return "consult"
    if e.legal_force == "political" or e.kind == "assurance":
        return "assurances"
    if e.kind in ("defense", "guarantee"):
        return "bound" if e.legal_force in _BINDING else "assurances"
    if e.kind == "neutrality":
        return "neutral"
    return "aid"  # binding military aid short of defense


# What a state's binding promise to the attacker collides with (DOMAIN.md §4): defending the
# target breaks a defense, guarantee, neutrality, nonaggression or offense promise to the
# attacker; staying neutral toward the target collides with defending or joining the attacker.
_CLASHES = {
    "bound": {"defense", "guarantee", "neutrality", "nonaggression", "offense"},
    "neutral": {"defense", "guarantee", "offense"},
}


def _owed_to_attacker_applies(e: CommitmentEntry, target: int) -> bool:
    """A promise to the attacker bears on this war unless it names other adversaries."""
    return e.legal_force in _BINDING and (not e.adversaries or target in e.adversaries)


def defenders(
    fx: Foedus,
    target: str | int,
    attacker: str | int,
    on: object,
    *,
    source: Source = "all",
) -> DefendersAnswer:
    """Who an armed attack by ``attacker`` on ``target`` on day ``on`` would engage, and how."""
    tgt, att = fx.state(target), fx.state(attacker)
    if tgt.ccode == att.ccode:
        raise UsageError("target and attacker are the same state")
    day = as_date(on, "--on date")
    _check_source(source)
    _member_on(fx, tgt, day, "target ")
    _member_on(fx, att, day, "attacker ")
    datasets, unknown = _coverage(fx, day, source)
    # everything owed to either side (what the attacker owes the target is among it)
    rows = reads.commitments_on(fx.store, day, beneficiaries=[tgt.ccode, att.ccode],
                                source=source)
    entries = [_entry(fx, r, day) for r in rows]
    to_target = [e for e in entries if e.beneficiary.ccode == tgt.ccode
                 and e.obligor.ccode != att.ccode and _fires(e, att.ccode)]
    cats: dict[str, list[CommitmentEntry]] = {
        "bound": [], "consult": [], "neutral": [], "assurances": [], "aid": [],
        "restraint": []}
    for e in to_target:
        cat = _category(e)
        if cat:
            cats[cat].append(e.with_state(e.obligor))
    bound_codes = {e.obligor.ccode for e in cats["bound"]}
    for cat in ("consult", "neutral", "aid"):
        cats[cat] = [e for e in cats[cat] if e.obligor.ccode not in bound_codes]
    conflicted = _conflicts(entries, cats, tgt.ccode, att.ccode)
    violated = [e.with_state(e.obligor) for e in entries
                if e.obligor.ccode == att.ccode and e.beneficiary.ccode == tgt.ccode]

    def key(e: CommitmentEntry) -> tuple[int, str, str]:
        return (e.obligor.ccode, e.instrument_id, e.kind)

    return DefendersAnswer(
        tgt, att, day, sorted(cats["bound"], key=key), sorted(cats["consult"], key=key),
        sorted(cats["neutral"], key=key), sorted(cats["assurances"], key=key), conflicted,
        sorted(violated, key=key), sorted(cats["aid"], key=key),
        datasets, unknown, sorted(cats["restraint"], key=key),
        target_statuses(fx, tgt, att, day))


def _conflicts(entries: list[CommitmentEntry], cats: dict[str, list[CommitmentEntry]],
               target: int, attacker: int) -> list[CommitmentEntry]:
    """States whose promise to the target (bound or neutral) clashes with a binding promise
    to the attacker; both sides' entries, each marked with ``side``."""
    to_attacker = [e for e in entries if e.beneficiary.ccode == attacker
                   and e.obligor.ccode != target and _owed_to_attacker_applies(e, target)]
    out: list[CommitmentEntry] = []
    for cat, clashing in _CLASHES.items():
        for e in cats[cat]:
            against = [a for a in to_attacker
                       if a.obligor.ccode == e.obligor.ccode and a.kind in clashing]
            if against:
                out.append(e.with_state(e.obligor, side="target"))
                out.extend(a.with_state(a.obligor, side="attacker") for a in against)
    unique = {(x.obligor.ccode, x.extra["side"], x.instrument_id, x.kind, x.article): x
              for x in out}
    return sorted(unique.values(), key=lambda e: (e.obligor.ccode, e.extra["side"],
                                                  e.instrument_id, e.kind))


def _inst_summary(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": row["id"], "name": row["name"], "short": row["short"], "type": row["type"],
        "legal_force": row["legal_force"], "forum": bool(row["forum"]),
        "signed": _iso(row["signed"]), "in_force": _iso(row["in_force"]),
        "terminated": _iso(row["terminated"]),
    }


def instruments(
    fx: Foedus,
    *,
    state: str | int | None = None,
    on: object | None = None,
    search: str | None = None,
) -> list[dict[str, Any]]:
    """Instrument summaries, filtered by member state, date in force, and text."""
    ccode = fx.state(state).ccode if state is not None else None
    day = as_date(on, "--on date") if on is not None else None
    return [_inst_summary(r) for r in reads.instrument_rows(
        fx.store, ccode=ccode, day=day, search=search)]


def instrument(fx: Foedus, instrument_id: str) -> dict[str, Any]:
    """Everything recorded about one instrument, in the JSON contract's shape."""
    from foedus.errors import NotFoundError

    rows = reads.instrument_rows(fx.store, instrument_id=instrument_id)
    if not rows:
        near = reads.instrument_rows(fx.store, search=instrument_id)
        hint = f"; did you mean: {', '.join(r['id'] for r in near[:8])}" if near else ""
        raise NotFoundError(f"no instrument {instrument_id!r}{hint}")
    row = rows[0]
    out = _inst_summary(row)
    out["members"] = [
        {"state": fx.states.by_code(m["ccode"]).to_json(), "role": m["role"],
         "from": _iso(m["start"]), "to": _iso(m["end"]),
         "from_precision": m["start_precision"], "to_precision": m["end_precision"],
         "note": m["note"] or None}
        for m in reads.membership_rows(fx.store, instrument_id)]
    out["obligations"] = json.loads(row["obligations"])
    for ob in out["obligations"]:
        ob["legal_force"] = ob["legal_force"] or out["legal_force"]  # inherited: say so
        ob["obligors"] = [_side_json(fx, x) for x in ob["obligors"]]
        ob["beneficiaries"] = [_side_json(fx, x) for x in ob["beneficiaries"]]
        ob["conditions"]["adversaries"] = [
            fx.states.by_code(a).to_json() for a in ob["conditions"]["adversaries"]]
    out["suspensions"] = [
        {"obligor": fx.states.by_code(s["obligor"]).to_json() if s["obligor"] else None,
         "beneficiary": (fx.states.by_code(s["beneficiary"]).to_json()
                         if s["beneficiary"] else None),
         "from": _iso(s["start"]), "to": _iso(s["end"]), "formal": s["formal"],
         "note": s["note"] or None}
        for s in reads.suspension_rows(fx.store, instrument_id)]
    out["sources"] = json.loads(row["sources"])
    out["atop_ids"] = list(row["atop_ids"] or [])
    out["precision"] = {k: row[f"{k}_precision"] for k in ("signed", "in_force", "terminated")}
    out["notes"] = row["notes"] or None
    return out


def _side_json(fx: Foedus, x: object) -> object:
    return fx.states.by_code(x).to_json() if isinstance(x, int) else x


@dataclass(frozen=True)
class ForumsAnswer:
    a: State
    b: State
    on: dt.date
    forums: list[dict[str, Any]]

    def to_json(self) -> dict[str, Any]:
        return {"a": self.a.to_json(), "b": self.b.to_json(), "on": self.on.isoformat(),
                "forums": self.forums}


def forums(fx: Foedus, a: str | int, b: str | int, on: object) -> ForumsAnswer:
    """Institutions and forums both ``a`` and ``b`` belong to on ``on``."""
    sa, sb = fx.state(a), fx.state(b)
    day = as_date(on, "--on date")
    _member_on(fx, sa, day)
    _member_on(fx, sb, day)
    rows = reads.forum_rows(fx.store, sa.ccode, sb.ccode, day)
    return ForumsAnswer(sa, sb, day, [_inst_summary(r) for r in rows])


@dataclass(frozen=True)
class DiffAnswer:
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


def diff(
    fx: Foedus,
    start: object,
    end: object,
    *,
    state: str | int | None = None,
    source: Source = "all",
) -> DiffAnswer:
    """Commitments in force on ``end`` but not ``start`` (appeared), and the reverse (ended)."""
    d1, d2 = as_date(start, "--from date"), as_date(end, "--to date")
    if d2 < d1:
        raise UsageError(f"--to ({d2}) is before --from ({d1}); give the earlier date first")
    _check_source(source)
    datasets, unknown = _coverage(fx, d1, source)
    if unknown != _coverage(fx, d2, source)[1]:
        source = "registry"  # one date outside ATOP's years: compare like with like
        datasets = ["registry"]
    st = fx.state(state) if state is not None else None
    either = [st.ccode] if st else None

    def keyed(day: dt.date) -> dict[tuple[Any, ...], CommitmentEntry]:
        rows = reads.commitments_on(fx.store, day, either=either, source=source)
        out = {}
        for r in rows:
            e = _entry(fx, r, day)
            out[(e.obligor.ccode, e.beneficiary.ccode, e.kind, e.strength, e.instrument_id,
                 e.article, e.origin, json.dumps(e.conditions, sort_keys=True))] = e
        return out

    a, b = keyed(d1), keyed(d2)
    appeared = [b[k] for k in sorted(b.keys() - a.keys())]
    ended = [a[k] for k in sorted(a.keys() - b.keys())]
    return DiffAnswer(d1, d2, st, appeared, ended, datasets)
