"""How much Brier skill is there to win in "who joins a war"? Two oracles on the backtest's rows.

Usage::

    foedus backtest wars --predictions rows.parquet
    python scripts/entry_ceiling.py rows.parquet

Why: the entry model's leave-one-war-out Brier skill is small (docs/credibility.md, section 3)
and the issue asked for 0.10. This script measures, on the same rows and with the same base
rate (each war scored against the share of joiners in the *other* wars), what two forecasters
that know more than any first-day data can tell would reach:

* **war share** knows, for each war, the share of its candidates that will join, and gives
  every candidate of the war that share (it knows nothing about *which* states);
* **war share x model** knows the same share and spreads it over the war's candidates in
  proportion to the model's out-of-sample ``p_lowo`` (capped at 1): the model's ranking with
  the war's size supplied by an oracle.

If *war share* alone stays under 0.10 while *war share x model* clears it, the missing
information is how many states a war draws in, not which ones: a war-level quantity that the
first day's commitments, geography and history do not carry.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import polars as pl

ERA = 1946


def _skill(p: np.ndarray, base: np.ndarray, y: np.ndarray) -> float:
    return float(1 - np.mean((p - y) ** 2) / np.mean((base - y) ** 2))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("predictions", type=Path, help="`foedus backtest wars --predictions` file")
    args = ap.parse_args()
    rows = pl.read_parquet(args.predictions)
    need = {"warnum", "year", "y", "p_lowo"}
    if not need <= set(rows.columns):
        raise SystemExit(f"{args.predictions}: needs columns {sorted(need)} (run `foedus "
                         "backtest wars --predictions FILE` with the leave-one-war-out split)")
    per_war = rows.group_by("warnum").agg(pl.len().alias("n"), pl.col("y").sum().alias("k"),
                                          pl.col("p_lowo").sum().alias("sum_p"))
    total_n, total_k = int(per_war["n"].sum()), int(per_war["k"].sum())
    r = rows.join(per_war, on="warnum", how="left").with_columns(
        ((total_k - pl.col("k")) / (total_n - pl.col("n"))).alias("base"),
        (pl.col("k") / pl.col("n")).alias("war_share"),
        (pl.col("p_lowo") * pl.col("k") / pl.col("sum_p")).clip(0, 1).alias("share_x_model"))
    print(f"{rows.height:,} rows, {total_k} joiners, {per_war.height} wars; Brier skill "
          "against each war's base rate from the other wars")
    print(f"{'forecast':<22}{'all wars':>10}{'from 1946':>11}{'before 1946':>13}")
    for col, name in (("p_lowo", "model (out of sample)"), ("war_share", "oracle: war share"),
                      ("share_x_model", "oracle: share x model")):
        cells = []
        for mask in (np.ones(r.height, dtype=bool), (r["year"] >= ERA).to_numpy(),
                     (r["year"] < ERA).to_numpy()):
            sub = r.filter(pl.Series(mask))
            cells.append(_skill(sub[col].to_numpy(), sub["base"].to_numpy(),
                                sub["y"].to_numpy().astype(float)))
        print(f"{name:<22}" + "".join(f"{c:>+11.3f}" for c in cells))


if __name__ == "__main__":
    main()
