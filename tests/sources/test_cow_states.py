"""COW State System Membership v2016 on the real release files."""

from __future__ import annotations

from collections.abc import Callable

import polars as pl
import pytest

from foedus.store import Store
from foedus.store.datasets import coverage, read_table


@pytest.fixture(scope="module")
def store(imported: Callable[[str], Store]) -> Store:
    return imported("cow-states")


def test_rows_and_known_values(store: Store) -> None:
    states = read_table(store, "cow-states", "states")
    assert states.height == 243
    assert read_table(store, "cow-states", "system").height == 15951
    majors = read_table(store, "cow-states", "majors")
    assert majors.height == 14
    usa = states.filter(pl.col("ccode") == 2).row(0, named=True)
    assert (usa["stateabb"], usa["styear"], usa["endyear"], usa["version"]) == (
        "USA", 1816, 2016, 2016)
    # the Baltic states leave and return: two spells for Estonia
    assert states.filter(pl.col("ccode") == 366).height == 2
    assert set(majors["ccode"].to_list()) >= {2, 200, 220, 255, 365, 710, 740}
    assert coverage(store, "cow-states") == (1816, 2016)


@pytest.mark.parametrize("file", ["states2016.csv", "system2016.csv", "majors2016.csv"])
def test_bad_copies_are_refused(bad_copies: Callable[..., None], file: str) -> None:
    bad_copies("cow-states", file, version_column="version")
