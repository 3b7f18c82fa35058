"""UCDP/PRIO Armed Conflict 25.1 and the TSS rivalries (peacesciencer's Parquet), real files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from foedus.errors import ImportDataError
from foedus.sources.catalog import get_spec
from foedus.store import Store
from foedus.store.datasets import read_table

SPEC = get_spec("ucdp-acd")


@pytest.fixture(scope="module")
def store(imported: Callable[[str], Store]) -> Store:
    return imported("ucdp-acd")


def test_tables_and_known_values(store: Store) -> None:
    acd = read_table(store, "ucdp-acd", "ucdp_acd")
    assert acd.height == 5652 and acd["year"].max() == 2024
    assert acd.schema["gwno_a"] == pl.Int64
    # Russia (GW 365) is a secondary warring party on the rebels' side against Ukraine
    # (GW 369) in the Donbas conflict until the episode ends on 25 Feb 2022
    donbas = acd.filter((pl.col("conflict_id") == 13306) & (pl.col("year") == 2022))
    assert donbas["gwno_a"].to_list() == [369] and donbas["gwno_b_2nd"].to_list() == [365]
    assert str(donbas["ep_end_date"].item()) == "2022-02-25"
    tss = read_table(store, "ucdp-acd", "tss_rivalries")
    assert tss.height == 264
    ru_ua = tss.filter(pl.col("rivalry") == "Russia-Ukraine")
    assert ru_ua.select("start", "end").row(0) == (2014, 2020)


def test_citations_name_ucdp_and_the_rivalries() -> None:
    keys = {c.key for c in SPEC.citations}
    assert {"gleditsch2002armed", "davies2025organized", "thompson2021analyzing"} <= keys


def test_bad_copies_are_refused(shared_data: Path, tmp_path: Path) -> None:
    good = pq.read_table(shared_data / "peacesciencer" / "ucdp_acd.parquet")
    bad = tmp_path / "ucdp_acd.parquet"
    pq.write_table(good.drop_columns(["gwno_b_2nd"]), bad)
    with pytest.raises(ImportDataError) as info:
        SPEC.reader(bad, None)
    assert info.value.problems[0].field == "gwno_b_2nd"
    col = good.column_names.index("type_of_conflict")
    types = good.column("type_of_conflict").to_pylist()
    types[5] = "regional"
    pq.write_table(good.set_column(col, "type_of_conflict", pa.array(types)), bad)
    with pytest.raises(ImportDataError, match="unknown conflict type 'regional'") as info:
        SPEC.reader(bad, None)
    assert info.value.problems[0].file == str(bad)
