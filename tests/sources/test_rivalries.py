"""Strategic rivalries (Thompson & Dreyer) on the real file."""

from __future__ import annotations

from collections.abc import Callable

import polars as pl
import pytest

from foedus.store import Store
from foedus.store.datasets import coverage, read_table


@pytest.fixture(scope="module")
def store(imported: Callable[[str], Store]) -> Store:
    return imported("rivalries")


def test_rows_and_known_rivalry(store: Store) -> None:
    r = read_table(store, "rivalries", "rivalries")
    assert r.height == 197
    last = r.filter(pl.col("rivalryno") == 197).row(0, named=True)
    assert (last["sidea"], last["sideb"], last["styear"], last["endyear"]) == (
        "Russia", "United States", 2007, 2010)
    assert coverage(store, "rivalries") == (1494, 2010)


def test_bad_copies_are_refused(bad_copies: Callable[..., None]) -> None:
    bad_copies("rivalries", "strategic_rivalries.csv")
