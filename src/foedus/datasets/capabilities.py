"""``add_capabilities`` (COW National Material Capabilities) and ``add_majors``.

Rules (peacesciencer's ``add_nmc``/``add_cow_majors``): NMC is joined on ``(ccode, year)``,
for each side of a dyad (suffixes 1 and 2); ``-9`` (NMC 6.0's missing code) is missing.
Version 7.0 is peacesciencer's ``cow_nmc`` (to 2022); 6.0 the COW release (to 2016).
Major powers: ``cowmaj`` is 1 when the state is a COW major power at any time in the year,
0 otherwise inside the list's coverage (1816-2016), missing after it.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from foedus.datasets._dense import take
from foedus.datasets._join import codes, grid
from foedus.datasets.frame import FoedusFrame
from foedus.datasets.inputs import Inputs, default_inputs
from foedus.errors import UsageError
from foedus.model.schema import MAJORS_YEARS

__all__ = ["add_capabilities", "add_majors", "NMC_COLUMNS"]

NMC_COLUMNS = ("milex", "milper", "irst", "pec", "tpop", "upop", "cinc")


def nmc_table(inputs: Inputs, version: str) -> tuple[str, str, pl.DataFrame]:
    """The NMC table of a version, keyed ``ccode, year``, with -9 read as missing."""
    if version in ("7", "7.0"):
        ds, tb = "peacesciencer", "cow_nmc"
    elif version in ("6", "6.0"):
        ds, tb = "nmc", "nmc"
    else:
        raise UsageError(f"unknown NMC version {version!r}: use '7.0' or '6.0'")
    raw = inputs.table(ds, tb)

    def build() -> pl.DataFrame:
        cols = {c.lower(): c for c in raw.columns}
        return raw.select(
            pl.col(cols["ccode"]).cast(pl.Int64).alias("ccode"),
            pl.col(cols["year"]).cast(pl.Int64).alias("year"),
            *[
                pl.when(pl.col(cols[c]) == -9).then(None).otherwise(pl.col(cols[c]))
                .cast(pl.Float64).alias(c)
                for c in NMC_COLUMNS
            ],
        )

    return ds, tb, inputs.derived(("nmc", version), build)


def add_capabilities(
    frame: FoedusFrame, version: str = "7.0", *, inputs: Inputs | None = None
) -> FoedusFrame:
    """Add NMC columns: ``milex1 .. cinc1, milex2 .. cinc2`` (dyad-years) or ``milex .. cinc``.

    Parameters
    ----------
    frame
        A COW state-year or dyad-year frame.
    version
        ``"7.0"`` (default, peacesciencer's ``cow_nmc``) or ``"6.0"`` (the ``nmc`` dataset).
    """
    frame.require("add_capabilities", ("state_year", "dyad_year"))
    inputs = inputs or frame.inputs or default_inputs()
    ds, tb, nmc = nmc_table(inputs, version)
    g = grid(frame)
    cells = inputs.derived(("nmc-cells", version, g.ny, g.y0),
                           lambda: g.state_cells(g.state_key(*codes(nmc, "ccode", "year"))))
    values = nmc.select(pl.col(c).cast(pl.Float64).fill_nan(None) for c in NMC_COLUMNS)
    parts = []
    sides = ("",) if frame.unit == "state_year" else ("1", "2")
    for i, sfx in enumerate(sides):
        rows = g.rows_for_state(np.empty(0, np.int64), i + 1, cells)
        parts.append(take(values, rows).rename({c: c + sfx for c in NMC_COLUMNS}))
    df = pl.concat([frame.df, *parts], how="horizontal")
    added = tuple(c for p in parts for c in p.columns)
    return frame.with_columns(df, inputs.use(ds, tb, added))


def add_majors(frame: FoedusFrame, *, inputs: Inputs | None = None) -> FoedusFrame:
    """Add ``cowmaj`` (state-years) or ``cowmaj1, cowmaj2`` (dyad-years): COW major powers."""
    frame.require("add_majors", ("state_year", "dyad_year"))
    inputs = inputs or frame.inputs or default_inputs()
    ds, tb, raw = inputs.first(("peacesciencer", "cow_majors"), ("cow-states", "majors"))

    def build() -> pl.DataFrame:
        return (
            raw.select(
                pl.col("ccode").cast(pl.Int64),
                year=pl.int_ranges(pl.col("styear").cast(pl.Int64),
                                   pl.col("endyear").cast(pl.Int64) + 1),
            )
            .explode("year").unique(["ccode", "year"]).with_columns(cowmaj=pl.lit(1, pl.Int8))
        )

    majors = inputs.derived(("majors", ds, tb), build)
    g = grid(frame)
    key = g.state_key(*codes(majors, "ccode", "year"))
    first, last = MAJORS_YEARS
    inside = (g.year >= first) & (g.year <= last)
    cols = []
    sides = ("",) if frame.unit == "state_year" else ("1", "2")
    for i, sfx in enumerate(sides):
        found = g.rows_for_state(key, i + 1) >= 0
        arr = pl.Series("cowmaj" + sfx, found.astype(np.int8))
        cols.append(pl.when(pl.Series(inside)).then(arr).otherwise(None)
                    .cast(pl.Int8).alias("cowmaj" + sfx))
    df = frame.df.with_columns(cols)
    return frame.with_columns(df, inputs.use(ds, tb, tuple("cowmaj" + s for s in sides)))
