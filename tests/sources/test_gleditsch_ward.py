"""Gleditsch-Ward iisystem.dat (2017 update) on the real file."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import polars as pl
import pytest

from foedus.store import Store
from foedus.store.datasets import read_table


@pytest.fixture(scope="module")
def store(imported: Callable[[str], Store]) -> Store:
    return imported("gw")


def test_rows_and_known_values(store: Store) -> None:
    gw = read_table(store, "gw", "iisystem")
    assert gw.height == 216
    assert gw.columns == ["gwcode", "stateabb", "statename", "start", "end"]
    serbia = gw.filter(pl.col("gwcode") == 340).sort("start")
    assert serbia["start"].to_list() == [dt.date(1878, 7, 13), dt.date(2006, 6, 5)]
    assert gw.filter(pl.col("gwcode") == 345)["end"].item() == dt.date(2006, 6, 4)
    assert gw["end"].max() == dt.date(2017, 12, 31)


def test_bad_copies_are_refused(bad_copies: Callable[..., None]) -> None:
    bad_copies("gw", "iisystem.dat", delimiter=b"\t", header=False)
