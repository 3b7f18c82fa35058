"""Assurances of restraint are never support, and dormant (formal-only) promises say so."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from foedus.registry import check_registry


def test_founding_act_restraint_is_not_an_assurance_of_support(fx: Any) -> None:
    ans = fx.defenders("RUS", "UKR", "2010-01-01")
    nfa = "nato-russia-founding-act-1997"
    assert not [e for e in ans.assurances if e.instrument_id == nfa]
    assert not [e for e in ans.bound + ans.aid + ans.consult
                if e.instrument_id == nfa and e.kind == "assurance"]
    restraint = [e for e in ans.restraint if e.instrument_id == nfa]
    assert {e.obligor.abb for e in restraint} >= {"USA", "UKG", "FRN", "GMY"}
    assert all(e.aim == "restraint" and e.to_json()["aim"] == "restraint" for e in restraint)
    assert ans.to_json()["restraint"] and "restraint" in ans.to_json()


def test_budapest_positive_assurance_stays_and_restraints_move(fx: Any) -> None:
    ans = fx.defenders("UKR", "RUS", "2014-03-01")
    support = {e.article for e in ans.assurances if e.instrument_id == "budapest-memorandum-1994"}
    restraint = {e.article for e in ans.restraint if e.instrument_id == "budapest-memorandum-1994"}
    assert support == {"Art. 4"}
    assert restraint == {"Art. 1", "Art. 3", "Art. 5"}


def test_support_is_the_default_aim(fx: Any) -> None:
    ans = fx.defenders("EST", "RUS", "2025-01-01")
    assert ans.bound and {e.aim for e in ans.bound} == {"support"}
    assert not any(e.dormant for e in ans.bound)


BAD = """\
id = "bad-aim"
name = "Bad aim"
short = "bad"
type = "assurance"
legal_force = "political"
in_force = "1997-05-27"

[[source]]
url = "https://example.org/x"

[[member]]
state = "USA"

[[member]]
state = "RUS"

[[obligation]]
among = "parties"
kind = "assurance"
strength = "consultative"
article = "Sect. IV"
aim = "abstention"

[[obligation]]
among = "parties"
kind = "guarantee"
strength = "discretionary"
article = "Art. 2"
dormant = true
"""


def test_bad_aim_and_unexplained_dormancy_are_refused(tmp_path: Path) -> None:
    (tmp_path / "bad-aim.toml").write_text(BAD, encoding="utf-8")
    problems = {(p.line, p.field): p.message for p in check_registry(tmp_path).problems}
    assert "not one of: support, restraint" in problems[(22, "obligation[1].aim")]
    assert "needs a note" in problems[(29, "obligation[2].dormant")]
