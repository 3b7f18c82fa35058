"""Backtest of the entry model on every COW inter-state war: who joined, scored out of sample.

Why: a probability nobody has checked against history is an opinion. This module rebuilds,
from the imported datasets alone, the pool of every state that could have joined each war of
COW Inter-State War 4.0, labels who did, and scores :mod:`foedus.scenario.entry` against a
naive rule on the same rows, with the model refitted on the training wars of each split.

The pool (documented in ``docs/credibility.md`` for reproduction in R or Stata):

* a war's first day is the earliest start date (``startyear1/startmonth1/startday1``) of its
  participants; its *first parties* are the participants whose first spell starts that day;
  the attackers are the first parties on the initiator's side (``initiator == 1``; side 1
  when no first party is coded initiator);
* a row is every state in the COW system on that day (foedus's state list) that is not a
  first party, plus any later participant missing from that list;
* the label is 1 when the state entered the war after its first day, on either side; the side
  is its COW ``side`` (target side when it differs from the attackers').

Splits: leave-one-war-out (each war scored by a model fitted on all others), fit on wars begun
before 1946 and score those from 1946, and the reverse. The naive rule: 1 when the state owes
a target a binding defense pledge (defense or guarantee, the day's graph), else 0.3 when it is
land-contiguous to a first party, else 0.05 when it is a major power, else 0.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt
import polars as pl

from foedus.errors import FoedusError
from foedus.model.metrics import auc
from foedus.scenario.entry import (
    ENTER_FEATURES,
    SIDE_FEATURES,
    EntryModel,
    LogitFit,
    _sigmoid,
    entry_frame,
    fit_logit,
    war_history,
)
from foedus.scenario.features import FeatureBuilder

if TYPE_CHECKING:
    from foedus.session import Session

__all__ = ["build_pool", "mid_side_rows", "fit_entry_model", "naive_rule", "score", "backtest",
           "SplitScore", "BacktestAnswer", "BINS", "C_ENTER", "C_SIDE", "ERA_SPLIT", "choose_c",
           "C_GRID"]

F = npt.NDArray[np.float64]
C_GRID = (0.3, 0.1, 0.03, 0.01)  # ridge strengths of stage 1 that :func:`choose_c` weighs
#: the strength :func:`choose_c` picks in 93 of the 95 leave-one-war-out folds; used where a
#: fit is repeated hundreds of times (the guarantors backtest's stacked entry factor)
C_ENTER = 0.03
C_SIDE = 0.1    # stage 2 is fitted on the joiners only (about a hundred rows)
ERA_SPLIT = 1946
BINS = (0.0, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0000001)


def build_pool(session: Session, *, wars: Sequence[int] | None = None,
               history: pl.DataFrame | None = None,
               progress: Callable[[int, int], None] | None = None) -> pl.DataFrame:
    """The state × war rows with their features and labels (see the module docstring).

    ``history`` scores other conflicts the same way: one row per participant with
    ``warnum`` (any integer id), ``ccode``, ``side`` (1 or 2), ``initiator`` (1 for the
    initiating side's states) and ``entered`` (Date: its first day in the war); by default
    the imported COW Inter-State War 4.0 (:func:`~foedus.scenario.entry.war_history`).
    """
    inputs = session.optional_inputs
    if history is not None:
        need = {"warnum", "ccode", "side", "initiator", "entered"}
        missing = need - set(history.columns)
        if missing:
            raise FoedusError(f"history: missing column(s) {sorted(missing)}; "
                              f"needs {sorted(need)}")
        hist = history.with_columns(pl.col("entered").min().over("warnum").alias("start"))
        hist = hist.with_columns((pl.col("entered") == pl.col("start")).alias("original"))
    else:
        hist = war_history(inputs)
    if not hist.height:
        raise FoedusError("the COW Inter-State War dataset is not imported: "
                          "run `foedus data import war PATH` first")
    fb = FeatureBuilder(inputs) if inputs is not None else None
    ids = sorted(hist["warnum"].unique().to_list())
    if wars is not None:
        ids = [w for w in ids if w in set(wars)]
    parts = []
    for k, w in enumerate(ids):
        g = hist.filter(pl.col("warnum") == w)
        start: dt.date = g["start"][0]
        orig = g.filter(pl.col("original"))
        init = orig.filter(pl.col("initiator") == 1)["side"].to_list()
        att_side = int(init[0]) if init else 1
        sides = {s: orig.filter(pl.col("side") == s)["ccode"].to_list() for s in (1, 2)}
        for s in (1, 2):  # a side with no first-day party: its earliest entrants
            if not sides[s]:
                gs = g.filter(pl.col("side") == s)
                if gs.height:
                    sides[s] = gs.filter(pl.col("entered") == gs["entered"].min())["ccode"] \
                        .to_list()
        if not sides[1] or not sides[2]:
            continue
        attackers, targets = sides[att_side], sides[3 - att_side]
        firsts = set(attackers) | set(targets)
        later = g.filter(~pl.col("ccode").is_in(sorted(firsts)))
        joined = {int(c): int(s) for c, s in later.select("ccode", "side").iter_rows()}
        graph = session.graph(start)
        system = {s.ccode for s in session.states.members_on(start)}
        cands = sorted((system | set(joined)) - firsts)
        f = entry_frame(graph, inputs, attackers=attackers, targets=targets, candidates=cands,
                        builder=fb)
        y = [int(int(c) in joined) for c in f["ccode"].to_list()]
        side = [("target" if joined[int(c)] != att_side else "attacker") if int(c) in joined
                else None for c in f["ccode"].to_list()]
        parts.append(f.drop("notes").with_columns(
            pl.lit(w).alias("warnum"), pl.lit(start).alias("start"),
            pl.lit(start.year).alias("year"),
            pl.Series("y", y, dtype=pl.Int8), pl.Series("join_side", side, dtype=pl.Utf8),
            pl.lit(",".join(str(a) for a in sorted(attackers))).alias("attackers"),
            pl.lit(",".join(str(t) for t in sorted(targets))).alias("targets")))
        if progress is not None:
            progress(k + 1, len(ids))
    return pl.concat(parts, how="vertical_relaxed")


def mid_side_rows(session: Session, *, before: int | None = None) -> pl.DataFrame:
    """Third parties that joined a militarized interstate dispute short of war (COW MID 5.0,
    ``hostlev`` < 5, ``orig`` == 0), with the side features of :mod:`foedus.scenario.entry`
    on the dispute's first day and ``join_side`` ("attacker": side A, the side that took the
    first militarized action; "target": side B). The side stage is fitted on these rows: five
    times as many joiners as the wars have, none of them from a war, so every war joiner's
    side is scored out of sample."""
    inputs = session.optional_inputs
    if inputs is None or not inputs.has("mid", "midb"):
        raise FoedusError("the COW MID dataset is not imported: run `foedus data import mid "
                          "PATH` first")
    a = inputs.table("mid", "mida").filter(pl.col("hostlev") < 5)
    b = inputs.table("mid", "midb").join(a.select("dispnum", "stday", "stmon", "styear"),
                                         on="dispnum", suffix="_d")
    fb = FeatureBuilder(inputs)
    system = {s.ccode for s in session.states}
    parts = []
    for (disp,), g in b.group_by(["dispnum"], maintain_order=True):
        joiners = g.filter(pl.col("orig") == 0)
        if not joiners.height:
            continue
        r = g.row(0, named=True)
        day = _mid_day(r["styear_d"], r["stmon_d"], r["stday_d"])
        if day is None or (before is not None and day.year >= before):
            continue
        orig = g.filter(pl.col("orig") == 1)
        att = [int(c) for c in orig.filter(pl.col("sidea") == 1)["ccode"].to_list()]
        tgt = [int(c) for c in orig.filter(pl.col("sidea") == 0)["ccode"].to_list()]
        cands = [int(c) for c in joiners["ccode"].to_list()
                 if int(c) in system and int(c) not in set(att) | set(tgt)]
        if not att or not tgt or not cands:
            continue
        f = entry_frame(session.graph(day), inputs, attackers=att, targets=tgt,
                        candidates=cands, builder=fb)
        side = dict(zip(joiners["ccode"].to_list(), joiners["sidea"].to_list(), strict=True))
        parts.append(f.select("ccode", *SIDE_FEATURES).with_columns(
            pl.lit(int(disp)).alias("dispnum"), pl.lit(day.year).alias("year"),
            pl.Series("join_side", ["attacker" if side[int(c)] == 1 else "target"
                                    for c in f["ccode"].to_list()], dtype=pl.Utf8)))
    return pl.concat(parts, how="vertical_relaxed")


def _mid_day(y: Any, m: Any, d: Any) -> dt.date | None:
    try:
        yy, mm, dd = int(y), int(m), int(d)
    except (TypeError, ValueError):
        return None
    if yy < 1816:
        return None
    mm = mm if 1 <= mm <= 12 else 1
    dd = dd if 1 <= dd <= 28 else 1
    return dt.date(yy, mm, dd)


def naive_rule(pool: pl.DataFrame) -> F:
    """1 if the state owes a target a defense pledge, else 0.3 if land-contiguous to a first
    party, else 0.05 if a major power, else 0."""
    d = pool["pledge_t"].to_numpy()
    c = np.maximum(pool["contig_a"].to_numpy(), pool["contig_t"].to_numpy())
    m = pool["major"].to_numpy()
    return np.asarray(np.where(d > 0, 1.0, np.where(c > 0, 0.3, np.where(m > 0, 0.05, 0.0))),
                      dtype=np.float64)


def fit_entry_model(pool: pl.DataFrame, mids: pl.DataFrame | None = None, *,
                    c_enter: float | None = None, c_side: float = C_SIDE,
                    meta: dict[str, Any] | None = None) -> EntryModel:
    """Both stages: stage 1 on every row of ``pool``; stage 2 on its joiners and, when given,
    the joiners of disputes short of war (:func:`mid_side_rows`), with an indicator of war
    rows so that the share joining the targets' side is the wars' own (joiners of disputes
    more often side with the initiator) while the slopes use both. The indicator's weight is
    folded into the intercept: the shipped side stage is the one for wars.

    ``c_enter`` None: stage 1's ridge strength is chosen on ``pool`` itself by
    :func:`choose_c` (so in a backtest, on the training wars only); it is recorded in the
    model's ``meta["c_enter"]``."""
    x = pool.select(ENTER_FEATURES).to_numpy().astype(np.float64)
    y = pool["y"].to_numpy()
    if c_enter is None:
        loss = choose_c(pool)
        c_enter = min(loss, key=loss.__getitem__)
    meta = {**(meta or {}), "c_enter": c_enter}
    enter = fit_logit(x, y, ENTER_FEATURES, c=c_enter)
    j = pool.filter(pl.col("y") == 1)
    xs = j.select(SIDE_FEATURES).to_numpy().astype(np.float64)
    ys = (j["join_side"] == "target").to_numpy().astype(np.int8)
    if mids is None or not mids.height:
        side = fit_logit(xs, ys, SIDE_FEATURES, c=c_side)
        return EntryModel(enter, side, dict(meta or {}))
    xm = mids.select(SIDE_FEATURES).to_numpy().astype(np.float64)
    ym = (mids["join_side"] == "target").to_numpy().astype(np.int8)
    names = (*SIDE_FEATURES, "war")
    joint = fit_logit(np.vstack([np.column_stack([xs, np.ones(len(ys))]),
                                 np.column_stack([xm, np.zeros(len(ym))])]),
                      np.r_[ys, ym], names, c=c_side)
    k = len(SIDE_FEATURES)
    side = LogitFit(SIDE_FEATURES, joint.coef[:k], joint.mean[:k],
                    joint.intercept + joint.coef[k] * (1 - joint.mean[k]))
    info = {**(meta or {}), "side_rows": {"war_joiners": int(len(ys)),
                                          "dispute_joiners": int(len(ym)),
                                          "war_offset": round(joint.coef[k], 4)}}
    return EntryModel(enter, side, info)


def choose_c(pool: pl.DataFrame, grid: Sequence[float] = C_GRID, *, folds: int = 10,
             seed: int = 0) -> dict[float, float]:
    """Log-loss of stage 1 for each ridge strength in ``grid``, by grouped cross-validation
    on ``pool`` (the wars dealt at random into ``folds`` groups; each group scored by a fit on
    the others). Why: the ridge strength is chosen on the training wars alone, never on the
    war being scored; :func:`backtest` runs it inside every fit and reports how often each
    strength wins (``c_enter_chosen``)."""
    x = pool.select(ENTER_FEATURES).to_numpy().astype(np.float64)
    y = pool["y"].to_numpy().astype(np.float64)
    wars = pool["warnum"].to_numpy()
    order = np.random.default_rng(seed).permutation(np.unique(wars))
    group = dict(zip(order.tolist(), (np.arange(order.size) % folds).tolist(), strict=True))
    g = np.array([group[w] for w in wars.tolist()])
    out: dict[float, float] = {}
    for c in grid:
        loss = 0.0
        for k in range(folds):
            tr, te = g != k, g == k
            if not te.any() or not y[tr].any():
                continue
            fit = fit_logit(x[tr], y[tr], ENTER_FEATURES, c=c)
            p = np.clip(_sigmoid(fit.logit(x[te])), 1e-9, 1 - 1e-9)
            loss -= float(np.sum(y[te] * np.log(p) + (1 - y[te]) * np.log(1 - p)))
        out[float(c)] = loss
    return out


def _predict(model: EntryModel, pool: pl.DataFrame) -> tuple[F, F]:
    xe = pool.select(ENTER_FEATURES).to_numpy().astype(np.float64)
    xs = pool.select(SIDE_FEATURES).to_numpy().astype(np.float64)
    return _sigmoid(model.enter.logit(xe)), _sigmoid(model.side.logit(xs))


@dataclass(frozen=True)
class SplitScore:
    """Scores of one predictor on one evaluation."""

    name: str
    n: int
    positives: int
    auc: float
    brier: float
    brier_base: float
    reliability: list[dict[str, Any]]

    @property
    def skill(self) -> float:
        return 1 - self.brier / self.brier_base if self.brier_base > 0 else float("nan")

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "n": self.n, "positives": self.positives,
                "auc": round(self.auc, 4), "brier": round(self.brier, 5),
                "brier_base_rate": round(self.brier_base, 5),
                "brier_skill": round(self.skill, 4), "reliability": self.reliability}


def reliability(y: npt.NDArray[Any], p: F) -> list[dict[str, Any]]:
    """Rows per probability bin (:data:`BINS`): n, mean forecast, observed share."""
    out = []
    for lo, hi in zip(BINS[:-1], BINS[1:], strict=True):
        m = (p >= lo) & (p < hi)
        if m.any():
            out.append({"bin": f"{lo:.2f}-{min(hi, 1.0):.2f}", "n": int(m.sum()),
                        "mean_p": round(float(p[m].mean()), 4),
                        "observed": round(float(np.asarray(y)[m].mean()), 4),
                        "joined": int(np.asarray(y)[m].sum())})
    return out


def score(name: str, y: npt.NDArray[Any], p: F, base: F) -> SplitScore:
    """AUC, Brier and Brier over a base-rate forecast ``base`` (from the training rows)."""
    yv = np.asarray(y, dtype=np.float64)
    return SplitScore(name, int(yv.size), int(yv.sum()), auc(p, yv),
                      float(np.mean((p - yv) ** 2)), float(np.mean((base - yv) ** 2)),
                      reliability(yv, p))


@dataclass(frozen=True)
class BacktestAnswer:
    """Every split's scores for the model and the naive rule, and the side accuracy."""

    splits: dict[str, dict[str, Any]]
    pool: dict[str, Any]
    predictions: pl.DataFrame = field(repr=False)

    def to_json(self) -> dict[str, Any]:
        return {"pool": self.pool, "splits": self.splits}


def _evaluate(pool: pl.DataFrame, train: npt.NDArray[np.bool_], test: npt.NDArray[np.bool_],
              mids: pl.DataFrame | None, picks: dict[str, int]) -> tuple[F, F, F]:
    model = fit_entry_model(pool.filter(pl.Series(train)), mids)
    c = str(model.meta["c_enter"])
    picks[c] = picks.get(c, 0) + 1
    pe, q = _predict(model, pool.filter(pl.Series(test)))
    base = np.full(int(test.sum()), float(pool["y"].to_numpy()[train].mean()))
    return pe, q, base


def backtest(pool: pl.DataFrame, splits: Sequence[str] = ("lowo", "pre1946", "post1945"),
             mids: pl.DataFrame | None = None) -> BacktestAnswer:
    """Score the entry model and the naive rule on ``pool`` under each split.

    ``lowo``: leave one war out (its ``post1945`` part is reported too); ``pre1946``: fit on
    wars from 1946, score wars begun before 1946; ``post1945``: fit before 1946, score from 1946.
    ``mids`` (:func:`mid_side_rows`) joins the side stage's fit; in a time split only the
    disputes of the training years are used. Every fit chooses its own ridge strength on its
    training wars (:func:`choose_c`); ``c_enter_chosen`` counts the picks.
    """
    y = pool["y"].to_numpy()
    year = pool["year"].to_numpy()
    war = pool["warnum"].to_numpy()
    naive = naive_rule(pool)
    out: dict[str, dict[str, Any]] = {}
    preds = pool.select("warnum", "year", "ccode", "y", "join_side").with_columns(
        pl.Series("naive", naive))
    for sp in splits:
        picks: dict[str, int] = {}
        if sp == "lowo":
            pe = np.zeros(pool.height)
            q = np.zeros(pool.height)
            base = np.zeros(pool.height)
            for w in np.unique(war):
                test = war == w
                pe[test], q[test], base[test] = _evaluate(pool, ~test, test, mids, picks)
            mask = np.ones(pool.height, dtype=bool)
            preds = preds.with_columns(pl.Series("p_lowo", pe), pl.Series("q_lowo", q))
        elif sp in ("post1945", "pre1946"):
            test = year >= ERA_SPLIT if sp == "post1945" else year < ERA_SPLIT
            pe = np.zeros(pool.height)
            q = np.zeros(pool.height)
            base = np.zeros(pool.height)
            era = None
            if mids is not None:
                era = mids.filter((pl.col("year") >= ERA_SPLIT) if sp == "pre1946"
                                  else (pl.col("year") < ERA_SPLIT))
            pe[test], q[test], base[test] = _evaluate(pool, ~test, test, era, picks)
            mask = test
        else:
            raise FoedusError(f"unknown split {sp!r}; known: lowo, pre1946, post1945")
        res = _split(sp, y[mask], pe[mask], base[mask], naive[mask],
                     pool.filter(pl.Series(mask)), q[mask])
        res["c_enter_chosen"] = picks  # ridge strength picked on the training wars, per fit
        if sp == "lowo":
            late = year >= ERA_SPLIT
            res["post1945_wars"] = _split("lowo:post1945", y[late], pe[late], base[late],
                                          naive[late], pool.filter(pl.Series(late)), q[late])
        out[sp] = res
    info = {"wars": int(np.unique(war).size), "rows": int(pool.height),
            "joiners": int(y.sum()), "first_year": int(year.min()),
            "last_year": int(year.max()), "rows_from_1946": int((year >= ERA_SPLIT).sum()),
            "joiners_from_1946": int(y[year >= ERA_SPLIT].sum())}
    return BacktestAnswer(out, info, preds)


def _split(name: str, y: npt.NDArray[Any], pe: F, base: F, naive: F, rows: pl.DataFrame,
           q: F) -> dict[str, Any]:
    joined = y == 1
    side = rows["join_side"].to_numpy()
    right = np.where(q >= 0.5, "target", "attacker")
    nb = np.full(y.size, float(np.mean(base)) if base.size else 0.0)
    return {"model": score("model", y, pe, base).to_json(),
            "naive": score("naive", y, naive, nb).to_json(),
            "side_accuracy": (round(float(np.mean(right[joined] == side[joined])), 4)
                              if joined.any() else None),
            "side_n": int(joined.sum())}
