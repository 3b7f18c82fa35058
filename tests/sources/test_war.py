"""COW Inter-State War 4.0 on the real files (the participant file has CR line endings)."""

from __future__ import annotations

from collections.abc import Callable

import polars as pl
import pytest

from foedus.store import Store
from foedus.store.datasets import read_table


@pytest.fixture(scope="module")
def store(imported: Callable[[str], Store]) -> Store:
    return imported("war")


def test_rows_and_known_war(store: Store) -> None:
    inter = read_table(store, "war", "inter")
    assert inter.height == 337 and inter["warnum"].n_unique() == 95
    assert inter.columns[:3] == ["warnum", "warname", "wartype"]
    iraq = inter.filter(pl.col("warnum") == 227)
    assert iraq["warname"].unique().to_list() == ["Invasion of Iraq"]
    assert set(iraq.filter(pl.col("side") == 1)["ccode"].to_list()) == {2, 200, 900}
    assert read_table(store, "war", "directed_dyadic").height == 1364


def test_bad_copies_are_refused(bad_copies: Callable[..., None]) -> None:
    bad_copies("war", "Inter-StateWarData_v4.0.csv", version_column="Version")
    bad_copies("war", "directed_dyadic_war.csv")
