"""What a clause covers (its object), dormant promises, restraint, pledges to an aggressor.

docs/rules.md §4 rules 1, 4 and 6: a clause engages only for a violation of its object; a
dormant promise is listed, never bound; a defence pledge owed to the attacker does not fire
(the attacker is the aggressor), so it never makes a conflict.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from foedus.registry import check_registry

LAOS, CAMBODIA = "laos-neutrality-1962", "cambodia-paris-agreement-1991"


def test_laos_and_cambodia_consultations_never_engage_for_a_party(fx: Any) -> None:
    for day in ("1995-01-01", "2015-01-01"):
        ans = fx.defenders("RUS", "UKR", day)
        engaged = {e.instrument_id for lst in (ans.bound, ans.consult, ans.assurances,
                                               ans.aid, ans.neutral) for e in lst}
        assert not engaged & {LAOS, CAMBODIA}
    ans = fx.defenders("IND", "CHN", "1995-01-01")
    assert not {e.instrument_id for e in ans.consult} & {LAOS, CAMBODIA}


def test_laos_consultation_engages_for_laos(fx: Any) -> None:
    ans = fx.defenders("LAO", "DRV", "1963-01-01")
    consult = {e.obligor.abb for e in ans.consult if e.instrument_id == LAOS}
    assert {"IND", "UKG", "USA", "FRN", "CAN", "POL"} <= consult
    assert all(e.conditions["object"] == [812] for e in ans.consult if e.instrument_id == LAOS)


def test_cambodia_consultation_engages_for_cambodia(fx: Any) -> None:
    ans = fx.defenders("CAM", "THI", "2008-07-15")
    assert {"IND", "JPN", "AUL"} <= {e.obligor.abb for e in ans.consult
                                     if e.instrument_id == CAMBODIA}


def test_cyprus_guarantors_consult_only_about_cyprus(fx: Any) -> None:
    ans = fx.defenders("TUR", "SYR", "1962-01-01")
    assert not [e for e in ans.consult if e.instrument_id == "cyprus-treaty-of-guarantee-1960"]


def test_aland_guarantee_is_dormant_never_bound(fx: Any) -> None:
    ans = fx.defenders("FIN", "RUS", "2023-04-03")
    assert not [e for e in ans.bound if e.instrument_id == "aland-convention-1921"]
    dormant = {e.obligor.abb for e in ans.dormant if e.instrument_id == "aland-convention-1921"}
    assert dormant == {"UKG", "FRN", "POL", "ITA", "SWD", "DEN"}
    eu = {e.obligor.abb for e in ans.bound if e.instrument_id == "eu-art-42-7"}
    assert {"GMY", "FRN", "SWD", "EST", "POL"} <= eu and len(eu) == 26
    assert ans.to_json()["dormant"]
    # while the League Council existed the guarantee was operative
    before = fx.defenders("FIN", "RUS", "1939-11-30")
    assert {e.obligor.abb for e in before.bound
            if e.instrument_id == "aland-convention-1921"} >= {"UKG", "SWD"}


def test_two_plus_four_art_5_3_is_restraint(fx: Any) -> None:
    ans = fx.defenders("RUS", "UKR", "2000-01-01")
    tpf = "two-plus-four-treaty-1990"
    assert {e.article for e in ans.restraint if e.instrument_id == tpf} >= {"Art. 5(3)"}
    assert not [e for e in ans.assurances + ans.bound + ans.aid if e.instrument_id == tpf]


def test_pledges_owed_to_the_aggressor_are_no_conflict(fx: Any) -> None:
    ans = fx.defenders("KUW", "IRQ", "1990-08-02")
    assert "SAU" in {e.obligor.abb for e in ans.bound
                     if e.instrument_id == "arab-league-joint-defence-1950"}
    assert not [e for e in ans.conflicted if e.instrument_id == "arab-league-joint-defence-1950"]


BAD = """\
id = "bad-object"
name = "Bad object"
short = "bad"
type = "guarantee"
legal_force = "treaty"
in_force = "1960-08-16"

[[source]]
url = "https://example.org/x"

[[member]]
state = "UKG"

[[member]]
state = "CYP"

[[obligation]]
among = "parties"
kind = "consultation"
strength = "consultative"
article = "Art. IV"
object = ["Atlantis"]

[[obligation]]
among = "parties"
kind = "consultation"
strength = "consultative"
article = "Art. V"
object = []
"""


def test_bad_object_is_refused_with_file_line_and_field(tmp_path: Path) -> None:
    (tmp_path / "bad-object.toml").write_text(BAD, encoding="utf-8")
    problems = {(p.line, p.field): p.message for p in check_registry(tmp_path).problems}
    assert any(f == "obligation[1].object" and "Atlantis" in m
               for (_, f), m in problems.items())
    assert "non-empty list" in problems[(29, "obligation[2].object")]


def test_atop_pact_about_laos_has_laos_as_object(fx_atop: Any) -> None:
    ans = fx_atop.defenders("RUS", "CHN", "1963-01-01", source="atop")
    assert not [e for e in ans.consult if e.instrument_id == "atop-3460"]
    # the commitments are there, owed to Russia, with Laos as their object
    edges = fx_atop.graph("1963-01-01", source="atop").owed_to(365)
    laos = [e for e in edges if e["instrument_id"] == "atop-3460"]
    assert laos and all(list(e["object"]) == [812] for e in laos)


def test_locarno_engages_only_for_the_rhineland_frontiers(fx: Any) -> None:
    """Locarno 1925 Arts. 1, 2 and 4: the guarantee is engaged by a violation of Art. 2 —
    Germany attacking France or Belgium, or they Germany — not by an attack on France from
    elsewhere."""
    by_italy = fx.defenders("FRN", "ITA", "1930-01-01", source="registry")
    assert not [e for e in by_italy.bound if e.instrument_id == "locarno-1925"]
    by_germany = fx.defenders("FRN", "GMY", "1930-01-01", source="registry")
    assert {e.obligor.abb for e in by_germany.bound
            if e.instrument_id == "locarno-1925"} == {"UKG", "ITA", "BEL"}
    assert "GMY" in {e.obligor.abb for e in by_germany.violated
                     if e.instrument_id == "locarno-1925"}
    on_germany = fx.defenders("GMY", "FRN", "1930-01-01", source="registry")
    assert {e.obligor.abb for e in on_germany.bound
            if e.instrument_id == "locarno-1925"} == {"UKG", "ITA", "BEL"}


def test_atop_pacts_about_austria_engage_for_austria_only(fx_atop: Any) -> None:
    """ATOP 2355 (Stresa, 1935) and 2350 (Rome, 1935) bind Britain, France and Italy to
    consult about Austria's independence; read from ATOP alone, without the object, Britain
    and Italy would owe France consultation on any attack on France."""
    from foedus.registry.atop_objects import atop_objects

    objects = atop_objects()
    assert objects[2355].states == (305,) and objects[3460].states == (812,)
    assert all(o.source.startswith("http") for o in objects.values())
    on_france = fx_atop.defenders("FRN", "GMY", "1935-06-01", source="atop")
    assert not [e for e in on_france.consult if e.instrument_id in ("atop-2350", "atop-2355")]
    edges = fx_atop.graph("1935-06-01", source="atop").owed_to(220)
    stresa = [e for e in edges if e["instrument_id"] == "atop-2355"]
    assert {e["obligor"] for e in stresa} == {200, 325}
    assert all(list(e["object"]) == [305] for e in stresa)
