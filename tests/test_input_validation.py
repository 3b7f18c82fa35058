"""Input validation: state names, the registry loader, ATOP coverage, the CLI, two processes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from foedus.errors import FoedusError

# --- state lookup -----------------------------------------------------------------------------


@pytest.mark.parametrize("ref, wrong", [
    ("ROC", "MOR"),   # Republic of China (Taiwan) -> Morocco, via "mo-roc-co"
    ("EU", "GMY"),    # the European Union -> Germany, via a substring of some alias
    ("ESH", "BNG"),   # ISO3 of Western Sahara -> Bangladesh, via "bangla-desh"
])
def test_short_codes_never_resolve_by_substring(ref: str, wrong: str) -> None:
    # A short token that is no code, abbreviation or name must be refused (or resolved
    # correctly), never matched as a substring of an unrelated name: the answer would be
    # about the wrong country with no warning. The loader uses the same lookup for
    # `adversaries`, so a registry file naming "ROC" silently points at Morocco.
    from foedus.registry.states import load_state_system

    try:
        state = load_state_system().lookup(ref)
    except FoedusError:
        return
    assert state.abb != wrong


# --- registry loader --------------------------------------------------------------------------

_HEAD = """id = "{id}"
name = "Validation case"
short = "RC"
type = "alliance"
legal_force = "treaty"
in_force = "1995-01-01"
terminated = "2000-01-01"

[[source]]
url = "https://example.org/treaty"
"""


def test_a_single_member_table_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    # `[member]` instead of `[[member]]` is the commonest TOML slip. check_registry must report
    # it with file and line (its documented contract); it raises AttributeError instead, and
    # `foedus check` prints a Python traceback.
    from foedus.registry.loader import check_registry

    (tmp_path / "review-case.toml").write_text(
        _HEAD.format(id="review-case") + '\n[member]\nstate = "EST"\n', encoding="utf-8")
    reg = check_registry(tmp_path)
    assert reg.problems and "member" in str(reg.problems[0])


def test_an_obligation_outside_the_instrument_is_a_problem(tmp_path: Path) -> None:
    # An obligation whose own period lies wholly outside the instrument's (a typo in `from`)
    # yields no commitment at all; the loader says nothing, so the fact silently vanishes.
    from foedus.registry.loader import check_registry

    text = _HEAD.format(id="review-case") + """
[[member]]
state = "EST"

[[member]]
state = "LAT"

[[obligation]]
among = "parties"
kind = "defense"
strength = "automatic"
article = "Art. 1"
from = "2001-01-01"
"""
    (tmp_path / "review-case.toml").write_text(text, encoding="utf-8")
    reg = check_registry(tmp_path)
    assert any("obligation" in str(p) for p in reg.problems)


# --- ATOP coverage: unknown, never 0 ----------------------------------------------------------


@pytest.fixture()
def fxa(fx_atop: Any) -> Any:
    return fx_atop


def test_atop_after_2018_is_unknown_not_an_empty_answer(fxa: Any) -> None:
    # After 2018 ATOP is unknown, never 0: asking ATOP alone is refused with its coverage ...
    with pytest.raises(FoedusError, match="1815-2018"):
        fxa.commitments("EST", "2020-01-01", source="atop")
    # ... and a combined answer says so, listing ATOP's still-open pledges as presumed only.
    ans = fxa.commitments("KUW", "2020-01-01", source="all")
    assert ans.unknown == ["atop"] and ans.datasets == ["registry"]
    assert all(e.origin == "registry" for e in ans.commitments)
    assert all(e.origin == "atop" and e.presumed for e in ans.presumed)


# --- CLI --------------------------------------------------------------------------------------


def test_json_and_csv_together_is_an_invalid_command_line(tmp_path: Path) -> None:
    # cli.py documents exit 2 for an invalid command line (click's code); it must be refused
    # before any work is done, with a message naming both options.
    from foedus.cli import main

    res = CliRunner().invoke(main, ["commitments", "UKR", "--on", "2025-01-01", "--json",
                                    "--csv"], env={"FOEDUS_HOME": str(tmp_path)})
    assert res.exit_code == 2
    assert "--json" in res.output and "--csv" in res.output


# --- two processes ----------------------------------------------------------------------------


def test_parallel_first_queries_all_succeed(tmp_path: Path) -> None:
    # Four queries started together on a fresh (or just-upgraded) store: one builds the
    # registry tables, the others fail at once with StoreError ("Another foedus process may be
    # writing it") instead of waiting for the build and then reading. Scripts that fan out
    # `foedus defenders ...` over many dyads hit this after every upgrade.
    code = ("import sys; from foedus.api import Foedus; "
            "fx = Foedus(sys.argv[1]); fx.defenders('EST', 'RUS', '2025-01-01'); fx.close()")
    db = tmp_path / "foedus.duckdb"
    env = {**os.environ, "FOEDUS_HOME": str(tmp_path)}
    procs = [subprocess.Popen([sys.executable, "-c", code, str(db)], env=env,
                              stderr=subprocess.PIPE, text=True) for _ in range(4)]
    results = [(p.wait(timeout=120), p.stderr.read() if p.stderr else "") for p in procs]
    assert all(rc == 0 for rc, _ in results), [err[-300:] for rc, err in results if rc]
