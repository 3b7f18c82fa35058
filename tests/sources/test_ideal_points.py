"""UN General Assembly ideal points (July 2025) on the real file."""

from __future__ import annotations

from collections.abc import Callable

import polars as pl
import pytest

from foedus.store import Store
from foedus.store.datasets import coverage, read_table


@pytest.fixture(scope="module")
def store(imported: Callable[[str], Store]) -> Store:
    return imported("ideal-points")


def test_rows_and_known_value(store: Store) -> None:
    ip = read_table(store, "ideal-points", "ideal_points")
    assert ip.height == 11440
    assert ip.schema["year"] == pl.Int64
    usa = ip.filter((pl.col("ccode") == 2) & (pl.col("year") == 1946)).row(0, named=True)
    assert usa["idealpointfp"] == pytest.approx(1.663375)
    assert usa["nvotesfp"] == 25
    assert (ip["year"].min(), ip["year"].max()) == (1946, 2024)
    assert coverage(store, "ideal-points") == (1946, 2023)  # the all-votes estimate read


def test_bad_copies_are_refused(bad_copies: Callable[..., None]) -> None:
    bad_copies("ideal-points", "IdealpointsJuly2025.csv")
