"""The scenario rules (docs/scenarios.md, numbered) on real cases, deterministic resolution.

Each test names the rule it checks. Facts asserted are those a reader can check against the
treaty texts recorded in the registry (NATO Art. 5, TEU Art. 42(7), the Treaty of London of
1839, the Franco-Russian Military Convention, the Triple and Dual Alliances, the Pact of Steel,
the Anglo-Polish Agreement of 25 August 1939, the Budapest Memorandum).
"""

from __future__ import annotations

from typing import Any

import pytest

NATO_NOT_EU = {"USA", "CAN", "UKG", "NOR", "TUR", "ICE", "ALB", "MNG", "MAC"}
EU_NOT_NATO = {"AUS", "IRE", "MLT", "CYP"}


def resolve(fx: Any, spec: dict[str, Any]) -> dict[str, Any]:
    return fx.scenario(spec).resolve().to_json()  # type: ignore[no-any-return]


def entrants(ans: dict[str, Any], rnd: int | None = None) -> dict[str, str]:
    rounds = ans["rounds"][1:] if rnd is None else ans["rounds"][rnd:rnd + 1]
    return {s["state"]["abb"]: s["side"] for r in rounds for s in r}


def attack(date: str, *pairs: tuple[str, str], **extra: Any) -> dict[str, Any]:
    return {"date": date, "attacks": [{"attacker": a, "target": t, **extra}
                                      for a, t in pairs]}


def test_rule1_round0_is_the_attack(fx: Any) -> None:
    ans = resolve(fx, attack("2025-06-01", ("RUS", "EST")))
    assert {(s["state"]["abb"], s["side"]) for s in ans["rounds"][0]} == {
        ("RUS", "attacker"), ("EST", "defender")}
    assert ans["draws"] == 0


def test_rule2_estonia_2025_nato_and_eu_bound(fx: Any) -> None:
    ans = resolve(fx, attack("2025-06-01", ("RUS", "EST")))
    first = entrants(ans, 1)
    assert set(first.values()) == {"defender"}
    assert set(first) >= NATO_NOT_EU   # NATO Art. 5 only
    assert set(first) >= EU_NOT_NATO   # TEU Art. 42(7) only
    assert {"FRN", "GMY", "POL", "FIN", "SWD"} <= set(first)
    assert "RUS" not in first and len(ans["rounds"]) == 2
    usa = next(s for s in ans["rounds"][1] if s["state"]["abb"] == "USA")
    assert {(e["instrument"]["id"], e["article"]) for e in usa["because"]} == {("nato",
                                                                             "Art. 5")}


def test_rule2_estonia_2003_nobody_bound(fx: Any) -> None:
    """Estonia joined NATO on 2004-03-29 and the EU on 2004-05-01."""
    ans = resolve(fx, attack("2003-06-01", ("RUS", "EST")))
    assert entrants(ans) == {}
    assert [e for e in ans["triggered"] if e["outcome"] == "duty to defend"] == []


def test_rule2_never_for_an_aggressor_serbia_1914(fx: Any) -> None:
    """Austria-Hungary attacked Serbia: the Triple and Dual Alliances are defensive, so
    neither Italy nor Germany is bound, and no treaty bound anyone to defend Serbia."""
    ans = resolve(fx, attack("1914-07-28", ("AUH", "YUG")))
    assert entrants(ans) == {}
    owed_auh = {(e["from"]["abb"], e["instrument"]["id"]) for e in ans["not_triggered"]
                if e["to"]["abb"] == "AUH" and "rule 2" in e["reason"]}
    assert ("ITA", "triple-alliance-1882") in owed_auh
    assert ("GMY", "dual-alliance-1879") in owed_auh


def test_rule2_belgium_1914_guarantors(fx: Any) -> None:
    ans = resolve(fx, attack("1914-08-04", ("GMY", "BEL")))
    assert entrants(ans) == {"UKG": "defender", "FRN": "defender", "RUS": "defender"}
    bound = {e["from"]["abb"] for e in ans["triggered"]
             if e["instrument"]["id"] == "treaty-of-london-1839"}
    assert bound == {"UKG", "FRN", "RUS", "AUH"}
    violated = [e for e in ans["not_triggered"] if "violated" in e["reason"]]
    assert {e["from"]["abb"] for e in violated} == {"GMY"}


def test_rule3_joiner_is_not_a_victim_poland_1939(fx: Any) -> None:
    """Britain and France joined Poland; their own allies (Egypt, Iraq; the USSR under the
    Franco-Soviet treaty) are not engaged by their entry."""
    ans = resolve(fx, attack("1939-09-01", ("GMY", "POL")))
    assert entrants(ans, 1) == {"UKG": "defender", "FRN": "defender", "ITA": "attacker"}
    assert len(ans["rounds"]) == 2
    joined = {(e["from"]["abb"], e["to"]["abb"]) for e in ans["not_triggered"]
              if "rule 3" in e["reason"]}
    assert {("EGY", "UKG"), ("IRQ", "UKG")} <= joined


def test_rule3_later_aggressor_makes_victims_chain(fx: Any) -> None:
    """A state entering the attacking side later makes war on those already defending:
    with a hypothetical Hungarian offense pledge to Italy, Hungary enters in round 2 and its
    attack engages Britain's allies in round 3; the USSR, bound to France but owing
    Germany neutrality (Molotov-Ribbentrop), is a conflict and stays out."""
    spec = attack("1939-09-01", ("GMY", "POL"))
    spec["edits"] = [{"promise": {"id": "hun-ita-hypothetical", "obligors": ["HUN"],
                                  "beneficiaries": ["ITA"], "kind": "offense",
                                  "strength": "automatic"}}]
    ans = resolve(fx, spec)
    assert entrants(ans, 2) == {"HUN": "attacker"}
    assert {"EGY", "IRQ"} <= set(entrants(ans, 3))
    assert "RUS" not in entrants(ans)
    assert any(e["from"]["abb"] == "RUS" and e["instrument"]["id"] == "franco-soviet-1935"
               for e in ans["conflicts"])


def test_rule4_named_adversary(fx: Any) -> None:
    """The Franco-Russian convention names Germany and Austria-Hungary: France is bound when
    Germany attacks Russia; the Dual Alliance names Russia, so Serbia attacking Austria does
    not engage it."""
    ans = resolve(fx, attack("1914-08-04", ("GMY", "RUS")))
    france = next(s for s in ans["rounds"][1] if s["state"]["abb"] == "FRN")
    assert [e["instrument"]["id"] for e in france["because"]] == [
        "franco-russian-alliance-1894"]
    assert "named adversary" in france["because"][0]["reason"]
    ans = resolve(fx, attack("1914-07-28", ("YUG", "AUH")))
    dual = [e for e in ans["not_triggered"] if e["instrument"]["id"] == "dual-alliance-1879"
            and e["kind"] == "defense"]
    assert dual and "not among them" in dual[0]["reason"]


def test_rule5_territory_french_guiana(fx: Any) -> None:
    """An attack on French Guiana: TEU Art. 42(7) covers a Member State's territory; NATO's
    Art. 6 does not reach south of the Tropic of Cancer outside Europe and North America."""
    ans = resolve(fx, attack("2025-06-01", ("SUR", "FRN"), territory="French Guiana",
                             covered=["eu-art-42-7"]))
    first = set(entrants(ans, 1))
    assert {"GMY", "IRE", "AUS"} <= first
    assert not (NATO_NOT_EU & first)
    why = {e["from"]["abb"]: e["reason"] for e in ans["not_triggered"]
           if e["instrument"]["id"] == "nato" and e["kind"] == "defense"
           and e["to"]["abb"] == "FRN"}
    assert "territorial clause" in why["USA"]
    # no territory given: the home territory, which both clauses cover. The OAS Charter's
    # promises to Suriname do not fire for the aggressor, so they tear no one (rule 9,
    # docs/rules.md §4.4): the United States and Canada enter under NATO.
    home_ans = resolve(fx, attack("2025-06-01", ("SUR", "FRN")))
    home = set(entrants(home_ans, 1))
    assert home >= NATO_NOT_EU
    torn = {(e["from"]["abb"], e["instrument"]["id"], e["side"]) for e in home_ans["conflicts"]}
    assert not {t for t in torn if t[1] == "oas-charter"}


def test_rule6_provoked_attack_and_non_provocation_clause(fx: Any) -> None:
    """Triple Alliance Art. II: Italy defends Germany against an unprovoked French attack."""
    plain = resolve(fx, attack("1914-08-04", ("FRN", "GMY")))
    assert entrants(plain, 1).get("ITA") == "defender"
    provoked = resolve(fx, attack("1914-08-04", ("FRN", "GMY"), provoked=True))
    assert "ITA" not in entrants(provoked)


def test_rule7_offense_pact_of_steel(fx: Any) -> None:
    ans = resolve(fx, attack("1939-09-01", ("GMY", "POL")))
    italy = next(s for s in ans["rounds"][1] if s["state"]["abb"] == "ITA")
    assert italy["side"] == "attacker"
    assert italy["because"][0]["instrument"]["id"] == "pact-of-steel-1939"
    assert italy["because"][0]["kind"] == "offense"


def test_rule8_ukraine_2022_assurances_not_duties(fx: Any) -> None:
    ans = resolve(fx, attack("2022-02-24", ("RUS", "UKR")))
    assert entrants(ans) == {}
    budapest = {(e["from"]["abb"], e["article"], e["outcome"]) for e in ans["triggered"]
                if e["instrument"]["id"] == "budapest-memorandum-1994"
                and e["kind"] == "assurance"}
    assert {abb for abb, _, _ in budapest} == {"USA", "UKG"}
    # Art. 4 (seek Security Council action) is support; Arts. 1, 3, 5 are restraint
    assert {(a, o) for _, a, o in budapest} == {
        ("Art. 4", "expected support (no legal duty)"), ("Art. 1", "restraint"),
        ("Art. 3", "restraint"), ("Art. 5", "restraint")}
    estonia = resolve(fx, attack("2025-06-01", ("RUS", "EST")))
    art4 = {e["outcome"] for e in estonia["triggered"]
            if e["instrument"]["id"] == "nato" and e["article"] == "Art. 4"}
    assert art4 == {"consultation"}


def test_rule9_conflict_austria_hungary_belgium_1914(fx: Any) -> None:
    ans = resolve(fx, attack("1914-08-04", ("GMY", "BEL")))
    assert "AUH" not in entrants(ans)
    sides = {(e["instrument"]["id"], e["side"]) for e in ans["conflicts"]
             if e["from"]["abb"] == "AUH"}
    assert ("treaty-of-london-1839", "target") in sides
    assert ("dual-alliance-1879", "attacker") in sides


def test_rule10_nonaggression_blocks_joining(fx: Any) -> None:
    """With a joining model that sends every state to the defenders, the USSR still does
    not join against Germany: it owed Germany neutrality and nonaggression (23 Aug 1939)."""
    import numpy as np

    class Everyone:
        def p_join(self, candidates: Any) -> Any:
            return np.where(np.array(candidates["side"].to_list()) == "defender", 1.0, 0.0)

    ans = fx.scenario(attack("1939-09-01", ("GMY", "POL")), joining=Everyone()).run(
        draws=200, seed=1).to_json()
    sides = {s["state"]["abb"]: s for s in ans["states"]}
    assert "RUS" not in sides
    assert sides["USA"]["p_defender_side"] == 1.0


@pytest.mark.parametrize("abb", ["FRN", "GMY", "POL"])
def test_rule11_one_decision_per_state(fx: Any, abb: str) -> None:
    """France, Germany and Poland owe Estonia under NATO and the EU: one decision — they
    enter with the p(honour) of their strongest promise, not one chance per treaty (with
    the base rates: 14%, not 26%)."""
    from foedus.scenario import BaseRates, NoJoining

    for models in ({}, {"credibility": BaseRates(), "joining": NoJoining()}):
        ans = fx.scenario(attack("2025-06-01", ("RUS", "EST")), **models).run(
            draws=10_000, seed=3).to_json()
        row = next(s for s in ans["states"] if s["state"]["abb"] == abb)
        duties = [e["p_honor"] for e in ans["triggered"] if e["from"]["abb"] == abb
                  and e["outcome"] == "duty to defend"]
        assert len(duties) == 2
        assert abs(row["p_defender_side"] - max(duties)) < 0.015
    assert max(duties) == pytest.approx(0.14)



def test_a_clause_engages_only_for_its_object(fx: Any) -> None:
    """docs/rules.md §4.6 in the cascade: a promise owed to Poland whose object is Laos does
    not bring its obligor into a war on Poland; the same promise with Poland as its object
    does."""
    def spec(obj: str) -> dict[str, Any]:
        s = attack("2025-06-01", ("RUS", "POL"))
        s["edits"] = [{"promise": {"id": "object-test", "obligors": ["IND"],
                                   "beneficiaries": ["POL", "LAO"], "kind": "guarantee",
                                   "strength": "discretionary", "object": [obj]}}]
        return s

    assert "IND" not in entrants(resolve(fx, spec("LAO")))
    assert entrants(resolve(fx, spec("POL")), 1).get("IND") == "defender"
