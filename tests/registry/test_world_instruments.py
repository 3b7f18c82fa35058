"""Facts a user would check about the forums and the non-European instruments, to the day.

UN Security Council seats (Charter Art. 23, the UN's list of elected members), the G7/G8,
and security instruments outside Europe (Falepili Union, EO 14353 on Qatar, Russia-Iran 2025,
the Taiwan Relations Act, the Liptako-Gourma Charter, the Geneva and Paris neutralisations).
"""

from __future__ import annotations

from typing import Any

import pytest

from support import members_on


def _forum_ids(fx: Any, a: str, b: str, day: str) -> set[str]:
    return {f["id"] for f in fx.forums(a, b, day).forums}


# -- forums ------------------------------------------------------------------------------

def test_usa_and_russia_share_the_security_council_and_the_g8_in_2010(fx: Any) -> None:
    ids = _forum_ids(fx, "USA", "RUS", "2010-01-01")
    assert {"un-security-council", "g7-g8", "osce"} <= ids


def test_russia_is_out_of_the_g8_from_the_hague_declaration(fx: Any) -> None:
    assert "g7-g8" in _forum_ids(fx, "USA", "RUS", "2014-03-23")
    assert "g7-g8" not in _forum_ids(fx, "USA", "RUS", "2014-03-24")
    ids = _forum_ids(fx, "USA", "RUS", "2015-01-01")
    assert "g7-g8" not in ids
    assert "un-security-council" in ids


def test_g7_founders_canada_1976_russia_from_denver_1997(fx: Any) -> None:
    assert members_on(fx, "g7-g8", "1976-01-01") == {"USA", "FRN", "UKG", "ITA", "JPN", "GFR"}
    assert "CAN" in members_on(fx, "g7-g8", "1976-06-27")
    assert "RUS" not in members_on(fx, "g7-g8", "1997-06-19")
    assert "RUS" in members_on(fx, "g7-g8", "1997-06-20")
    assert members_on(fx, "g7-g8", "2020-01-01") == {"USA", "FRN", "UKG", "ITA", "JPN", "GMY",
                                                   "CAN"}


def test_ukraine_sits_with_the_usa_on_the_council_only_during_its_2016_17_term(fx: Any) -> None:
    assert "un-security-council" in _forum_ids(fx, "UKR", "USA", "2016-06-01")
    assert "un-security-council" not in _forum_ids(fx, "UKR", "USA", "2018-06-01")
    assert "UKR" in members_on(fx, "un-security-council", "2017-12-31")
    assert "UKR" not in members_on(fx, "un-security-council", "2018-01-01")


def test_china_seat_roc_on_taiwan_until_25_october_1971_then_prc(fx: Any) -> None:
    assert "CHN" in members_on(fx, "un-security-council", "1946-06-01")
    on_1960 = members_on(fx, "un-security-council", "1960-06-01")
    assert "TAW" in on_1960 and "CHN" not in on_1960
    assert "TAW" in members_on(fx, "un-security-council", "1971-10-24")
    on_1971 = members_on(fx, "un-security-council", "1971-10-25")
    assert "CHN" in on_1971 and "TAW" not in on_1971


def test_russia_continues_the_soviet_seat(fx: Any) -> None:
    for day in ("1950-01-01", "1991-12-25", "1991-12-26", "2024-01-01"):
        assert "RUS" in members_on(fx, "un-security-council", day)


# Elected seats the registry cannot record because the holder is not a COW state that year:
# the Ukrainian SSR (1948-49, 1984-85) and the Byelorussian SSR (1974-75).
_NOT_COW = {1948: 1, 1949: 1, 1974: 1, 1975: 1, 1984: 1, 1985: 1}


@pytest.mark.parametrize("year", range(1946, 2027))
def test_every_year_the_council_has_its_charter_size(fx: Any, year: int) -> None:
    seats = 11 if year <= 1965 else 15  # Art. 23: 6 elected members, 10 from 1 Jan 1966
    day = f"{year}-07-01"
    assert len(members_on(fx, "un-security-council", day)) == seats - _NOT_COW.get(year, 0)


def test_split_terms_poland_1960_turkey_1961(fx: Any) -> None:
    assert "POL" in members_on(fx, "un-security-council", "1960-06-01")
    assert "TUR" not in members_on(fx, "un-security-council", "1960-06-01")
    assert "TUR" in members_on(fx, "un-security-council", "1961-06-01")
    assert "POL" not in members_on(fx, "un-security-council", "1961-06-01")


def test_2026_council_electedmembers_on(fx: Any) -> None:
    elected = members_on(fx, "un-security-council", "2026-06-01") - {"USA", "UKG", "FRN", "RUS",
                                                                    "CHN"}
    assert elected == {"DEN", "GRC", "PAK", "PAN", "SOM", "BAH", "COL", "DRC", "LAT", "LBR"}


# -- commitments outside Europe ----------------------------------------------------------

def test_australia_defends_tuvalu_from_the_falepili_union_entry_into_force(fx: Any) -> None:
    ans = fx.defenders("TUV", "CHN", "2024-08-28")
    falepili = [e for e in ans.bound if e.instrument_id == "falepili-union-2023"]
    assert {e.obligor.abb for e in falepili} == {"AUL"}
    assert {(e.kind, e.legal_force) for e in falepili} == {("defense", "treaty")}
    before = fx.defenders("TUV", "CHN", "2024-08-27")
    assert not [e for e in before.bound if e.instrument_id == "falepili-union-2023"]


def test_qatar_executive_order_is_a_unilateral_us_guarantee(fx: Any) -> None:
    ans = fx.defenders("QAT", "IRN", "2025-10-01")
    eo = [e for e in ans.bound if e.instrument_id == "us-qatar-executive-order-2025"]
    assert [(e.obligor.abb, e.kind, e.legal_force) for e in eo] == [
        ("USA", "guarantee", "unilateral")]
    before = fx.defenders("QAT", "IRN", "2025-09-28")
    assert not [e for e in before.bound if e.instrument_id == "us-qatar-executive-order-2025"]


def test_russia_iran_treaty_has_no_defence_clause(fx: Any) -> None:
    got = fx.commitments("IRN", "2025-10-02", direction="received", source="registry")
    mine = [c for c in got.commitments if c.instrument_id == "russia-iran-2025"]
    assert {c.kind for c in mine} == {"neutrality", "nonaggression", "consultation"}
    assert {c.obligor.abb for c in mine} == {"RUS"}
    earlier = fx.commitments("IRN", "2025-10-01", direction="received", source="registry")
    assert not [c for c in earlier.commitments if c.instrument_id == "russia-iran-2025"]


def test_taiwan_relations_act_is_arms_and_an_assurance_not_a_defence_pledge(fx: Any) -> None:
    got = fx.commitments("TAW", "1990-01-01", direction="received", source="registry")
    tra = [c for c in got.commitments if c.instrument_id == "taiwan-relations-act-1979"]
    assert {(c.kind, c.legal_force) for c in tra} == {("military_aid", "unilateral"),
                                                     ("assurance", "unilateral")}
    ans = fx.defenders("TAW", "CHN", "1990-01-01")
    assert not [e for e in ans.bound if e.instrument_id == "taiwan-relations-act-1979"]


def test_sahel_states_owe_each_other_automatic_defence(fx: Any) -> None:
    ans = fx.defenders("NIR", "FRN", "2024-01-01")
    aes = [e for e in ans.bound if e.instrument_id == "alliance-of-sahel-states-2023"]
    assert {e.obligor.abb for e in aes} == {"MLI", "BFO"}
    assert {e.strength for e in aes} == {"automatic"}


@pytest.mark.parametrize("instrument_id", ["pukpuk-treaty-2025",
                                           "australia-indonesia-treaty-2026",
                                           "nauru-australia-treaty-2024",
                                           "confederation-of-sahel-states-2024"])
def test_signed_treaties_not_known_in_force_bind_no_one(fx: Any, instrument_id: str) -> None:
    assert fx.instrument(instrument_id)["legal_force"] == "signed"
    members = {m["state"]["abb"] for m in fx.instrument(instrument_id)["members"]}
    for state in members:
        got = fx.commitments(state, "2026-06-01", source="registry")
        assert not [c for c in got.commitments if c.instrument_id == instrument_id]
    assert instrument_id not in _forum_ids(fx, *sorted(members)[:2], "2026-06-01")


def test_geneva_1962_parties_owe_laos_respect_not_defence(fx: Any) -> None:
    got = fx.commitments("LAO", "1963-01-01", direction="received", source="registry")
    laos = [c for c in got.commitments if c.instrument_id == "laos-neutrality-1962"]
    respecters = {c.obligor.abb for c in laos if c.kind == "nonaggression"}
    assert respecters == {"MYA", "CAM", "CAN", "CHN", "DRV", "FRN", "IND", "POL", "RVN", "THI",
                          "RUS", "UKG", "USA"}
    assert not [c for c in laos if c.kind in ("defense", "guarantee")]


def test_norway_integrity_guarantee_1908_to_1924(fx: Any) -> None:
    ans = fx.defenders("NOR", "SWD", "1910-01-01")
    g = [e for e in ans.bound if e.instrument_id == "norway-integrity-treaty-1907"]
    assert {e.obligor.abb for e in g} == {"UKG", "FRN", "GMY", "RUS"}
    later = fx.defenders("NOR", "SWD", "1925-01-01")
    assert not [e for e in later.bound if e.instrument_id == "norway-integrity-treaty-1907"]


def test_late_elections_start_the_seat_on_election_day(fx: Any) -> None:
    # the first six were elected in London on 12 January 1946; Mexico only on 7 January 1980
    assert "BRA" not in members_on(fx, "un-security-council", "1946-01-11")
    assert "BRA" in members_on(fx, "un-security-council", "1946-01-12")
    assert "MEX" not in members_on(fx, "un-security-council", "1980-01-06")
    assert "MEX" in members_on(fx, "un-security-council", "1980-01-07")


def test_neutral_statuses_of_laos_cambodia_and_aland(fx: Any) -> None:
    laos = {s.instrument_id: s.status for s in fx.status("LAO", "1963-01-01").statuses}
    assert laos.get("laos-neutrality-1962") == "neutrality"
    assert "laos-neutrality-1962" not in {
        s.instrument_id for s in fx.status("LAO", "1962-07-22").statuses}
    cam = {s.instrument_id: s.status for s in fx.status("CAM", "2000-01-01").statuses}
    assert cam.get("cambodia-paris-agreement-1991") == "permanent_neutrality"
    fin = {s.instrument_id: s.status for s in fx.status("FIN", "2000-01-01").statuses}
    assert fin.get("aland-convention-1921") == "demilitarisation"


def test_aland_guarantee_is_dormant_after_the_league(fx: Any) -> None:
    def art7(day: str) -> list[Any]:
        got = fx.commitments("FIN", day, direction="received", source="registry")
        return [c for c in got.commitments if c.instrument_id == "aland-convention-1921"]

    assert art7("1930-01-01") and not any(c.dormant for c in art7("1930-01-01"))
    assert art7("2000-01-01") and all(c.dormant for c in art7("2000-01-01"))
