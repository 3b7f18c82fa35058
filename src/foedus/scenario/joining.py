"""p(join): the chance that a state with no triggered commitment joins a war on one side.

Why: most wars stay small. Of the system members at a COW inter-state war's start, few ever
join; those that do are neighbours of a belligerent (opportunity), allied or aligned with one
(willingness; Siverson & Starr 1991), rivals of the other side, or major powers. The model is
a logistic regression on those factors, fitted on COW Inter-State War 4.0 by
``scripts/fit_credibility.py`` (see ``docs/credibility.md`` for the split and the scores).

Rows are (state, side): ``friends`` are the side's belligerents, ``enemies`` the other's.
Features (:data:`FEATURES`), each 0 when unknown:

* ``contig_friend`` / ``contig_enemy``: land border with any belligerent of the side / other.
* ``rival_friend`` / ``rival_enemy``: Thompson-Dreyer strategic rivalry with any of them.
* ``major``: COW major power.
* ``pledge_friend`` / ``pledge_enemy``: an ATOP defense or offense pledge to any of them. The
  cascade handles triggered pledges with :mod:`~foedus.scenario.credibility`; for the states
  it asks this model about these are normally 0.
* ``align``: highest alliance-portfolio similarity S with the side minus that with the other.
* ``proj_cap``: log10 of the state's CINC projected (loss-of-strength) to the nearest enemy.
* ``log_dist``: log10(1 + km between capitals) to the nearest enemy.
"""

from __future__ import annotations

import datetime as dt
import json
import warnings
from dataclasses import dataclass, field
from importlib.resources import files
from typing import Any

import numpy as np
import numpy.typing as npt

from foedus.scenario.features import FeatureBuilder

__all__ = ["FEATURES", "JoiningModel", "JoiningResult", "side_features"]

F = npt.NDArray[np.float64]
FEATURES = ("contig_friend", "contig_enemy", "rival_friend", "rival_enemy", "major",
            "pledge_friend", "pledge_enemy", "align", "proj_cap", "log_dist")
# values used when a feature is unknown: "no" for flags, a weak far state otherwise
FILL = {"proj_cap": -5.0, "log_dist": 4.0}


def _params() -> dict[str, Any]:
    return json.loads((files("foedus.scenario") / "model_params.json").read_text())  # type: ignore[no-any-return]


def side_features(fb: FeatureBuilder, states: npt.NDArray[np.int64],
                  friends: npt.NDArray[np.int64], enemies: npt.NDArray[np.int64],
                  on: dt.date | int) -> dict[str, F]:
    """The :data:`FEATURES` of each state in ``states`` toward one side of a war."""
    states = np.asarray(states, np.int64)
    n = states.size

    def grid(others: npt.NDArray[np.int64]) -> Any:
        others = np.asarray(others, np.int64)
        pairs = np.column_stack([np.repeat(states, others.size), np.tile(others, n)])
        return fb.pairs(pairs, on), others.size

    pf, kf = grid(friends)
    pe, ke = grid(enemies)

    def red(arr: F, k: int, how: str) -> F:
        if k == 0:
            return np.full(n, np.nan)
        m = arr.reshape(n, k)
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            r = np.nanmax(m, 1) if how == "max" else np.nanmin(m, 1)
            return np.asarray(r, dtype=np.float64)

    out = {
        "contig_friend": red(pf.land_contiguous, kf, "max"),
        "contig_enemy": red(pe.land_contiguous, ke, "max"),
        "rival_friend": red(pf.rival, kf, "max"),
        "rival_enemy": red(pe.rival, ke, "max"),
        "major": pe.major_a[:: max(ke, 1)] if ke else np.full(n, np.nan),
        "pledge_friend": red(pf.pledge_ab, kf, "max"),
        "pledge_enemy": red(pe.pledge_ab, ke, "max"),
        "align": red(pf.s_weighted, kf, "max") - red(pe.s_weighted, ke, "max"),
        "proj_cap": np.log10(np.maximum(red(pe.projected_cinc_a, ke, "max"), 1e-12)),
        "log_dist": np.log10(1 + red(pe.capdist_km, ke, "min")),
    }
    return {k: np.nan_to_num(v, nan=FILL.get(k, 0.0)) for k, v in out.items()}


@dataclass
class JoiningResult:
    """Probabilities and each factor's log-odds contribution, one value per row."""

    p: F
    contributions: dict[str, F]

    def explain(self, i: int) -> dict[str, float]:
        """Factor -> log-odds contribution for row ``i`` (plus ``p``)."""
        out = {k: round(float(v[i]), 4) for k, v in self.contributions.items()}
        out["p"] = round(float(self.p[i]), 5)
        return out


@dataclass
class JoiningModel:
    """Logistic p(join a side); ``weights`` / ``intercept`` default to the fitted ones."""

    weights: dict[str, float] = field(default_factory=dict)
    intercept: float | None = None

    def __post_init__(self) -> None:
        fit = _params()["joining_fit"]
        self.weights = {**fit["weights"], **self.weights}
        if self.intercept is None:
            self.intercept = float(fit["intercept"])
        unknown = set(self.weights) - set(FEATURES)
        if unknown:
            raise ValueError(f"unknown joining factors {sorted(unknown)}; known: {FEATURES}")

    def predict(self, features: dict[str, F]) -> JoiningResult:
        """p(join) for each row of ``features`` (arrays keyed by :data:`FEATURES`).

        A missing key or NaN counts as unknown (0 for flags, a weak far state otherwise).
        """
        n = max(np.asarray(v).size for v in features.values())
        contrib: dict[str, F] = {"intercept": np.full(n, float(self.intercept or 0.0))}
        for k in FEATURES:
            x = np.asarray(features.get(k, np.full(n, np.nan)), dtype=np.float64)
            contrib[k] = self.weights[k] * np.nan_to_num(x, nan=FILL.get(k, 0.0))
        z = np.sum(list(contrib.values()), axis=0)
        return JoiningResult(1 / (1 + np.exp(-z)), contrib)

    def for_side(self, fb: FeatureBuilder, states: npt.NDArray[np.int64],
                 friends: npt.NDArray[np.int64], enemies: npt.NDArray[np.int64],
                 on: dt.date | int) -> JoiningResult:
        """Convenience: features from the store, then :meth:`predict`."""
        return self.predict(side_features(fb, states, friends, enemies, on))
