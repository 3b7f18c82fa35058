"""Load and validate the curated conflicts layer: wars, uses of force and crises between states
since 2015, one TOML file per conflict, and the strategic rivalries alive after 2010.

Why: the researcher datasets stop before today (COW MID in 2014, COW wars in 2007, UCDP ACD in
2024, Thompson & Dreyer's rivalries in 2010), so "who threatens this state now?" needs a
hand-kept record of what happened since, with its sources. Like the instrument registry, it is
checked where it enters: loading collects *every* problem with file, line and field, so
``foedus check`` can list them all; :func:`load_conflicts` refuses a layer with any. The
format is documented in ``docs/conflicts-format.md``.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from foedus.errors import Problem, RegistryError
from foedus.registry.states import load_state_system
from foedus.registry.toml_reader import TomlReader

__all__ = [
    "LEVELS",
    "HOW",
    "Conflict",
    "ConflictLayer",
    "Party",
    "Rivalry",
    "check_conflicts",
    "default_conflicts_dir",
    "load_conflicts",
]

LEVELS = ("war", "force", "display")
"""Severity of a conflict: a war (sustained combat between the armed forces of states, or a
full-scale invasion), a use of force short of war (strikes, clashes, shoot-downs, seizures),
or a display or threat of force (mobilisation, incursions without fire, blockades threatened)."""

HOW = ("troops", "strikes", "air_defence", "bases", "arms", "naval", "mediation", "target")
"""How a party took part: its troops fought; it struck from the air, sea or with missiles; it
shot down the other side's missiles or drones; it lent its territory or bases; it supplied
arms only; it deployed or used naval forces; it only mediated (recorded, never a belligerent);
it was the target only (force was used on its territory or forces and it did not use force back)."""

_TOP = {"id", "name", "level", "start", "end", "note", "party", "source", "chronology",
        "ucdp", "mid"}
_PARTY = {"state", "side", "from", "to", "how", "joined", "note", "source"}
_SOURCE = {"url", "title", "note"}
_RIVALRY = {"id", "a", "b", "start", "end", "evidence", "note", "source", "tss", "td"}
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def default_conflicts_dir() -> Path:
    """The conflict files shipped inside the package."""
    return Path(str(resources.files("foedus.registry") / "conflicts"))


@dataclass(frozen=True)
class Party:
    """One state's part in a conflict: its side, its days and how it took part."""

    ccode: int
    side: str  # "a" (the side that began the use of force, when known) or "b"
    start: dt.date
    end: dt.date | None  # None: still a party on the layer's last day (ongoing)
    how: tuple[str, ...]
    joined: bool  # a state that joined after the start (or a secondary party)
    note: str = ""
    source: str = ""

    @property
    def belligerent(self) -> bool:
        """Took part with force (not only arms or mediation)."""
        return any(h in ("troops", "strikes", "air_defence", "bases", "naval")
                   for h in self.how)


@dataclass(frozen=True)
class Conflict:
    """A war, use of force or crisis between states, with its parties and sources."""

    id: str
    name: str
    level: str
    start: dt.date
    end: dt.date | None
    parties: tuple[Party, ...]
    sources: tuple[tuple[str, str], ...]  # (url, title)
    note: str
    chronology: tuple[str, ...]
    file: str
    ucdp: tuple[int, ...] = ()
    mid: tuple[int, ...] = ()

    def side(self, ccode: int) -> str | None:
        for p in self.parties:
            if p.ccode == ccode:
                return p.side
        return None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "name": self.name, "level": self.level,
            "start": self.start.isoformat(),
            "end": self.end.isoformat() if self.end else None,
            "parties": [{"state": p.ccode, "side": p.side, "from": p.start.isoformat(),
                         "to": p.end.isoformat() if p.end else None, "how": list(p.how),
                         "joined": p.joined, "note": p.note} for p in self.parties],
            "sources": [{"url": u, "title": t} for u, t in self.sources],
            "note": self.note, "chronology": list(self.chronology),
        }


@dataclass(frozen=True)
class Rivalry:
    """A strategic rivalry alive after 2010: its start, its end (None: alive), the evidence."""

    id: str
    a: int
    b: int
    start: int
    end: int | None
    evidence: tuple[str, ...]  # conflict ids of this layer
    sources: tuple[tuple[str, str], ...]
    note: str
    tss: int | None
    td: int | None
    file: str
    line: int


@dataclass
class ConflictLayer:
    """Every conflict and rivalry of the layer, and the problems found reading them."""

    conflicts: dict[str, Conflict]
    rivalries: list[Rivalry]
    directory: Path
    problems: list[Problem] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.conflicts)

    def __iter__(self) -> Any:
        return iter(self.conflicts.values())

    def involving(self, ccode: int) -> list[Conflict]:
        return [c for c in self.conflicts.values() if c.side(ccode) is not None]


class _Reader(TomlReader):
    """Reads one TOML file of the layer, collecting problems with file, line and field."""

    def day(self, raw: Any, table: str | None, index: int, key: str,
            required: bool = False) -> dt.date | None:
        if raw is None or raw == "":
            if required:
                self.problem(f"missing required key {key!r}", table, index, key)
            return None
        if isinstance(raw, dt.date) and not isinstance(raw, dt.datetime):
            return raw
        if isinstance(raw, str):
            try:
                return dt.date.fromisoformat(raw)
            except ValueError:
                pass
        self.problem(f"{raw!r} is not a day: write YYYY-MM-DD", table, index, key)
        return None

    def sources(self, raw: Any, table: str = "source") -> tuple[tuple[str, str], ...]:
        if not isinstance(raw, list) or not all(isinstance(x, dict) for x in raw):
            self.problem("source must be an array of tables: write [[source]] before each "
                         "entry", None, 0, table)
            return ()
        out = []
        for i, s in enumerate(raw):
            self.unknown_keys(s, _SOURCE, table, i)
            url = s.get("url")
            if not isinstance(url, str) or not url.startswith(("http://", "https://")):
                self.problem("a source needs an http(s) url", table, i, "url")
                continue
            out.append((url, str(s.get("title", ""))))
        return tuple(out)

    def ints(self, raw: Any, key: str) -> tuple[int, ...]:
        vals = raw if isinstance(raw, list) else [raw]
        if raw is None:
            return ()
        if not all(isinstance(v, int) and not isinstance(v, bool) for v in vals):
            self.problem(f"{key} must be an integer or a list of integers", None, 0, key)
            return ()
        return tuple(int(v) for v in vals)

    def conflict(self, doc: dict[str, Any]) -> Conflict | None:
        self.unknown_keys(doc, _TOP, None)
        cid = doc.get("id")
        if not isinstance(cid, str) or not _ID.match(cid):
            self.problem("id must be lower-case letters, digits and hyphens", None, 0, "id")
            cid = None
        elif Path(self.fname).stem != cid:
            self.problem(f"the file must be named {cid}.toml", None, 0, "id")
        name = doc.get("name")
        if not isinstance(name, str) or not name:
            self.problem("missing required key 'name'", None, 0, "name")
        level = doc.get("level")
        if level not in LEVELS:
            self.problem(f"{level!r} is not one of: {', '.join(LEVELS)}", None, 0, "level")
        start = self.day(doc.get("start"), None, 0, "start", required=True)
        end = self.day(doc.get("end"), None, 0, "end")
        if start and end and end < start:
            self.problem(f"ends ({end}) before it starts ({start})", None, 0, "end")
        sources = self.sources(doc.get("source", []))
        if not sources:
            self.problem("a conflict needs at least one [[source]] with a url", None, 0,
                         "source")
        chron = doc.get("chronology", [])
        if not isinstance(chron, list) or not all(isinstance(c, str) for c in chron):
            self.problem("chronology must be a list of strings", None, 0, "chronology")
            chron = []
        raw_parties = doc.get("party", [])
        parties = self.parties(raw_parties, start, end)
        sides = {p.side for p in parties}
        complete = isinstance(raw_parties, list) and len(parties) == len(raw_parties)
        if complete and sides != {"a", "b"}:
            self.problem("a conflict between states needs at least one state on side a and "
                         "one on side b", None, 0, "party")
        if (cid is None or not isinstance(name, str) or level not in LEVELS or start is None
                or self.problems):
            return None
        return Conflict(cid, name, str(level), start, end, tuple(parties), sources,
                        str(doc.get("note", "")), tuple(chron), self.fname,
                        self.ints(doc.get("ucdp"), "ucdp"), self.ints(doc.get("mid"), "mid"))

    def parties(self, raw: Any, start: dt.date | None, end: dt.date | None) -> list[Party]:
        if not isinstance(raw, list) or not all(isinstance(x, dict) for x in raw):
            self.problem("party must be an array of tables: write [[party]] before each "
                         "entry", None, 0, "party")
            return []
        out: list[Party] = []
        seen: dict[int, int] = {}
        for i, p in enumerate(raw):
            self.unknown_keys(p, _PARTY, "party", i)
            code = self.state(p.get("state"), "party", i, "state")
            side = p.get("side")
            if side not in ("a", "b"):
                self.problem(f"side must be 'a' or 'b', not {side!r}", "party", i, "side")
            how_raw = p.get("how", ["troops"])
            how = how_raw if isinstance(how_raw, list) else [how_raw]
            for h in how:
                if h not in HOW:
                    self.problem(f"{h!r} is not one of: {', '.join(HOW)}", "party", i, "how")
            p_start = self.day(p.get("from"), "party", i, "from") or start
            p_end = self.day(p.get("to"), "party", i, "to") or end
            self._span(i, start, end, p_start, p_end)
            joined = p.get("joined", False)
            if not isinstance(joined, bool):
                self.problem("joined must be true or false", "party", i, "joined")
                joined = False
            if code is not None and code in seen:
                self.problem(f"state listed twice (also party {seen[code] + 1})", "party", i,
                             "state")
            if code is not None:
                seen[code] = i
                if p_start is not None:
                    st = self.states.by_code(code)
                    if not st.member_on(p_start):
                        self.problem(f"{st.abb} is not a state in the system on {p_start}",
                                     "party", i, "state")
            src = p.get("source", "")
            if src and (not isinstance(src, str) or not src.startswith(("http://",
                                                                         "https://"))):
                self.problem("a party's source must be an http(s) url", "party", i, "source")
            if code is None or side not in ("a", "b") or p_start is None:
                continue
            out.append(Party(code, str(side), p_start, p_end, tuple(str(h) for h in how),
                             bool(joined), str(p.get("note", "")), str(src or "")))
        return out

    def _span(self, i: int, start: dt.date | None, end: dt.date | None,
              p_start: dt.date | None, p_end: dt.date | None) -> None:
        """A party's days must lie within the conflict's."""
        if p_start and start and p_start < start:
            self.problem(f"joins ({p_start}) before the conflict starts ({start})",
                         "party", i, "from")
        if p_end and end and p_end > end:
            self.problem(f"leaves ({p_end}) after the conflict ends ({end})", "party", i, "to")
        if p_start and p_end and p_end < p_start:
            self.problem("leaves before it joins", "party", i, "to")

    def rivalries(self, doc: dict[str, Any], conflicts: set[str]) -> list[Rivalry]:
        raw = doc.get("rivalry", [])
        if not isinstance(raw, list) or not all(isinstance(x, dict) for x in raw):
            self.problem("rivalry must be an array of tables: write [[rivalry]] before each "
                         "entry", None, 0, "rivalry")
            return []
        self.unknown_keys(doc, {"rivalry"}, None)
        out = []
        ids: set[str] = set()
        for i, r in enumerate(raw):
            self.unknown_keys(r, _RIVALRY, "rivalry", i)
            rid = r.get("id")
            if not isinstance(rid, str) or not _ID.match(rid):
                self.problem("id must be lower-case letters, digits and hyphens", "rivalry",
                             i, "id")
                continue
            if rid in ids:
                self.problem(f"duplicate rivalry id {rid!r}", "rivalry", i, "id")
            ids.add(rid)
            a = self.state(r.get("a"), "rivalry", i, "a")
            b = self.state(r.get("b"), "rivalry", i, "b")
            start, end = r.get("start"), r.get("end")
            if not isinstance(start, int) or isinstance(start, bool):
                self.problem("start must be a year", "rivalry", i, "start")
                continue
            if end is not None and (not isinstance(end, int) or end < start):
                self.problem("end must be a year not before start", "rivalry", i, "end")
                continue
            ev = r.get("evidence", [])
            if not isinstance(ev, list) or not all(isinstance(e, str) for e in ev):
                self.problem("evidence must be a list of conflict ids", "rivalry", i,
                             "evidence")
                ev = []
            for e in ev:
                if e not in conflicts:
                    self.problem(f"evidence {e!r} is no conflict of the layer", "rivalry", i,
                                 "evidence")
            srcs = r.get("source", [])
            sources = tuple((s["url"], str(s.get("title", ""))) for s in srcs
                            if isinstance(s, dict) and isinstance(s.get("url"), str)
                            and s["url"].startswith(("http://", "https://"))) \
                if isinstance(srcs, list) else ()
            tss, td = r.get("tss"), r.get("td")
            for key, val in (("tss", tss), ("td", td)):
                if val is not None and (not isinstance(val, int) or isinstance(val, bool)):
                    self.problem(f"{key} must be the rivalry's integer id", "rivalry", i, key)
            if not sources and not ev and tss is None and td is None:
                self.problem("a rivalry needs evidence (conflict ids), a [[rivalry.source]] or "
                             "its id in a rivalry dataset (tss, td)", "rivalry", i, "source")
            if a is None or b is None:
                continue
            if a == b:
                self.problem("a state cannot be its own rival", "rivalry", i, "b")
                continue
            out.append(Rivalry(rid, a, b, int(start), int(end) if end is not None else None,
                               tuple(ev), sources, str(r.get("note", "")),
                               tss if isinstance(tss, int) else None,
                               td if isinstance(td, int) else None, self.fname,
                               self.loc.line("rivalry", i)))
        return out


def _parse(path: Path) -> tuple[dict[str, Any] | None, str, list[Problem]]:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        return None, "", [Problem(str(path), None, None, f"not UTF-8 text: {exc}")]
    try:
        return tomllib.loads(text), text, []
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"line (\d+)", str(exc))
        return None, text, [Problem(str(path), int(m.group(1)) if m else None, None,
                                    f"TOML syntax error: {exc}")]


def check_conflicts(directory: Path | None = None,
                    rivalries_file: Path | None = None) -> ConflictLayer:
    """Read every conflict file of ``directory`` (and the rivalries file), collecting every
    problem; never raises for bad data."""
    directory = directory or default_conflicts_dir()
    if rivalries_file is None:
        rivalries_file = directory / "_rivalries.toml"
    states = load_state_system()
    problems: list[Problem] = []
    conflicts: dict[str, Conflict] = {}
    files = sorted(p for p in directory.glob("*.toml") if not p.name.startswith("_"))
    if not files:
        problems.append(Problem(str(directory), None, None, "no conflict files (*.toml)"))
    for f in files:
        doc, text, probs = _parse(f)
        problems += probs
        if doc is None:
            continue
        r = _Reader(f, text, states)
        c = r.conflict(doc)
        problems += r.problems
        if c is not None:
            if c.id in conflicts:
                problems.append(Problem(str(f), 1, "id", f"duplicate id {c.id!r} (also in "
                                        f"{conflicts[c.id].file})"))
            conflicts[c.id] = c
    rivalries: list[Rivalry] = []
    if rivalries_file.is_file():
        doc, text, probs = _parse(rivalries_file)
        problems += probs
        if doc is not None:
            r = _Reader(rivalries_file, text, states)
            rivalries = r.rivalries(doc, set(conflicts))
            problems += r.problems
    return ConflictLayer(conflicts, rivalries, directory, problems)


def load_conflicts(directory: Path | None = None) -> ConflictLayer:
    """The conflicts layer, validated.

    Raises
    ------
    foedus.errors.RegistryError
        Any file has a problem (every problem is listed, with file, line and field).
    """
    if directory is None:
        return _load_default()
    layer = check_conflicts(directory)
    if layer.problems:
        raise RegistryError(layer.problems)
    return layer


@lru_cache(maxsize=1)
def _load_default() -> ConflictLayer:
    layer = check_conflicts(None)
    if layer.problems:
        raise RegistryError(layer.problems)
    return layer
