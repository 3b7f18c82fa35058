"""Systemic indices of a sweep.

Per state and date: ``exposure`` — the expected number of wars it is drawn into as a third
party (the sum of its ``p_enter`` over every pair in which it is neither attacker nor target);
``patronage`` — how many targets it would defend (targets for which it enters on the
defender's side against at least one attacker, in at least one simulated war: a promise of
its can bring it into that target's defence); ``exposure_share`` — exposure
over the number of pairs. And the pairs with the largest expected war.
"""

from __future__ import annotations

import polars as pl

__all__ = ["indices", "largest_wars"]


def indices(long: pl.DataFrame) -> pl.DataFrame:
    third = long.filter(pl.col("first_round") > 0)
    npairs = long.filter(pl.col("first_round") == 0, pl.col("side") == "attacker").group_by(
        "date").len("pairs")
    exp = third.group_by("date", "state").agg(pl.col("p_enter").sum().alias("exposure"))
    pat = (third.filter(pl.col("side") == "defender", pl.col("p_enter") > 0)
           .group_by("date", "state").agg(pl.col("target").n_unique().alias("patronage")))
    return (exp.join(pat, on=["date", "state"], how="left")
            .join(npairs, on="date")
            .with_columns(pl.col("patronage").fill_null(0),
                          (pl.col("exposure") / pl.col("pairs")).alias("exposure_share"))
            .drop("pairs")
            .sort(["date", "exposure", "state"], descending=[False, True, False]))


def largest_wars(pairs: pl.DataFrame, n: int = 10) -> pl.DataFrame:
    return pairs.sort(["expected_war_size", "attacker", "target"],
                      descending=[True, False, False]).head(n)
