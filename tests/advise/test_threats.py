"""Threats inferred on real data (docs/threats.md): severity, recency, reach and sources."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from click.testing import CliRunner

from foedus.advise.threats import MIN_SCORE, Threat, ThreatIndex, infer_threats
from foedus.advise.threats_eval import evaluate

D2026 = dt.date(2026, 1, 1)


@pytest.fixture(scope="module")
def index(fx_advise: Any) -> ThreatIndex:
    return ThreatIndex(fx_advise.optional_inputs)


def threats(session: Any, index: ThreatIndex, abb: str, day: dt.date = D2026,
            notes: list[str] | None = None) -> dict[str, Threat]:
    code = session.state(abb).ccode
    found = infer_threats(session, code, day, index=index, notes=notes)
    return {session.states.by_code(t.ccode).abb: t for t in found}


def test_russia_2026_ukraine_from_the_2022_war_with_sources(fx_advise: Any,
                                                            index: ThreatIndex) -> None:
    rus = threats(fx_advise, index, "RUS")
    assert next(iter(rus)) == "UKR"  # the heaviest
    war = next(r for r in rus["UKR"].reasons if r.ref == "russia-ukraine-2022")
    assert war.weight == 3.0 and war.end is None  # a war, ongoing: no decay
    assert war.start == dt.date(2022, 2, 24)
    assert any(u.startswith("https://") for u in war.sources)
    # the same war in UCDP corroborates it and is not counted twice
    ucdp = [r for r in rus["UKR"].reasons if r.kind == "ucdp"]
    assert ucdp and all(r.weight == 0 for r in ucdp)


def test_russia_2026_no_state_without_force_or_rivalry_since_2015(fx_advise: Any,
                                                                  index: ThreatIndex) -> None:
    rus = threats(fx_advise, index, "RUS")
    for stale in ("SEN", "IRQ", "ISR", "SAU", "GRG", "NOR", "JPN", "KZK", "CHN"):
        assert stale not in rus
    for abb, t in rus.items():
        counted = [r for r in t.reasons if r.weight > 0 and r.kind != "contiguity"]
        assert counted, abb
        assert all(r.kind == "rivalry" or r.end is None or r.end >= dt.date(2015, 1, 1)
                   for r in counted), abb
    assert "rivalry" in {r.kind for r in rus["USA"].reasons}


def test_israel_2026_iran_first_france_not_a_threat(fx_advise: Any,
                                                    index: ThreatIndex) -> None:
    isr = threats(fx_advise, index, "ISR")
    assert next(iter(isr)) == "IRN"
    assert "FRN" not in isr and "USA" not in isr
    # France intercepted Iranian drones beside Israel in April 2024: that made France no
    # threat to anyone, and no state a threat to France
    frn = threats(fx_advise, index, "FRN")
    assert "IRN" not in frn


def test_armenia_india_ukraine_2026(fx_advise: Any, index: ThreatIndex) -> None:
    arm = threats(fx_advise, index, "ARM")
    assert next(iter(arm)) == "AZE"
    assert {"armenia-azerbaijan-2020", "armenia-azerbaijan-2022"} <= {
        r.ref for r in arm["AZE"].reasons}
    ind = threats(fx_advise, index, "IND")
    assert {"PAK", "CHN"} <= set(ind)
    assert all(t.tier == 1 for t in ind.values())
    ukr = threats(fx_advise, index, "UKR")
    assert next(iter(ukr)) == "RUS"
    # North Korea joined the war with troops in October 2024; Belarus lent its territory
    assert "PRK" in ukr and "BLR" in ukr
    assert ukr["BLR"].score < ukr["PRK"].score


def test_reach_drops_states_too_weak_to_reach(fx_advise: Any, index: ThreatIndex) -> None:
    notes: list[str] = []
    usa = threats(fx_advise, index, "USA", notes=notes)
    assert "IRN" in usa and "RUS" in usa
    dropped = next(n for n in notes if "for want of reach" in n)
    assert "YEM" in dropped and "YEM" not in usa  # UCDP: the Houthis fought the US in 2024
    assert all(t.reach is None or t.reach >= 0.01 for t in usa.values())


def test_recency_decays_and_the_window_closes(fx_advise: Any, index: ThreatIndex) -> None:
    # Kyrgyzstan-Tajikistan, September 2022: a use of force (2), halving every five years
    kyr = threats(fx_advise, index, "KYR", dt.date(2027, 9, 20))
    r = next(r for r in kyr["TAJ"].reasons if r.ref == "kyrgyzstan-tajikistan-2022")
    assert r.weight == pytest.approx(1.0, abs=0.01)
    later = threats(fx_advise, index, "KYR", dt.date(2033, 1, 1))
    assert "TAJ" not in later or all(
        r.ref != "kyrgyzstan-tajikistan-2022" for r in later["TAJ"].reasons)
    assert all(t.score >= MIN_SCORE for t in kyr.values())


def test_as_of_a_day_nothing_later_is_read(fx_advise: Any, index: ThreatIndex) -> None:
    before = threats(fx_advise, index, "UKR", dt.date(2022, 2, 23))
    assert "BLR" not in before and "PRK" not in before
    assert all(r.start is None or r.start < dt.date(2022, 2, 23)
               for t in before.values() for r in t.reasons)


def test_without_datasets_the_layer_still_answers(fx: Any) -> None:
    notes: list[str] = []
    index = ThreatIndex(fx.optional_inputs)
    rus = threats(fx, index, "RUS", notes=notes)
    assert "UKR" in rus
    joined = " ".join(notes)
    assert "ucdp-acd" in joined and "not imported" in joined
    assert "reach unknown" in joined


def test_cli_threats_json(fx_advise: Any, tmp_path: Any) -> None:
    from foedus.cli import main

    env = {"FOEDUS_STORE": str(fx_advise.store.path)}
    res = CliRunner().invoke(main, ["threats", "ARM", "--on", "2026-01-01", "--json"],
                             env=env)
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert data["threats"][0]["state"]["abb"] == "AZE"
    assert data["threats"][0]["reasons"][0]["sources"]
    assert data["rule"]["min_score"] == MIN_SCORE


def test_ranking_beats_the_naive_rule_out_of_sample(fx_advise: Any,
                                                    index: ThreatIndex) -> None:
    # the later eras: the neighbour weight was chosen on 1990-2004 only
    report = evaluate(fx_advise, 2005, 2020, 3, index)
    for row in report:
        assert row["auc_foedus"] > row["auc_naive"], row
        assert row["auc_foedus"] > 0.8, row


def test_cli_guarantors_russia_shows_ukraine_with_sources(fx_advise: Any) -> None:
    from foedus.cli import main

    env = {"FOEDUS_STORE": str(fx_advise.store.path)}
    res = CliRunner().invoke(main, ["guarantors", "RUS", "--on", "2026-01-01", "--draws", "0",
                                    "--limit", "3"], env=env)
    assert res.exit_code == 0, res.output
    line = next(ln for ln in res.output.splitlines() if ln.startswith("  threat UKR"))
    assert "Russian full-scale invasion of Ukraine" in res.output
    assert line and "iswresearch.org" in res.output
    for stale in ("SEN", "IRQ", "ISR", "SAU"):
        assert f"threat {stale}" not in res.output


def test_auc_counts_ties_half() -> None:
    import numpy as np

    from foedus.advise.threats_eval import auc

    assert auc(np.array([1.0, 2.0, 3.0]), np.array([0, 0, 1])) == 1.0
    assert auc(np.array([0.0, 0.0, 0.0, 0.0]), np.array([0, 1, 0, 1])) == 0.5
    assert auc(np.array([3.0, 1.0, 2.0, 0.0]), np.array([0, 1, 0, 1])) == 0.0
