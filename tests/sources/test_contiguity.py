"""COW Direct Contiguity 3.2 on the real files."""

from __future__ import annotations

from collections.abc import Callable

import polars as pl
import pytest

from foedus.store import Store
from foedus.store.datasets import read_table


@pytest.fixture(scope="module")
def store(imported: Callable[[str], Store]) -> Store:
    return imported("contiguity")


def test_rows_and_usa_canada_land_border(store: Store) -> None:
    contdir = read_table(store, "contiguity", "contdir")
    assert contdir.height == 847
    usa_can = contdir.filter((pl.col("statelno") == 2) & (pl.col("statehno") == 20))
    assert usa_can.select("conttype", "begin", "end").row(0) == (1, 192001, 201612)
    contdird = read_table(store, "contiguity", "contdird")
    assert contdird.height == 82498
    assert contdird.filter((pl.col("state1no") == 365) & (pl.col("state2no") == 366)
                           & (pl.col("year") == 2016))["conttype"].item() == 1


@pytest.mark.parametrize("file", ["contdir.csv", "contdird.csv"])
def test_bad_copies_are_refused(bad_copies: Callable[..., None], file: str) -> None:
    bad_copies("contiguity", file, version_column="version")
