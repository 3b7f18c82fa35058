"""p(honour): the chance that a triggered commitment is honoured, with each factor's share.

Why: the cascade needs, for every commitment an attack triggers, a probability that the
promisor fights (or keeps its promise of neutrality, non-aggression, consultation), and a user
needs to see why. The model is additive in log-odds::

    logit p = logit(base rate[kind, era]) + legal force + strength + capability
              + change of power + alignment + overextension

Every term but the first is 0 when its input is neutral or unknown, so with nothing known the
model returns the published base rate. The base rates and the change-of-power and capability
weights are fitted on invoked alliances (``scripts/fit_credibility.py``); legal force,
strength, alignment and overextension are priors (see ``docs/credibility.md``).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from importlib.resources import files
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from foedus.model.schema import ATOP_PLEDGES, KIND_ATOP_PLEDGE

if TYPE_CHECKING:
    from foedus.scenario.features import FeatureBuilder

__all__ = ["CredibilityModel", "CredibilityResult", "KIND_MAP", "PRIORS", "era_of"]

F = npt.NDArray[np.float64]

# foedus commitment kinds -> the obligation classes the reliability data code
# (ATOP's pledge of each kind, :data:`foedus.model.schema.KIND_ATOP_PLEDGE`; military aid is
# read as defense and an assurance as consultation; the data's own names pass through)
KIND_MAP = {**KIND_ATOP_PLEDGE, "military_aid": "defense", "assurance": "consul",
            **{p: p for p in ATOP_PLEDGES}}

# Priors (log-odds shifts), not fitted: no data set codes these dimensions with outcomes.
PRIORS: dict[str, Any] = {
    "legal_force": {"treaty": 0.0, "executive_agreement": -0.4, "unilateral": -0.8,
                    "political": -1.2, "proposal": -4.0, "signed": -4.0},
    "strength": {"automatic": 0.4, "discretionary": 0.0, "consultative": -0.6},
    "alignment": 1.0,  # per unit of portfolio similarity S above ALIGN_CENTER
    "alignment_center": 0.0,
    "ideal_distance": -0.3,  # per unit of UN ideal-point distance above IDEAL_CENTER
    "ideal_center": 1.0,
    "overextension": -0.25,  # per other commitment the promisor must honour at once
}


def era_of(year: int) -> str:
    """``pre1945`` or ``post1945``: the era split of Berkemeier & Fuhrmann (2018)."""
    return "pre1945" if year < 1945 else "post1945"


def _params() -> dict[str, Any]:
    return json.loads((files("foedus.scenario") / "model_params.json").read_text())  # type: ignore[no-any-return]


def _logit(p: F) -> F:
    p = np.clip(p, 1e-6, 1 - 1e-6)
    return np.asarray(np.log(p / (1 - p)), dtype=np.float64)


@dataclass
class CredibilityResult:
    """Probabilities and each factor's log-odds contribution, one value per row."""

    p: F
    contributions: dict[str, F]
    unavailable: list[str]
    notes: list[str] = field(default_factory=list)

    def explain(self, i: int) -> dict[str, float]:
        """Factor -> log-odds contribution for row ``i`` (plus ``p``)."""
        out = {k: round(float(v[i]), 4) for k, v in self.contributions.items()}
        out["p"] = round(float(self.p[i]), 4)
        return out


@dataclass
class CredibilityModel:
    """p(honour) for triggered commitments.

    Parameters
    ----------
    base_rates
        Share honoured by ``"kind:era"`` (e.g. ``"defense:post1945"``); overrides merge into
        the fitted table.
    weights
        ``power_change`` (log-odds when the balance of capabilities shifted since signing)
        and ``capability`` (per log10 unit of projected CINC above ``capability_center``).
    priors
        Overrides of :data:`PRIORS` (nested dicts merge).
    """

    base_rates: dict[str, float] = field(default_factory=dict)
    weights: dict[str, float] = field(default_factory=dict)
    priors: dict[str, Any] = field(default_factory=dict)
    capability_center: float | None = None
    literature: dict[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        params = _params()
        fit = params["credibility_fit"]
        self.base_rates = {**fit["base_rates"], **self.base_rates}
        self.weights = {**fit["leeds_anac"]["weights"], **self.weights}
        if self.capability_center is None:
            self.capability_center = float(fit["leeds_anac"]["capability_center_log10"])
        self.literature = {**params["literature"], **self.literature}
        merged = {k: (dict(v) if isinstance(v, dict) else v) for k, v in PRIORS.items()}
        for k, v in self.priors.items():
            if k not in merged:
                raise ValueError(f"unknown prior {k!r}; known: {sorted(PRIORS)}")
            merged[k] = {**merged[k], **v} if isinstance(merged[k], dict) else v
        self.priors = merged

    # -- the base rate --------------------------------------------------------------------
    def base_rate(self, kind: str | None, year: int | None) -> float:
        """Share honoured for a kind and year; either may be unknown (None).

        Both known: the kind x era table. Kind only: the published rate for the kind (or the
        mean of its two eras). Era only: the published rate for the era. Neither: 50%.
        """
        k = KIND_MAP.get(kind, kind) if kind else None
        if k is not None and k not in ATOP_PLEDGES:
            raise ValueError(f"unknown commitment kind {kind!r}; known: {sorted(KIND_MAP)}")
        if k and year is not None:
            return float(self.base_rates[f"{k}:{era_of(year)}"])
        if k:
            lit = self.literature.get(f"kind:{k}")
            if lit is not None:
                return float(lit)
            return float(np.mean([self.base_rates[f"{k}:pre1945"],
                                  self.base_rates[f"{k}:post1945"]]))
        if year is not None:
            return float(self.literature[f"era:{era_of(year)}"])
        return float(self.literature["all"])

    # -- the model ------------------------------------------------------------------------
    def predict(
        self,
        kind: Any,
        year: Any = None,
        *,
        legal_force: Any = None,
        strength: Any = None,
        projected_capability: Any = None,
        power_change: Any = None,
        alignment: Any = None,
        ideal_distance: Any = None,
        other_obligations: Any = None,
    ) -> CredibilityResult:
        """p(honour) for each row; every argument is an array (or a scalar for all rows).

        ``kind``: foedus kinds (``defense``, ``guarantee``, ...); ``year``: the year the
        commitment is triggered; ``legal_force`` / ``strength``: registry values;
        ``projected_capability``: the promisor's CINC projected to the beneficiary
        (:func:`~foedus.scenario.features.loss_of_strength`); ``power_change``: 1 when the
        capability balance shifted since signing; ``alignment``: portfolio similarity S of
        promisor and beneficiary; ``ideal_distance``: their UN ideal-point distance;
        ``other_obligations``: how many other commitments the promisor must honour at once.
        ``None`` or NaN means unknown: that factor contributes 0 and is listed in
        ``unavailable`` when unknown for every row.
        """
        args = (year, legal_force, strength, projected_capability, power_change, alignment,
                ideal_distance, other_obligations)
        n = max([np.size(kind)] + [np.size(a) for a in args if a is not None])
        kinds = np.broadcast_to(np.asarray(kind, dtype=object), (n,))
        years = self._arr(year, n)
        base = np.array([self.base_rate(k, None if np.isnan(y) else int(y))
                         for k, y in zip(kinds, years, strict=True)])
        c: dict[str, F] = {"base_rate": _logit(base)}
        unavailable: list[str] = []
        c["legal_force"] = self._lookup("legal_force", legal_force, n, unavailable)
        c["strength"] = self._lookup("strength", strength, n, unavailable)
        cap = self._arr(projected_capability, n)
        with np.errstate(divide="ignore", invalid="ignore"):
            logcap = np.where(cap > 0, np.log10(cap), np.nan)
        c["capability"] = self._linear(logcap, self.weights["capability"],
                                       float(self.capability_center or 0.0), "capability",
                                       unavailable)
        c["power_change"] = self._linear(self._arr(power_change, n),
                                         self.weights["power_change"], 0.0, "power_change",
                                         unavailable)
        c["alignment"] = self._linear(self._arr(alignment, n), self.priors["alignment"],
                                      self.priors["alignment_center"], "alignment",
                                      unavailable)
        c["ideal_distance"] = self._linear(self._arr(ideal_distance, n),
                                           self.priors["ideal_distance"],
                                           self.priors["ideal_center"], "ideal_distance",
                                           unavailable)
        c["overextension"] = self._linear(self._arr(other_obligations, n),
                                          self.priors["overextension"], 0.0, "overextension",
                                          unavailable)
        z = np.sum(list(c.values()), axis=0)
        return CredibilityResult(1 / (1 + np.exp(-z)), c, unavailable)

    def for_pairs(
        self,
        fb: FeatureBuilder,
        promisors: Any,
        beneficiaries: Any,
        on: dt.date | int,
        kind: Any,
        *,
        legal_force: Any = None,
        strength: Any = None,
        power_change: Any = None,
        other_obligations: Any = None,
    ) -> CredibilityResult:
        """:meth:`predict` with capability, alignment and UN distance read from the store.

        ``fb`` is a :class:`~foedus.scenario.features.FeatureBuilder`; the result's ``notes``
        say which datasets ended before ``on`` and which year stood in.
        """
        pairs = np.column_stack([np.asarray(promisors, np.int64),
                                 np.asarray(beneficiaries, np.int64)])
        f = fb.pairs(pairs, on)
        res = self.predict(kind, f.year, legal_force=legal_force, strength=strength,
                           projected_capability=f.projected_cinc_a, power_change=power_change,
                           alignment=f.s_weighted, ideal_distance=f.ideal_distance,
                           other_obligations=other_obligations)
        res.notes = list(f.notes)
        return res

    @staticmethod
    def _arr(x: Any, n: int) -> F:
        if x is None:
            return np.full(n, np.nan)
        a = np.asarray(x, dtype=np.float64)
        return np.broadcast_to(a, (n,)).astype(np.float64) if a.ndim == 0 else a

    @staticmethod
    def _linear(x: F, w: float, center: float, name: str, unavailable: list[str]) -> F:
        if np.isnan(x).all():
            unavailable.append(name)
        return np.nan_to_num(w * (x - center), nan=0.0)

    def _lookup(self, name: str, values: Any, n: int, unavailable: list[str]) -> F:
        if values is None:
            unavailable.append(name)
            return np.zeros(n)
        vals = np.broadcast_to(np.asarray(values, dtype=object), (n,))
        table = self.priors[name]
        out = np.zeros(n)
        for i, v in enumerate(vals):
            if v is None:
                continue
            if v not in table:
                raise ValueError(f"unknown {name} {v!r}; known: {sorted(table)}")
            out[i] = table[v]
        return out
