"""Read and validate force limits (``[[obligation.limit]]``) and life events (``[[event]]``).

Why a module of its own: restraint instruments (arms control, demilitarisation, naval
limitation) carry facts no other instrument has — what is limited, where, to how many, how it
is verified, and dated events (notice, withdrawal, suspension, violation found by a party or an
organ, expiry) — each checked where it enters, with file, line and field, like the rest of the
loader (:mod:`foedus.registry.loader`), whose reader it uses. An event must agree with the
record that gives it legal effect: a withdrawal with the membership that ends that day (or the
instrument's termination), an expiry with ``terminated`` (or an obligation's ``to``), a formal
suspension with a ``[[suspension]]`` from that day (``docs/registry-format.md``).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from foedus.model.dates import FuzzyDate
from foedus.model.instruments import Membership, Suspension
from foedus.model.restraints import RESTRAINT_KINDS, EventType, LifeEvent, Limit

if TYPE_CHECKING:
    from foedus.registry.loader import _FileReader

__all__ = ["LIMIT_KEYS", "EVENT_KEYS", "read_limits", "read_events", "restraint_aim"]

LIMIT_KEYS = {"what", "zone", "ceiling", "unit", "zone_states", "limited", "note"}
EVENT_KEYS = {"on", "type", "state", "found_by", "formal", "effective", "note", "source"}


def restraint_aim(r: _FileReader, o: dict[str, Any], i: int, aim: str) -> str:
    """A force limit or an inspection regime is restraint by definition: its aim is
    ``restraint`` whether written or not; ``aim = "support"`` on one is a problem."""
    if o.get("kind") not in RESTRAINT_KINDS:
        if "limit" in o or "verification" in o:
            r.problem("limit and verification belong to kind force_limit or inspection",
                      "obligation", i, "limit" if "limit" in o else "verification")
        return aim
    if "aim" in o and aim != "restraint":
        r.problem(f"kind {o.get('kind')} is restraint by definition: remove aim or write "
                  "aim = \"restraint\"", "obligation", i, "aim")
    return "restraint"


def _codes(r: _FileReader, raw: Any, table: str, i: int, key: str) -> tuple[int, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        r.problem(f"{key} must be a list of states", table, i, key)
        return ()
    out = [r.state(x, table, i, key) for x in raw]
    return tuple(c for c in out if c is not None)


def read_limits(r: _FileReader, o: dict[str, Any], i: int) -> tuple[tuple[Limit, ...], str]:
    """The limits and verification of obligation ``i``."""
    raw = o.get("limit", [])
    verification = o.get("verification", "")
    if not isinstance(verification, str):
        r.problem("verification must be text", "obligation", i, "verification")
        verification = ""
    if not isinstance(raw, list) or not all(isinstance(x, dict) for x in raw):
        r.problem("limit must be an array of tables: write [[obligation.limit]] before each",
                  "obligation", i, "limit")
        return (), verification
    if o.get("kind") == "force_limit" and not raw:
        r.problem("a force_limit names what it limits: add [[obligation.limit]] with what, "
                  "zone, ceiling", "obligation", i, "kind")
    out: list[Limit] = []
    for lim in raw:
        r.unknown_keys(lim, LIMIT_KEYS, "obligation", i)
        what = str(lim.get("what", "")).strip()
        if not what:
            r.problem("a limit needs `what` (the forces, weapons or works it limits)",
                      "obligation", i, "limit")
            continue
        ceiling = lim.get("ceiling")
        if ceiling is not None and (isinstance(ceiling, bool)
                                    or not isinstance(ceiling, int | float) or ceiling < 0):
            r.problem(f"ceiling {ceiling!r} is not a non-negative number (0: banned)",
                      "obligation", i, "ceiling")
            ceiling = None
        out.append(Limit(what=what, zone=str(lim.get("zone", "")),
                         ceiling=float(ceiling) if ceiling is not None else None,
                         unit=str(lim.get("unit", "")),
                         zone_states=_codes(r, lim.get("zone_states"), "obligation", i,
                                            "zone_states"),
                         limited=_codes(r, lim.get("limited"), "obligation", i, "limited"),
                         note=str(lim.get("note", ""))))
    return tuple(out), verification


def read_events(r: _FileReader, raw: list[dict[str, Any]], members: list[Membership],
                terminated: FuzzyDate | None, suspensions: list[Suspension],
                obligation_ends: set[dt.date]) -> list[LifeEvent]:
    """Every ``[[event]]`` of the file, validated against the records that give it effect."""
    out: list[LifeEvent] = []
    codes = {m.ccode for m in members}
    for i, e in enumerate(raw):
        r.unknown_keys(e, EVENT_KEYS, "event", i)
        etype = r.enum(EventType, e.get("type"), "event", i, "type")
        on = r.date(e.get("on"), "event", i, "on")
        if on is None and "on" not in e:
            r.problem("missing required key 'on' (the day of the event)", "event", i, "on")
        raw_states = e.get("state", [])
        states = _codes(r, raw_states if isinstance(raw_states, list) else [raw_states],
                        "event", i, "state")
        for c in states:
            if c not in codes:
                r.problem(f"{r.states.by_code(c)} is not a member of this instrument",
                          "event", i, "state")
        found = _found_by(r, e.get("found_by", []), i)
        if etype is EventType.VIOLATION and not found:
            r.problem("a violation names who found it: found_by = a party or an organ",
                      "event", i, "found_by")
        formal = e.get("formal", True)
        if not isinstance(formal, bool):
            r.problem("formal must be true or false", "event", i, "formal")
            formal = True
        effective = r.date(e.get("effective"), "event", i, "effective")
        if not str(e.get("source", "")).startswith(("http://", "https://")):
            r.problem("every event needs a source URL (http or https)", "event", i, "source")
        if etype is None or on is None:
            continue
        day = on.day
        _agrees(r, i, etype, day, states, formal, members, terminated, suspensions,
                obligation_ends)
        out.append(LifeEvent(on=day, type=etype, states=states, found_by=tuple(found),
                             formal=formal, effective=effective.day if effective else None,
                             note=str(e.get("note", "")), source=str(e.get("source", "")),
                             line=r.loc.line("event", i)))
    return sorted(out, key=lambda x: (x.on, x.type.value))


def _found_by(r: _FileReader, raw: Any, i: int) -> list[str | int]:
    """Who found a violation: states (COW abbreviations, at most 3 letters) or organs."""
    found: list[str | int] = []
    for f in raw if isinstance(raw, list) else []:
        if isinstance(f, str) and (" " in f or len(f) > 3):
            found.append(f)  # an organ, by name
        else:
            code = r.state(f, "event", i, "found_by")
            if code is not None:
                found.append(code)
    return found


def _agrees(r: _FileReader, i: int, etype: EventType, day: dt.date, states: tuple[int, ...],
            formal: bool, members: list[Membership], terminated: FuzzyDate | None,
            suspensions: list[Suspension], obligation_ends: set[dt.date]) -> None:
    """An event agrees with the record that gives it legal effect."""
    if etype is EventType.WITHDRAWAL:
        ends = {m.period.end for m in members if m.ccode in states}
        if day not in ends and not (terminated and terminated.day == day):
            r.problem(f"a withdrawal effective {day} needs the state's membership to end "
                      "that day (`to`) or the instrument to terminate then",
                      "event", i, "on")
    if etype is EventType.EXPIRY and not (terminated and terminated.day == day) \
            and day not in obligation_ends:
        r.problem(f"an expiry on {day} needs terminated = {day} (or an obligation's "
                  "`to`)", "event", i, "on")
    if etype is EventType.SUSPENSION and formal:
        starts = {s.period.start for s in suspensions if s.formal
                  and ({s.obligor, s.beneficiary} & set(states))}
        if day not in starts:
            r.problem(f"a formal suspension on {day} needs a [[suspension]] of the state "
                      "from that day (or write formal = false for an announcement)",
                      "event", i, "on")
