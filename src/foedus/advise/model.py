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
    minus (1 per binding defense, guarantee, offense, neutrality or non-aggression promise to
    a threat + 0.5 per binding defense promise to a state bound to defend a threat), capped at
    2.
``overextension``
    ``-log10(1 + n)`` with ``n`` the states the candidate is already bound to defend
    (bound defense/guarantee edges of the day's graph, the target excluded).
``credible`` (a threshold)
    See :class:`Weights`: score, no conflict, and a motive.
``record``
    ``2 × base rate - 1`` with the base rate the share of defense pledges honoured in the
    era (Berkemeier & Fuhrmann 2018, via :class:`foedus.scenario.credibility.CredibilityModel`).
    The same for every candidate of a day: it sets the level, so that a post-1945 promise
    must earn its credibility from the other factors.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from foedus.errors import InvalidInputError

__all__ = ["Weights", "FACTORS", "CAPABILITY_DECADES"]

FACTORS = ("capability", "pledge", "alignment_target", "alignment_threat", "un_target",
           "un_threat", "rivalry", "conflicts", "overextension", "record")
CAPABILITY_DECADES = 2.0


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
    credible: float = 1.5

    @classmethod
    def of(cls, overrides: Mapping[str, Any] | None = None) -> Weights:
        """The defaults with ``overrides`` applied; an unknown name is an error that lists
        the known ones."""
        if overrides is None:
            return cls()
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
        return dataclasses.replace(cls(), **vals)

    def factor_weights(self) -> dict[str, float]:
        return {f: float(getattr(self, f)) for f in FACTORS}

    def to_json(self) -> dict[str, float]:
        return dataclasses.asdict(self)
