"""The same engine over the store (importers' tables) and through the CLI."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from click.testing import CliRunner

import foedus.datasets as fd

THROUGH = 2024  # peacesciencer 1.2.9 built cow_ddy/gw_ddy with mry = TRUE in 2025


@pytest.fixture(scope="module")
def store_inputs(shared_data: Path, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    importer = pytest.importorskip("foedus.ingest")
    from foedus.store import Store

    store = Store(tmp_path_factory.mktemp("ds") / "foedus.duckdb")
    for name, folder in (("isard", "isard"), ("peacesciencer", "peacesciencer"),
                         ("atop", "atop-5.1"), ("nmc", "cow-nmc-6.0")):
        importer.import_dataset(store, name, shared_data / folder)
    yield fd.Inputs(store)
    store.close()


def test_store_inputs_give_the_same_frame(store_inputs, ps_inputs):  # type: ignore[no-untyped-def]
    years = (1900, 1960)
    a = fd.create_dyadyears(years=years, through=THROUGH, inputs=store_inputs)
    b = fd.create_dyadyears(years=years, through=THROUGH, inputs=ps_inputs)
    assert a.df.equals(b.df)
    # ATOP from foedus's own ddy (built from the member file) against peacesciencer's table
    pa = fd.add_alliances(a, inputs=store_inputs).df
    pb = fd.add_alliances(b, inputs=ps_inputs).df
    assert "atop_defcon" in pa.columns
    for c in ("atop_defense", "atop_offense", "atop_neutral", "atop_nonagg", "atop_consul"):
        agree = (pa[c] == pb[c]).mean()
        assert agree > 0.999, (c, agree)
    ca = fd.add_capabilities(a, inputs=store_inputs).df
    cb = fd.add_capabilities(b, inputs=ps_inputs).df
    assert ca.equals(cb)


def test_nmc_6_reads_minus_9_as_missing(store_inputs, shared_data):  # type: ignore[no-untyped-def]
    sy = fd.create_stateyears(years=(1816, 2012), through=THROUGH, inputs=store_inputs)
    out = fd.add_capabilities(sy, version="6.0", inputs=store_inputs)
    raw = pl.read_csv(shared_data / "cow-nmc-6.0" / "NMC-60-abridged.csv",
                      infer_schema_length=None)
    assert (raw["milex"] == -9).sum() > 0
    assert (out.df["milex"] == -9).sum() == 0
    ref = sy.df.join(raw.select(pl.col("ccode").cast(pl.Int32), pl.col("year").cast(pl.Int32),
                                "milex"), on=["ccode", "year"], how="left")
    expected = ref["milex"].is_null() | (ref["milex"] == -9)
    assert out.df["milex"].is_null().equals(expected.alias("milex"))
    assert [d.name for d in out.datasets][-1] == "nmc"


def test_cli_dyadyears(tmp_path: Path, store_inputs, monkeypatch):  # type: ignore[no-untyped-def]
    from foedus.cli.datasets import dyadyears, stateyears

    monkeypatch.setattr(fd.inputs, "_DEFAULT", store_inputs)
    out = tmp_path / "out.parquet"
    r = CliRunner().invoke(dyadyears, ["--directed", "--years", "1816-1820", "--add",
                                       "alliances,capabilities,contiguity,capital_distance",
                                       "-o", str(out)])
    assert r.exit_code == 0, r.output
    df = pl.read_parquet(out)
    assert {"atop_defense", "cinc1", "conttype", "capdist"} <= set(df.columns)
    assert fd.read_frame_metadata(out)["unit"] == "dyad_year"
    r = CliRunner().invoke(stateyears, ["--years", "1816-1820", "--add", "alliances",
                                        "-o", str(tmp_path / "s.csv")])
    assert r.exit_code == 1 and "dyadyears" in r.output
    r = CliRunner().invoke(stateyears, ["--years", "1816-1820", "--add", "majors",
                                        "-o", str(tmp_path / "s.csv")])
    assert r.exit_code == 0, r.output
