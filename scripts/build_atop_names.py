"""Rebuild ``src/foedus/registry/atop_names.csv`` from the ATOP 5.1 alliance and member files.

Why: every ATOP alliance must carry a name with a source. Sourced titles are curated by hand in
``src/foedus/registry/atop_titles.csv`` (``name_kind = title``); every alliance without one gets
a descriptive name composed from ATOP's own coding (members, strongest pledge, signing day),
sourced to ATOP's codesheet (``name_kind = descriptive``). Running this script again keeps the
curated titles and recomposes only the descriptive rows, so the table can be refreshed for a
new ATOP release without losing curation.

Usage::

    python scripts/build_atop_names.py ATOP_DIR   # the directory holding atop5_1a.csv, atop5_1m.csv
"""

from __future__ import annotations

import csv
import datetime as dt
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REG = ROOT / "src" / "foedus" / "registry"
OUT = REG / "atop_names.csv"
TITLES = REG / "atop_titles.csv"
COLUMNS = ("atopid", "name", "name_kind", "place", "signed", "source_url", "source_title", "note")
CODESHEET_URL = "http://www.atopdata.org/data.html"
_KINDS = (("defense", "defence pact"), ("offense", "offensive alliance"),
          ("neutral", "neutrality pact"), ("nonagg", "non-aggression pact"),
          ("consul", "consultation pact"))
# Non-COW member codes the ATOP codebook documents (members of 3424 etc. use COW codes).
_EXTRA_NAMES = {8152: "Annam (Vietnam)"}
# The state as it was named on the day (COW keeps one name per code): (ccode, before, name).
_NAME_BEFORE = ((255, "1871-01-18", "Prussia"), (300, "1867-03-15", "Austria"),
                (345, "1918-12-01", "Serbia"), (345, "2003-02-04", "Yugoslavia"),
                (640, "1923-10-29", "Ottoman Empire"), (325, "1861-03-17", "Sardinia"),
                (365, "1917-11-07", "Russia"), (365, "1991-12-26", "Soviet Union"),
                (315, "1993-01-01", "Czechoslovakia"))


def _name_on(code: int, day: str, names: dict[int, str]) -> str:
    for c, before, name in _NAME_BEFORE:
        if c == code and day < before:
            return name
    return names.get(code, f"state {code}")


def _state_names() -> dict[int, str]:
    names: dict[int, str] = {}
    with (REG / "states" / "states.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            names[int(row["ccode"])] = row["name"]
    names.update(_EXTRA_NAMES)
    return names


def _day(y: str, m: str, d: str) -> str:
    if not y:
        return ""
    if not m or not d:
        return y
    return dt.date(int(y), int(m), int(d)).isoformat()


def _human(day: str) -> str:
    if len(day) != 10:
        return day
    return dt.date.fromisoformat(day).strftime("%-d %b %Y")


def _members_label(codes: list[int], day: str, names: dict[int, str]) -> str:
    labels = [_name_on(c, day, names) for c in codes]
    if len(labels) <= 4:
        return "–".join(labels)
    return f"{', '.join(labels[:3])} and {len(labels) - 3} other states"


def build(atop_dir: Path) -> list[dict[str, str]]:
    names = _state_names()
    # Founding members: those whose entry day is the alliance's first (later accessions and
    # successor states, e.g. the Czech Republic in a 1960 Czechoslovak treaty, are left out).
    members: dict[int, list[tuple[str, int]]] = {}
    with (atop_dir / "atop5_1m.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            entry = _day(row["yrent"], row["moent"], row["dayent"])
            members.setdefault(int(row["atopid"]), []).append((entry, int(row["member"])))
    titles: dict[int, dict[str, str]] = {}
    with TITLES.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            titles[int(row["atopid"])] = row
    rows: list[dict[str, str]] = []
    with (atop_dir / "atop5_1a.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            aid = int(row["atopid"])
            signed = _day(row["begyr"], row["begmo"], row["begday"])
            if aid in titles:
                t = titles[aid]
                note = t.get("note") or ""
                if t.get("signed") and t["signed"] != signed:
                    # the title names a later phase's instrument, or the sources differ
                    note = (f"{note} " if note else "") + (
                        f"ATOP dates the alliance from {signed}; the day here is the named "
                        "instrument's.")
                rows.append({c: t.get(c, "") or "" for c in COLUMNS} | {
                    "atopid": str(aid), "name_kind": "title",
                    "signed": t.get("signed") or signed, "note": note})
                continue
            kinds = [label for col, label in _KINDS if row[col] == "1"]
            kind = kinds[0] if kinds else "agreement"
            spells = sorted(members.get(aid, []))
            first = spells[0][0] if spells else ""
            founders: list[int] = []
            for entry, code in spells:
                if entry == first and code not in founders:
                    founders.append(code)
            label = _members_label(founders, signed, names)
            rows.append({
                "atopid": str(aid),
                "name": f"{label} {kind} (ATOP {aid}), signed {_human(signed)}",
                "name_kind": "descriptive", "place": "", "signed": signed,
                "source_url": CODESHEET_URL,
                "source_title":
                    f"ATOP 5.1 codesheet for alliance {aid} (Leeds et al.), atopdata.org",
                "note": "Composed from ATOP's coding (members, first pledge listed, signing day); "
                        "no sourced title found yet.",
            })
    rows.sort(key=lambda r: int(r["atopid"]))
    return rows


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    rows = build(Path(argv[1]))
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    n_title = sum(r["name_kind"] == "title" for r in rows)
    print(f"{len(rows)} alliances: {n_title} titles, {len(rows) - n_title} descriptive -> {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
