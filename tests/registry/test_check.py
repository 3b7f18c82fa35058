"""`foedus check` catches each kind of error in a deliberately broken registry."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from foedus.cli import main
from foedus.errors import RegistryError
from foedus.registry import check_registry, load_registry

GOOD = """\
id = "{id}"
name = "Security Treaty between Australia, New Zealand and the United States of America"
short = "ANZUS"
type = "alliance"
legal_force = "treaty"
signed = "1951-09-01"
in_force = "1952-04-29"

[[source]]
url = "https://avalon.law.yale.edu/20th_century/usmu002.asp"

[[member]]
state = "USA"

[[member]]
state = "AUL"

[[member]]
state = "NEW"

[[obligation]]
among = "parties"
kind = "defense"
strength = "discretionary"
article = "Art. IV"
"""

# Each case: file content, the line the problem must be reported at, and a phrase.
CASES = {
    "unknown-state": (GOOD.replace('state = "AUL"', 'state = "Atlantis"'), 16, "unknown state"),
    "dates-out-of-order": (GOOD.replace('in_force = "1952-04-29"',
                                        'in_force = "1952-04-29"\nterminated = "1950-01-01"'),
                           8, "not after in_force"),
    "outside-existence": (GOOD.replace('state = "NEW"', 'state = "GDR"'), 19,
                          "outside German Democratic Republic"),
    "missing-sources": (GOOD.replace(
        '[[source]]\nurl = "https://avalon.law.yale.edu/20th_century/usmu002.asp"\n', ""),
        None, "missing sources"),
    "overlapping-membership": (GOOD + '\n[[member]]\nstate = "USA"\nfrom = "1960-01-01"\n',
                               27, "overlapping membership"),
    "bad-date": (GOOD.replace('signed = "1951-09-01"', 'signed = "1951-09-31"'), 6,
                 "not a valid calendar date"),
    "bad-enum": (GOOD.replace('strength = "discretionary"', 'strength = "firm"'), 24,
                 "not one of"),
    "missing-article": (GOOD.replace('article = "Art. IV"\n', ""), 21, "missing article"),
    "unknown-key": (GOOD.replace('short = "ANZUS"', 'short = "ANZUS"\nsigend = "1951"'), 4,
                    "unknown key 'sigend'"),
    "toml-syntax": (GOOD.replace('type = "alliance"', 'type = "alliance'), 4,
                    "TOML syntax error"),
    "member-before-in-force": (GOOD.replace('state = "NEW"', 'state = "NEW"\nfrom = "1950-01-01"'),
                               20, "before the instrument is in force"),
}


@pytest.fixture()
def broken(tmp_path: Path) -> Path:
    for name, (text, _, _) in CASES.items():
        (tmp_path / f"{name}.toml").write_text(text.format(id=name) if "{id}" in text
                                               else text, encoding="utf-8")
    (tmp_path / "good.toml").write_text(GOOD.format(id="good"), encoding="utf-8")
    (tmp_path / "wrong-id.toml").write_text(GOOD.format(id="anzus"), encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("case", sorted(CASES))
def test_check_names_file_line_and_problem(broken: Path, case: str) -> None:
    reg = check_registry(broken)
    _, line, phrase = CASES[case]
    mine = [p for p in reg.problems if Path(p.file).name == f"{case}.toml"]
    assert mine, f"no problem reported for {case}"
    assert any(phrase in p.message for p in mine), [str(p) for p in mine]
    if line is not None:
        assert any(p.line == line for p in mine if phrase in p.message), [str(p) for p in mine]


def test_id_must_match_file_name(broken: Path) -> None:
    reg = check_registry(broken)
    assert any("differs from the file name" in p.message and p.file.endswith("wrong-id.toml")
               for p in reg.problems)


def test_good_file_loads_and_broken_ones_do_not(broken: Path) -> None:
    reg = check_registry(broken)
    assert "good" in reg.instruments
    assert not set(CASES) & set(reg.instruments)


def test_load_refuses_a_registry_with_problems(broken: Path) -> None:
    with pytest.raises(RegistryError) as info:
        load_registry(broken)
    assert len(info.value.problems) >= len(CASES)


def test_cli_check_lists_problems_and_fails(broken: Path) -> None:
    res = CliRunner().invoke(main, ["check", "--registry", str(broken), "--json"])
    assert res.exit_code == 2
    data = json.loads(res.output)
    files = {Path(p["file"]).name for p in data["problems"]}
    assert {f"{c}.toml" for c in CASES} <= files
    assert all(p["line"] for p in data["problems"] if "missing sources" not in p["problem"])


def test_bundled_registry_is_valid() -> None:
    reg = check_registry()
    assert reg.problems == []
    assert len(reg) >= 80
