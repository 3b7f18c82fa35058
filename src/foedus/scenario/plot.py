"""A scenario's figure: the cascade as a layered graph by round, and who enters, as bars.

Why: a cascade is a picture — who brought whom in, round after round — and the Monte Carlo is
a ranking of probabilities. One PNG shows both (matplotlib: this module is imported only to draw).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from matplotlib.figure import Figure

__all__ = ["plot_scenario"]

COLOURS = {"attacker": "#b2182b", "defender": "#2166ac"}


def plot_scenario(payload: dict[str, Any], path: Path | str, *, top: int = 25) -> Path:
    """Write the figure of an answer's ``to_json()`` to ``path`` (PNG)."""
    rounds = payload["rounds"]
    first = {s["state"]["abb"] for s in rounds[0]} if rounds else set()
    states = [s for s in payload["states"] if s["state"]["abb"] not in first][:top]
    fig = Figure(figsize=(13, max(4.5, 0.28 * max(
        len(states), max((len(r) for r in rounds), default=1)) + 1.5)))
    ax1, ax2 = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1.1, 1]})
    # -- layered cascade: x = round, one column of states per round ----------------------
    pos: dict[str, tuple[float, float]] = {}
    for k, layer in enumerate(rounds):
        n = len(layer)
        for i, s in enumerate(layer):
            pos[s["state"]["abb"]] = (k, (n - 1) / 2 - i)
    for layer in rounds:
        for s in layer:
            x1, y1 = pos[s["state"]["abb"]]
            for e in s["because"]:
                src = e["to"]["abb"]
                if src in pos:
                    x0, y0 = pos[src]
                    ax1.annotate("", (x1, y1), (x0, y0), arrowprops={
                        "arrowstyle": "->", "color": "#888888", "lw": 0.6,
                        "shrinkA": 8, "shrinkB": 8})
    for a in payload["attacks"]:
        (x0, y0), (x1, y1) = pos[a["attacker"]["abb"]], pos[a["target"]["abb"]]
        ax1.annotate("", (x1 - 0.06, y1), (x0 - 0.06, y0), arrowprops={
            "arrowstyle": "->", "color": COLOURS["attacker"], "lw": 0.9, "ls": "--",
            "connectionstyle": "arc3,rad=0.4", "shrinkA": 8, "shrinkB": 8})
    for layer in rounds:
        for s in layer:
            x, y = pos[s["state"]["abb"]]
            ax1.scatter([x], [y], s=260, color=COLOURS[s["side"]], zorder=3)
            ax1.text(x, y, s["state"]["abb"], color="white", ha="center", va="center",
                     fontsize=6.5, zorder=4, fontweight="bold")
    ax1.set_xticks(range(len(rounds)))
    ax1.set_xticklabels([f"round {k}" for k in range(len(rounds))])
    ax1.set_yticks([])
    ax1.set_xlim(-0.6, max(len(rounds) - 0.4, 1.4))
    for side in ("left", "right", "top"):
        ax1.spines[side].set_visible(False)
    attacks = ", ".join(f"{a['attacker']['abb']}→{a['target']['abb']}"
                        for a in payload["attacks"])
    ax1.set_title(f"Cascade if every duty is honoured ({attacks}, {payload['date']})",
                  fontsize=9)
    # -- Monte Carlo entry probabilities -----------------------------------------------
    names = [s["state"]["abb"] for s in states][::-1]
    pa = [s["p_attacker_side"] for s in states][::-1]
    pd = [s["p_defender_side"] for s in states][::-1]
    ax2.barh(names, pa, color=COLOURS["attacker"], label="attacking side")
    ax2.barh(names, pd, left=pa, color=COLOURS["defender"], label="defending side")
    ax2.set_xlim(0, 1)
    ax2.set_xlabel("probability of entering the war (beyond the attackers and targets)")
    if not states:
        ax2.text(0.5, 0.5, "no other state enters in any draw", ha="center",
                 transform=ax2.transAxes)
    ax2.tick_params(axis="y", labelsize=7)
    ax2.legend(loc="lower right", fontsize=7)
    draws = payload["draws"]
    ax2.set_title(f"Who enters ({draws:,} draws, seed {payload['seed']})" if draws
                  else "Who enters (deterministic resolution)", fontsize=9)
    fig.tight_layout()
    out = Path(path)
    fig.savefig(out, dpi=110)
    return out
