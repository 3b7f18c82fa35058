"""How far a promise can be trusted, and who joins without one: the interfaces and a fallback.

Why: the cascade (:mod:`foedus.scenario.cascade`) needs two numbers it cannot derive from
treaty text — the probability that a state honours a commitment the war has triggered, and the
probability that a state with no triggered commitment joins anyway. They come from models
fitted on history; the cascade only depends on these two small interfaces, so a better model
replaces the fallback without touching the engine.

The fallback (:class:`BaseRates`, :class:`NoJoining`) uses published base rates only:

* Berkemeier & Fuhrmann (2018, "Reassessing the fulfillment of alliance commitments in war",
  Research & Politics 5(2)) — share of alliance commitments honoured when their casus foederis
  arose, 1816–2003: defense pacts 61.0% before 1945 and 14.0% from 1945; offense pacts 73.8%;
  neutrality pacts 77.8%; nonaggression pacts 36.7%.
* Leeds, Long & Mitchell (2000, "Reevaluating alliance reliability", Journal of Conflict
  Resolution 44(5)) — 74.5% of alliance commitments invoked by war 1816–1944 honoured; shown
  as the reference figure, the kind-specific rates above are used.

A guarantee is scored as a defense pledge (it is one, given to a non-party). Consultation,
military aid, neutrality and political assurances never bring a state into the war by
themselves in the fallback (they are not a promise to fight); presumed commitments (alliances
carried past the end of ATOP's data) are not duties and score 0. Without a joining model no
state joins without a triggered promise.
"""

from __future__ import annotations

import datetime as dt
from typing import Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt
import polars as pl

from foedus.model.schema import BINDING

__all__ = ["Credibility", "Joining", "BaseRates", "NoJoining", "RATES", "ERA_BREAK",
           "LLM_2000_HONOURED"]

Scores = tuple[npt.NDArray[np.float64], dict[str, npt.NDArray[np.float64]]]

ERA_BREAK = dt.date(1945, 1, 1)
# Berkemeier & Fuhrmann 2018, Table 1 (share honoured).
RATES: dict[str, float | tuple[float, float]] = {
    "defense": (0.610, 0.140),  # (before 1945, from 1945)
    "offense": 0.738,
    "neutrality": 0.778,
    "nonaggression": 0.367,
}
LLM_2000_HONOURED = 0.745


@runtime_checkable
class Credibility(Protocol):
    """p(honour) of triggered commitments.

    ``triggered`` has one row per triggered commitment: the graph's edge columns
    (:data:`foedus.model.schema.COMMITMENT_COLUMNS`, ``presumed``, ``category``) plus
    ``attacker`` (the state it fires against), ``day`` and ``round``. Returns the probability
    per row and a dict of per-factor contribution arrays (same length; how much each factor
    adds to the row's score, in the model's own scale).
    """

    def p_honour(self, triggered: pl.DataFrame) -> Scores: ...


@runtime_checkable
class Joining(Protocol):
    """p(join) for states with no triggered commitment.

    ``candidates`` has one row per (state, side): ``state`` (COW code), ``side``
    (``"attacker"`` or ``"defender"``), ``attackers`` and ``targets`` (lists of COW codes of
    the original attacks) and ``day``. Returns a probability per row; a state's two sides
    must sum to at most 1.
    """

    def p_join(self, candidates: pl.DataFrame) -> npt.NDArray[np.float64]: ...


class BaseRates:
    """The fallback credibility model: the published base rate of the commitment's kind and
    era, times an optional weight (``weights["base_rate"]``), capped at 1."""

    name = "base rates (Berkemeier & Fuhrmann 2018)"

    def __init__(self, weights: dict[str, float] | None = None) -> None:
        self.weight = float((weights or {}).get("base_rate", 1.0))

    def p_honour(self, triggered: pl.DataFrame) -> Scores:
        n = triggered.height
        p = np.zeros(n)
        if n:
            kinds = triggered["kind"].to_list()
            cats = triggered["category"].to_list()
            days = triggered["day"].to_list() if "day" in triggered.columns else [None] * n
            forces = triggered["legal_force"].to_list()
            presumed = triggered["presumed"].to_list()
            for i in range(n):
                p[i] = self.rate(kinds[i], cats[i], forces[i], bool(presumed[i]), days[i])
        p = np.minimum(p * self.weight, 1.0)
        return p, {"base_rate": p.copy()}

    @staticmethod
    def rate(kind: str, category: str | None, legal_force: str, presumed: bool,
             day: dt.date | None) -> float:
        """The base rate of one triggered commitment (0 when it is no promise to fight)."""
        if presumed or legal_force not in BINDING:
            return 0.0
        if kind == "offense":
            return float(RATES["offense"])  # type: ignore[arg-type]
        if category != "bound" or kind not in ("defense", "guarantee"):
            return 0.0
        before, after = RATES["defense"]  # type: ignore[misc]
        return float(before if day is not None and day < ERA_BREAK else after)


class NoJoining:
    """The fallback joining model: nobody joins without a triggered promise."""

    name = "none (no joining model)"

    def p_join(self, candidates: pl.DataFrame) -> npt.NDArray[np.float64]:
        return np.zeros(candidates.height)
