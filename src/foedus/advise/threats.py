"""Which states threaten a target: inferred from data, each with the reason.

Three sources, each said in ``why``: a Thompson-Dreyer strategic rivalry with the target (to
2010, last year read after that); a militarised dispute between them in COW MID 5.0 in the
ten years before the day (data to 2014); and the adversaries named in pledges the target
receives (the registry and ATOP: a pledge "against X" says who its parties feared).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import numpy as np

__all__ = ["Threat", "infer_threats"]

MID_TABLES = ("midb_5_0", "MIDB 5.0", "midb", "MIDB 5.0.csv")
MID_LAST = 2014


@dataclass(frozen=True)
class Threat:
    state: int
    why: list[str]


def _mid_partners(inputs: Any, target: int, year: int, notes: list[str]) -> dict[int, int]:
    """States on the other side of a MID with ``target`` in the ten years to ``year``."""
    table = None
    for name in MID_TABLES:
        try:
            table = inputs.table("mid", name)
            break
        except Exception:  # noqa: BLE001 - not imported under this name
            continue
    if table is None:
        notes.append("MIDs: COW MID 5.0 is not imported; disputes were not used to infer "
                     "threats")
        return {}
    if year > MID_LAST:
        notes.append(f"MIDs: COW MID 5.0 ends in {MID_LAST}; disputes of {MID_LAST - 9}-"
                     f"{MID_LAST} were read")
    last = min(year, MID_LAST)
    cols = {c.lower(): c for c in table.columns}
    t = table.rename({v: k for k, v in cols.items()})
    t = t.filter((t["styear"] >= last - 9) & (t["styear"] <= last))
    mine = t.filter(t["ccode"] == target)
    out: dict[int, int] = {}
    for disp, side in zip(mine["dispnum"].to_list(), mine["sidea"].to_list(), strict=True):
        others = t.filter((t["dispnum"] == disp) & (t["sidea"] != side))
        for c in others["ccode"].to_list():
            out[int(c)] = out.get(int(c), 0) + 1
    return out


def infer_threats(session: Any, builder: Any, target: int, day: dt.date,
                  members: list[int], notes: list[str]) -> list[Threat]:
    """The likely threats to ``target`` on ``day``, strongest evidence first."""
    whys: dict[int, list[str]] = {}
    others = [m for m in members if m != target]
    if others:
        pf = builder.pairs(np.array([(target, m) for m in others]), day)
        if np.all(np.isnan(pf.rival)):
            notes.append("rivalries: Thompson-Dreyer strategic rivalries are not imported")
        for i, m in enumerate(others):
            if pf.rival[i] == 1:
                yr = pf.coverage.get("rivalries")
                whys.setdefault(m, []).append(
                    f"strategic rival of the target (Thompson & Dreyer, read for {yr})")
    for c, n in _mid_partners(session.inputs, target, day.year, notes).items():
        if c in members and c != target:
            whys.setdefault(c, []).append(
                f"{n} militarised dispute(s) with the target in COW MID 5.0, "
                f"{min(day.year, MID_LAST) - 9}-{min(day.year, MID_LAST)}")
    graph = session.graph(day)
    named: dict[int, set[str]] = {}
    for e in graph.owed_to(target):
        for adv in e.get("adversaries") or []:
            if adv in members and adv != target:
                named.setdefault(int(adv), set()).add(str(e["instrument_id"]))
    for adv, ids in named.items():
        listed = sorted(ids)
        whys.setdefault(adv, []).append(
            f"named adversary of {len(listed)} pledge(s) the target receives: "
            + ", ".join(listed[:4]) + (", ..." if len(listed) > 4 else ""))
    ranked = sorted(whys.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    return [Threat(c, w) for c, w in ranked]
