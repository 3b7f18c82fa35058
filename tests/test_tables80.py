"""Every command's table at 80 columns: nothing cut, every column named.

A reader at an 80-column terminal must get the thing asked for whole: the instrument ids, the
statuses, the dataset names they type next. The test renders every table-printing command at
``COLUMNS=80`` over a store with ATOP, isard and peacesciencer imported from the publishers'
files, and fails on: a line wider than 80; an ellipsis (rich's mark of a cut cell) anywhere
in a table; a column without a header; a key value of the JSON answer missing whole from the
table text.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from foedus.cli import main

REPO = Path(__file__).resolve().parents[1]
SCENARIO = REPO / "docs" / "examples" / "scenarios" / "estonia-2025.yaml"


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory, shared_data: Path) -> Any:
    home = tmp_path_factory.mktemp("home80")
    runner = CliRunner()
    env = {"FOEDUS_HOME": str(home), "COLUMNS": "80", "LINES": "50"}
    for name, folder in (("atop", "atop-5.1"), ("isard", "isard"),
                         ("peacesciencer", "peacesciencer")):
        res = runner.invoke(main, ["data", "import", name, str(shared_data / folder),
                                   "--json"], env=env)
        assert res.exit_code == 0, res.output

    def invoke(*args: str) -> str:
        res = runner.invoke(main, list(args), env=env)
        assert res.exit_code == 0, (args, res.output, res.exception)
        return res.output

    return invoke


def tables(text: str) -> list[list[str]]:
    """The box tables in ``text``, each as its lines (top border to bottom border)."""
    out: list[list[str]] = []
    current: list[str] | None = None
    for line in text.splitlines():
        if line.startswith("┏"):
            current = [line]
        elif current is not None:
            current.append(line)
            if line.startswith("└"):
                out.append(current)
                current = None
    return out


def check_layout(text: str) -> None:
    for line in text.splitlines():
        assert len(line.rstrip()) <= 80, f"wider than 80 columns: {line!r}"
    for table in tables(text):
        body = "\n".join(table)
        assert "…" not in body, f"a cell was cut:\n{body}"
        head = [line for line in table if line.startswith("┃")]
        assert head, f"a table without a header:\n{body}"
        cells = [line.strip("┃").split("┃") for line in head]
        for i in range(len(cells[0])):
            assert any(c[i].strip() for c in cells), f"column {i + 1} has no header:\n{body}"


def words(text: str) -> set[str]:
    return set(re.split(r"[\s│┃,;()]+", text))


CASES = [
    ("commitments", "FRN", "--on", "1914-08-01", "--direction", "given"),
    ("commitments", "FRN", "--on", "1914-08-01", "--direction", "both"),
    ("commitments", "UKR", "--on", "2025-01-01"),
    ("commitments", "USA", "--on", "2025-01-01", "--direction", "given"),
    ("commitments", "AUS", "--on", "1960-01-01", "--wide"),
    ("defenders", "EST", "--against", "RUS", "--on", "2025-01-01"),
    ("defenders", "BEL", "--against", "GMY", "--on", "1914-08-03"),
    ("defenders", "BEL", "--against", "GMY", "--on", "1914-08-03", "--wide"),
    ("status", "AUS", "--on", "1960-01-01"),
    ("status", "UKR"),
    ("status", "SWZ"),
    ("instruments",),
    ("instruments", "--state", "FRN", "--on", "1914-08-01"),
    ("instrument", "nato"),
    ("instrument", "treaty-of-london-1839"),
    ("forums", "FRN", "UKG", "--on", "2025-01-01"),
    ("diff", "--from", "1990-01-01", "--to", "2000-01-01", "--state", "POL"),
    ("diff", "--from", "1914-01-01", "--to", "1915-01-01", "--wide"),
    ("data", "list"),
    ("data", "status"),
    ("guarantors", "UKR", "--on", "2025-01-01", "--threat", "RUS", "--draws", "0"),
    ("gaps", "--on", "1914-08-01"),
    ("scenario", "run", str(SCENARIO), "--draws", "50"),
    ("reconcile", "registry", "--year", "1914"),
    ("threats", "UKR", "--on", "2025-01-01"),
    ("threats", "EST", "--on", "2025-01-01"),
    ("restraints", "UKR", "--on", "2025-01-01"),
    ("restraints", "USA", "--on", "1990-01-01", "--wide"),
    ("reassurance", "UKR", "--on", "2025-01-01"),
    ("cite", "atop", "ideal-points", "--format", "plain"),
    ("check",),
    ("check", "--sources"),
]


@pytest.mark.parametrize("args", CASES, ids=lambda a: " ".join(a)[:60])
def test_table_fits_80_columns(run: Any, args: tuple[str, ...]) -> None:
    check_layout(run(*args))


def test_key_columns_whole(run: Any) -> None:
    """The identifiers a reader types next appear whole in the 80-column table."""
    ids = [r["id"] for r in json.loads(run("instruments", "--json"))["instruments"]]
    assert set(ids) <= words(run("instruments"))
    names = [d["dataset"] for d in json.loads(run("data", "list", "--json"))["datasets"]]
    assert {"peacesciencer", "ideal-points", "reliability"} <= set(names)
    assert set(names) <= words(run("data", "list"))
    status = json.loads(run("status", "AUS", "--on", "1960-01-01", "--json"))["statuses"]
    text = run("status", "AUS", "--on", "1960-01-01")
    assert {s["status"] for s in status} == {"permanent_neutrality"}
    assert {"permanent_neutrality", "unilateral", "austria-neutrality-1955"} <= words(text)


def test_titles_count_in_words(run: Any) -> None:
    """Plural-aware titles; empty categories folded into one line."""
    out = run("commitments", "UKR", "--on", "2025-01-01", "--direction", "received")
    assert re.search(r"Received by UKR: [\d,]+ commitments from \d+ states", out)
    assert "from (" not in out
    out = run("defenders", "BEL", "--against", "GMY", "--on", "1914-08-03")
    folded = [line for line in out.splitlines() if line.startswith("none:")]
    assert len(folded) == 1, out
    assert "(0 states)" not in out


def test_france_1914_given_lists_its_guarantees(run: Any) -> None:
    out = run("commitments", "FRN", "--on", "1914-08-01", "--direction", "given")
    for inst in ("treaty-of-london-1839", "treaty-of-london-1867", "swiss-neutrality-1815",
                 "norway-integrity-treaty-1907"):
        assert inst in words(out)
    assert re.search(r"Given by FRN: \d+ commitments to \d+ states", out)


def test_guarantor_reasons_short(run: Any) -> None:
    """The guarantor table stays near one screen: a reason every candidate shares is
    printed once, not wrapped into every row."""
    out = run("guarantors", "UKR", "--on", "2025-01-01", "--threat", "RUS", "--draws", "0")
    assert out.count("base rate") <= 1
    assert len(out.splitlines()) < 110


def test_scenario_promises_condensed(run: Any) -> None:
    out = run("scenario", "run", str(SCENARIO), "--draws", "50")
    data = json.loads(run("scenario", "run", str(SCENARIO), "--draws", "50", "--json"))
    block = out.split("Promises triggered", 1)[1].split("Not triggered", 1)[0]
    assert len(data["triggered"]) > 100
    assert len(block.splitlines()) < 120, block


def test_reassurance_costs_one_line_per_cost(run: Any) -> None:
    """The same cost to six neighbours is said once, naming them, not six times."""
    out = run("reassurance", "UKR", "--on", "2025-01-01")
    data = json.loads(run("reassurance", "UKR", "--on", "2025-01-01", "--json"))
    first = data["packages"][0]
    whys = [c["why"] for c in first["costs"]]
    assert len(whys) > len(set(whys))  # the answer repeats a cost per state ...
    block = out.split("[1] ", 1)[1].split("[2] ", 1)[0]
    assert block.count("cost to ") == len(set(whys))  # ... the table says it once
    for c in first["costs"]:
        assert c["state"]["abb"] in block


def test_threat_reasons_wrap_under_their_weight(run: Any) -> None:
    out = run("threats", "UKR", "--on", "2025-01-01")
    assert "instrument(s)" not in out and re.search(r"by \d+ instruments owed to UKR", out)
    lines = out.splitlines()
    i = next(k for k, line in enumerate(lines) if "war: Russian full-scale" in line)
    assert lines[i + 1].startswith(" " * 12) and lines[i + 1].strip()  # hanging indent


def test_files_and_sweeps_print_within_80(run: Any, tmp_path: Path) -> None:
    """The summaries of the commands that write files (state- and dyad-years, sweeps)."""
    pairs = tmp_path / "pairs.csv"
    pairs.write_text("attacker,target\nRUS,EST\nRUS,POL\nCHN,TAW\n", encoding="utf-8")
    sweep = str(tmp_path / "sweep.parquet")
    for args in (("stateyears", "--years", "2000-2001", "-o", str(tmp_path / "sy.parquet"),
                  "--add", "capabilities"),
                 ("dyadyears", "--years", "2000-2000", "-o", str(tmp_path / "dy.parquet"),
                  "--add", "contiguity"),
                 ("sweep", "--on", "2025-01-01", "--engine", "rules", "--pairs", str(pairs),
                  "-o", sweep)):
        out = run(*args)
        check_layout(out)
        assert "(s)" not in out
    assert "3 pairs on 1 day," in out
    check_layout(run("sweep", "summary", sweep))
