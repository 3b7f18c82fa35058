"""The guarantor finder's figure: the top candidates' factor contributions, stacked.

Why a module of its own: the figure is drawn from an answer's ``to_json()`` (what the CLI's
``--plot`` and a notebook ask for), and matplotlib is imported only where a figure is drawn
(the Figure API needs no pyplot backend).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from matplotlib.figure import Figure

from foedus.advise.model import FACTORS

__all__ = ["plot_guarantors"]


def plot_guarantors(payload: dict[str, Any], path: str | Path, *, top: int = 10) -> Path:
    """Write the stacked factor contributions of the ``top`` candidates to ``path`` (PNG)."""
    cands = payload["candidates"][:top][::-1]
    fig = Figure(figsize=(8, 0.45 * max(len(cands), 3) + 1.5))
    ax = fig.subplots()
    names = [c["state"]["abb"] for c in cands]
    pos = [0.0] * len(cands)
    neg = [0.0] * len(cands)
    for f in FACTORS:
        vals = [c["factors"].get(f, 0.0) for c in cands]
        left = [p if v >= 0 else n for v, p, n in zip(vals, pos, neg, strict=True)]
        ax.barh(names, vals, left=left, label=f)
        pos = [p + max(v, 0) for v, p in zip(vals, pos, strict=True)]
        neg = [n + min(v, 0) for v, n in zip(vals, neg, strict=True)]
    ax.axvline(0, color="black", lw=0.8)
    threats = ", ".join(t["state"]["abb"] for t in payload["threats"]) or "none"
    ax.set_title(f"Guarantors of {payload['target']['abb']} on {payload['on']} "
                 f"(threats: {threats})")
    ax.set_xlabel("factor contribution to the score")
    ax.legend(fontsize=7, loc="lower right")
    fig.tight_layout()
    out = Path(path)
    fig.savefig(out, dpi=120)
    return out
