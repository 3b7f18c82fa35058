"""Casus foederis for every ordered pair of states on a day, in one vectorised pass.

Prints, for the bundled registry (plus ATOP when ``--atop FOLDER`` is given) on ``--on``
(default 2025-01-01): the time to build the day's CommitmentGraph, ``engaged_all`` over every
ordered pair of states in the system (median of ``--repeat`` runs), one pair with ``engaged``
and with ``defenders`` (median over 1,000 random pairs, warm), and the baseline run in the same
process: ``defenders`` called pair by pair for a sample, extrapolated to all pairs. It then
checks that ``engaged_all`` agrees with ``defenders`` on ``--check`` random pairs.
Goals: all pairs under 1 s, one pair under 1 ms.

    python benchmarks/engaged.py [--on 2025-01-01] [--repeat 5] [--check 500] [--atop DIR]
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import polars as pl

from foedus.query.answers import DEFENDER_LISTS
from foedus.rules import engaged, engaged_all
from foedus.session import Session


def _key(cat: str, e: dict[str, Any]) -> tuple[Any, ...]:
    return (cat, e["from"]["ccode"], e["instrument"]["id"], e["kind"], e.get("side") or "")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--on", default="2025-01-01")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--check", type=int, default=500)
    ap.add_argument("--atop", default=None, help="ATOP 5.1 folder to import first")
    args = ap.parse_args()
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp, Session(Path(tmp) / "bench.duckdb") as s:
        if args.atop:
            from foedus.sources.importer import import_dataset

            with s.writer() as w:
                import_dataset(w, "atop", Path(args.atop))
        t = time.perf_counter()
        graph = s.graph(args.on)
        t_graph = time.perf_counter() - t
        alive = sorted(x.ccode for x in s.states if x.member_on(graph.day))
        pairs = [(a, b) for a in alive for b in alive if a != b]
        print(f"{graph.day}: {len(alive)} states, {len(pairs):,} ordered pairs; graph of "
              f"{len(graph):,} commitments built in {t_graph * 1e3:.0f} ms")
        runs = []
        for _ in range(args.repeat):
            t = time.perf_counter()
            every = engaged_all(graph, pairs)
            runs.append(time.perf_counter() - t)
        all_pairs = statistics.median(runs)
        print(f"engaged_all, every pair: median {all_pairs:.3f} s over {args.repeat} runs "
              f"({len(pairs) / all_pairs:,.0f} pairs/s; {every.height:,} engaged rows)")
        sample = rng.sample(pairs, 1000)
        graph.records()  # warm the per-pair index
        one, per = [], []
        for target, attacker in sample:
            t = time.perf_counter()
            engaged(graph, target, attacker)
            one.append(time.perf_counter() - t)
            t = time.perf_counter()
            s.defenders(target, attacker, graph.day)
            per.append(time.perf_counter() - t)
        print(f"one pair, engaged:   median {statistics.median(one) * 1e3:.3f} ms")
        print(f"one pair, defenders: median {statistics.median(per) * 1e3:.3f} ms "
              "(with the answer's entries)")
        baseline = statistics.median(per) * len(pairs)
        print(f"baseline, defenders pair by pair for every pair: ~{baseline:.1f} s; "
              f"ratio baseline/engaged_all {baseline / all_pairs:.0f}x")
        bad = 0
        for target, attacker in rng.sample(pairs, min(args.check, len(pairs))):
            mine = every.filter((pl.col("target") == target) & (pl.col("attacker") == attacker))
            got = {(r["category"], r["obligor"], r["instrument_id"], r["kind"], r["side"] or "")
                   for r in mine.to_dicts()}
            ans = s.defenders(target, attacker, graph.day).to_json()
            want = {_key(c, e) for c in DEFENDER_LISTS for e in ans[c]}
            bad += got != want
        print(f"agreement with defenders on {args.check} random pairs: "
              f"{args.check - bad}/{args.check}")


if __name__ == "__main__":
    main()
