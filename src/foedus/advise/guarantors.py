"""Who can guarantee a state against its threats on a day: candidates, scores, coalitions.

Why one module: ``foedus guarantors``, ``session.guarantors`` and ``foedus gaps`` ask the
same question of the same inputs; the per-day inputs (graph, feature layers, dispute index)
are gathered once in a :class:`Context` and every target of the day reuses them.

The score is the additive model of :mod:`foedus.advise.model`. Candidates are the states in
the system on the day except the target and the threats (a threat is excluded, and the
``threats`` entries say why it is one). With several threats, the *principal* threat is the
one with the most capability projected to the target among those with the strongest evidence
(a rival, a named adversary or a threat the user gave, before a state known only from
disputes): capability, alignment and the
coalition check are measured against it; conflicts are counted against it and the other
best-evidenced threats.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import polars as pl

from foedus.advise.model import (
    CAPABILITY_DECADES,
    DISTANCE_SCALE,
    FACTORS,
    POWER_DECADES,
    Weights,
    entry_value,
    sigmoid,
)
from foedus.advise.sensitivity import sensitivity as weight_sensitivity
from foedus.advise.threats import Reason, Threat, ThreatIndex, infer_threats
from foedus.errors import UsageError
from foedus.model.dates import FuzzyDate, Period
from foedus.model.instruments import (
    Instrument,
    InstrumentType,
    Kind,
    LegalForce,
    Membership,
    Obligation,
    Role,
    Strength,
)
from foedus.model.limits import check_draws, check_seed
from foedus.query.answers import entry_from_record
from foedus.query.common import as_date, member_on
from foedus.rules.casus import engaged
from foedus.rules.conflicts import clashes
from foedus.scenario.credibility import CredibilityModel
from foedus.scenario.engine import PreparedScenario
from foedus.scenario.entry import EntryModel, entry_frame, load_entry_model, p_enter
from foedus.scenario.features import FeatureBuilder
from foedus.scenario.spec import Attack, Edit, Scenario

if TYPE_CHECKING:
    from foedus.graph import CommitmentGraph
    from foedus.session import Session

__all__ = ["Context", "Candidate", "Scored", "GuarantorsAnswer", "guarantors", "score_target",
           "coalitions"]

# the value of an engaged promise to the target, by its category (model.categories): a
# binding defense is the guarantee itself; aid and consultation are partial; a general
# assurance (e.g. the OSCE's) or a presumed commitment (no text) is little evidence
MOTIVE_KAPPA = 0.2  # alliance-portfolio alignment with the target that counts as a motive
PLEDGE_VALUE = {"bound": 1.0, "aid": 0.5, "consult": 0.3, "assurances": 0.2, "presumed": 0.2}


@dataclass
class Candidate:
    ccode: int
    score: float
    factors: dict[str, float]
    reasons: list[str]
    conflicts: list[dict[str, Any]]
    projected: float  # CINC projected to the target (NaN: unknown)
    credible: bool
    values: dict[str, float] = field(default_factory=dict)  # each known factor's value
    p_credible: float = math.nan  # calibrated p(fights for the target); NaN: hand weights


@dataclass
class Scored:
    """One target scored: its threats, the principal one, the ranked candidates."""

    target: int
    threats: list[Threat]
    principal: int | None
    threat_projected: float
    candidates: list[Candidate]
    unavailable: list[str] = field(default_factory=list)


class Context:
    """Everything one day's questions share, built once."""

    def __init__(self, session: Session, day: dt.date, weights: Weights | None = None) -> None:
        self.session = session
        self.day = day
        self.weights = weights or Weights()
        self.graph: CommitmentGraph = session.graph(day)
        try:
            inputs = session.inputs
        except Exception:  # noqa: BLE001 - no store: every dataset factor is unavailable
            inputs = None
        self.inputs = inputs
        self.fb = FeatureBuilder(inputs) if inputs is not None else FeatureBuilder()
        # the entry model of "who joins a war" (scenario.entry), read by the ``entry`` factor
        self.entry_model: EntryModel | None
        try:
            self.entry_model = load_entry_model()
        except (OSError, ValueError, KeyError):
            self.entry_model = None
        self.members = sorted(s.ccode for s in session.states.members_on(day))
        self.member_set = set(self.members)
        self.abb = {s.ccode: s.abb for s in session.states}
        self._inputs = inputs
        self._threat_index: ThreatIndex | None = None
        self.cred = CredibilityModel()
        self.base_rate = self.cred.base_rate("defense", day.year)
        edges = self.graph.edges

        bound = edges.filter((pl.col("category") == "bound")
                             & pl.col("kind").is_in(["defense", "guarantee"]))
        self.defends: dict[int, set[int]] = {}
        for o, b in bound.select("obligor", "beneficiary").rows():
            self.defends.setdefault(int(o), set()).add(int(b))
        self._notes: list[str] | None = None

    @property
    def threat_index(self) -> ThreatIndex:
        """The episodes and rivalries the threat rule reads, built on first use (a day whose
        threats are all given never reads them)."""
        if self._threat_index is None:
            self._threat_index = ThreatIndex(self._inputs)
        return self._threat_index

    def threat_sources(self) -> dict[str, str]:
        """What the inferred threats were read from ({} when no threat was inferred)."""
        return dict(self._threat_index.used) if self._threat_index is not None else {}

    def name(self, code: int) -> str:
        return self.abb.get(code, str(code))

    def state_json(self, code: int) -> dict[str, Any]:
        return dict(self.session.states.by_code(code).to_json())

    def notes(self) -> list[str]:
        """Coverage notes of the feature datasets on the day (and the MID note)."""
        if self._notes is None:
            f = self.fb.pairs(np.array([[self.members[0], self.members[-1]]]), self.day)
            self._notes = list(f.notes) + (list(self._threat_index.notes)
                                           if self._threat_index is not None else [])
            self.coverage = dict(f.coverage)
        return self._notes


def _clip(x: float, lo: float = -1.0, hi: float = 1.0) -> float:
    return max(lo, min(hi, x))


class _Scorer:
    """The factor values of each candidate of one target (see :mod:`foedus.advise.model`)."""

    def __init__(self, ctx: Context, target: int, principal: int, t_proj: float,
                 firm: set[int], cands: list[int]) -> None:
        self.ctx, self.target, self.principal, self.t_proj = ctx, target, principal, t_proj
        self.firm = firm
        self.w = ctx.weights.factor_weights()
        self.missing: dict[str, list[int]] = {}
        n = len(cands)
        arr = np.array(cands, dtype=np.int64)
        self.fx = ctx.fb.pairs(np.column_stack([arr, np.full(n, target)]), ctx.day)
        self.fy = ctx.fb.pairs(np.column_stack([arr, np.full(n, principal)]), ctx.day)
        self.entry = self._entry(cands)
        eng = engaged(ctx.graph, target, principal)
        best: dict[int, tuple[float, str, dict[str, None]]] = {}
        for cat, value in PLEDGE_VALUE.items():
            for h in getattr(eng, cat):
                have = best.get(h.obligor)
                if have is not None and have[0] > value:
                    continue
                if have is None or have[0] < value:
                    have = best[h.obligor] = (value, cat, {})
                have[2][str(h.edge["instrument_id"])] = None
        self.pledge: dict[int, tuple[float, str]] = {}
        for g, (value, cat, insts) in best.items():
            ids = list(insts)
            shown = ", ".join(ids[:3]) + (f" and {len(ids) - 3} more" if len(ids) > 3 else "")
            what = (f"bound to defend {ctx.name(target)}" if cat == "bound"
                    else f"{cat} promise to {ctx.name(target)}")
            self.pledge[g] = (value, f"{what} under {shown}")
        era = "before 1945" if ctx.day.year < 1945 else "since 1945"
        self.record_text = (f"base rate: {ctx.base_rate:.0%} of defense pledges invoked "
                            f"{era} were honoured")

    def _miss(self, factor: str, g: int) -> None:
        self.missing.setdefault(factor, []).append(g)

    def candidate(self, i: int, g: int) -> Candidate:
        ctx, name = self.ctx, self.ctx.name
        vals: dict[str, float] = {}
        reasons: list[str] = []
        gp = float(self.fx.projected_cinc_a[i])
        if math.isnan(gp) or math.isnan(self.t_proj) or self.t_proj <= 0:
            self._miss("capability", g)
        else:
            r = gp / self.t_proj
            vals["capability"] = (_clip(1 + math.log10(r) / CAPABILITY_DECADES, 0.0, 1.0)
                                  if r > 0 else 0.0)
            reasons.append(f"projects {r:.2f}x {name(self.principal)}'s capability to "
                           f"{name(self.target)}")
        p = self.pledge.get(g)
        vals["pledge"] = p[0] if p else 0.0
        if p:
            reasons.append(p[1])
        self._alignment(i, g, vals, reasons)
        conflicts, units = self._conflicts(g)
        vals["conflicts"] = -min(units, 2.0) if units else 0.0
        if conflicts:
            reasons.append("conflicting commitments: " + "; ".join(
                dict.fromkeys(c["why"] for c in conflicts)))
        self._relevance(i, g, vals)
        n_def = len(ctx.defends.get(g, set()) - {self.target})
        vals["overextension"] = -math.log10(1 + n_def)
        if n_def >= 10:
            reasons.append(f"already bound to defend {n_def} other states")
        vals["record"] = 2 * ctx.base_rate - 1
        reasons.append(self.record_text)
        contrib = {f: round(self.w[f] * vals[f], 4) for f in FACTORS if f in vals}
        total = round(sum(contrib.values()), 4)
        w = ctx.weights
        if w.calibrated:
            # the score is a log-odds: p that the candidate fights for the target
            prob = sigmoid(w.intercept + total)
            credible = prob >= w.credible and not conflicts
        else:
            prob = math.nan
            motive = (vals["pledge"] > 0 or vals.get("rivalry", 0.0) > 0
                      or vals.get("alignment_target", 0.0) > MOTIVE_KAPPA)
            credible = total >= w.credible and not conflicts and motive
        return Candidate(g, total, contrib, reasons, conflicts, gp, credible, vals,
                         round(prob, 4))

    def _entry(self, cands: list[int]) -> dict[int, float]:
        """p(joins the war on the target's side) per candidate, from the entry model
        (:func:`foedus.scenario.entry.p_enter`) with the firm threats as attackers."""
        ctx = self.ctx
        if ctx.entry_model is None or not cands:
            return {}
        frame = entry_frame(ctx.graph, ctx.inputs, attackers=sorted(self.firm),
                            targets=[self.target], candidates=cands, builder=ctx.fb)
        out = p_enter(frame, ctx.entry_model)
        return {int(c): float(p) for c, p in out.select("ccode", "p_target_side").iter_rows()}

    def _relevance(self, i: int, g: int, vals: dict[str, float]) -> None:
        """Opportunity and reach (docs/guarantors.md, "Relevance"): a land neighbour of the
        target or of the threat, the distance between capitals, a major power."""
        fx, fy = self.fx, self.fy
        for name, v in (("neighbour", float(fx.land_contiguous[i])),
                        ("threat_neighbour", float(fy.land_contiguous[i])),
                        ("major", float(fx.major_a[i]))):
            if math.isnan(v):
                self._miss(name, g)
            else:
                vals[name] = 1.0 if v == 1 else 0.0
        allied = float(fx.allied[i])
        if math.isnan(allied):
            self._miss("allied", g)
        else:
            vals["allied"] = 1.0 if allied > 0 else 0.0
        cinc = float(fx.cinc_a[i])
        if math.isnan(cinc):
            self._miss("power", g)
        else:
            vals["power"] = _clip(1 + math.log10(max(cinc, 1e-9)) / POWER_DECADES, 0.0, 1.0)
        pe = self.entry.get(g)
        if pe is None or math.isnan(pe):
            self._miss("entry", g)
        else:
            vals["entry"] = entry_value(pe)
        km = float(fx.capdist_km[i])
        if math.isnan(km):
            self._miss("distance", g)
        else:
            vals["distance"] = -_clip(math.log10(1 + km / 1000) / DISTANCE_SCALE, 0.0, 1.0)

    def _alignment(self, i: int, g: int, vals: dict[str, float], reasons: list[str]) -> None:
        name, fx, fy = self.ctx.name, self.fx, self.fy
        s_t, s_y = _alignment(fx, i), _alignment(fy, i)
        if math.isnan(s_t):
            self._miss("alignment_target", g)
        else:
            vals["alignment_target"] = _clip(s_t)
        if math.isnan(s_y):
            self._miss("alignment_threat", g)
        else:
            vals["alignment_threat"] = -_clip(s_y)
            if s_y > 0.5:
                reasons.append(f"alliance portfolio close to {name(self.principal)}'s "
                               f"(kappa={s_y:.2f})")
        d_t, d_y = float(fx.ideal_distance[i]), float(fy.ideal_distance[i])
        if math.isnan(d_t):
            self._miss("un_target", g)
        else:
            vals["un_target"] = _clip((1 - d_t) / 2)
        if math.isnan(d_y):
            self._miss("un_threat", g)
        else:
            vals["un_threat"] = _clip((d_y - 1) / 2)
            if d_y < 1 and not math.isnan(d_t) and d_t > d_y:
                reasons.append(f"votes closer to {name(self.principal)} than to "
                               f"{name(self.target)} at the UN")
        rv = float(fy.rival[i])
        if math.isnan(rv):
            self._miss("rivalry", g)
        else:
            vals["rivalry"] = 1.0 if rv == 1 else 0.0
            if rv == 1:
                reasons.append(f"strategic rival of {name(self.principal)}")

    def _conflicts(self, g: int) -> tuple[list[dict[str, Any]], float]:
        """The promises of ``g`` to a firm threat that would clash with defending the target
        against it — the rules' conflict test (docs/rules.md §4.4, :data:`CLASHES`): a
        binding, operative neutrality or offense promise that bears on this war. A pledge
        owed to the threat that fires only for a victim (defense, guarantee, nonaggression)
        does not fire when the threat attacks, so it is no conflict; alignment with the
        threat is read by the ``alignment_threat`` factor instead."""
        ctx, name = self.ctx, self.ctx.name
        conflicts: list[dict[str, Any]] = []
        units = 0.0
        for e in ctx.graph.owed_by(g):
            ben = int(e["beneficiary"])
            if ben not in self.firm or not clashes("bound", e, self.target):
                continue
            units += 1.0
            entry = entry_from_record(ctx.session.states, e, ctx.day).to_json()
            conflicts.append({"why": f"owes {name(ben)} (a threat) {e['kind']}", **entry})
        return conflicts, units


def score_target(ctx: Context, target: int, threats: Sequence[Threat]) -> Scored:
    """Score every candidate guarantor of ``target`` against ``threats``."""
    if not threats:
        return Scored(target, list(threats), None, math.nan, [], [])
    threat_codes = {t.ccode for t in threats}
    cands = [c for c in ctx.members if c != target and c not in threat_codes]
    # the principal threat: the most capability projected to the target, among the
    # best-evidenced threats (tier 1 before tier 2)
    tp = ctx.fb.pairs(np.array([[t.ccode, target] for t in threats]), ctx.day)
    tproj = tp.projected_cinc_a
    tiers = np.array([t.tier for t in threats])
    first = int(np.lexsort((-np.nan_to_num(tproj, nan=-1.0), tiers))[0])
    principal, t_proj = threats[first].ccode, float(tproj[first])
    # conflicts are counted against the best-evidenced threats (rivals, named adversaries,
    # threats the user gave): a state known only from an old dispute does not make every
    # ally of it a conflicted guarantor
    firm = {t.ccode for t in threats if t.tier == 1} | {principal}
    scorer = _Scorer(ctx, target, principal, t_proj, firm, cands)
    out = [scorer.candidate(i, g) for i, g in enumerate(cands)]
    out.sort(key=lambda c: (-c.score, -np.nan_to_num(c.projected), ctx.name(c.ccode)))
    missing, n = scorer.missing, len(cands)
    unavailable = []
    for f, who in sorted(missing.items()):
        if len(who) >= n:
            unavailable.append(f"{f}: unknown for every candidate (contributes 0)")
        else:
            names = ", ".join(ctx.name(c) for c in who[:8]) + (" ..." if len(who) > 8 else "")
            unavailable.append(f"{f}: unknown for {len(who)} of {n} candidates ({names}); "
                               "0 for them")
    return Scored(target, list(threats), principal, t_proj, out, unavailable)


def _alignment(f: Any, i: int) -> float:
    """Alliance-portfolio alignment: Cohen's kappa (chance-corrected), else S."""
    k = float(f.kappa[i])
    return k if not math.isnan(k) else float(f.s_weighted[i])


# -- coalitions --------------------------------------------------------------------------
def coalition_instrument(day: dt.date, members: Sequence[int], target: int) -> Any:
    """A hypothetical guarantee of ``target`` by ``members`` (treaty, discretionary), built
    in code for the overlay (never written to the store)."""
    period = Period(day, None)
    ident = "advise-coalition-" + "-".join(str(m) for m in members) + f"-for-{target}"
    mem = tuple(Membership(ccode=int(m), role=Role.GUARANTOR, period=period) for m in members)
    mem += (Membership(ccode=int(target), role=Role.BENEFICIARY, period=period),)
    ob = Obligation(kind=Kind.GUARANTEE, strength=Strength.DISCRETIONARY, article="hypothetical",
                    obligors=("guarantor",), beneficiaries=("beneficiary",),
                    note="hypothetical guarantee tested by foedus guarantors")
    return Instrument(id=ident, name="Hypothetical coalition guarantee", short=ident,
                      type=InstrumentType.GUARANTEE, legal_force=LegalForce.TREATY,
                      signed=None, in_force=FuzzyDate(day), terminated=None, sources=(),
                      members=mem, obligations=(ob,))


def p_deters(session: Session, day: dt.date, members: Sequence[int], strongest: int,
             target: int, threat: int, draws: int, seed: int) -> float:
    """The share of simulated wars (threat attacks target, the coalition's guarantee laid on
    the day's graph) in which the coalition's strongest member enters on the target's side;
    with ``draws == 0`` the deterministic check (1 if it is bound to enter, else 0)."""
    inst = coalition_instrument(day, members, target)
    sc = Scenario(date=day, attacks=(Attack(attacker=threat, target=target),),
                  edits=(Edit("add", inst.id, added=inst),), name="guarantors coalition")
    prep = PreparedScenario(session, sc)
    ans = prep.run(draws=draws, seed=seed)
    abb = session.states.by_code(strongest).abb
    if draws == 0:
        return 1.0 if abb in ans.entrants() else 0.0
    row = ans.state(abb)
    return round(float(row["p_defender_side"]), 4) if row else 0.0


def coalitions(ctx: Context, scored: Scored, size: int = 3, draws: int = 1000,
               seed: int = 7) -> list[dict[str, Any]]:
    """The smallest greedy-by-score set (up to 5) whose summed projected capability exceeds
    the principal threat's, and the most credible set of ``size``; each checked by the
    scenario engine."""
    if scored.principal is None or not scored.candidates:
        return []
    pool = [c for c in scored.candidates if not c.conflicts and c.score > 0
            and not math.isnan(c.projected)]
    t = scored.threat_projected
    sets: list[list[Candidate]] = []
    greedy: list[Candidate] = []
    for c in pool:
        greedy.append(c)
        if sum(x.projected for x in greedy) > t or len(greedy) == 5:
            break
    if greedy:
        sets.append(greedy)
    best = pool[:size]
    if best and [c.ccode for c in best] != [c.ccode for c in greedy]:
        sets.append(best)
    out = []
    for s in sets:
        members = [c.ccode for c in s]
        strongest = max(s, key=lambda c: c.projected).ccode
        p = p_deters(ctx.session, ctx.day, members, strongest, scored.target,
                     scored.principal, draws, seed)
        ratio = sum(c.projected for c in s) / t if t > 0 else math.nan
        out.append({"members": [ctx.state_json(m) for m in members], "p_deters": p,
                    "capability_ratio": round(ratio, 4)})
    return out


# -- the answer --------------------------------------------------------------------------
@dataclass
class GuarantorsAnswer:
    """``foedus guarantors``: ``payload`` is the JSON contract."""

    payload: dict[str, Any]
    scored: Scored | None = None
    weights: Weights = dataclasses.field(default_factory=Weights)

    def to_json(self) -> dict[str, Any]:
        return self.payload

    @property
    def candidates(self) -> list[dict[str, Any]]:
        return list(self.payload["candidates"])

    def ranking(self) -> list[str]:
        return [c["state"]["abb"] for c in self.payload["candidates"]]

    def sensitivity(self) -> dict[str, Any]:
        """How much the ranking depends on each weight (:mod:`foedus.advise.sensitivity`)."""
        return weight_sensitivity(self.payload)


def _resolve(session: Session, ref: str | int, day: dt.date, role: str) -> int:
    st = session.states.lookup(ref)
    member_on(session, st, day, role)
    return st.ccode


def guarantors(session: Session, target: str | int, on: object,
               threats: Sequence[str | int] | None = None,
               weights: Mapping[str, Any] | Weights | None = None, *, size: int = 3,
               draws: int = 1000, seed: int = 7, coalition: bool = True,
               context: Context | None = None) -> GuarantorsAnswer:
    """Who can guarantee ``target`` on ``on`` against ``threats`` (inferred when None)."""
    day = as_date(on, "--on date")
    # each coalition's check is a scenario run of `draws`; refused before any work is done
    check_draws(draws, 44 * 250)
    check_seed(seed)
    w = Weights.of(weights)  # type: ignore[arg-type]
    ctx = context or Context(session, day, w)
    tcode = _resolve(session, target, day, "target: ")
    tnotes: list[str] = []
    if threats:
        tlist: list[Threat] = []
        for ref in threats:
            c = _resolve(session, ref, day, "threat: ")
            if c == tcode:
                raise UsageError(f"{ctx.name(c)} cannot be its own threat")
            if c not in {t.ccode for t in tlist}:
                tlist.append(Threat(c, [Reason("given", "given by the user", "user", None,
                                               None, 1.0, ())], score=1.0, tier=1))
    else:
        tlist = infer_threats(session, tcode, day, graph=ctx.graph, members=ctx.member_set,
                              index=ctx.threat_index, abb=ctx.abb, notes=tnotes)
    scored = score_target(ctx, tcode, tlist)
    coals = coalitions(ctx, scored, size=size, draws=draws, seed=seed) if coalition else []
    notes = ctx.notes()
    notes = [*notes, *(n for n in tnotes if n not in notes)]
    unavailable = list(scored.unavailable)
    if not tlist:
        notes = [*notes, "no threat given and none inferred: give --threat STATE"]
    elif scored.principal is not None:
        notes = [*notes, f"principal threat: {ctx.name(scored.principal)} (the most "
                         "capability projected to the target among the best-evidenced "
                         "threats)"]
        credible = [c for c in scored.candidates if c.credible]
        if not credible and w.calibrated:
            notes.append(f"no credible guarantor: no candidate without a conflicting "
                         f"commitment would fight for the target with probability "
                         f"{w.credible:.0%} or more (the fitted model, docs/guarantors.md)")
        elif not credible:
            notes.append(f"no credible guarantor: no candidate reaches the score "
                         f"{w.credible} with a motive (a pledge, alignment with the target "
                         "or rivalry with the threat) and without a conflicting commitment")
        else:
            notes.append("credible guarantors: " + ", ".join(
                ctx.name(c.ccode) for c in credible[:10])
                + (f" and {len(credible) - 10} more" if len(credible) > 10 else ""))
    payload = {
        "target": ctx.state_json(tcode),
        "on": day.isoformat(),
        "threats": [{"state": ctx.state_json(t.ccode), "why": t.why,
                     "score": round(t.score, 4),
                     "reasons": [r.to_json() for r in t.reasons]} for t in tlist],
        "candidates": [{"state": ctx.state_json(c.ccode), "score": c.score,
                        "credible": None if math.isnan(c.p_credible) else c.p_credible,
                        "factors": c.factors, "reasons": c.reasons,
                        "conflicts": c.conflicts} for c in scored.candidates],
        "coalitions": coals,
        "datasets": {"coverage": getattr(ctx, "coverage", {}), "unavailable": unavailable,
                     "notes": notes, "weights": w.to_json(),
                     "threat_sources": ctx.threat_sources()},
    }
    return GuarantorsAnswer(payload, scored, w)
