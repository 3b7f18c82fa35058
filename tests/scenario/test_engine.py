"""The scenario engine as a user meets it: files, overlays, seeds, the JSON contract, the CLI."""

from __future__ import annotations

import hashlib
import json
import math
import time
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from click.testing import CliRunner

from foedus.cli import main

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "docs" / "examples" / "scenarios"
ESTONIA = {"date": "2025-06-01", "attacks": [{"attacker": "RUS", "target": "EST"}]}
BASE = {"credibility": "base_rates", "joining": "none"}  # the documented fallback


def test_json_contract_keys(fx: Any) -> None:
    data = fx.scenario({**ESTONIA, "model": BASE}).run(draws=500, seed=7).to_json()
    assert {"date", "attacks", "draws", "seed", "rounds", "states", "triggered", "conflicts",
            "balance", "datasets"} <= set(data)
    assert data["attacks"] == [{"attacker": {"ccode": 365, "abb": "RUS", "name": "Russia"},
                                "target": {"ccode": 366, "abb": "EST", "name": "Estonia"}}]
    assert (data["draws"], data["seed"]) == (500, 7)
    assert set(data["rounds"][1][0]) == {"state", "side", "because"}
    row = data["states"][0]
    assert set(row) == {"state", "side", "p_enter", "p_attacker_side", "p_defender_side",
                        "first_round", "reasons"}
    belligerents = {s["state"]["abb"]: s["p_enter"] for s in data["states"]
                    if s["first_round"] == 0}
    assert belligerents == {"RUS": 1.0, "EST": 1.0}
    assert all(s["p_enter"] > 0 for s in data["states"])
    trig = next(e for e in data["triggered"] if e["instrument"]["id"] == "nato"
                and e["article"] == "Art. 5" and e["from"]["abb"] == "USA")
    assert {"from", "to", "kind", "instrument", "article", "p_honor", "factors"} <= set(trig)
    assert trig["p_honor"] == pytest.approx(0.14)
    assert set(data["balance"]) >= {"attacker", "defender"}
    json.dumps(data)  # serialisable as is


def test_seeded_runs_reproduce(fx: Any) -> None:
    prepared = fx.scenario(ESTONIA)
    a = prepared.run(draws=2000, seed=11).to_json()
    b = fx.scenario(ESTONIA).run(draws=2000, seed=11).to_json()
    c = prepared.run(draws=2000, seed=12).to_json()
    assert a == b
    assert a["states"] != c["states"]


def test_store_unchanged_by_overlays(fx: Any) -> None:
    path = Path(fx.path)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    spec = {**ESTONIA, "edits": [{"leave": {"instrument": "nato", "state": "USA"}},
                                 {"remove": "eu-art-42-7"}]}
    ans = fx.scenario(spec).run(draws=100, seed=1).to_json()
    assert "USA" not in {s["state"]["abb"] for s in ans["states"]}
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    # the day's own graph still has both
    plain = fx.scenario(ESTONIA).resolve()
    assert {"USA", "IRE"} <= set(plain.entrants(1))


def test_usa_leaves_nato(fx: Any) -> None:
    ans = fx.scenario(EXAMPLES / "estonia-2025-usa-leaves-nato.yaml").resolve()
    first = set(ans.entrants(1))
    assert "USA" not in first and {"UKG", "CAN", "FRN"} <= first
    assert ans.to_json()["model"]["edits"] == ["USA leaves nato"]


def test_settlement_five_guarantors_inline(fx: Any) -> None:
    from foedus.scenario import BaseRates, NoJoining

    ans = fx.scenario(EXAMPLES / "ukraine-settlement.yaml", credibility=BaseRates(),
                      joining=NoJoining()).run(draws=4000, seed=7)
    assert ans.entrants(1) == ["FRN", "GMY", "POL", "UKG", "USA"]
    rows = {s["state"]["abb"]: s for s in ans.states}
    for abb in ("FRN", "GMY", "POL", "UKG", "USA"):
        assert rows[abb]["p_defender_side"] == pytest.approx(0.14, abs=0.025)
    entry = ans.rounds[1][0]["because"][0]
    assert entry["instrument"]["id"] == "ukraine-settlement-guarantee"
    assert entry["sources"] == []  # hypothetical: no source claimed


def test_promise_shorthand(fx: Any) -> None:
    spec = {"date": "2027-01-01", "attacks": [{"attacker": "RUS", "target": "UKR"}],
            "edits": [{"promise": {"obligors": ["UKG", "FRN", "GMY", "POL", "USA"],
                                   "beneficiaries": ["UKR"], "kind": "guarantee",
                                   "strength": "discretionary", "legal_force": "treaty"}}]}
    assert fx.scenario(spec).resolve().entrants(1) == ["FRN", "GMY", "POL", "UKG", "USA"]
    political = {**spec, "edits": [{"promise": {**spec["edits"][0]["promise"],
                                                "legal_force": "political"}}]}
    assert fx.scenario(political).resolve().entrants(1) == []


def test_bad_yaml_names_line_and_field(tmp_path: Path, fx: Any) -> None:
    from foedus.errors import DataError

    bad = tmp_path / "bad.yaml"
    bad.write_text("date: 2025-06-01\nattacks:\n  - attacker: RUS\n    target: ESTX\n"
                   "edits:\n  - leave: {instrument: nato, state: USA}\n"
                   "  - add:\n      id: g\n      name: G\n      short: G\n"
                   "      type: guarantee\n      legal_force: treaty\n"
                   "      member:\n        - {state: UKG, role: guarantor}\n"
                   "        - {state: UKR, role: beneficiary}\n"
                   "      obligation:\n        - kind: guarante\n"
                   "          strength: discretionary\n          article: Art. 1\n"
                   "          obligors: [guarantor]\n          beneficiaries: [beneficiary]\n"
                   "model:\n  draws: -3\n")
    with pytest.raises(DataError) as err:
        fx.scenario(bad)
    found = {(p.line, p.field) for p in err.value.problems}
    assert (4, "attacks[1].target") in found
    assert (17, "edits[2].add.obligation[1].kind") in found
    assert (23, "model.draws") in found
    assert all(p.file == str(bad) for p in err.value.problems)
    runner = CliRunner()
    res = runner.invoke(main, ["scenario", "run", str(bad)])
    assert res.exit_code == 2
    assert f"{bad}:4 [attacks[1].target]: unknown state 'ESTX'" in res.output


def test_edit_of_an_instrument_not_in_force(tmp_path: Path, fx: Any) -> None:
    from foedus.errors import DataError

    f = tmp_path / "s.yaml"
    f.write_text("date: 2003-06-01\nattacks:\n  - {attacker: RUS, target: EST}\n"
                 "edits:\n  - leave: {instrument: nato, state: EST}\n")
    with pytest.raises(DataError) as err:
        fx.scenario(f)
    p = err.value.problems[0]
    assert (p.line, p.field) == (5, "edits[1].leave")
    assert "no commitment under nato" in p.message


def test_ten_thousand_draws_vectorised(fx: Any) -> None:
    prepared = fx.scenario({**ESTONIA, "model": BASE})
    t = time.perf_counter()
    ans = prepared.run(draws=10_000, seed=7).to_json()
    elapsed = time.perf_counter() - t
    assert elapsed < 5.0  # goal < 1 s (benchmarks/scenario.py); generous for shared CI
    assert ans["war_size"]["mean"] == pytest.approx(2 + 35 * 0.14, abs=0.3)


def test_capability_projection(ps_inputs: Any) -> None:
    """Loss-of-strength gradient on NMC 7.0: Russia's CINC (latest year, 2022) projected to
    Tallinn, and the United States' to the same theatre."""
    import datetime as dt

    from foedus.scenario.capability import capability, gradient_miles

    cap = capability(ps_inputs, np.array([365, 2]), dt.date(2025, 6, 1), [366])
    assert cap.known and cap.year == 2022
    nmc = ps_inputs.table("peacesciencer", "cow_nmc")
    rus = nmc.filter((nmc["ccode"] == 365) & (nmc["year"] == 2022))["cinc"][0]
    assert cap.cinc[0] == pytest.approx(rus)
    assert 500 < cap.miles[0] < 600      # Moscow-Tallinn, about 540 miles
    assert 4000 < cap.miles[1] < 4400    # Washington-Tallinn, about 4,200 miles
    for i in range(2):
        assert cap.projected[i] == pytest.approx(
            cap.cinc[i] ** math.log10(cap.miles[i] / 500 + (10 - 2.71828)))
    assert (gradient_miles(dt.date(1914, 8, 4)), gradient_miles(dt.date(1939, 9, 1)),
            gradient_miles(dt.date(2025, 1, 1))) == (250, 375, 500)


def test_capability_unknown_without_datasets(fx: Any) -> None:
    ans = fx.scenario(ESTONIA).run(draws=100, seed=1).to_json()
    if fx.coverage():
        pytest.skip("this store has datasets imported")
    assert ans["balance"]["attacker"]["cinc"] is None
    assert ans["balance"]["capability"]["unknown"] is True


def test_cli_json_and_plot(tmp_path: Path) -> None:
    png = tmp_path / "c.png"
    res = CliRunner().invoke(main, ["scenario", "run", str(EXAMPLES / "poland-1939.yaml"),
                                    "--draws", "300", "--seed", "5", "--json",
                                    "--plot", str(png)], env={"COLUMNS": "80"})
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert data["draws"] == 300 and data["seed"] == 5
    assert [s["state"]["abb"] for s in data["rounds"][1]] == ["UKG", "FRN", "ITA"]
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_cli_table_fits_80_columns() -> None:
    res = CliRunner().invoke(main, ["scenario", "run", str(EXAMPLES / "july-1914.yaml"),
                                    "--draws", "500"], env={"COLUMNS": "80"})
    assert res.exit_code == 0, res.output
    assert max(len(line) for line in res.output.splitlines()) <= 80
    assert "franco-russian-alliance-1894" in res.output


def test_cli_without_draws_resolves_only(tmp_path: Path) -> None:
    f = tmp_path / "s.yaml"
    f.write_text("date: 1914-08-04\nattacks:\n  - {attacker: GMY, target: BEL}\n")
    res = CliRunner().invoke(main, ["scenario", "run", str(f), "--json"])
    data = json.loads(res.output)
    assert data["draws"] == 0
    assert {s["state"]["abb"]: s["p_enter"] for s in data["states"]
            if s["first_round"] == 1} == {"UKG": 1.0, "FRN": 1.0, "RUS": 1.0}


def test_join_and_suspend_overlays(fx: Any) -> None:
    """Ukraine in NATO on 1 June 2025 (a hypothetical accession): the allies are bound to it;
    NATO's commitments suspended for the United States: it is not."""
    spec = {"date": "2025-06-01", "attacks": [{"attacker": "RUS", "target": "UKR"}],
            "edits": [{"join": {"instrument": "nato", "state": "UKR"}}]}
    joined = fx.scenario(spec).resolve()
    assert {"USA", "UKG", "FRN", "TUR"} <= set(joined.entrants(1))
    spec["edits"].append({"suspend": {"instrument": "nato", "obligor": "USA"}})
    suspended = fx.scenario(spec).resolve()
    assert "USA" not in suspended.entrants(1)
    assert {"UKG", "FRN"} <= set(suspended.entrants(1))
    assert suspended.to_json()["model"]["edits"] == [
        "UKR joins nato", "nato suspended from USA to any"]


def test_scenario_object_built_in_python(fx: Any) -> None:
    import datetime as dt

    from foedus.scenario import Attack, Scenario

    sc = Scenario(dt.date(1939, 9, 1), (Attack(255, 290),))
    ans = fx.scenario(sc).run(draws=1000, seed=2)
    assert ans.entrants(1) == ["FRN", "ITA", "UKG"]
    assert ans.to_json()["draws"] == 1000


def test_a_credibility_model_plugs_in(fx: Any) -> None:
    """Any object with p_honour(frame) -> (p, factors) replaces the base rates; the factors
    reach the answer; consultation never brings a state in, whatever the model says."""
    import polars as pl

    class Trusting:
        name = "trusting"

        def p_honour(self, triggered: pl.DataFrame) -> Any:
            us = (triggered["obligor"] == 2).to_numpy()
            p = np.where(us, 1.0, 0.0)
            return p, {"united_states": p.copy()}

    ans = fx.scenario(ESTONIA, credibility=Trusting()).run(draws=500, seed=1).to_json()
    entering = {s["state"]["abb"] for s in ans["states"] if s["first_round"] == 1}
    assert entering == {"USA"}  # its Art. 4 consultation scored 1 too, and does not count
    assert ans["model"]["credibility"] == "trusting"
    art5 = next(e for e in ans["triggered"] if e["from"]["abb"] == "USA"
                and e["article"] == "Art. 5")
    assert art5["factors"] == {"united_states": 1.0}


def test_a_state_cannot_be_on_both_sides(fx: Any) -> None:
    from foedus.errors import DataError

    spec = {"date": "1914-08-04", "attacks": [{"attacker": "GMY", "target": "RUS"},
                                              {"attacker": "RUS", "target": "AUH"},
                                              {"attacker": "AUH", "target": "YUG"}]}
    with pytest.raises(DataError) as err:
        fx.scenario(spec)
    assert {p.field for p in err.value.problems} == {"attacks[1].target",
                                                      "attacks[2].target"}


@pytest.mark.parametrize(("date", "attacker", "target"), [
    ("1914-08-04", "GMY", "BEL"), ("2025-06-01", "SUR", "FRN"), ("1939-09-01", "GMY", "POL")])
def test_conflict_matrix_agrees_with_the_rules(fx: Any, date: str, attacker: str,
                                               target: str) -> None:
    """The cascade's one-join conflict test gives what foedus.rules.engaged_all gives."""
    import polars as pl

    from foedus.rules import engaged_all

    spec = {"date": date, "attacks": [{"attacker": attacker, "target": target}],
            "model": {"credibility": "base_rates", "joining": "none"}}
    prep = fx.scenario(spec)
    st = prep.structure
    a, t = fx.state(attacker).ccode, fx.state(target).ccode
    rows = set(st.d_row[st.d_conflict[:, st.index[a]]
                        & (st.d_ben == st.index[t])].tolist())
    expected = engaged_all(prep.graph, [(t, a)]).filter(
        (pl.col("category") == "conflicted") & (pl.col("side") == "target"))
    assert rows == set(expected["row"].to_list())


def test_fitted_models_are_the_default_and_explain_themselves(fx: Any, ps_inputs: Any) -> None:
    """Without an argument the engine uses the fitted models; over the real datasets each
    triggered promise's p(honour) comes with its log-odds factors, and the joining model
    gives neighbours of the war a higher p(join) than distant small states."""
    import polars as pl

    from foedus.scenario.adapters import FittedCredibility, FittedJoining

    prep = fx.scenario(ESTONIA)
    assert prep.credibility.name.startswith("fitted")
    cred = FittedCredibility(ps_inputs)
    frame = prep._triggered_frame()
    p, factors = cred.p_honour(frame)
    assert {"base_rate", "legal_force", "strength", "capability"} <= set(factors)
    z = np.sum(list(factors.values()), axis=0)
    assert np.allclose(p, 1 / (1 + np.exp(-z)))
    join = FittedJoining(ps_inputs)
    cand = pl.DataFrame({"state": [369, 369, 950, 950], "side": ["attacker", "defender"] * 2,
                         "attackers": [[365]] * 4, "targets": [[366]] * 4,
                         "day": [prep.scenario.date] * 4})
    pj = join.p_join(cand)
    assert pj[1] > pj[3]  # Ukraine (a neighbour of Russia) vs Fiji, defending side
