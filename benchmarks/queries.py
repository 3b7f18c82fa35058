"""As-of query latency and store build time.

Prints, for the bundled registry (and ATOP when imported in the store given by
``FOEDUS_HOME``): the time to build the store from the registry files, then warm latency of
``commitments`` and ``defenders`` for a spread of states and dates (median, p95, max), and
the ratio against a baseline run in the same process: the same question answered by a plain
Python scan over the derived commitments in memory. Goal: under 20 ms warm for any state and
date.

    python benchmarks/queries.py [--repeat 200] [--atop RELEASES/atop-5.1]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import tempfile
import time
from pathlib import Path

from foedus.model.commitments import commitments_from_instrument
from foedus.registry.loader import check_registry
from foedus.session import Session as Foedus
from foedus.store.core import Store
from foedus.store.registry_tables import build_registry_tables


def _ms(samples: list[float]) -> str:
    s = sorted(samples)
    p95 = s[int(0.95 * (len(s) - 1))]
    return f"median {statistics.median(s) * 1e3:6.2f} ms  p95 {p95 * 1e3:6.2f} ms  " \
           f"max {s[-1] * 1e3:6.2f} ms"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeat", type=int, default=200)
    ap.add_argument("--atop", default=None,
                    help="ATOP 5.1 folder: also measure with ATOP imported (source=all)")
    args = ap.parse_args()
    rng = random.Random(1815)

    t0 = time.perf_counter()
    reg = check_registry()
    t_load = time.perf_counter() - t0
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "bench.duckdb")
        t0 = time.perf_counter()
        build_registry_tables(store, reg)
        t_build = time.perf_counter() - t0
        store.close()
        print(f"registry: {len(reg)} instruments; load+validate {t_load * 1e3:.0f} ms; "
              f"store build {t_build * 1e3:.0f} ms")

        if args.atop:
            from foedus.sources.importer import import_dataset

            t0 = time.perf_counter()
            with Store(Path(tmp) / "bench.duckdb") as writable:
                import_dataset(writable, "atop", Path(args.atop))
            print(f"ATOP import {time.perf_counter() - t0:.2f} s (answers use registry + ATOP)")
        fx = Foedus(Path(tmp) / "bench.duckdb")
        days = [dt.date(1816, 1, 1) + dt.timedelta(days=rng.randrange(0, 76000))
                for _ in range(args.repeat)]
        # any two states that are members of the system that day (others are refused)
        picks = [(*rng.sample([s.abb for s in fx.states.members_on(d)], 2), d) for d in days]
        fx.commitments("USA", "2020-01-01")  # warm up
        sql_c, sql_d, base = [], [], []
        everything = [c for i in reg for c in commitments_from_instrument(i)]
        for a, b, d in picks:
            t = time.perf_counter()
            fx.commitments(a, d)
            sql_c.append(time.perf_counter() - t)
            if a != b:
                t = time.perf_counter()
                fx.defenders(a, b, d)
                sql_d.append(time.perf_counter() - t)
            code = fx.state(a).ccode
            t = time.perf_counter()
            [c for c in everything if (c.obligor == code or c.beneficiary == code)
             and c.in_force_on(d)]
            base.append(time.perf_counter() - t)
        print(f"commitments (SQL, warm, {len(sql_c)} random state/date): {_ms(sql_c)}")
        print(f"defenders   (SQL, warm, {len(sql_d)} random pairs/dates): {_ms(sql_d)}")
        print(f"baseline: Python scan of {len(everything)} in-memory commitments: {_ms(base)}")
        print(f"ratio commitments/baseline (median): "
              f"{statistics.median(sql_c) / statistics.median(base):.2f}")
        fx.close()


if __name__ == "__main__":
    main()
