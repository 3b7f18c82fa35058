"""COW NMC 6.0 on the real file: counts, a known CINC, -9 as missing, bad copies."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import polars as pl
import pytest

from foedus.errors import ImportDataError
from foedus.ingest import import_dataset
from foedus.store import Store
from foedus.store.datasets import coverage, read_table


@pytest.fixture(scope="module")
def store(imported: Callable[[str], Store]) -> Store:
    return imported("nmc")


def test_rows_and_usa_2016_cinc(store: Store) -> None:
    nmc = read_table(store, "nmc", "nmc")
    assert nmc.height == 15951
    usa = nmc.filter((pl.col("ccode") == 2) & (pl.col("year") == 2016)).row(0, named=True)
    assert usa["cinc"] == pytest.approx(0.133058, abs=1e-6)
    assert usa["milex"] == 604452000
    assert coverage(store, "nmc") == (1816, 2016)


def test_minus_nine_is_missing(store: Store) -> None:
    nmc = read_table(store, "nmc", "nmc")
    assert nmc["milex"].null_count() == 2217
    assert nmc["milex"].min() >= 0  # no -9 left to be summed as a value
    bhm = nmc.filter((pl.col("ccode") == 31) & (pl.col("year") == 1993))
    assert bhm["milex"].item() is None


def test_bad_copies_are_refused(bad_copies: Callable[..., None]) -> None:
    bad_copies("nmc", "NMC-60-abridged.csv", version_column="version")


def test_bad_value_names_line_and_column(shared_data: Path, tmp_path: Path) -> None:
    src = shared_data / "cow-nmc-6.0" / "NMC-60-abridged.csv"
    lines = src.read_bytes().split(b"\r\n")
    fields = lines[9].split(b",")
    fields[3] = b"12x"
    lines[9] = b",".join(fields)
    bad = tmp_path / "NMC-60-abridged.csv"
    bad.write_bytes(b"\r\n".join(lines))
    with pytest.raises(ImportDataError) as info:
        import_dataset(Store(":memory:"), "nmc", bad)
    p = info.value.problems[0]
    assert (p.line, p.field, p.column) == (10, "milex", 4)
    assert str(bad) in str(info.value) and ":10:4" in str(info.value)
