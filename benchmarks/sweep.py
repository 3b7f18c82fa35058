"""A full-system sweep: every ordered pair of states on a day, with 1 and 2 local workers.

Prints, for the bundled registry (plus ATOP when ``--atop FOLDER`` is given) on ``--on``
(default 2025-01-01):

- the full-system sweep with the default ``rules`` engine (deterministic: every duty the rules
  find honoured; ``--draws`` does not change its answer), wall time and pairs/second with one
  and with two worker processes (partition files written and read back included);
- the ``cascade`` engine (the scenario engine's Monte Carlo, ``--draws`` draws per pair) on a
  sample of ``--sample`` attackers against every target, with one and two workers, and the
  full-system time extrapolated from it;
- whether ``--scheduler local`` (a dask LocalCluster) gives the identical frame.

Goal: the full-system sweep under 60 s on a 2-core machine (at most 5 minutes).

    python benchmarks/sweep.py [--on 2025-01-01] [--draws 1000] [--sample 6] [--atop DIR]
"""

from __future__ import annotations

import argparse
import datetime as dt
import tempfile
import time
from pathlib import Path

from foedus.session import Session
from foedus.sweeps import sweep


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--on", default="2025-01-01")
    ap.add_argument("--draws", type=int, default=1000)
    ap.add_argument("--sample", type=int, default=6, help="attackers for the cascade sample")
    ap.add_argument("--atop", default=None, help="ATOP 5.1 folder to import first")
    args = ap.parse_args()
    day = dt.date.fromisoformat(args.on)
    with tempfile.TemporaryDirectory() as tmp, Session(Path(tmp) / "bench.duckdb") as s:
        if args.atop:
            from foedus.sources.importer import import_dataset

            with s.writer() as w:
                import_dataset(w, "atop", Path(args.atop))
        g = s.graph(day)
        codes = sorted(st.ccode for st in s.states.members_on(day))
        n_pairs = len(codes) * (len(codes) - 1)
        print(f"{day}: {len(codes)} states, {n_pairs:,} ordered pairs, {g.edges.height:,} "
              f"commitments in the graph{' (registry + ATOP)' if args.atop else ' (registry)'}")
        results = {}
        for workers in (1, 2):
            t = time.perf_counter()
            res = sweep(s, [day], draws=args.draws, seed=1, engine="rules", workers=workers,
                        work=Path(tmp) / f"rules{workers}")
            secs = time.perf_counter() - t
            results[workers] = res.long
            print(f"rules engine (deterministic), {workers} worker(s): {secs:6.1f} s, "
                  f"{res.pairs.height / secs:,.0f} pairs/s, {res.long.height:,} rows")
        assert results[1].equals(results[2])
        t = time.perf_counter()
        dres = sweep(s, [day], engine="rules", workers=2, scheduler="local",
                     work=Path(tmp) / "dask")
        print(f"rules engine, dask LocalCluster (2 workers): {time.perf_counter() - t:6.1f} s; "
              f"identical to local processes: {dres.long.equals(results[1])}")
        attackers = codes[:: max(1, len(codes) // args.sample)][: args.sample]
        sample = [(a, t) for a in attackers for t in codes if a != t]
        for workers in (1, 2):
            t = time.perf_counter()
            res = sweep(s, [day], draws=args.draws, seed=1, engine="cascade", pairs=sample,
                        workers=workers, block_size=1, work=Path(tmp) / f"casc{workers}")
            secs = time.perf_counter() - t
            rate = res.pairs.height / secs
            print(f"cascade engine (Monte Carlo, {args.draws} draws), {workers} worker(s): "
                  f"{res.pairs.height:,} pairs in {secs:5.1f} s = {rate:,.0f} pairs/s; "
                  f"full system extrapolated {n_pairs / rate / 60:5.1f} min")


if __name__ == "__main__":
    main()
