"""Benchmark: directed dyad-years 1816-2016 with ATOP, NMC, contiguity and capital distance.

Prints wall time (cold: first build in a fresh process, lookups built; warm: median of
repeated builds with inputs and lookups cached in memory), the peak resident memory of the
process (``resource.getrusage``: tracemalloc cannot see polars' Rust allocations), and ratios
against (a) a naive pandas version of the same pipeline (three-key merges, month- and
year-expanded tables), run in its own process, and (b) peacesciencer's stated median 8.5 s.

Inputs come from the store (``$FOEDUS_HOME``; import ``isard``, ``peacesciencer``, ``atop``
first) or, with ``--shared DIR``, straight from the shared data folder.

    python benchmarks/dyadyears.py [--shared RELEASES] [--runs 5]
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

PEACESCIENCER_MEDIAN_S = 8.5
YEARS = (1816, 2016)
EXPECTED_ROWS = 1_912_290


def _inputs(shared: str | None):  # type: ignore[no-untyped-def]
    import polars as pl

    from foedus.datasets import Inputs

    if shared is None:
        from foedus.store import Store

        inputs = Inputs(Store())
    else:
        base = Path(shared)
        tables = {("isard", n): pl.read_csv(base / "isard" / f"{n}.csv", try_parse_dates=True)
                  for n in ("cw_system",)}
        for n in ("atop_alliance", "cow_nmc", "cow_contdir", "cow_capitals"):
            tables[("peacesciencer", n)] = pl.read_parquet(base / "peacesciencer" / f"{n}.parquet")
        inputs = Inputs.from_tables(tables)
    # read every table once (what "pre-loaded" means below)
    for ds, tb in (("isard", "cw_system"), ("peacesciencer", "cow_nmc"),
                   ("peacesciencer", "cow_contdir"), ("peacesciencer", "cow_capitals")):
        inputs.table(ds, tb)
    inputs.first(("atop", "ddy"), ("peacesciencer", "atop_alliance"))
    return inputs


def build(inputs):  # type: ignore[no-untyped-def]
    from foedus.datasets import (
        add_alliances,
        add_capabilities,
        add_capital_distance,
        add_contiguity,
        create_dyadyears,
    )

    f = create_dyadyears("cow", directed=True, years=YEARS, inputs=inputs)
    f = add_alliances(f, "atop", inputs=inputs)
    f = add_capabilities(f, inputs=inputs)
    f = add_contiguity(f, inputs=inputs)
    return add_capital_distance(f, inputs=inputs)


def child_foedus(shared: str | None, runs: int) -> dict[str, object]:
    t = time.perf_counter()
    inputs = _inputs(shared)
    load = time.perf_counter() - t
    t = time.perf_counter()
    frame = build(inputs)
    cold = time.perf_counter() - t
    assert frame.height == EXPECTED_ROWS, frame.height
    rows, columns = frame.height, len(frame.columns)
    del frame  # one frame alive at a time, as in a user's session
    warm = []
    for _ in range(runs):
        gc.collect()
        t = time.perf_counter()
        frame = build(inputs)
        warm.append(time.perf_counter() - t)
        del frame
    return {"load_s": load, "cold_s": cold, "warm_s": statistics.median(warm),
            "warm_all_s": warm, "rows": rows, "columns": columns,
            "peak_rss_mb": _peak_mb()}


def child_pandas(shared: str | None) -> dict[str, object]:
    """The same pipeline written the obvious pandas way (the baseline)."""
    import numpy as np
    import pandas as pd

    inputs = _inputs(shared)
    from foedus.datasets import create_dyadyears

    ddy = create_dyadyears("cow", directed=True, years=YEARS, inputs=inputs).df.to_pandas()
    _, _, atop = inputs.first(("atop", "ddy"), ("peacesciencer", "atop_alliance"))
    atop = atop.select("ccode1", "ccode2", "year", "atop_defense", "atop_offense",
                       "atop_neutral", "atop_nonagg", "atop_consul").to_pandas()
    nmc = inputs.table("peacesciencer", "cow_nmc").to_pandas()
    contdir = inputs.table("peacesciencer", "cow_contdir").to_pandas()
    caps = inputs.table("peacesciencer", "cow_capitals").to_pandas()
    t = time.perf_counter()
    k = ["ccode1", "ccode2", "year"]
    for c in k:
        atop[c] = atop[c].astype("int32")
    d = ddy.merge(atop, on=k, how="left")
    for s in ("1", "2"):
        n = nmc.rename(columns={c: c + s for c in nmc.columns if c not in ("year",)})
        n = n.rename(columns={"ccode" + s: "ccode" + s}).astype({"ccode" + s: "int32",
                                                                   "year": "int32"})
        d = d.merge(n, on=["ccode" + s, "year"], how="left")
    months = []
    for i, r in enumerate(contdir.itertuples()):
        for m in pd.date_range(r.stdate, r.enddate, freq="MS"):
            months.append((r.ccode1, r.ccode2, m.year, m.month, i, r.conttype))
    cm = pd.DataFrame(months, columns=["ccode1", "ccode2", "year", "month", "order", "conttype"])
    cm = cm.sort_values(["ccode1", "ccode2", "year", "month", "order"]).drop_duplicates(k)
    cm = cm[k + ["conttype"]].astype({"ccode1": "int32", "ccode2": "int32", "year": "int32"})
    d = d.merge(cm, on=k, how="left")
    cy = []
    for r in caps.itertuples():
        for y in range(r.stdate.year, r.enddate.year + 1):
            cy.append((int(r.ccode), y, r.lat, r.lng))
    cy = pd.DataFrame(cy, columns=["ccode", "year", "lat", "lng"]).drop_duplicates(
        ["ccode", "year"]).astype({"ccode": "int32", "year": "int32"})
    for s in ("1", "2"):
        d = d.merge(cy.rename(columns={"ccode": "ccode" + s, "lat": "lat" + s, "lng": "lng" + s}),
                    on=["ccode" + s, "year"], how="left")
    p1, l1, p2, l2 = (np.radians(d[c].to_numpy()) for c in ("lat1", "lng1", "lat2", "lng2"))
    x = np.sqrt((np.cos(p2) * np.sin(l1 - l2)) ** 2
                + (np.cos(p1) * np.sin(p2) - np.sin(p1) * np.cos(p2) * np.cos(l1 - l2)) ** 2)
    y = np.sin(p1) * np.sin(p2) + np.cos(p1) * np.cos(p2) * np.cos(l1 - l2)
    d["capdist"] = 6378137 * np.arctan2(x, y) / 1000
    elapsed = time.perf_counter() - t
    assert len(d) == EXPECTED_ROWS, len(d)
    return {"pandas_s": elapsed, "peak_rss_mb": _peak_mb()}


def _peak_mb() -> float:
    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    return kb / 1024 if sys.platform != "darwin" else kb / 1024 / 1024


def _run_child(mode: str, args: argparse.Namespace) -> dict[str, object]:
    cmd = [sys.executable, __file__, "--child", mode, "--runs", str(args.runs)]
    if args.shared:
        cmd += ["--shared", args.shared]
    env = dict(os.environ)
    src = str(Path(__file__).resolve().parents[1] / "src")
    env["PYTHONPATH"] = src + os.pathsep + env.get("PYTHONPATH", "")
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, env=env)
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=None, help="read inputs from this shared-data folder")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--no-baseline", action="store_true", help="skip the pandas baseline")
    ap.add_argument("--child", default=None, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child == "foedus":
        print(json.dumps(child_foedus(args.shared, args.runs)))
        return
    if args.child == "pandas":
        print(json.dumps(child_pandas(args.shared)))
        return
    if not args.shared:  # lookups kept on disk by a previous process: measure without them
        import shutil

        from foedus.config import cache_dir

        shutil.rmtree(cache_dir() / "derived", ignore_errors=True)
    r = _run_child("foedus", args)
    print(f"foedus dyad-years {YEARS[0]}-{YEARS[1]}: {r['rows']:,} rows x {r['columns']} columns"
          " (create_dyadyears + alliances(atop) + capabilities + contiguity + capital_distance)")
    print(f"  read inputs      {r['load_s']:.3f} s")
    print(f"  cold build       {r['cold_s']:.3f} s   (fresh process, lookups built)")
    if not args.shared:
        r2 = _run_child("foedus", args)
        print(f"  cold, disk cache {r2['cold_s']:.3f} s   (fresh process, lookups kept on disk "
              f"by the previous one; inputs read in {r2['load_s']:.3f} s)")
    print(f"  warm build       {r['warm_s']:.3f} s   (median of {args.runs}; inputs cached)")
    print(f"  peak RSS         {r['peak_rss_mb']:.0f} MB (whole process)")
    print(f"  vs peacesciencer {PEACESCIENCER_MEDIAN_S / float(r['warm_s']):.0f}x faster warm, "  # type: ignore[arg-type]
          f"{PEACESCIENCER_MEDIAN_S / float(r['cold_s']):.0f}x cold (stated median "  # type: ignore[arg-type]
          f"{PEACESCIENCER_MEDIAN_S} s)")
    if not args.no_baseline:
        b = _run_child("pandas", args)
        print(f"  naive pandas     {b['pandas_s']:.3f} s, peak RSS {b['peak_rss_mb']:.0f} MB"
              f"  -> foedus {float(b['pandas_s']) / float(r['warm_s']):.0f}x faster warm")  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
