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


# --- review regressions -------------------------------------------------------------------

def _check_one(tmp_path: Path, text: str) -> list[str]:
    (tmp_path / "good.toml").write_text(text.format(id="good"), encoding="utf-8")
    reg = check_registry(tmp_path)
    assert "good" not in reg.instruments
    return [str(p) for p in reg.problems]


@pytest.mark.parametrize(("text", "line", "field"), [
    (GOOD + '\n[member]\nstate = "CAN"\n', None, "member"),  # TOML error: [[member]] exists
    (GOOD.replace("[[member]]", "[member]", 1).replace('\n[[member]]\nstate = "AUL"\n', "")
     .replace('\n[[member]]\nstate = "NEW"\n', ""), 12, "member"),
    (GOOD.replace('in_force = "1952-04-29"', 'in_force = "1952-04-29"\nmember = ["USA"]')
     .replace('\n[[member]]\nstate = "USA"\n', "").replace('\n[[member]]\nstate = "AUL"\n', "")
     .replace('\n[[member]]\nstate = "NEW"\n', ""), 8, "member"),
    (GOOD.replace('[[source]]\nurl = "https://avalon.law.yale.edu/20th_century/usmu002.asp"',
                  'source = "https://avalon.law.yale.edu/20th_century/usmu002.asp"'), 9, "source"),
    (GOOD.replace("[[obligation]]", "[obligation]"), 21, "obligation"),
    (GOOD.replace('in_force = "1952-04-29"', 'in_force = "1952-04-29"\nsuspension = "USA"'),
     8, "suspension"),
])
def test_a_table_that_is_no_array_of_tables_is_a_problem(tmp_path: Path, text: str,
                                                          line: int | None,
                                                          field: str) -> None:
    # `[member]` for `[[member]]` raised AttributeError (a traceback from `foedus check`).
    problems = _check_one(tmp_path, text)
    assert problems
    if line is None:  # `[member]` after `[[member]]` is a TOML error, reported as such
        assert "TOML syntax error" in problems[0]
        return
    assert any(f":{line} [{field}]" in p and f"write [[{field}]]" in p for p in problems), \
        problems


def test_cli_check_reports_a_single_member_table_without_a_traceback(tmp_path: Path) -> None:
    text = GOOD.replace("[[member]]", "[member]", 1).replace(
        '\n[[member]]\nstate = "AUL"\n', "").replace('\n[[member]]\nstate = "NEW"\n', "")
    (tmp_path / "good.toml").write_text(text.format(id="good"), encoding="utf-8")
    res = CliRunner().invoke(main, ["check", "--registry", str(tmp_path), "--json"])
    assert res.exit_code == 2, res.output
    assert res.exception is None or isinstance(res.exception, SystemExit)
    assert "array of tables" in res.output and "Traceback" not in res.output


@pytest.mark.parametrize(("period", "line"), [
    ('from = "1940-01-01"\nto = "1950-01-01"', 21),   # ends before the treaty is in force
    ('from = "2001-01-01"', 21),                       # starts after it was terminated
])
def test_an_obligation_wholly_outside_the_instrument_is_a_problem(tmp_path: Path,
                                                                   period: str,
                                                                   line: int) -> None:
    text = GOOD.replace('in_force = "1952-04-29"',
                        'in_force = "1952-04-29"\nterminated = "2000-01-01"')
    problems = _check_one(tmp_path, text + period + "\n")
    assert any(f":{line + 1} [obligation[1]]" in p and "entirely outside" in p
               for p in problems), problems


def test_an_obligation_from_signature_overlapping_the_instrument_is_fine(tmp_path: Path) -> None:
    (tmp_path / "good.toml").write_text(GOOD.format(id="good") + 'from = "1951-09-01"\n',
                                        encoding="utf-8")
    reg = check_registry(tmp_path)
    assert reg.problems == [] and "good" in reg.instruments


@pytest.mark.parametrize(("old", "new", "line"), [
    ('state = "AUL"', 'state = "Austral"', 16),          # a prefix of "Australia"
    ('article = "Art. IV"', 'article = "Art. IV"\nadversaries = ["ROC"]', 26),  # was Morocco
    ('article = "Art. IV"', 'article = "Art. IV"\nadversaries = "RUS"', 26),
    ('state = "AUL"', "state = true", 16),
])
def test_registry_states_must_match_exactly(tmp_path: Path, old: str, new: str,
                                            line: int) -> None:
    problems = _check_one(tmp_path, GOOD.replace(old, new))
    assert any(f":{line} [" in p for p in problems), problems


def test_registry_digest_covers_the_state_tables(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from foedus.registry import loader

    reg_dir = tmp_path / "reg"
    reg_dir.mkdir()
    (reg_dir / "good.toml").write_text(GOOD.format(id="good"), encoding="utf-8")
    before = check_registry(reg_dir).digest
    aliases = tmp_path / "aliases.csv"
    aliases.write_text("ccode,alias\n2,America\n", encoding="utf-8")
    bundled = loader._states_files()
    assert {f.name for f in bundled} >= {"states.csv", "aliases.csv", "crosswalk.csv"}
    monkeypatch.setattr(loader, "_states_files", lambda: [*bundled, aliases])
    assert check_registry(reg_dir).digest != before


def test_store_digest_covers_the_derivation_modules(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    import foedus.model.commitments as commitments
    from foedus.store import registry_tables

    reg_dir = tmp_path / "reg"
    reg_dir.mkdir()
    (reg_dir / "good.toml").write_text(GOOD.format(id="good"), encoding="utf-8")
    reg = check_registry(reg_dir)
    before = registry_tables._digest(reg)
    edited = tmp_path / "commitments.py"
    edited.write_text(Path(commitments.__file__).read_text(encoding="utf-8") + "\n# edited\n",
                      encoding="utf-8")
    # the deriving modules' files, with commitments.py replaced by the edited copy
    files = tuple((name, str(edited) if name == commitments.__name__ else path)
                  for name, path in registry_tables._deriving())
    monkeypatch.setattr(registry_tables, "_deriving", lambda: files)
    assert registry_tables._digest(reg) != before
