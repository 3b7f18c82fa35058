"""``add_contiguity`` and ``add_capital_distance``.

Rules (peacesciencer 1.2.9, reproduced exactly; see docs/rules.md and docs/examples/dyadyears.md):

* contiguity: each ``cow_contdir`` spell covers the months from its start month to its end
  month; a dyad-year takes the type of its **first covered month** in that year, and where two
  spells cover that month the spell listed first in the table wins. No spell: 0 inside
  1816-2016, missing after (peacesciencer's ``mry = FALSE``). State-years get ``land`` and
  ``sea``: how many dyads of the state have a first-month type of 1, or above 1.
  Computed without expanding months: a spell's first covered month in year *y* is its start
  month in its start year and January afterwards.
* capital distance: each state's capital on the first day of the year it covers
  (``cow_capitals`` spells), and the great-circle distance between the two capitals on a
  sphere of radius 6,378,137 m (Vincenty's formula on the sphere, as geosphere's
  ``distVincentySphere``), in km. State-years get ``mincapdist``, the smallest distance to
  any other state that year, missing when any distance is missing (R's ``min`` without
  ``na.rm``). Distances are computed once per pair of capitals and read by position.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import polars as pl

from foedus.datasets._join import codes, grid
from foedus.datasets.create import create_dyadyears
from foedus.datasets.frame import FoedusFrame
from foedus.datasets.inputs import Inputs, default_inputs
from foedus.model.schema import CONTIGUITY_YEARS

__all__ = ["add_contiguity", "add_capital_distance", "contiguity_years", "vincenty_sphere_km",
           "capital_years", "CONTIGUITY_YEARS"]

EARTH_RADIUS_M = 6378137.0


def contdir_table(inputs: Inputs) -> tuple[str, str, pl.DataFrame]:
    """Contiguity spells ``ccode1, ccode2, conttype, stdate, enddate`` in table order."""
    ds, tb, raw = inputs.first(("peacesciencer", "cow_contdir"), ("contiguity", "contdir"))
    if "stdate" in raw.columns:
        return ds, tb, raw

    def build() -> pl.DataFrame:
        # the COW release: statelno/statehno, begin/end as YYYYMM; peacesciencer appends the
        # reversed rows after the originals
        def month(c: str) -> pl.Expr:
            v = pl.col(c).cast(pl.Int64)
            return pl.date(v // 100, v % 100, 1)

        base = raw.select(ccode1="statelno", ccode2="statehno", conttype="conttype",
                          stdate=month("begin"), enddate=month("end"))
        rev = base.select(ccode1="ccode2", ccode2="ccode1", conttype="conttype",
                          stdate="stdate", enddate="enddate")
        return pl.concat([base, rev])

    return ds, tb, inputs.derived(("contdir", ds, tb), build)


def contiguity_years(contdir: pl.DataFrame) -> pl.DataFrame:
    """``ccode1, ccode2, year, conttype``: the type of each dyad's first covered month."""
    sp = contdir.with_row_index("order").select(
        pl.col("ccode1").cast(pl.Int64),
        pl.col("ccode2").cast(pl.Int64),
        pl.col("conttype").cast(pl.Int8),
        "order",
        "stdate",
        year=pl.int_ranges(pl.col("stdate").dt.year(), pl.col("enddate").dt.year() + 1),
    ).explode("year")
    first_month = (
        pl.when(pl.col("year") == pl.col("stdate").dt.year())
        .then(pl.col("stdate").dt.month())
        .otherwise(1)
    )
    return (
        sp.with_columns(month=first_month)
        .sort("ccode1", "ccode2", "year", "month", "order")
        .unique(["ccode1", "ccode2", "year"], keep="first", maintain_order=True)
        .select("ccode1", "ccode2", pl.col("year").cast(pl.Int64), "conttype")
    )


def add_contiguity(frame: FoedusFrame, *, inputs: Inputs | None = None) -> FoedusFrame:
    """Add ``conttype`` (dyad-years: 0 none, 1 land, 2-5 by water) or ``land, sea``."""
    frame.require("add_contiguity", ("state_year", "dyad_year"))
    inputs = inputs or frame.inputs or default_inputs()
    ds, tb, raw = contdir_table(inputs)
    cy = inputs.derived(("contiguity-years", ds, tb), lambda: contiguity_years(raw))
    first, last = CONTIGUITY_YEARS
    if frame.unit == "state_year":
        per = cy.group_by("ccode1", "year").agg(
            land=(pl.col("conttype") == 1).sum().cast(pl.Float64),
            sea=(pl.col("conttype") > 1).sum().cast(pl.Float64),
        ).rename({"ccode1": "ccode"})
        df = frame.df.with_columns(pl.col("year").cast(pl.Int64).alias("_y")).join(
            per.rename({"year": "_y"}).with_columns(pl.col("ccode").cast(frame.df["ccode"].dtype)),
            on=["ccode", "_y"], how="left", maintain_order="left",
        ).drop("_y")
        in_years = pl.col("year").is_between(first, last)
        df = df.with_columns(
            pl.when(in_years & pl.col(c).is_null()).then(0.0).otherwise(pl.col(c)).alias(c)
            for c in ("land", "sea")
        )
        return frame.with_columns(df, inputs.use(ds, tb, ("land", "sea")))
    g = grid(frame)
    cells = inputs.derived(("contiguity-cells", ds, tb, g.signature),
                           lambda: g.dyad_cells(g.dyad_key(*codes(cy, "ccode1", "ccode2", "year"))))
    rows = g.rows_for_dyad(np.empty(0, np.int64), cells)
    # a trailing 0: row -1 (no spell) reads "not contiguous"
    vals = inputs.derived(("contiguity-values", ds, tb),
                          lambda: np.append(cy["conttype"].to_numpy(), 0).astype(np.int8))
    col = pl.Series("conttype", vals[rows]).to_frame()
    inside = (g.year >= first) & (g.year <= last)
    if not inside.all():  # unknown, not 0, after the data's last year
        col = col.with_columns(
            pl.when(pl.Series(inside)).then(pl.col("conttype")).otherwise(None)
        )
    df = pl.concat([frame.df, col], how="horizontal")
    return frame.with_columns(df, inputs.use(ds, tb, ("conttype",)))


def vincenty_sphere_km(
    lat1: npt.NDArray[np.float64], lng1: npt.NDArray[np.float64],
    lat2: npt.NDArray[np.float64], lng2: npt.NDArray[np.float64],
) -> npt.NDArray[np.float64]:
    """Great-circle distance in km (Vincenty's formula on a sphere of radius 6,378,137 m)."""
    p1, l1, p2, l2 = (np.radians(a) for a in (lat1, lng1, lat2, lng2))
    dl = l1 - l2
    x = np.sqrt((np.cos(p2) * np.sin(dl)) ** 2
                + (np.cos(p1) * np.sin(p2) - np.sin(p1) * np.cos(p2) * np.cos(dl)) ** 2)
    y = np.sin(p1) * np.sin(p2) + np.cos(p1) * np.cos(p2) * np.cos(dl)
    return np.asarray(EARTH_RADIUS_M * np.arctan2(x, y) / 1000.0)


def capital_years(capitals: pl.DataFrame, code: str = "ccode") -> pl.DataFrame:
    """``ccode, year, cap`` (row of the capital in ``capitals``) on each year's first day.

    The first day of year *y* a spell covers is Jan 1, or its start in its start year; the
    earliest such day wins, ties to the spell listed first (peacesciencer's day-by-day
    expansion followed by ``slice(1)`` per state-year).
    """
    sp = capitals.with_row_index("cap").select(
        pl.col(code).cast(pl.Int64).alias("ccode"),
        "cap",
        "stdate",
        year=pl.int_ranges(pl.col("stdate").dt.year(), pl.col("enddate").dt.year() + 1),
    ).explode("year")
    day = pl.when(pl.col("year") == pl.col("stdate").dt.year()).then(
        pl.col("stdate").dt.ordinal_day()).otherwise(1)
    return (
        sp.with_columns(day=day).sort("ccode", "year", "day", "cap")
        .unique(["ccode", "year"], keep="first", maintain_order=True)
        .select("ccode", pl.col("year").cast(pl.Int64), "cap")
    )


def add_capital_distance(frame: FoedusFrame, *, inputs: Inputs | None = None) -> FoedusFrame:
    """Add ``capdist`` (km between capitals; dyad-years) or ``mincapdist`` (state-years)."""
    frame.require("add_capital_distance", ("state_year", "dyad_year"))
    inputs = inputs or frame.inputs or default_inputs()
    ds, tb = "peacesciencer", "cow_capitals"
    caps = inputs.table(ds, tb)

    def build() -> tuple[pl.DataFrame, npt.NDArray[np.float64]]:
        cy = capital_years(caps)
        lat = caps["lat"].cast(pl.Float64).to_numpy()
        lng = caps["lng"].cast(pl.Float64).to_numpy()
        n = lat.size
        i, j = np.meshgrid(np.arange(n), np.arange(n), indexing="ij")
        dist = vincenty_sphere_km(lat[i.ravel()], lng[i.ravel()], lat[j.ravel()], lng[j.ravel()])
        return cy, dist.reshape(n, n)

    cy, dist = inputs.derived(("capitals", ds, tb), build)
    g = grid(frame)
    key = inputs.derived(("capitals-key", g.y0, g.ny),
                         lambda: g.state_key(*codes(cy, "ccode", "year")))
    cap = cy["cap"].to_numpy().astype(np.int64)
    if frame.unit == "state_year":
        ddy = create_dyadyears("cow", True, (g.y0, g.y0 + g.ny - 1), inputs=inputs)
        with_d = add_capital_distance(ddy, inputs=inputs).df
        per = with_d.group_by("ccode1", "year").agg(
            mincapdist=pl.when(pl.col("capdist").is_null().any()).then(None)
            .otherwise(pl.col("capdist").min())
        ).rename({"ccode1": "ccode"})
        df = frame.df.join(per, on=["ccode", "year"], how="left", maintain_order="left")
        return frame.with_columns(df, inputs.use(ds, tb, ("mincapdist",)))
    r1 = g.rows_for_state(key, 1)
    r2 = g.rows_for_state(key, 2)
    ok = (r1 >= 0) & (r2 >= 0)
    c1 = cap[np.maximum(r1, 0)]
    c2 = cap[np.maximum(r2, 0)]
    d = dist[c1, c2]
    col = pl.Series("capdist", d).to_frame().with_columns(
        pl.when(pl.Series(ok)).then(pl.col("capdist")).otherwise(None)
    )
    df = pl.concat([frame.df, col], how="horizontal")
    return frame.with_columns(df, inputs.use(ds, tb, ("capdist",)))
