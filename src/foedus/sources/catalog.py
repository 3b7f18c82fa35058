"""The datasets foedus knows how to import, by name.

Why: one place lists every dataset, so ``foedus data import NAME``, ``foedus data fetch``,
``foedus cite`` and the engines' coverage checks agree on names. ATOP's spec lives in
:mod:`foedus.sources.atop` (owned by the ATOP work); it is listed when that module exists.
"""

from __future__ import annotations

import importlib
import importlib.util

from foedus.errors import NotFoundError
from foedus.sources import (
    capitals,
    contiguity,
    cow_states,
    gleditsch_ward,
    ideal_points,
    isard,
    mid,
    nmc,
    peacesciencer,
    reliability,
    rivalries,
    ucdp,
    war,
)
from foedus.sources.base import DatasetSpec

__all__ = ["DATASETS", "get_spec"]


def _specs() -> dict[str, DatasetSpec]:
    specs: list[DatasetSpec] = []
    if importlib.util.find_spec("foedus.sources.atop") is not None:
        atop = importlib.import_module("foedus.sources.atop")
        specs.append(getattr(atop, "SPEC", None) or atop.ATOP_SPEC)
    specs += [
        cow_states.SPEC,
        isard.SPEC,
        gleditsch_ward.SPEC,
        nmc.SPEC,
        peacesciencer.SPEC,
        contiguity.SPEC,
        capitals.SPEC,
        mid.SPEC,
        war.SPEC,
        ideal_points.SPEC,
        reliability.SPEC,
        rivalries.SPEC,
        ucdp.SPEC,
    ]
    return {s.name: s for s in specs}


DATASETS: dict[str, DatasetSpec] = _specs()


def get_spec(name: str) -> DatasetSpec:
    """The spec called ``name`` (case-insensitive; ``_`` and ``-`` are the same)."""
    key = name.strip().lower().replace("_", "-")
    if key in DATASETS:
        return DATASETS[key]
    raise NotFoundError(
        f"unknown dataset {name!r}; known datasets: {', '.join(sorted(DATASETS))}"
    )
