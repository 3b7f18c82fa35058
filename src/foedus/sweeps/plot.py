"""The exposure ranking of a sweep as a bar chart (matplotlib, imported here only)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import polars as pl

__all__ = ["exposure_plot"]


def exposure_plot(idx: pl.DataFrame, path: Path, *, title: str,
                  label: Callable[[int], str] = str) -> Path:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rows = idx.sort("exposure").to_dicts()
    fig, ax = plt.subplots(figsize=(7, 0.3 * len(rows) + 1.2))
    ax.barh([label(r["state"]) for r in rows], [r["exposure_share"] for r in rows],
            color="#4a6fa5")
    ax.set_xlabel("exposure: share of all attacker-target pairs whose war it would enter")
    ax.set_title(title)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
    return path
