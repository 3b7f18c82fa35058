"""Coalitions of guarantors: the smallest set whose credible capability exceeds the threat's,
and the most credible set of a given size.

A member's credible capability is its capability projected to the target times its
credibility (the logistic reading of its non-capability factors). ``p_deters`` is the
probability that the members who stand by the guarantee — each independently, with its
credibility — together project more capability to the target than the threats do (exact
enumeration up to 16 members). ``capability_ratio`` is the members' credible capability over
the threats'.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

__all__ = ["Coalition", "coalitions", "p_deters"]

MAX_SMALLEST = 12
CREDIBLE = 0.5


@dataclass
class Coalition:
    kind: str  # "smallest" or "most_credible_<n>"
    members: list[Any]  # Candidate
    p_deters: float
    capability_ratio: float
    check: str | None = None

    def to_json(self, states: dict[int, Any] | None = None) -> dict[str, Any]:
        return {"members": [m.state.to_json() for m in self.members],
                "p_deters": round(self.p_deters, 4),
                "capability_ratio": round(self.capability_ratio, 4)}


def p_deters(members: list[Any], threat: float) -> float:
    """P(sum of honoured members' projected capability > threat), members independent."""
    if threat <= 0:
        return 1.0
    caps = [m.capability for m in members]
    ps = [m.credibility for m in members]
    total = 0.0
    for mask in itertools.product((0, 1), repeat=len(members)):
        cap = sum(c for c, b in zip(caps, mask, strict=True) if b)
        if cap > threat:
            pr = 1.0
            for p, b in zip(ps, mask, strict=True):
                pr *= p if b else 1 - p
            total += pr
    return total


def _ratio(members: list[Any], threat: float) -> float:
    cap = sum(m.capability * m.credibility for m in members)
    return cap / threat if threat > 0 else float("inf")


def coalitions(cands: list[Any], threat: float, sizes: tuple[int, ...] = (3,)) -> list[Coalition]:
    """The smallest credible coalition (if any) then the most credible set of each size."""
    out: list[Coalition] = []
    if threat <= 0:
        return out
    # only credible members count: unconflicted, not a rival, credibility at least one half
    usable = [c for c in cands if not c.conflicts and c.factors.get("rival", 0) == 0
              and c.credibility >= CREDIBLE]
    by_credible = sorted(usable, key=lambda c: -c.capability * c.credibility)
    chosen: list[Any] = []
    for c in by_credible[:MAX_SMALLEST]:
        chosen.append(c)
        if sum(m.capability * m.credibility for m in chosen) > threat:
            out.append(Coalition("smallest", list(chosen), p_deters(chosen, threat),
                                 _ratio(chosen, threat)))
            break
    ranked = usable  # already best first by score (credibility and capability together)
    for n in sizes:
        members = ranked[:n]
        if len(members) == n and n <= 16:
            out.append(Coalition(f"most_credible_{n}", members, p_deters(members, threat),
                                 _ratio(members, threat)))
    return out
