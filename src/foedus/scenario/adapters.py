"""The fitted credibility and joining models, behind the engine's two small interfaces.

Why: the cascade (:mod:`foedus.scenario.cascade`) asks two questions — p(honour) of each
triggered commitment, p(join) of each other state and side — through
:class:`~foedus.scenario.priors.Credibility` and :class:`~foedus.scenario.priors.Joining`.
:class:`~foedus.scenario.credibility.CredibilityModel` and
:class:`~foedus.scenario.joining.JoiningModel` answer them from the imported researcher
datasets (capability projected to the beneficiary, alignment, UN ideal points, contiguity,
rivalry, major-power status; ``docs/credibility.md``). This module feeds them the engine's
frames: features are read once per distinct pair, every factor's log-odds contribution is
passed on to the answer's ``factors``, and a dataset that is not imported only drops its
factor (the model then returns the base rate and priors, and says so in ``notes``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt
import polars as pl

from foedus.scenario.credibility import CredibilityModel
from foedus.scenario.features import FeatureBuilder
from foedus.scenario.joining import JoiningModel, side_features

if TYPE_CHECKING:
    from foedus.scenario.credibility import CredibilityModel
    from foedus.scenario.features import FeatureBuilder
    from foedus.scenario.joining import JoiningModel
    from foedus.store.inputs import Inputs

__all__ = ["FittedCredibility", "FittedJoining", "fitted_models"]

Float = npt.NDArray[np.float64]


_BUILDERS: list[tuple[Any, Any]] = []  # (inputs, builder): one builder per inputs, reused


def _builder(inputs: Inputs | None) -> FeatureBuilder:
    """The feature builder over ``inputs``, kept so that a year's layers are built once per
    process (the next scenario on the same store and year is a numpy gather)."""
    if inputs is None:
        return FeatureBuilder.default()
    for known, builder in _BUILDERS:
        if known is inputs:
            return builder  # type: ignore[no-any-return]
    builder = FeatureBuilder(inputs)
    _BUILDERS.append((inputs, builder))
    del _BUILDERS[:-4]
    return builder


class FittedCredibility:
    """p(honour) from :class:`CredibilityModel` (additive in log-odds; ``factors`` are each
    term's contribution, ``base_rate`` the logit of the kind × era base rate)."""

    name = "fitted credibility model (docs/credibility.md)"

    def __init__(self, inputs: Inputs | None = None,
                 weights: dict[str, float] | None = None) -> None:
        model_weights = {k: v for k, v in (weights or {}).items()
                         if k in ("capability", "power_change")}
        self.model: CredibilityModel = CredibilityModel(weights=model_weights)
        self.inputs = inputs
        self.notes: list[str] = []
        self.unavailable: list[str] = []

    def p_honour(self, triggered: pl.DataFrame) -> tuple[Float, dict[str, Float]]:
        n = triggered.height
        if n == 0:
            return np.zeros(0), {}
        day = triggered["day"][0]
        pairs = triggered.select("obligor", "beneficiary")
        uniq = pairs.unique(maintain_order=True)
        pos = {(int(a), int(b)): i for i, (a, b) in enumerate(uniq.iter_rows())}
        where = np.array([pos[(int(a), int(b))] for a, b in pairs.iter_rows()])
        try:
            f = _builder(self.inputs).pairs(uniq.to_numpy().astype(np.int64), day)
            capability: Any = f.projected_cinc_a[where]
            alignment: Any = f.s_weighted[where]
            ideal: Any = f.ideal_distance[where]
            self.notes = list(f.notes)
        except Exception as exc:  # noqa: BLE001 - no datasets at all: base rates and priors
            capability = alignment = ideal = None
            self.notes = [f"features unavailable ({exc}); base rates and priors only"]
        res = self.model.predict(
            triggered["kind"].to_numpy(), day.year,
            legal_force=triggered["legal_force"].to_numpy(),
            strength=triggered["strength"].to_numpy(),
            projected_capability=capability, alignment=alignment, ideal_distance=ideal,
            other_obligations=_other_obligations(triggered))
        self.unavailable = list(res.unavailable)
        return np.asarray(res.p, dtype=np.float64), dict(res.contributions)


def _other_obligations(triggered: pl.DataFrame) -> Float:
    """How many other states each promisor is asked to defend at once in round 1."""
    if "round" not in triggered.columns:
        return np.zeros(triggered.height)
    first = triggered.filter(pl.col("round") == 1)
    counts = first.group_by("obligor").agg(pl.col("beneficiary").n_unique().alias("n"))
    lookup = dict(zip(counts["obligor"].to_list(), counts["n"].to_list(), strict=True))
    return np.array([max(lookup.get(o, 1) - 1, 0) for o in triggered["obligor"].to_list()],
                    dtype=np.float64)


class FittedJoining:
    """p(join) from :class:`JoiningModel`, for each state toward each side of the original
    attacks (friends: that side's belligerents; enemies: the other side's)."""

    name = "fitted joining model (docs/credibility.md)"

    def __init__(self, inputs: Inputs | None = None) -> None:
        self.model: JoiningModel = JoiningModel()
        self.inputs = inputs
        self.notes: list[str] = []

    def p_join(self, candidates: pl.DataFrame) -> Float:
        out = np.zeros(candidates.height)
        if candidates.height == 0:
            return out
        day = candidates["day"][0]
        attackers = np.array(sorted(set(candidates["attackers"][0])), dtype=np.int64)
        targets = np.array(sorted(set(candidates["targets"][0])), dtype=np.int64)
        fb = _builder(self.inputs)
        probe = fb.pairs(np.array([[int(targets[0]), int(attackers[0])]]), day)
        if not any(probe.coverage.get(k) is not None
                   for k in ("contiguity", "capitals", "capabilities")):
            self.notes = ["no contiguity, capitals or NMC imported: nobody joins without a "
                          "promise"]
            return out
        self.notes = list(probe.notes)
        for side, friends, enemies in (("attacker", attackers, targets),
                                       ("defender", targets, attackers)):
            mask = (candidates["side"] == side).to_numpy()
            states = candidates["state"].to_numpy()[mask].astype(np.int64)
            if not len(states):
                continue
            try:
                feats = side_features(fb, states, friends, enemies, day)
            except Exception:  # noqa: BLE001 - no datasets: no basis to predict joining
                return np.zeros(candidates.height)
            out[mask] = self.model.predict(feats).p
        return out


def fitted_models(inputs: Inputs | None,
                  weights: dict[str, float] | None = None) -> tuple[Any, Any]:
    """The fitted models over ``inputs``."""
    return FittedCredibility(inputs, weights), FittedJoining(inputs)
