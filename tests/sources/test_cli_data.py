"""``foedus data``, ``foedus cite``: the commands over the import framework."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from foedus.cli.data import cite, data


@pytest.fixture()
def runner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("FOEDUS_STORE", str(tmp_path / "cli.duckdb"))
    return CliRunner()


def test_import_status_and_reimport(runner: CliRunner, shared_data: Path) -> None:
    res = runner.invoke(data, ["import", "contiguity", str(shared_data / "cow-contiguity-3.2")])
    assert res.exit_code == 0, res.output
    assert "contiguity 3.2: imported; 2 tables, 83,345 rows" in res.output
    res = runner.invoke(data, ["import", "contiguity", str(shared_data / "cow-contiguity-3.2")])
    assert "nothing changed" in res.output
    res = runner.invoke(data, ["status", "--json"])
    [status] = json.loads(res.output)["datasets"]
    assert status["dataset"] == "contiguity" and status["rows"] == 83345
    assert status["coverage"] == [1816, 2016] and status["imported_at"]
    res = runner.invoke(data, ["status", "--csv"])
    assert res.output.splitlines()[1].startswith("contiguity,3.2,\"contdir, contdird\",83345,"
                                                 "1816-2016,")


def test_broken_file_exits_2_naming_file_and_line(runner: CliRunner, shared_data: Path,
                                                  tmp_path: Path) -> None:
    lines = (shared_data / "rivalries" / "strategic_rivalries.csv").read_text().splitlines()
    lines[3] = lines[3].replace(",1494,", ",14x4,")
    bad = tmp_path / "strategic_rivalries.csv"
    bad.write_text("\n".join(lines))
    res = runner.invoke(data, ["import", "rivalries", str(bad)])
    assert res.exit_code == 2
    assert f"{bad}:4:5 [styear]" in res.output.replace("\n", "")


def test_list_and_fetch_usage_error(runner: CliRunner) -> None:
    res = runner.invoke(data, ["list", "--json"])
    names = [d["dataset"] for d in json.loads(res.output)["datasets"]]
    assert {"nmc", "peacesciencer", "contiguity", "ideal-points"} <= set(names)
    res = runner.invoke(data, ["fetch", "isard"])
    assert res.exit_code == 1 and "--base-url" in res.output


def test_cite_names_and_formats(runner: CliRunner) -> None:
    res = runner.invoke(cite, ["nmc", "--format", "bibtex"])
    assert res.exit_code == 0
    assert "@incollection{singer1972capability," in res.output
    assert "Beverly Hills: Sage" not in res.output
    res = runner.invoke(cite, ["contiguity", "peacesciencer/cow_contdir", "--format", "plain"])
    assert res.output.count("Stinnett, Douglas M.") == 2 and "@article" not in res.output
    res = runner.invoke(cite, ["nonesuch"])
    assert res.exit_code == 1 and "known datasets" in res.output


def test_cite_for_json_and_parquet(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "dyadyears.json"
    out.write_text(json.dumps({"datasets": ["atop", {"dataset": "peacesciencer",
                                                     "table": "cow_nmc"}], "rows": []}))
    res = runner.invoke(cite, ["--for", str(out), "--format", "both"])
    assert res.exit_code == 0, res.output
    assert "Leeds, Brett Ashley" in res.output and "@article{miller2022peacesciencer," in res.output
    assert "Singer, J. David" in res.output
    pq_path = tmp_path / "dyadyears.parquet"
    table = pa.table({"year": [2000]}).replace_schema_metadata(
        {"foedus.datasets": json.dumps(["nmc"])})
    pq.write_table(table, pq_path)
    res = runner.invoke(cite, ["--for", str(pq_path), "--format", "plain"])
    assert res.exit_code == 0 and "COW National Material Capabilities" in res.output
    empty = tmp_path / "empty.json"
    empty.write_text("{}")
    res = runner.invoke(cite, ["--for", str(empty)])
    assert res.exit_code == 1 and "datasets" in res.output


def test_fetch_via_cli(runner: CliRunner, shared_data: Path) -> None:
    # a file:// mirror is enough to exercise the command; HTTP is tested in test_importer
    url = (shared_data / "gleditsch-ward").as_uri()
    res = runner.invoke(data, ["fetch", "gw", "--base-url", url, "--json"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.output)["tables"] == {"iisystem": 216}
