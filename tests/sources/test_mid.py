"""COW MID 5.0 on the real files."""

from __future__ import annotations

from collections.abc import Callable

import polars as pl
import pytest

from foedus.store import Store
from foedus.store.datasets import coverage, read_table


@pytest.fixture(scope="module")
def store(imported: Callable[[str], Store]) -> Store:
    return imported("mid")


def test_rows_and_known_dispute(store: Store) -> None:
    mida = read_table(store, "mid", "mida")
    assert mida.height == 2436
    assert mida["styear"].min() == 1816 and mida["endyear"].max() == 2014
    midb = read_table(store, "mid", "midb")
    assert midb.height == 5883
    d2 = midb.filter(pl.col("dispnum") == 2).sort("ccode")
    assert d2.select("stabb", "sidea").rows() == [("USA", 1), ("UKG", 0)]
    assert d2["stday"].to_list() == [-9, -9]  # MID's own code for an unknown day is kept
    assert coverage(store, "mid") == (1816, 2014)


@pytest.mark.parametrize("file", ["MIDA 5.0.csv", "MIDB 5.0.csv"])
def test_bad_copies_are_refused(bad_copies: Callable[..., None], file: str) -> None:
    bad_copies("mid", file, version_column="version")
