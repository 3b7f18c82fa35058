"""isard 0.2.0 system dates and COW<->GW panels on the real files."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import polars as pl
import pytest

from foedus.store import Store
from foedus.store.datasets import read_table


@pytest.fixture(scope="module")
def store(imported: Callable[[str], Store]) -> Store:
    return imported("isard")


def test_rows_and_known_values(store: Store) -> None:
    cw = read_table(store, "isard", "cw_system")
    assert cw.height == 243 and cw.schema["ccode"] == pl.Int64
    est = cw.filter(pl.col("ccode") == 366).sort("start")
    assert est["start"].to_list() == [dt.date(1918, 2, 24), dt.date(1991, 9, 6)]
    gw = read_table(store, "isard", "gw_system")
    assert gw.height == 239
    assert gw.filter(pl.col("gwcode") == 260)["start"].item() == dt.date(1949, 9, 21)
    panel = read_table(store, "isard", "cw_gw_panel")
    assert panel.height == 17916 and panel["year"].max() == 2025
    assert read_table(store, "isard", "gw_cw_panel").height == 20990


@pytest.mark.parametrize("file", ["cw_system.csv", "gw_system.csv", "cw_gw_panel.csv"])
def test_bad_copies_are_refused(bad_copies: Callable[..., None], file: str) -> None:
    bad_copies("isard", file)
