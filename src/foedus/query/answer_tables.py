"""Per-day answer tables: ``defenders`` for any pair of a day, from parts built once per day.

Why: a server answering questions it has never seen (every request a new pair) spent ~60 ms
per answer re-deriving what does not depend on the pair: each commitment's JSON, its reason,
the order of the lists. Those parts depend on the *target* only (the commitments owed to it)
or the *attacker* only (the commitments owed to it, for conflicts); the pair decides just
which rows apply. So for a day the table keeps, per target, its owed commitments already
sorted as the answer lists them, each with its JSON bytes and reason, and per attacker its
binding commitments by obligor; an answer is then a filter over a few hundred rows and a join
of bytes (well under a millisecond), with no store query.

The rules are exactly :func:`foedus.rules.casus.engaged`'s (rule 1 fires, rule 3 bound once,
rule 4 conflicts) and the bytes are exactly the JSON of :func:`foedus.query.defenders.defenders`
rendered compactly: ``tests/test_answer_tables.py`` compares the two for every ordered pair of
a sample of states on days of peace and war (conflicts and statuses among them).
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from foedus.errors import UsageError
from foedus.model.categories import CATEGORIES
from foedus.query.answers import DEFENDER_LISTS, entry_from_record
from foedus.query.common import as_date, check_source, day_graph, member_on
from foedus.query.status import StatusEntry
from foedus.query.status import _entries as status_entries
from foedus.rules.casus import _why_fires
from foedus.rules.conflicts import clashes, firm
from foedus.store.reads import bound_member_codes

if TYPE_CHECKING:
    from foedus.graph import CommitmentGraph
    from foedus.model.states import State
    from foedus.session import Session

__all__ = ["DefendersDay", "dumps"]

Record = dict[str, Any]
_CATS = CATEGORIES
_WEAKER = ("consult", "neutral", "aid")


def _default(o: Any) -> Any:
    if isinstance(o, dt.date):
        return o.isoformat()
    if hasattr(o, "item"):
        return o.item()
    if hasattr(o, "tolist"):
        return o.tolist()
    return str(o)


def dumps(value: Any) -> bytes:
    """Compact JSON, as the web API renders every answer."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False,
                      default=_default).encode("utf-8")


class _Row:
    """One commitment owed to a target: what decides whether it applies, and its bytes."""

    __slots__ = ("obligor", "category", "named", "record", "base", "reason")

    def __init__(self, obligor: int, category: str | None, named: frozenset[int] | None,
                 record: Record, base: bytes, reason: bytes) -> None:
        self.obligor = obligor
        self.category = category
        self.named = named  # adversaries it names (None: any attacker)
        self.record = record
        self.base = base  # the entry's JSON with "state", without the closing brace
        self.reason = reason  # ',"reason":...}' when it fires on any attacker


class DefendersDay:
    """Every ``defenders`` answer of one day and source, as JSON bytes.

    Built from the day's whole :class:`~foedus.graph.CommitmentGraph`; per target and per
    attacker parts are made on first use (or all at once by :meth:`build`) and kept: a graph
    never changes, so neither do they.
    """

    def __init__(self, session: Session, day: dt.date, source: str = "all") -> None:
        check_source(source)
        self.session = session
        self.day = day
        self.source = source
        self.graph: CommitmentGraph = day_graph(session, day, source)  # type: ignore[arg-type]
        self._lock = threading.Lock()
        self._targets: dict[int, list[_Row]] = {}
        self._attackers: dict[int, dict[int, list[Record]]] = {}
        self._bases: dict[int, bytes] = {}
        self._members: dict[int, bool] = {}
        self._statuses: dict[int, tuple[list[StatusEntry], dict[str, set[int]]]] = {}
        self._tail = (b',"datasets":' + dumps(list(self.graph.datasets)) + b',"unknown":'
                      + dumps(list(self.graph.unknown)) + b"}")
        self._on = dumps(day.isoformat())

    # -- parts ----------------------------------------------------------------------------
    def _member(self, ccode: int) -> bool:
        m = self._members.get(ccode)
        if m is None:
            m = self._members[ccode] = self.session.states.by_code(ccode).member_on(self.day)
        return m

    def _base(self, r: Record) -> bytes:
        """The entry's JSON with its ``state``, open at the end for the reason (and side)."""
        key = id(r)
        b = self._bases.get(key)
        if b is None:
            out = entry_from_record(self.session.states, r, self.day).to_json()
            out["state"] = out["from"]  # the obligor, named as on the day
            b = self._bases[key] = dumps(out)[:-1]
        return b

    def _target(self, target: int) -> list[_Row]:
        rows = self._targets.get(target)
        if rows is not None:
            return rows
        owed = sorted(self.graph.owed_to(target),  # stable: the graph's order within a key
                      key=lambda e: (e["obligor"], e["instrument_id"], e["kind"]))
        built = []
        for e in owed:
            named = frozenset(e["adversaries"]) if e["adversaries"] else None
            reason = (b',"reason":' + dumps(_why_fires(e, 0)) + b"}") if named is None else b""
            built.append(_Row(int(e["obligor"]), e["category"], named, e, self._base(e), reason))
        with self._lock:
            self._targets[target] = built
        return built

    def _attacker(self, attacker: int) -> dict[int, list[Record]]:
        """Binding, known commitments owed to ``attacker``, by obligor (graph order)."""
        by = self._attackers.get(attacker)
        if by is not None:
            return by
        by = {}
        for a in self.graph.owed_to(attacker):
            if firm(a):  # the target-independent half of the clash test
                by.setdefault(int(a["obligor"]), []).append(a)
        with self._lock:
            self._attackers[attacker] = by
        return by

    def build(self, progress: Callable[[int, int], None] | None = None) -> DefendersDay:
        """Make every target's and attacker's parts now (a server does this once per day)."""
        codes = sorted(self.graph.states())
        for i, c in enumerate(codes):
            self._target(c)
            self._attacker(c)
            if c not in self._statuses:
                self._statuses[c] = self._read_status(c)
            if progress is not None:
                progress(i + 1, len(codes))
        return self

    # -- answers --------------------------------------------------------------------------
    def answer(self, target: str | int, attacker: str | int) -> bytes:
        """The JSON of ``defenders(target, attacker, day, source)``, checked as it checks."""
        s = self.session
        tgt, att = s.state(target), s.state(attacker)
        if tgt.ccode == att.ccode:
            raise UsageError("target and attacker are the same state")
        as_date(self.day, "--on date")
        member_on(s, tgt, self.day, "target ")
        member_on(s, att, self.day, "attacker ")
        return self.pair(tgt, att)

    def pair(self, tgt: State, att: State) -> bytes:
        """The answer for two states already checked (members on the day, distinct)."""
        a = att.ccode
        lists: dict[str, list[tuple[_Row, bytes]]] = {c: [] for c in _CATS}
        violated: list[bytes] = []
        for row in self._target(tgt.ccode):
            if row.obligor == a:
                violated.append(row.base + _VIOLATED)
                continue
            if row.named is not None and a not in row.named:
                continue
            if row.category is None:
                continue
            reason = row.reason or (b',"reason":' + dumps(_why_fires(row.record, a)) + b"}")
            lists[row.category].append((row, reason))
        bound = {r.obligor for r, _ in lists["bound"]}
        for cat in _WEAKER:
            if bound and lists[cat]:
                lists[cat] = [x for x in lists[cat] if x[0].obligor not in bound]
        conflicted = self._conflicts(lists, tgt.ccode, a)
        parts = [b'{"target":', dumps(tgt.to_json(self.day)), b',"attacker":',
                 dumps(att.to_json(self.day)),
                 b',"on":', self._on]
        for name in DEFENDER_LISTS:
            parts.append(b',"' + name.encode() + b'":[')
            if name == "conflicted":
                items = conflicted
            elif name == "violated":
                items = violated
            else:
                items = [r.base + reason for r, reason in lists[name]]
            parts.append(b",".join(items))
            parts.append(b"]")
        parts.append(b',"target_status":' + self._status(tgt, att))
        parts.append(self._tail)
        return b"".join(parts)

    def _status(self, tgt: State, att: State) -> bytes:
        """The target's statuses, each marked ``violated_by_attacker`` as
        :func:`foedus.query.status.target_statuses` marks it; read once per target (most
        states hold none), never per pair."""
        held = self._statuses.get(tgt.ccode)
        if held is None:
            held = self._statuses[tgt.ccode] = self._read_status(tgt.ccode)
        entries, members = held
        if not entries:
            return b"[]"
        out = []
        for e in entries:
            involved = (att in e.guarantors or att in e.recognised_by
                        or att.ccode in members.get(e.instrument_id, ()))
            out.append(StatusEntry(**{**e.__dict__,
                                      "extra": {"violated_by_attacker": involved}}).to_json())
        return dumps(out)

    def _read_status(self, ccode: int) -> tuple[list[StatusEntry], dict[str, set[int]]]:
        entries = status_entries(self.session, ccode, self.day)
        if not entries:
            return [], {}
        return entries, bound_member_codes(self.session.store,
                                           [e.instrument_id for e in entries], self.day)

    def _conflicts(self, lists: dict[str, list[tuple[_Row, bytes]]], target: int,
                   attacker: int) -> list[bytes]:
        """Rule 4, :func:`foedus.rules.conflicts.clashes`, as :func:`foedus.rules.casus.engaged`
        applies it."""
        owed = self._attacker(attacker)
        if not owed:
            return []
        found: dict[tuple[Any, ...], tuple[tuple[Any, ...], bytes]] = {}
        for cat in ("bound", "neutral"):
            seen: dict[int, tuple[list[Record], bytes] | None] = {}  # per obligor, once
            for row, _ in lists[cat]:
                ob = row.obligor
                if ob not in seen:
                    cands = owed.get(ob)
                    against = [x for x in cands or () if x["obligor"] != target
                               and clashes(cat, x, target)]
                    seen[ob] = (against, b',"reason":' + dumps(
                        f"{cat} toward the target, but owes the attacker "
                        + ", ".join(sorted({x['kind'] for x in against})))
                        + b',"side":"target"}') if against else None
                    if against:
                        for x in against:
                            key = (ob, "attacker", x["instrument_id"], x["kind"], x["article"])
                            found.setdefault(key, ((ob, "attacker", x["instrument_id"],
                                                    x["kind"]), self._base(x) + _THEIRS[cat]))
                hit = seen[ob]
                if hit is None:
                    continue
                e = row.record
                key = (ob, "target", e["instrument_id"], e["kind"], e["article"])
                found.setdefault(key, ((ob, "target", e["instrument_id"], e["kind"]),
                                       row.base + hit[1]))
        return [b for _, b in sorted(found.values(), key=lambda v: v[0])]


_VIOLATED = b',"reason":' + dumps("owed by the attacker to its victim") + b"}"
_THEIRS = {cat: b',"reason":' + dumps(f"owed to the attacker; clashes with being {cat} toward "
                                       "the target") + b',"side":"attacker"}'
           for cat in ("bound", "neutral")}
