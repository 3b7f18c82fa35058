"""Load and validate the curated registry: one TOML file per instrument.

Why: the registry is hand-written, so every fact is checked where it enters. Loading collects
*every* problem (not just the first) with file, line and field, so ``foedus check`` can list
them all; :func:`load_registry` refuses to return a registry that has any.
The format is documented in ``docs/registry-format.md``.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from foedus.errors import FoedusError, NotFoundError, Problem, RegistryError
from foedus.model.actors import ACTORS, actor_for, expand_actors
from foedus.model.dates import FuzzyDate, Period, parse_date
from foedus.model.instruments import (
    Conditions,
    Instrument,
    InstrumentType,
    Kind,
    LegalForce,
    Membership,
    Obligation,
    Role,
    Source,
    Strength,
    Suspension,
)
from foedus.model.states import StateSystem
from foedus.registry.restraint_reader import read_events, read_limits, restraint_aim
from foedus.registry.states import load_state_system
from foedus.registry.status_reader import read_statuses
from foedus.registry.toml_reader import Locator, TomlReader
from foedus.settings import cache_dir

__all__ = ["Registry", "load_registry", "check_registry", "default_registry_dir", "Locator",
           "read_instrument"]

_TOP = {"id", "name", "short", "type", "legal_force", "forum", "signed", "in_force",
        "terminated", "atop_ids", "notes", "source", "member", "obligation", "suspension",
        "status", "event"}
_SOURCE = {"url", "title", "note"}
_MEMBER = {"state", "role", "from", "to", "note", "source", "pre_system"}
_OBLIGATION = {"kind", "strength", "article", "quote", "among", "obligors", "beneficiaries",
               "legal_force", "adversaries", "territory", "non_provocation", "war",
               "conditions", "from", "to", "note", "aim", "dormant", "object", "object_scope",
               "limit", "verification"}
_AIMS = ("support", "restraint")
_SUSPENSION = {"obligor", "beneficiary", "state", "from", "to", "formal", "note", "source",
               "article"}


def default_registry_dir() -> Path:
    """The instrument files shipped inside the package."""
    return Path(str(resources.files("foedus.registry") / "instruments"))


@dataclass
class Registry:
    """The loaded registry: instruments by id, and a digest that changes with any file."""

    instruments: dict[str, Instrument]
    states: StateSystem
    digest: str
    directory: Path
    problems: list[Problem] = field(default_factory=list)

    def __iter__(self) -> Any:
        return iter(self.instruments.values())

    def __len__(self) -> int:
        return len(self.instruments)

    def get(self, instrument_id: str) -> Instrument:
        try:
            return self.instruments[instrument_id]
        except KeyError:
            raise NotFoundError(
                f"no instrument {instrument_id!r}; `foedus instruments --search` finds ids"
            ) from None


class _FileReader(TomlReader):
    """Turns one parsed TOML document into an :class:`Instrument`, collecting problems."""

    def __init__(self, path: Path, text: str, states: StateSystem,
                 locator: Locator | None = None) -> None:
        super().__init__(path, text, states, locator)
        self._raw_obligations: list[dict[str, Any]] = []

    def date(self, raw: Any, table: str | None, index: int, key: str) -> FuzzyDate | None:
        if raw is None or raw == "":
            return None
        try:
            return parse_date(raw)
        except ValueError as exc:
            self.problem(str(exc), table, index, key)
            return None

    def enum(self, cls: Any, raw: Any, table: str | None, index: int, key: str) -> Any:
        try:
            return cls(raw)
        except ValueError:
            allowed = ", ".join(e.value for e in cls)
            self.problem(f"{raw!r} is not one of: {allowed}", table, index, key)
            return None

    def tables(self, doc: dict[str, Any], name: str) -> list[dict[str, Any]] | None:
        """``doc[name]`` when it is an array of tables (or absent: ``[]``); otherwise a
        problem (``[member]`` for ``[[member]]``, ``member = ["EST"]``) and ``None``."""
        raw = doc.get(name, [])
        if isinstance(raw, list) and all(isinstance(x, dict) for x in raw):
            return raw
        line = self.loc.first(name) or 1
        self.problems.append(Problem(
            self.fname, line, name,
            f"{name} must be an array of tables: write [[{name}]] before each entry"))
        return None

    def read(self, doc: dict[str, Any]) -> Instrument | None:
        arrays = {name: self.tables(doc, name)
                  for name in ("source", "member", "obligation", "suspension", "status",
                               "event")}
        self.unknown_keys(doc, _TOP, None)
        for key in ("id", "name", "short", "type", "legal_force"):
            if not doc.get(key):
                self.problem(f"missing required key {key!r}", None, 0, key)
        ident = str(doc.get("id", ""))
        if ident and ident != self.path.stem:
            self.problem(f"id {ident!r} differs from the file name {self.path.stem!r}",
                         None, 0, "id")
        itype = self.enum(InstrumentType, doc.get("type"), None, 0, "type")
        force = self.enum(LegalForce, doc.get("legal_force"), None, 0, "legal_force")
        signed = self.date(doc.get("signed"), None, 0, "signed")
        in_force = self.date(doc.get("in_force"), None, 0, "in_force")
        terminated = self.date(doc.get("terminated"), None, 0, "terminated")
        if force is LegalForce.PROPOSAL and in_force is not None:
            self.problem("a proposal is never in force: remove in_force", None, 0, "in_force")
        if force is LegalForce.SIGNED:
            if in_force is not None:
                self.problem("a signed treaty awaiting ratification is not in force: remove "
                             "in_force, or give the legal force it has in force (treaty)",
                             None, 0, "in_force")
            if signed is None:
                self.problem("missing required key 'signed' (a signed treaty needs the day it "
                             "was signed)", None, 0, "signed")
            if terminated is not None:
                self.problem("a signed treaty never in force cannot be terminated: write the "
                             "abandonment in notes", None, 0, "terminated")
        if force is not None and not force.never_in_force and in_force is None:
            self.problem("missing required key 'in_force' (date of entry into force)",
                         None, 0, "in_force")
        if signed and in_force and in_force.day < signed.day:
            self.problem(f"in_force {in_force} is before signed {signed}", None, 0, "in_force")
        if in_force and terminated and terminated.day <= in_force.day:
            self.problem(f"terminated {terminated} is not after in_force {in_force}",
                         None, 0, "terminated")
        sources = self.sources(arrays["source"]) if arrays["source"] is not None else ()
        atop_ids = doc.get("atop_ids", [])
        if not isinstance(atop_ids, list) or not all(isinstance(x, int) for x in atop_ids):
            self.problem("atop_ids must be a list of integers", None, 0, "atop_ids")
            atop_ids = []
        start = in_force or signed
        end = terminated
        members = self.members(arrays["member"] or [], start, end, force)
        in_force_period = (Period(in_force.day, terminated.day if terminated else None)
                           if in_force and force is not None and not force.never_in_force and (
                               terminated is None or terminated.day > in_force.day) else None)
        obligations = self.obligations(arrays["obligation"] or [], members, start,
                                       in_force_period)
        self._raw_obligations = arrays["obligation"] or []
        suspensions = self.suspensions(arrays["suspension"] or [], members)
        statuses = read_statuses(self, arrays["status"] or [], members, start, end, force)
        events = read_events(self, arrays["event"] or [], members, terminated, suspensions,
                             {o.period.end for o in obligations if o.period and o.period.end})
        if self.problems or itype is None or force is None:
            return None
        return Instrument(
            id=ident, name=str(doc["name"]), short=str(doc["short"]), type=itype,
            legal_force=force, signed=signed, in_force=in_force, terminated=terminated,
            sources=sources, members=tuple(members), obligations=tuple(obligations),
            suspensions=tuple(suspensions), forum=bool(doc.get("forum", False)),
            atop_ids=tuple(atop_ids), notes=str(doc.get("notes", "")), file=self.fname,
            statuses=tuple(statuses), events=tuple(events),
        )

    def sources(self, raw: Any) -> tuple[Source, ...]:
        out: list[Source] = []
        if not isinstance(raw, list) or not raw:
            self.problem("missing sources: every instrument needs at least one [[source]] "
                         "with a url", None, 0, None)
            return ()
        for i, s in enumerate(raw):
            self.unknown_keys(s, _SOURCE, "source", i)
            url = str(s.get("url", "")).strip()
            if not re.match(r"^https?://\S+$", url):
                self.problem("source url missing or not an http(s) URL", "source", i, "url")
                continue
            out.append(Source(url, str(s.get("title", "")), str(s.get("note", ""))))
        return tuple(out)

    def members(self, raw: list[dict[str, Any]], start: FuzzyDate | None,
                end: FuzzyDate | None, force: LegalForce | None) -> list[Membership]:
        out: list[Membership] = []
        for i, m in enumerate(raw):
            self.unknown_keys(m, _MEMBER, "member", i)
            actor = actor_for(m.get("state"))
            code = actor.code if actor else self.state(m.get("state"), "member", i, "state")
            role = self.enum(Role, m.get("role", "party"), "member", i, "role")
            frm = self.date(m.get("from"), "member", i, "from") or start
            to = self.date(m.get("to"), "member", i, "to") or end
            if code is None or role is None:
                continue
            if frm is None:
                self.problem("membership has no start: give `from` or the instrument's "
                             "in_force/signed", "member", i, "from")
                continue
            if start and frm.day < start.day and not (force and force.never_in_force):
                self.problem(f"membership starts {frm}, before the instrument is in force "
                             f"({start})", "member", i, "from")
            if end and to and to.day > end.day:
                self.problem(f"membership ends {to}, after the instrument ended ({end})",
                             "member", i, "to")
            if to and to.day <= frm.day:
                self.problem(f"membership ends ({to}) on or before it starts ({frm})",
                             "member", i, "to")
                continue
            period = Period(frm.day, to.day if to else None)
            pre_system = m.get("pre_system", False)
            if not isinstance(pre_system, bool):
                self.problem("pre_system must be true or false", "member", i, "pre_system")
                pre_system = False
            if pre_system:
                self.check_pre_system(code, period, i)
            elif actor is None:  # an organisation's members are checked where derived
                self.check_existence(code, period, i, force,
                                     "from" if "from" in m else "state")
            out.append(Membership(code, role, period, frm, str(m.get("note", "")),
                                  str(m.get("source", "")), self.loc.line("member", i), to,
                                  pre_system=pre_system))
        self.check_overlaps(out)
        return out

    def check_existence(self, code: int, period: Period, i: int,
                        force: LegalForce | None, key: str) -> None:
        state = self.states.by_code(code)
        if force is not None and force.never_in_force:
            if not state.member_on(period.start):
                self.problem(f"{state} is not a member of the state system on {period.start}",
                             "member", i, key)
            return
        inside = any(sp.start <= period.start and (sp.end is None or (
            period.end is not None and period.end <= sp.end)) for sp in state.spells)
        if not inside:
            spells = ", ".join(str(s) for s in state.spells) or "none"
            self.problem(f"membership {period} lies outside {state}'s system membership "
                         f"(spells: {spells}); if it was bound before it entered the "
                         "system, write pre_system = true", "member", i, key)

    def check_pre_system(self, code: int, period: Period, i: int) -> None:
        """A membership flagged ``pre_system`` must start outside the state's system spells
        (the flag is a marker, never a blanket permission)."""
        state = self.states.by_code(code)
        if state.member_on(period.start):
            self.problem(f"pre_system = true, but {state} is a member of the state system on "
                         f"{period.start}: remove it", "member", i, "pre_system")

    def check_overlaps(self, members: list[Membership]) -> None:
        seen: dict[tuple[int, Role], list[Membership]] = {}
        for m in members:
            for other in seen.get((m.ccode, m.role), []):
                if m.period.overlaps(other.period):
                    self.problems.append(Problem(
                        self.fname, m.line, "member",
                        f"duplicate or overlapping membership of {self.states.by_code(m.ccode)}"
                        f" as {m.role}: {m.period} overlaps {other.period} (line {other.line})"))
            seen.setdefault((m.ccode, m.role), []).append(m)

    def side(self, raw: Any, members: list[Membership], i: int, key: str) -> tuple[str | int, ...]:
        if not isinstance(raw, list) or not raw:
            self.problem(f"{key} must be a non-empty list of roles or states",
                         "obligation", i, key)
            return ()
        out: list[str | int] = []
        for item in raw:
            if isinstance(item, str) and item in {r.value for r in Role}:
                if not any(m.role == Role(item) for m in members):
                    self.problem(f"no member has role {item!r}", "obligation", i, key)
                out.append(item)
                continue
            actor = actor_for(item)
            code = actor.code if actor else self.state(item, "obligation", i, key)
            if code is not None:
                if not any(m.ccode == code for m in members):
                    self.problem(f"{actor.abb if actor else self.states.by_code(code)} is not "
                                 "a member", "obligation", i, key)
                out.append(code)
        return tuple(out)

    def obligations(self, raw: list[dict[str, Any]], members: list[Membership],
                    start: FuzzyDate | None, in_force: Period | None) -> list[Obligation]:
        out: list[Obligation] = []
        for i, o in enumerate(raw):
            self.unknown_keys(o, _OBLIGATION, "obligation", i)
            kind = self.enum(Kind, o.get("kind"), "obligation", i, "kind")
            strength = self.enum(Strength, o.get("strength"), "obligation", i, "strength")
            article = str(o.get("article", "")).strip()
            if not article:
                self.problem("missing article: every obligation names its article",
                             "obligation", i, "article")
            among = o.get("among")
            obligors: tuple[str | int, ...] = ()
            beneficiaries: tuple[str | int, ...] = ()
            if among is not None:
                if among != "parties":
                    self.problem("among must be \"parties\"", "obligation", i, "among")
                if "obligors" in o or "beneficiaries" in o:
                    self.problem("give either among or obligors/beneficiaries, not both",
                                 "obligation", i, "among")
            else:
                obligors = self.side(o.get("obligors"), members, i, "obligors")
                beneficiaries = self.side(o.get("beneficiaries"), members, i, "beneficiaries")
            force = (self.enum(LegalForce, o["legal_force"], "obligation", i, "legal_force")
                     if "legal_force" in o else None)
            adversaries = []
            raw_adv = o.get("adversaries", [])
            if not isinstance(raw_adv, list):
                self.problem("adversaries must be a list of states", "obligation", i,
                             "adversaries")
                raw_adv = []
            for a in raw_adv:
                code = self.state(a, "obligation", i, "adversaries")
                if code is not None:
                    adversaries.append(code)
            covers = self.object_states(o, i)
            to = self.date(o.get("to"), "obligation", i, "to")
            frm = self.date(o.get("from"), "obligation", i, "from") or (start if to else None)
            period = None
            if frm or to:
                if frm is None:
                    self.problem("an obligation period needs `from`", "obligation", i, "from")
                elif to and to.day <= frm.day:
                    self.problem("obligation ends before it starts", "obligation", i, "to")
                else:
                    period = Period(frm.day, to.day if to else None)
            if period is not None and in_force is not None and not period.overlaps(in_force):
                # It would yield no commitment at all: most likely a typo in from/to.
                self.problems.append(Problem(
                    self.fname, self.loc.line("obligation", i), f"obligation[{i + 1}]",
                    f"the obligation's period {period} lies entirely outside the "
                    f"instrument's time in force ({in_force}), so it binds no one: check "
                    "its from/to"))
            aim, dormant = self.aim_dormant(o, i)
            aim = restraint_aim(self, o, i, aim)
            limits, verification = read_limits(self, o, i)
            if kind is None or strength is None:
                continue
            conditions = Conditions(
                adversaries=tuple(adversaries), territory=str(o.get("territory", "")),
                non_provocation=bool(o.get("non_provocation", False)),
                war=str(o.get("war", "")), other=str(o.get("conditions", "")),
                covers=covers, object_scope=str(o.get("object_scope", "")).strip())
            out.append(Obligation(
                kind=kind, strength=strength, article=article, among_parties=among == "parties",
                obligors=obligors, beneficiaries=beneficiaries, conditions=conditions,
                quote=str(o.get("quote", "")), legal_force=force, period=period,
                note=str(o.get("note", "")), line=self.loc.line("obligation", i),
                aim=aim, dormant=dormant, limits=limits, verification=verification))
        return out

    def object_states(self, o: dict[str, Any], i: int) -> tuple[int, ...]:
        """An obligation's ``object``: the states whose violation engages it (checked)."""
        raw = o.get("object", [])
        if not isinstance(raw, list) or ("object" in o and not raw):
            self.problem("object must be a non-empty list of states (the states whose "
                         "violation engages the clause)", "obligation", i, "object")
            return ()
        if o.get("object_scope") is not None and not raw:
            self.problem("object_scope needs an object (the states it describes)",
                         "obligation", i, "object_scope")
        codes = [self.state(a, "obligation", i, "object") for a in raw]
        return tuple(dict.fromkeys(c for c in codes if c is not None))

    def aim_dormant(self, o: dict[str, Any], i: int) -> tuple[str, bool]:
        """An obligation's ``aim`` (support or restraint) and ``dormant`` flag, checked."""
        aim = o.get("aim", "support")
        if aim not in _AIMS:
            self.problem(f"{aim!r} is not one of: {', '.join(_AIMS)}", "obligation", i, "aim")
        dormant = o.get("dormant", False)
        if not isinstance(dormant, bool):
            self.problem("dormant must be true or false", "obligation", i, "dormant")
        elif dormant and not str(o.get("note", "")).strip():
            self.problem("a dormant obligation needs a note saying why it is dormant",
                         "obligation", i, "dormant")
        return str(aim), dormant is True

    def suspensions(self, raw: list[dict[str, Any]],
                    members: list[Membership]) -> list[Suspension]:
        out: list[Suspension] = []
        codes = {m.ccode for m in members}
        for i, s in enumerate(raw):
            self.unknown_keys(s, _SUSPENSION, "suspension", i)
            sides: dict[str, int | None] = {}
            for key in ("obligor", "beneficiary", "state"):
                sides[key] = self.state(s[key], "suspension", i, key) if key in s else None
                if sides[key] is not None and sides[key] not in codes:
                    self.problem("suspended state is not a member", "suspension", i, key)
            if not any(k in s for k in ("obligor", "beneficiary", "state")):
                self.problem("a suspension names an obligor, a beneficiary or a state",
                             "suspension", i, None)
                continue
            frm = self.date(s.get("from"), "suspension", i, "from")
            to = self.date(s.get("to"), "suspension", i, "to")
            if frm is None:
                self.problem("missing required key 'from'", "suspension", i, "from")
                continue
            if to and to.day <= frm.day:
                self.problem("suspension ends before it starts", "suspension", i, "to")
                continue
            period = Period(frm.day, to.day if to else None)
            article = str(s.get("article", ""))
            if article and not any(str(o.get("article", "")) == article
                                   for o in self._raw_obligations):
                self.problem(f"no obligation has article {article!r}", "suspension", i,
                             "article")
            common = dict(formal=bool(s.get("formal", True)), note=str(s.get("note", "")),
                          article=article,
                          source=str(s.get("source", "")), line=self.loc.line("suspension", i))
            if sides["state"] is not None:
                out.append(Suspension(period, obligor=sides["state"], **common))  # type: ignore[arg-type]
                out.append(Suspension(period, beneficiary=sides["state"], **common))  # type: ignore[arg-type]
            else:
                out.append(Suspension(period, obligor=sides["obligor"],
                                      beneficiary=sides["beneficiary"], **common))  # type: ignore[arg-type]
        return out


def _read_file(path: Path, states: StateSystem) -> tuple[Instrument | None, list[Problem]]:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        return None, [Problem(str(path), None, None, f"not UTF-8 text: {exc}")]
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"line (\d+), column (\d+)", str(exc))
        line, col = (int(m.group(1)), int(m.group(2))) if m else (None, None)
        if m is None and "end of document" in str(exc):
            line = max(1, len(text.splitlines()))
        return None, [Problem(str(path), line, None, f"TOML syntax error: {exc}", col)]
    reader = _FileReader(path, text, states)
    inst = reader.read(doc)
    return inst, reader.problems


def read_instrument(doc: dict[str, Any], states: StateSystem, *, ident: str, fname: str,
                    locator: Locator) -> tuple[Instrument | None, list[Problem]]:
    """Read one instrument table given in memory (a parsed document in the registry's format)
    with the registry's own reader: the same keys, vocabulary and checks as a registry file.

    Parameters
    ----------
    doc
        The instrument table (``id``, ``name``, ``member``, ``obligation``...).
    states
        The state system its members are read against.
    ident
        The name it is read under (a registry file's stem: ``id`` must equal it).
    fname, locator
        The file problems are reported in, and where each key sits in it.

    Returns
    -------
    tuple
        The instrument (None when it has problems) and the problems, each with file, line and
        field.
    """
    reader = _FileReader(Path(f"{ident}.toml"), "", states, locator)
    reader.fname = fname
    inst = reader.read(doc)
    return inst, reader.problems


def _states_files() -> list[Path]:
    """The bundled state-system tables (``registry/states/*.csv``)."""
    return sorted(Path(str(resources.files("foedus.registry") / "states")).glob("*.csv"))


def _digest(files: Iterable[Path]) -> str:
    """SHA-256 over the instrument files and the bundled state tables they are read against
    (names, spells, aliases decide what a file means), so a change to either rebuilds."""
    h = hashlib.sha256()
    for f in sorted(files):
        h.update(f.name.encode())
        h.update(f.read_bytes())
    for f in _states_files():
        h.update(f"states/{f.name}".encode())
        h.update(f.read_bytes())
    return h.hexdigest()


def check_registry(directory: Path | None = None,
                   states: StateSystem | None = None) -> Registry:
    """Read every instrument file and return the registry with *all* problems found."""
    directory = Path(directory) if directory else default_registry_dir()
    states = states or load_state_system()
    files = sorted(directory.glob("*.toml"))
    problems: list[Problem] = []
    instruments: dict[str, Instrument] = {}
    if not files:
        problems.append(Problem(str(directory), None, None, "no instrument files (*.toml)"))
    for f in files:
        inst, found = _read_file(f, states)
        problems.extend(found)
        if inst is None:
            continue
        if inst.id in instruments:
            problems.append(Problem(str(f), 1, "id", f"duplicate id {inst.id!r} (also in "
                                    f"{instruments[inst.id].file})"))
            continue
        instruments[inst.id] = inst
    _expand_actors(instruments, problems)
    return Registry(instruments, states, _digest(files), directory, problems)


def _expand_actors(instruments: dict[str, Instrument], problems: list[Problem]) -> None:
    """Replace organisations' memberships by their member states' (model/actors.py)."""
    for a in ACTORS:
        users = [i for i in instruments.values() if any(m.ccode == a.code for m in i.members)]
        if users and a.members_from not in instruments:
            problems.extend(Problem(i.file, None, "member", f"{a.abb}'s member states are read "
                                    f"from {a.members_from!r}, which did not load")
                            for i in users)
            for i in users:
                del instruments[i.id]
    defining = {a.members_from: instruments[a.members_from] for a in ACTORS
                if a.members_from in instruments}
    for iid, inst in list(instruments.items()):
        instruments[iid] = expand_actors(inst, defining)


def load_registry(directory: Path | None = None) -> Registry:
    """The validated registry; raises :class:`RegistryError` listing every problem.

    A registry that validated once is kept on disk (the cache folder), keyed by the digest of
    its files and of the code that reads them, so that a new process — a CLI call — reads it
    back in milliseconds instead of parsing and validating every file again.
    """
    if directory is None:
        return _load_default()
    return _load(Path(directory))


@lru_cache(maxsize=1)
def _load_default() -> Registry:
    return _load(default_registry_dir())


def _load(directory: Path) -> Registry:
    files = sorted(directory.glob("*.toml"))
    cache = _cache_file(_digest(files))
    if cache is not None and cache.exists():
        try:
            with cache.open("rb") as fh:
                reg = pickle.load(fh)
            if isinstance(reg, Registry):
                reg.directory = directory
                return reg
        except Exception:  # noqa: BLE001 - a damaged cache entry is rebuilt, never trusted
            cache.unlink(missing_ok=True)
    reg = check_registry(directory)
    if reg.problems:
        raise RegistryError(reg.problems)
    if cache is not None:
        try:
            cache.parent.mkdir(parents=True, exist_ok=True)
            tmp = cache.with_suffix(f".{os.getpid()}.tmp")
            with tmp.open("wb") as fh:
                pickle.dump(reg, fh, protocol=pickle.HIGHEST_PROTOCOL)
            tmp.replace(cache)
        except (OSError, pickle.PicklingError):
            pass
    return reg


def _cache_file(digest: str) -> Path | None:
    """Where a validated registry with this digest is kept (None: nowhere writable)."""
    here = Path(__file__).parent.parent
    code = hashlib.sha256()
    for module in ("registry/loader.py", "registry/states.py", "model/instruments.py",
                   "model/dates.py", "model/states.py",
                   "registry/restraint_reader.py", "model/restraints.py",
                   "registry/toml_reader.py", "registry/status_reader.py"):
        with contextlib.suppress(OSError):
            code.update((here / module).read_bytes())
    try:
        return cache_dir() / "registry" / f"{digest[:24]}-{code.hexdigest()[:12]}.pkl"
    except FoedusError:
        return None
