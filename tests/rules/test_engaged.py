"""The casus-foederis rules on a graph: one pair, all pairs, edited architectures."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import Any

import polars as pl

from foedus.graph import CommitmentGraph, graphs_equal
from foedus.query.answers import DEFENDER_LISTS
from foedus.rules import engaged, engaged_all

DAY = dt.date(2025, 1, 1)


def _summary(ans_json: dict[str, Any]) -> set[tuple[str, int, str, str, str]]:
    out = set()
    for cat in DEFENDER_LISTS:
        for e in ans_json[cat]:
            out.add((cat, e["from"]["ccode"], e["instrument"]["id"], e["kind"],
                     e.get("side") or ""))
    return out


def test_all_pairs_agree_with_defenders_on_a_sample(fx: Any) -> None:
    graph = fx.graph(DAY)
    alive = sorted(s.ccode for s in fx.states if s.member_on(DAY))
    pairs = [(t, a) for t in alive for a in alive if t != a]
    assert len(pairs) > 36_000
    every = engaged_all(graph, pairs)
    rng = random.Random(20250101)
    sample = rng.sample(pairs, 500) + [(366, 365), (2, 365), (255, 220), (369, 365)]
    for t, a in sample:
        mine = every.filter((pl.col("target") == t) & (pl.col("attacker") == a))
        got = {(r["category"], r["obligor"], r["instrument_id"], r["kind"], r["side"] or "")
               for r in mine.to_dicts()}
        assert got == _summary(fx.defenders(t, a, DAY).to_json()), (t, a)


def test_estonia_attacked_by_russia_engages_nato_and_the_eu(fx: Any) -> None:
    e = engaged(fx.graph(DAY), 366, 365)
    bound = {(h.obligor, h.edge["instrument_id"]) for h in e.bound}
    assert (2, "nato") in bound and (220, "eu-art-42-7") in bound
    assert (205, "eu-art-42-7") in bound and (205, "nato") not in bound  # Ireland: EU only
    assert all("names no adversary" in h.reason for h in e.bound)
    # Germany's Two Plus Four Art. 2 is a restraint subject to the UN Charter, not a pledge of
    # non-aggression to Russia: it does not make Germany conflicted.
    assert not e.conflicted


def test_named_adversary_condition_is_honoured(fx: Any) -> None:
    # The 1939 Anglo-Polish Agreement's secret protocol names Germany: it fires against
    # Germany, not against the Soviet Union.
    day = dt.date(1939, 9, 17)
    g = fx.graph(day)
    vs_germany = {h.obligor for h in engaged(g, 290, 255).bound}
    vs_ussr = engaged(g, 290, 365)
    assert 200 in vs_germany
    assert 200 not in {h.obligor for h in vs_ussr.bound}
    assert any(h.obligor == 200 and "directed only against" in h.reason
               for h in vs_ussr.not_triggered)


def test_graph_from_the_registry_equals_the_graph_from_the_store(fx: Any) -> None:
    for day in ("1914-08-03", "1939-09-01", "1990-11-21", "2025-01-01"):
        d = dt.date.fromisoformat(day)
        from_store = fx.read_graph(d, source="registry")
        assert graphs_equal(from_store, CommitmentGraph.from_registry(fx.registry, d)), day


def test_overlays_never_touch_the_store(fx: Any) -> None:
    g = fx.graph(DAY)
    without_us = g.without_member("nato", 2)
    assert 2 not in {h.obligor for h in engaged(without_us, 366, 365).bound}
    assert 2 in {h.obligor for h in engaged(fx.graph(DAY), 366, 365).bound}  # unchanged
    # Ukraine joins NATO: every member is then bound to defend it against Russia.
    joined = g.with_member(fx.registry.instruments["nato"], 369)
    bound = {h.obligor for h in engaged(joined, 369, 365).bound if
             h.edge["instrument_id"] == "nato"}
    assert {2, 200, 220, 255, 290} <= bound
    assert not engaged(g.without_instrument("nato").without_instrument("eu-art-42-7"),
                       366, 365).bound


def test_parquet_snapshot_round_trips(fx: Any, tmp_path: Path) -> None:
    g = fx.graph(DAY)
    back = CommitmentGraph.from_parquet(g.to_parquet(tmp_path / "g.parquet"))
    assert back.day == g.day and back.source == g.source and back.unknown == g.unknown
    assert back.edges.equals(g.edges)
    assert engaged(back, 366, 365).bound_obligors() == engaged(g, 366, 365).bound_obligors()
