"""peacesciencer 1.2.9 tables (Parquet) on the real files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from foedus.errors import ImportDataError
from foedus.sources.catalog import get_spec
from foedus.sources.cite import citations_for
from foedus.store import Store
from foedus.store.datasets import read_table

SPEC = get_spec("peacesciencer")


@pytest.fixture(scope="module")
def store(imported: Callable[[str], Store]) -> Store:
    return imported("peacesciencer")


def test_every_table_with_rows(store: Store) -> None:
    for f in SPEC.files:
        assert read_table(store, "peacesciencer", f.table).height == f.rows, f.table
    assert SPEC.tables() == (
        "cow_nmc", "cow_capitals", "gw_capitals", "cow_contdir", "false_cow_dyads",
        "false_gw_dyads", "cow_majors", "td_rivalries", "cow_war_inter", "cow_states",
        "gw_states", "atop_alliance")


def test_known_values(store: Store) -> None:
    nmc = read_table(store, "peacesciencer", "cow_nmc")
    assert nmc.schema["ccode"] == pl.Int64 and nmc["year"].max() == 2022
    usa = nmc.filter((pl.col("ccode") == 2) & (pl.col("year") == 2016))
    assert usa["cinc"].item() == pytest.approx(0.13325359)  # 7.0 revises 6.0 (0.133058)
    cont = read_table(store, "peacesciencer", "cow_contdir")
    usa_can = cont.filter((pl.col("ccode1") == 2) & (pl.col("ccode2") == 20))
    assert usa_can["conttype"].to_list()[0] == 1
    caps = read_table(store, "peacesciencer", "cow_capitals")
    assert caps.filter(pl.col("ccode") == 2)["capital"].item() == "Washington D.C."
    assert read_table(store, "peacesciencer", "atop_alliance").height == 273296


def test_per_table_citations() -> None:
    [(label, cites)] = citations_for(["peacesciencer/cow_contdir"])
    keys = [c.key for c in cites]
    assert keys == ["miller2022peacesciencer", "stinnett2002contiguity"]
    assert "cow_contdir" in label


def _write(tmp_path: Path, name: str, table: pa.Table) -> Path:
    path = tmp_path / f"{name}.parquet"
    pq.write_table(table, path)
    return path


def test_bad_copies_are_refused(shared_data: Path, tmp_path: Path) -> None:
    src = shared_data / "peacesciencer" / "cow_majors.parquet"
    good = pq.read_table(src)
    # truncated
    cut = tmp_path / "cow_majors.parquet"
    cut.write_bytes(src.read_bytes()[:2000])
    with pytest.raises(ImportDataError, match="not a readable Parquet"):
        SPEC.reader(cut, None)
    # wrong columns
    renamed = good.rename_columns(["ccode", "start", *good.column_names[2:]])
    bad = _write(tmp_path, "cow_majors", renamed)
    with pytest.raises(ImportDataError) as info:
        SPEC.reader(bad, None)
    assert info.value.problems[0].field == "styear"
    # a column of another type (the year as text): named with both types and its position
    styear = pa.array([str(v) for v in good.column("styear").to_pylist()])
    bad = _write(tmp_path, "cow_majors", good.set_column(1, "styear", styear))
    with pytest.raises(ImportDataError) as info:
        SPEC.reader(bad, None)
    p = info.value.problems[0]
    assert (p.field, p.column) == ("styear", 2)
    assert p.message == "type string where the release has double"
    # wrong version (row 3)
    version = pa.array([2016.0] * 2 + [2011.0] + [2016.0] * (good.num_rows - 3))
    bad = _write(tmp_path, "cow_majors", good.set_column(7, "version", version))
    with pytest.raises(ImportDataError) as info:
        SPEC.reader(bad, None)
    p = info.value.problems[0]
    assert (p.field, p.column) == ("version", 8) and "row 3" in p.message
    # malformed: a code that is not a whole number (row 5)
    ccode = good.column("ccode").to_pylist()
    ccode[4] = 2.5
    bad = _write(tmp_path, "cow_majors", good.set_column(0, "ccode", pa.array(ccode)))
    with pytest.raises(ImportDataError) as info:
        SPEC.reader(bad, None)
    assert info.value.problems[0].field == "ccode" and "row 5" in info.value.problems[0].message
    # fewer rows than the release
    bad = _write(tmp_path, "cow_majors", good.slice(0, 10))
    with pytest.raises(ImportDataError, match="found 10 rows; the pinned release has 14"):
        SPEC.reader(bad, None)
