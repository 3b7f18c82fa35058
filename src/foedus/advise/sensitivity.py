"""How the ranking moves when each weight moves by +/-50%: Kendall tau of the full ranking
and the states entering or leaving the top 5."""

from __future__ import annotations

from typing import Any

from foedus.advise.model import Weights

__all__ = ["kendall_tau", "sensitivity"]


def kendall_tau(a: list[int], b: list[int]) -> float:
    """Kendall's tau-a between two orderings of the same items."""
    pos = {x: i for i, x in enumerate(b)}
    n = len(a)
    if n < 2:
        return 1.0
    conc = disc = 0
    for i in range(n):
        for j in range(i + 1, n):
            if pos[a[i]] < pos[a[j]]:
                conc += 1
            else:
                disc += 1
    return (conc - disc) / (n * (n - 1) / 2)


def sensitivity(session: Any, ctx: Any, w: Weights, top: int = 5) -> dict[str, Any]:
    from foedus.advise.guarantors import score_candidates

    base = [c.state.ccode for c in score_candidates(session, ctx, w)]
    abb = {s.ccode: s.abb for s in session.states}
    rows = []
    for name in Weights.names():
        for f in (0.5, 1.5):
            alt = [c.state.ccode for c in score_candidates(session, ctx, w.scaled(name, f))]
            rows.append({"weight": name, "factor": f, "kendall_tau": round(kendall_tau(base, alt), 4),
                         "top_in": [abb[c] for c in alt[:top] if c not in base[:top]],
                         "top_out": [abb[c] for c in base[:top] if c not in alt[:top]],
                         "top": [abb[c] for c in alt[:top]]})
    return {"base_top": [abb[c] for c in base[:top]], "moves": rows}
