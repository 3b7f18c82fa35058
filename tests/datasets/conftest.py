"""Fixtures for the researcher datasets: inputs read once per session from the shared data.

The engine reads tables through :class:`foedus.datasets.Inputs`; here they come straight from
the shared folder (the same tables the importers put in the store), so these tests run
whether or not a store has been built.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from foedus.datasets import Inputs

PS_TABLES = ("atop_alliance", "cow_nmc", "cow_contdir", "cow_capitals", "cow_majors",
             "cow_war_inter", "td_rivalries", "false_cow_dyads", "false_gw_dyads")

THROUGH = 2024  # peacesciencer 1.2.9's cow_ddy/gw_ddy were built in 2025


def read_inputs(shared: Path) -> Inputs:
    tables: dict[tuple[str, str], pl.DataFrame] = {}
    for name in ("cw_system", "gw_system"):
        tables[("isard", name)] = pl.read_csv(shared / "isard" / f"{name}.csv",
                                              try_parse_dates=True)
    for name in PS_TABLES:
        tables[("peacesciencer", name)] = pl.read_parquet(shared / "peacesciencer" /
                                                          f"{name}.parquet")
    tables[("ideal-points", "ideal_points")] = pl.read_csv(
        shared / "un-ideal-points-2025" / "IdealpointsJuly2025.csv", infer_schema_length=5000)
    # the curated registry, through a real (in-memory) store as the engine reads it
    from foedus.store import Store
    from foedus.store.registry_tables import registry_commitments

    with Store(":memory:") as store:
        tables[("registry", "commitments")] = registry_commitments(store)
    return Inputs.from_tables(tables, versions={"isard": "0.2.0", "peacesciencer": "1.2.9"})


@pytest.fixture(scope="session")
def ps_inputs(shared_data: Path) -> Inputs:
    """Inputs over the shared tables, read once."""
    return read_inputs(shared_data)


@pytest.fixture(scope="session")
def ps(shared_data: Path):  # type: ignore[no-untyped-def]
    """Read a peacesciencer table by name."""
    def read(name: str) -> pl.DataFrame:
        return pl.read_parquet(shared_data / "peacesciencer" / f"{name}.parquet")
    return read
