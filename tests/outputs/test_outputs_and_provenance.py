"""The dataset side as a researcher expects it: provenance in every format, `cite --for`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest
from click.testing import CliRunner

from foedus.datasets import (
    add_alliances,
    add_capabilities,
    create_dyadyears,
    create_stateyears,
)


# -- provenance: `foedus cite --for` must work for every format FoedusFrame.write() writes --
@pytest.mark.parametrize("suffix", [".csv", ".feather", ".dta"])
def test_cite_for_works_for_every_output_format(inputs, tmp_path: Path, suffix: str) -> None:
    # The CLI prints "cite with: foedus cite --for FILE" after writing any of these formats,
    # and docs/examples/dyadyears.md promises a sidecar for CSV/Stata; today cite only reads
    # JSON and Parquet and fails with "neither JSON nor Parquet".
    from foedus.cli.data import cite

    frame = add_capabilities(create_dyadyears(years=(2000, 2000), inputs=inputs), inputs=inputs)
    out = frame.write(tmp_path / f"out{suffix}")
    res = CliRunner().invoke(cite, ["--for", str(out), "--format", "plain"])
    assert res.exit_code == 0, res.output
    assert "isard" in res.output and "peacesciencer" in res.output


def test_registry_columns_are_cited(inputs, tmp_path: Path) -> None:
    # A frame with reg_* columns used the curated registry; `foedus cite --for` must say so
    # (cite_names() silently drops every dataset that is not in the importer catalog).
    frame = add_alliances(create_dyadyears(years=(2020, 2020), inputs=inputs),
                          source="registry", inputs=inputs)
    assert "registry" in frame.cite_names()


def test_foedus_spells_frame_is_citable(inputs) -> None:
    # spells="foedus" builds the universe from foedus's COW list; the written file must still
    # name a citable source (today cite_names() is empty and `cite --for` exits 1).
    frame = create_stateyears(years=(2011, 2011), spells="foedus", inputs=inputs)
    assert frame.cite_names() != []


# -- universe ----------------------------------------------------------------------------
def test_foedus_spells_do_not_resurrect_czechoslovakia(inputs) -> None:
    # Czechoslovakia (315) left the system on 1992-12-31. With spells="foedus" every living
    # state has an open spell, so the "ends in December of the list's last year" rule sees
    # 1992 as the last year and extends Czechoslovakia to `through`: 9,198 false dyad-years
    # (315-316 in 1993-2016 ...).
    sy = create_stateyears(years=(1993, 2016), spells="foedus", inputs=inputs).df
    assert sy.filter(pl.col("ccode") == 315).height == 0
    dy = create_dyadyears(years=(1993, 1993), spells="foedus", inputs=inputs).df
    assert dy.filter((pl.col("ccode1") == 315) | (pl.col("ccode2") == 315)).height == 0


# -- output formats --------------------------------------------------------------------------
@pytest.mark.parametrize("suffix", [".csv", ".dta"])
def test_conditions_all_can_be_written(tmp_path: Path, suffix: str) -> None:
    # add_alliances(conditions="all") adds atop_ids as a List column; write() then fails for
    # CSV ("CSV format does not support nested data") and Stata. Expect a flat encoding
    # (e.g. "1190;2130") or a clear UsageError, never a raw polars/pandas exception.
    from foedus.datasets.frame import FoedusFrame
    from foedus.errors import UsageError

    df = pl.DataFrame({"ccode1": [2], "ccode2": [20], "year": [1950],
                       "atop_ids": [[3180]]}, schema_overrides={"atop_ids": pl.List(pl.Int32)})
    frame = FoedusFrame(df, "dyad_year", "cow", True)
    try:
        frame.write(tmp_path / f"x{suffix}")
    except UsageError:
        return
    assert (tmp_path / f"x{suffix}").exists()


# -- CLI error locations -----------------------------------------------------------------------
def test_import_error_keeps_line_100_readable(shared_data: Path, tmp_path: Path) -> None:
    # Problems are printed through rich with emoji on, so "atop5_1m.csv:100:31" is printed as
    # "atop5_1m.csv💯31": the file/line/column the user needs is mangled.
    src = shared_data / "atop-5.1"
    bad = tmp_path / "atop"
    bad.mkdir()
    for f in ("atop5_1m.csv", "atop5_1a.csv", "atop5_1aph.csv"):
        (bad / f).write_bytes((src / f).read_bytes())
    lines = (bad / "atop5_1m.csv").read_text().split("\n")
    header = lines[0].split(",")
    row = lines[99].split(",")
    row[header.index("defense")] = "x"
    lines[99] = ",".join(row)
    (bad / "atop5_1m.csv").write_text("\n".join(lines))
    env = dict(os.environ, FOEDUS_HOME=str(tmp_path / "home"))
    res = subprocess.run([sys.executable, "-m", "foedus", "data", "import", "atop", str(bad)],
                         capture_output=True, text=True, env=env)
    assert res.returncode == 2
    assert "atop5_1m.csv:100:" in res.stderr, res.stderr



def test_non_directed_condition_is_conditional_only_if_both_directions_are(
    shared_data: Path,
) -> None:
    # GDR -> USSR defense in 1964 was conditional, USSR -> GDR unconditional (ATOP 5.1): the
    # non-directed dyad has an unconditional defense pledge, so atop_defcon must be 0.
    import polars as pl

    from foedus.datasets import Inputs, add_alliances, create_dyadyears
    from foedus.sources.atop import read_atop

    atop = read_atop(shared_data / "atop-5.1")
    cw = pl.read_csv(shared_data / "isard" / "cw_system.csv", try_parse_dates=True)
    inputs = Inputs.from_tables({("atop", "ddy"): atop["ddy"], ("isard", "cw_system"): cw},
                                versions={"atop": "5.1", "isard": "0.2.0"})
    directed = add_alliances(create_dyadyears(years=(1964, 1964), inputs=inputs),
                             source="atop", conditions="all", inputs=inputs).df
    pair = directed.filter(pl.col("ccode1").is_in([265, 365]) & pl.col("ccode2").is_in([265, 365]))
    assert sorted(pair["atop_defcon"].to_list()) == [0, 1]
    nd = add_alliances(create_dyadyears(directed=False, years=(1964, 1964), inputs=inputs),
                       source="atop", conditions="all", inputs=inputs).df
    row = nd.filter((pl.col("ccode1") == 265) & (pl.col("ccode2") == 365))
    assert row["atop_defense"].item() == 1
    assert row["atop_defcon"].item() == 0
