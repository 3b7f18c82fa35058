"""``foedus guarantors``: who could guarantee a state, on real data (docs/guarantors.md)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from foedus.advise import FACTORS, Weights

NATO_2024 = {"USA", "CAN", "UKG", "FRN", "GMY", "ITA", "POL", "SPN", "NTH", "BEL", "LUX",
             "NOR", "DEN", "ICE", "POR", "GRC", "TUR", "CZR", "HUN", "SLO", "SLV", "EST",
             "LAT", "LIT", "ROM", "BUL", "ALB", "CRO", "MNG", "MAC", "SWD"}
STATE_KEYS = {"ccode", "abb", "name"}


@pytest.fixture(scope="module")
def finland(fx_advise: Any) -> dict[str, Any]:
    return fx_advise.guarantors("FIN", "2024-06-01", ["RUS"], draws=200).to_json()


def test_finland_2024_nato_allies_first_by_capability(finland: dict[str, Any]) -> None:
    top = [c["state"]["abb"] for c in finland["candidates"][:5]]
    assert "USA" in top
    assert set(top) <= NATO_2024
    usa = next(c for c in finland["candidates"] if c["state"]["abb"] == "USA")
    assert any("nato" in r for r in usa["reasons"])
    # the fitted weights put the pledge's weight at 0 (the entry factor already prices it:
    # docs/guarantors.md); among the five the US has the most power of its own
    powers = [c["factors"]["power"] for c in finland["candidates"][:5]]
    assert usa["factors"]["power"] == max(powers) > 0


def test_json_contract_keys(finland: dict[str, Any]) -> None:
    assert set(finland) == {"target", "on", "threats", "candidates", "coalitions", "datasets"}
    assert set(finland["target"]) == STATE_KEYS
    assert finland["on"] == "2024-06-01"
    assert [set(t) for t in finland["threats"]] == [{"state", "why", "score", "reasons"}]
    for c in finland["candidates"]:
        assert set(c) == {"state", "score", "credible", "factors", "reasons", "conflicts"}
        assert set(c["state"]) == STATE_KEYS
        assert set(c["factors"]) <= set(FACTORS)
        assert abs(sum(c["factors"].values()) - c["score"]) < 1e-3
    for k in finland["coalitions"]:
        assert set(k) == {"members", "p_deters", "capability_ratio"}
        assert 0.0 <= k["p_deters"] <= 1.0
    json.dumps(finland)


def test_coalition_exceeds_threat_capability(finland: dict[str, Any]) -> None:
    smallest = finland["coalitions"][0]
    assert smallest["capability_ratio"] > 1
    members = [m["abb"] for m in smallest["members"]]
    # taken greedily by score, the set reaches Russia's capability at Finland only with the US
    assert "USA" in members and set(members) <= NATO_2024 and len(members) <= 2


def test_threat_and_target_are_never_candidates(fx_advise: Any) -> None:
    for target in ("FIN", "UKR"):
        ans = fx_advise.guarantors(target, "2026-01-01", ["RUS"], draws=0).to_json()
        abbs = {c["state"]["abb"] for c in ans["candidates"]}
        assert "RUS" not in abbs and target not in abbs


def test_russia_2026_answers_with_reasons(fx_advise: Any) -> None:
    ans = fx_advise.guarantors("RUS", "2026-01-01", draws=0).to_json()
    threats = {t["state"]["abb"]: t["why"] for t in ans["threats"]}
    assert "RUS" not in threats
    # the US is inferred as a threat: a strategic rival (Thompson & Dreyer)
    assert any("rival" in w for w in threats["USA"])
    abbs = [c["state"]["abb"] for c in ans["candidates"]]
    assert "RUS" not in abbs and "USA" not in abbs
    assert all(c["reasons"] for c in ans["candidates"])
    # North Korea's 2024 treaty binds it to defend Russia: its pledge counts
    prk = next(c for c in ans["candidates"] if c["state"]["abb"] == "PRK")
    assert prk["factors"]["pledge"] == Weights.fitted().pledge
    notes = " ".join(ans["datasets"]["notes"])
    assert "principal threat: USA" in notes


def test_weights_override(fx_advise: Any) -> None:
    base = fx_advise.guarantors("FIN", "2024-06-01", ["RUS"], draws=0).to_json()
    heavy = fx_advise.guarantors("FIN", "2024-06-01", ["RUS"], {"power": 0.0},
                                 draws=0).to_json()
    assert all("power" not in c["factors"] or c["factors"]["power"] == 0
               for c in heavy["candidates"])
    assert heavy["datasets"]["weights"]["power"] == 0.0
    assert base["candidates"][0]["score"] != heavy["candidates"][0]["score"]


def test_unknown_weight_is_refused(fx_advise: Any) -> None:
    from foedus.errors import InvalidInputError

    with pytest.raises(InvalidInputError, match="capabilty"):
        fx_advise.guarantors("FIN", "2024-06-01", ["RUS"], {"capabilty": 1}, draws=0)


def test_target_as_threat_is_refused(fx_advise: Any) -> None:
    from foedus.errors import UsageError

    with pytest.raises(UsageError):
        fx_advise.guarantors("FIN", "2024-06-01", ["FIN"], draws=0)


def test_sensitivity_reports_tau_for_every_weight(finland: dict[str, Any]) -> None:
    from foedus.advise.sensitivity import kendall_tau, sensitivity

    s = sensitivity(finland)
    assert {r["weight"] for r in s["changes"]} == set(FACTORS)
    assert all(-1 <= r["kendall_tau"] <= 1 for r in s["changes"])
    assert kendall_tau([3, 2, 1], [3, 2, 1]) == 1.0
    assert kendall_tau([3, 2, 1], [1, 2, 3]) == -1.0


def test_cli_guarantors_json_and_gaps(fx_advise: Any, tmp_path: Any) -> None:
    from click.testing import CliRunner

    from foedus.cli import main

    env = {"FOEDUS_STORE": str(fx_advise.store.path)}
    runner = CliRunner()
    res = runner.invoke(main, ["guarantors", "FIN", "--on", "2024-06-01", "--threat", "RUS",
                               "--draws", "0", "--json"], env=env)
    assert res.exit_code == 0, res.output
    payload = json.loads(res.output)
    top = [c["state"]["abb"] for c in payload["candidates"][:3]]
    assert "USA" in top and set(top) <= NATO_2024
    png = tmp_path / "g.png"
    res = runner.invoke(main, ["guarantors", "FIN", "--on", "2024-06-01", "--threat", "RUS",
                               "--draws", "0", "--sensitivity", "--plot", str(png)], env=env)
    assert res.exit_code == 0, res.output
    assert "Sensitivity" in res.output and png.stat().st_size > 0
    assert all(len(line) <= 80 for line in res.output.splitlines())
    res = runner.invoke(main, ["gaps", "--on", "2026-01-01", "--limit", "5", "--json"], env=env)
    assert res.exit_code == 0, res.output
    gaps = json.loads(res.output)
    assert set(gaps) == {"on", "checked", "gaps_found", "gaps", "datasets"}
    assert 0 < len(gaps["gaps"]) <= 5
    # only states with an inferred threat are checked; a gap has no credible guarantor
    assert all(g["threats"] for g in gaps["gaps"])
    exposure = [g["exposure"] for g in gaps["gaps"] if g["exposure"] is not None]
    assert exposure == sorted(exposure, reverse=True)  # most exposed first
    res = runner.invoke(main, ["guarantors", "FIN", "--on", "2024-06-01", "--weight",
                               "capability"], env=env)
    assert res.exit_code != 0


def test_without_datasets_factors_are_unavailable_not_invented(fx: Any) -> None:
    ans = fx.guarantors("FIN", "2024-06-01", ["RUS"], draws=0).to_json()
    unavailable = " ".join(ans["datasets"]["unavailable"])
    for factor in ("capability", "alignment_target", "un_target", "rivalry"):
        assert f"{factor}: unknown for every candidate" in unavailable
    for c in ans["candidates"]:
        assert "capability" not in c["factors"] and "alignment_target" not in c["factors"]
    # the recorded commitments still count: NATO binds the US to defend Finland
    usa = next(c for c in ans["candidates"] if c["state"]["abb"] == "USA")
    assert usa["factors"]["pledge"] == Weights.fitted().pledge
    assert ans["coalitions"] == []  # no capability known: no coalition can be sized


def test_belgium_1914_guarantors_of_1839(fx_advise: Any) -> None:
    ans = fx_advise.guarantors("BEL", "1914-08-01", ["GMY"], draws=0).to_json()
    top = [c["state"]["abb"] for c in ans["candidates"][:3]]
    assert set(top) == {"UKG", "FRN", "RUS"}
    auh = next(c for c in ans["candidates"] if c["state"]["abb"] == "AUH")
    # Austria-Hungary also guaranteed Belgium in 1839, but was bound to Germany
    assert any("treaty-of-london-1839" in r for r in auh["reasons"]) and auh["conflicts"]
    assert any("owes GMY (a threat) neutrality" in c["why"] for c in auh["conflicts"])
    assert any(x["from"]["abb"] == "AUH" and x["to"]["abb"] == "GMY"
               for x in auh["conflicts"])
    assert any("ideal" in n for n in ans["datasets"]["notes"]) or any(
        "un_target" in u for u in ans["datasets"]["unavailable"])


def test_russia_2026_india_owes_nothing_under_laos_or_cambodia(fx_advise: Any) -> None:
    """docs/rules.md §4.6: the Laos (1962) and Cambodia (1991) consultations engage only for
    Laos and Cambodia, so India's score as Russia's guarantor carries no pledge from them."""
    ans = fx_advise.guarantors("RUS", "2026-01-01", draws=0).to_json()
    india = next(c for c in ans["candidates"] if c["state"]["abb"] == "IND")
    text = " ".join(india["reasons"])
    assert "laos" not in text and "cambodia" not in text
    eng = fx_advise.defenders("RUS", "USA", "2026-01-01")
    assert not [e for e in eng.consult + eng.assurances if e.obligor.abb == "IND"
                and e.instrument_id in ("laos-neutrality-1962", "cambodia-paris-agreement-1991")]


def test_credible_is_a_probability_and_distant_minor_states_do_not_top_the_list(
        fx_advise: Any) -> None:
    """The fitted score is a log-odds: ``credible`` is sigmoid(intercept + score), a number
    in (0, 1) that falls as the score falls; and reach (distance, power, neighbours) keeps
    distant minor states below the powers and neighbours that can act."""
    ukr = fx_advise.guarantors("UKR", "2026-01-01", ["RUS"], draws=0).to_json()
    ps = [c["credible"] for c in ukr["candidates"]]
    assert all(0 < p < 1 for p in ps) and ps == sorted(ps, reverse=True)
    abbs = [c["state"]["abb"] for c in ukr["candidates"]]
    assert abbs.index("HUN") < abbs.index("MNC")
    kos = [c["state"]["abb"] for c in fx_advise.guarantors(
        "KOS", "2026-01-01", ["YUG"], draws=0).to_json()["candidates"]]
    assert kos.index("USA") < kos.index("ERI") and kos.index("ERI") > 10
    isr = [c["state"]["abb"] for c in fx_advise.guarantors(
        "ISR", "2026-01-01", ["IRN"], draws=0).to_json()["candidates"]]
    assert "USA" in isr[:3] and isr.index("UKR") > 5
