"""How well foedus's threat ranking foresees uses of force, measured out of sample.

For every as-of day ``d`` (1 January of each year) and every ordered pair of states in the
system on ``d`` (``i`` a candidate threat to ``j``), the score is foedus's threat score of
``i`` against ``j`` from what was known on ``d`` (episodes begun before ``d``, decayed to
``d``); the outcome is 1 when ``i`` began a use of force or a war against ``j`` in
``[d, d + horizon)`` (a new episode in COW MID 5.0, UCDP ACD 25.1 or the curated conflicts
layer, with ``i`` taking part with force and ``j`` exposed). The weights are fixed in
:mod:`foedus.advise.threats` (only the neighbour term was chosen, on 1990-2004), so the later
eras are out of sample.

The naive rule scores a pair by contiguity (COW direct contiguity, any type) plus "any
recorded dispute or conflict between them in the ten years before d" (0, 1 or 2): the same
data without severity, recency, rivalry or reach. ``scripts/eval_threats.py`` prints it.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from typing import TYPE_CHECKING, Any

import numpy as np
import polars as pl

from foedus.advise.threats import MIN_SCORE, REACH_FLOOR, ThreatIndex, threat_scores
from foedus.model.metrics import auc
from foedus.scenario.capability import projected_to_each

if TYPE_CHECKING:
    from foedus.session import Session

__all__ = ["ERAS", "auc", "evaluate", "score_pairs"]

ERAS = ((1990, 2004, "1990-2004 (MID, UCDP)"), (2005, 2014, "2005-2014 (MID, UCDP)"),
        (2015, 2023, "2015-2023 (UCDP, conflicts layer)"))


def onsets(index: ThreatIndex) -> list[tuple[int, int, dt.date]]:
    """(actor, target, start) of every use of force or war of any source."""
    out = []
    for e in index.episodes:
        if e.level in ("war", "force") and e.involvement > 0:
            out.append((e.actor, e.target, e.start))
    return out


def any_conflict(index: ThreatIndex) -> dict[tuple[int, int], list[tuple[dt.date, dt.date]]]:
    """Every recorded episode between two states (any level, either direction)."""
    out: dict[tuple[int, int], list[tuple[dt.date, dt.date]]] = defaultdict(list)
    for e in index.episodes:
        end = e.end or dt.date(2100, 1, 1)
        out[(e.actor, e.target)].append((e.start, end))
        out[(e.target, e.actor)].append((e.start, end))
    return out


def score_pairs(session: Session, start: int, end: int, horizon: int = 3,
                index: ThreatIndex | None = None) -> pl.DataFrame:
    """One row per as-of year and ordered pair: foedus's score, the score with the reach
    rule, the naive score and the outcome."""
    index = index or ThreatIndex(session.optional_inputs)
    by_pair: dict[tuple[int, int], list[dt.date]] = defaultdict(list)
    for a, b, s in onsets(index):
        by_pair[(a, b)].append(s)
    anyc = any_conflict(index)
    rows = []
    for year in range(start, end + 1):
        d = dt.date(year, 1, 1)
        h = dt.date(year + horizon, 1, 1)
        lo = dt.date(year - 10, 1, 1)
        members = sorted(s.ccode for s in session.states.members_on(d))
        pos = {m: k for k, m in enumerate(members)}
        _cap, proj = projected_to_each(session.optional_inputs, np.array(members), d)
        home = np.diag(proj)
        for j in members:
            sc = threat_scores(index, j, d, members)
            for i in members:
                if i == j:
                    continue
                y = any(d <= s < h for s in by_pair.get((i, j), ()))
                ours = sc.get(i, 0.0)
                hj = home[pos[j]]
                r = proj[pos[i], pos[j]] / hj if hj > 0 else math.nan
                reach_ok = not (r < REACH_FLOOR)  # NaN (unknown) keeps the pair
                naive = int(index.contiguous(i, j, d)) + int(any(
                    s < d and e >= lo for s, e in anyc.get((i, j), ())))
                rows.append((year, i, j, ours, ours if reach_ok else 0.0, naive, int(y)))
    return pl.DataFrame(rows, schema=["year", "i", "j", "ours", "ours_reach", "naive", "y"],
                        orient="row")


def evaluate(session: Session, start: int = 1990, end: int = 2023, horizon: int = 3,
             index: ThreatIndex | None = None) -> list[dict[str, Any]]:
    """AUC of foedus's ranking (with and without the reach rule) and of the naive rule, by
    era and overall, with the precision and recall of the list foedus prints."""
    df = score_pairs(session, start, end, horizon, index)
    report = []
    for lo_y, hi_y, label in (*ERAS, (start, end, "all")):
        f = df.filter((pl.col("year") >= max(lo_y, start)) & (pl.col("year") <= min(hi_y, end)))
        if f.is_empty():
            continue
        y = f["y"].to_numpy()
        listed = f["ours_reach"].to_numpy() >= MIN_SCORE
        report.append({
            "era": label, "pairs": f.height, "onsets": int(y.sum()),
            "auc_foedus": round(auc(f["ours"].to_numpy(), y), 4),
            "auc_foedus_reach": round(auc(f["ours_reach"].to_numpy(), y), 4),
            "auc_naive": round(auc(f["naive"].to_numpy().astype(float), y), 4),
            "listed": int(listed.sum()),
            "precision_listed": round(float(y[listed].mean()), 4) if listed.any() else None,
            "recall_listed": round(float(listed[y == 1].mean()), 4) if y.any() else None,
            "base_rate": round(float(y.mean()), 6),
        })
    return report
