"""The guarantor score: a documented additive model, one contribution per factor.

Why additive: a user must see *why* a state ranks where it does, and must be able to move a
weight and see what changes. Every factor is ``weight × value`` where ``value`` is a bounded,
dimensionless reading of one input (between -1 and 1, or 0 and 1); the score is their sum.
An unknown input (dataset not imported, state not in it) contributes 0 and is named in the
answer's ``datasets.unavailable``; no value is ever invented.

The factors (see docs/guarantors.md for the reasoning and sources):

``capability``
    ``1 + log10(r) / 2`` clipped to [0, 1], with ``r`` = the candidate's CINC projected to
    the target over the principal threat's CINC projected to the target (Bueno de
    Mesquita's 1981 loss-of-strength gradient,
    :func:`foedus.scenario.features.loss_of_strength`): 1 when the candidate matches the
    threat at the target's door, 0.5 at a tenth of it, 0 at a hundredth or less. Logarithmic
    because CINC spans orders of magnitude (the credibility model reads it the same way).
``pledge``
    What the candidate already promises the target against this threat
    (:func:`foedus.rules.engaged`, by category): 1 bound to defend or guarantee (treaty,
    executive agreement or unilateral, not presumed), 0.5 military aid, 0.3 consultation,
    0.2 a general assurance or a presumed commitment, else 0.
``alignment_target`` / ``alignment_threat``
    Alliance-portfolio alignment of candidate and target (plus) and of candidate and threat
    (minus), in [-1, 1]: Cohen's kappa of the two ATOP portfolios (chance-corrected), or
    Signorino & Ritter's (1999) S where kappa is unknown.
``un_target`` / ``un_threat``
    Bailey, Strezhnev & Voeten's (2017) UN ideal-point distance ``d``: ``(1 - d) / 2`` with
    the target and ``(d - 1) / 2`` with the threat, each clipped to [-1, 1].
``rivalry``
    1 when the candidate is a strategic rival of the threat (Thompson & Dreyer): a motive.
``conflicts``
    minus the binding, operative promises to a threat that clash with defending the target
    against it (docs/rules.md §4.4: neutrality and offense; a defence, guarantee or
    non-aggression pledge owed to the threat does not fire when the threat attacks), capped
    at 2.
``overextension``
    ``-log10(1 + n)`` with ``n`` the states the candidate is already bound to defend
    (bound defense/guarantee edges of the day's graph, the target excluded).
``record``
    ``2 × base rate - 1`` with the base rate the share of defense pledges honoured in the
    era (Berkemeier & Fuhrmann 2018, via :class:`foedus.scenario.credibility.CredibilityModel`).
    The same for every candidate of a day: it sets the level.
``neighbour`` / ``threat_neighbour``
    1 when the candidate shares a land border with the target / the threat (COW contiguity
    type 1): opportunity, the strongest regularity of war diffusion (Siverson & Starr 1991).
``distance``
    ``-log10(1 + km / 1000) / log10(21)`` clipped to [-1, 0], km between capitals: reach.
``major``
    1 for a COW major power: global reach and interests.
``allied``
    1 when the candidate and the target share any ATOP alliance (any obligation).
``power``
    ``1 + log10(CINC) / 6`` clipped to [0, 1]: the candidate's own capability, whatever the
    threat's.
``entry``
    ``1 + log10(p) / 4`` clipped to [0, 1], ``p`` the entry model's probability that the
    candidate joins a war of the threats on the target on the target's side
    (:mod:`foedus.scenario.entry`, the model of "who joins a war").

The shipped weights are *fitted* (:meth:`Weights.fitted`, ``guarantor_weights.json``,
written by ``scripts/fit_guarantors.py``): a non-negative ridge logistic regression of
"came to the original target's side" on these values over every COW inter-state war that
others joined, judged only out of sample (``foedus backtest guarantors``). The score is then
a log-odds and ``sigmoid(intercept + score)`` the calibrated probability that the candidate
fights for the target; ``credible`` (a probability threshold, 0.5) marks those more likely
than not to, without a conflicting commitment. :meth:`Weights.judgement` keeps the first,
hand-set weights (no intercept: the score is then not a probability).
"""

from __future__ import annotations

import dataclasses
import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from foedus.errors import InvalidInputError

__all__ = ["Weights", "FACTORS", "CAPABILITY_DECADES", "DISTANCE_SCALE", "POWER_DECADES",
           "entry_value", "sigmoid"]

FACTORS = ("capability", "pledge", "alignment_target", "alignment_threat", "un_target",
           "un_threat", "rivalry", "conflicts", "overextension", "record", "neighbour",
           "threat_neighbour", "distance", "major", "allied", "power", "entry")
CAPABILITY_DECADES = 2.0
# ``distance`` is -log10(1 + km / 1000) / DISTANCE_SCALE clipped to [-1, 0]: 0 next door,
# -0.5 at about 3,600 km, -1 at 20,000 km (half the Earth's circumference)
DISTANCE_SCALE = math.log10(21.0)
# ``power`` is 1 + log10(CINC) / POWER_DECADES clipped to [0, 1]: 1 with the whole system's
# capability, 0.5 at a thousandth of it, 0 at a millionth
POWER_DECADES = 6.0


def entry_value(p: float) -> float:
    """The ``entry`` factor: ``1 + log10(p) / 4`` clipped to [0, 1], ``p`` the entry model's
    probability that the candidate joins on the target's side (1 at p = 1, 0.5 at 1%, 0 at
    1 in 10,000 or less): log-scaled because most states' p is tiny and differs by orders of
    magnitude."""
    return max(0.0, min(1.0, 1 + math.log10(max(p, 1e-12)) / 4))


def sigmoid(z: float) -> float:
    """The logistic function, for turning a fitted score (log-odds) into a probability."""
    return 1.0 / (1.0 + math.exp(-max(-35.0, min(35.0, z))))


@dataclass(frozen=True)
class Weights:
    """The weight of each factor, and the score a credible guarantor must reach.

    Every value can be overridden (``Weights.of({"capability": 4})``). ``credible`` is a
    threshold, not a weight: a candidate is credible when its score is at least ``credible``,
    it has no conflicting commitment, and it has a motive — a promise to the target already
    engaged by an attack of the threat, an alliance portfolio aligned with the target's
    (kappa above 0.2), or a strategic rivalry with the threat. Capability alone is means
    without motive, and the additive score would otherwise let it carry a state over the line.
    """

    capability: float = 2.0
    pledge: float = 1.5
    alignment_target: float = 1.0
    alignment_threat: float = 1.0
    un_target: float = 0.5
    un_threat: float = 0.5
    rivalry: float = 0.5
    conflicts: float = 2.0
    overextension: float = 0.5
    record: float = 1.0
    neighbour: float = 0.0
    threat_neighbour: float = 0.0
    distance: float = 0.0
    major: float = 0.0
    allied: float = 0.0
    power: float = 0.0
    entry: float = 0.0
    credible: float = 1.5
    intercept: float = 0.0

    @classmethod
    def judgement(cls) -> Weights:
        """The hand-set weights of the first version (kept to be measured against)."""
        return cls()

    @classmethod
    def fitted(cls) -> Weights:
        """The shipped weights: the logistic model of joining a war on the target's side,
        fitted on every COW war that others joined (``scripts/fit_guarantors.py``; figures
        in docs/guarantors.md). ``credible`` is then a probability threshold."""
        return _fitted()

    @property
    def calibrated(self) -> bool:
        """True when the score is a log-odds (fitted weights): p = sigmoid(intercept +
        score)."""
        return self.intercept != 0.0

    @classmethod
    def of(cls, overrides: Mapping[str, Any] | None = None) -> Weights:
        """The shipped (fitted) weights with ``overrides`` applied; an unknown name is an
        error that lists the known ones."""
        if overrides is None:
            return cls.fitted()
        if isinstance(overrides, Weights):
            return overrides
        known = {f.name for f in dataclasses.fields(cls)}
        bad = sorted(set(overrides) - known)
        if bad:
            raise InvalidInputError(f"unknown weight(s) {', '.join(bad)}; known: "
                                    f"{', '.join(sorted(known))}")
        try:
            vals = {k: float(v) for k, v in overrides.items()}
        except (TypeError, ValueError) as exc:
            raise InvalidInputError(f"weights must be numbers ({exc})") from None
        odd = [f"{k}={v}" for k, v in vals.items() if not math.isfinite(v)]
        if odd:  # NaN ranks every candidate alike, inf makes every score inf or NaN
            raise InvalidInputError(f"weight {', '.join(odd)}: give a finite number")
        return dataclasses.replace(cls.fitted(), **vals)

    def factor_weights(self) -> dict[str, float]:
        return {f: float(getattr(self, f)) for f in FACTORS}

    def to_json(self) -> dict[str, float]:
        return dataclasses.asdict(self)


PARAMS_FILE = "guarantor_weights.json"


@lru_cache(maxsize=1)
def _fitted() -> Weights:
    path = resources.files("foedus.advise") / PARAMS_FILE
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Weights()
    vals = {k: float(v) for k, v in doc["weights"].items() if k in FACTORS}
    zero = {f: 0.0 for f in FACTORS}
    return dataclasses.replace(Weights(), **{**zero, **vals},
                               intercept=float(doc["intercept"]),
                               credible=float(doc.get("credible", 0.5)))
