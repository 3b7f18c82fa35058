"""How a war spreads through the commitment graph: the rules, run round by round for many draws.

Why: "who is bound?" (:func:`foedus.rules.engaged`) answers one attack. A war spreads: a state
that honours a promise becomes a belligerent, and promises owed to it — or against it — may
then fire. This module runs that spread for ``draws`` simulated wars at once, applying the
rules of :mod:`foedus.rules.war` (each a pure function there): every quantity is
an array ``draws × states`` (or ``draws × commitments``), so 10,000 draws cost a few array
operations per round, not 10,000 Python loops. The deterministic resolution is the same code
with one draw in which every duty is honoured and nobody joins without one.

The rules (``docs/scenarios.md`` numbers them and cites a test for each):

1. Round 0 is the scenario's attacks: each attacker is on the attacking side, each target on
   the defending side and a victim of an armed attack by its attacker.
2. A defense-type promise (defense, guarantee, consultation, neutrality, assurance, aid) owed
   to a state fires when that state is a *victim*: the target of an original attack, or a
   state on the defending side that a state entering the attacking side later makes war on.
   It never fires for a state on the attacking side (an aggressor is not a victim).
3. Joining in defense of a victim does not make the joiner's target a victim of an unprovoked
   attack: a defending-side joiner attacks the aggressors, and the aggressors' own defense
   pledges do not fire. States entering the attacking side extend the aggression: every
   state already on the defending side becomes their victim.
4. A promise naming adversaries fires only against a named adversary (the casus foederis).
5. Territory: an attack with no territory falls on the target's home territory, which a
   territorial clause covers. An attack given a territory meets a territorial clause only
   when its instrument is listed in the attack's ``covered``; clauses are read for the
   original attacks only (later attacks fall on home territory).
6. Non-provocation: when an attack is marked ``provoked``, promises with a non-provocation
   clause do not fire for its target.
7. An offense promise owed to a state fires when that state enters the war on the attacking
   side (the initiator, or a later aggressor) against a named adversary (or any state, when it
   names none): the obligor joins the attacking side.
8. What a fired promise does follows its category (:mod:`foedus.model.categories`): a binding
   defense or guarantee (bound) or offense promise brings its obligor into the war when
   honoured; consultation yields consultation; neutrality yields neutrality; military aid
   yields aid; political assurances yield expected support, not a duty; presumed commitments
   (alliances carried past the end of ATOP) are shown, never counted as duties.
9. Conflict of obligations: a promise whose obligor owes a binding promise that bears on the
   war (neutrality or offense; never a pledge that fires only for a victim, docs/rules.md
   §4.4) to a state on the other side (the rules' conflict test, :mod:`foedus.rules.conflicts`)
   is reported and does not bring its obligor in. A state whose honoured duties would put it
   on both sides stays out.
10. Binding neutrality and nonaggression promises block joining against the state they are
    owed to (a state with no triggered duty never joins against such a partner) — except
    that a nonaggression promise owed to an aggressor does not block joining the defence of
    its victim (collective self-defence, docs/rules.md §4.4).
11. One decision per state: a state honours the strongest promise that fired (the highest
    p(honour)); its resolve is one draw per simulated war, so a state that declines one
    promise declines a weaker one too. Joining without a promise is drawn once, at round 1.
12. Rounds repeat until no state enters.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import numpy as np
import numpy.typing as npt
import polars as pl

from foedus.graph import CommitmentGraph
from foedus.registry.states import load_state_system
from foedus.rules.conflicts import firm_expr
from foedus.rules.trigger import fires
from foedus.rules.war import (
    Attack,
    adversaries_of,
    brings_in,
    conflict_matrix,
    first_round,
    join_block,
    named_matrix,
    offense_clash,
    reach,
    row_mask,
)
from foedus.scenario.priors import Joining

__all__ = ["Structure", "Outcome", "build_structure", "simulate", "brings_in", "row_mask",
           "OUT", "ATT", "DEF"]

OUT, ATT, DEF = 0, 1, 2
Bool = npt.NDArray[np.bool_]
Float = npt.NDArray[np.float64]


@dataclasses.dataclass
class Structure:
    """Everything the rounds need, as arrays over the states that can possibly enter.

    ``d_*`` arrays describe defense-type commitments owed to possible victims, ``o_*`` the
    offense commitments owed to possible aggressors; ``*_row`` is the row in the graph.
    """

    day: dt.date
    states: npt.NDArray[np.int64]
    index: dict[int, int]
    attackers: Bool
    targets: Bool
    pairs: list[tuple[int, int]]
    d_row: npt.NDArray[np.int64]
    d_obl: npt.NDArray[np.int64]
    d_ben: npt.NDArray[np.int64]
    d_named: Bool            # edges × states
    d_has_names: Bool
    d_fire0: Bool            # fires in round 1 on an original attack
    d_fail0: dict[int, str]  # edge -> why it does not fire on the original attack
    d_conflict: Bool         # edges × states: blocked while that state is an aggressor
    d_category: list[str]
    o_row: npt.NDArray[np.int64]
    o_obl: npt.NDArray[np.int64]
    o_ben: npt.NDArray[np.int64]
    o_named: Bool
    o_has_names: Bool
    o_fire0: Bool
    o_clash: Bool            # edges × states: blocked while that state is on defense
    join_block: Bool         # states × 2 (attacker, defender side): may not join
    reasons0: dict[int, str] = dataclasses.field(default_factory=dict)

    @property
    def n_states(self) -> int:
        return len(self.states)


@dataclasses.dataclass
class Outcome:
    """The simulated wars: ``side`` and ``rnd`` (entry round, -1 out) per draw × state;
    ``duty`` (entered by honouring a promise); ``d_fired``/``o_fired`` (commitment × draw:
    fired while its obligor was out); ``conflicted`` (draw × state: duties to both sides)."""

    side: npt.NDArray[np.int8]
    rnd: npt.NDArray[np.int16]
    duty: Bool
    d_fired: Bool
    o_fired: Bool
    conflicted: Bool
    rounds: int
    trace: list[tuple[Bool, Bool, Bool, Bool]] = dataclasses.field(default_factory=list)
    d_active: set[int] = dataclasses.field(default_factory=set)
    o_active: set[int] = dataclasses.field(default_factory=set)

    def p_fired(self, which: str) -> Float:
        """Share of draws in which each commitment fired (``"d"`` or ``"o"``)."""
        fired = self.d_fired if which == "d" else self.o_fired
        active = sorted(self.d_active if which == "d" else self.o_active)
        p = np.zeros(fired.shape[0])
        if active:
            p[active] = fired[active].mean(axis=1)
        return p


def build_structure(graph: CommitmentGraph, attacks: tuple[Attack, ...],
                    joining: Joining | None = None) -> tuple[Structure, Float]:
    """The states and commitments a war started by ``attacks`` can reach, and joining
    probabilities (``states × 2``: attacker side, defender side) for the reachable states."""
    edges = graph.edges.with_row_index("row")
    attackers = {a.attacker for a in attacks}
    targets = {a.target for a in attacks}
    pj: dict[int, tuple[float, float]] = {}
    if joining is not None:
        pj = _joining(joining, graph, attacks)
    cand_a = set(attackers) | {s for s, (pa, _) in pj.items() if pa > 0}
    cand_d = set(targets) | {s for s, (_, pd) in pj.items() if pd > 0}
    defense_like = edges.filter(pl.col("category").is_not_null())
    offense = edges.filter((pl.col("kind") == "offense") & (pl.col("legal_force") != "proposal"))
    cand_a, cand_d = reach(graph, defense_like, offense, cand_a, cand_d)
    universe = sorted(cand_a | cand_d)
    index = {s: i for i, s in enumerate(universe)}
    n = len(universe)
    states = np.array(universe, dtype=np.int64)

    # defense-type commitments owed to possible victims, sorted by obligor (per-state maxima)
    d = defense_like.filter(pl.col("beneficiary").is_in(sorted(cand_d))
                            & pl.col("obligor").is_in(universe)
                            & (pl.col("obligor") != pl.col("beneficiary")))
    d = d.with_columns(pl.col("obligor").replace_strict(index, return_dtype=pl.Int64)
                       .alias("oi")).sort("oi", "row")
    o = offense.filter(pl.col("beneficiary").is_in(sorted(cand_a))
                       & pl.col("obligor").is_in(universe)
                       & (pl.col("obligor") != pl.col("beneficiary")))
    o = o.with_columns(pl.col("obligor").replace_strict(index, return_dtype=pl.Int64)
                       .alias("oi")).sort("oi", "row")

    d_named, d_has = named_matrix(d, index)
    o_named, o_has = named_matrix(o, index)
    d_fire0, d_fail0, reasons0 = first_round(d, attacks, graph)
    o_fire0 = np.zeros(o.height, dtype=bool)
    for i, (ben, adv) in enumerate(zip(o["beneficiary"].to_list(), o["adversaries"].to_list(),
                                       strict=True)):
        hit = [a.target for a in attacks
               if a.attacker == ben and fires(adversaries_of(adv), a.target)]
        o_fire0[i] = bool(hit)

    firm = edges.filter(firm_expr())
    d_conflict = conflict_matrix(graph, d, sorted(cand_a), index)
    o_clash = offense_clash(firm, o, universe, index)
    blocked = join_block(firm, universe, attackers, targets, index)
    pjoin = np.zeros((n, 2))
    for s, (pa, pd_) in pj.items():
        if s in index:
            pjoin[index[s]] = (pa, pd_)
    if not getattr(joining, "complete", False):
        pjoin[blocked] = 0.0  # rule 10 (a forecast model carries it as a factor instead)
    for s in attackers | targets:
        pjoin[index[s]] = 0.0
    st = Structure(
        day=graph.day, states=states, index=index,
        attackers=np.isin(states, sorted(attackers)), targets=np.isin(states, sorted(targets)),
        pairs=[(a.attacker, a.target) for a in attacks],
        d_row=d["row"].to_numpy().astype(np.int64), d_obl=d["oi"].to_numpy(),
        d_ben=np.array([index[b] for b in d["beneficiary"].to_list()], dtype=np.int64),
        d_named=d_named, d_has_names=d_has, d_fire0=d_fire0, d_fail0=d_fail0,
        d_conflict=d_conflict, d_category=d["category"].to_list(),
        o_row=o["row"].to_numpy().astype(np.int64), o_obl=o["oi"].to_numpy(),
        o_ben=np.array([index[b] for b in o["beneficiary"].to_list()], dtype=np.int64),
        o_named=o_named, o_has_names=o_has, o_fire0=o_fire0, o_clash=o_clash,
        join_block=blocked, reasons0=reasons0)
    return st, pjoin


def _joining(joining: Joining, graph: CommitmentGraph,
             attacks: tuple[Attack, ...]) -> dict[int, tuple[float, float]]:
    """p(join) per state and side from the joining model, for the states of the system."""
    if hasattr(joining, "for_graph"):  # a model that reads the graph (the entry model)
        fg = joining.for_graph(graph, [a.attacker for a in attacks],
                               [a.target for a in attacks])
        return {s: p for s, p in fg.items() if p[0] > 1e-4 or p[1] > 1e-4}
    system = load_state_system()
    involved = {a.attacker for a in attacks} | {a.target for a in attacks}
    alive = [s.ccode for s in system if s.member_on(graph.day) and s.ccode not in involved]
    if not alive:
        return {}
    atts = [a.attacker for a in attacks]
    tgts = [a.target for a in attacks]
    cand = pl.DataFrame({
        "state": [s for s in alive for _ in (0, 1)],
        "side": ["attacker", "defender"] * len(alive),
        "attackers": [atts] * (2 * len(alive)), "targets": [tgts] * (2 * len(alive)),
        "day": [graph.day] * (2 * len(alive))})
    p = np.clip(np.asarray(joining.p_join(cand), dtype=float), 0.0, 1.0)
    out: dict[int, tuple[float, float]] = {}
    for i, s in enumerate(alive):
        pa, pd_ = float(p[2 * i]), float(p[2 * i + 1])
        if pa + pd_ > 1.0:
            pa, pd_ = pa / (pa + pd_), pd_ / (pa + pd_)
        if pa > 1e-4 or pd_ > 1e-4:
            out[s] = (pa, pd_)
    return out


def _segmax(values: Float, obl: npt.NDArray[np.int64], n: int) -> Float:
    """Per-state maximum over commitments (columns sorted by obligor): draws × states."""
    out = np.zeros((values.shape[0], n))
    if values.shape[1] == 0:
        return out
    starts = np.flatnonzero(np.r_[True, obl[1:] != obl[:-1]])
    out[:, obl[starts]] = np.maximum.reduceat(values, starts, axis=1)
    return out


def _fire_d(st: Structure, cols: npt.NDArray[np.int64], prev: int, new_a: Bool,
            before: Bool, draws: int) -> Bool:
    """draws × cols: which defense-type commitments fire this round."""
    if prev == 0:
        return np.ones((draws, len(cols)), dtype=bool)
    fd: Bool = before[:, st.d_ben[cols]]
    named: Bool = st.d_has_names[cols]
    fd[:, ~named] &= np.asarray(new_a.any(axis=1))[:, None]
    if named.any():
        hit = (new_a.astype(np.float32) @ st.d_named[cols[named]].T.astype(np.float32)) > 0
        fd[:, named] &= hit
    return fd


def _fire_o(st: Structure, cols: npt.NDArray[np.int64], prev: int, new_a: Bool,
            before: Bool, draws: int) -> Bool:
    """draws × cols: which offense commitments fire this round."""
    if prev == 0:
        return np.ones((draws, len(cols)), dtype=bool)
    fo: Bool = new_a[:, st.o_ben[cols]]
    named: Bool = st.o_has_names[cols]
    if named.any():
        hit = (before.astype(np.float32) @ st.o_named[cols[named]].T.astype(np.float32)) > 0
        fo[:, named] &= hit
    return fo


def simulate(st: Structure, d_p: Float, o_p: Float, pjoin: Float, *, draws: int,
             rng: np.random.Generator | None, max_rounds: int = 20,
             trace: bool = False) -> Outcome:
    """Run the rounds for ``draws`` wars at once.

    ``d_p``/``o_p`` are p(honour) per commitment (0 for promises that bring no one in),
    ``pjoin`` p(join) per state and side. With ``rng=None`` the run is deterministic: every
    promise with p > 0 is honoured and nobody joins without one.
    """
    n = st.n_states
    side = np.zeros((draws, n), dtype=np.int8)
    rnd = np.full((draws, n), -1, dtype=np.int16)
    side[:, st.attackers] = ATT
    side[:, st.targets] = DEF
    rnd[:, st.attackers | st.targets] = 0
    duty = np.zeros((draws, n), dtype=bool)
    conflicted = np.zeros((draws, n), dtype=bool)
    # commitments × draws (rows written only for the commitments that can fire)
    d_fired = np.zeros((len(st.d_row), draws), dtype=bool)
    o_fired = np.zeros((len(st.o_row), draws), dtype=bool)
    if rng is None:
        u = np.full((draws, n), 0.5)
        uj = np.ones((draws, n))
        d_p = (d_p > 0).astype(float)
        o_p = (o_p > 0).astype(float)
        pjoin = np.zeros_like(pjoin)
    else:
        u = rng.random((draws, n))
        uj = rng.random((draws, n))
    out = Outcome(side, rnd, duty, d_fired, o_fired, conflicted, 0)
    nd, no = len(st.d_row), len(st.o_row)
    k = 0
    for k in range(1, max_rounds + 1):
        prev = k - 1
        is_att = side == ATT
        new_a = is_att & (rnd == prev)
        before = (side == DEF) & (rnd < prev)
        # Only the commitments that can fire this round are looked at (the arrays are
        # draws × those columns): the original attacks' in round 1; later, those owed to
        # states already defending, when some draw has a new aggressor (rules 2, 3, 7).
        if prev == 0:
            dc = np.flatnonzero(st.d_fire0)
            oc = np.flatnonzero(st.o_fire0)
        else:
            any_new = new_a.any(axis=0)
            if any_new.any():
                dc = np.flatnonzero(before.any(axis=0)[st.d_ben]
                                    & (~st.d_has_names | st.d_named[:, any_new].any(axis=1)))
                oc = np.flatnonzero(any_new[st.o_ben])
            else:
                dc = oc = np.zeros(0, dtype=np.int64)
        fd = _fire_d(st, dc, prev, new_a, before, draws)
        fo = _fire_o(st, oc, prev, new_a, before, draws)
        fd &= side[:, st.d_obl[dc]] == OUT
        fo &= side[:, st.o_obl[oc]] == OUT
        d_fired[dc] |= fd.T
        o_fired[oc] |= fo.T
        out.d_active.update(dc.tolist())
        out.o_active.update(oc.tolist())
        eff_d = fd
        if len(dc) and st.d_conflict[dc].any():
            eff_d = fd & ~((is_att.astype(np.float32)
                            @ st.d_conflict[dc].T.astype(np.float32)) > 0)
        eff_o = fo
        if len(oc) and st.o_clash[oc].any():
            eff_o = fo & ~(((side == DEF).astype(np.float32)
                            @ st.o_clash[oc].T.astype(np.float32)) > 0)
        p_def = _segmax(np.where(eff_d, d_p[dc], 0.0), st.d_obl[dc], n)
        p_att = _segmax(np.where(eff_o, o_p[oc], 0.0), st.o_obl[oc], n)
        free = side == OUT
        go_d = free & (u < p_def)
        go_a = free & (u < p_att)
        both = go_d & go_a
        conflicted |= both
        go_d &= ~both
        go_a &= ~both
        entered_duty = go_d | go_a
        if k == 1 and pjoin.any():
            rest = free & ~entered_duty & ~both
            join_a = rest & (uj < pjoin[:, 0])
            join_d = rest & ~join_a & (uj < pjoin[:, 0] + pjoin[:, 1])
            go_a |= join_a
            go_d |= join_d
        if trace:
            full = [np.zeros((draws, m), dtype=bool) for m in (nd, nd, no, no)]
            full[0][:, dc], full[1][:, dc] = fd, eff_d
            full[2][:, oc], full[3][:, oc] = fo, eff_o
            out.trace.append((full[0], full[1], full[2], full[3]))
        if not (go_d.any() or go_a.any()):
            break
        side[go_d] = DEF
        side[go_a] = ATT
        rnd[go_d | go_a] = k
        duty |= entered_duty
    out.rounds = k
    return out
