"""Load the bundled state system: COW codes, names, membership spells, ISO3 and GW codes.

Why: every fact in foedus names states, and a dyad exists on a day only when both states are
members of the system then. The tables live next to this module, in ``registry/states/``:

- ``states.csv`` -- one row per COW system-membership spell (``ccode,abb,name,start,end``),
  COW v2016 converted to half-open periods and extended past 2016 (see the README there);
- ``crosswalk.csv`` -- ``ccode,iso3,gwcode``: one ISO 3166-1 alpha-3 and one
  Gleditsch-Ward code per COW state (the GW code of its latest incarnation);
- ``gw_periods.csv`` -- ``ccode,gwcode,start,end``: the two COW codes whose GW code changes
  over time (255 Germany, 345 Yugoslavia/Serbia);
- ``aliases.csv`` -- ``ccode,alias``: names users type ("USSR", "Türkiye", "Burma");
- ``names.csv`` -- ``ccode,name,start,end,source``: the name a state bore on a day where it
  differs from COW's (Prussia before 1871-01-18), so answers name states as they were.

The ``registry/states/`` directory has no ``__init__.py`` on purpose: a package of that name
would shadow this module, which is also ``foedus.registry.states``. The files are read as
resources of the ``foedus.registry`` package, and ship in the wheel as package data.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from foedus.errors import AmbiguousStateError, Problem, RegistryError, UnknownStateError
from foedus.model.dates import Period
from foedus.model.states import State, StateSystem

__all__ = [
    "COW_CITATION",
    "GwPeriod",
    "load_state_system",
    "state_system_from_files",
    "gw_periods",
    "gwcode_on",
    "state_from_iso3",
    "state_from_gwcode",
]

COW_CITATION = (
    'Correlates of War Project. 2017. "State System Membership List, v2016." Online, '
    "https://correlatesofwar.org. Extended past 2016 by foedus (see registry/states/README.md)."
)

_PACKAGE = "foedus.registry"
_DIR = "states"
_STATES_COLUMNS = ("ccode", "abb", "name", "start", "end")
_CROSSWALK_COLUMNS = ("ccode", "iso3", "gwcode")
_ALIAS_COLUMNS = ("ccode", "alias")
_PERIOD_COLUMNS = ("ccode", "gwcode", "start", "end")
_NAME_COLUMNS = ("ccode", "name", "start", "end", "source")


@dataclass(frozen=True)
class GwPeriod:
    """The Gleditsch-Ward code of a COW state during ``period``."""

    ccode: int
    gwcode: int
    period: Period


class _Reader:
    """Parses one CSV table and collects :class:`Problem` s instead of stopping at the first."""

    def __init__(self, text: str, file: str, columns: tuple[str, ...]) -> None:
        self.file = file
        self.problems: list[Problem] = []
        reader = csv.DictReader(io.StringIO(text))
        header = tuple(reader.fieldnames or ())
        missing = [c for c in columns if c not in header]
        if missing:
            self.problems.append(
                Problem(file, 1, None, f"missing columns {missing}; expected {list(columns)}")
            )
            self.rows: list[tuple[int, dict[str, str]]] = []
        else:
            self.rows = [(i, r) for i, r in enumerate(reader, start=2)]

    def fail(self, line: int, field: str | None, message: str) -> None:
        self.problems.append(Problem(self.file, line, field, message))

    def integer(self, line: int, row: dict[str, str], field: str) -> int | None:
        text = (row.get(field) or "").strip()
        try:
            return int(text)
        except ValueError:
            self.fail(line, field, f"not an integer: {text!r}")
            return None

    def date(self, line: int, row: dict[str, str], field: str) -> dt.date | None:
        text = (row.get(field) or "").strip()
        if not text:
            return None
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            self.fail(line, field, f"not a date (YYYY-MM-DD): {text!r}")
            return None


def _parse_states(
    text: str,
    file: str,
    names: dict[int, tuple[str, str]],
    spells: dict[int, list[Period]],
) -> list[Problem]:
    """Add the spells of one states table to ``names`` and ``spells``; return its problems."""
    rd = _Reader(text, file, _STATES_COLUMNS)
    for line, row in rd.rows:
        ccode = rd.integer(line, row, "ccode")
        abb, name = (row.get("abb") or "").strip(), (row.get("name") or "").strip()
        start, end = rd.date(line, row, "start"), rd.date(line, row, "end")
        if ccode is None:
            continue
        if len(abb) != 3 or not abb.isalpha() or not abb.isupper():
            rd.fail(line, "abb", f"abbreviation must be 3 capital letters: {abb!r}")
        if not name:
            rd.fail(line, "name", "empty name")
        if ccode in names and names[ccode] != (abb, name):
            rd.fail(line, "abb", f"{ccode} is {names[ccode]} on an earlier row, not {(abb, name)}")
        names.setdefault(ccode, (abb, name))
        if start is None:
            rd.fail(line, "start", "a spell needs a start date")
            continue
        if end is not None and end <= start:
            rd.fail(line, "end", f"spell ends ({end}) on or before it starts ({start})")
            continue
        new = Period(start, end)
        own = spells.setdefault(ccode, [])
        for old in own:
            if old.overlaps(new):
                rd.fail(line, "start", f"spell {new} of {ccode} overlaps spell {old}")
        own.append(new)
    return rd.problems


def _parse_crosswalk(
    text: str, file: str, known: set[int]
) -> tuple[dict[int, tuple[str | None, int | None]], list[Problem]]:
    rd = _Reader(text, file, _CROSSWALK_COLUMNS)
    out: dict[int, tuple[str | None, int | None]] = {}
    iso_seen: dict[str, int] = {}
    for line, row in rd.rows:
        ccode = rd.integer(line, row, "ccode")
        if ccode is None:
            continue
        if ccode not in known:
            rd.fail(line, "ccode", f"unknown COW code {ccode}")
        if ccode in out:
            rd.fail(line, "ccode", f"COW code {ccode} listed twice")
        iso = (row.get("iso3") or "").strip() or None
        if iso is not None:
            if len(iso) != 3 or not iso.isalpha() or not iso.isupper():
                rd.fail(line, "iso3", f"ISO3 must be 3 capital letters: {iso!r}")
            if iso in iso_seen:
                rd.fail(line, "iso3", f"ISO3 {iso} already given to {iso_seen[iso]}")
            iso_seen[iso] = ccode
        gw = rd.integer(line, row, "gwcode") if (row.get("gwcode") or "").strip() else None
        out[ccode] = (iso, gw)
    return out, rd.problems


def _parse_aliases(
    text: str, file: str, known: set[int]
) -> tuple[dict[int, list[str]], list[Problem]]:
    rd = _Reader(text, file, _ALIAS_COLUMNS)
    out: dict[int, list[str]] = defaultdict(list)
    for line, row in rd.rows:
        ccode = rd.integer(line, row, "ccode")
        alias = (row.get("alias") or "").strip()
        if ccode is None:
            continue
        if ccode not in known:
            rd.fail(line, "ccode", f"unknown COW code {ccode}")
        elif not alias:
            rd.fail(line, "alias", "empty alias")
        elif alias in out[ccode]:
            rd.fail(line, "alias", f"alias {alias!r} listed twice for {ccode}")
        else:
            out[ccode].append(alias)
    return out, rd.problems


def _parse_names(
    text: str, file: str, known: set[int]
) -> tuple[dict[int, list[tuple[Period, str]]], list[Problem]]:
    """Dated names: each row needs a known code, a name, a source URL and a non-empty,
    non-overlapping half-open period (an empty start is the state's first day)."""
    rd = _Reader(text, file, _NAME_COLUMNS)
    out: dict[int, list[tuple[Period, str]]] = defaultdict(list)
    for line, row in rd.rows:
        ccode = rd.integer(line, row, "ccode")
        name = (row.get("name") or "").strip()
        if ccode is None:
            continue
        start = rd.date(line, row, "start") if (row.get("start") or "").strip() else None
        end = rd.date(line, row, "end") if (row.get("end") or "").strip() else None
        if ccode not in known:
            rd.fail(line, "ccode", f"unknown COW code {ccode}")
            continue
        if not name:
            rd.fail(line, "name", "empty name")
            continue
        if not (row.get("source") or "").strip().startswith(("http://", "https://")):
            rd.fail(line, "source", "every dated name needs a source URL")
        lo = start or PRE_SYSTEM_START
        if end is not None and end <= lo:
            rd.fail(line, "end", f"end {end} is not after start {lo}")
            continue
        period = Period(lo, end)
        if any(period.overlaps(p) for p, _ in out[ccode]):
            rd.fail(line, "start", f"dated names of {ccode} overlap")
            continue
        out[ccode].append((period, name))
    return out, rd.problems


def _build(
    files: list[tuple[str, str]], crosswalk: tuple[str, str] | None,
    aliases: tuple[str, str] | None, dated: tuple[str, str] | None = None,
) -> StateSystem:
    problems: list[Problem] = []
    names: dict[int, tuple[str, str]] = {}
    spells: dict[int, list[Period]] = {}
    for text, file in files:
        problems += _parse_states(text, file, names, spells)
    known = set(names)
    cross: dict[int, tuple[str | None, int | None]] = {}
    if crosswalk is not None:
        cross, p = _parse_crosswalk(crosswalk[0], crosswalk[1], known)
        problems += p
    alias_map: dict[int, list[str]] = {}
    if aliases is not None:
        alias_map, p = _parse_aliases(aliases[0], aliases[1], known)
        problems += p
    name_map: dict[int, list[tuple[Period, str]]] = {}
    if dated is not None:
        name_map, p = _parse_names(dated[0], dated[1], known)
        problems += p
    if problems:
        raise RegistryError(problems)
    return StateSystem(
        State(
            ccode=code,
            abb=abb,
            name=name,
            spells=_extend_to_1815(tuple(sorted(spells[code]))),
            iso3=cross.get(code, (None, None))[0],
            gwcode=cross.get(code, (None, None))[1],
            aliases=tuple(alias_map.get(code, ())),
            names=tuple(sorted(name_map.get(code, ()))),
        )
        for code, (abb, name) in sorted(names.items())
    )


COW_START = dt.date(1816, 1, 1)
PRE_SYSTEM_START = dt.date(1815, 1, 1)
"""COW's list starts on 1816-01-01 because its data series do, not because its first members
came into being then; ATOP and the Vienna settlement start in 1815. foedus therefore treats a
spell that begins on COW's first day as beginning on 1815-01-01, so that instruments of 1815
(the Quadruple Alliance, the guarantee of Swiss neutrality) are recorded to the day. Only
spells starting exactly on 1816-01-01 are extended; see ``registry/states/README.md``."""


def _extend_to_1815(spells: tuple[Period, ...]) -> tuple[Period, ...]:
    return tuple(Period(PRE_SYSTEM_START, p.end) if p.start == COW_START else p for p in spells)


def _bundled(name: str) -> str:
    return resources.files(_PACKAGE).joinpath(_DIR, name).read_text(encoding="utf-8")


def _bundled_label(name: str) -> str:
    return f"foedus/registry/{_DIR}/{name}"


@functools.lru_cache(maxsize=1)
def load_state_system() -> StateSystem:
    """The bundled COW state system with ISO3 and GW codes and aliases (read once, cached).

    Raises :class:`~foedus.errors.RegistryError` listing every problem if a bundled table is
    malformed (which the test suite guards against).
    """
    return _build(
        [(_bundled("states.csv"), _bundled_label("states.csv"))],
        (_bundled("crosswalk.csv"), _bundled_label("crosswalk.csv")),
        (_bundled("aliases.csv"), _bundled_label("aliases.csv")),
        (_bundled("names.csv"), _bundled_label("names.csv")),
    )


def state_system_from_files(
    states: str | Path | Iterable[str | Path],
    crosswalk: str | Path | None = None,
    aliases: str | Path | None = None,
) -> StateSystem:
    """A :class:`StateSystem` from CSV files in the bundled formats.

    ``states`` is one file or several (e.g. the bundled table plus a file of extra spells);
    ``crosswalk`` and ``aliases`` are optional. Use it to test with a slice of the system or
    to try a different extension rule. Raises :class:`~foedus.errors.RegistryError` listing
    every problem found.
    """
    paths = [states] if isinstance(states, str | Path) else list(states)
    files = [(Path(p).read_text(encoding="utf-8"), str(p)) for p in paths]
    cw = (Path(crosswalk).read_text(encoding="utf-8"), str(crosswalk)) if crosswalk else None
    al = (Path(aliases).read_text(encoding="utf-8"), str(aliases)) if aliases else None
    return _build(files, cw, al)


@functools.lru_cache(maxsize=1)
def gw_periods() -> tuple[GwPeriod, ...]:
    """The bundled date-dependent COW-to-GW codes (Germany 255 and Yugoslavia/Serbia 345)."""
    label = _bundled_label("gw_periods.csv")
    rd = _Reader(_bundled("gw_periods.csv"), label, _PERIOD_COLUMNS)
    out: list[GwPeriod] = []
    for line, row in rd.rows:
        ccode, gw = rd.integer(line, row, "ccode"), rd.integer(line, row, "gwcode")
        start = rd.date(line, row, "start") or dt.date.min
        end = rd.date(line, row, "end")
        if ccode is not None and gw is not None:
            out.append(GwPeriod(ccode, gw, Period(start, end)))
    if rd.problems:
        raise RegistryError(rd.problems)
    return tuple(out)


def gwcode_on(ccode: int, day: dt.date) -> int | None:
    """The Gleditsch-Ward code of COW state ``ccode`` on ``day``.

    Differs from ``State.gwcode`` only for 255 (GW 255 before 1949-09-21, then 260) and 345
    (GW 340 before 1918-12-01 and from 2006-06-05, GW 345 between). ``None`` if the state
    has no GW counterpart. Raises :class:`~foedus.errors.UnknownStateError` for an unknown
    COW code.
    """
    state = load_state_system().by_code(ccode)
    for gp in gw_periods():
        if gp.ccode == state.ccode and gp.period.contains(day):
            return gp.gwcode
    return state.gwcode


def state_from_iso3(code: str) -> State:
    """The COW state whose ISO 3166-1 alpha-3 code is ``code`` (case-insensitive).

    Use this, not :meth:`StateSystem.lookup`, for ISO codes: lookup tries COW abbreviations
    first, and six ISO codes are a *different* state's COW abbreviation (AUS is Australia in
    ISO but Austria in COW; also CZE, KOR, MNG, SLV, SWZ).
    """
    key = code.strip().upper()
    for state in load_state_system():
        if state.iso3 == key:
            return state
    raise UnknownStateError(code, [])


def state_from_gwcode(gwcode: int, day: dt.date | None = None) -> State:
    """The COW state for Gleditsch-Ward code ``gwcode``, on ``day`` when it matters.

    Several COW states share a GW code (GW 260 is COW 260 to 1990 and COW 255 after; GW 678
    is COW 678 to 1990 and COW 679 after; GW 340 is COW 345). Given ``day``, the candidate
    that is a system member that day wins; otherwise several candidates raise
    :class:`~foedus.errors.AmbiguousStateError`.
    """
    system = load_state_system()
    candidates: list[State] = []
    for state in system:
        codes = {state.gwcode} | {gp.gwcode for gp in gw_periods() if gp.ccode == state.ccode}
        if gwcode not in codes:
            continue
        if day is not None and gwcode_on(state.ccode, day) != gwcode:
            continue
        candidates.append(state)
    if day is not None and len(candidates) > 1:
        candidates = [s for s in candidates if s.member_on(day)] or candidates
    if len(candidates) == 1:
        return candidates[0]
    if not candidates:
        raise UnknownStateError(f"GW {gwcode}", [])
    raise AmbiguousStateError(f"GW {gwcode}", [str(s) for s in candidates])
