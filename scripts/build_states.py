"""Build the bundled state-system tables from the shared source data.

Usage::

    python scripts/build_states.py RELEASES            # write the CSVs
    python scripts/build_states.py RELEASES --check    # exit 1 if they would change

Reads (paths relative to the shared data directory given as argument):

- ``cow-states-2016/states2016.csv`` -- COW State System Membership v2016 (system spells);
- ``isard/cw_gw_panel.csv`` -- isard's COW/Gleditsch-Ward state-year crosswalk (GW codes);
- ``gleditsch-ward/gwstates_andybega.csv`` -- the GW list, to check every GW code and date;
- ``un-ideal-points-2025/IdealpointsJuly2025.csv`` -- ccode with ISO3 (ISO3 codes).

Writes ``states.csv`` (``ccode,abb,name,start,end``), ``crosswalk.csv``
(``ccode,iso3,gwcode``) and ``gw_periods.csv`` (``ccode,gwcode,start,end``) into
``src/foedus/registry/states/``. ``aliases.csv`` is curated by hand and only checked here.
The rules applied are documented in ``src/foedus/registry/states/README.md``.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import sys
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT_DIR = REPO / "src" / "foedus" / "registry" / "states"

COW_FILE = "cow-states-2016/states2016.csv"
ISARD_PANEL = "isard/cw_gw_panel.csv"
GW_FILE = "gleditsch-ward/gwstates_andybega.csv"
UN_FILE = "un-ideal-points-2025/IdealpointsJuly2025.csv"

#: COW v2016 ends on this day; a spell whose last day it is was still alive: open-ended.
COW_LAST_DAY = dt.date(2016, 12, 31)

#: Changes to the system after COW v2016, checked by hand (README, "Extension past 2016").
#: Each entry: (ccode, abb, name, start, end-or-None, source). None have met the rule so far.
POST_2016_ENTRIES: list[tuple[int, str, str, dt.date, dt.date | None, str]] = []
#: Exits after 2016: (ccode, first day no longer a member, source). None so far.
POST_2016_EXITS: list[tuple[int, dt.date, str]] = []

#: ISO3 decisions that differ from (or are missing in) the UN ideal-points file.
#: None means "no ISO 3166-1 alpha-3 code" (the key is still listed, on purpose).
ISO3_OVERRIDES: dict[int, str | None] = {
    # UN file labels Serbia "YUG" through 2024; COW 345 continues as Serbia today.
    345: "SRB",
    # West Germany used DEU, which unified Germany (255) carries today: keep DEU unique.
    260: None,
    # UN file gives "YAR" (not an ISO code) to both Yemens. North Yemen used YEM, which
    # unified Yemen (679) carries today; South Yemen's withdrawn ISO 3166-3 code is YMD.
    678: None,
    680: "YMD",
    # No official ISO 3166-1 code; XKX is the user-assigned code used by the EU, the World
    # Bank and the IMF (the X.. range never collides with an official code).
    347: "XKX",
}

#: GW code by period, for the COW codes whose GW counterpart changes over time. The switch
#: dates are GW's own start dates (checked against the GW list by this script).
GW_PERIODS: dict[int, list[tuple[int, dt.date | None, dt.date | None]]] = {
    # COW 255 is Prussia/Germany to 1945 (GW 255) and unified Germany from 1990 (GW keeps
    # the Federal Republic, 260, which began 1949-09-21).
    255: [(255, None, dt.date(1949, 9, 21)), (260, dt.date(1949, 9, 21), None)],
    # COW 345 is Serbia (GW 340) to 1918, Yugoslavia (GW 345) from 1918-12-01, and Serbia
    # again (GW 340) from 2006-06-05.
    345: [
        (340, None, dt.date(1918, 12, 1)),
        (345, dt.date(1918, 12, 1), dt.date(2006, 6, 5)),
        (340, dt.date(2006, 6, 5), None),
    ],
}


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _num(text: str) -> int | None:
    text = text.strip()
    if not text or text.upper() in {"NA", "NAN"}:
        return None
    return int(float(text))


def states_rows(shared: Path) -> list[dict[str, str]]:
    """COW v2016 spells in our half-open convention, extended past 2016."""
    rows: list[dict[str, str]] = []
    for r in _read(shared / COW_FILE):
        start = dt.date(int(r["styear"]), int(r["stmonth"]), int(r["stday"]))
        last = dt.date(int(r["endyear"]), int(r["endmonth"]), int(r["endday"]))
        end = None if last == COW_LAST_DAY else last + dt.timedelta(days=1)
        rows.append(
            {
                "ccode": str(int(r["ccode"])),
                "abb": r["stateabb"].strip(),
                "name": r["statenme"].strip(),
                "start": start.isoformat(),
                "end": end.isoformat() if end else "",
            }
        )
    for ccode, day, source in POST_2016_EXITS:
        open_rows = [x for x in rows if int(x["ccode"]) == ccode and not x["end"]]
        if len(open_rows) != 1:
            raise SystemExit(f"exit for {ccode} ({source}): no open spell")
        open_rows[0]["end"] = day.isoformat()
    for ccode, abb, name, start, end, _source in POST_2016_ENTRIES:
        rows.append(
            {
                "ccode": str(ccode),
                "abb": abb,
                "name": name,
                "start": start.isoformat(),
                "end": end.isoformat() if end else "",
            }
        )
    rows.sort(key=lambda x: (int(x["ccode"]), x["start"]))
    return rows


def gw_codes(shared: Path, ccodes: list[int]) -> dict[int, int]:
    """For each COW code, the GW code of its latest year in isard's panel."""
    latest: dict[int, tuple[int, int]] = {}
    for r in _read(shared / ISARD_PANEL):
        cc, gw, year = _num(r["ccode"]), _num(r["gwcode"]), _num(r["year"])
        if cc is None or gw is None or year is None:
            continue
        if cc not in latest or year > latest[cc][0]:
            latest[cc] = (year, gw)
    missing = [c for c in ccodes if c not in latest]
    if missing:
        raise SystemExit(f"no GW code in {ISARD_PANEL} for COW codes {missing}")
    return {c: latest[c][1] for c in ccodes}


def check_gw(shared: Path, gw: dict[int, int]) -> None:
    """Every GW code exists in the GW list, and GW_PERIODS' switch dates are GW's dates."""
    starts: dict[int, set[dt.date]] = defaultdict(set)
    for r in _read(shared / GW_FILE):
        starts[int(r["gwcode"])].add(dt.date.fromisoformat(r["start"]))
    unknown = sorted({g for g in gw.values() if g not in starts})
    if unknown:
        raise SystemExit(f"GW codes not in the GW list: {unknown}")
    for ccode, periods in GW_PERIODS.items():
        for code, start, _end in periods:
            if start is not None and start not in starts[code]:
                raise SystemExit(f"GW_PERIODS[{ccode}]: GW {code} does not start on {start}")
        if periods[-1][0] != gw[ccode]:
            raise SystemExit(f"GW_PERIODS[{ccode}] ends with a code other than {gw[ccode]}")


def iso3_codes(shared: Path, ccodes: list[int]) -> dict[int, str | None]:
    """ISO3 per COW code: UN ideal points' latest non-empty value, then ISO3_OVERRIDES."""
    latest: dict[int, tuple[int, str]] = {}
    for r in _read(shared / UN_FILE):
        cc, year, iso = _num(r["ccode"]), _num(r["year"]), r["iso3c"].strip()
        if cc is None or year is None or not iso or iso == "NA":
            continue
        if cc not in latest or year > latest[cc][0]:
            latest[cc] = (year, iso)
    out: dict[int, str | None] = {c: latest[c][1] if c in latest else None for c in ccodes}
    out.update({c: v for c, v in ISO3_OVERRIDES.items() if c in out})
    seen: dict[str, int] = {}
    for c, code in out.items():
        if code is None:
            continue
        if code in seen:
            raise SystemExit(f"ISO3 {code} given to both {seen[code]} and {c}")
        seen[code] = c
    return out


def _csv_text(header: list[str], rows: list[dict[str, str]]) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=header, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    return buf.getvalue()


def build(shared: Path) -> dict[str, str]:
    """The text of every generated file, by file name."""
    spells = states_rows(shared)
    ccodes = sorted({int(r["ccode"]) for r in spells})
    gw = gw_codes(shared, ccodes)
    check_gw(shared, gw)
    iso = iso3_codes(shared, ccodes)
    cross = [{"ccode": str(c), "iso3": iso[c] or "", "gwcode": str(gw[c])} for c in ccodes]
    periods = [
        {
            "ccode": str(c),
            "gwcode": str(code),
            "start": start.isoformat() if start else "",
            "end": end.isoformat() if end else "",
        }
        for c, ps in sorted(GW_PERIODS.items())
        for code, start, end in ps
    ]
    return {
        "states.csv": _csv_text(["ccode", "abb", "name", "start", "end"], spells),
        "crosswalk.csv": _csv_text(["ccode", "iso3", "gwcode"], cross),
        "gw_periods.csv": _csv_text(["ccode", "gwcode", "start", "end"], periods),
    }


def check_aliases(out_dir: Path, ccodes: set[int]) -> list[str]:
    """Problems in the hand-curated aliases.csv (unknown codes, duplicates)."""
    path = out_dir / "aliases.csv"
    if not path.exists():
        return [f"{path} is missing"]
    problems: list[str] = []
    seen: set[tuple[int, str]] = set()
    for i, r in enumerate(_read(path), start=2):
        cc = _num(r["ccode"])
        if cc not in ccodes:
            problems.append(f"aliases.csv:{i}: unknown COW code {r['ccode']!r}")
        key = (cc or 0, r["alias"].strip().casefold())
        if key in seen:
            problems.append(f"aliases.csv:{i}: duplicate alias {r['alias']!r}")
        seen.add(key)
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("shared", type=Path,
                        help="release files folder (cow-states-2016/, gleditsch-ward/, isard/)")
    parser.add_argument("--out", type=Path, default=OUT_DIR, help="output directory")
    parser.add_argument("--check", action="store_true", help="only report differences")
    args = parser.parse_args(argv)
    files = build(args.shared)
    ccodes = {int(line.split(",", 1)[0]) for line in files["states.csv"].splitlines()[1:]}
    problems = check_aliases(args.out, ccodes)
    changed = []
    for name, text in files.items():
        target = args.out / name
        old = target.read_text(encoding="utf-8") if target.exists() else None
        if old != text:
            changed.append(name)
            if not args.check:
                target.write_text(text, encoding="utf-8")
    for p in problems:
        print(p, file=sys.stderr)
    n_spells = len(files["states.csv"].splitlines()) - 1
    print(f"{len(ccodes)} states, {n_spells} spells; changed: {', '.join(changed) or 'none'}")
    return 1 if problems or (args.check and changed) else 0


if __name__ == "__main__":
    raise SystemExit(main())
