"""The history a guarantor ranking is checked against: COW wars that others joined.

Why: "who would fight for this state?" can be asked of every past war on its first day, and
history answers it — the states that came to the victim's side. A case is one COW Inter-State
War 4.0 war (Sarkees & Wayman 2010) in which at least one state entered on the side of the
original target after the war's first day; its rows are every state in the system on that
day except the war's first-day belligerents, with ``joined`` true for those that came.

Reading of COW's participant file (docs/guarantors.md, "Backtest"):

* a participant's entry day is its first spell's start (``StartYear1/Month1/Day1``; an
  unknown day, -9, is read as the 1st of the month, an unknown month as January);
* the war's first day is the earliest entry day;
* the *initiator side* is the side of the first-day participants coded ``Initiator = 1``;
* the *original targets* are the other side's first-day participants, the *initiators* the
  initiator side's first-day participants;
* the *joiners* are the participants on the targets' side whose entry day is later.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import polars as pl

from foedus.datasets.inputs import Inputs

__all__ = ["WarCase", "war_cases"]


@dataclass(frozen=True)
class WarCase:
    """One war that others joined on the original target's side."""

    warnum: int
    name: str
    day: dt.date
    initiators: tuple[int, ...]
    targets: tuple[int, ...]
    joiners: tuple[int, ...]

    @property
    def era(self) -> str:
        return "before 1945" if self.day.year < 1945 else "since 1945"

    def to_json(self) -> dict[str, object]:
        return {"warnum": self.warnum, "name": self.name, "day": self.day.isoformat(),
                "initiators": list(self.initiators), "targets": list(self.targets),
                "joiners": list(self.joiners)}


def _entry_day() -> pl.Expr:
    year = pl.col("startyear1")
    month = pl.when(pl.col("startmonth1").is_between(1, 12)).then(pl.col("startmonth1")) \
        .otherwise(1)
    day = pl.when(pl.col("startday1") >= 1).then(pl.col("startday1")).otherwise(1)
    return pl.date(year, month, day).alias("entry")


def war_cases(inputs: Inputs) -> list[WarCase]:
    """Every COW inter-state war in which a state came to the original target's side."""
    w = inputs.table("war", "inter").select(
        pl.col("warnum").cast(pl.Int64), pl.col("warname").cast(pl.Utf8),
        pl.col("ccode").cast(pl.Int64), pl.col("side").cast(pl.Int64),
        pl.col("initiator").cast(pl.Int64), pl.col("startyear1").cast(pl.Int64),
        pl.col("startmonth1").cast(pl.Int64), pl.col("startday1").cast(pl.Int64),
    ).with_columns(_entry_day())
    # a state with several spells in one war enters on its earliest
    w = w.group_by("warnum", "ccode", "side").agg(
        pl.col("warname").first(), pl.col("initiator").min(), pl.col("entry").min())
    w = w.with_columns(pl.col("entry").min().over("warnum").alias("start"))
    first = w.filter(pl.col("entry") == pl.col("start"))
    iside = first.filter(pl.col("initiator") == 1).group_by("warnum").agg(
        pl.col("side").min().alias("iside"))
    w = w.join(iside, on="warnum", how="inner")
    out = []
    for (warnum,), g in w.sort("warnum", "ccode").group_by(["warnum"], maintain_order=True):
        start = g["start"][0]
        day1 = g.filter(pl.col("entry") == start)
        init = tuple(day1.filter(pl.col("side") == pl.col("iside"))["ccode"].to_list())
        tgts = tuple(day1.filter(pl.col("side") != pl.col("iside"))["ccode"].to_list())
        joiners = tuple(g.filter((pl.col("entry") > start)
                                 & (pl.col("side") != pl.col("iside")))["ccode"].to_list())
        if init and tgts and joiners:
            out.append(WarCase(int(warnum), str(g["warname"][0]), start, init, tgts,
                               tuple(sorted(set(joiners)))))
    return out
