"""The exposure ranking of a sweep as a bar chart.

matplotlib is imported here, at the top: this module is imported only to draw. The Figure API
renders without pyplot or a GUI backend.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import polars as pl
from matplotlib.figure import Figure

__all__ = ["exposure_plot"]


def exposure_plot(idx: pl.DataFrame, path: Path, *, title: str,
                  label: Callable[[int], str] = str) -> Path:
    rows = idx.sort("exposure").to_dicts()
    fig = Figure(figsize=(7, 0.3 * len(rows) + 1.2))
    ax = fig.subplots()
    ax.barh([label(r["state"]) for r in rows], [r["exposure_share"] for r in rows],
            color="#4a6fa5")
    ax.set_xlabel("exposure: share of all attacker-target pairs whose war it would enter")
    ax.set_title(title)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    return path
