"""``guarantors``: who could credibly guarantee a target against its threats, and why.

Every state in the system on the day, other than the target and the threats, is a candidate.
Its score is a sum of named contributions (``factors``), each a weight (``model.Weights``)
times a value from data: capability projected to the target against the threats' own
(Bueno de Mesquita's loss-of-strength gradient, computed in ``foedus.scenario.features``),
alignment with target and threat (alliance-portfolio kappa, UN ideal points), pledges
it already owes the target (times the era's honour base rate), conflicting commitments to
the threat or its allies (``foedus.rules.engaged``), strategic rivalry with the target, and
overextension. docs/guarantors.md explains each factor and its sources.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from foedus.advise.model import Weights, honour_rate
from foedus.advise.threats import Threat, infer_threats

__all__ = ["Candidate", "GuarantorsAnswer", "guarantors", "score_candidates", "Context"]

IDEAL_SCALE = 3.0  # UN ideal-point distances above 3 count as maximal (the scale's spread)
OVEREXTENDED_AT = 100  # defending this many states counts as fully extended
_BUILDERS: dict[int, Any] = {}


def builder_for(session: Any) -> Any:
    """One feature builder per session inputs (its per-year layers are then built once)."""
    from foedus.scenario.features import FeatureBuilder

    key = id(session.inputs)
    if key not in _BUILDERS:
        _BUILDERS[key] = FeatureBuilder(session.inputs)
    return _BUILDERS[key]


@dataclass
class Candidate:
    state: Any  # foedus State
    score: float
    factors: dict[str, float]
    reasons: list[str]
    conflicts: list[dict[str, Any]]
    capability: float  # projected CINC at the target (loss-of-strength)
    credibility: float  # probability-like reading of the non-capability factors

    def to_json(self) -> dict[str, Any]:
        return {"state": self.state.to_json(), "score": round(self.score, 4),
                "factors": {k: round(v, 4) for k, v in self.factors.items()},
                "reasons": self.reasons, "conflicts": self.conflicts}


@dataclass
class Context:
    """Everything scored once per (target, day, threats) and reused by sensitivity/gaps."""

    target: Any
    day: dt.date
    threats: list[Threat]
    threat_capability: float
    raw: dict[int, dict[str, float]]  # candidate -> unweighted factor values
    reasons: dict[int, list[str]]
    conflicts: dict[int, list[dict[str, Any]]]
    capability: dict[int, float]
    datasets: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class GuarantorsAnswer:
    target: Any
    on: dt.date
    threats: list[Threat]
    candidates: list[Candidate]
    coalitions: list[Any]
    datasets: list[dict[str, Any]]
    weights: Weights
    threat_capability: float
    sensitivity: dict[str, Any] | None = None

    def to_json(self) -> dict[str, Any]:
        states = {s.ccode: s for s in self._states}
        out: dict[str, Any] = {
            "target": self.target.to_json(), "on": self.on.isoformat(),
            "threats": [{"state": states[t.state].to_json(), "why": t.why}
                        for t in self.threats],
            "candidates": [c.to_json() for c in self.candidates],
            "coalitions": [c.to_json(states) for c in self.coalitions],
            "datasets": self.datasets,
        }
        return out

    _states: list[Any] = field(default_factory=list)


def _nz(x: float) -> float:
    return 0.0 if x is None or math.isnan(x) else float(x)


def prepare(session: Any, target: Any, day: dt.date, threats: list[int] | None) -> Context:
    """Features, graph reads and reasons for every candidate (weights not yet applied)."""
    from foedus.rules import engaged

    builder = builder_for(session)
    notes: list[str] = []
    members = sorted(s.ccode for s in session.states.members_on(day))
    if threats is None:
        found = infer_threats(session, builder, target.ccode, day, members, notes)
    else:
        found = [Threat(t, ["named by the user"]) for t in threats]
    tset = {t.state for t in found}
    cands = [m for m in members if m != target.ccode and m not in tset]
    pairs = [(c, target.ccode) for c in cands]
    tpairs = [(t, target.ccode) for t in sorted(tset)]
    cthreat = [(c, t) for t in sorted(tset) for c in cands]
    pf = builder.pairs(np.array(pairs + tpairs + cthreat, dtype=np.int64).reshape(-1, 2), day)
    n = len(pairs)
    threat_cap = float(np.nansum(pf.projected_cinc_a[n:n + len(tpairs)]))
    datasets = [{"name": k, "year": v, "note": None} for k, v in pf.coverage.items()]
    for note in list(pf.notes) + notes:
        datasets.append({"name": note.split(":")[0], "year": None, "note": note})
    graph = session.graph(day)
    pledged: set[int] = set()
    assured: set[int] = set()
    conflicts: dict[int, list[dict[str, Any]]] = {}

    def entry(h: Any, why: str) -> dict[str, Any]:
        e = h.edge
        return {"instrument_id": e["instrument_id"], "obligor": int(e["obligor"]),
                "beneficiary": int(e["beneficiary"]), "kind": e["kind"],
                "article": e.get("article"), "reason": why}

    threat_allies: set[int] = set()
    for t in sorted(tset):
        eng = engaged(graph, target.ccode, t)
        pledged.update(eng.bound_obligors())
        assured.update(h.obligor for h in eng.consult + eng.assurances + eng.aid)
        for h in eng.conflicted:
            conflicts.setdefault(h.obligor, []).append(entry(h, f"conflicted: {h.reason}"))
        rev = engaged(graph, t, target.ccode)
        threat_allies.update(h.obligor for h in rev.bound if h.obligor not in tset
                             and h.obligor != target.ccode)
        for h in rev.bound:
            conflicts.setdefault(h.obligor, []).append(
                entry(h, f"bound to defend the threat ({t}) if the target attacked it"))
    edges = graph.edges
    defended: dict[int, int] = {}
    if edges.height:
        import polars as pl

        bound = edges.filter(pl.col("category") == "bound")
        # instruments that already bind a candidate to the target: their other
        # beneficiaries are the same collective pledge, not an extra burden
        shared = bound.filter(pl.col("beneficiary") == target.ccode).select(
            "obligor", "instrument_id").unique()
        b = bound.join(shared, on=["obligor", "instrument_id"], how="anti").group_by(
            "obligor").agg(pl.col("beneficiary").n_unique().alias("n"))
        defended = dict(zip(b["obligor"].to_list(), b["n"].to_list(), strict=True))
    rate = honour_rate(day.year)
    # the threat side: the threats' own projected capability plus, at the era's honour base
    # rate, that of the states bound to defend them (they would be in the war)
    ally_cap = 0.0
    if threat_allies:
        ap = builder.pairs(np.array([(a, target.ccode) for a in sorted(threat_allies)],
                                    dtype=np.int64).reshape(-1, 2), day)
        ally_cap = float(np.nansum(ap.projected_cinc_a)) * rate
        datasets.append({"name": "model", "year": None, "note": (
            f"threat side: the threats' projected CINC {threat_cap:.4f} plus {rate:.0%} of "
            f"{ally_cap / rate:.4f} projected by {len(threat_allies)} state(s) bound to "
            "defend them")})
    threat_cap += ally_cap
    raw: dict[int, dict[str, float]] = {}
    reasons: dict[int, list[str]] = {}
    capability: dict[int, float] = {}
    k = len(tset)
    for i, c in enumerate(cands):
        cap = _nz(pf.projected_cinc_a[i])
        capability[c] = cap
        r = cap / threat_cap if threat_cap > 0 else float("nan")
        s_t = _nz(pf.kappa[i])
        d_t = pf.ideal_distance[i]
        idx = [n + len(tpairs) + j * len(cands) + i for j in range(k)]
        s_th = max((_nz(pf.kappa[j]) for j in idx), default=0.0)
        d_th = [pf.ideal_distance[j] for j in idx if not math.isnan(pf.ideal_distance[j])]
        rival = pf.rival[i] == 1
        nd = defended.get(c, 0)
        ideal = 0.0
        if d_th and not math.isnan(d_t):
            ideal = max(-1.0, min(1.0, (min(d_th) - d_t) / IDEAL_SCALE))
        raw[c] = {k: float(v) for k, v in {
            "capability": r / (1 + r) if not math.isnan(r) else 0.0,
            "alignment": s_t - s_th if k else 0.0,
            "ideal": ideal,
            "pledged": rate if c in pledged else 0.0,
            "assured": 1.0 if c in assured and c not in pledged else 0.0,
            "conflict": -1.0 if c in conflicts else 0.0,
            "rival": -1.0 if rival else 0.0,
            "overextension": -min(1.0, nd / OVEREXTENDED_AT),
        }.items()}
        why = [f"projects {cap:.4f} CINC to the target"
               + (f" vs the threats' {threat_cap:.4f} (ratio {r:.2f})" if threat_cap > 0
                  else "")]
        if not math.isnan(pf.kappa[i]):
            why.append(f"alliance-portfolio kappa with the target {s_t:+.2f}, with the threat "
                       f"{s_th:+.2f}")
        if not math.isnan(d_t) and d_th:
            why.append(f"UN ideal-point distance to the target {d_t:.2f}, to the threat "
                       f"{min(d_th):.2f}")
        if c in pledged:
            why.append(f"already bound to defend the target (honour base rate {rate:.0%})")
        if c in assured and c not in pledged:
            why.append("already gives the target an assurance, consultation or aid pledge")
        if c in conflicts:
            why.append("bound to the threat or its allies: "
                       + ", ".join(sorted({x["instrument_id"] for x in conflicts[c]})))
        if rival:
            why.append("itself a strategic rival of the target")
        if nd:
            why.append(f"already bound to defend {nd} other state(s) under other instruments")
        reasons[c] = why
    return Context(target, day, found, threat_cap, raw, reasons, conflicts, capability,
                   datasets)


def credibility(raw: dict[str, float], w: Weights) -> float:
    """The non-capability factors read as a probability of standing by the guarantee."""
    s = sum(getattr(w, k) * v for k, v in raw.items() if k != "capability")
    return 1.0 / (1.0 + math.exp(-w.credibility_slope * (s - w.credibility_midpoint)))


def score_candidates(session: Any, ctx: Context, w: Weights) -> list[Candidate]:
    """Candidates best first (score, then capability, then code)."""
    out = []
    for c, raw in ctx.raw.items():
        cred = credibility(raw, w)
        # capability counts as far as it is credible: a strong state aligned with the threat
        # adds little (the factor is weight x r/(1+r) x credibility)
        factors = {k: float(getattr(w, k) * v * (cred if k == "capability" else 1.0))
                   for k, v in raw.items()}
        out.append(Candidate(session.states.by_code(c), sum(factors.values()), factors,
                             ctx.reasons[c], ctx.conflicts.get(c, []), ctx.capability[c],
                             cred))
    out.sort(key=lambda x: (-x.score, -x.capability, x.state.ccode))
    return out


def guarantors(session: Any, target: str | int, on: object, threats: list[Any] | None = None,
               weights: Weights | dict[str, Any] | None = None, *, sizes: tuple[int, ...] = (3,),
               limit: int | None = None, sensitivity: bool = False) -> GuarantorsAnswer:
    """Who could credibly guarantee ``target`` on day ``on`` against ``threats`` (inferred
    when None); candidates best first, coalitions, and dataset coverage."""
    from foedus.advise.coalitions import coalitions
    from foedus.errors import UsageError
    from foedus.query.common import as_date, member_on

    tgt = session.state(target)
    day = as_date(on, "--on date")
    member_on(session, tgt, day, "target ")
    tcodes = None
    if threats:
        tcodes = []
        for t in threats:
            st = session.state(t)
            if st.ccode == tgt.ccode:
                raise UsageError("the target cannot be its own threat")
            member_on(session, st, day, "threat ")
            tcodes.append(st.ccode)
    w = weights if isinstance(weights, Weights) else Weights.from_mapping(weights)
    ctx = prepare(session, tgt, day, tcodes)
    cands = score_candidates(session, ctx, w)
    coal = coalitions(cands, ctx.threat_capability, sizes)
    if not ctx.threats:
        ctx.datasets.append({"name": "model", "year": None, "note":
                             "no likely threat inferred: capability is not scored against a "
                             "threat and no coalition is needed"})
    elif not coal or coal[0].kind != "smallest":
        ctx.datasets.append({"name": "model", "year": None, "note":
                             "no credible guarantor: no set of candidates whose credible "
                             "projected capability exceeds the threats'"})
    ans = GuarantorsAnswer(tgt, day, ctx.threats, cands[:limit] if limit else cands, coal,
                           ctx.datasets, w, ctx.threat_capability)
    ans._states = list(session.states)
    if sensitivity:
        from foedus.advise.sensitivity import sensitivity as sens

        ans.sensitivity = sens(session, ctx, w)
    return ans
