"""Scenario Monte Carlo speed: 10,000 draws for Estonia 2025, and a July-1914 cascade.

For each scenario it prints the time to prepare it (read the day's graph, apply the overlays,
build the reachable structure, score the promises), the time of one run of N vectorised draws
(median of --repeat runs), and the ratio against a baseline computed in the same process: the
same cascade simulated by a plain per-draw Python loop over the commitments, on --naive draws,
scaled per draw (without joining, which the baseline does not model). The two agree on each
state's probability of entering (printed: the largest difference). "Cold" preparation reads the
day's graph and builds the year's feature layers for the fitted models (once per process and
year); "warm" is a second scenario on the same day. Goal: 10,000 draws for Estonia 2025 in
under 1 s in-process (warm preparation + run).

    python benchmarks/scenario.py [--draws 10000] [--naive 300] [--repeat 5]
"""

from __future__ import annotations

import argparse
import statistics
import time
from typing import Any

import numpy as np

import foedus
from foedus.scenario.cascade import ATT, DEF, OUT, Structure, simulate

SCENARIOS = {
    "Estonia 2025": {"date": "2025-06-01", "attacks": [{"attacker": "RUS", "target": "EST"}]},
    "July 1914": {"date": "1914-08-04", "attacks": [
        {"attacker": "AUH", "target": "YUG"}, {"attacker": "GMY", "target": "RUS"},
        {"attacker": "GMY", "target": "BEL"}]},
    "Poland 1939 + hypothetical chain": {
        "date": "1939-09-01", "attacks": [{"attacker": "GMY", "target": "POL"}],
        "edits": [{"promise": {"id": "hun-ita", "obligors": ["HUN"], "beneficiaries": ["ITA"],
                               "kind": "offense", "strength": "automatic"}}]},
}


def naive(st: Structure, d_p: Any, o_p: Any, draws: int, seed: int,
          max_rounds: int = 20) -> np.ndarray[Any, Any]:
    """The same rules, one draw at a time, one commitment at a time (the baseline)."""
    rng = np.random.default_rng(seed)
    entered = np.zeros(st.n_states)
    for _ in range(draws):
        u = rng.random(st.n_states)
        rng.random(st.n_states)  # the joining draws the vectorised run also takes
        side = _one_war(st, d_p, o_p, u, max_rounds)
        entered += np.array([s != OUT for s in side])
    return entered / draws


def _one_war(st: Structure, d_p: Any, o_p: Any, u: Any, max_rounds: int) -> list[int]:
    n = st.n_states
    side = [ATT if st.attackers[i] else DEF if st.targets[i] else OUT for i in range(n)]
    rnd = [0 if side[i] != OUT else -1 for i in range(n)]
    for k in range(1, max_rounds + 1):
        p_def, p_att = _pressures(st, d_p, o_p, side, rnd, k - 1)
        moved = False
        for i in range(n):
            go_d, go_a = u[i] < p_def[i], u[i] < p_att[i]
            if side[i] == OUT and go_d != go_a:
                side[i], rnd[i], moved = (DEF if go_d else ATT), k, True
        if not moved:
            break
    return side


def _pressures(st: Structure, d_p: Any, o_p: Any, side: list[int], rnd: list[int],
               prev: int) -> tuple[list[float], list[float]]:
    """Per state, the strongest fired promise to each side this round."""
    n = st.n_states
    new_a = [i for i in range(n) if side[i] == ATT and rnd[i] == prev]
    p_def, p_att = [0.0] * n, [0.0] * n
    for j in range(len(st.d_row)):
        o, v = st.d_obl[j], st.d_ben[j]
        fired = bool(st.d_fire0[j]) if prev == 0 else (
            side[v] == DEF and rnd[v] < prev
            and any(not st.d_has_names[j] or st.d_named[j, a] for a in new_a))
        if side[o] == OUT and fired and not any(
                side[a] == ATT and st.d_conflict[j, a] for a in range(n)):
            p_def[o] = max(p_def[o], d_p[j])
    for j in range(len(st.o_row)):
        o, b = st.o_obl[j], st.o_ben[j]
        fired = bool(st.o_fire0[j]) if prev == 0 else (
            b in new_a and (not st.o_has_names[j] or any(
                st.o_named[j, v] and side[v] == DEF and rnd[v] < prev for v in range(n))))
        if side[o] == OUT and fired and not any(
                side[v] == DEF and st.o_clash[j, v] for v in range(n)):
            p_att[o] = max(p_att[o], o_p[j])
    return p_def, p_att


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--draws", type=int, default=10_000)
    ap.add_argument("--naive", type=int, default=300)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    with foedus.open() as s:
        for name, spec in SCENARIOS.items():
            t0 = time.perf_counter()
            prep = s.scenario(spec)
            t_cold = time.perf_counter() - t0  # reads the day's graph, builds feature layers
            t0 = time.perf_counter()
            prep = s.scenario(spec)
            t_prep = time.perf_counter() - t0
            runs = []
            for r in range(args.repeat):
                t0 = time.perf_counter()
                ans = prep.run(draws=args.draws, seed=r)
                runs.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            mc = simulate(prep.structure, prep.d_enter_p, prep.o_p, prep.pjoin * 0,
                          draws=args.draws, rng=np.random.default_rng(1))
            t_sim = time.perf_counter() - t0
            t0 = time.perf_counter()
            base = naive(prep.structure, prep.d_enter_p, prep.o_p, args.naive, seed=1)
            t_naive = (time.perf_counter() - t0) / args.naive
            vec = (mc.side != OUT).mean(axis=0)
            diff = float(np.abs(vec - base).max())
            run = statistics.median(runs)
            print(f"{name}: {prep.structure.n_states} reachable states, "
                  f"{len(prep.structure.d_row) + len(prep.structure.o_row)} commitments; "
                  f"prepare {t_cold * 1e3:.0f} ms cold, {t_prep * 1e3:.0f} ms warm; models: "
                  f"{prep.credibility.name if hasattr(prep.credibility, 'name') else '?'}")
            print(f"  {args.draws:,} draws: run with answer {run * 1e3:.0f} ms (median of "
                  f"{args.repeat}); cascade alone {t_sim * 1e3:.0f} ms "
                  f"({t_sim / args.draws * 1e6:.1f} µs/draw)")
            print(f"  baseline per-draw Python loop ({args.naive} draws): "
                  f"{t_naive * 1e6:.0f} µs/draw -> vectorised is "
                  f"{t_naive / (t_sim / args.draws):.0f}x faster; largest p_enter "
                  f"difference {diff:.3f} (sampling noise at {args.naive} draws)")
            total = t_prep + run
            print(f"  expected war size {ans.to_json()['war_size']['mean']:.2f}; warm prepare + "
                  f"run {total * 1e3:.0f} ms; goal (<1 s for 10,000 draws): "
                  f"{'met' if total < 1.0 or args.draws != 10_000 else 'NOT met'}")


if __name__ == "__main__":
    main()
