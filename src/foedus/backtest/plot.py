"""The reliability diagram of a wars backtest (matplotlib's Figure API, no global state)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from matplotlib.figure import Figure

__all__ = ["reliability_plot"]


def reliability_plot(splits: dict[str, dict[str, Any]], path: Path) -> Path:
    """Observed share of joiners against the mean forecast, per probability bin, for the model
    under each split and for the naive rule (leave-one-war-out), one marker per bin sized by
    its number of rows."""
    fig = Figure(figsize=(6, 5.5))
    ax = fig.subplots()
    ax.plot([0, 1], [0, 1], color="#999999", lw=1, ls="--", label="perfect calibration")
    styles = {"lowo": ("#1f4e79", "o"), "post1945": ("#c0504d", "s"),
              "pre1946": ("#4f8a3c", "^")}
    names = {"lowo": "leave one war out", "post1945": "fit <1946, score >=1946",
             "pre1946": "fit >=1946, score <1946"}
    for split, res in splits.items():
        color, marker = styles.get(split, ("#555555", "o"))
        rows = res["model"]["reliability"]
        ax.plot([r["mean_p"] for r in rows], [r["observed"] for r in rows], color=color,
                lw=1)
        ax.scatter([r["mean_p"] for r in rows], [r["observed"] for r in rows],
                   s=[12 + 4 * r["n"] ** 0.5 for r in rows], color=color, marker=marker,
                   label=f"model, {names.get(split, split)} (AUC {res['model']['auc']:.3f})")
    if "lowo" in splits:
        rows = splits["lowo"]["naive"]["reliability"]
        ax.scatter([r["mean_p"] for r in rows], [r["observed"] for r in rows], marker="x",
                   color="#000000", label=f"naive rule (AUC {splits['lowo']['naive']['auc']:.3f})")
    ax.set_xscale("symlog", linthresh=0.01)
    ax.set_yscale("symlog", linthresh=0.01)
    ax.set_xlim(0, 1.05)
    ax.set_ylim(0, 1.05)
    ax.set_xlabel("forecast p_enter (bin mean)")
    ax.set_ylabel("observed share that joined")
    ax.set_title("Who joins a war: COW inter-state wars 1823-2003, out of sample")
    ax.legend(fontsize=7, loc="upper left")
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    return path
