"""How well a score ranks and a probability forecasts: the AUC and the Brier score.

Why one module: every backtest (wars, guarantors, threats) reports the same two figures beside a
naive rule, and they must be computed the same way to be compared.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = ["auc", "brier"]


def auc(score: npt.ArrayLike, y: npt.ArrayLike) -> float:
    """The probability that a random positive outranks a random negative (Mann-Whitney, ties
    counted one half); NaN when either class is empty."""
    s_all: npt.NDArray[np.float64] = np.asarray(score, dtype=np.float64)
    pos: npt.NDArray[Any] = np.asarray(y, dtype=bool)
    npos, nneg = int(pos.sum()), int((~pos).sum())
    if npos == 0 or nneg == 0:
        return float("nan")
    order = np.argsort(s_all, kind="mergesort")
    ranks = np.empty(len(s_all))
    s = s_all[order]
    i = 0
    while i < len(s):  # average ranks over ties
        j = i
        while j + 1 < len(s) and s[j + 1] == s[i]:
            j += 1
        ranks[order[i:j + 1]] = (i + j) / 2 + 1
        i = j + 1
    return float((ranks[pos].sum() - npos * (npos + 1) / 2) / (npos * nneg))


def brier(p: npt.ArrayLike, y: npt.ArrayLike) -> float:
    """Mean squared difference between forecast probabilities and 0/1 outcomes."""
    return float(np.mean((np.asarray(p, dtype=np.float64)
                          - np.asarray(y, dtype=np.float64)) ** 2))
