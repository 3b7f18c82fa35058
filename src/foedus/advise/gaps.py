"""``gaps``: the states no one can credibly guarantee against their likely threats, ranked.

For every state in the system on the day with at least one inferred threat (rivals, recent
MIDs, named adversaries of its pledges), the guarantor model is run; a state is a gap when no
coalition of credible candidates (unconflicted, not a rival, credibility at least one half)
projects more capability to it than the threat side does. Gaps are ranked by the share of the
threat side's capability left uncovered by all its credible candidates together, then by the
threat side's projected capability.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

__all__ = ["Gap", "GapsAnswer", "gaps"]


@dataclass
class Gap:
    state: Any
    threats: list[Any]
    uncovered: float  # 1 - credible capability of all credible candidates / threat side
    threat_capability: float  # projected to the state (loss-of-strength CINC)
    best: list[Any]  # best three candidates

    def to_json(self, states: dict[int, Any]) -> dict[str, Any]:
        return {"state": self.state.to_json(),
                "threats": [{"state": states[t.state].to_json(), "why": t.why}
                            for t in self.threats],
                "uncovered": round(self.uncovered, 4),
                "threat_capability": round(self.threat_capability, 5),
                "best_candidates": [{"state": c.state.to_json(), "score": round(c.score, 4)}
                                    for c in self.best]}


@dataclass
class GapsAnswer:
    on: dt.date
    gaps: list[Gap]
    covered: int
    without_threat: int
    datasets: list[dict[str, Any]]
    _states: dict[int, Any]

    def to_json(self) -> dict[str, Any]:
        return {"on": self.on.isoformat(), "gaps": [g.to_json(self._states) for g in self.gaps],
                "covered": self.covered, "without_threat": self.without_threat,
                "datasets": self.datasets}


def gaps(session: Any, on: object, weights: Any = None) -> GapsAnswer:
    """Every state in the system on ``on`` without a credible guarantor, worst first."""
    from foedus.advise.coalitions import CREDIBLE
    from foedus.advise.guarantors import prepare, score_candidates
    from foedus.advise.model import Weights
    from foedus.query.common import as_date

    day = as_date(on, "--on date")
    w = weights if isinstance(weights, Weights) else Weights.from_mapping(weights)
    out: list[Gap] = []
    covered = none = 0
    datasets: list[dict[str, Any]] = []
    for st in sorted(session.states.members_on(day), key=lambda s: s.ccode):
        ctx = prepare(session, st, day, None)
        if not datasets:
            datasets = [d for d in ctx.datasets if d["name"] != "model"]
        if not ctx.threats or ctx.threat_capability <= 0:
            none += 1
            continue
        cands = score_candidates(session, ctx, w)
        usable = [c for c in cands if not c.conflicts and c.factors.get("rival", 0) == 0
                  and c.credibility >= CREDIBLE]
        cap = sum(c.capability * c.credibility for c in usable)
        if cap > ctx.threat_capability:
            covered += 1
            continue
        out.append(Gap(st, ctx.threats, 1 - cap / ctx.threat_capability,
                       ctx.threat_capability, cands[:3]))
    out.sort(key=lambda g: (-round(g.uncovered, 4), -g.threat_capability, g.state.ccode))
    return GapsAnswer(day, out, covered, none, datasets, {s.ccode: s for s in session.states})
