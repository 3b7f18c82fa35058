"""Joins by position: dense (state, year) and (state, state, year) grids.

Why: a researcher dataset is a few million dyad-years joined to small tables (a few thousand
state-years, a few hundred thousand dyad-years). A hash join on three keys costs ~140 ms per
table on 1.9 M rows; placing each source row in a dense grid indexed by the keys and reading
the grid at every frame row gives the same left join in a few milliseconds. Codes are below
1,000 in both systems, so the state grid is ``1000 x years``; the dyad grid compacts codes to
the states present in the frame.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import polars as pl

__all__ = ["Grid", "gather_small_int", "grid_for", "take"]

IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True)
class Grid:
    """The positions of a frame's rows in the dense grids (built once per frame)."""

    y0: int
    ny: int
    year: npt.NDArray[np.int32]
    state1: IntArray  # code1 * ny + (year - y0)
    state2: IntArray | None
    code_index: npt.NDArray[np.int32]  # code -> compact index, -1 if absent
    n_codes: int
    dyad: IntArray | None  # (i1 * n + i2) * ny + (year - y0)

    def state_key(self, codes: npt.NDArray[np.int64], years: npt.NDArray[np.int64]) -> IntArray:
        """Grid positions of source rows (code, year); -1 outside the grid."""
        ok = (codes >= 0) & (codes < 1000) & (years >= self.y0) & (years < self.y0 + self.ny)
        out = codes.astype(np.int64) * self.ny + (years - self.y0)
        return np.where(ok, out, -1)

    def dyad_key(
        self,
        c1: npt.NDArray[np.int64],
        c2: npt.NDArray[np.int64],
        years: npt.NDArray[np.int64],
    ) -> IntArray:
        """Grid positions of source rows (code1, code2, year); -1 outside the grid."""
        inside = (c1 >= 0) & (c1 < 1000) & (c2 >= 0) & (c2 < 1000)
        i1 = np.where(inside, self.code_index[np.clip(c1, 0, 999)], -1)
        i2 = np.where(inside, self.code_index[np.clip(c2, 0, 999)], -1)
        ok = (i1 >= 0) & (i2 >= 0) & (years >= self.y0) & (years < self.y0 + self.ny)
        out = (i1.astype(np.int64) * self.n_codes + i2) * self.ny + (years - self.y0)
        return np.where(ok, out, -1)

    def state_cells(self, src_key: IntArray) -> npt.NDArray[np.int32]:
        """The state grid filled with source row numbers (-1 empty); cacheable per source."""
        cells = np.full(1000 * self.ny, -1, dtype=np.int32)
        ok = src_key >= 0
        cells[src_key[ok]] = np.nonzero(ok)[0].astype(np.int32)
        return cells

    def dyad_cells(self, src_key: IntArray) -> npt.NDArray[np.int32]:
        """The dyad grid filled with source row numbers (-1 empty); cacheable per source."""
        cells = np.full(self.n_codes * self.n_codes * self.ny, -1, dtype=np.int32)
        ok = src_key >= 0
        cells[src_key[ok]] = np.nonzero(ok)[0].astype(np.int32)
        return cells

    @property
    def signature(self) -> tuple[int, int, bytes]:
        """Equal for frames whose grids have the same shape (cells can be shared)."""
        return (self.y0, self.ny, self.code_index.tobytes())

    def rows_for_state(
        self, src_key: IntArray, side: int = 1, cells: npt.NDArray[np.int32] | None = None
    ) -> npt.NDArray[np.int32]:
        """For each frame row, the source row at (code_side, year), or -1.

        ``src_key`` must be unique where >= 0 (one source row per cell).
        """
        cells = self.state_cells(src_key) if cells is None else cells
        pos = self.state1 if side == 1 else self.state2
        assert pos is not None
        return cells[pos]

    def rows_for_dyad(
        self, src_key: IntArray, cells: npt.NDArray[np.int32] | None = None
    ) -> npt.NDArray[np.int32]:
        """For each frame row, the source row at (code1, code2, year), or -1."""
        assert self.dyad is not None
        cells = self.dyad_cells(src_key) if cells is None else cells
        return cells[self.dyad]


def _np(s: pl.Series) -> npt.NDArray[np.int64]:
    return s.cast(pl.Int64).to_numpy()


def _present(*arrays: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    """The sorted distinct codes (0-999) in the arrays, in O(n)."""
    seen = np.zeros(1000, dtype=bool)
    for a in arrays:
        seen[a] = True
    return np.nonzero(seen)[0]


def grid_for(df: pl.DataFrame, keys: list[str]) -> Grid:
    """Build the grid positions of a frame with ``keys`` (state-year or dyad-year)."""
    year = _np(df["year"])
    y0 = int(year.min()) if year.size else 1816
    ny = int(year.max()) - y0 + 1 if year.size else 1
    c1 = _np(df[keys[0]])
    state1 = c1 * ny + (year - y0)
    if len(keys) == 2:
        codes = _present(c1)
        index = np.full(1000, -1, dtype=np.int32)
        index[codes] = np.arange(codes.size, dtype=np.int32)
        return Grid(y0, ny, year.astype(np.int32), state1, None, index, int(codes.size), None)
    c2 = _np(df[keys[1]])
    codes = _present(c1, c2)
    index = np.full(1000, -1, dtype=np.int32)
    index[codes] = np.arange(codes.size, dtype=np.int32)
    n = int(codes.size)
    dyad = (index[c1].astype(np.int64) * n + index[c2]) * ny + (year - y0)
    return Grid(y0, ny, year.astype(np.int32), state1, c2 * ny + (year - y0), index, n, dyad)


def gather_small_int(col: pl.Series, rows: npt.NDArray[np.int32]) -> pl.Series:
    """A small-integer column at ``rows`` (-1 or a null value give null), dtype kept."""
    # (pyarrow's masked-array path would import pandas, a quarter-second on a cold start)
    vals = np.append(col.fill_null(-128).cast(pl.Int8).to_numpy(), np.int8(-128))[rows]
    name = col.name
    out = pl.Series(name, vals).to_frame().select(
        pl.when(pl.col(name) != -128).then(pl.col(name)).cast(col.dtype)
    )
    return out.to_series()


def take(src: pl.DataFrame, rows: npt.NDArray[np.int32]) -> pl.DataFrame:
    """``src`` rows at ``rows`` (``-1`` gives a row of nulls): a left join by position."""
    padded = pl.concat([src, src.clear(1)], how="vertical")
    idx = np.where(rows < 0, src.height, rows).astype(np.uint32)
    return padded[pl.Series(idx)]
