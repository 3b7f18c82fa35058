"""p(honour) of every commitment of a day's graph, computed once per day for a whole sweep.

Why once per day: the scenario engine asks its credibility model (``docs/credibility.md``)
for p(honour) of each commitment a war triggers. For a single attack that number depends on
the commitment (kind, legal force, strength), the day, and its promisor and beneficiary
(capability projected over distance, alignment, UN ideal points) — not on the attacker: the
only war-dependent factor, overextension (how many *other* states the promisor is asked to
defend at once), is 0 in every single-attack war, because every promise fired in round 1 is
owed to the one target. So the driver of a sweep scores every commitment of the day's graph
once, where the store and the researcher datasets are, and writes the scores beside the graph
snapshot; workers read both and never touch the store (``foedus.sweeps.runners``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt
import polars as pl
import pyarrow.parquet as pq

from foedus.errors import InvalidInputError
from foedus.scenario.engine import default_models
from foedus.scenario.priors import BaseRates

if TYPE_CHECKING:
    from foedus.graph import CommitmentGraph
    from foedus.scenario.priors import Credibility

__all__ = ["honour_scores", "model_for", "write_scores", "read_scores", "read_notes",
           "CREDIBILITY"]

Float = npt.NDArray[np.float64]
CREDIBILITY = ("fitted", "base_rates")


def model_for(name: str, inputs: Any) -> Credibility:
    """The credibility model a sweep uses: ``fitted`` (the scenario engine's default, over the
    session's dataset ``inputs``; a dataset not imported only drops its factor) or
    ``base_rates`` (published kind × era rates, no datasets)."""
    if name not in CREDIBILITY:
        raise InvalidInputError(f"credibility {name!r}: choose one of {', '.join(CREDIBILITY)}")
    cred, _ = default_models(None, inputs, credibility=name, joining="none")
    return cred


def honour_scores(graph: CommitmentGraph, credibility: Credibility | None = None) -> Float:
    """p(honour) per row of ``graph.edges`` if the commitment is triggered on ``graph.day``
    (base rates when no model is given). Rows that can never bring their promisor into a war
    still get the model's number; the kernel decides which rows can (cascade rule 8)."""
    edges = graph.edges
    if edges.is_empty():
        return np.zeros(0)
    model = credibility if credibility is not None else BaseRates()
    # no "round" column: overextension is 0 in a single-attack war (module docstring)
    frame = edges.with_columns(pl.lit(graph.day).alias("day"),
                               pl.lit(None, dtype=pl.Int32).alias("attacker"))
    p, _ = model.p_honour(frame)
    return np.clip(np.asarray(p, dtype=np.float64), 0.0, 1.0)


def write_scores(path: Path, p: Float, model: str, notes: list[str]) -> None:
    """The scores beside the graph snapshot, with the model's name and notes (which
    datasets it used and which it lacked) in the file's metadata."""
    pl.DataFrame({"p_honour": p}).write_parquet(
        path, metadata={"credibility": model, "notes": json.dumps(notes)})


def read_notes(path: Path) -> list[str]:
    meta = pq.read_schema(path).metadata or {}
    return list(json.loads(meta.get(b"notes", b"[]")))


def read_scores(path: Path) -> Float | None:
    if not path.exists():
        return None
    return pl.read_parquet(path)["p_honour"].to_numpy().astype(np.float64)
