"""Facts a user would check, asked through the Python API, to the day."""

from __future__ import annotations

from typing import Any

import pytest

from foedus.errors import AmbiguousStateError, NotFoundError, UsageError
from support import members_on

NATO_2025 = {"USA", "CAN", "UKG", "NTH", "BEL", "LUX", "FRN", "SPN", "POR", "GMY", "POL",
             "HUN", "CZR", "SLO", "ITA", "ALB", "MNG", "MAC", "CRO", "SLV", "GRC", "BUL",
             "ROM", "LAT", "LIT", "EST", "FIN", "SWD", "NOR", "DEN", "ICE", "TUR"}
EU_2025 = {"AUS", "BEL", "BUL", "CRO", "CYP", "CZR", "DEN", "EST", "FIN", "FRN", "GMY", "GRC",
           "HUN", "IRE", "ITA", "LAT", "LIT", "LUX", "MLT", "NTH", "POL", "POR", "ROM", "SLO",
           "SLV", "SPN", "SWD"}




def test_finland_joins_nato_on_2023_04_04(fx: Any) -> None:
    assert "FIN" in members_on(fx, "nato", "2023-04-04")
    assert "FIN" not in members_on(fx, "nato", "2023-04-03")
    given = fx.commitments("FIN", "2023-04-04", direction="received", kind="defense")
    assert any(c.instrument_id == "nato" for c in given.commitments)
    before = fx.commitments("FIN", "2023-04-03", direction="received", kind="defense")
    assert not any(c.instrument_id == "nato" for c in before.commitments)


def test_sweden_joins_nato_on_2024_03_07(fx: Any) -> None:
    assert "SWD" in members_on(fx, "nato", "2024-03-07")
    assert "SWD" not in members_on(fx, "nato", "2024-03-06")


def test_nato_has_32_members_in_2025(fx: Any) -> None:
    assert members_on(fx, "nato", "2025-01-01") == NATO_2025


def test_france_1966_command_withdrawal_is_not_an_exit(fx: Any) -> None:
    assert "FRN" in members_on(fx, "nato", "1967-01-01")
    assert "FRN" in members_on(fx, "nato", "2000-01-01")


def test_west_germany_then_germany_in_nato(fx: Any) -> None:
    assert "GFR" in members_on(fx, "nato", "1960-01-01")
    assert "GMY" in members_on(fx, "nato", "1990-10-03")
    assert "GFR" not in members_on(fx, "nato", "1990-10-03")


def test_estonia_2025_every_other_nato_member_bound_and_eu_art_42_7(fx: Any) -> None:
    ans = fx.defenders("EST", "RUS", "2025-01-01")
    nato = [e for e in ans.bound if e.instrument_id == "nato"]
    assert {e.obligor.abb for e in nato} == NATO_2025 - {"EST"}
    assert {(e.legal_force, e.strength) for e in nato} == {("treaty", "discretionary")}
    eu = [e for e in ans.bound if e.instrument_id == "eu-art-42-7"]
    assert {e.obligor.abb for e in eu} == EU_2025 - {"EST"}


def test_estonia_2003_has_no_treaty_bound_defender(fx: Any) -> None:
    ans = fx.defenders("EST", "RUS", "2003-01-01")
    assert ans.bound == []


def test_no_treaty_bound_defender_of_ukraine_on_2022_02_24(fx: Any) -> None:
    ans = fx.defenders("UKR", "RUS", "2022-02-24")
    assert [e for e in ans.bound if e.legal_force == "treaty"] == []
    budapest = [e for e in ans.assurances if e.instrument_id == "budapest-memorandum-1994"]
    assert {e.obligor.abb for e in budapest} == {"USA", "UKG"}
    assert {e.legal_force for e in budapest} == {"political"}
    assert any(e.instrument_id == "budapest-memorandum-1994" for e in ans.violated)


def test_budapest_memorandum_is_a_political_assurance(fx: Any) -> None:
    inst = fx.instrument("budapest-memorandum-1994")
    assert inst["legal_force"] == "political"
    assert inst["in_force"] == "1994-12-05"
    givers = {m["state"]["abb"] for m in inst["members"] if m["role"] == "guarantor"}
    assert givers == {"USA", "UKG", "RUS"}
    assert "assurance" in {o["kind"] for o in inst["obligations"]}
    assert "guarantee" not in {o["kind"] for o in inst["obligations"]}


def test_istanbul_communique_is_a_proposal_never_in_force(fx: Any) -> None:
    inst = fx.instrument("istanbul-communique-2022")
    assert inst["legal_force"] == "proposal"
    assert inst["in_force"] is None
    ans = fx.commitments("UKR", "2022-04-01", direction="received")
    assert not any(c.instrument_id == "istanbul-communique-2022" for c in ans.commitments)


def test_anzus_us_suspension_toward_new_zealand_is_directed(fx: Any) -> None:
    us_to_nz = fx.commitments("USA", "1990-01-01", direction="given", kind="defense")
    assert not any(c.instrument_id == "anzus" and c.beneficiary.abb == "NEW"
                   for c in us_to_nz.commitments)
    assert any(c.instrument_id == "anzus" and c.beneficiary.abb == "AUL"
               for c in us_to_nz.commitments)
    nz = fx.commitments("NEW", "1990-01-01", direction="given", kind="defense")
    assert any(c.instrument_id == "anzus" and c.beneficiary.abb == "USA"
               for c in nz.commitments)
    before = fx.commitments("USA", "1980-01-01", direction="given", kind="defense")
    assert any(c.instrument_id == "anzus" and c.beneficiary.abb == "NEW"
               for c in before.commitments)


def test_russia_dprk_treaty_in_force_2024_12_04(fx: Any) -> None:
    on = fx.commitments("PRK", "2024-12-04", direction="received", kind="defense")
    rus = [c for c in on.commitments if c.instrument_id == "russia-dprk-2024"]
    assert rus and {c.strength for c in rus} == {"automatic"}
    off = fx.commitments("PRK", "2024-12-03", direction="received", kind="defense")
    assert not any(c.instrument_id == "russia-dprk-2024" for c in off.commitments)


def test_warsaw_pact_albania_exit_and_dissolution(fx: Any) -> None:
    assert "ALB" in members_on(fx, "warsaw-pact", "1960-01-01")
    assert "ALB" not in members_on(fx, "warsaw-pact", "1969-01-01")
    assert members_on(fx, "warsaw-pact", "1992-01-01") == set() or not fx.instruments(
        on="1992-01-01", search="warsaw-pact")
    assert not any(i["id"] == "warsaw-pact" for i in fx.instruments(on="1992-01-01"))


def test_armenia_csto_freeze_is_not_a_suspension(fx: Any) -> None:
    ans = fx.commitments("ARM", "2025-01-01", direction="received", kind="defense")
    assert {c.obligor.abb for c in ans.commitments
            if c.instrument_id.startswith(("cst", "collective"))} >= {"RUS"}


def test_belgium_1914_guarantors_bound(fx: Any) -> None:
    ans = fx.defenders("BEL", "GMY", "1914-08-03")
    london = {e.obligor.abb for e in ans.bound if e.instrument_id == "treaty-of-london-1839"}
    assert {"UKG", "FRN"} <= london
    assert "GMY" not in london


def test_forums_usa_and_russia_share_the_osce(fx: Any) -> None:
    ans = fx.forums("USA", "Russia", "2010-01-01")
    assert "osce" in {f["id"] for f in ans.forums}
    assert "nato" not in {f["id"] for f in ans.forums}


def test_diff_shows_finland_joining(fx: Any) -> None:
    ans = fx.diff("2023-01-01", "2023-12-31", state="FIN")
    assert any(e.instrument_id == "nato" for e in ans.appeared)


def test_instruments_filters(fx: Any) -> None:
    ids = {i["id"] for i in fx.instruments(state="UKR", on="2014-02-20")}
    assert "budapest-memorandum-1994" in ids
    assert "nato" not in ids
    assert "nato" in {i["id"] for i in fx.instruments(search="North Atlantic")}


def test_errors_are_clear(fx: Any) -> None:
    with pytest.raises(AmbiguousStateError, match="Korea"):
        fx.commitments("Korea", "2020-01-01")
    with pytest.raises(UsageError, match="date"):
        fx.commitments("USA", "2020-13-01")
    with pytest.raises(NotFoundError):
        fx.instrument("no-such-treaty")
    with pytest.raises(UsageError, match="direction"):
        fx.commitments("USA", "2020-01-01", direction="sideways")


def test_a_month_only_date_says_so(fx: Any) -> None:
    # Venezuela's Rio Treaty deposit is known only to the month (May 1949).
    ans = fx.commitments("VEN", "1950-01-01", direction="received")
    entries = [c for c in ans.commitments if c.instrument_id == "rio-treaty"]
    assert entries and {c.valid_from_precision for c in entries} == {"month"}
    assert entries[0].to_json()["valid_from"] == "1949-05-01"
    # The Russia-Armenia treaty of 1997 entered into force on a known day, 1998-11-05.
    arm = fx.commitments("ARM", "1999-01-01", direction="received")
    russia = [c for c in arm.commitments if c.instrument_id == "russia-armenia-1997"]
    assert russia and {c.to_json()["valid_from"] for c in russia} == {"1998-11-05"}
    assert {c.valid_from_precision for c in russia} == {"day"}
    nato = fx.commitments("FIN", "2023-04-04", direction="received", kind="defense")
    assert {c.valid_from_precision for c in nato.commitments if c.instrument_id == "nato"} == {
        "day"}
