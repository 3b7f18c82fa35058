"""Who joins a war: the entry model on real history (COW wars, ATOP, peacesciencer, MID).

Every test reads the datasets imported with foedus's own importers into a temporary store,
as a user would (``foedus data import``), and checks facts a user would check.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl
import pytest
from click.testing import CliRunner

IMPORTS = (("isard", "isard"), ("cow-states", "cow-states-2016"), ("atop", "atop-5.1"),
           ("peacesciencer", "peacesciencer"), ("ideal-points", "un-ideal-points-2025"),
           ("war", "cow-war-4.0"), ("mid", "cow-mid-5.0"), ("rivalries", "rivalries"),
           ("contiguity", "cow-contiguity-3.2"), ("nmc", "cow-nmc-6.0"),
           ("capitals", "capitals"))
# members of NATO or the EU on 1 March 2025 (other than Estonia), as COW abbreviations
NATO_EU = (
    "USA", "CAN", "UKG", "NTH", "BEL", "LUX", "FRN", "SPN", "POR", "GMY", "POL", "AUS", "HUN",
    "CZR", "SLO", "SLV", "ITA", "MLT", "ALB", "CRO", "MNG", "MAC", "BUL", "ROM", "GRC", "CYP",
    "TUR", "DEN", "ICE", "NOR", "SWD", "FIN", "LAT", "LIT", "IRE",
)


@pytest.fixture(scope="module")
def session(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from foedus.api import Foedus
    from foedus.ingest import import_dataset

    home = tmp_path_factory.mktemp("wars-home")
    s = Foedus(home / "foedus.duckdb")
    with s.writer() as store:
        for name, folder in IMPORTS:
            import_dataset(store, name, shared_data / folder)
    yield s
    s.close()


def _frame(session: Any, day: dt.date, attackers: list[str], targets: list[str]) -> pl.DataFrame:
    from foedus.scenario.entry import entry_frame, p_enter

    code = {s.abb: s.ccode for s in session.states}
    f = p_enter(entry_frame(session.graph(day), session.optional_inputs,
                            attackers=[code[a] for a in attackers],
                            targets=[code[t] for t in targets]))
    return f.with_columns(pl.col("ccode").map_elements(
        lambda c: session.states.by_code(c).abb, return_dtype=pl.Utf8).alias("abb"))


def _row(f: pl.DataFrame, abb: str) -> dict[str, Any]:
    rows = f.filter(pl.col("abb") == abb).to_dicts()
    assert rows, f"{abb} is not a candidate"
    return rows[0]


def test_gulf_war_arab_coalition_joins_kuwait_side(session: Any) -> None:
    # Iraq invades Kuwait, 2 Aug 1990. The Arab League's pledge to Kuwait is owed to the
    # victim; what members owe Iraq under the same treaty is forfeited by the aggressor.
    f = _frame(session, dt.date(1990, 8, 2), ["IRQ"], ["KUW"])
    for abb in ("EGY", "SYR", "SAU", "MOR", "QAT", "UAE", "OMA"):
        r = _row(f, abb)
        assert r["def_t"] == 1, abb
        assert r["p_target_side"] > 0.005, abb
        assert r["p_target_side"] > 2 * r["p_attacker_side"], abb  # on Kuwait's side
    assert _row(f, "SAU")["def_a"] == 0  # the Arab League pledge to Iraq does not count
    for abb in ("USA", "UKG", "FRN"):  # aligned with Kuwait's side, not Iraq's
        r = _row(f, abb)
        assert r["p_target_side"] > r["p_attacker_side"], abb


def test_poland_1939_ussr_is_not_vetoed_by_its_nonaggression_pact(session: Any) -> None:
    f = _frame(session, dt.date(1939, 9, 1), ["GMY"], ["POL"])
    rus = _row(f, "RUS")
    assert rus["nag_any"] == 1  # the Soviet-Polish non-aggression pact of 1932 is in force
    assert rus["p_enter"] > 0.01
    # the guarantors of Poland rank first
    top = f.sort("p_target_side", descending=True)["abb"].head(2).to_list()
    assert set(top) == {"UKG", "FRN"}


def test_estonia_2025_no_ally_on_russias_side(session: Any) -> None:
    f = _frame(session, dt.date(2025, 3, 1), ["RUS"], ["EST"])
    for abb in (*NATO_EU, "UKR"):
        r = _row(f, abb)
        assert r["p_attacker_side"] <= 0.005, (abb, r["p_attacker_side"])
    assert any("disputes after 2014" in n for n in f["notes"][0])


def test_factors_add_up_to_the_forecast(session: Any) -> None:
    f = _frame(session, dt.date(1990, 8, 2), ["IRQ"], ["KUW"])
    r = _row(f, "SAU")
    enter = sum(x["contribution"] for x in r["factors"] if x["side"] == "enter")
    side = sum(x["contribution"] for x in r["factors"] if x["side"] == "target side")
    assert math.isclose(1 / (1 + math.exp(-enter)), r["p_enter"], rel_tol=1e-3)
    q = 1 / (1 + math.exp(-side))
    assert math.isclose(r["p_enter"] * q, r["p_target_side"], rel_tol=1e-3)
    names = {x["name"] for x in r["factors"]}
    assert {"def_t", "nag_any", "d_kappa"} <= names


@pytest.fixture(scope="module")
def pool(session: Any) -> pl.DataFrame:
    from foedus.backtest.wars import build_pool

    return build_pool(session)


def test_pool_is_every_system_member_on_the_first_day(pool: pl.DataFrame) -> None:
    from foedus.scenario.entry import load_entry_model

    meta = load_entry_model().meta
    assert pool["warnum"].n_unique() == 95 == meta["wars"]
    assert pool.height == meta["rows"]
    assert int(pool["y"].sum()) == meta["joiners"]
    ww2 = pool.filter(pl.col("warnum") == 139)
    # WWII: Britain and France declared war on 3 September, two days after the first day
    joined = set(ww2.filter(pl.col("y") == 1)["ccode"].to_list())
    assert {200, 220, 2, 365} <= joined
    assert 255 not in set(ww2["ccode"].to_list()) and 290 not in set(ww2["ccode"].to_list())


def test_backtest_reproduces_the_shipped_figures_and_beats_naive(pool: pl.DataFrame) -> None:
    from foedus.backtest.wars import backtest, fit_entry_model
    from foedus.scenario.entry import load_entry_model

    shipped = load_entry_model()
    # the two time splits (each fit chooses its ridge strength on its training wars); the
    # leave-one-war-out figures need 95 such fits, minutes on CI: `foedus backtest wars`
    # reproduces them (docs/credibility.md)
    ans = backtest(pool, splits=("pre1946", "post1945"))
    for split in ("pre1946", "post1945"):
        rec = shipped.meta["backtest"][split]
        got = ans.splits[split]
        assert got["c_enter_chosen"] == rec["c_enter_chosen"]
        for who in ("model", "naive"):
            for m in ("auc", "brier", "brier_skill"):
                assert got[who][m] == pytest.approx(rec[who][m], abs=1e-4), (split, who, m)
        assert got["model"]["auc"] > got["naive"]["auc"]
        assert got["model"]["brier"] < got["naive"]["brier"]
    refit = fit_entry_model(pool)
    assert np.allclose(refit.enter.coef, shipped.enter.coef, atol=1e-4)
    assert refit.meta["c_enter"] == shipped.meta["c_enter"]
    rel = ans.splits["post1945"]["model"]["reliability"]
    assert sum(r["n"] for r in rel) == int((pool["year"] >= 1946).sum())


def test_backtest_cli_on_real_data(session: Any, tmp_path: Path,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from foedus.cli import main

    monkeypatch.setenv("FOEDUS_HOME", str(Path(session.store.path).parent))
    png = tmp_path / "rel.png"
    res = CliRunner().invoke(main, ["backtest", "wars", "--split", "post1945", "--wars",
                                    "22,106,139,151,155,211", "--json", "--plot", str(png)])
    assert res.exit_code == 0, res.output
    out = json.loads(res.output)
    s = out["splits"]["post1945"]
    assert out["pool"]["wars"] == 6
    assert s["model"]["positives"] == 28  # Korea 14, Suez 2, Gulf 12
    assert 0.5 < s["model"]["auc"] <= 1 and 0 <= s["naive"]["auc"] <= 1
    assert {"brier", "brier_skill", "reliability"} <= set(s["model"])
    assert png.stat().st_size > 10_000


def test_scenario_engine_reads_the_entry_model(session: Any) -> None:
    """`foedus scenario` on the imported data: p_enter is the entry model's forecast (Monte
    Carlo), the legal reading (rounds) is unchanged, and no broken rule is a veto."""
    gulf = session.scenario({"date": "1990-08-02",
                             "attacks": [{"attacker": "IRQ", "target": "KUW"}]})
    assert gulf.joining.name.startswith("entry model")
    ans = gulf.run(draws=20_000, seed=3)
    for abb in ("EGY", "SYR", "SAU", "MOR", "QAT", "UAE", "OMA"):
        row = ans.state(abb)
        assert row is not None and row["p_defender_side"] > row["p_attacker_side"] > 0, abb
        assert any(r.startswith("entry model: p_enter") for r in row["reasons"]), abb
    # the legal reading (rounds, conflicts) does not depend on the forecast
    legal = session.scenario({"date": "1990-08-02",
                              "attacks": [{"attacker": "IRQ", "target": "KUW"}],
                              "model": {"credibility": "base_rates", "joining": "none"}})
    assert ans.to_json()["rounds"] == legal.resolve().to_json()["rounds"]
    assert ans.to_json()["conflicts"] == legal.resolve().to_json()["conflicts"]
    poland = session.scenario({"date": "1939-09-01",
                               "attacks": [{"attacker": "GMY", "target": "POL"}]})
    rus = poland.run(draws=20_000, seed=3).state("RUS")
    assert rus is not None and rus["p_enter"] > 0.01


def test_other_conflicts_are_scored_the_same_way(session: Any) -> None:
    """A participant table of one's own (here: COW's Gulf War rows) gives the same pool."""
    from foedus.backtest.wars import build_pool
    from foedus.scenario.entry import war_history

    gulf = war_history(session.optional_inputs).filter(pl.col("warnum") == 211)
    mine = build_pool(session, history=gulf.select("warnum", "ccode", "side", "initiator",
                                                   "entered"))
    cow = build_pool(session, wars=[211])
    assert mine.drop("notes", strict=False).equals(cow.drop("notes", strict=False))
    assert int(mine["y"].sum()) == 12


def _fits_80(text: str) -> None:
    """No line over 80 columns, no cut cell (rich's ellipsis), no column without a header."""
    for line in text.splitlines():
        assert len(line.rstrip()) <= 80, line
    assert "…" not in text
    for line in text.splitlines():
        if line.startswith("┃"):
            assert all(c.strip() for c in line.strip("┃").split("┃")), line


def test_backtest_table_at_80_columns(session: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """The scores are whole at 80 columns; what gives way is said under the table."""
    from foedus.cli import main

    monkeypatch.setenv("FOEDUS_HOME", str(Path(session.store.path).parent))
    res = CliRunner().invoke(main, ["backtest", "wars", "--split", "post1945", "--wars",
                                    "22,106,139,151,155,211"], env={"COLUMNS": "80"})
    assert res.exit_code == 0, res.output
    _fits_80(res.output)
    assert "6 wars" in res.output and "model AUC" in res.output and "naive AUC" in res.output
    assert "left out to fit 80 columns" in res.output
