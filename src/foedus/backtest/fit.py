"""Small, dependency-free statistics for the backtests: ridge logistic regression and ranks.

Why here and not scikit-learn: the fitted weights become the guarantor score's weights, so
the fit must be a plain, inspectable log-odds model (one coefficient per factor, an intercept)
that anyone can reproduce with numpy; and the metrics must treat ties the way the answer
does (a tie counts one half, as in the Mann-Whitney form of the AUC).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from foedus.model.metrics import auc, brier

__all__ = ["Logit", "fit_logit", "auc", "brier", "sigmoid"]

F = npt.NDArray[np.float64]


def sigmoid(z: F) -> F:
    return np.asarray(1.0 / (1.0 + np.exp(-np.clip(z, -35.0, 35.0))), dtype=np.float64)


@dataclass(frozen=True)
class Logit:
    """A fitted logistic model: ``p = sigmoid(intercept + x @ coef)``."""

    names: tuple[str, ...]
    coef: F
    intercept: float

    def log_odds(self, x: F) -> F:
        return np.asarray(self.intercept + x @ self.coef, dtype=np.float64)

    def predict(self, x: F) -> F:
        return sigmoid(self.log_odds(x))

    def to_json(self) -> dict[str, object]:
        return {"intercept": round(float(self.intercept), 4),
                "weights": {n: round(float(c), 4) for n, c in zip(self.names, self.coef,
                                                                  strict=True)}}


def fit_logit(x: F, y: npt.NDArray[np.bool_], names: tuple[str, ...], *,
              weight: F | None = None, ridge: float = 1.0, iters: int = 50,
              nonneg: bool = True) -> Logit:
    """Ridge-penalised logistic regression by Newton's method (IRLS), with non-negative
    coefficients by default.

    ``ridge`` is the L2 penalty on the coefficients (not the intercept), in units of one
    observation's log-likelihood: it keeps a factor that never varies among the few positive
    rows (a rare pledge) from running to infinity. ``nonneg``: every factor of the guarantor
    score is oriented so that a larger value makes fighting for the target more likely
    (alignment with the threat, conflicts, overextension and distance enter negated), so a
    negative weight would say that, other factors equal, a conflicting promise or alignment
    with the aggressor *raises* the chance — a fluke of a few wars, not a rule a reader
    accepts. A factor whose weight comes out negative is fixed at 0 and the rest refitted
    (an active-set fit), until every weight is non-negative.
    """
    active = np.ones(x.shape[1], dtype=bool)
    while True:
        model = _irls(x[:, active], y, weight, ridge, iters)
        coef = np.zeros(x.shape[1])
        coef[active] = model[1:]
        if not nonneg or (coef[active] >= 0).all():
            return Logit(names, coef, float(model[0]))
        active &= coef >= 0


def _irls(x: F, y: npt.NDArray[np.bool_], weight: F | None, ridge: float,
          iters: int) -> F:
    """Intercept and coefficients of the penalised logistic fit."""
    n, k = x.shape
    w = np.ones(n) if weight is None else np.asarray(weight, dtype=np.float64)
    xa = np.column_stack([np.ones(n), x])
    beta = np.zeros(k + 1)
    yb = np.asarray(y, dtype=np.float64)
    pen = np.full(k + 1, ridge)
    pen[0] = 0.0
    for _ in range(iters):
        p = sigmoid(xa @ beta)
        grad = xa.T @ (w * (yb - p)) - pen * beta
        h = (xa * (w * p * (1 - p))[:, None]).T @ xa + np.diag(pen) + 1e-9 * np.eye(k + 1)
        step = np.linalg.solve(h, grad)
        beta = beta + step
        if float(np.max(np.abs(step))) < 1e-8:
            break
    return beta


