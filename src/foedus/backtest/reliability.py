"""The guarantor score against honoured and violated alliances (Berkemeier & Fuhrmann 2018).

Why a second check: the COW backtest asks who came to a victim's side among all states; this
one asks, among allies whose pledge was invoked, which honoured it. Berkemeier & Fuhrmann
(2018) code every invoked ATOP alliance in a COW war as honoured or violated. For a
*bilateral* alliance the two parties are known, so the case is exact: the member at war is
the target, the other member the candidate guarantor, and the war's other side the threats.
Multilateral alliances are left out: the data do not say which member honoured.

Reading of a case: the target is the member that took part in the war (the earlier entrant
if both did); the day is its entry day; the threats are the other side's participants that
had entered by then (else the other side's earliest entrants). A case whose candidate or
target is outside the state system on the day is dropped, and the count says so.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import polars as pl

from foedus.datasets.inputs import Inputs

__all__ = ["Invocation", "invocations"]


@dataclass(frozen=True)
class Invocation:
    """One invoked bilateral alliance: did ``candidate`` honour its pledge to ``target``?"""

    warnum: int
    atopid: int
    day: dt.date
    target: int
    threats: tuple[int, ...]
    candidate: int
    honoured: bool


def _participants(inputs: Inputs) -> pl.DataFrame:
    w = inputs.table("war", "inter").select(
        pl.col("warnum").cast(pl.Int64), pl.col("ccode").cast(pl.Int64),
        pl.col("side").cast(pl.Int64), pl.col("startyear1").cast(pl.Int64),
        pl.col("startmonth1").cast(pl.Int64), pl.col("startday1").cast(pl.Int64))
    month = pl.when(pl.col("startmonth1").is_between(1, 12)).then(pl.col("startmonth1")) \
        .otherwise(1)
    day = pl.when(pl.col("startday1") >= 1).then(pl.col("startday1")).otherwise(1)
    return w.with_columns(pl.date(pl.col("startyear1"), month, day).alias("entry")) \
        .group_by("warnum", "ccode", "side").agg(pl.col("entry").min())


def invocations(inputs: Inputs) -> list[Invocation]:
    """Every invoked bilateral ATOP alliance of Berkemeier & Fuhrmann with an outcome."""
    bf = inputs.table("reliability", "berkemeier_fuhrmann").select(
        pl.col("atopid").cast(pl.Float64).cast(pl.Int64),
        pl.col("cowwarid").cast(pl.Float64).cast(pl.Int64).alias("warnum"),
        pl.col("multilateral").cast(pl.Float64),
        pl.col("honorbf").cast(pl.Float64), pl.col("violatebf").cast(pl.Float64))
    bf = bf.filter(pl.col("warnum").is_not_null() & pl.col("atopid").is_not_null()
                   & (pl.col("multilateral") == 0)
                   & ((pl.col("honorbf") == 1) | (pl.col("violatebf") == 1)))
    members = inputs.table("atop", "member").select(
        pl.col("atopid").cast(pl.Int64), pl.col("member").cast(pl.Int64)).unique()
    by_alliance: dict[int, list[int]] = {}
    for a, m in members.iter_rows():
        by_alliance.setdefault(int(a), []).append(int(m))
    part = _participants(inputs)
    out = []
    for atopid, warnum, _multi, hon, _vio in bf.iter_rows():
        mem = sorted(set(by_alliance.get(int(atopid), [])))
        if len(mem) != 2:
            continue
        war = part.filter(pl.col("warnum") == warnum)
        at_war = war.filter(pl.col("ccode").is_in(mem)).sort("entry", "ccode")
        if at_war.height == 0:
            continue
        target, side, day = (int(at_war["ccode"][0]), int(at_war["side"][0]),
                             at_war["entry"][0])
        candidate = next(m for m in mem if m != target)
        other = war.filter(pl.col("side") != side)
        early = other.filter(pl.col("entry") <= day)
        if early.height == 0:
            early = other.filter(pl.col("entry") == other["entry"].min())
        threats = tuple(sorted(int(c) for c in early["ccode"].to_list()))
        if not threats:
            continue
        out.append(Invocation(int(warnum), int(atopid), day, target, threats, candidate,
                              hon == 1))
    return out
