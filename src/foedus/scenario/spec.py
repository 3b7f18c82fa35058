"""Scenario files: what is attacked, on which day, in which edited architecture, and how to draw.

Why: a scenario is a question a user writes down ("if Russia attacked Estonia on 1 June 2025,
with the United States out of NATO ..."), keeps, shares and re-runs. It is read from YAML (or a
dict, or built in Python), checked completely before anything runs, and every problem is
reported as ``file:line [field]: message`` (a :class:`~foedus.errors.DataError`, exit 2), so a
typo is found where it was made. A scenario never touches the store: its edits are overlays on
the day's :class:`~foedus.graph.CommitmentGraph`.

Format (``docs/scenarios.md`` gives it in full)::

    date: 2025-06-01
    source: all                      # registry | atop | all (default all)
    attacks:
      - attacker: RUS
        target: EST
        territory: Narva             # optional: where the attack falls
        covered: [nato]              # instruments whose territorial clause covers it
        provoked: false              # true: non-provocation clauses do not fire
    edits:
      - remove: nato                 # an instrument's commitments all go
      - leave: {instrument: nato, state: USA}
      - join: {instrument: nato, state: UKR}
      - suspend: {instrument: nato, obligor: USA}       # or beneficiary:, or state:
      - add: {id: ..., name: ..., ...}                  # an instrument, registry format
      - promise: {obligors: [UKG, FRN], beneficiaries: [UKR], kind: guarantee,
                  strength: discretionary, legal_force: treaty}
    model:
      draws: 10000
      seed: 7
      weights: {base_rate: 1.0}      # factor multipliers passed to the credibility model
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from foedus.errors import DataError, FoedusError, Problem
from foedus.model.dates import parse_date
from foedus.model.limits import check_day
from foedus.model.schema import SOURCES
from foedus.registry.loader import read_instrument
from foedus.rules.war import Attack

if TYPE_CHECKING:
    from foedus.model.instruments import Instrument
    from foedus.model.states import StateSystem

__all__ = ["Attack", "Edit", "Scenario", "load_scenario", "parse_scenario"]

_TOP = {"date", "source", "attacks", "edits", "model", "name", "description"}
_ATTACK = {"attacker", "target", "territory", "covered", "provoked"}
_MODEL = {"draws", "seed", "weights", "max_rounds", "credibility", "joining"}
#: the weights a model reads: ``base_rate`` (priors.BaseRates, a multiplier), ``capability``
#: and ``power_change`` (the fitted credibility model's coefficients, credibility.py)
WEIGHTS = ("base_rate", "capability", "power_change")
#: which of them each ``model.credibility`` reads (the other model ignores them)
WEIGHTS_READ = {"fitted": ("capability", "power_change"), "base_rates": ("base_rate",)}
_EDIT_KINDS = ("remove", "leave", "join", "suspend", "add", "promise")
_PROMISE = {"id", "name", "obligors", "beneficiaries", "kind", "strength", "legal_force",
            "article", "quote", "adversaries", "territory", "non_provocation", "conditions",
            "source", "note", "object", "object_scope", "aim"}


@dataclasses.dataclass(frozen=True)
class Edit:
    """One overlay edit: ``op`` is remove, leave, join, suspend or add."""

    op: str
    instrument: str
    state: int | None = None
    obligor: int | None = None
    beneficiary: int | None = None
    added: Instrument | None = None
    line: int | None = None
    field: str | None = None

    def describe(self, states: StateSystem) -> str:
        def abb(c: int | None) -> str:
            return states.by_code(c).abb if c is not None else "any"

        if self.op == "remove":
            return f"without {self.instrument}"
        if self.op == "leave":
            return f"{abb(self.state)} leaves {self.instrument}"
        if self.op == "join":
            return f"{abb(self.state)} joins {self.instrument}"
        if self.op == "suspend":
            return (f"{self.instrument} suspended from {abb(self.obligor)} to "
                    f"{abb(self.beneficiary)}")
        return f"with {self.instrument}"


@dataclasses.dataclass(frozen=True)
class Scenario:
    """A hypothetical war: a day, attacks, overlay edits and model settings."""

    date: dt.date
    attacks: tuple[Attack, ...]
    edits: tuple[Edit, ...] = ()
    source: str = "all"
    draws: int | None = None  # None: not set (Python runs 10,000; the CLI resolves only)
    seed: int | None = None
    weights: Mapping[str, float] = dataclasses.field(default_factory=dict)
    max_rounds: int = 20
    name: str = ""
    file: str = "<scenario>"
    credibility: str = "fitted"  # or "base_rates"
    joining: str = "fitted"      # or "none"


# -- YAML with line numbers -------------------------------------------------------------------
class _Lines:
    """Line numbers of the nodes of a YAML document (1-based), by path of keys and indices."""

    def __init__(self, node: Any) -> None:
        self.root = node

    def line(self, *path: str | int) -> int | None:
        node = self.root
        best = node.start_mark.line + 1 if node is not None else None
        for step in path:
            child = None
            if node is None:
                break
            if isinstance(step, int) and node.id == "sequence":
                if 0 <= step < len(node.value):
                    child = node.value[step]
            elif node.id == "mapping":
                for k, v in node.value:
                    if k.value == step:
                        # a scalar value: its key's line; a block: the key's line too
                        best = k.start_mark.line + 1
                        child = v
                        break
            if child is None:
                break
            node = child
            if node.id == "scalar" or isinstance(step, int):
                best = node.start_mark.line + 1
        return best


class _NoLines(_Lines):
    def __init__(self) -> None:
        super().__init__(None)

    def line(self, *path: str | int) -> int | None:
        return None


def load_scenario(path: Path | str, states: StateSystem) -> Scenario:
    """Read and check a YAML scenario file; every problem named with line and field."""
    p = Path(path)
    if not p.is_file():  # a folder ('' is '.'), or a device such as /dev/zero that never ends
        raise DataError(Problem(str(path), None, None, "no such scenario file" if not p.exists()
                                else "not a scenario file: give a YAML file"))
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataError(Problem(str(p), None, None, f"cannot read it: {exc.strerror}")) from None
    except UnicodeDecodeError as exc:
        raise DataError(Problem(str(p), None, None, f"not UTF-8 text: {exc}")) from None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except ValueError as exc:  # a timestamp YAML reads but the calendar lacks (2023-02-30)
        raise DataError(_bad_calendar_day(str(p), text, exc)) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        col = mark.column + 1 if mark is not None else None
        raise DataError(Problem(str(p), line, None, f"YAML syntax error: "
                                f"{getattr(exc, 'problem', None) or exc}", col)) from None
    return parse_scenario(data, states, file=str(p), lines=_Lines(node) if node else None)


def _bad_calendar_day(file: str, text: str, exc: Exception) -> Problem:
    """The line of the first date-looking value that is no calendar day."""
    for n, line in enumerate(text.splitlines(), 1):
        for m in re.finditer(r"(\d{4})-(\d{1,2})-(\d{1,2})", line):
            try:
                dt.date(*map(int, m.groups()))
            except ValueError as bad:
                key = line.split(":", 1)[0].strip(" -") if ":" in line else None
                return Problem(file, n, key or None,
                               f"{m.group(0)!r} is not a calendar day ({bad})")
    return Problem(file, None, None, f"not a valid date: {exc}")


def parse_scenario(data: Any, states: StateSystem, *, file: str = "<scenario>",
                   lines: _Lines | None = None) -> Scenario:
    """A :class:`Scenario` from a parsed document (a dict); raises :class:`DataError` listing
    every problem."""
    return _Reader(states, file, lines or _NoLines()).read(data)


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


class _Reader:
    def __init__(self, states: StateSystem, file: str, lines: _Lines) -> None:
        self.states = states
        self.file = file
        self.lines = lines
        self.problems: list[Problem] = []
        self.day: dt.date | None = None

    def problem(self, path: tuple[str | int, ...], message: str) -> None:
        self.problems.append(Problem(self.file, self.lines.line(*path), _field(path), message))

    def state(self, raw: Any, path: tuple[str | int, ...]) -> int | None:
        if raw is None or isinstance(raw, bool) or not isinstance(raw, str | int):
            self.problem(path, f"{raw!r} is not a state: give a COW abbreviation, code or name")
            return None
        try:
            st = self.states.lookup(raw)
        except FoedusError as exc:
            self.problem(path, str(exc))
            return None
        if self.day is not None and not st.member_on(self.day):
            self.problem(path, f"{st} is not a member of the state system on {self.day}")
            return None
        return st.ccode

    def mapping(self, raw: Any, path: tuple[str | int, ...], allowed: set[str],
                what: str) -> dict[str, Any] | None:
        if not isinstance(raw, dict):
            self.problem(path, f"{what} must be a mapping (key: value lines)")
            return None
        for k in raw:
            if k not in allowed:
                self.problem((*path, str(k)), f"unknown key {k!r}; allowed: "
                             + ", ".join(sorted(allowed)))
        return raw

    def unencodable(self, data: Any) -> None:
        """A problem for each text that is not Unicode (a lone surrogate such as JSON's
        ``"\\ud800"``): it reached the graph's tables, which store UTF-8, and failed there."""
        todo: list[tuple[tuple[str | int, ...], Any]] = [((), data)]
        while todo and len(self.problems) < 20:
            path, node = todo.pop()
            items = (node.items() if isinstance(node, dict) else enumerate(node)
                     if isinstance(node, list) else ())
            for k, v in items:
                here = (*path, k if isinstance(k, int) else str(k))
                for text in (k, v):
                    if isinstance(text, str) and not _encodable(text):
                        self.problem(here, f"{text!r} is not Unicode text (a lone surrogate); "
                                     "give the text in UTF-8")
                if isinstance(v, dict | list):
                    todo.append((here, v))

    def read(self, data: Any) -> Scenario:
        doc = self.mapping(data, (), _TOP, "a scenario")
        if doc is None:
            raise DataError(self.problems)
        self.unencodable(doc)
        if self.problems:
            raise DataError(self.problems)

        raw_day = doc.get("date")
        if raw_day is None:
            self.problem(("date",), "missing required key 'date' (YYYY-MM-DD)")
        else:
            try:
                self.day = parse_date(raw_day if not isinstance(raw_day, str)
                                      else raw_day.strip()).day
            except ValueError as exc:
                self.problem(("date",), str(exc))
            else:
                try:
                    check_day(self.day, "date")
                except FoedusError as exc:
                    self.problem(("date",), str(exc))
                    self.day = None
        source = str(doc.get("source", "all"))
        if source not in SOURCES:
            self.problem(("source",), f"source must be registry, atop or all, not {source!r}")
        attacks = self.attacks(doc.get("attacks"))
        edits = self.edits(doc.get("edits") or [])
        model = self.model(doc.get("model") or {})
        if self.problems or self.day is None:
            raise DataError(self.problems)
        return Scenario(self.day, tuple(attacks), tuple(edits), source, model["draws"],
                        model["seed"], model["weights"], model["max_rounds"],
                        str(doc.get("name", "")), self.file, model["credibility"],
                        model["joining"])

    def model(self, raw: Any) -> dict[str, Any]:
        out: dict[str, Any] = {"draws": None, "seed": None, "weights": {}, "max_rounds": 20,
                               "credibility": "fitted", "joining": "fitted"}
        m = self.mapping(raw, ("model",), _MODEL, "model")
        if m is None:
            return out
        for key, lo in (("draws", 0), ("seed", 0), ("max_rounds", 1)):
            if key in m:
                v = m[key]
                if isinstance(v, bool) or not isinstance(v, int) or v < lo:
                    self.problem(("model", key), f"{key} must be an integer >= {lo}")
                else:
                    out[key] = v
        for key, allowed in (("credibility", ("fitted", "base_rates")),
                             ("joining", ("fitted", "none"))):
            if key in m:
                if m[key] not in allowed:
                    self.problem(("model", key), f"{key} must be one of: "
                                 + ", ".join(allowed))
                else:
                    out[key] = m[key]
        w = m.get("weights", {})
        if not isinstance(w, dict) or not all(
                isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v)
                for v in w.values()):
            self.problem(("model", "weights"), "weights must map factor names to numbers")
        elif unknown := sorted(str(k) for k in w if k not in WEIGHTS):
            # a name no model reads was ignored, yet still switched the run from the entry
            # forecast to the promise cascade (engine.PreparedScenario): a typo changed the
            # answer without a word
            self.problem(("model", "weights"), f"unknown weight {', '.join(unknown)}; "
                         f"known: {', '.join(WEIGHTS)}")
        elif ignored := sorted(str(k) for k in w if k not in WEIGHTS_READ[out["credibility"]]):
            # the fitted model drops base_rate and the base rates drop the coefficients: the
            # weight was read by nobody, yet switched the run to the promise cascade
            other = "base_rates" if out["credibility"] == "fitted" else "fitted"
            self.problem(("model", "weights"),
                         f"weights.{ignored[0]} is read only with credibility: {other} "
                         f"(credibility {out['credibility']} reads "
                         f"{', '.join(WEIGHTS_READ[out['credibility']])})")
        elif w.get("base_rate", 1.0) < 0:
            self.problem(("model", "weights"), "weights.base_rate multiplies probabilities: "
                         f"give a number >= 0, not {w['base_rate']}")
        else:
            out["weights"] = {str(k): float(v) for k, v in w.items()}
        return out

    def attacks(self, raw: Any) -> list[Attack]:
        if raw is None:
            self.problem(("attacks",), "missing required key 'attacks' (a list of "
                         "attacker/target pairs)")
            return []
        if not isinstance(raw, list) or not raw:
            self.problem(("attacks",), "attacks must be a non-empty list of "
                         "{attacker, target} mappings")
            return []
        out: list[Attack] = []
        for i, a in enumerate(raw):
            m = self.mapping(a, ("attacks", i), _ATTACK, "an attack")
            if m is None:
                continue
            att = self.state(m.get("attacker"), ("attacks", i, "attacker"))
            tgt = self.state(m.get("target"), ("attacks", i, "target"))
            if att is not None and att == tgt:
                self.problem(("attacks", i, "target"), "a state cannot attack itself")
                continue
            covered = m.get("covered", [])
            if isinstance(covered, str):
                covered = [covered]
            if not isinstance(covered, list) or not all(isinstance(c, str) for c in covered):
                self.problem(("attacks", i, "covered"), "covered must be a list of "
                             "instrument ids")
                covered = []
            territory = m.get("territory")
            if covered and not territory:
                self.problem(("attacks", i, "covered"), "covered needs a territory: it says "
                             "which instruments' territorial clauses cover that territory")
            provoked = m.get("provoked", False)
            if not isinstance(provoked, bool):
                self.problem(("attacks", i, "provoked"), "provoked must be true or false")
                provoked = False
            if att is not None and tgt is not None:
                out.append(Attack(att, tgt, str(territory) if territory else None,
                                  tuple(covered), provoked))
        both = {a.attacker for a in out} & {a.target for a in out}
        for i, a in enumerate(out):
            if a.target in both:
                self.problem(("attacks", i, "target"), f"{self.states.by_code(a.target)} "
                             "both attacks and is attacked: a scenario's attacks open one war "
                             "between two sides")
        return out

    def instrument_id(self, raw: Any, path: tuple[str | int, ...]) -> str | None:
        if not isinstance(raw, str) or not raw.strip():
            self.problem(path, "give an instrument id (e.g. nato, atop-3180)")
            return None
        ident = raw.strip()
        # ATOP alliances are atop-N since they became instruments; atop:N (the older
        # spelling, in saved scenarios) names the same alliance
        if ident.lower().startswith("atop:") and ident[5:].isdigit():
            ident = f"atop-{ident[5:]}"
        return ident

    def edits(self, raw: Any) -> list[Edit]:
        if not isinstance(raw, list):
            self.problem(("edits",), "edits must be a list")
            return []
        out: list[Edit] = []
        for i, e in enumerate(raw):
            path: tuple[str | int, ...] = ("edits", i)
            if not isinstance(e, dict) or len(e) != 1 or next(iter(e)) not in _EDIT_KINDS:
                self.problem(path, "each edit is one of: " + ", ".join(
                    f"{k}:" for k in _EDIT_KINDS))
                continue
            op, body = next(iter(e.items()))
            here = (*path, op)
            line, field = self.lines.line(*here), _field(here)
            out.extend(dataclasses.replace(x, line=line, field=field)
                       for x in self.edit(op, body, here))
        return out

    def edit(self, op: str, body: Any, here: tuple[str | int, ...]) -> list[Edit]:
        """One edit (``op`` is one of :data:`_EDIT_KINDS`) as overlay edits."""
        if op == "remove":
            ident = self.instrument_id(body, here)
            return [Edit("remove", ident)] if ident else []
        if op in ("add", "promise"):
            table = body if op == "add" else self.promise(body, here)
            inst = (self.instrument(table, here if op == "add" else None, here)
                    if table is not None else None)
            return [Edit("add", inst.id, added=inst)] if inst is not None else []
        keys = {"instrument", "state"} if op != "suspend" else {
            "instrument", "state", "obligor", "beneficiary"}
        m = self.mapping(body, here, keys, op)
        if m is None:
            return []
        ident = self.instrument_id(m.get("instrument"), (*here, "instrument"))
        if op in ("leave", "join"):
            st = self.state(m.get("state"), (*here, "state"))
            return [Edit(op, ident, state=st)] if ident and st is not None else []
        if not any(k in m for k in ("state", "obligor", "beneficiary")):
            self.problem(here, "a suspension names an obligor, a beneficiary or a state")
            return []
        sides = {k: self.state(m[k], (*here, k)) if k in m else None
                 for k in ("state", "obligor", "beneficiary")}
        if not ident:
            return []
        if sides["state"] is not None:
            return [Edit("suspend", ident, obligor=sides["state"]),
                    Edit("suspend", ident, beneficiary=sides["state"])]
        return [Edit("suspend", ident, obligor=sides["obligor"],
                     beneficiary=sides["beneficiary"])]

    def promise(self, body: Any, here: tuple[str | int, ...]) -> dict[str, Any] | None:
        """The shorthand ``promise:`` as an instrument table in the registry's format."""
        m = self.mapping(body, here, _PROMISE, "a promise")
        if m is None:
            return None
        obligors, beneficiaries = m.get("obligors"), m.get("beneficiaries")
        ok = True
        for key, val in (("obligors", obligors), ("beneficiaries", beneficiaries)):
            if not isinstance(val, list) or not val:
                self.problem((*here, key), f"{key} must be a non-empty list of states")
                ok = False
        if not ok:
            return None
        assert isinstance(obligors, list) and isinstance(beneficiaries, list)
        kind = m.get("kind", "guarantee")
        ident = str(m.get("id") or f"scenario-{kind}")
        members = [{"state": s, "role": "guarantor"} for s in obligors] + [
            {"state": s, "role": "beneficiary"} for s in beneficiaries if s not in obligors]
        copied = ("kind", "strength", "article", "quote", "adversaries", "territory",
                  "non_provocation", "conditions", "note", "object", "object_scope", "aim")
        obligation: dict[str, Any] = {k: m[k] for k in copied if k in m}
        obligation.setdefault("kind", "guarantee")
        obligation.setdefault("article", "scenario")
        obligation["obligors"] = list(obligors)
        obligation["beneficiaries"] = list(beneficiaries)
        table: dict[str, Any] = {
            "id": ident, "name": str(m.get("name") or f"Scenario {kind} ({ident})"),
            "short": ident, "type": "guarantee" if kind == "guarantee" else "agreement",
            "legal_force": m.get("legal_force", "treaty"), "member": members,
            "obligation": [obligation]}
        if "source" in m:
            table["source"] = [{"url": m["source"]}]
        return table

    def instrument(self, table: Any, at: tuple[str | int, ...] | None,
                   here: tuple[str | int, ...]) -> Instrument | None:
        """An instrument given inline, read and checked by the registry loader's own reader
        (the same keys, vocabulary and checks as a registry file); problems are located in
        the YAML file. ``at`` is the path of the table in the file (``None`` for a shorthand
        promise, whose problems are reported at the edit)."""
        if not isinstance(table, dict):
            self.problem(here, "add: an instrument table in the registry's format (id, name, "
                         "short, type, legal_force, member, obligation)")
            return None

        doc = dict(table)
        if self.day is not None and not doc.get("in_force") \
                and doc.get("legal_force") not in ("proposal", "signed"):
            doc["in_force"] = self.day.isoformat()  # a hypothetical holds on the day
        if doc.get("legal_force") in ("proposal", "signed"):
            self.problem((*(at or here), "legal_force"),
                         f"a {doc.get('legal_force')} instrument is never in force: give the "
                         "legal force the instrument would have (treaty, political, ...) to "
                         "test it in a scenario")
            return None
        for key in ("signed", "in_force", "terminated"):
            if isinstance(doc.get(key), dt.date):
                doc[key] = doc[key].isoformat()
        for arr in ("member", "obligation", "suspension"):
            if isinstance(doc.get(arr), list):
                doc[arr] = [{k: v.isoformat() if isinstance(v, dt.date) else v
                             for k, v in x.items()} if isinstance(x, dict) else x
                            for x in doc[arr]]
        hypothetical = "source" not in doc
        if hypothetical:
            doc["source"] = [{"url": "https://foedus.invalid/scenario",
                              "title": "hypothetical instrument of a scenario"}]
        ident = str(doc.get("id") or "scenario-instrument")
        inst, problems = read_instrument(doc, self.states, ident=ident, fname=self.file,
                                         locator=_YamlLocator(self.lines, at, here))
        prefix = _field(at or here)
        self.problems.extend(dataclasses.replace(
            p, field=f"{prefix}.{p.field}" if p.field else prefix) for p in problems)
        if inst is not None and hypothetical:
            inst = dataclasses.replace(inst, sources=())
        return inst


class _YamlLocator:
    """The registry loader's locator interface, answering from YAML marks."""

    def __init__(self, lines: _Lines, at: tuple[str | int, ...] | None,
                 here: tuple[str | int, ...]) -> None:
        self.lines, self.at, self.here = lines, at, here

    def line(self, table: str | None = None, index: int = 0, key: str | None = None) -> int:
        if self.at is None:
            return self.lines.line(*self.here) or 0
        path: list[str | int] = list(self.at)
        if table:
            path += [table, index]
        if key:
            path.append(key)
        return self.lines.line(*path) or 0

    def first(self, name: str) -> int | None:
        if self.at is None:
            return self.lines.line(*self.here)
        return self.lines.line(*self.at, name)


def _field(path: tuple[str | int, ...]) -> str | None:
    out = ""
    for step in path:
        if isinstance(step, int):
            out += f"[{step + 1}]"
        else:
            out += f".{step}" if out else step
    return out or None
