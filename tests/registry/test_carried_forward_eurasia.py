"""ATOP alliances carried forward past 2018 (post-Soviet space, Balkans, Turkey-Azerbaijan):
facts a user can check, through the Python API, to the day."""

from __future__ import annotations

from typing import Any

from support import members_on


def _bound(fx: Any, target: str, attacker: str, day: str) -> set[tuple[str, str]]:
    ans = fx.defenders(target, attacker, day)
    return {(e.obligor.abb, e.instrument_id) for e in ans.bound}


def test_russia_bound_to_kazakhstan_in_2022_by_the_1992_treaty_and_the_cst(fx: Any) -> None:
    bound = _bound(fx, "KZK", "CHN", "2022-01-01")
    assert ("RUS", "russia-kazakhstan-1992") in bound
    assert ("RUS", "collective-security-treaty") in bound


def test_russia_kazakhstan_1992_runs_from_entry_into_force(fx: Any) -> None:
    assert ("RUS", "russia-kazakhstan-1992") in _bound(fx, "KZK", "CHN", "1992-10-09")
    assert ("RUS", "russia-kazakhstan-1992") not in _bound(fx, "KZK", "CHN", "1992-10-08")


def test_turkey_bound_to_azerbaijan_under_2010_agreement_in_2020(fx: Any) -> None:
    ans = fx.defenders("AZE", "ARM", "2020-01-01")
    tur = [e for e in ans.bound if e.instrument_id == "turkey-azerbaijan-2010"]
    assert [e.obligor.abb for e in tur] == ["TUR"]
    assert (tur[0].legal_force, tur[0].strength) == ("treaty", "discretionary")
    # the Shusha Declaration only from its entry into force (2022-02-13)
    assert not any(e.instrument_id == "turkey-azerbaijan-shusha-2021" for e in ans.bound)


def test_russia_bound_to_uzbekistan_outside_the_cst_in_2020(fx: Any) -> None:
    bound = _bound(fx, "UZB", "AFG", "2020-01-01")
    assert ("RUS", "russia-uzbekistan-2005") in bound
    assert ("RUS", "russia-uzbekistan-1992") in bound
    assert not any(i == "collective-security-treaty" for _, i in bound)


def test_georgia_leaves_the_cis_charter_on_2009_08_18(fx: Any) -> None:
    assert "GRG" in members_on(fx, "cis-charter-1993", "2009-08-17")
    assert "GRG" not in members_on(fx, "cis-charter-1993", "2009-08-18")


def test_cis_charter_members_in_2025_exclude_ukraine_and_turkmenistan(fx: Any) -> None:
    assert members_on(fx, "cis-charter-1993", "2025-01-01") == {
        "RUS", "BLR", "ARM", "AZE", "KZK", "KYR", "TAJ", "UZB", "MLD"}


def test_moldova_is_a_cis_member_without_security_obligations(fx: Any) -> None:
    ans = fx.commitments("MLD", "2025-01-01", direction="received")
    assert not any(c.instrument_id == "cis-charter-1993" for c in ans.commitments)
    given = fx.commitments("MLD", "2025-01-01", direction="given")
    assert not any(c.instrument_id == "cis-charter-1993" for c in given.commitments)


def test_belarus_union_treaty_gives_way_to_union_state_on_2000_01_26(fx: Any) -> None:
    before = _bound(fx, "BLR", "POL", "2000-01-25")
    after = _bound(fx, "BLR", "POL", "2000-01-26")
    assert ("RUS", "russia-belarus-union-1997") in before
    assert ("RUS", "russia-belarus-union-state-1999") not in before
    assert ("RUS", "russia-belarus-union-state-1999") in after
    assert ("RUS", "russia-belarus-union-1997") not in after


def test_belarus_2025_union_state_and_security_guarantees(fx: Any) -> None:
    bound = _bound(fx, "BLR", "POL", "2025-06-01")
    assert ("RUS", "russia-belarus-union-state-1999") in bound
    assert ("RUS", "russia-belarus-security-guarantees-2024") in bound


def test_croatia_bosnia_joint_defence_ends_with_the_war(fx: Any) -> None:
    assert ("CRO", "croatia-bosnia-1992") in _bound(fx, "BOS", "YUG", "1993-01-01")
    assert ("CRO", "croatia-bosnia-1992") not in _bound(fx, "BOS", "YUG", "1996-01-01")


def test_kazakhstan_kyrgyzstan_eternal_friendship_in_force_1999_06_22(fx: Any) -> None:
    assert ("KZK", "kazakhstan-kyrgyzstan-1997") in _bound(fx, "KYR", "CHN", "1999-06-22")
    assert ("KZK", "kazakhstan-kyrgyzstan-1997") not in _bound(fx, "KYR", "CHN", "1999-06-21")


def test_carried_forward_files_name_their_atop_alliance(fx: Any) -> None:
    expected = {
        "russia-kazakhstan-1992": [4235], "russia-uzbekistan-1992": [4245],
        "russia-kyrgyzstan-1992": [4255], "croatia-bosnia-1992": [4295],
        "czech-slovak-1992": [4370], "tajikistan-uzbekistan-1993": [4392],
        "cis-charter-1993": [4400], "russia-tajikistan-1993": [4470],
        "turkey-azerbaijan-1994": [4550], "russia-belarus-union-1997": [4865],
        "russia-belarus-union-state-1999": [4865], "kazakhstan-kyrgyzstan-1997": [4867],
        "tajikistan-uzbekistan-2000": [4951], "kazakhstan-kyrgyzstan-2003": [5040],
        "russia-uzbekistan-2005": [5075], "turkey-azerbaijan-2010": [6035],
    }
    for iid, ids in expected.items():
        assert fx.instrument(iid)["atop_ids"] == ids, iid
