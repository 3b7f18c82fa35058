"""The yearly sweep and its dyad-year verbs.

A yearly sweep reads each year on 30 June (:data:`foedus.sweeps.plan.YEAR_DAY`): mid-year, so
a state or a commitment is counted in the year for which it held most of the year is not
certain, but a one-day reading must pick a day and 30 June is the day by which most of a
year's changes have taken effect and before the year's second half; documented in
docs/sweeps.md.

Verbs (peacesciencer's rule: every ``add_*`` keeps the rows it is given; a frame of another
unit is refused, naming ``create_dyadyears()``; outside the sweep's years, or for a state not
in the system on the sweep's day, the value is missing, never 0):

- :func:`add_expected_defenders` adds ``expected_defender``: the probability that ``ccode2``
  fights on ``ccode1``'s side if ``ccode1`` is attacked — the mean of ``p_enter`` over every
  possible attacker (every state alive on the day other than the two), so a promise that
  names adversaries counts for the share of attackers it covers.
- :func:`add_expected_war_size` adds ``expected_war_size``: the expected number of states at
  war (both principals included) if ``ccode1`` attacks ``ccode2``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import polars as pl

from foedus.datasets.frame import DatasetUse
from foedus.sweeps.api import read_sweep

if TYPE_CHECKING:
    from foedus.datasets.frame import FoedusFrame

__all__ = ["add_expected_defenders", "add_expected_war_size", "read_sweep"]


def _use(name: str) -> list[object]:
    return [DatasetUse("registry", "", ("sweep",), "foedus commitment registry (sweep)",
                       (name,))]


def _years(long: pl.DataFrame) -> pl.DataFrame:
    return long.select(pl.col("date").dt.year().cast(pl.Int64).alias("year"), "date").unique()


def add_expected_defenders(frame: FoedusFrame, sweep: str | Path | pl.DataFrame) -> FoedusFrame:
    """``expected_defender`` for each dyad-year (see the module docstring)."""
    frame.require("add_expected_defenders", "dyad_year")
    cols = (sweep.columns if isinstance(sweep, pl.DataFrame)
            else list(pl.read_parquet_schema(sweep)))
    if "expected_defender" in cols:  # the entry model's table (foedus sweep defenders)
        ed = sweep if isinstance(sweep, pl.DataFrame) else pl.read_parquet(sweep)
        return _join(frame, ed.select(
            pl.col("target").cast(pl.Int64).alias("ccode1"),
            pl.col("state").cast(pl.Int64).alias("ccode2"),
            pl.col("date").dt.year().cast(pl.Int64).alias("year"), "expected_defender"),
            "expected_defender")
    long = read_sweep(sweep)
    if "side" not in long.columns:
        long = pl.read_parquet(sweep) if not isinstance(sweep, pl.DataFrame) else long
    n = (long.filter(pl.col("first_round") == 0, pl.col("side") == "attacker")
         .group_by("date").agg(pl.col("attacker").n_unique().alias("n")))
    alive = (long.filter(pl.col("first_round") == 0).select("date", "state").unique())
    defend = (long.filter(pl.col("side") == "defender", pl.col("first_round") > 0)
              .group_by("date", "target", "state").agg(pl.col("p_enter").sum().alias("s")))
    grid = (alive.join(alive, on="date", suffix="2")
            .filter(pl.col("state") != pl.col("state2"))
            .rename({"state": "target", "state2": "state"}))
    val = (grid.join(defend, on=["date", "target", "state"], how="left").join(n, on="date")
           .with_columns((pl.col("s").fill_null(0.0) / (pl.col("n") - 2))
                         .alias("expected_defender"))
           .with_columns(pl.col("date").dt.year().cast(pl.Int64).alias("year"))
           .select(pl.col("target").cast(pl.Int64).alias("ccode1"),
                   pl.col("state").cast(pl.Int64).alias("ccode2"), "year",
                   "expected_defender"))
    return _join(frame, val, "expected_defender")


def add_expected_war_size(frame: FoedusFrame, sweep: str | Path | pl.DataFrame) -> FoedusFrame:
    """``expected_war_size`` for each dyad-year: ccode1 attacks ccode2."""
    frame.require("add_expected_war_size", "dyad_year")
    long = read_sweep(sweep)
    val = (long.group_by("date", "attacker", "target").agg(pl.col("p_enter").sum()
                                                           .alias("expected_war_size"))
           .select(pl.col("attacker").cast(pl.Int64).alias("ccode1"),
                   pl.col("target").cast(pl.Int64).alias("ccode2"),
                   pl.col("date").dt.year().cast(pl.Int64).alias("year"), "expected_war_size"))
    return _join(frame, val, "expected_war_size")


def _join(frame: FoedusFrame, val: pl.DataFrame, name: str) -> FoedusFrame:
    df = frame.df
    keys = ["ccode1", "ccode2", "year"]
    val = val.cast({k: df.schema[k] for k in keys}).unique(keys)
    out = df.drop(name, strict=False).join(val, on=keys, how="left", maintain_order="left")
    return frame.with_columns(out, _use(name))  # type: ignore[arg-type]
