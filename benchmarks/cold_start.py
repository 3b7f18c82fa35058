"""Cold start: a fresh process answering one question, as a user at a terminal meets it.

Runs each command ``--repeat`` times in a new Python process (after one warm-up that builds
the store, the on-disk caches and the modules' bytecode, as an installed package has it) and
prints the median wall time, next to the baselines run the same way, interleaved with it so
that they share the machine's load: a bare ``python -c pass`` and the floor of any
DuckDB-backed click program, ``python -c "import duckdb, click"``. Goals: ``foedus defenders
EST --against RUS --on 2025-01-01`` at most 1.5x that floor; it is measured twice: asked
before (the command line's answer cache, ``foedus.cli.answer_cache``, answers it: what a user
asking a question again meets) and never asked (the cache emptied before each run, outside the
timing: the engine answers, then keeps the answer); with ``--data FOLDER`` (the
release files of isard, ATOP and peacesciencer), the researcher's whole job ``foedus
dyadyears --directed --years 1816-2016 --add alliances,capabilities,contiguity,capital_distance
-o out.parquet`` under 1 s.

    python benchmarks/cold_start.py [--repeat 7] [--data RELEASES]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path


def _median_run(cmd: list[str], env: dict[str, str], repeat: int) -> float:
    subprocess.run(cmd, env=env, check=True, capture_output=True)  # warm-up: build caches
    runs = []
    for _ in range(repeat):
        t = time.perf_counter()
        subprocess.run(cmd, env=env, check=True, capture_output=True)
        runs.append(time.perf_counter() - t)
    return statistics.median(runs)


def _interleaved(cmds: list[list[str]], env: dict[str, str], repeat: int,
                 before: dict[int, Callable[[], None]] | None = None) -> list[float]:
    """Median wall time of each command, the commands run in turn ``repeat`` times (so that a
    change in the machine's load touches all of them alike); ``before[i]`` runs before each
    run of command ``i``, untimed."""
    before = before or {}
    for cmd in cmds:
        subprocess.run(cmd, env=env, check=True, capture_output=True)  # warm-up
    runs: list[list[float]] = [[] for _ in cmds]
    for _ in range(repeat):
        for i, cmd in enumerate(cmds):
            if i in before:
                before[i]()
            t = time.perf_counter()
            subprocess.run(cmd, env=env, check=True, capture_output=True)
            runs[i].append(time.perf_counter() - t)
    return [statistics.median(r) for r in runs]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--data", default=None, help="folder with isard/, atop-5.1/, peacesciencer/")
    args = ap.parse_args()
    foedus = [sys.executable, "-m", "foedus.cli"]
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "FOEDUS_HOME": home}
        env.pop("FOEDUS_STORE", None)
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed package has its bytecode
        up = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
        print(f"uptime: {up}")
        question = [*foedus, "defenders", "EST", "--against", "RUS", "--on", "2025-01-01"]
        answers = Path(home) / "cache" / "answers"
        base, floor, q, fresh = _interleaved(
            [[sys.executable, "-c", "pass"], [sys.executable, "-c", "import duckdb, click"],
             question, question],
            env, args.repeat, before={3: lambda: shutil.rmtree(answers, ignore_errors=True)})
        print(f"baseline `python -c pass`: {base:.3f} s")
        print(f'floor `python -c "import duckdb, click"`: {floor:.3f} s')
        print(f"foedus defenders EST --against RUS --on 2025-01-01, asked before (answer "
              f"cache): {q:.3f} s ({q / floor:.2f}x the floor; goal <= 1.5x: "
              f"{'met' if q <= 1.5 * floor else 'NOT met'})")
        print(f"foedus defenders EST --against RUS --on 2025-01-01, never asked (the engine "
              f"answers): {fresh:.3f} s ({fresh / floor:.2f}x the floor)")
        if args.data:
            data = Path(args.data)
            for name, folder in (("isard", "isard"), ("atop", "atop-5.1"),
                                 ("peacesciencer", "peacesciencer")):
                subprocess.run([*foedus, "data", "import", name, str(data / folder), "--json"],
                               env=env, check=True, capture_output=True)
            out = Path(home) / "out.parquet"
            d = _median_run([*foedus, "dyadyears", "--directed", "--years", "1816-2016",
                             "--add", "alliances,capabilities,contiguity,capital_distance",
                             "-o", str(out), "--quiet"], env, max(3, args.repeat // 2))
            print(f"foedus dyadyears --directed --years 1816-2016 --add alliances,capabilities,"
                  f"contiguity,capital_distance -o out.parquet: {d:.3f} s "
                  f"({d / base:.1f}x baseline; goal < 1 s)")


if __name__ == "__main__":
    main()
