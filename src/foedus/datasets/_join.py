"""Shared helpers for ``add_*`` verbs: the frame's grid, and filling inside coverage."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import polars as pl

from foedus.datasets._dense import Grid, grid_for

__all__ = ["grid", "fill_inside", "codes", "as_i64"]


def grid(frame: object) -> Grid:
    """The frame's grid positions, built once and kept with the frame."""
    from foedus.datasets.frame import FoedusFrame

    assert isinstance(frame, FoedusFrame)
    g = frame._cache.get("grid")
    if g is None:
        g = grid_for(frame.df, frame.keys)
        frame._cache["grid"] = g
    assert isinstance(g, Grid)
    return g


def as_i64(s: pl.Series) -> npt.NDArray[np.int64]:
    return s.cast(pl.Int64).fill_null(-1).to_numpy()


def codes(df: pl.DataFrame, *names: str) -> list[npt.NDArray[np.int64]]:
    return [as_i64(df[n]) for n in names]


def fill_inside(columns: list[str], first: int, last: int, value: int = 0) -> list[pl.Expr]:
    """Missing becomes ``value`` for years ``first..last``; stays missing outside."""
    inside = pl.col("year").is_between(first, last)
    return [
        pl.when(inside & pl.col(c).is_null()).then(pl.lit(value)).otherwise(pl.col(c))
        .cast(pl.Int8).alias(c)
        for c in columns
    ]
