"""ATOP alliances of the Americas, the Middle East and Asia carried past 2018, checked to the day.

Each test asks the Python API a question a user would ask and checks it against the sources cited
in the registry files (OAS depositary table A-41 and Art. 143, Arab League Council decisions, the
GCC Joint Defence Agreement's Art. 2, the RSS accession of Guyana).
"""

from __future__ import annotations

from typing import Any

from support import members_on

GCC = {"SAU", "KUW", "BAH", "QAT", "UAE", "OMA"}




def _defenders(fx: Any, target: str, attacker: str, day: str, instrument_id: str) -> set[str]:
    ans = fx.defenders(target, attacker, day)
    return {e.obligor.abb for e in ans.bound if e.instrument_id == instrument_id}


def _received(fx: Any, state: str, day: str, instrument_id: str) -> bool:
    got = fx.commitments(state, day, direction="received", kind="defense")
    return any(c.instrument_id == instrument_id for c in got.commitments)


def test_kuwait_attacked_by_iran_engages_its_gcc_partners_by_treaty(fx: Any) -> None:
    ans = fx.defenders("KUW", "IRN", "2022-01-01")
    gcc = [e for e in ans.bound if e.instrument_id == "gcc-joint-defence-2000"]
    assert {e.obligor.abb for e in gcc} == GCC - {"KUW"}
    assert {(e.legal_force, e.strength) for e in gcc} == {("treaty", "automatic")}


def test_qatar_kept_its_gcc_defenders_through_the_2017_boycott(fx: Any) -> None:
    # the boycott by Saudi Arabia, the UAE and Bahrain was no formal suspension
    assert _defenders(fx, "QAT", "IRN", "2018-06-01", "gcc-joint-defence-2000") == GCC - {"QAT"}


def test_gcc_agreement_not_in_force_on_signature_day(fx: Any) -> None:
    # signed 2000-12-31, ratifications through 2001 (Qatar 2001-12-29)
    assert _defenders(fx, "KUW", "IRN", "2001-01-01", "gcc-joint-defence-2000") == set()


def test_arab_league_defends_egypt_in_2022_but_not_suspended_syria(fx: Any) -> None:
    arabs = _defenders(fx, "EGY", "ISR", "2022-01-01", "arab-league-joint-defence-1950")
    assert {"SAU", "JOR", "IRQ", "KUW", "MOR", "ALG", "LEB"} <= arabs
    assert "SYR" not in arabs  # suspended from 2011-11-16 to 2023-05-07
    after = _defenders(fx, "EGY", "ISR", "2024-01-01", "arab-league-joint-defence-1950")
    assert "SYR" in after


def test_arab_league_joint_defence_is_automatic_treaty_pledge(fx: Any) -> None:
    ans = fx.defenders("JOR", "ISR", "2022-01-01")
    arab = [e for e in ans.bound if e.instrument_id == "arab-league-joint-defence-1950"]
    assert arab
    assert {(e.legal_force, e.strength) for e in arab} == {("treaty", "automatic")}


def test_egypt_suspended_from_arab_league_defence_1979_to_1989(fx: Any) -> None:
    assert not _received(fx, "EGY", "1985-01-01", "arab-league-joint-defence-1950")
    assert _received(fx, "EGY", "1978-01-01", "arab-league-joint-defence-1950")
    assert _received(fx, "EGY", "1990-01-01", "arab-league-joint-defence-1950")


def test_venezuela_leaves_oas_charter_when_notice_runs_out(fx: Any) -> None:
    # notice delivered 2017-04-28; Art. 143: the Charter ceases two years later
    assert "VEN" in members_on(fx, "oas-charter", "2019-04-27")
    assert "VEN" not in members_on(fx, "oas-charter", "2019-04-28")
    assert _received(fx, "VEN", "2019-04-27", "oas-charter")
    assert not _received(fx, "VEN", "2019-04-28", "oas-charter")
    assert not _received(fx, "VEN", "2018-01-01", "rio-treaty")  # left the Rio Treaty in 2015


def test_nicaragua_leaves_oas_charter_on_2023_11_19(fx: Any) -> None:
    assert "NIC" in members_on(fx, "oas-charter", "2023-11-18")
    assert "NIC" not in members_on(fx, "oas-charter", "2023-11-19")


def test_canada_is_bound_by_the_oas_charter_not_the_rio_treaty(fx: Any) -> None:
    assert "CAN" not in members_on(fx, "oas-charter", "1990-01-07")
    assert "CAN" in members_on(fx, "oas-charter", "1990-01-08")  # deposit, OAS table A-41
    mexico_defenders = _defenders(fx, "MEX", "CHN", "2020-01-01", "oas-charter")
    assert "CAN" in mexico_defenders
    assert "CAN" not in _defenders(fx, "MEX", "CHN", "2020-01-01", "rio-treaty")


def test_honduras_2009_suspension_left_charter_obligations_in_place(fx: Any) -> None:
    # AG/RES. 2 (XXXVII-E/09): Honduras 'must continue to fulfill its obligations'
    assert _received(fx, "HON", "2010-01-01", "oas-charter")


def test_cuba_excluded_1962_and_readmitted_2009(fx: Any) -> None:
    assert not _received(fx, "CUB", "1970-01-01", "oas-charter")
    assert _received(fx, "CUB", "2015-01-01", "oas-charter")


def test_us_pakistan_1959_is_a_discretionary_executive_agreement(fx: Any) -> None:
    ans = fx.defenders("PAK", "IND", "2020-01-01")
    us = [e for e in ans.bound if e.instrument_id == "us-pakistan-cooperation-1959"]
    assert {e.obligor.abb for e in us} == {"USA"}
    assert {(e.legal_force, e.strength) for e in us} == {("executive_agreement", "discretionary")}
    # one-way: Pakistan owes the US nothing under it
    assert not _received(fx, "USA", "2020-01-01", "us-pakistan-cooperation-1959")


def test_guyana_joins_the_regional_security_system_in_2022(fx: Any) -> None:
    assert "GUY" not in members_on(fx, "regional-security-system-1996", "2022-12-05")
    assert "GUY" in members_on(fx, "regional-security-system-1996", "2022-12-06")
    assert "GUY" in _defenders(fx, "BAR", "VEN", "2024-01-01", "regional-security-system-1996")
