"""Whom a state must be guaranteed against, when the user does not say: likely threats.

Three sources, each with its reason in words, never the target itself:

1. strategic rivals (Thompson & Dreyer, via the feature builder; past the data's last year,
   2010, the last known year stands in, and the reason says so);
2. states named as adversaries by the commitments the target is owed on the day (the graph's
   ``adversaries`` column: a pledge "against Germany" names Germany as the threat);
3. states on the other side of a militarised interstate dispute with the target (COW MID,
   when imported) that reached a use of force (hostility level 4 or 5) and ended in
   the ten years up to the day. MID 5.0 ends in 2014: past its
   end the ten years are counted back from its last year, and the reason says so.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import polars as pl

from foedus.errors import FoedusError

if TYPE_CHECKING:
    from foedus.graph import CommitmentGraph
    from foedus.scenario.features import FeatureBuilder
    from foedus.session import Session

__all__ = ["Threat", "infer_threats", "MID_WINDOW_YEARS"]

MID_WINDOW_YEARS = 10
MIN_HOSTLEV = 4


@dataclass
class Threat:
    ccode: int
    why: list[str] = field(default_factory=list)
    tier: int = 2  # 1: a rival, a named adversary or given by the user; 2: disputes only


class MidIndex:
    """MID participants as (dispute, state, side, end year), read once per session."""

    def __init__(self, session: Session) -> None:
        self.frame: pl.DataFrame | None = None
        self.last_year: int | None = None
        self.note: str | None = None
        try:
            b = session.inputs.table("mid", "midb")
        except FoedusError:
            self.note = "mid: COW MID not imported; disputes not used to infer threats"
            return
        f = b.select(pl.col("dispnum").cast(pl.Int64), pl.col("ccode").cast(pl.Int64),
                     pl.col("sidea").cast(pl.Int64), pl.col("endyear").cast(pl.Int64),
                     pl.col("styear").cast(pl.Int64), pl.col("hostlev").cast(pl.Int64))
        # disputes that reached a use of force (hostility level 4 or 5)
        serious = f.group_by("dispnum").agg(pl.col("hostlev").max().alias("h")).filter(
            pl.col("h") >= MIN_HOSTLEV)["dispnum"]
        self.frame = f.filter(pl.col("dispnum").is_in(serious.implode()))
        self.last_year = int(self.frame["endyear"].max())  # type: ignore[arg-type]

    def opponents(self, target: int, year: int) -> dict[int, tuple[int, int]]:
        """State -> (number of disputes, last end year) against ``target`` in the window."""
        if self.frame is None or self.last_year is None:
            return {}
        end = min(year, self.last_year)
        f = self.frame.filter((pl.col("endyear") >= end - MID_WINDOW_YEARS + 1)
                              & (pl.col("styear") <= end))
        mine = f.filter(pl.col("ccode") == target).select("dispnum", pl.col("sidea").alias("s"))
        if mine.is_empty():
            return {}
        other = f.join(mine, on="dispnum").filter(
            (pl.col("sidea") != pl.col("s")) & (pl.col("ccode") != target))
        out: dict[int, tuple[int, int]] = {}
        for row in other.group_by("ccode").agg(pl.col("dispnum").n_unique().alias("n"),
                                                pl.col("endyear").max().alias("last")).rows():
            out[int(row[0])] = (int(row[1]), int(row[2]))
        return out


def infer_threats(session: Session, fb: FeatureBuilder, graph: CommitmentGraph, target: int,
                  day: dt.date, members: set[int], mids: MidIndex,
                  abb: dict[int, str]) -> list[Threat]:
    """Likely threats to ``target`` on ``day``, each with its reasons; only states in the
    system on the day (``members``); strongest reasons first (rivals, named adversaries,
    disputes)."""
    found: dict[int, Threat] = {}

    def add(code: int, why: str, tier: int) -> None:
        if code == target or code not in members:
            return
        t = found.setdefault(code, Threat(code, tier=tier))
        t.why.append(why)
        t.tier = min(t.tier, tier)

    lay = fb.layer("rivalries", day.year)
    if lay.year is not None and lay.pos[target] >= 0:
        row = lay.mats["td_rival"][lay.pos[target]]
        codes = np.flatnonzero(lay.pos >= 0)
        when = (f"in {lay.year}, the data's last year" if lay.year != day.year
                else f"in {lay.year}")
        for code in codes:
            if row[lay.pos[code]] == 1:
                add(int(code), f"strategic rival of {abb.get(target, target)} {when} "
                            "(Thompson & Dreyer)", 1)
    named: dict[int, dict[str, None]] = {}
    for e in graph.owed_to(target):
        for a in e.get("adversaries") or ():
            named.setdefault(int(a), {})[str(e["instrument_id"])] = None
    for a, insts in named.items():
        ids = list(insts)
        shown = ", ".join(ids[:3]) + (f" and {len(ids) - 3} more" if len(ids) > 3 else "")
        add(a, f"named as the adversary by {len(ids)} instrument(s) owed to "
               f"{abb.get(target, target)} ({shown})", 1)
    opp = mids.opponents(target, day.year)
    if opp and mids.last_year is not None:
        end = min(day.year, mids.last_year)
        span = f"{end - MID_WINDOW_YEARS + 1}-{end}"
        past = f" (MID ends {mids.last_year})" if day.year > mids.last_year else ""
        for c, (n, last) in sorted(opp.items()):
            add(c, f"{n} militarised dispute(s) (use of force or war) with "
                   f"{abb.get(target, target)} in {span}, the last ending {last}{past}", 2)
    return list(found.values())
