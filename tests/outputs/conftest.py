"""Inputs for the dataset review tests: real tables from ../shared/data, no store needed."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from foedus.datasets import Inputs

_PS = ("atop_alliance", "cow_nmc", "cow_contdir", "cow_capitals", "cow_majors")


@pytest.fixture(scope="session")
def inputs(shared_data: Path) -> Inputs:
    tables: dict[tuple[str, str], pl.DataFrame] = {}
    for name in ("cw_system", "gw_system"):
        tables[("isard", name)] = pl.read_csv(shared_data / "isard" / f"{name}.csv",
                                              try_parse_dates=True)
    for name in _PS:
        tables[("peacesciencer", name)] = pl.read_parquet(
            shared_data / "peacesciencer" / f"{name}.parquet")
    from foedus.store import Store
    from foedus.store.registry_tables import registry_commitments

    with Store(":memory:") as store:
        tables[("registry", "commitments")] = registry_commitments(store)
    return Inputs.from_tables(tables, versions={"isard": "0.2.0", "peacesciencer": "1.2.9"})
