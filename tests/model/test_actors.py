"""Organisations as parties (the EU) and states bound before they entered the state system
(Luxembourg 1867): derivation reaches the right states on the right days, and answers say how."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from foedus.model import (
    FuzzyDate,
    Instrument,
    InstrumentType,
    Kind,
    LegalForce,
    Membership,
    Obligation,
    Period,
    Role,
    Source,
    Strength,
    commitments_from_instrument,
)
from foedus.model.actors import actor_for, expand_actors
from foedus.registry import check_registry, load_registry

D = dt.date
EU, UKR, UKG, CRO, FRN, HUN = 1001, 369, 200, 344, 220, 310


def _eu_obligation(start: dt.date) -> Instrument:
    members = (Membership(EU, Role.PARTY, Period(start), FuzzyDate(start)),
               Membership(UKR, Role.PARTY, Period(start), FuzzyDate(start)))
    ob = Obligation(Kind.MILITARY_AID, Strength.CONSULTATIVE, "Art. 1",
                    obligors=(EU,), beneficiaries=(UKR,))
    return Instrument("test-eu", "Test EU pledge", "test", InstrumentType.AGREEMENT,
                      LegalForce.POLITICAL, None, FuzzyDate(start), None,
                      (Source("https://example.org"),), members, (ob,))


def test_actor_codes_are_outside_the_cow_range() -> None:
    eu = actor_for("eu")
    assert eu is not None and eu.code == 1001 and eu.members_from == "eu-art-42-7"
    assert actor_for("USA") is None and actor_for(2) is None


def test_eu_obligation_reaches_member_states_on_each_day() -> None:
    reg = load_registry()
    inst = expand_actors(_eu_obligation(D(2012, 1, 1)),
                         {"eu-art-42-7": reg.get("eu-art-42-7")})
    assert all(m.ccode != EU for m in inst.members)
    by_obligor: dict[int, list[Any]] = {}
    for c in commitments_from_instrument(inst):
        assert c.beneficiary == UKR and c.via == "EU"
        by_obligor.setdefault(c.obligor, []).append(c.valid)
    # Croatia joined the EU on 2013-07-01: bound from then, not from 2012.
    assert by_obligor[CRO] == [Period(D(2013, 7, 1), None)]
    # The UK left on 2020-02-01 (first day out): bound 2012-01-01 .. 2020-01-31.
    assert by_obligor[UKG] == [Period(D(2012, 1, 1), D(2020, 2, 1))]
    assert by_obligor[FRN] == [Period(D(2012, 1, 1), None)]
    assert len([o for o, ps in by_obligor.items() if ps[-1].end is None]) == 27


def test_eu_ukraine_2024_commitments_are_state_to_state_via_the_eu(fx: Any) -> None:
    ans = fx.commitments("UKR", "2025-01-01", direction="received")
    eu = [c for c in ans.commitments
          if c.instrument_id == "eu-ukraine-joint-security-commitments-2024"]
    obligors = {c.obligor.abb for c in eu}
    assert len(obligors) == 27 and {"HUN", "AUS", "IRE", "CRO"} <= obligors
    assert "UKG" not in obligors
    assert {c.to_json()["via"] for c in eu} == {"EU"}
    assert {c.kind for c in eu} == {"consultation", "military_aid"}
    assert {c.legal_force for c in eu} == {"political"}
    # Before the signature (2024-06-27) there is nothing.
    before = fx.commitments("UKR", "2024-06-26", direction="received")
    assert not [c for c in before.commitments
                if c.instrument_id == "eu-ukraine-joint-security-commitments-2024"]
    # A direct commitment says via null.
    direct = [c for c in ans.commitments if c.instrument_id == "ukraine-uk-2024"]
    assert direct and {c.to_json()["via"] for c in direct} == {None}
    # The instrument lists the member states it reaches, each marked.
    members = fx.instrument("eu-ukraine-joint-security-commitments-2024")["members"]
    assert sum(1 for m in members if "through the European Union" in (m["note"] or "")) == 27


def test_luxembourg_1867_guarantee_before_luxembourg_entered_the_system(fx: Any) -> None:
    ans = fx.defenders("LUX", "FRN", "1870-07-20")
    guarantors = {e.obligor.abb for e in ans.bound if e.instrument_id == "treaty-of-london-1867"}
    assert guarantors == {"UKG", "AUH", "ITA", "NTH", "GMY", "RUS"}
    assert all(e.pre_system and e.to_json()["pre_system"] is True for e in ans.bound)
    (status,) = ans.target_status
    assert status.pre_system and status.to_json()["violated_by_attacker"] is True
    # Inside the system (1930) the same guarantee is not pre-system.
    later = fx.defenders("LUX", "GMY", "1930-01-01").bound
    assert later and not any(e.pre_system for e in later)
    # After the Brussels Treaty took effect (1948-08-25) Luxembourg is no longer neutral.
    assert fx.status("LUX", "1948-08-25").statuses == []


PRE = """\
id = "{id}"
name = "Pre-system test"
short = "pre"
type = "guarantee"
legal_force = "treaty"
in_force = "1867-05-11"

[[source]]
url = "https://example.org/t"

[[member]]
state = "UKG"
role = "guarantor"

[[member]]
state = "LUX"
role = "beneficiary"
to = "1920-11-15"
{flag}
"""


def test_a_pre_system_member_needs_the_flag_and_the_flag_needs_a_pre_system_member(
        tmp_path: Path) -> None:
    (tmp_path / "no-flag.toml").write_text(PRE.format(id="no-flag", flag=""), encoding="utf-8")
    (tmp_path / "with-flag.toml").write_text(PRE.format(id="with-flag", flag="pre_system = true"),
                                             encoding="utf-8")
    wrong = PRE.format(id="wrong-flag", flag="pre_system = true").replace(
        'to = "1920-11-15"', 'from = "1925-01-01"').replace('in_force = "1867-05-11"',
                                                             'in_force = "1925-01-01"')
    (tmp_path / "wrong-flag.toml").write_text(wrong, encoding="utf-8")
    reg = check_registry(tmp_path)
    by_file = {Path(p.file).stem: p for p in reg.problems}
    assert set(by_file) == {"no-flag", "wrong-flag"}
    assert "write pre_system = true" in by_file["no-flag"].message
    assert (by_file["no-flag"].line, by_file["no-flag"].field) == (16, "member[2].state")
    assert by_file["wrong-flag"].field == "member[2].pre_system"
    assert "with-flag" in reg.instruments
