"""Every CLI command, in-process (click's runner), in table, JSON and CSV form."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from foedus.cli import main


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Any:
    home = tmp_path_factory.mktemp("clihome")
    runner = CliRunner()

    def invoke(*args: str, code: int = 0) -> str:
        res = runner.invoke(main, list(args), env={"FOEDUS_HOME": str(home),
                                                   "COLUMNS": "200"})
        assert res.exit_code == code, (res.output, res.exception)
        return res.output

    return invoke


def test_defenders_json_contract(run: Any) -> None:
    data = json.loads(run("defenders", "EST", "--against", "RUS", "--on", "2025-01-01",
                          "--json"))
    assert set(data) >= {"target", "attacker", "on", "bound", "consult", "neutral",
                         "assurances", "conflicted"}
    assert data["target"] == {"ccode": 366, "abb": "EST", "name": "Estonia"}
    assert data["on"] == "2025-01-01"
    entry = next(e for e in data["bound"] if e["instrument"]["id"] == "nato")
    assert set(entry) >= {"state", "from", "to", "kind", "strength", "legal_force",
                          "instrument", "conditions", "valid_from", "valid_to", "sources"}
    assert entry["to"]["abb"] == "EST"
    assert entry["state"] == entry["from"]
    assert entry["sources"] and entry["sources"][0].startswith("http")


def test_defenders_table_names_sections(run: Any) -> None:
    out = run("defenders", "UKR", "--against", "Russia", "--on", "2022-02-24")
    assert "Bound to defend" in out and "Political assurances" in out
    assert "budapest-memorandum-1994" in out


def test_commitments_json_and_csv(run: Any) -> None:
    data = json.loads(run("commitments", "FIN", "--on", "2023-04-04", "--direction",
                          "received", "--kind", "defense", "--json"))
    assert data["state"]["abb"] == "FIN"
    assert {"from", "to", "kind", "strength", "legal_force", "instrument", "conditions",
            "valid_from", "valid_to", "sources"} <= set(data["commitments"][0])
    assert any(c["instrument"]["id"] == "nato" for c in data["commitments"])
    rows = list(csv.DictReader(io.StringIO(run("commitments", "FIN", "--on", "2023-04-04",
                                               "--csv"))))
    assert any(r["instrument"] == "nato" for r in rows)


def test_instruments_and_instrument(run: Any) -> None:
    data = json.loads(run("instruments", "--state", "UKR", "--json"))
    assert {"id", "name", "short", "legal_force", "signed", "in_force", "terminated"} <= set(
        data["instruments"][0])
    one = json.loads(run("instrument", "nato", "--json"))
    assert {"id", "name", "legal_force", "signed", "in_force", "terminated", "members",
            "obligations", "sources"} <= set(one)
    fin = [m for m in one["members"] if m["state"]["abb"] == "FIN"]
    assert fin == [{"state": {"ccode": 375, "abb": "FIN", "name": "Finland"}, "role": "party",
                    "from": "2023-04-04", "to": None, "from_precision": "day",
                    "to_precision": None, "note": fin[0]["note"]}]
    assert "North Atlantic" in run("instrument", "nato")


def test_forums_and_diff(run: Any) -> None:
    data = json.loads(run("forums", "USA", "RUS", "--on", "2010-01-01", "--json"))
    assert "osce" in {f["id"] for f in data["forums"]}
    d = json.loads(run("diff", "--from", "2023-01-01", "--to", "2024-12-31", "--state", "SWD",
                       "--json"))
    assert any(e["instrument"]["id"] == "nato" for e in d["appeared"])


def test_check_passes_on_bundled_registry(run: Any) -> None:
    assert "0 problems" in run("check")


def test_errors_are_one_clean_line(run: Any) -> None:
    out = run("commitments", "Korea", "--on", "2020-01-01", code=1)
    assert "ambiguous" in out and "Traceback" not in out
    out = run("defenders", "UKR", "--against", "RUS", "--on", "yesterday", code=1)
    assert "bad --on date" in out
    out = run("instrument", "no-such-thing", code=1)
    assert "no instrument" in out


def test_tables_fit_80_columns_and_never_print_none(tmp_path: Any) -> None:
    runner = CliRunner()
    env = {"FOEDUS_HOME": str(tmp_path), "COLUMNS": "80"}
    for args in (["defenders", "EST", "--against", "RUS", "--on", "2025-01-01"],
                 ["commitments", "UKR", "--on", "2014", "--direction", "received"],
                 ["diff", "--from", "2022-01-01", "--to", "2025-01-01", "--state", "UKR"],
                 ["instrument", "budapest-memorandum-1994"], ["status", "UKR"]):
        res = runner.invoke(main, args, env=env)
        assert res.exit_code == 0, res.output
        lines = res.output.splitlines()
        assert max(len(line) for line in lines) <= 80, args
        assert not any("None" in line for line in lines), args
        # a table row that is cut off loses its right border
        assert all(line.rstrip().endswith(("│", "┃", "┓", "┩", "┘", "┛", "┫", "┤"))
                   for line in lines if line.startswith(("│", "┃"))), args


def test_commitments_with_a_partner_year_dates_and_kind_case(run: Any) -> None:
    data = json.loads(run("commitments", "POL", "--on", "2025", "--with", "FRN", "--kind",
                          "DEFENSE", "--json"))
    assert data["on"] == "2025-01-01" and data["with"]["abb"] == "FRN"
    assert {c["instrument"]["id"] for c in data["commitments"]} >= {"nato", "eu-art-42-7"}
    assert all({c["from"]["abb"], c["to"]["abb"]} == {"POL", "FRN"}
               for c in data["commitments"])
    out = run("commitments", "POL", "--kind", "bogus", code=2)
    assert "bogus" in out and "defense" in out


@pytest.mark.parametrize("form", [(), ("--json",), ("--csv",)], ids=["table", "json", "csv"])
def test_a_reader_that_leaves_early_is_not_an_error(tmp_path: Any, form: tuple[str, ...]
                                                    ) -> None:
    """`foedus diff ... | head -1`: exit 0 and nothing on stderr, asked by the engine and
    again from the answer cache (rich's table writer exited 1 when the pipe closed)."""
    src = str(Path(__file__).resolve().parents[1] / "src")
    env = {**os.environ, "FOEDUS_HOME": str(tmp_path / "home"),
           "PYTHONPATH": os.pathsep.join([src, os.environ.get("PYTHONPATH", "")])}
    env.pop("FOEDUS_STORE", None)
    for _ in ("engine", "cache"):  # ~1.5 MB of output: far more than the pipe holds
        proc = subprocess.Popen([sys.executable, "-m", "foedus", "diff", "--from",
                                 "1990-01-01", "--to", "2024-12-31", *form], env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        assert proc.stdout is not None and proc.stderr is not None
        assert proc.stdout.readline()
        proc.stdout.close()
        err = proc.stderr.read()
        assert proc.wait(120) == 0, err
        assert err == b""
