"""``add_alliance_similarity``: how alike two states' alliance portfolios are, each year.

Portfolios (docs/rules.md §6): each state's tie to every system member that year, coded 1
defense (or offense), 2 neutrality or nonaggression, 3 consultation (entente), 4 none; a state's
tie to itself is 1. Ties come from ATOP (either direction counts, as in the classic
non-directed portfolios), so the measures are missing outside ATOP's coverage (1815-2018).
Members are the states of the frame's own universe in that year.

* ``s_unweighted``: Signorino & Ritter's S, ``1 - 2 * sum_k |x_ik - x_jk| / (3 * N)``;
* ``s_weighted``: the same with each member k weighted by its CINC share (NMC 7.0),
  normalised by the sum of weights (members without CINC weigh 0);
* ``kappa``: Cohen's kappa of the two portfolios as nominal ratings (Häge 2011);
* ``taub``: Kendall's tau-b of the two portfolios as ordinal ratings (Bueno de Mesquita 1975).

All four are computed per year with matrix products over the members (no loop over dyads).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import polars as pl

from foedus.datasets.alliances import ATOP_YEARS, _atop_source
from foedus.datasets.capabilities import nmc_table
from foedus.datasets.frame import FoedusFrame
from foedus.datasets.inputs import Inputs, default_inputs

__all__ = ["add_alliance_similarity", "portfolio_measures"]

F = npt.NDArray[np.float64]


def portfolio_measures(x: npt.NDArray[np.int8], w: F) -> dict[str, F]:
    """All four measures for every pair of rows of the portfolio matrix ``x`` (values 1-4)."""
    n = x.shape[0]
    xf = x.astype(np.float64)
    # sum_k |x_ik - x_jk| via thresholds: |a - b| = sum_t |[a > t] - [b > t]|
    dist = np.zeros((n, n))
    wdist = np.zeros((n, n))
    wn = w / w.sum() if w.sum() > 0 else np.zeros_like(w)
    for t in (1, 2, 3):
        tt = (xf > t).astype(np.float64)
        r = tt.sum(1)
        dist += r[:, None] + r[None, :] - 2 * tt @ tt.T
        rw = tt @ wn
        wdist += rw[:, None] + rw[None, :] - 2 * (tt * wn) @ tt.T
    s = 1 - 2 * dist / (3 * n)
    sw = 1 - 2 * wdist / 3 if wn.sum() > 0 else np.full((n, n), np.nan)
    ind = [(x == c).astype(np.float64) for c in (1, 2, 3, 4)]
    counts = [[a @ b.T for b in ind] for a in ind]  # counts[a][b][i, j] = #k: x_ik=a, x_jk=b
    po = sum(counts[c][c] for c in range(4)) / n
    marg = [a.sum(1) / n for a in ind]
    pe = sum(np.outer(m, m) for m in marg)
    with np.errstate(divide="ignore", invalid="ignore"):
        kappa = np.where(pe < 1, (po - pe) / (1 - pe), np.nan)
    conc = np.zeros((n, n))
    disc = np.zeros((n, n))
    for a in range(4):
        for a2 in range(a + 1, 4):
            for b in range(4):
                for b2 in range(4):
                    if b2 > b:
                        conc += counts[a][b] * counts[a2][b2]
                    elif b2 < b:
                        disc += counts[a][b] * counts[a2][b2]
    n0 = n * (n - 1) / 2
    rows = [m * n for m in marg]
    n1 = sum(r * (r - 1) / 2 for r in rows)
    t1 = n0 - n1
    with np.errstate(divide="ignore", invalid="ignore"):
        taub = (conc - disc) / np.sqrt(t1[:, None] * t1[None, :])
    return {"s_unweighted": s, "s_weighted": sw, "kappa": kappa, "taub": taub}


def add_alliance_similarity(frame: FoedusFrame, *, inputs: Inputs | None = None) -> FoedusFrame:
    """Add ``s_unweighted, s_weighted, kappa, taub`` to a COW dyad-year frame."""
    frame.require("add_alliance_similarity", "dyad_year")
    inputs = inputs or frame.inputs or default_inputs()
    ds, tb, atop = _atop_source(inputs, True, True)
    nds, ntb, nmc = nmc_table(inputs, "7.0")
    code = "ccode"
    ties = atop.select(
        pl.min_horizontal("ccode1", "ccode2").alias("a"),
        pl.max_horizontal("ccode1", "ccode2").alias("b"),
        "year",
        tie=pl.when((pl.col("atop_defense") == 1) | (pl.col("atop_offense") == 1)).then(1)
        .when((pl.col("atop_neutral") == 1) | (pl.col("atop_nonagg") == 1)).then(2)
        .when(pl.col("atop_consul") == 1).then(3).otherwise(4),
    ).group_by("a", "b", "year").agg(pl.col("tie").min())
    df = frame.df
    out = {k: np.full(df.height, np.nan) for k in ("s_unweighted", "s_weighted", "kappa", "taub")}
    c1 = df[f"{code}1"].to_numpy()
    c2 = df[f"{code}2"].to_numpy()
    yr = df["year"].to_numpy()
    order = np.argsort(yr, kind="stable")
    bounds = np.searchsorted(yr[order], np.unique(yr))
    bounds = np.append(bounds, yr.size)
    tie_by_year = ties.partition_by("year", as_dict=True)
    cinc = nmc.select("ccode", "year", "cinc")
    cinc_by_year = cinc.partition_by("year", as_dict=True)
    for lo, hi in zip(bounds[:-1], bounds[1:], strict=True):
        idx = order[lo:hi]
        y = int(yr[idx[0]])
        if not ATOP_YEARS[0] <= y <= ATOP_YEARS[1]:
            continue
        members = np.union1d(c1[idx], c2[idx])
        pos = np.full(1000, -1)
        pos[members] = np.arange(members.size)
        x = np.full((members.size, members.size), 4, dtype=np.int8)
        np.fill_diagonal(x, 1)
        t = tie_by_year.get((y,))
        if t is not None:
            a, b, v = (t[c].to_numpy().astype(np.int64) for c in ("a", "b", "tie"))
            ok = (pos[a] >= 0) & (pos[b] >= 0)
            x[pos[a[ok]], pos[b[ok]]] = v[ok]
            x[pos[b[ok]], pos[a[ok]]] = v[ok]
        w = np.zeros(members.size)
        cy = cinc_by_year.get((y,))
        if cy is not None:
            cc = cy["ccode"].to_numpy().astype(np.int64)
            ok = pos[cc] >= 0
            w[pos[cc[ok]]] = np.nan_to_num(cy["cinc"].to_numpy()[ok])
        m = portfolio_measures(x, w)
        i, j = pos[c1[idx]], pos[c2[idx]]
        for k in out:
            out[k][idx] = m[k][i, j]
    new = pl.DataFrame(out, nan_to_null=True)
    return frame.with_columns(pl.concat([df, new], how="horizontal"),
                              inputs.use(ds, tb, tuple(out))
                              + inputs.use(nds, ntb, ("s_weighted",)))
