"""A full-system sweep: every ordered pair of states on a day, Monte Carlo, 1 and 2 workers.

Prints, for the bundled registry (plus the datasets imported from ``--data FOLDER``: ATOP,
peacesciencer, isard and the UN ideal points, so the fitted credibility model has its
features) on ``--on`` (default 2025-01-01):

- the full-system sweep with the default ``cascade`` engine (the scenario engine's rules,
  ``--draws`` Monte Carlo draws per pair, fitted credibility) with one and with two local
  worker processes: wall time (graph snapshot, p(honour) scores, partition files written and
  read back included) and pairs/second; the two frames must be identical;
- the same with ten times the draws, with one and two workers (where the kernel dominates);
- the same sweep on a dask ``LocalCluster`` of two workers (``--scheduler local``): identical?
- the baseline in the same process: the scenario engine itself (``session.scenario(...)``,
  one pair at a time, the same draws and model) on ``--sample`` pairs, its pairs/second, and
  the full system extrapolated from it — what a sweep costs without the sweep kernel;
- the deterministic ``rules`` engine for reference.

Goal: the full-system sweep with 1,000 draws per pair under 60 s on a 2-core machine (at
most 5 minutes).

    python benchmarks/sweep.py [--on 2025-01-01] [--draws 1000] [--data ../shared/data]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import tempfile
import time
from pathlib import Path

DATASETS = (("atop", "atop-5.1"), ("peacesciencer", "peacesciencer"), ("isard", "isard"),
            ("ideal-points", "un-ideal-points-2025"))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--on", default="2025-01-01")
    ap.add_argument("--draws", type=int, default=1000)
    ap.add_argument("--sample", type=int, default=40, help="pairs for the scenario baseline")
    ap.add_argument("--data", default=os.environ.get("FOEDUS_SHARED_DATA", "../shared/data"),
                    help="folder holding the dataset releases to import ('' for none)")
    args = ap.parse_args()
    day = dt.date.fromisoformat(args.on)
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["FOEDUS_HOME"] = tmp  # never the user's data home
        from foedus.scenario.priors import NoJoining
        from foedus.session import Session
        from foedus.sources.importer import import_dataset
        from foedus.sweeps import sweep

        s = Session(Path(tmp) / "bench.duckdb")
        imported = []
        if args.data:
            with s.writer() as w:
                for name, folder in DATASETS:
                    if (Path(args.data) / folder).exists():
                        import_dataset(w, name, Path(args.data) / folder)
                        imported.append(name)
        g = s.graph(day)
        codes = sorted(st.ccode for st in s.states.members_on(day))
        n_pairs = len(codes) * (len(codes) - 1)
        print(f"{day}: {len(codes)} states, {n_pairs:,} ordered pairs, {g.edges.height:,} "
              f"commitments in the graph (registry{''.join(' + ' + d for d in imported)}); "
              f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}")
        results, times = {}, {}
        for workers in (1, 2):
            t = time.perf_counter()
            res = sweep(s, [day], draws=args.draws, seed=1, workers=workers,
                        work=Path(tmp) / f"mc{workers}")
            secs = time.perf_counter() - t
            results[workers], times[workers] = res.long, secs
            print(f"cascade engine, {args.draws:,} draws/pair, {workers} worker(s): "
                  f"{secs:6.1f} s, {res.pairs.height / secs:,.0f} pairs/s, "
                  f"{res.long.height:,} rows; credibility: {res.meta['credibility']}")
        print(f"  1 and 2 workers identical: {results[1].equals(results[2])}")
        # scaling with workers where the kernel, not the fixed costs (graph snapshot, scores,
        # starting worker processes), dominates: ten times the draws
        for workers in (1, 2):
            t = time.perf_counter()
            res = sweep(s, [day], draws=10 * args.draws, seed=1, workers=workers,
                        work=Path(tmp) / f"mc10x{workers}")
            secs = time.perf_counter() - t
            print(f"cascade engine, {10 * args.draws:,} draws/pair, {workers} worker(s): "
                  f"{secs:6.1f} s, {res.pairs.height / secs:,.0f} pairs/s")
        t = time.perf_counter()
        dres = sweep(s, [day], draws=args.draws, seed=1, workers=2, scheduler="local",
                     work=Path(tmp) / "dask")
        print(f"cascade engine, dask LocalCluster of 2: {time.perf_counter() - t:6.1f} s; "
              f"identical to local processes: {dres.long.equals(results[1])}")

        rng = random.Random(1)
        sample = [tuple(rng.sample(codes, 2)) for _ in range(args.sample)]
        t = time.perf_counter()
        for a, b in sample:
            spec = {"date": day.isoformat(), "attacks": [{"attacker": a, "target": b}]}
            s.scenario(spec, joining=NoJoining()).run(draws=args.draws, seed=1)
        secs = time.perf_counter() - t
        rate = len(sample) / secs
        print(f"baseline, the scenario engine pair by pair ({args.draws:,} draws, same model): "
              f"{rate:,.1f} pairs/s; the full system would take {n_pairs / rate / 60:,.0f} min")
        mc_rate = n_pairs / times[1]
        print(f"  sweep kernel / scenario engine: {mc_rate / rate:,.0f}x")

        t = time.perf_counter()
        res = sweep(s, [day], engine="rules", workers=1, work=Path(tmp) / "rules")
        secs = time.perf_counter() - t
        print(f"rules engine (deterministic bound duties), 1 worker: {secs:6.1f} s, "
              f"{res.pairs.height / secs:,.0f} pairs/s")
        s.close()


if __name__ == "__main__":
    main()
