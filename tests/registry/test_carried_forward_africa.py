"""ATOP's African alliances carried past 2018 in the curated registry: facts a user would check.

Each assertion is a dated fact checked against the sources cited in the registry files
(ECOWAS Authority communiqué of 15 December 2024; French defence ministry's Bulletin officiel
des armées; JORF; AfricanLII). ATOP 5.1 ends in 2018, so after 2018 these answers come from
the registry alone.
"""

from __future__ import annotations

from typing import Any

from support import members_on

ECOWAS = "ecowas-mutual-assistance-defence-1981"




def _bound_by(fx: Any, target: str, attacker: str, day: str, instrument_id: str) -> set[str]:
    ans = fx.defenders(target, attacker, day, source="registry")
    return {e.obligor.abb for e in ans.bound if e.instrument_id == instrument_id}


def test_ecowas_partners_bound_to_defend_ghana_in_2022(fx: Any) -> None:
    entries = [e for e in fx.defenders("GHA", "CAO", "2022-06-01", source="registry").bound
               if e.instrument_id == ECOWAS]
    obligors = {e.obligor.abb for e in entries}
    assert {"BFO", "NIR", "SEN", "NIG", "CDI"} <= obligors
    assert "GHA" not in obligors
    assert "MLI" not in obligors  # Mali never joined the 1981 defence protocol
    assert {(e.legal_force, e.strength) for e in entries} == {("treaty", "discretionary")}


def test_burkina_faso_and_niger_leave_ecowas_defence_on_2025_01_29(fx: Any) -> None:
    assert {"BFO", "NIR"} <= members_on(fx, ECOWAS, "2025-01-28")
    assert not {"BFO", "NIR", "MLI"} & members_on(fx, ECOWAS, "2025-01-29")


def test_sahel_states_neither_bound_nor_protected_by_ecowas_in_2025(fx: Any) -> None:
    assert not {"BFO", "NIR", "MLI"} & _bound_by(fx, "GHA", "CAO", "2025-06-01", ECOWAS)
    for state in ("BFO", "NIR", "MLI"):
        assert _bound_by(fx, state, "CAO", "2025-06-01", ECOWAS) == set()
    assert "SEN" in _bound_by(fx, "GHA", "CAO", "2025-06-01", ECOWAS)


def test_chad_left_the_1960_french_defence_agreement_in_1976(fx: Any) -> None:
    inst = "france-car-congo-chad-1960"
    assert "CHA" in members_on(fx, inst, "1976-03-05")
    assert "CHA" not in members_on(fx, inst, "1976-03-06")
    assert "CON" not in members_on(fx, inst, "1974-01-01")
    assert _bound_by(fx, "CHA", "LIB", "1975-01-01", inst) >= {"FRN"}
    assert _bound_by(fx, "CHA", "LIB", "2024-06-01", inst) == set()


def test_france_gabon_1960_pledge_ends_when_2010_treaty_enters_into_force(fx: Any) -> None:
    inst = "france-gabon-1960"
    assert _bound_by(fx, "GAB", "CAO", "2014-05-31", inst) == {"FRN"}
    assert _bound_by(fx, "GAB", "CAO", "2014-06-01", inst) == set()


def test_france_comoros_agreement_binds_only_from_entry_into_force(fx: Any) -> None:
    inst = "france-comoros-1978"
    assert _bound_by(fx, "COM", "MAG", "1982-10-19", inst) == set()
    assert _bound_by(fx, "COM", "MAG", "1982-10-20", inst) == {"FRN"}


def test_france_senegal_1974_pledge_gone_after_2012_partnership_treaty(fx: Any) -> None:
    inst = "france-senegal-1974"
    assert _bound_by(fx, "SEN", "MAA", "2000-01-01", inst) == {"FRN"}
    assert _bound_by(fx, "SEN", "MAA", "2015-01-01", inst) == set()


def test_au_pact_binds_nobody_before_it_entered_into_force(fx: Any) -> None:
    inst = "au-non-aggression-common-defence-pact-2005"
    assert fx.instrument(inst)["in_force"] == "2009-12-18"
    assert members_on(fx, inst, "2009-12-17") == set()


def test_mali_still_bound_by_au_pact_while_suspended_from_the_au(fx: Any) -> None:
    # Mali ratified the Pact (PANA, 2016); its AU suspension (2021-) bars participation in AU
    # activities but suspends no obligation of this separate treaty.
    inst = "au-non-aggression-common-defence-pact-2005"
    assert {"MLI", "SEN"} <= members_on(fx, inst, "2024-06-01")
    assert "MLI" in _bound_by(fx, "SEN", "CAO", "2024-06-01", inst)


def test_great_lakes_pact_binds_its_ratifiers_from_21_june_2008(fx: Any) -> None:
    inst = "great-lakes-pact-2006"
    assert _bound_by(fx, "KEN", "SOM", "2008-06-20", inst) == set()
    bound = _bound_by(fx, "KEN", "SOM", "2008-06-21", inst)
    assert {"BUI", "CEN", "DRC", "CON", "RWA", "TAZ", "UGA"} <= bound
