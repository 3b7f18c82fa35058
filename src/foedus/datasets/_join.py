"""Shared helpers for ``add_*`` verbs: the frame's grid and its key columns as arrays."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import polars as pl

from foedus.datasets._dense import Grid, grid_for
from foedus.datasets.frame import FoedusFrame

__all__ = ["grid", "codes", "as_i64"]


def grid(frame: object) -> Grid:
    """The frame's grid positions, built once and kept with the frame."""
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
