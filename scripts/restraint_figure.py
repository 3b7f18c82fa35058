"""The restraint architecture by year since 1987: the figure of docs/reassurance.md.

Regenerate (reads only the bundled registry; writes the PNG and prints the counts):

    PYTHONPATH=src python scripts/restraint_figure.py docs/images/restraint-architecture.png

Top panel: restraint instruments (with a force-limit or inspection obligation) in force on
1 July of each year, by legal force. Bottom panel: the restraint commitments Russia (the USSR
before 1992) receives on 1 July of each year, by their status that day (query.restraints):
in force (found violated included), suspended, and lapsed since 1987 (withdrawn, expired,
terminated, abrogated). Every number comes from `foedus restraints RUS --on YYYY-07-01`.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

import foedus  # noqa: E402
from foedus.model.restraints import RESTRAINT_KINDS  # noqa: E402
from foedus.query.restraints import restraint_entries  # noqa: E402

FIRST, LAST = 1987, 2026


def counts(session: foedus.Session) -> dict[str, list[int]]:
    """Per year: instruments in force by legal force; commitments owed to Russia by status."""
    out: dict[str, list[int]] = {k: [] for k in (
        "treaty", "political", "in_force", "suspended", "lapsed")}
    for year in range(FIRST, LAST + 1):
        day = dt.date(year, 7, 1)
        live = [i for i in session.registry if i.period is not None and i.period.contains(day)
                and any(ob.kind.value in RESTRAINT_KINDS for ob in i.obligations)]
        out["treaty"].append(sum(i.legal_force.value != "political" for i in live))
        out["political"].append(sum(i.legal_force.value == "political" for i in live))
        got = restraint_entries(session, day, beneficiary=365)
        got = [e for e in got if e.obligation.kind.value in RESTRAINT_KINDS]
        out["in_force"].append(sum(e.status in ("in_force", "found_violated") for e in got))
        out["suspended"].append(sum(e.status == "suspended" for e in got))
        out["lapsed"].append(sum(e.status in ("withdrawn", "expired", "terminated", "abrogated")
                                 and e.since is not None and e.since.year >= FIRST
                                 for e in got))
    return out


def main(path: str) -> None:
    with foedus.open() as s:
        c = counts(s)
    years = list(range(FIRST, LAST + 1))
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(9, 7), sharex=True)
    top.stackplot(years, c["treaty"], c["political"], labels=["treaty", "political"],
                  colors=["#33658a", "#86bbd8"])
    top.set_ylabel("instruments in force")
    top.set_title("Restraint instruments (force limits, inspection regimes) in force, 1 July")
    top.legend(loc="upper left", frameon=False)
    bottom.stackplot(years, c["in_force"], c["suspended"], c["lapsed"],
                     labels=["in force", "suspended", "lapsed since 1987"],
                     colors=["#2f4858", "#f6ae2d", "#f26419"])
    bottom.set_ylabel("state-to-state commitments")
    bottom.set_title("Force limits and inspection owed to Russia (USSR), by status, 1 July")
    bottom.legend(loc="upper left", frameon=False)
    bottom.set_xlim(FIRST, LAST)
    fig.text(0.01, 0.005, "Source: foedus registry (foedus restraints RUS --on YYYY-07-01)",
             fontsize=8, color="#555555")
    fig.tight_layout(rect=(0, 0.02, 1, 1))
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=120)
    for k, v in c.items():
        print(k, dict(zip(years, v, strict=True)))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "docs/images/restraint-architecture.png")
