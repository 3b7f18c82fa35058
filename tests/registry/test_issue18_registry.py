"""Facts a user would check about the instruments corrected and added for issue 18.

Corrections: Georgia in the CIS Charter from its ratification (1994-04-19); the France-Senegal
defence agreement of 1974 in force only after France's approval law (December 1975) and
publication; the Anglo-Russian Convention of 1907 ends with the Soviet repudiation; the
Entente Cordiale's Art. IX support ends with Moroccan independence; no commitment Russia gave
under a tsarist-era instrument is operative in 2025. Additions outside ATOP: the Compact of Free
Association (US defence of the FSM and the Marshall Islands), the France-Monaco treaty of 2002,
the Australia-Japan security declaration of 2022, and treaties signed but never in force (the
US guarantee to France of 1919, the European Defence Community, the Kensington Treaty).
"""

from __future__ import annotations

from typing import Any

from support import members_on


def _bound_from(fx: Any, target: str, attacker: str, day: str, instrument: str) -> set[str]:
    ans = fx.defenders(target, attacker, day)
    return {e.obligor.abb for e in ans.bound if e.instrument_id == instrument}


def _given(fx: Any, state: str, day: str, instrument: str) -> list[Any]:
    ans = fx.commitments(state, day, direction="given")
    return [c for c in ans.commitments if c.instrument_id == instrument]


# -- corrections ---------------------------------------------------------------------------

def test_georgia_is_in_the_cis_charter_from_its_ratification(fx: Any) -> None:
    assert "GRG" not in members_on(fx, "cis-charter-1993", "1994-04-18")
    assert "GRG" in members_on(fx, "cis-charter-1993", "1994-04-19")
    assert "GRG" not in members_on(fx, "cis-charter-1993", "2009-08-18")


def test_united_states_is_an_oas_member_from_entry_into_force(fx: Any) -> None:
    assert "USA" in members_on(fx, "oas-charter", "1951-12-13")


def test_france_senegal_1974_not_in_force_before_its_approval_and_publication(fx: Any) -> None:
    inst = fx.instrument("france-senegal-1974")
    assert inst["signed"] == "1974-03-29" and inst["in_force"] == "1976-11-30"
    assert _bound_from(fx, "SEN", "MAA", "1975-12-19", "france-senegal-1974") == set()
    assert _bound_from(fx, "SEN", "MAA", "1976-11-30", "france-senegal-1974") == {"FRN"}


def test_falepili_defence_clause_applies_only_at_tuvalus_request(fx: Any) -> None:
    obligations = fx.instrument("falepili-union-2023")["obligations"]
    defence = [o for o in obligations if o["kind"] == "defense"]
    assert len(defence) == 1
    assert "request" in defence[0]["conditions"]["other"]
    assert "at its request" in defence[0]["quote"]


def test_anglo_russian_convention_ends_with_the_soviet_repudiation(fx: Any) -> None:
    assert fx.instrument("anglo-russian-convention-1907")["terminated"] == "1917-12-03"
    ids_1917 = {i["id"] for i in fx.instruments(on="1917-12-02")}
    ids_2025 = {i["id"] for i in fx.instruments(on="2025-01-01")}
    assert "anglo-russian-convention-1907" in ids_1917
    assert "anglo-russian-convention-1907" not in ids_2025


def test_no_commitment_russia_gave_under_a_tsarist_instrument_is_operative_in_2025(
        fx: Any) -> None:
    given = fx.commitments("RUS", "2025-01-01", direction="given").commitments
    tsarist = [c for c in given
               if (fx.instrument(c.instrument_id)["signed"] or "9999") < "1917-11-07"]
    assert all(c.dormant for c in tsarist), [c.instrument_id for c in tsarist]


def test_entente_cordiale_support_ends_with_moroccan_independence(fx: Any) -> None:
    inst = "entente-cordiale-1904"
    assert {c.beneficiary.abb for c in _given(fx, "FRN", "1956-03-01", inst)} == {"UKG"}
    assert _given(fx, "FRN", "1956-03-02", inst) == []


# -- additions -----------------------------------------------------------------------------

def test_us_defends_micronesia_and_the_marshall_islands_under_the_compact(fx: Any) -> None:
    inst = "compact-of-free-association-1986"
    assert _bound_from(fx, "FSM", "CHN", "2020-01-01", inst) == {"USA"}
    assert _bound_from(fx, "MSI", "CHN", "2020-01-01", inst) == {"USA"}
    assert members_on(fx, inst, "1986-10-21") == {"USA", "MSI"}
    assert members_on(fx, inst, "1986-11-03") == {"USA", "MSI", "FSM"}
    before_system = _given(fx, "USA", "1990-01-01", inst)
    assert before_system and all(c.pre_system for c in before_system)


def test_france_guarantees_monaco_from_the_2002_treaty_entry_into_force(fx: Any) -> None:
    inst = "france-monaco-treaty-2002"
    assert fx.instrument(inst)["in_force"] == "2005-12-01"
    assert _bound_from(fx, "MNC", "ITA", "2005-11-30", inst) == set()
    assert _bound_from(fx, "MNC", "ITA", "2010-01-01", inst) == {"FRN"}


def test_australia_and_japan_consult_on_contingencies_from_2022(fx: Any) -> None:
    inst = "australia-japan-security-declaration-2022"
    given = _given(fx, "JPN", "2023-01-01", inst)
    assert {(c.beneficiary.abb, c.kind, c.legal_force) for c in given} == {
        ("AUL", "consultation", "political")}
    assert _given(fx, "JPN", "2022-10-21", inst) == []


def test_signed_treaties_never_in_force_bind_nobody(fx: Any) -> None:
    cases = {"us-france-guarantee-treaty-1919": ("FRN", "GMY", "1925-01-01"),
             "european-defence-community-1952": ("FRN", "RUS", "1954-01-01"),
             "uk-germany-kensington-treaty-2025": ("GMY", "RUS", "2026-06-01")}
    for inst, (target, attacker, day) in cases.items():
        answer = fx.instrument(inst)
        assert answer["legal_force"] == "signed" and answer["in_force"] is None
        assert _bound_from(fx, target, attacker, day, inst) == set()
        assert inst not in {i["id"] for i in fx.instruments(on=day)}
    assert fx.instrument("us-france-guarantee-treaty-1919")["signed"] == "1919-06-28"
    edc = fx.instrument("european-defence-community-1952")
    assert {m["state"]["abb"] for m in edc["members"]} == {"FRN", "GFR", "ITA", "BEL", "LUX",
                                                           "NTH"}


def test_tripartite_pact_ends_with_its_ten_year_term(fx: Any) -> None:
    assert fx.instrument("tripartite-pact-1940")["terminated"] == "1950-09-27"
    assert "tripartite-pact-1940" in {i["id"] for i in fx.instruments(on="1941-01-01")}
    assert "tripartite-pact-1940" not in {i["id"] for i in fx.instruments(on="2025-01-01")}


def test_us_defends_palau_from_the_compacts_entry_into_force(fx: Any) -> None:
    inst = "compact-of-free-association-palau-1994"
    assert fx.instrument(inst)["in_force"] == "1994-10-01"
    assert _bound_from(fx, "PAL", "CHN", "2024-01-01", inst) == {"USA"}
    early = _given(fx, "USA", "1994-11-01", inst)
    assert early and all(c.pre_system for c in early)
    assert _given(fx, "USA", "1994-09-30", inst) == []
