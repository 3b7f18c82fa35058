"""Berkemeier & Fuhrmann (2018) and Leeds & Anac (2005) replication files."""

from __future__ import annotations

from collections.abc import Callable

import polars as pl
import pytest

from foedus.store import Store
from foedus.store.datasets import read_table


@pytest.fixture(scope="module")
def store(imported: Callable[[str], Store]) -> Store:
    return imported("reliability")


def test_rows_and_known_values(store: Store) -> None:
    bf = read_table(store, "reliability", "berkemeier_fuhrmann")
    assert bf.height == 576
    assert bf["sample"].value_counts().sort("sample")["count"].to_list() == [372, 204]
    assert bf.schema["atopid"] == pl.Int64
    la = read_table(store, "reliability", "leeds_anac")
    assert la.height == 137
    assert la.row(0, named=True)["atopid"] == 1030


@pytest.mark.parametrize("file", ["BerkemeierFuhrmannRAP2018_0303.csv", "LeedsAnacIIrep.csv"])
def test_bad_copies_are_refused(bad_copies: Callable[..., None], file: str) -> None:
    bad_copies("reliability", file)
