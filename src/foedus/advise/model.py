"""The guarantor model's weights and constants, each one configurable.

Why a linear score: a reader must be able to see why a candidate ranks where it does, so the
score is a sum of named contributions (``factors``) and a weight multiplies each. The
defaults are judgements, documented in docs/guarantors.md; ``--sensitivity`` shows how much
the ranking depends on each.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from typing import Any

__all__ = ["Weights", "HONOUR_BEFORE_1945", "HONOUR_AFTER_1945", "honour_rate"]

# Berkemeier & Fuhrmann (2018), "Reassessing the fulfillment of alliance commitments in war",
# Research & Politics: defense pacts honoured in 61.0% of invocations before 1945, 14.0% after.
HONOUR_BEFORE_1945 = 0.61
HONOUR_AFTER_1945 = 0.14


def honour_rate(year: int) -> float:
    """The literature base rate of honouring a defense pact in ``year``'s era."""
    return HONOUR_BEFORE_1945 if year < 1945 else HONOUR_AFTER_1945


@dataclass(frozen=True)
class Weights:
    """Weight of each factor; a factor's contribution is weight x its normalised value."""

    capability: float = 3.0  # r/(1+r), r = candidate's projected CINC / threats' projected CINC
    alignment: float = 0.25  # kappa(candidate, target) - kappa(candidate, threat): portfolios
    ideal: float = 0.5  # (UN ideal-point distance to threat - to target) / 3, clipped -1..1
    pledged: float = 3.0  # already bound to defend the target against the threat x honour rate
    assured: float = 0.5  # already gives the target an assurance, consultation or aid pledge
    conflict: float = 1.5  # minus: bound to the threat or its allies (engaged rules)
    rival: float = 1.0  # minus: itself a strategic rival of the target
    overextension: float = 0.3  # minus: min(1, states defended under other instruments / 100)
    # reading the non-capability factors as a probability of standing by the guarantee:
    # logistic(slope x (sum - midpoint)); a neutral candidate (sum 0) reads about 0.29
    credibility_slope: float = 3.0
    credibility_midpoint: float = 0.3

    def to_json(self) -> dict[str, float]:
        return asdict(self)

    def scaled(self, name: str, factor: float) -> Weights:
        """These weights with ``name`` multiplied by ``factor`` (for sensitivity)."""
        return replace(self, **{name: getattr(self, name) * factor})

    @classmethod
    def from_mapping(cls, values: dict[str, Any] | None) -> Weights:
        """Defaults overridden by ``values``; an unknown name is an error."""
        from foedus.errors import UsageError

        if not values:
            return cls()
        known = set(asdict(cls()))
        bad = sorted(set(values) - known)
        if bad:
            raise UsageError(f"unknown weight(s) {', '.join(bad)}; known: {', '.join(sorted(known))}")
        return cls(**{k: float(v) for k, v in values.items()})

    @classmethod
    def names(cls) -> list[str]:
        """The factor weights (not the credibility reading's constants)."""
        return [n for n in asdict(cls()) if not n.startswith("credibility_")]
