"""Who enters a war: one calibrated model of ``p_enter`` per state and side.

Why: the legal reading (who is *bound*, :mod:`foedus.rules` and the cascade's rounds) says what
the law says; it is not a forecast. Measured on the 95 COW inter-state wars, reading every
promise that fires as a draw at a published honouring rate ranks joiners no better than a
three-line rule and is badly over-confident (large multilateral treaties fire for dozens of
members who never come) while rules that history shows broken (non-aggression pacts, conflicted
promises) gave hard zeros. This module is the forecast: a logistic model over what is known on
the war's first day, fitted on every state in the system on the first day of each COW war
(``foedus backtest wars`` measures it out of sample; ``docs/credibility.md`` has the figures).

Two stages, both regularised logistic regressions evaluated with numpy only:

1. ``p_enter``: the state joins the war at all (either side), from the promises it owes each
   side (kind, legal force, strength, number of co-obligors, conflicts), contiguity, distance,
   projected capability, major power, alignment and rivalry with each side, its earlier joins,
   recent disputes and the era.
2. ``side``: given that it joins, the share on the targets' side, from the *differences*
   between the two sides (promises, alignment, UN ideal points, rivalry, disputes). A state
   aligned with the defenders is therefore not drawn onto the attacker's side by a term that
   only says "it is near" or "it is a major power".

Rules that history shows broken are factors with a measured weight, not vetoes: a
non-aggression or neutrality promise to the other side, a conflicted promise, joining against
a co-member. Intra-alliance aggression: when an attacker and a target share an instrument, the
promises the candidate owes the *attacker* under it are forfeited (the aggressor is in breach)
and those owed to the target stand; this is no conflict.

Fitted parameters live in ``entry_params.json`` (written by ``scripts/fit_entry.py``); the
estimator itself (:func:`fit_logit`, ridge-penalised Newton iterations) is here so that the
backtest refits without scikit-learn.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt
import polars as pl

from foedus.errors import FoedusError
from foedus.model.schema import BINDING
from foedus.registry.states import load_state_system
from foedus.scenario.features import FeatureBuilder

if TYPE_CHECKING:
    from foedus.datasets import Inputs
    from foedus.graph import CommitmentGraph

__all__ = ["ENTER_FEATURES", "CANDIDATE_FEATURES", "SIDE_FEATURES", "EntryModel", "entry_frame",
           "p_enter", "load_entry_model", "fit_logit", "LogitFit", "war_history", "EntryJoining",
           "mid_pairs", "MID_YEARS", "DEFENSE_KINDS", "system_on"]

F = npt.NDArray[np.float64]

# stage 1: joins at all. Every column is 0 when unknown (see _fill).
ENTER_FEATURES: tuple[str, ...] = (
    "def_t",            # owes a target a binding defense/guarantee promise that fires
    "pledge_t",         # owes a target a binding defense/guarantee promise (fires or not)
    "def_t_conflict",   # ... and owes an attacker a binding clashing promise (not forfeited)
    "def_t_political",  # only a political/presumed/assurance defense-type pledge to a target
    "nag_any",          # owes a first party a binding non-aggression or neutrality promise
    "def_a",            # owes an attacker a binding defense promise (does not fire)
    "off_a",            # owes an attacker an offense promise that fires
    "contig_t", "contig_a",  # land border with a target / an attacker
    "log_dist",         # log10(1 + km) to the nearest first party's capital
    "proj_cap",         # log10 CINC projected to the nearest first party (loss of strength)
    "major",            # COW major power
    "rival_any",        # strategic rivalry with a first party
    "prior_joins",      # log(1 + COW wars the state joined after their first day, before now)
    "mid_any",          # log(1 + MIDs against a first party in the 10 years before)
    "n_maj_contig",     # great powers at the war's borders: COW major powers, other than the
                        # first parties, sharing a land border with a first party
    "contig_major",     # land border with a first party when a first party is a COW major
                        # power: a border draws neighbours into wars between lesser states
                        # far more than into a great power's war (fitted weight negative)
)
# computed and documented, left out of the fitted model (see docs/credibility.md): each
# lowered the out-of-sample AUC when added to the set above
CANDIDATE_FEATURES: tuple[str, ...] = (
    "def_t_auto", "def_t_coobl", "neu_any", "con_any", "contig_sea", "s_max", "n_first",
    "major_first", "post1945")
# stage 2: side, given entry. Positive values pull toward the targets' side.
SIDE_FEATURES: tuple[str, ...] = (
    "d_def",      # defense promise to a target minus to an attacker
    "d_off",      # offense promise to a target minus to an attacker
    "d_nag",      # non-aggression/neutrality owed to a target minus to an attacker
    "d_kappa",    # Cohen's kappa of alliance portfolios, targets minus attackers (Hage 2011)
    "d_ideal",    # UN ideal-point distance to the attackers minus to the targets (from 1946)
    "d_rival",    # rivalry with an attacker minus with a target
    "d_mid",      # disputes with attackers minus with targets (log counts)
    "d_contig",   # land border with a target minus with an attacker
)
DEFENSE_KINDS = ("defense", "guarantee")
MID_YEARS = 10


# -- estimator -----------------------------------------------------------------------------
@dataclass(frozen=True)
class LogitFit:
    """A ridge logistic regression on standardised inputs, returned on the raw scale:
    ``logit p = intercept + sum(coef * (x - mean))`` so that each factor contributes 0 at the
    mean of the fitting data."""

    names: tuple[str, ...]
    coef: tuple[float, ...]
    mean: tuple[float, ...]
    intercept: float

    def logit(self, x: F) -> F:
        return np.asarray(self.intercept + (x - np.asarray(self.mean)) @ np.asarray(self.coef),
                          dtype=np.float64)

    def contributions(self, x: F) -> F:
        return np.asarray((x - np.asarray(self.mean)) * np.asarray(self.coef), dtype=np.float64)

    def to_json(self) -> dict[str, Any]:
        return {"intercept": round(self.intercept, 6),
                "coef": {n: round(c, 6) for n, c in zip(self.names, self.coef, strict=True)},
                "mean": {n: round(m, 6) for n, m in zip(self.names, self.mean, strict=True)}}

    @classmethod
    def from_json(cls, d: Mapping[str, Any], names: Sequence[str]) -> LogitFit:
        return cls(tuple(names), tuple(float(d["coef"][n]) for n in names),
                   tuple(float(d["mean"][n]) for n in names), float(d["intercept"]))


def fit_logit(x: F, y: npt.NDArray[Any], names: Sequence[str], *, c: float = 1.0,
              weights: F | None = None, iterations: int = 50) -> LogitFit:
    """L2-penalised logistic regression (penalty ``1/(2c) |beta|^2`` on standardised
    columns, intercept free), by Newton's method. The same objective as scikit-learn's
    ``LogisticRegression(C=c)`` on standardised inputs; kept in numpy so that the backtest
    refits anywhere."""
    x = np.asarray(x, dtype=np.float64)
    yv = np.asarray(y, dtype=np.float64)
    w = np.ones(yv.size) if weights is None else np.asarray(weights, dtype=np.float64)
    mean = x.mean(axis=0)
    sd = x.std(axis=0)
    sd[sd == 0] = 1.0
    z = (x - mean) / sd
    a = np.column_stack([np.ones(z.shape[0]), z])
    beta = np.zeros(a.shape[1])
    p0 = float(np.clip(np.average(yv, weights=w), 1e-6, 1 - 1e-6))
    beta[0] = math.log(p0 / (1 - p0))
    pen = np.full(a.shape[1], 1.0 / c)
    pen[0] = 0.0

    def objective(b: F) -> float:  # penalised log-likelihood (to maximise)
        eta = a @ b
        return float(np.sum(w * (yv * eta - np.logaddexp(0, eta))) - 0.5 * np.sum(pen * b * b))

    current = objective(beta)
    for _ in range(iterations):
        p = 1 / (1 + np.exp(-np.clip(a @ beta, -35, 35)))
        g = a.T @ (w * (yv - p)) - pen * beta
        h = (a * (w * p * (1 - p))[:, None]).T @ a + np.diag(pen) + 1e-9 * np.eye(a.shape[1])
        step = np.linalg.solve(h, g)
        t = 1.0
        while t > 1e-6:  # damped Newton: halve the step until the objective improves
            trial = objective(beta + t * step)
            if trial >= current:
                break
            t /= 2
        beta = beta + t * step
        gain, current = trial - current, trial
        if np.max(np.abs(t * step)) < 1e-8 or gain < 1e-10:
            break
    coef = beta[1:] / sd
    return LogitFit(tuple(names), tuple(float(v) for v in coef), tuple(float(v) for v in mean),
                    float(beta[0]))


def _sigmoid(z: F) -> F:
    return np.asarray(1 / (1 + np.exp(-np.clip(z, -35, 35))), dtype=np.float64)


# -- the model -----------------------------------------------------------------------------
@dataclass(frozen=True)
class EntryModel:
    """The two fitted stages (``enter``: joins at all; ``side``: target side given entry)."""

    enter: LogitFit
    side: LogitFit
    meta: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"enter": self.enter.to_json(), "side": self.side.to_json(), "meta": self.meta}

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> EntryModel:
        return cls(LogitFit.from_json(d["enter"], ENTER_FEATURES),
                   LogitFit.from_json(d["side"], SIDE_FEATURES), dict(d.get("meta", {})))


@lru_cache(maxsize=1)
def load_entry_model() -> EntryModel:
    """The shipped parameters (``entry_params.json``, written by ``scripts/fit_entry.py``)."""
    text = (files("foedus.scenario") / "entry_params.json").read_text()
    return EntryModel.from_json(json.loads(text))


def p_enter(frame: pl.DataFrame, model: EntryModel | None = None) -> pl.DataFrame:
    """Adds ``p_enter`` (joins the war at all), ``p_attacker_side``, ``p_target_side`` (the
    same split by side; they sum to ``p_enter``) and ``factors`` (one struct per factor:
    ``name``, ``side`` ("enter" or "target side"), ``value``, ``contribution`` in log-odds
    relative to the fitting data's mean) to an :func:`entry_frame`."""
    m = model or load_entry_model()
    xe = frame.select(ENTER_FEATURES).to_numpy().astype(np.float64)
    xs = frame.select(SIDE_FEATURES).to_numpy().astype(np.float64)
    pe = _sigmoid(m.enter.logit(xe))
    q = _sigmoid(m.side.logit(xs))
    ce, cs = m.enter.contributions(xe), m.side.contributions(xs)
    factors = []
    for i in range(frame.height):
        row = [{"name": "intercept", "side": "enter", "value": 1.0,
                "contribution": round(m.enter.intercept, 4)}]
        row += [{"name": n, "side": "enter", "value": round(float(xe[i, j]), 4),
                 "contribution": round(float(ce[i, j]), 4)}
                for j, n in enumerate(ENTER_FEATURES) if ce[i, j] != 0.0]
        row += [{"name": "intercept", "side": "target side", "value": 1.0,
                 "contribution": round(m.side.intercept, 4)}]
        row += [{"name": n, "side": "target side", "value": round(float(xs[i, j]), 4),
                 "contribution": round(float(cs[i, j]), 4)}
                for j, n in enumerate(SIDE_FEATURES) if cs[i, j] != 0.0]
        factors.append(row)
    return frame.with_columns(
        pl.Series("p_enter", pe, dtype=pl.Float64),
        pl.Series("p_attacker_side", pe * (1 - q), dtype=pl.Float64),
        pl.Series("p_target_side", pe * q, dtype=pl.Float64),
        pl.Series("factors", factors, dtype=pl.List(pl.Struct(
            {"name": pl.Utf8, "side": pl.Utf8, "value": pl.Float64,
             "contribution": pl.Float64}))))


# -- histories from the imported datasets ---------------------------------------------------
def _day(y: Any, m: Any, d: Any) -> dt.date | None:
    try:
        yy = int(y)
        if yy < 0:
            return None
        mm = int(m) if m is not None and 1 <= int(m) <= 12 else 1
        dd = int(d) if d is not None and 1 <= int(d) <= 31 else 1
        for day in (dd, 28):
            try:
                return dt.date(yy, mm, day)
            except ValueError:
                continue
    except (TypeError, ValueError):
        return None
    return None


def war_history(inputs: Inputs | None) -> pl.DataFrame:
    """One row per COW inter-state war participant: ``warnum``, ``ccode``, ``side``,
    ``initiator`` and ``entered`` (first day of its first spell), plus the war's ``start``
    (earliest entry) and ``original`` (entered on that first day). Empty when the war dataset
    is not imported."""
    empty = pl.DataFrame(schema={"warnum": pl.Int64, "ccode": pl.Int64, "side": pl.Int64,
                                 "initiator": pl.Int64, "entered": pl.Date, "start": pl.Date,
                                 "original": pl.Boolean})
    if inputs is None or not inputs.has("war", "inter"):
        return empty

    def build() -> pl.DataFrame:
        w = inputs.table("war", "inter")
        rows = [(int(r["warnum"]), int(r["ccode"]), int(r["side"]), int(r["initiator"]),
                 _day(r["startyear1"], r["startmonth1"], r["startday1"]))
                for r in w.iter_rows(named=True)]
        df = pl.DataFrame(rows, schema={"warnum": pl.Int64, "ccode": pl.Int64, "side": pl.Int64,
                                        "initiator": pl.Int64, "entered": pl.Date},
                          orient="row").drop_nulls("entered")
        df = df.sort("entered").unique(["warnum", "ccode"], keep="first", maintain_order=True)
        df = df.with_columns(pl.col("entered").min().over("warnum").alias("start"))
        return df.with_columns((pl.col("entered") == pl.col("start")).alias("original")) \
            .sort("warnum", "entered", "ccode")

    out: pl.DataFrame = inputs.derived("entry:war_history", build)
    return out


def mid_pairs(inputs: Inputs | None) -> pl.DataFrame:
    """Directed pairs of states on opposite sides of a MID (``a``, ``b``, ``start``)."""
    empty = pl.DataFrame(schema={"a": pl.Int64, "b": pl.Int64, "start": pl.Date})
    if inputs is None or not inputs.has("mid", "midb"):
        return empty

    def build() -> pl.DataFrame:
        m = inputs.table("mid", "midb").select("dispnum", "ccode", "sidea", "styear", "stmon",
                                               "stday")
        days = [(_day(y, mo, d) or dt.date(int(y), 1, 1)) for y, mo, d in
                m.select("styear", "stmon", "stday").rows()]
        m = m.select(pl.col("dispnum"), pl.col("ccode").cast(pl.Int64),
                     pl.col("sidea").cast(pl.Int64), pl.Series("start", days, dtype=pl.Date))
        # each participant's first entry into the dispute; a pair is in dispute from the
        # later of the two
        first = m.group_by("dispnum", "ccode", "sidea").agg(pl.col("start").min())
        j = first.join(first, on="dispnum", suffix="_b").filter(
            pl.col("sidea") != pl.col("sidea_b"))
        return j.select(pl.col("ccode").alias("a"), pl.col("ccode_b").alias("b"),
                        pl.max_horizontal("start", "start_b").alias("start"))

    out: pl.DataFrame = inputs.derived("entry:mid_pairs:v2", build)
    return out


# -- the frame -----------------------------------------------------------------------------
def system_on(day: dt.date) -> list[int]:
    """COW codes of the system members on ``day`` (foedus's state list), sorted."""
    return sorted(s.ccode for s in load_state_system().members_on(day))


def _instrument_members(edges: pl.DataFrame) -> dict[str, set[int]]:
    out: dict[str, set[int]] = {}
    for inst, ob, be in edges.select("instrument_id", "obligor", "beneficiary").iter_rows():
        s = out.setdefault(inst, set())
        s.add(int(ob))
        s.add(int(be))
    return out


def _read_promise(r: dict[str, Any], i: int, out: dict[str, F], coobl: F, clash_a: Any,
                  co: dict[tuple[str, int], int], attackers: set[int],
                  targets: set[int]) -> None:
    """Mark what one promise of candidate ``i`` to a first party says (in place)."""
    ben = int(r["beneficiary"])
    kind = r["kind"]
    firm = r["legal_force"] in BINDING
    advs = {int(a) for a in (r["adversaries"] or [])}
    on_target = ben in targets
    if kind in ("neutrality", "nonaggression") and firm:
        out["neu_any" if kind == "neutrality" else "nag_any"][i] = 1
        out["nag_any"][i] = 1
        out["nag_t" if on_target else "nag_a"][i] = 1
    if kind == "consultation":
        out["con_any"][i] = 1
    if on_target:
        bears = not advs or bool(advs & attackers)
        if kind in DEFENSE_KINDS and firm:
            out["pledge_t"][i] = 1  # the naive rule's "defence pledge to a target"
        if kind in DEFENSE_KINDS and bears and firm and not r["presumed"]:
            out["def_t"][i] = 1
            if r["strength"] == "automatic":
                out["def_t_auto"][i] = 1
            coobl[i] = min(coobl[i], max(co.get((str(r["instrument_id"]), ben), 1) - 1, 0))
        elif kind in (*DEFENSE_KINDS, "assurance") and bears:
            out["def_t_political"][i] = 1
        if kind == "offense":
            out["off_t"][i] = 1
        return
    bears = not advs or bool(advs & targets)
    if kind in DEFENSE_KINDS and firm:
        out["def_a"][i] = 1
    if kind == "offense" and bears:
        out["off_a"][i] = 1
    if firm and bears and kind in ("defense", "guarantee", "neutrality", "nonaggression",
                                   "offense"):
        clash_a[i] = True


def _promise_features(graph: CommitmentGraph, cands: npt.NDArray[np.int64],
                      attackers: set[int], targets: set[int]) -> dict[str, F]:
    """The promise columns of :data:`ENTER_FEATURES` / :data:`SIDE_FEATURES` from the day's
    graph: what each candidate owes each side, read with the casus rules (a defense promise
    fires for a target of an attack by a named adversary, or by anyone when none is named)."""
    n = cands.size
    idx = {int(c): i for i, c in enumerate(cands)}
    first = attackers | targets
    e = graph.edges.filter(pl.col("obligor").is_in(list(idx))
                           & pl.col("beneficiary").is_in(sorted(first))
                           & (pl.col("legal_force") != "proposal"))
    # the instruments the first parties share: an attacker among them forfeits what
    # the candidate owes it under the instrument (intra-alliance aggression)
    shared = graph.edges.filter(pl.col("obligor").is_in(sorted(first))
                                & pl.col("beneficiary").is_in(sorted(first)))
    members = _instrument_members(shared)
    forfeit = {inst for inst, ms in members.items() if ms & attackers and ms & targets}
    # co-obligors per (instrument, beneficiary)
    co = graph.derived("entry:coobligors", lambda: {
        (str(i), int(b)): int(k) for i, b, k in graph.edges.group_by(
            "instrument_id", "beneficiary").agg(pl.col("obligor").n_unique()).iter_rows()})
    out = {k: np.zeros(n) for k in (
        "def_t", "def_t_auto", "def_t_coobl", "def_t_conflict", "def_t_political", "def_a",
        "off_a", "off_t", "neu_any", "nag_any", "con_any", "nag_t", "nag_a", "pledge_t")}
    coobl = np.full(n, np.inf)
    clash_a = np.zeros(n, dtype=bool)
    for r in e.iter_rows(named=True):
        i = idx[int(r["obligor"])]
        if int(r["beneficiary"]) not in targets and r["instrument_id"] in forfeit:
            continue  # owed to an aggressor under the instrument it breached
        _read_promise(r, i, out, coobl, clash_a, co, attackers, targets)
    out["def_t_political"] *= 1 - out["def_t"]
    out["def_t_coobl"] = np.where(np.isfinite(coobl), np.log1p(np.where(np.isfinite(coobl),
                                                                       coobl, 0)), 0.0)
    out["def_t_conflict"] = out["def_t"] * clash_a
    return out


def _majors_at_border(fb: FeatureBuilder, day: dt.date, first: npt.NDArray[np.int64]) -> float:
    """How many COW major powers other than the first parties share a land border with one of
    them on ``day`` (every system member counts, whatever the candidate list)."""
    others = np.array([c for c in system_on(day) if c not in set(first.tolist())],
                      dtype=np.int64)
    if not others.size:
        return 0.0
    pf = fb.pairs(np.column_stack([np.repeat(others, first.size),
                                   np.tile(first, others.size)]), day)
    land = np.nan_to_num(pf.land_contiguous).reshape(others.size, first.size).max(axis=1)
    major = np.nan_to_num(pf.major_a).reshape(others.size, first.size)[:, 0]
    return float(np.sum((land > 0) & (major > 0)))


def entry_frame(graph: CommitmentGraph, inputs: Inputs | None, *,
                attackers: Sequence[int], targets: Sequence[int],
                candidates: Sequence[int] | None = None,
                builder: FeatureBuilder | None = None) -> pl.DataFrame:
    """One row per candidate state with the model's feature columns (both stages).

    Parameters
    ----------
    graph
        The commitment graph of the war's first day (``graph.day``).
    inputs
        The imported datasets (contiguity, capitals, NMC, majors, rivalries, ATOP, UN ideal
        points, COW wars, MID); ``None`` or a missing dataset leaves its columns at 0 (the
        factor drops out) and adds a note to the frame's ``notes`` column.
    attackers, targets
        COW codes of the first parties on each side.
    candidates
        Default: every state in the system on ``graph.day`` that is not a first party.
    builder
        A :class:`FeatureBuilder` to reuse (its per-year layers are cached).
    """
    day = graph.day
    att, tgt = {int(a) for a in attackers}, {int(t) for t in targets}
    if not att or not tgt:
        raise FoedusError("entry_frame needs at least one attacker and one target")
    if candidates is None:
        cands = np.array([c for c in system_on(day) if c not in att | tgt], dtype=np.int64)
    else:
        cands = np.array(sorted({int(c) for c in candidates} - att - tgt), dtype=np.int64)
    n = cands.size
    cols: dict[str, Any] = {"ccode": cands}
    cols.update(_promise_features(graph, cands, att, tgt))
    notes: list[str] = []
    fb = builder
    if fb is None and inputs is not None:
        fb = FeatureBuilder(inputs)
    A = np.array(sorted(att), dtype=np.int64)
    T = np.array(sorted(tgt), dtype=np.int64)
    first = np.concatenate([A, T])
    if fb is not None and n:
        pf = fb.pairs(np.column_stack([np.repeat(cands, first.size), np.tile(first, n)]), day)
        notes = list(pf.notes)
        k = first.size
        na = A.size

        def grid(v: F) -> F:
            return np.asarray(v, dtype=np.float64).reshape(n, k)

        def red(v: F, how: str, part: slice = slice(None)) -> F:
            m = grid(v)[:, part]
            if m.shape[1] == 0 or np.isnan(m).all(axis=1).all():
                return np.full(n, np.nan)
            with np.errstate(all="ignore"):
                ok = ~np.isnan(m).all(axis=1)
                r = np.full(n, np.nan)
                r[ok] = (np.nanmax if how == "max" else np.nanmin)(m[ok], axis=1)
                return r

        sa, st_ = slice(0, na), slice(na, k)
        land = pf.land_contiguous
        cols["contig_a"] = red(land, "max", sa)
        cols["contig_t"] = red(land, "max", st_)
        sea = np.where((pf.conttype >= 2) & (pf.conttype <= 5), 1.0, 0.0)
        cols["contig_sea"] = np.nan_to_num(red(sea, "max")) * (
            1 - np.nan_to_num(np.fmax(cols["contig_a"], cols["contig_t"])))
        cols["log_dist"] = np.log10(1 + red(pf.capdist_km, "min"))
        pc = red(pf.projected_cinc_a, "max")
        with np.errstate(divide="ignore", invalid="ignore"):
            cols["proj_cap"] = np.where(pc > 0, np.log10(pc), np.nan)
        cols["major"] = grid(pf.major_a)[:, 0]
        s_a, s_t = red(pf.s_weighted, "max", sa), red(pf.s_weighted, "max", st_)
        cols["s_max"] = np.fmax(s_a, s_t)
        cols["_s_a"], cols["_s_t"] = s_a, s_t
        cols["_k_a"], cols["_k_t"] = red(pf.kappa, "max", sa), red(pf.kappa, "max", st_)
        cols["_al_a"], cols["_al_t"] = red(pf.allied, "max", sa), red(pf.allied, "max", st_)
        cols["rival_a"] = red(pf.rival, "max", sa)
        cols["rival_t"] = red(pf.rival, "max", st_)
        cols["rival_any"] = np.fmax(cols["rival_a"], cols["rival_t"])
        cols["_ideal_a"] = red(pf.ideal_distance, "min", sa)
        cols["_ideal_t"] = red(pf.ideal_distance, "min", st_)
        major_first = float(np.nanmax(np.r_[0.0, fb.pairs(
            np.column_stack([first, first]), day).major_a]))
        cols["n_maj_contig"] = np.full(n, _majors_at_border(fb, day, first))
    else:
        notes.append("no datasets: geography, capability, alignment and rivalry unavailable")
        for c in ("contig_a", "contig_t", "contig_sea", "log_dist", "proj_cap", "major", "s_max",
                  "n_maj_contig", "_k_a", "_k_t", "_al_a", "_al_t",
                  "_s_a", "_s_t", "rival_a", "rival_t", "rival_any", "_ideal_a", "_ideal_t"):
            cols[c] = np.full(n, np.nan)
        major_first = 0.0
    # histories known on the day
    wh = war_history(inputs)
    if wh.height:
        joins = wh.filter(~pl.col("original") & (pl.col("entered") < day)) \
            .group_by("ccode").len()
        jd = dict(joins.iter_rows())
        cols["prior_joins"] = np.log1p(np.array([jd.get(int(c), 0) for c in cands], float))
    else:
        notes.append("prior_joins: COW wars not imported; factor unavailable")
        cols["prior_joins"] = np.zeros(n)
    mp = mid_pairs(inputs)
    if mp.height:
        lo = dt.date(day.year - MID_YEARS, day.month, min(day.day, 28))
        rec = mp.filter((pl.col("start") < day) & (pl.col("start") >= lo)
                        & pl.col("a").is_in(cands.tolist()))
        cnt_a = dict(rec.filter(pl.col("b").is_in(sorted(att))).group_by("a").len().iter_rows())
        cnt_t = dict(rec.filter(pl.col("b").is_in(sorted(tgt))).group_by("a").len().iter_rows())
        ma = np.log1p(np.array([cnt_a.get(int(c), 0) for c in cands], float))
        mt = np.log1p(np.array([cnt_t.get(int(c), 0) for c in cands], float))
        if day.year > 2014:
            notes.append(f"mid: covers 1816-2014; disputes after 2014 are unknown for {day}")
    else:
        notes.append("mid: dataset not imported; factor unavailable")
        ma = mt = np.zeros(n)
    cols["mid_any"] = np.log1p(np.expm1(ma) + np.expm1(mt))
    cols["contig_major"] = np.nan_to_num(np.fmax(cols["contig_a"], cols["contig_t"])) * \
        major_first
    cols["n_first"] = np.full(n, math.log(len(att | tgt)))
    cols["major_first"] = np.full(n, major_first)
    cols["post1945"] = np.full(n, float(day.year > 1945))
    # side differences
    z = np.nan_to_num
    cols["d_def"] = cols["def_t"] + cols["def_t_political"] - cols["def_a"]
    cols["d_off"] = cols["off_t"] - cols["off_a"]
    cols["d_nag"] = cols["nag_t"] - cols["nag_a"]
    cols["d_s"] = z(cols["_s_t"]) - z(cols["_s_a"])
    cols["d_kappa"] = z(cols["_k_t"]) - z(cols["_k_a"])
    cols["d_allied"] = z(cols["_al_t"]) - z(cols["_al_a"])
    both = ~np.isnan(cols["_ideal_a"]) & ~np.isnan(cols["_ideal_t"])
    cols["d_ideal"] = np.where(both, z(cols["_ideal_a"]) - z(cols["_ideal_t"]), 0.0)
    cols["d_rival"] = z(cols["rival_a"]) - z(cols["rival_t"])
    cols["d_mid"] = ma - mt
    cols["d_contig"] = z(cols["contig_t"]) - z(cols["contig_a"])
    fill = {"log_dist": 4.0, "proj_cap": -6.0}
    frame = pl.DataFrame({k: (np.nan_to_num(np.asarray(v, float), nan=fill.get(k, 0.0))
                              if k != "ccode" else v) for k, v in cols.items()
                          if not k.startswith("_")})
    return frame.with_columns(pl.lit(day).alias("day"),
                              pl.lit(sorted(notes), dtype=pl.List(pl.Utf8)).alias("notes"))


# -- the engine's joining model ------------------------------------------------------------
class EntryJoining:
    """The entry model as the scenario engine's joining model: ``p_enter`` for every state in
    the system that is not an original party, split by side. ``complete``: the forecast
    already counts the promises each state owes (and how often such promises were kept), so
    the engine draws every entry from it and does not draw promises again (the legal reading,
    the rounds table, is unchanged). Rules history shows broken (non-aggression, conflicted
    promises) are factors here, never vetoes."""

    name = "entry model (docs/credibility.md; foedus backtest wars)"

    def __init__(self, inputs: Inputs | None = None, model: EntryModel | None = None) -> None:
        self.inputs = inputs
        self.model = model or load_entry_model()
        self.complete = True
        self.notes: list[str] = []
        self.frame: pl.DataFrame | None = None
        self._builder = FeatureBuilder(inputs) if inputs is not None else None

    def p_join(self, candidates: pl.DataFrame) -> F:
        """The :class:`~foedus.scenario.priors.Joining` protocol cannot see the graph; the
        engine calls :meth:`for_graph`. Without it nobody is forecast (zeros)."""
        return np.zeros(candidates.height)

    def for_graph(self, graph: CommitmentGraph, attackers: Sequence[int],
                  targets: Sequence[int]) -> dict[int, tuple[float, float]]:
        """``{state: (p attacker side, p target side)}`` on ``graph.day``. Without the
        geography and capability datasets the model has no basis for a forecast: it then
        returns nothing and sets ``complete`` to False, so the engine runs the promise cascade
        alone (as with no joining model) and says why in ``notes``."""
        if not self._has_datasets(graph.day):
            self.complete = False
            self.notes = ["entry model: contiguity, capitals or NMC not imported; p_enter is "
                          "the promise cascade's (nobody joins without a promise)"]
            self.frame = None
            return {}
        frame = p_enter(entry_frame(graph, self.inputs, attackers=attackers, targets=targets,
                                    builder=self._builder), self.model)
        self.frame = frame
        self.notes = list(frame["notes"][0]) if frame.height else []
        return {int(c): (float(a), float(t)) for c, a, t in
                frame.select("ccode", "p_attacker_side", "p_target_side").iter_rows()}

    def _has_datasets(self, day: dt.date) -> bool:
        if self._builder is None:
            return False
        cov = self._builder.pairs(np.array([[2, 200]]), day).coverage
        return all(cov.get(k) is not None for k in ("contiguity", "capitals", "capabilities"))

    def explain(self, state: int, top: int = 4) -> str | None:
        """The largest factors of a state's forecast, as one sentence (None if not scored)."""
        if self.frame is None:
            return None
        rows = self.frame.filter(pl.col("ccode") == state)
        if not rows.height:
            return None
        r = rows.row(0, named=True)
        facs = sorted((f for f in r["factors"] if f["name"] != "intercept"),
                      key=lambda f: -abs(f["contribution"]))[:top]
        parts = ", ".join(f"{f['name']} {f['contribution']:+.2f}" for f in facs)
        return (f"entry model: p_enter {r['p_enter']:.3f} (attacker side "
                f"{r['p_attacker_side']:.3f}, target side {r['p_target_side']:.3f}); "
                f"largest factors (log-odds): {parts}")
