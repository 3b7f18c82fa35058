"""How much the guarantor ranking depends on each weight: every weight at ×0.5 and ×1.5.

Why this is cheap and exact: the score is additive and every contribution is
``weight × value``, so moving one weight by a factor ``m`` adds ``(m - 1) × contribution`` of
that factor to each candidate; nothing is recomputed from the data. The change is measured by
Kendall's tau-b between the baseline ranking and the new one over all candidates (1: same
order) and by which states enter or leave the top five.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from foedus.advise.model import FACTORS

__all__ = ["kendall_tau", "sensitivity"]


def kendall_tau(x: Any, y: Any) -> float:
    """Kendall's tau-b of two score vectors (ties counted as in tau-b)."""
    a, b = np.asarray(x, float), np.asarray(y, float)
    n = a.size
    if n < 2:
        return 1.0
    i, j = np.triu_indices(n, 1)
    da, db = np.sign(a[i] - a[j]), np.sign(b[i] - b[j])
    s = float(np.sum(da * db))
    n1, n2 = float(np.sum(da != 0)), float(np.sum(db != 0))
    if n1 == 0 or n2 == 0:
        return 1.0
    return s / float(np.sqrt(n1 * n2))


def sensitivity(payload: dict[str, Any], steps: tuple[float, ...] = (0.5, 1.5),
                top: int = 5) -> dict[str, Any]:
    """The ranking's sensitivity to each factor weight, from a guarantors answer."""
    cands = payload["candidates"]
    abbs = [c["state"]["abb"] for c in cands]
    base = np.array([c["score"] for c in cands], float)
    base_top = abbs[:top]
    rows = []
    for f in FACTORS:
        contrib = np.array([c["factors"].get(f, 0.0) for c in cands], float)
        for m in steps:
            new = base + (m - 1.0) * contrib
            order = sorted(range(len(abbs)), key=lambda k: (-new[k], k))
            new_top = [abbs[k] for k in order[:top]]
            rows.append({"weight": f, "multiplier": m,
                         "kendall_tau": round(kendall_tau(base, new), 4),
                         "top": new_top,
                         "entered": [a for a in new_top if a not in base_top],
                         "left": [a for a in base_top if a not in new_top]})
    return {"baseline_top": base_top, "changes": rows}
