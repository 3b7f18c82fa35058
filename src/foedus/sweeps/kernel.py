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

``rules`` (default; deterministic, vectorised over all pairs of the block at once): the
duties of :func:`foedus.rules.engaged_all` — a state bound (binding defense or guarantee,
casus foederis met, no conflict of obligations) to defend the target against this attacker
enters in round 1 with ``p_enter`` 1. Under the cascade's rule 3 a state joining in defence
does not make its own allies' pledges fire, and no binding offense promise is in force after
1945, so for post-1945 days this equals the cascade's deterministic resolution (tested).
``draws`` and ``seed`` do not change its answer.

``cascade`` (Monte Carlo): the scenario engine's round-by-round cascade
(:func:`foedus.scenario.cascade.build_structure` and ``simulate``), vectorised over ``draws``,
with the published base rates of :class:`foedus.scenario.priors.BaseRates` as p(honour) and
no joining without a promise (workers have only the graph, not the researcher datasets the
fitted models read). Pairs for which ``engaged_all`` finds no promise at all are answered
without building a cascade (nobody can enter). Chain-ganging through offense promises and
later rounds are the cascade's. About 25 pairs/s per core in 2025.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal

import numpy as np
import polars as pl

if TYPE_CHECKING:
    from foedus.graph import CommitmentGraph

__all__ = ["run_block", "SCHEMA", "Engine"]

Engine = Literal["rules", "cascade"]
SCHEMA: dict[str, pl.DataType] = {
    "date": pl.Date(), "attacker": pl.Int32(), "target": pl.Int32(), "state": pl.Int32(),
    "p_enter": pl.Float64(), "side": pl.Utf8(), "first_round": pl.Int16(),
}
_PROMISES = ("bound", "assurances", "presumed", "consult", "aid", "restraint")


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
              draws: int = 0, seed: int = 0, engine: Engine = "rules") -> pl.DataFrame:
    """Every war in which one of ``attackers`` attacks one of ``targets`` (pairs with
    attacker == target are skipped), as the long frame described in the module docstring,
    sorted by attacker, target, state. The same inputs always give the same frame."""
    pairs = _pairs(attackers, targets)
    day = graph.day
    if not pairs:
        return pl.DataFrame(schema=SCHEMA)
    if engine == "rules":
        joined = _rules(graph, pairs)
    elif engine == "cascade":
        joined = _cascade(graph, pairs, draws, seed)
    else:  # pragma: no cover - guarded by the CLI's choices
        raise ValueError(f"unknown engine {engine!r}")
    out = pl.concat([_principals(day, pairs).select(list(SCHEMA)),
                     joined.with_columns(pl.lit(day).alias("date")).select(list(SCHEMA))],
                    how="vertical_relaxed")
    return out.cast(SCHEMA).sort("attacker", "target", "first_round", "state")  # type: ignore[arg-type]


def _rules(graph: CommitmentGraph, pairs: list[tuple[int, int]]) -> pl.DataFrame:
    from foedus.rules import engaged_all

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


def _cascade(graph: CommitmentGraph, pairs: list[tuple[int, int]], draws: int,
             seed: int) -> pl.DataFrame:
    from foedus.model.schema import BINDING
    from foedus.rules import engaged_all
    from foedus.scenario.cascade import ATT, DEF, build_structure, simulate
    from foedus.scenario.priors import BaseRates, NoJoining
    from foedus.scenario.spec import Attack

    hits = engaged_all(graph, [(t, a) for a, t in pairs])
    live = set(hits.filter(pl.col("category").is_in(_PROMISES))
               .select("attacker", "target").unique().iter_rows())
    edges = graph.edges
    offense_owed = set(edges.filter(pl.col("kind") == "offense")["beneficiary"].to_list())
    cred, join = BaseRates(), NoJoining()
    rows: dict[str, list[object]] = {k: [] for k in
                                     ("attacker", "target", "state", "p_enter", "side",
                                      "first_round")}
    for a, t in pairs:
        if (a, t) not in live and a not in offense_owed:
            continue
        st, pjoin = build_structure(graph, (Attack(a, t),), join)
        if st.n_states <= 2:
            continue
        d_rows = st.d_row.tolist()
        o_rows = st.o_row.tolist()
        trig = edges[d_rows + o_rows].with_columns(
            pl.lit(graph.day).alias("day"), pl.lit(a).alias("attacker"), pl.lit(1).alias("round"))
        p, _ = cred.p_honour(trig) if trig.height else (np.zeros(0), {})
        p = np.clip(np.asarray(p, dtype=float), 0.0, 1.0)
        d_p, o_p = p[:len(d_rows)], p[len(d_rows):]
        if len(d_rows):
            sub = edges[d_rows]
            ok = ((sub["category"] == "bound")
                  & sub["kind"].is_in(["defense", "guarantee"])).to_numpy()
            d_p = np.where(ok, d_p, 0.0)
        if len(o_rows):
            sub = edges[o_rows]
            o_ok = (sub["legal_force"].is_in(sorted(BINDING)) & ~sub["presumed"]).to_numpy()
            o_p = np.where(o_ok, o_p, 0.0)
        n = max(int(draws), 1)
        # one stream per pair: the answer for a pair does not depend on its block
        rng = np.random.default_rng([int(seed), a, t]) if draws > 0 else None
        if rng is None:
            d_p, o_p = (d_p > 0).astype(float), (o_p > 0).astype(float)
        out = simulate(st, d_p, o_p, pjoin, draws=n, rng=rng)
        side = out.side  # draws × states
        for j, code in enumerate(st.states.tolist()):
            if code in (a, t):
                continue
            for s_val, s_name in ((ATT, "attacker"), (DEF, "defender")):
                on = side[:, j] == s_val
                if not on.any():
                    continue
                rows["attacker"].append(a)
                rows["target"].append(t)
                rows["state"].append(int(code))
                rows["p_enter"].append(float(on.mean()))
                rows["side"].append(s_name)
                rows["first_round"].append(int(out.rnd[on, j].min()))
    return pl.DataFrame(rows, schema={k: SCHEMA[k] for k in rows})
