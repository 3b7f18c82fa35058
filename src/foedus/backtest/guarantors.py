"""``foedus backtest guarantors``: the guarantor ranking checked against the wars of history.

Why: the guarantor score is advice about who would fight for a state. History has answered
that question in every war that others joined: on the war's first day, rank every state in
the system as a guarantor of the original target against the initiators — exactly as
``foedus guarantors TARGET --on DAY --threat INITIATOR ...`` would — and see where the states
that came to the target's side rank. Beside it, in the same run, a naive ranking (allied with
the target first, then by capability) must be beaten; and the score's weights, fitted as a
logistic model of "came to the target's side" on the factors, are judged only out of sample:
leave one war out, and by era (fit before 1945, predict since, and the reverse).

The cases are :func:`foedus.backtest.cases.war_cases` (COW Inter-State War 4.0). A war with
several original targets gives one case per target, each weighted ``1 / n`` so that every war
counts once. docs/guarantors.md ("Backtest") gives the method, the figures and the command.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt
import polars as pl

from foedus.advise.guarantors import Context, score_target
from foedus.advise.model import FACTORS, Weights, entry_value
from foedus.advise.threats import Reason, Threat
from foedus.backtest.cases import WarCase, war_cases
from foedus.backtest.fit import Logit, auc, brier, fit_logit
from foedus.backtest.reliability import Invocation, invocations
from foedus.backtest.wars import C_ENTER, _predict, build_pool, fit_entry_model
from foedus.errors import FoedusError, InvalidInputError

if TYPE_CHECKING:
    from foedus.session import Session

__all__ = ["BacktestAnswer", "backtest_guarantors", "case_rows", "METHODS", "FIT_FACTORS"]

F = npt.NDArray[np.float64]
FIT_FACTORS: tuple[str, ...] = FACTORS
METHODS = ("fitted", "judgement", "naive")
RIDGES = (0.3, 1.0, 3.0, 10.0)
TOPS = (5, 10)


def case_rows(session: Session, case: WarCase, weights: Weights | None = None) -> pl.DataFrame:
    """One row per (original target, candidate) of one war: the factor values the guarantor
    score reads (0 where unknown, as in the score), the default score, the naive score and
    ``joined``."""
    ctx = Context(session, case.day, weights or Weights.judgement())
    threats = [Threat(c, [Reason("given", "initiated the war (COW)", "cow-war", None, None,
                                 1.0, ())], score=1.0, tier=1)
               for c in case.initiators if c in ctx.member_set]
    first_day = set(case.initiators) | set(case.targets)
    rows: list[dict[str, Any]] = []
    targets = [t for t in case.targets if t in ctx.member_set]
    for target in targets:
        scored = score_target(ctx, target, threats)
        cands = [c for c in scored.candidates if c.ccode not in first_day]
        if not cands:
            continue
        codes = np.array([c.ccode for c in cands], dtype=np.int64)
        fx = ctx.fb.pairs(np.column_stack([codes, np.full(len(codes), target)]), case.day)
        for i, c in enumerate(cands):
            allied = float(fx.allied[i])
            cinc = float(fx.cinc_a[i])
            pledged = c.values.get("pledge", 0.0) > 0
            row: dict[str, Any] = {
                "warnum": case.warnum, "war": case.name, "era": case.era,
                "day": case.day, "target": target, "candidate": c.ccode,
                "joined": c.ccode in case.joiners, "weight": 1.0 / len(targets),
                "judgement": c.score,
                # naive: allied with the target (ATOP or an engaged registry pledge) first,
                # then raw capability
                "naive": float(pledged or (not math.isnan(allied) and allied > 0))
                + (0.0 if math.isnan(cinc) else min(cinc, 0.99)),
            }
            for f in FIT_FACTORS:
                row[f] = float(c.values.get(f, 0.0))
            rows.append(row)
    return pl.DataFrame(rows, infer_schema_length=None)


@dataclass
class Metrics:
    """How the joiners rank under one method, over a set of cases."""

    auc_within: float  # mean over wars of the within-war AUC
    auc_pooled: float  # one AUC over every row
    top5: float  # share of joiners ranked in the top 5 of their case
    top10: float
    brier: float | None = None
    brier_skill: float | None = None  # 1 - Brier / Brier of the training base rate
    wars: int = 0
    joiners: int = 0

    def to_json(self) -> dict[str, Any]:
        def r(x: float | None) -> float | None:
            return None if x is None or math.isnan(x) else round(x, 4)

        return {"auc": r(self.auc_within), "auc_pooled": r(self.auc_pooled),
                "top5": r(self.top5), "top10": r(self.top10), "brier": r(self.brier),
                "brier_skill": r(self.brier_skill), "wars": self.wars,
                "joiners": self.joiners}


def metrics(frame: pl.DataFrame, col: str, p: F | None = None,
            base: F | None = None) -> Metrics:
    """Within-war AUC (mean over wars, a multi-target war's cases weighted 1/n), pooled AUC,
    top-k shares, and (with probabilities) Brier and Brier skill against ``base``."""
    y = frame["joined"].to_numpy().astype(bool)
    score = frame[col].to_numpy().astype(np.float64)
    aucs: dict[int, list[tuple[float, float]]] = {}
    hits = {k: 0.0 for k in TOPS}
    njoin = 0.0
    for (warnum, _target), g in frame.with_row_index("i").group_by(
            ["warnum", "target"], maintain_order=True):
        idx = g["i"].to_numpy()
        w = float(g["weight"][0])
        a = auc(score[idx], y[idx])
        if not math.isnan(a):
            aucs.setdefault(int(warnum), []).append((a, w))
        # ties broken against the joiner: a joiner tied with non-joiners ranks after them
        ranks = {int(j): r for r, j in enumerate(
            sorted(idx, key=lambda j: (-score[j], bool(y[j]))))}
        for j in idx[y[idx]]:
            njoin += w
            for k in TOPS:
                if ranks[int(j)] < k:
                    hits[k] += w
    per_war = [sum(a * w for a, w in v) / sum(w for _, w in v) for v in aucs.values()]
    m = Metrics(float(np.mean(per_war)) if per_war else math.nan, auc(score, y),
                hits[5] / njoin if njoin else math.nan,
                hits[10] / njoin if njoin else math.nan,
                wars=len(aucs), joiners=int(round(njoin)))
    if p is not None and base is not None:
        m.brier = brier(p, y)
        ref = brier(base, y)
        m.brier_skill = 1 - m.brier / ref if ref > 0 else math.nan
    return m


def _matrix(frame: pl.DataFrame) -> F:
    return frame.select(FIT_FACTORS).to_numpy().astype(np.float64)


class EntryFeature:
    """The ``entry`` factor of the case rows, out of sample: the entry model of "who joins a
    war" (:mod:`foedus.scenario.entry`) refitted on COW's wars without the wars a fold must
    not see. With ``excluded`` the fold's test wars, a test row gets the model fitted on every
    other war; a training row of war ``v`` the model fitted without ``v`` as well, so that no
    row's entry value was learnt from its own war (stacking)."""

    def __init__(self, pool: pl.DataFrame) -> None:
        self.pool = pool
        self._models: dict[frozenset[int], Any] = {}
        self._preds: dict[tuple[frozenset[int], int], dict[int, float]] = {}

    def _p(self, excluded: frozenset[int], war: int) -> dict[int, float]:
        """p(joins on the target's side) for the states of ``war`` from the entry model
        fitted without the wars ``excluded``."""
        key = (excluded, war)
        if key not in self._preds:
            if excluded not in self._models:
                self._models[excluded] = fit_entry_model(
                    self.pool.filter(~pl.col("warnum").is_in(sorted(excluded))),
                    c_enter=C_ENTER)
            sub = self.pool.filter(pl.col("warnum") == war)
            pe, ps = _predict(self._models[excluded], sub)
            self._preds[key] = {int(c): float(p) for c, p in
                                zip(sub["ccode"].to_list(), (pe * ps).tolist(), strict=True)}
        return self._preds[key]

    def column(self, frame: pl.DataFrame, excluded: set[int], test: npt.NDArray[np.bool_]
               ) -> F:
        """The ``entry`` value of every row of ``frame`` for a fold excluding ``excluded``."""
        war = frame["warnum"].to_numpy()
        cand = frame["candidate"].to_numpy()
        out = np.zeros(frame.height)
        for i in range(frame.height):
            w = int(war[i])
            ex = frozenset(excluded) if test[i] else frozenset(excluded | {w})
            p = self._p(ex, w).get(int(cand[i]))
            out[i] = entry_value(p) if p is not None else 0.0
        return out

    def era_wars(self, era: str) -> set[int]:
        years = self.pool.group_by("warnum").agg(pl.col("year").min())
        mask = years["year"] < 1945 if era == "before 1945" else years["year"] >= 1945
        return set(years.filter(mask)["warnum"].to_list())


def _within_auc(score: F, y: npt.NDArray[np.bool_], case: npt.NDArray[np.int64]) -> float:
    """Mean within-case AUC (the inner criterion for choosing the ridge penalty)."""
    out = [auc(score[case == c], y[case == c]) for c in np.unique(case)]
    good = [a for a in out if not math.isnan(a)]
    return float(np.mean(good)) if good else math.nan


def choose_ridge(x: F, y: npt.NDArray[np.bool_], wt: F, war: npt.NDArray[np.int64],
                 case: npt.NDArray[np.int64]) -> float:
    """The ridge penalty (of :data:`RIDGES`) with the best leave-one-war-out within-war AUC
    on these rows alone — so that the outer test war never informs the choice."""
    best, best_auc = RIDGES[0], -1.0
    for ridge in RIDGES:
        p = np.full(len(y), np.nan)
        for w in np.unique(war):
            tr, te = war != w, war == w
            if not y[tr].any():
                continue
            p[te] = fit_logit(x[tr], y[tr], FIT_FACTORS, weight=wt[tr],
                              ridge=ridge).log_odds(x[te])
        keep = ~np.isnan(p)
        a = _within_auc(p[keep], y[keep], case[keep])
        if a > best_auc:
            best, best_auc = ridge, a
    return best


def out_of_sample(frame: pl.DataFrame, folds: Callable[[pl.DataFrame], list[
        tuple[pl.Series, pl.Series]]], ridge: float | None,
        entry: EntryFeature | None = None, split: str = "") -> tuple[F, F, list[float]]:
    """Predicted probabilities for every row from models fitted without its fold (the ridge
    penalty chosen inside the training folds when ``ridge`` is None), the training base rate
    for each row (the naive forecast for the Brier skill), and the penalties chosen."""
    p = np.full(frame.height, np.nan)
    base = np.full(frame.height, np.nan)
    x = _matrix(frame)
    y = frame["joined"].to_numpy().astype(bool)
    wt = frame["weight"].to_numpy().astype(np.float64)
    war = frame["warnum"].to_numpy().astype(np.int64)
    case = (war * 1000 + frame["target"].to_numpy()).astype(np.int64)
    chosen = []
    for train, test in folds(frame):
        tr, te = train.to_numpy(), test.to_numpy()
        if not tr.any() or not te.any() or not y[tr].any():
            continue
        if entry is not None and "entry" in FIT_FACTORS:
            excluded = (entry.era_wars(str(frame["era"].filter(test)[0])) if split == "by era"
                        else set(frame["warnum"].filter(test).unique().to_list()))
            x = x.copy()
            x[:, FIT_FACTORS.index("entry")] = entry.column(frame, excluded, te)
        r = ridge if ridge is not None else choose_ridge(x[tr], y[tr], wt[tr], war[tr],
                                                         case[tr])
        chosen.append(r)
        model = fit_logit(x[tr], y[tr], FIT_FACTORS, weight=wt[tr], ridge=r)
        p[te] = model.predict(x[te])
        base[te] = float(np.average(y[tr], weights=wt[tr]))
    return p, base, chosen


def by_war(frame: pl.DataFrame) -> list[tuple[pl.Series, pl.Series]]:
    wars = frame["warnum"]
    return [(wars != w, wars == w) for w in wars.unique(maintain_order=True).to_list()]


def by_era(frame: pl.DataFrame) -> list[tuple[pl.Series, pl.Series]]:
    era = frame["era"]
    return [(era != e, era == e) for e in era.unique(maintain_order=True).to_list()]


@dataclass
class BacktestAnswer:
    """``foedus backtest guarantors``: figures per split and method, the cases, the fit."""

    cases: list[WarCase]
    splits: dict[str, dict[str, Metrics]]
    model: Logit
    ridge: float
    per_war: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    reliability: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "cases": [c.to_json() for c in self.cases],
            "reliability": self.reliability,
            "splits": {s: {m: v.to_json() for m, v in ms.items()}
                       for s, ms in self.splits.items()},
            "model": {**self.model.to_json(), "ridge": self.ridge,
                      "fitted_on": "every case (the shipped weights)"},
            "per_war": self.per_war,
            "notes": self.notes,
        }


def backtest_guarantors(session: Session, *, ridge: float | None = None,
                        wars: Sequence[int] | None = None,
                        frame: pl.DataFrame | None = None,
                        pool: pl.DataFrame | None = None) -> BacktestAnswer:
    """Run the backtest: every case's rows, the three methods, both out-of-sample splits.

    ``pool`` is the entry model's state × war frame (:func:`foedus.backtest.wars.build_pool`,
    built when None): the ``entry`` factor is refitted on it for every fold."""
    if ridge is not None and not (math.isfinite(ridge) and ridge >= 0):
        # NaN passes every comparison unnoticed and an infinite penalty fits nothing
        raise InvalidInputError(f"ridge {ridge}: give a finite penalty >= 0")
    cases = war_cases(session.inputs)
    if wars:
        cases = [c for c in cases if c.warnum in set(wars)]
    if frame is None:
        parts = [case_rows(session, c) for c in cases]
        frame = pl.concat([p for p in parts if p.height], how="vertical_relaxed")
    entry = EntryFeature(pool if pool is not None else build_pool(session))
    splits: dict[str, dict[str, Metrics]] = {}
    used: dict[str, list[float]] = {}
    per_war: dict[int, dict[str, Any]] = {}
    for split, folds in (("leave-one-war-out", by_war), ("by era", by_era)):
        p, base, chosen = out_of_sample(frame, folds, ridge, entry, split)
        used[split] = sorted(set(chosen))
        f = frame.with_columns(pl.Series("fitted", p))
        keep = ~np.isnan(p)
        f = f.filter(pl.Series(keep))
        splits[split] = {
            "fitted": metrics(f, "fitted", p[keep], base[keep]),
            "judgement": metrics(f, "judgement"),
            "naive": metrics(f, "naive"),
        }
        if split == "leave-one-war-out":
            for (warnum,), g in f.group_by(["warnum"], maintain_order=True):
                row = per_war.setdefault(int(warnum), {"warnum": int(warnum),
                                                       "war": g["war"][0],
                                                       "day": g["day"][0].isoformat()})
                for m in METHODS:
                    row[m] = metrics(g, m).to_json()["auc"]
    x = _matrix(frame)
    x[:, FIT_FACTORS.index("entry")] = entry.column(frame, set(), np.zeros(frame.height, bool))
    y = frame["joined"].to_numpy().astype(bool)
    wt = frame["weight"].to_numpy().astype(np.float64)
    war = frame["warnum"].to_numpy().astype(np.int64)
    final = ridge if ridge is not None else choose_ridge(
        x, y, wt, war, (war * 1000 + frame["target"].to_numpy()).astype(np.int64))
    model = fit_logit(x, y, FIT_FACTORS, weight=wt, ridge=final)
    notes = [f"{len(cases)} COW wars in which a state came to the original target's side; "
             f"{frame.height} candidate rows, {int(frame['joined'].sum())} of them joiners",
             "fitted: a ridge logistic model of joining on the guarantor factors, scored only "
             "on wars it was not fitted on; judgement: the score with the first, hand-set "
             "weights; "
             "naive: allied with the target first, then capability (CINC)"]
    notes.append("ridge penalty chosen inside each training fold by leave-one-war-out AUC "
                 f"among {list(RIDGES)}: " + "; ".join(f"{k}: {v}" for k, v in used.items())
                 if ridge is None else f"ridge penalty fixed at {ridge}")
    try:
        rel = reliability_check(frame, reliability_rows(session, invocations(session.inputs)),
                                entry, final)
    except FoedusError as exc:
        rel = {"invocations": 0, "note": f"not run: {exc}"}
    return BacktestAnswer(cases, splits, model, final, list(per_war.values()), notes, rel)



# -- the second check: honoured and violated bilateral alliances ----------------------------
def reliability_rows(session: Session, cases: Sequence[Invocation]) -> pl.DataFrame:
    """The candidate's factor values, judgement score and naive score for each invocation
    (Berkemeier & Fuhrmann 2018), scored as ``foedus guarantors TARGET --on DAY --threat
    ...`` would on the day the target entered the war."""
    rows: list[dict[str, Any]] = []
    contexts: dict[dt.date, Context] = {}
    for inv in cases:
        ctx = contexts.get(inv.day)
        if ctx is None:
            ctx = contexts[inv.day] = Context(session, inv.day, Weights.judgement())
        if inv.target not in ctx.member_set or inv.candidate not in ctx.member_set:
            continue
        threats = [Threat(c, [Reason("given", "at war with the target (COW)", "cow-war", None,
                                     None, 1.0, ())], score=1.0, tier=1)
                   for c in inv.threats if c in ctx.member_set and c != inv.candidate]
        if not threats:
            continue
        scored = score_target(ctx, inv.target, threats)
        cand = next((c for c in scored.candidates if c.ccode == inv.candidate), None)
        if cand is None:
            continue
        fx = ctx.fb.pairs(np.array([[inv.candidate, inv.target]]), inv.day)
        cinc = float(fx.cinc_a[0])
        row: dict[str, Any] = {"warnum": inv.warnum, "atopid": inv.atopid, "day": inv.day,
                               "target": inv.target, "candidate": inv.candidate,
                               "honoured": inv.honoured, "judgement": cand.score,
                               "naive": 1.0 + (0.0 if math.isnan(cinc) else min(cinc, 0.99))}
        for f in FIT_FACTORS:
            row[f] = float(cand.values.get(f, 0.0))
        rows.append(row)
    return pl.DataFrame(rows, infer_schema_length=None)


def reliability_check(frame: pl.DataFrame, rel: pl.DataFrame, entry: EntryFeature,
                      ridge: float) -> dict[str, Any]:
    """AUC (honoured above violated) and Brier skill of the fitted probability, each
    invocation scored by the model fitted on the COW cases without its war (and the entry
    factor refitted without it), beside the judgement score and the naive ranking."""
    if rel.is_empty():
        return {"invocations": 0}
    y = rel["honoured"].to_numpy().astype(bool)
    p = np.full(rel.height, np.nan)
    models: dict[int, Logit] = {}
    xw = frame["weight"].to_numpy().astype(np.float64)
    yj = frame["joined"].to_numpy().astype(bool)
    for i, w in enumerate(rel["warnum"].to_list()):
        if w not in models:
            test = (frame["warnum"] == w).to_numpy()
            x = _matrix(frame)
            x[:, FIT_FACTORS.index("entry")] = entry.column(frame, {w}, test)
            models[w] = fit_logit(x[~test], yj[~test], FIT_FACTORS, weight=xw[~test],
                                  ridge=ridge)
        xi = rel.select(FIT_FACTORS).row(i)
        vals = np.array(xi, dtype=np.float64)
        pe = entry._p(frozenset({w}), w).get(int(rel["candidate"][i]))
        vals[FIT_FACTORS.index("entry")] = entry_value(pe) if pe is not None else 0.0
        p[i] = float(models[w].predict(vals[None, :])[0])
    base = np.full(rel.height, float(y.mean()))
    # the naive forecast for the Brier skill: the share honoured in the other wars
    for i, w in enumerate(rel["warnum"].to_list()):
        others = (rel["warnum"] != w).to_numpy()
        if others.any():
            base[i] = float(y[others].mean())
    return {"invocations": rel.height, "honoured": int(y.sum()),
            "fitted": {"auc": round(auc(p, y), 4), "brier": round(brier(p, y), 4),
                       "brier_skill": round(1 - brier(p, y) / brier(base, y), 4)},
            "judgement": {"auc": round(auc(rel["judgement"].to_numpy(), y), 4)},
            "naive": {"auc": round(auc(rel["naive"].to_numpy(), y), 4)},
            "note": "p(fights for the target) is the chance of coming to its side, not of "
                    "honouring a pledge: the AUC is the check, the Brier skill shows the "
                    "two are not the same scale"}
