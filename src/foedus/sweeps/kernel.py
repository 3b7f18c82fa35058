"""The per-partition computation of a sweep: one attack per ordered (attacker, target) pair.

Why one function: a pair, a block of pairs, an edited architecture and a Dask worker all call
:func:`run_block` over a :class:`~foedus.graph.CommitmentGraph`, so every answer comes from the
same rules (:mod:`foedus.rules`, :mod:`foedus.scenario.cascade`).

Output (one row per state that takes part in the war of one pair, stored long):

``date`` (Date), ``attacker``, ``target``, ``state`` (Int32 COW codes), ``p_enter`` (Float64:
share of simulated wars in which ``state`` fights), ``side`` (``"attacker"``/``"defender"``),
``first_round`` (Int16: 0 for the attacker and the target, 1 for a state that enters at once,
2+ for chain-ganging; the earliest round over the draws in which it entered).
The attacker and the target are always rows (``p_enter`` 1, round 0); a state with
``p_enter == 0`` is not a row. The expected war size of a pair is the sum of ``p_enter``.

Two engines:

``cascade`` (default; Monte Carlo, the scenario engine's rules): each pair is the scenario
"``attacker`` attacks ``target``" with no joining without a promise, ``draws`` simulated wars,
p(honour) per commitment from the sweep's credibility model (:mod:`foedus.sweeps.honour`:
the fitted model, or published base rates). Most wars end after round 1 — a state joining in
defence makes no new victims (cascade rule 3), and only an offense promise owed to the attacker
can bring a new aggressor in — so those pairs are answered for the whole block at once
(:func:`foedus.rules.engaged_all` finds every promise fired by every attack; each state
honours its strongest; one resolve draw per state and war). Pairs whose attacker is owed an
offense promise that fires run the round-by-round cascade
(:func:`foedus.scenario.cascade.simulate`): in the registry, the Pact of Steel's ~120 pairs
of 1939 and none after 1945; with ATOP, a few thousand pairs over 1816-1990 in all. With
``draws == 0`` the deterministic resolution: every bound duty honoured, nothing else.

``rules`` (deterministic, the bound duties only): a state bound (binding defense or
guarantee, casus foederis met, no conflict of obligations) to defend the target against this
attacker enters in round 1 with ``p_enter`` 1 — the cascade's deterministic resolution for
every pair whose attacker is owed no offense promise (tested); it does not follow offense
chains.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal

import numpy as np
import numpy.typing as npt
import polars as pl

from foedus.rules import engaged_all
from foedus.rules.conflicts import firm_expr
from foedus.rules.trigger import fires
from foedus.rules.war import Attack, brings_in, row_mask
from foedus.scenario.cascade import ATT, DEF, build_structure, simulate
from foedus.sweeps.honour import honour_scores

if TYPE_CHECKING:
    from foedus.graph import CommitmentGraph

__all__ = ["run_block", "SCHEMA", "Engine", "ENGINES"]

Engine = Literal["cascade", "rules"]
ENGINES = ("cascade", "rules")
Float = npt.NDArray[np.float64]
SCHEMA: dict[str, pl.DataType] = {
    "date": pl.Date(), "attacker": pl.Int32(), "target": pl.Int32(), "state": pl.Int32(),
    "p_enter": pl.Float64(), "side": pl.Utf8(), "first_round": pl.Int16(),
}
_LONG = tuple(k for k in SCHEMA if k != "date")  # what the engines compute; date is added


def _pairs(attackers: Sequence[int], targets: Sequence[int]) -> list[tuple[int, int]]:
    return [(int(a), int(t)) for a in attackers for t in targets if int(a) != int(t)]


def _principals(day: dt.date, pairs: list[tuple[int, int]]) -> pl.DataFrame:
    att = [a for a, _ in pairs]
    tgt = [t for _, t in pairs]
    n = len(pairs)
    both = pl.DataFrame({
        "attacker": att + att, "target": tgt + tgt, "state": att + tgt,
        "p_enter": [1.0] * (2 * n), "side": ["attacker"] * n + ["defender"] * n,
        "first_round": [0] * (2 * n),
    })
    return both.with_columns(pl.lit(day).alias("date"))


def run_block(graph: CommitmentGraph, attackers: Sequence[int], targets: Sequence[int],
              draws: int = 1000, seed: int = 0, engine: Engine = "cascade",
              honour: Float | None = None) -> pl.DataFrame:
    """Every war in which one of ``attackers`` attacks one of ``targets`` (pairs with
    attacker == target are skipped), as the long frame described in the module docstring,
    sorted by attacker, target, first round, state. ``honour`` is p(honour) per row of
    ``graph.edges`` (:func:`foedus.sweeps.honour.honour_scores`; base rates when omitted).
    The same inputs always give the same frame, however the pairs are cut into blocks."""
    pairs = _pairs(attackers, targets)
    day = graph.day
    if not pairs:
        return pl.DataFrame(schema=SCHEMA)
    if engine == "rules":
        joined = _rules(graph, pairs)
    elif engine == "cascade":
        joined = _cascade(graph, pairs, draws, seed, honour)
    else:  # pragma: no cover - guarded by the CLI's choices
        raise ValueError(f"unknown engine {engine!r}")
    out = pl.concat([_principals(day, pairs).select(list(SCHEMA)),
                     joined.with_columns(pl.lit(day).alias("date")).select(list(SCHEMA))],
                    how="vertical_relaxed")
    return out.cast(SCHEMA).sort("attacker", "target", "first_round", "state")  # type: ignore[arg-type]


def _rules(graph: CommitmentGraph, pairs: list[tuple[int, int]]) -> pl.DataFrame:
    hits = engaged_all(graph, [(t, a) for a, t in pairs])
    bound = hits.filter((pl.col("category") == "bound")
                        & (pl.col("obligor") != pl.col("attacker"))
                        & (pl.col("obligor") != pl.col("target")))
    # a state whose duties would put it on both sides stays out (cascade rule 9)
    torn = hits.filter(pl.col("category") == "conflicted").select(
        "attacker", "target", pl.col("obligor").alias("state")).unique()
    return (bound.select("attacker", "target", pl.col("obligor").alias("state"))
            .unique().join(torn, on=["attacker", "target", "state"], how="anti")
            .with_columns(pl.lit(1.0).alias("p_enter"), pl.lit("defender").alias("side"),
                          pl.lit(1).alias("first_round")))


def _cascade(graph: CommitmentGraph, pairs: list[tuple[int, int]], draws: int, seed: int,
             honour: Float | None) -> pl.DataFrame:
    p_row = honour if honour is not None else honour_scores(graph)
    if len(p_row) != graph.edges.height:
        raise ValueError(f"{len(p_row)} p(honour) scores for a graph of {graph.edges.height} "
                         "commitments: the scores were computed for another graph")
    chains = _chain_pairs(graph, pairs, p_row)
    one_round = [pr for pr in pairs if pr not in chains]
    parts = [_one_round(graph, one_round, p_row, draws, seed)]
    parts += [_rounds(graph, a, t, p_row, draws, seed) for a, t in pairs if (a, t) in chains]
    return pl.concat(parts, how="vertical_relaxed")


def _chain_pairs(graph: CommitmentGraph, pairs: list[tuple[int, int]],
                 p_row: Float) -> set[tuple[int, int]]:
    """Pairs whose war can last beyond round 1: an offense promise owed to the attacker fires
    against the target (rule 7) with p(honour) > 0. Only a state entering on the attacking side
    makes new victims (rule 3), and only an offense promise brings one in, so every other
    pair's war is over after round 1."""
    edges = graph.edges.with_row_index("row")
    off = edges.filter((pl.col("kind") == "offense") & (pl.col("legal_force") != "proposal")
                       & (pl.col("obligor") != pl.col("beneficiary")))
    if off.is_empty():
        return set()
    live = [(int(r), int(ob), int(be), [int(x) for x in (adv or [])])
            for r, ob, be, adv in off.select("row", "obligor", "beneficiary", "adversaries")
            .iter_rows() if p_row[int(r)] > 0]
    out = set()
    for a, t in pairs:
        if any(be == a and ob != t and fires(adv, t) for _, ob, be, adv in live):
            out.add((a, t))
    return out


def _one_round(graph: CommitmentGraph, pairs: list[tuple[int, int]], p_row: Float,
               draws: int, seed: int) -> pl.DataFrame:
    """Wars that end after round 1, for many pairs at once.

    A state enters on the target's side in round 1 when a promise of its that can bring it in
    (cascade rule 8: bound, or a political or presumed defense pledge) fires on the attack
    (:func:`foedus.rules.engaged_all`: casus foederis, named adversaries) and is not blocked
    by a binding promise to the attacker (rule 9); it honours the strongest (rule 11): it
    enters in a simulated war when its resolve, one uniform draw per state and war, is below
    that promise's p(honour). With ``draws == 0`` the deterministic resolution: every bound
    duty is honoured, nothing else.
    """
    empty = pl.DataFrame(schema={k: SCHEMA[k] for k in _LONG})
    if not pairs:
        return empty
    hits = engaged_all(graph, [(t, a) for a, t in pairs])
    can_enter = brings_in(deterministic=draws <= 0)
    keys = ["attacker", "target", "obligor"]
    blocked = hits.filter(pl.col("category") == "conflicted", pl.col("side") == "target") \
        .select(keys).unique()
    cand = hits.filter(can_enter, pl.col("obligor") != pl.col("target"),
                       pl.col("obligor") != pl.col("attacker"))
    cand = pl.concat([
        cand.filter(pl.col("category") != "bound"),
        cand.filter(pl.col("category") == "bound").join(blocked, on=keys, how="anti"),
    ])
    cand = cand.with_columns(pl.Series("p", p_row[cand["row"].to_numpy()]))
    cand = (cand.filter(pl.col("p") > 0).group_by(keys).agg(pl.col("p").max())
            .sort(keys))
    if cand.is_empty():
        return empty
    if draws <= 0:
        p_enter = np.ones(cand.height)
    else:
        p_enter = _draw(cand["attacker"].to_numpy(), cand["target"].to_numpy(),
                        cand["p"].to_numpy(), draws, seed)
    out = cand.select("attacker", "target", pl.col("obligor").alias("state")).with_columns(
        pl.Series("p_enter", p_enter), pl.lit("defender").alias("side"),
        pl.lit(1).alias("first_round"))
    return out.filter(pl.col("p_enter") > 0)


def _draw(att: npt.NDArray[np.int64], tgt: npt.NDArray[np.int64], p: Float, draws: int,
          seed: int) -> Float:
    """Share of ``draws`` simulated wars in which each candidate enters: per pair one random
    stream (``default_rng([seed, attacker, target])``, so a pair's answer does not depend on
    the partition it ran in), a ``draws × candidates`` matrix of resolve, compared with p.
    Rows are sorted by pair."""
    starts = np.flatnonzero(np.r_[True, (att[1:] != att[:-1]) | (tgt[1:] != tgt[:-1])])
    ends = np.r_[starts[1:], len(p)]
    out = np.empty(len(p))
    for s, e in zip(starts.tolist(), ends.tolist(), strict=True):
        rng = np.random.default_rng([int(seed), int(att[s]), int(tgt[s])])
        u = rng.random((draws, e - s))
        out[s:e] = np.count_nonzero(u < p[s:e], axis=0) / draws
    return out


def _rounds(graph: CommitmentGraph, a: int, t: int, p_row: Float, draws: int,
            seed: int) -> pl.DataFrame:
    """One pair through the scenario engine's round-by-round cascade (offense chains)."""
    # no joining model: nobody joins without a promise (p(join) all 0)
    st, pjoin = build_structure(graph, (Attack(a, t),), None)
    rows: dict[str, list[object]] = {k: [] for k in _LONG}
    d_p = np.where(row_mask(graph, st.d_row, brings_in(deterministic=draws <= 0)),
                   p_row[st.d_row], 0.0)
    if draws > 0:
        rng = np.random.default_rng([int(seed), a, t])
        out = simulate(st, d_p, p_row[st.o_row], pjoin, draws=draws, rng=rng)
    else:
        o_p = row_mask(graph, st.o_row, firm_expr()).astype(float)
        out = simulate(st, d_p, o_p, pjoin, draws=1, rng=None)
    for j, code in enumerate(st.states.tolist()):
        if code in (a, t):
            continue
        for s_val, s_name in ((ATT, "attacker"), (DEF, "defender")):
            on = out.side[:, j] == s_val
            if not on.any():
                continue
            rows["attacker"].append(a)
            rows["target"].append(t)
            rows["state"].append(int(code))
            rows["p_enter"].append(float(on.mean()))
            rows["side"].append(s_name)
            rows["first_round"].append(int(out.rnd[on, j].min()))
    return pl.DataFrame(rows, schema={k: SCHEMA[k] for k in rows})
