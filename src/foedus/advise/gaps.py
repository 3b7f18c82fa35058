"""Which states have no credible guarantor against their likely threats, most exposed first.

Why bounded: scoring every candidate for every state of the system is ~190 × 190 pairs, cheap
with the shared :class:`~foedus.advise.guarantors.Context`; what is not cheap is the scenario
engine, so gaps never runs it (no coalitions). Only states with at least one inferred threat
are checked (a state with no rival, no named adversary and no recent dispute is not
"unguaranteed", it is unthreatened as far as the data know). A state is a gap when no
candidate is credible (score at least ``Weights.credible`` and no conflicting commitment).
Gaps are ranked by exposure: the principal threat's capability projected to the state over
the state's own capability (CINC), highest first.
"""

from __future__ import annotations

import dataclasses
import math
from typing import TYPE_CHECKING, Any

import numpy as np

from foedus.advise.guarantors import Context, score_target
from foedus.advise.model import Weights
from foedus.advise.threats import infer_threats
from foedus.query.common import as_date

if TYPE_CHECKING:
    from collections.abc import Mapping

    from foedus.session import Session

__all__ = ["GapsAnswer", "gaps"]


@dataclasses.dataclass
class GapsAnswer:
    """``foedus gaps``: ``payload`` is the JSON contract."""

    payload: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        return self.payload

    @property
    def gaps(self) -> list[dict[str, Any]]:
        return list(self.payload["gaps"])


def gaps(session: Session, on: object, limit: int | None = 20,
         weights: Mapping[str, Any] | Weights | None = None) -> GapsAnswer:
    """States with no credible guarantor on ``on``, most exposed first (``limit`` rows)."""
    day = as_date(on, "--on date")
    w = Weights.of(weights)  # type: ignore[arg-type]
    ctx = Context(session, day, w)
    own = ctx.fb.pairs(np.column_stack([ctx.members, ctx.members]), day).cinc_a
    own_cinc = dict(zip(ctx.members, own.tolist(), strict=True))
    rows: list[dict[str, Any]] = []
    checked = 0
    for target in ctx.members:
        threats = infer_threats(session, target, day, graph=ctx.graph,
                                members=ctx.member_set, index=ctx.threat_index, abb=ctx.abb)
        if not threats:
            continue
        checked += 1
        sc = score_target(ctx, target, threats)
        if any(c.credible for c in sc.candidates):
            continue
        mine = own_cinc.get(target, math.nan)
        exposure = (sc.threat_projected / mine if mine and mine > 0
                    and not math.isnan(sc.threat_projected) else math.nan)
        best = sc.candidates[0] if sc.candidates else None
        rows.append({
            "state": ctx.state_json(target),
            "threats": [{"state": ctx.state_json(t.ccode), "why": t.why} for t in threats],
            "principal_threat": (ctx.state_json(sc.principal) if sc.principal is not None
                                 else None),
            "exposure": None if math.isnan(exposure) else round(exposure, 4),
            "best": ({"state": ctx.state_json(best.ccode), "score": best.score,
                      "reasons": best.reasons} if best else None),
        })
    rows.sort(key=lambda r: (-(r["exposure"] if r["exposure"] is not None else -1.0),
                             r["state"]["abb"]))
    total = len(rows)
    if limit is not None:
        rows = rows[:limit]
    return GapsAnswer({
        "on": day.isoformat(), "checked": checked, "gaps_found": total, "gaps": rows,
        "datasets": {"coverage": getattr(ctx, "coverage", {}) or _cov(ctx),
                     "notes": ctx.notes(), "weights": w.to_json()},
    })


def _cov(ctx: Context) -> dict[str, Any]:
    ctx.notes()
    return dict(getattr(ctx, "coverage", {}))
