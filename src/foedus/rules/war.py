"""How a war spreads through the commitment graph: the cascade's rules, as pure functions.

Why here, beside the casus foederis: "who must defend X" (:mod:`foedus.rules.casus`) and "who
enters the war" are one body of rules. The scenario engine (:mod:`foedus.scenario.cascade`)
and the sweeps' kernel run the rounds for many simulated wars at once; every rule they apply
is a function here, over a :class:`~foedus.graph.CommitmentGraph` (or a frame of its rows),
returning numpy arrays ``commitments × states`` or a polars expression, so the same rule
serves one scenario, every pair of a day, or a worker that never opened the store. The rules
are numbered in ``docs/scenarios.md``; the conflict of obligations (rule 9) is the one test of
:mod:`foedus.rules.conflicts`.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import numpy as np
import numpy.typing as npt
import polars as pl

from foedus.graph import CommitmentGraph
from foedus.registry.states import load_state_system
from foedus.rules.conflicts import (
    ABSTAIN,
    ABSTAIN_AGGRESSOR,
    CLASHES,
    OFFENSE_CLASHES,
    bears_on_expr,
    clash_table,
    firm_expr,
)
from foedus.rules.trigger import fires

__all__ = ["Attack", "ENTERING", "FIGHTING", "brings_in", "row_mask", "adversaries_of",
           "reach", "named_matrix", "first_round", "conflict_matrix", "offense_clash",
           "join_block"]

Bool = npt.NDArray[np.bool_]

# Rule 8: the categories of a fired promise that can bring its obligor in, and the kinds that
# fight (a political or presumed pledge enters only as a scored defense or guarantee).
ENTERING = ("bound", "assurances", "presumed")
FIGHTING = ("defense", "guarantee")


@dataclasses.dataclass(frozen=True)
class Attack:
    """One armed attack: ``attacker`` on ``target`` (COW codes).

    ``territory`` names where it falls (``None``: the target's home territory); ``covered``
    lists the instruments whose territorial clause covers that territory; ``provoked`` says
    the target provoked it (a non-provocation clause then does not fire).
    """

    attacker: int
    target: int
    territory: str | None = None
    covered: tuple[str, ...] = ()
    provoked: bool = False


def brings_in(deterministic: bool = False) -> pl.Expr:
    """Rule 8 as a polars expression over commitment rows (``category``, ``kind``): a fired
    defense-type promise that can bring its obligor into the war. Bound defense and
    guarantee; when a credibility model scores promises (not in the deterministic
    resolution) also political or presumed defense and guarantee pledges."""
    bound = pl.col("category") == "bound"
    if deterministic:
        return bound
    return bound | (pl.col("category").is_in(list(ENTERING)) & pl.col("kind").is_in(FIGHTING))


def row_mask(graph: CommitmentGraph, rows: npt.NDArray[np.int64], expr: pl.Expr) -> Bool:
    """``expr`` (a boolean expression) for the given rows of ``graph.edges``."""
    if not len(rows):
        return np.zeros(0, dtype=bool)
    mask = graph.edges[rows.tolist()].select(expr.fill_null(False)).to_series().to_numpy()
    return np.asarray(mask, dtype=bool)


def adversaries_of(v: Any) -> list[int]:
    """A commitment's named adversaries as ints (none: an empty list)."""
    return [int(x) for x in (v or [])]


def reach(graph: CommitmentGraph, defense_like: pl.DataFrame, offense: pl.DataFrame,
             cand_a: set[int], cand_d: set[int]) -> tuple[set[int], set[int]]:
    """Every state that could end on either side: obligors of promises that can bring them in,
    owed to states that could be there, until nothing is added (a breadth-first search over
    who-owes-whom, built once per graph)."""

    def owers(frame: pl.DataFrame) -> dict[int, set[int]]:
        out: dict[int, set[int]] = {}
        for ob, be in frame.select("obligor", "beneficiary").iter_rows():
            out.setdefault(int(be), set()).add(int(ob))
        return out

    # kept with the graph: ``defense_like`` and ``offense`` are always the same filters of it
    to_d = graph.derived("closure:defense", lambda: owers(
        defense_like.filter(pl.col("category").is_in(ENTERING))))
    to_a = graph.derived("closure:offense", lambda: owers(offense))
    cand_a, cand_d = set(cand_a), set(cand_d)
    todo_a, todo_d = list(cand_a), list(cand_d)
    while todo_a or todo_d:
        if todo_d:
            new_d = set().union(*(to_d.get(s, set()) for s in todo_d)) - cand_d
            cand_d |= new_d
            todo_d = list(new_d)
        if todo_a:
            new_a = set().union(*(to_a.get(s, set()) for s in todo_a)) - cand_a
            cand_a |= new_a
            todo_a = list(new_a)
    return cand_a, cand_d


def named_matrix(frame: pl.DataFrame, index: dict[int, int]) -> tuple[Bool, Bool]:
    """commitments × states: the named adversaries; and whether a commitment names any."""
    m = np.zeros((frame.height, len(index)), dtype=bool)
    if not frame.height:
        return m, np.zeros(0, dtype=bool)
    has = (frame["adversaries"].list.len().fill_null(0) > 0).to_numpy()
    if has.any():
        named = (frame.select(pl.int_range(pl.len()).alias("i"), pl.col("adversaries").alias("a"))
                 .filter(pl.Series(has)).explode("a").drop_nulls("a")
                 .filter(pl.col("a").is_in(list(index))))
        if named.height:
            cols = named["a"].replace_strict(index, return_dtype=pl.Int64).to_numpy()
            m[named["i"].to_numpy(), cols] = True
    return m, has


def conflict_matrix(graph: CommitmentGraph, d: pl.DataFrame, aggressors: list[int],
                     index: dict[int, int]) -> Bool:
    """Rule 9 for every possible victim and possible aggressor at once: commitment ×
    aggressor, true when the obligor of a bound (or neutral) promise to the victim owes that
    aggressor a binding, known promise of a clashing kind that bears on this war (names no
    adversary, or names the victim) — the one conflict test of :mod:`foedus.rules.conflicts`,
    for every (victim, aggressor) at once as one join (``tests/scenario`` checks it agrees
    with :func:`foedus.rules.engaged_all`)."""
    out = np.zeros((d.height, len(index)), dtype=bool)
    if d.is_empty() or not aggressors:
        return out
    mine = d.with_row_index("pos").filter(pl.col("category").is_in(sorted(CLASHES))) \
        .select("pos", "obligor", pl.col("beneficiary").alias("target"), "category")
    theirs = graph.edges.filter(firm_expr() & pl.col("beneficiary").is_in(aggressors)) \
        .select("obligor", pl.col("beneficiary").alias("attacker"), "kind", "adversaries")
    hits = (mine.join(theirs, on="obligor")
            .filter((pl.col("attacker") != pl.col("target"))
                    & bears_on_expr(pl.col("target")))
            .join(clash_table(), on=["category", "kind"], how="semi"))
    for pos, a in hits.select("pos", "attacker").iter_rows():
        out[pos, index[a]] = True
    return out


def offense_clash(firm: pl.DataFrame, o: pl.DataFrame, universe: list[int],
                   index: dict[int, int]) -> Bool:
    """offense commitment × state: the obligor owes that state a binding defense, guarantee,
    neutrality or nonaggression promise (so it cannot join a war on it)."""
    out = np.zeros((o.height, len(index)), dtype=bool)
    if not o.height:
        return out
    clash = firm.filter(pl.col("kind").is_in(sorted(OFFENSE_CLASHES))
                        & pl.col("obligor").is_in(o["obligor"].unique().to_list())
                        & pl.col("beneficiary").is_in(universe))
    by_obl: dict[int, list[tuple[int, list[int]]]] = {}
    for ob, be, adv in clash.select("obligor", "beneficiary", "adversaries").iter_rows():
        by_obl.setdefault(ob, []).append((be, adversaries_of(adv)))
    for i, (ob, ben) in enumerate(zip(o["obligor"].to_list(), o["beneficiary"].to_list(),
                                      strict=True)):
        for be, adv in by_obl.get(ob, []):
            if fires(adv, ben):
                out[i, index[be]] = True
    return out


def join_block(firm: pl.DataFrame, universe: list[int], attackers: set[int],
                targets: set[int], index: dict[int, int]) -> Bool:
    """Rule 10: states × (attacker side, defender side) a state may not join, because it owes
    binding neutrality or nonaggression to an original target, or binding neutrality to an
    original attacker (a nonaggression promise to an aggressor does not forbid collective
    self-defence against it)."""
    out = np.zeros((len(index), 2), dtype=bool)
    abstain = firm.filter(pl.col("kind").is_in(sorted(ABSTAIN))
                          & pl.col("obligor").is_in(universe))
    for ob, be, kind in abstain.select("obligor", "beneficiary", "kind").iter_rows():
        if be in attackers and kind in ABSTAIN_AGGRESSOR:
            out[index[ob], 1] = True   # may not join the defenders against it
        if be in targets:
            out[index[ob], 0] = True   # may not join the attackers against it
    return out


def first_round(d: pl.DataFrame, attacks: tuple[Attack, ...],
           graph: CommitmentGraph) -> tuple[Bool, dict[int, str], dict[int, str]]:
    """Which defense-type commitments the original attacks fire (rules 2, 4, 5, 6), why, and
    why the others owed to a target do not."""
    system = load_state_system()

    def abb(code: int) -> str:
        return system.by_code(code).abb

    fire0 = np.zeros(d.height, dtype=bool)
    fail: dict[int, str] = {}
    why: dict[int, str] = {}
    by_target: dict[int, list[Attack]] = {}
    for a in attacks:
        by_target.setdefault(a.target, []).append(a)
    # only commitments owed to a target can fire on an original attack
    cols = d.with_row_index("i").filter(pl.col("beneficiary").is_in(list(by_target))).select(
        "i", "obligor", "beneficiary", "adversaries", "territory", "non_provocation",
        "instrument_id", "kind", "legal_force", "strength").rows()
    for i, ob, be, adv, terr, nonprov, inst, kind, force, strength in cols:
        for a in by_target.get(be, []):
            if ob == a.attacker:
                continue
            names = adversaries_of(adv)
            if not fires(names, a.attacker):
                fail.setdefault(i, f"names adversaries {', '.join(abb(n) for n in names)}; "
                                f"the attacker ({abb(a.attacker)}) is not among them")
                continue
            if terr and a.territory and inst not in a.covered:
                fail.setdefault(i, f"territorial clause ({terr}) does not cover "
                                f"{a.territory}: {inst} is not in the attack's `covered`")
                continue
            if nonprov and a.provoked:
                fail.setdefault(i, "non-provocation clause: the scenario says the target "
                                "provoked the attack")
                continue
            fire0[i] = True
            fail.pop(i, None)
            what = f"{kind} ({force}{', ' + strength if strength else ''})"
            bits = [f"{what} owed to the victim of an armed attack by {abb(a.attacker)}"]
            bits.append("the attacker is a named adversary" if names
                        else "names no adversary, so any armed attack engages it")
            if terr:
                bits.append(f"territory: {a.territory} is covered" if a.territory else
                            "no territory given: the attack falls on the home territory, "
                            "which the territorial clause covers")
            if nonprov:
                bits.append("non-provocation clause met (attack not provoked)")
            why[i] = "; ".join(bits)
            break
    return fire0, fail, why
