"""``add_wars``, ``add_rivalries`` and ``add_ideal_point_distance``.

Rules (documented differences from peacesciencer, which can duplicate a dyad-year when it is
in two wars or two rivalries: foedus never adds a row, so it summarises per dyad-year):

* wars (COW Inter-State War 4.0, peacesciencer's directed ``cow_war_inter``):
  ``cowinterongoing``/``cowinteronset`` are 1 when ccode1 fights ccode2 (or starts to) in any
  war that year, 0 otherwise inside 1816-2007, missing after; ``cowinterwars`` counts wars.
* rivalries (Thompson & Dreyer, peacesciencer's ``td_rivalries``): ``td_rival`` is 1 when the
  two states are strategic rivals in the year (either order), 0 otherwise up to 2010,
  missing after; ``td_rivalryno`` the rivalry's number (lowest if several).
* ideal points (Bailey, Strezhnev & Voeten, July 2025): ``un_idealpoint1``,
  ``un_idealpoint2`` and ``un_ideal_distance`` = |difference|, by (ccode, year); missing where
  a state has no estimate (before 1946, absent from the session).
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import numpy.typing as npt
import polars as pl

from foedus.datasets._dense import take
from foedus.datasets._join import codes, grid
from foedus.datasets.frame import FoedusFrame
from foedus.datasets.inputs import Inputs, default_inputs
from foedus.errors import UsageError
from foedus.model.schema import RIVALRY_YEARS, WAR_YEARS

__all__ = ["add_wars", "add_rivalries", "add_ideal_point_distance"]

_K = ["ccode1", "ccode2", "year"]


def _dyad_flags(frame: FoedusFrame, src: pl.DataFrame, cols: list[str],
                span: tuple[int, int]) -> pl.DataFrame:
    g = grid(frame)
    rows = g.rows_for_dyad(g.dyad_key(*codes(src, *_K)))
    got = take(src.select(cols), rows)
    inside = pl.Series((g.year >= span[0]) & (g.year <= span[1]))
    return got.with_columns(
        pl.when(inside & pl.col(c).is_null()).then(0).otherwise(pl.col(c)).alias(c)
        for c in cols
    )


def add_wars(frame: FoedusFrame, *, inputs: Inputs | None = None) -> FoedusFrame:
    """Add COW inter-state war indicators to a COW dyad-year frame."""
    frame.require("add_wars", "dyad_year")
    inputs = inputs or frame.inputs or default_inputs()
    ds, tb, raw = inputs.first(("peacesciencer", "cow_war_inter"))
    src = inputs.derived(("wars", ds, tb), lambda: (
        raw.with_columns(pl.col(k).cast(pl.Int64) for k in _K)
        .group_by(_K).agg(
            pl.col("cowinterongoing").max().cast(pl.Int8),
            pl.col("cowinteronset").max().cast(pl.Int8),
            pl.col("warnum").n_unique().cast(pl.Int16).alias("cowinterwars"),
        )
    ))
    if not frame.directed:
        src = _undirected_max(src, ["cowinterongoing", "cowinteronset", "cowinterwars"])
    cols = ["cowinterongoing", "cowinteronset", "cowinterwars"]
    got = _dyad_flags(frame, src, cols, WAR_YEARS)
    return frame.with_columns(pl.concat([frame.df, got], how="horizontal"),
                              inputs.use(ds, tb, tuple(cols)))


def _undirected_max(src: pl.DataFrame, cols: list[str]) -> pl.DataFrame:
    return (
        src.with_columns(ccode1=pl.min_horizontal("ccode1", "ccode2"),
                         ccode2=pl.max_horizontal("ccode1", "ccode2"))
        .group_by(_K).agg(pl.col(c).max() for c in cols)
    )


def add_rivalries(frame: FoedusFrame, *, inputs: Inputs | None = None) -> FoedusFrame:
    """Add Thompson-Dreyer strategic rivalries (``td_rival``, ``td_rivalryno``)."""
    frame.require("add_rivalries", "dyad_year")
    inputs = inputs or frame.inputs or default_inputs()
    ds, tb, raw = inputs.first(("peacesciencer", "td_rivalries"))

    def build() -> pl.DataFrame:
        base = raw.select(
            pl.col("ccode1").cast(pl.Int64), pl.col("ccode2").cast(pl.Int64),
            pl.col("rivalryno").cast(pl.Int32).alias("td_rivalryno"),
            year=pl.int_ranges(pl.col("styear").cast(pl.Int64),
                               pl.col("endyear").cast(pl.Int64) + 1),
        ).explode("year")
        both = pl.concat([base, base.select(ccode1="ccode2", ccode2="ccode1",
                                            td_rivalryno="td_rivalryno", year="year")])
        return both.group_by(_K).agg(pl.lit(1, pl.Int8).alias("td_rival"),
                                     pl.col("td_rivalryno").min())

    src = inputs.derived(("rivalries", ds, tb), build)
    got = _dyad_flags(frame, src, ["td_rival"], RIVALRY_YEARS)
    g = grid(frame)
    rows = g.rows_for_dyad(g.dyad_key(*codes(src, *_K)))
    got = got.with_columns(take(src.select("td_rivalryno"), rows))
    return frame.with_columns(pl.concat([frame.df, got], how="horizontal"),
                              inputs.use(ds, tb, ("td_rival", "td_rivalryno")))


def add_ideal_point_distance(
    frame: FoedusFrame,
    measure: Literal["all", "fp", "legacy"] = "all",
    *,
    inputs: Inputs | None = None,
) -> FoedusFrame:
    """Add UN General Assembly ideal points of both states and their absolute distance.

    ``measure`` picks ``idealpointall`` (all votes, paragraphs and amendments included:
    the default, 1946-2023 in the July 2025 release), ``idealpointfp`` (final passage of
    resolutions only, 1946-2024) or ``idealpointlegacy`` (by session, 1946-2023); the years
    are :data:`foedus.model.schema.IDEAL_POINT_YEARS`. A year without an estimate is missing.
    """
    frame.require("add_ideal_point_distance", ("state_year", "dyad_year"))
    if measure not in ("all", "fp", "legacy"):
        raise UsageError(f"unknown ideal-point measure {measure!r}: use 'all', 'fp' or 'legacy'")
    inputs = inputs or frame.inputs or default_inputs()
    ds, tb, raw = inputs.first(("ideal-points", "ideal_points"))
    col = {c.lower(): c for c in raw.columns}[f"idealpoint{measure}"]
    src = inputs.derived(("ideal", ds, tb, measure), lambda: (
        raw.select(pl.col("ccode").cast(pl.Int64), pl.col("year").cast(pl.Int64),
                   pl.col(col).cast(pl.Float64).alias("ip"))
        .drop_nulls(["ccode", "year"]).unique(["ccode", "year"], keep="first")
    ))
    g = grid(frame)
    key = g.state_key(*codes(src, "ccode", "year"))
    vals = src["ip"].to_numpy()

    def side(i: int) -> npt.NDArray[np.float64]:
        r = g.rows_for_state(key, i)
        return np.where(r >= 0, vals[np.maximum(r, 0)], np.nan)

    if frame.unit == "state_year":
        new = pl.DataFrame({"un_idealpoint": side(1)}, nan_to_null=True)
        cols: tuple[str, ...] = ("un_idealpoint",)
    else:
        a, b = side(1), side(2)
        new = pl.DataFrame({"un_idealpoint1": a, "un_idealpoint2": b,
                            "un_ideal_distance": np.abs(a - b)}, nan_to_null=True)
        cols = tuple(new.columns)
    return frame.with_columns(pl.concat([frame.df, new], how="horizontal"),
                              inputs.use(ds, tb, cols))
