"""Capitals (peacesciencer's list; manystates' coordinates) on the real files."""

from __future__ import annotations

from collections.abc import Callable

import polars as pl
import pytest

from foedus.store import Store
from foedus.store.datasets import read_table


@pytest.fixture(scope="module")
def store(imported: Callable[[str], Store]) -> Store:
    return imported("capitals")


def test_rows_and_known_values(store: Store) -> None:
    caps = read_table(store, "capitals", "capitals")
    assert caps.height == 266
    russia = caps.filter(pl.col("ccode") == 365).sort("styear")
    assert russia["capital"].to_list() == ["Saint Petersburg", "Moscow"]
    coords = read_table(store, "capitals", "coords")
    assert coords.height == 436
    usa = coords.filter(pl.col("statid") == "USA").row(0, named=True)
    assert (usa["lat"], usa["lon"]) == pytest.approx((38.895112, -77.036366))
    assert read_table(store, "capitals", "extra_capitals").height == 117


@pytest.mark.parametrize("file", ["capitals.csv", "statlatlons.csv", "extra_capitals.csv"])
def test_bad_copies_are_refused(bad_copies: Callable[..., None], file: str) -> None:
    bad_copies("capitals", file)
