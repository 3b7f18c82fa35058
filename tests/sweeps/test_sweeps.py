"""Sweeps: the kernel's answers on real cases, runners agree, resumability, yearly verbs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from foedus.sweeps import (
    add_expected_defenders,
    add_expected_war_size,
    indices,
    plan,
    run_block,
    sweep,
)

D2025 = dt.date(2025, 1, 1)
RUS, EST, USA, CHN, PRK, FIN, SWD = 365, 366, 2, 710, 731, 375, 380


def test_russia_attacks_estonia_brings_in_nato_at_once(fx: Any) -> None:
    g = fx.graph(D2025)
    out = run_block(g, [RUS], [EST], engine="rules")
    defenders = set(out.filter(pl.col("side") == "defender", pl.col("first_round") == 1)["state"])
    # every other NATO ally is bound by Art. 5 (Finland since 4 April 2023, Sweden since
    # 7 March 2024)
    assert {USA, 200, 220, 255, FIN, SWD} <= defenders
    principals = out.filter(pl.col("first_round") == 0)
    assert set(zip(principals["state"], principals["side"], strict=True)) == {
        (RUS, "attacker"), (EST, "defender")}
    assert out["p_enter"].max() == 1.0 and out["date"].unique().to_list() == [D2025]


def test_a_pledge_owed_to_the_aggressor_does_not_hold_a_state_back(fx: Any) -> None:
    # North Korea owes defence to China (1961) and to Russia (2024). Russia attacking China
    # does not fire the pledge to Russia (an aggressor is not a victim: docs/rules.md §4.4),
    # so it is no conflict and North Korea enters for China (cascade rule 9)
    for engine in ("rules", "cascade"):
        out = run_block(fx.graph(D2025), [RUS], [CHN], engine=engine)  # type: ignore[arg-type]
        prk = out.filter(pl.col("state") == PRK)
        assert prk["side"].to_list() == ["defender"]


def test_rules_engine_equals_the_cascade_resolution(fx: Any) -> None:
    g = fx.graph(D2025)
    att, tgt = [RUS, USA, 710, 100], [EST, USA, CHN, 200, 732, 140]
    rules = run_block(g, att, tgt, engine="rules")
    cascade = run_block(g, att, tgt, draws=0, engine="cascade")
    assert rules.equals(cascade)


def test_cascade_monte_carlo_is_seeded_and_uses_base_rates(fx: Any) -> None:
    g = fx.graph(D2025)
    a = run_block(g, [RUS], [EST], draws=2000, seed=11, engine="cascade")
    b = run_block(g, [RUS], [EST], draws=2000, seed=11, engine="cascade")
    assert a.equals(b)
    usa = a.filter(pl.col("state") == USA)["p_enter"].item()
    assert 0.10 < usa < 0.18  # post-1945 defense pledges honoured 14% (Berkemeier-Fuhrmann)


def test_plan_covers_every_ordered_pair_once() -> None:
    parts = plan({D2025: [2, 20, 200, 365]}, block_size=3)
    assert sum(p.pairs for p in parts) == 12
    assert [p.attackers for p in parts] == [(2, 20, 200), (365,)]


def _small(fx: Any, tmp: Path, **kw: Any) -> Any:
    pairs = [(a, t) for a in (RUS, USA, 710, 100) for t in (EST, USA, CHN, 200) if a != t]
    return sweep(fx, [D2025], pairs=pairs, block_size=1, work=tmp, **kw)


def test_localcluster_and_local_give_identical_results(fx: Any, tmp_path: Path) -> None:
    local = _small(fx, tmp_path / "a", draws=200, seed=5, engine="cascade")
    dask = _small(fx, tmp_path / "b", draws=200, seed=5, engine="cascade",
                  scheduler="local", workers=2)
    assert local.partitions == 4 and local.long.height > 40
    assert local.long.equals(dask.long) and local.pairs.equals(dask.pairs)


def test_rerun_skips_finished_partitions(fx: Any, tmp_path: Path) -> None:
    first = _small(fx, tmp_path)
    parts = sorted((tmp_path / "parts").glob("*.parquet"))
    stamps = {p: p.stat().st_mtime_ns for p in parts}
    parts[0].unlink()
    seen: list[tuple[int, int]] = []
    again = _small(fx, tmp_path, progress=lambda d, t: seen.append((d, t)))
    assert seen[0] == (3, 4) and seen[-1] == (4, 4)
    assert all(p.stat().st_mtime_ns == stamps[p] for p in parts[1:])
    assert first.long.equals(again.long)


def test_indices_rank_the_united_states_first(fx: Any) -> None:
    long = run_block(fx.graph(D2025), [RUS, CHN, 630], [EST, 732, 740, 200], engine="rules")
    idx = indices(long)
    assert idx["state"][0] == USA  # bound to Estonia, South Korea, Japan, the UK
    assert idx.filter(pl.col("state") == USA)["patronage"].item() == 4


def test_yearly_verbs_keep_rows_and_leave_other_years_missing(
        fx: Any, ps_inputs: Any, tmp_path: Path) -> None:
    from foedus.datasets import create_dyadyears, create_stateyears

    res = sweep(fx, [dt.date(2024, 6, 30)], out=tmp_path / "y.parquet", workers=1,
                engine="rules")
    assert (tmp_path / "y.parquet").exists()
    assert not (tmp_path / "y.parquet.work").exists()  # removed once the result is written
    ddy = create_dyadyears(years=(2015, 2016), inputs=ps_inputs)
    # the sweep's dates are years the dyad-years do not reach: every value missing
    out = add_expected_defenders(ddy, res.long)
    assert out.height == ddy.height and out.df.select(ddy.keys).equals(ddy.df.select(ddy.keys))
    assert out.df["expected_defender"].null_count() == out.height
    # the same sweep, labelled as 2016: values appear for 2016 only
    relabel = res.long.with_columns(pl.lit(dt.date(2016, 6, 30)).alias("date"))
    out = add_expected_war_size(add_expected_defenders(ddy, relabel), relabel)
    assert out.height == ddy.height and out.df.select(ddy.keys).equals(ddy.df.select(ddy.keys))
    y15 = out.df.filter(pl.col("year") == 2015)
    assert y15["expected_defender"].null_count() == y15.height
    row = out.df.filter(pl.col("ccode1") == EST, pl.col("ccode2") == USA, pl.col("year") == 2016)
    # the US defends Estonia against every attacker, its own other allies included: its
    # pledges to an ally that attacks do not fire for the aggressor, so they hold nothing
    # back (docs/rules.md §4.4)
    assert row["expected_defender"].item() == 1.0
    # Estonia attacking the US: the US's allies who are not Estonia's too defend the US
    # (NATO allies owe both and stay out)
    want = res.pairs.filter(pl.col("attacker") == EST, pl.col("target") == USA)
    assert row["expected_war_size"].item() == want["expected_war_size"].item() > 2
    assert want["expected_defenders"].item() == want["expected_war_size"].item() - 2
    with pytest.raises(Exception, match="create_dyadyears"):
        add_expected_defenders(create_stateyears(years=(2016, 2016), inputs=ps_inputs),
                               res.long)


def test_cli_sweep_pairs_file_summary_and_cite(fx: Any, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    from click.testing import CliRunner

    from foedus.cli import main

    monkeypatch.setenv("FOEDUS_HOME", str(tmp_path / "home"))
    pairs = tmp_path / "pairs.csv"
    pairs.write_text("attacker,target\nRUS,EST\nRUS,FIN\nCHN,USA\n")
    out = tmp_path / "s.parquet"
    r_sweep = CliRunner().invoke(main, ["sweep", "--on", "2025-01-01", "--pairs", str(pairs),
                                        "-o", str(out)])
    assert r_sweep.exit_code == 0, r_sweep.output
    assert pl.read_parquet(tmp_path / "s.pairs.parquet").height == 3
    r = CliRunner().invoke(main, ["sweep", "summary", str(out), "--json", "--top", "60"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    assert set(data) == {"date", "pairs", "exposure", "largest_wars"}
    # Canada is bound to defend all three targets (NATO); the US defends Estonia and Finland
    # but is itself a target. Monte Carlo (1,000 draws, fitted credibility): Canada enters
    # each war with its promise's p(honour), so its exposure is below 3 and its patronage 3
    can = next(r for r in data["exposure"] if r["abb"] == "CAN")
    assert 0.3 < can["exposure"] < 3.0 and can["patronage"] == 3
    assert "1,000 draws, credibility fitted" in r_sweep.output
    r = CliRunner().invoke(main, ["cite", "--for", str(out)])
    assert r.exit_code == 0 and "registry" in r.output
    r = CliRunner().invoke(main, ["sweep", "summary", str(out)])
    assert r.exit_code == 0 and max(len(x) for x in r.output.splitlines()) <= 80
    # a --top past 2**63 overflowed polars' head() (OverflowError traceback): all rows
    r = CliRunner().invoke(main, ["sweep", "summary", str(out), "--json", "--top",
                                  "99999999999999999999"])
    assert r.exit_code == 0 and r.exception is None, r.output
    assert len(json.loads(r.output)["largest_wars"]) == 3


def test_pair_summary_weighs_each_side_by_cinc(fx: Any, ps_inputs: Any) -> None:
    import numpy as np

    from foedus.scenario.capability import capability, projected_to_each
    from foedus.sweeps.api import pair_summary

    day = dt.date(2010, 6, 30)
    long = run_block(fx.graph(day), [RUS], [EST, 710], engine="rules")
    codes = np.array(sorted(set(long["state"].to_list())), dtype=np.int64)
    cap, proj = projected_to_each(ps_inputs, codes, day)
    cinc = pl.DataFrame({"date": [day] * len(codes), "state": codes.astype(np.int32),
                         "cinc": cap.cinc})
    n = len(codes)
    projected = pl.DataFrame({"date": [day] * (n * n),
                              "state": np.repeat(codes, n).astype(np.int32),
                              "target": np.tile(codes, n).astype(np.int32),
                              "projected": proj.ravel()})
    pairs = pair_summary(long, cinc, projected)
    est = pairs.filter(pl.col("target") == EST).row(0, named=True)
    # NATO's members outweigh Russia's material capabilities several times over
    assert est["defender_side_cinc"] > 3 * est["attacker_side_cinc"] > 0
    # projected to Tallinn: the matrix agrees with the scenario engine's projection to one
    # theatre, and distance costs the distant allies (the US, ~4,400 miles) more than Russia
    # (~540 miles from Moscow)
    at_tallinn = capability(ps_inputs, codes, day, [EST]).projected
    i_est = int(np.flatnonzero(codes == EST)[0])
    assert np.allclose(proj[:, i_est], at_tallinn)
    i_usa, i_rus = (int(np.flatnonzero(codes == c)[0]) for c in (USA, RUS))
    assert proj[i_usa, i_est] < cap.cinc[i_usa] and proj[i_rus, i_est] > cap.cinc[i_rus]
    assert (est["defender_side_projected"] / est["attacker_side_projected"]
            < est["defender_side_cinc"] / est["attacker_side_cinc"])
    blind = pair_summary(long, None)
    assert blind["defender_side_cinc"].null_count() == 2
    assert blind["defender_side_projected"].null_count() == 2


# -- the Monte Carlo kernel ------------------------------------------------------------------

def _scenario_p(fx: Any, day: dt.date, a: int, t: int, credibility: Any,
                draws: int) -> dict[tuple[int, str], float]:
    from foedus.scenario.priors import NoJoining

    spec = {"date": day.isoformat(), "attacks": [{"attacker": a, "target": t}]}
    data = fx.scenario(spec, credibility=credibility, joining=NoJoining()).run(
        draws=draws, seed=3).to_json()
    out = {}
    for r in data["states"]:
        code = r["state"]["ccode"]
        for side in ("attacker", "defender"):
            if code not in (a, t) and r[f"p_{side}_side"] > 0:
                out[(code, side)] = r[f"p_{side}_side"]
    return out


@pytest.mark.parametrize("day, pairs", [
    (D2025, [(RUS, EST), (CHN, 740), (630, USA), (USA, RUS)]),
    # Italy attacks France: Germany joins Italy (Pact of Steel, an offense promise: the
    # round-by-round path); Germany attacks Poland: Britain and France defend it
    (dt.date(1939, 6, 30), [(325, 220), (255, 290)]),
])
def test_monte_carlo_sweep_agrees_with_the_scenario_engine(
        fx: Any, ps_inputs: Any, day: dt.date, pairs: list[tuple[int, int]]) -> None:
    """The sweep answers each pair as `foedus scenario` does (same rules, same fitted
    credibility model with capability and alignment read from the datasets, no joining
    without a promise): the same states enter, on the same side, with the same probability
    up to Monte Carlo noise (4,000 draws each: 4 standard errors of a difference < 0.045)."""
    from foedus.scenario.adapters import FittedCredibility
    from foedus.sweeps.honour import honour_scores

    cred = FittedCredibility(ps_inputs)
    g = fx.graph(day)
    honour = honour_scores(g, cred)
    assert cred.unavailable == [] or "capability" not in cred.unavailable
    for a, t in pairs:
        out = run_block(g, [a], [t], draws=4000, seed=1, honour=honour)
        mine = {(r["state"], r["side"]): r["p_enter"]
                for r in out.filter(pl.col("first_round") > 0).iter_rows(named=True)}
        theirs = _scenario_p(fx, day, a, t, cred, 4000)
        assert set(mine) == set(theirs), (a, t)
        assert max(abs(mine[k] - theirs[k]) for k in mine) < 0.045, (a, t)


def test_a_pairs_answer_does_not_depend_on_its_block(fx: Any) -> None:
    g = fx.graph(D2025)
    together = run_block(g, [RUS, CHN], [EST, 740, USA], draws=300, seed=9)
    for a in (RUS, CHN):
        for t in (EST, 740, USA):
            alone = run_block(g, [a], [t], draws=300, seed=9)
            assert together.filter(pl.col("attacker") == a, pl.col("target") == t).equals(alone)
    assert not together.equals(run_block(g, [RUS, CHN], [EST, 740, USA], draws=300, seed=10))


def test_draws_zero_is_the_deterministic_resolution_also_before_1945(fx: Any) -> None:
    g = fx.graph(dt.date(1939, 6, 30))
    out = run_block(g, [325], [220], draws=0)
    assert set(out["p_enter"].to_list()) == {1.0}
    assert (255, "attacker", 1) in set(zip(out["state"], out["side"], out["first_round"],
                                           strict=True))
    # Monte Carlo: Germany honours the Pact of Steel at the offense base rate (73.8%)
    mc = run_block(g, [325], [220], draws=4000, seed=2)
    assert mc.filter(pl.col("state") == 255)["p_enter"].item() == pytest.approx(0.738, abs=0.03)
    # the rules engine reads bound duties only: it does not follow Germany's offense promise
    assert 255 not in run_block(g, [325], [220], engine="rules")["state"].to_list()


def test_a_work_folder_is_not_resumed_with_other_settings(fx: Any, tmp_path: Path) -> None:
    from foedus.errors import InvalidInputError

    _small(fx, tmp_path, draws=50, seed=1)
    with pytest.raises(InvalidInputError, match=r"other settings \(draws 50 -> 60\)"):
        _small(fx, tmp_path, draws=60, seed=1)
    assert len(list((tmp_path / "parts").glob("*.parquet"))) == 4  # nothing lost


def test_a_bad_pairs_file_names_every_bad_line(fx: Any, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from foedus.cli import main
    from foedus.sweeps.plan import read_pairs

    monkeypatch.setenv("FOEDUS_HOME", str(tmp_path / "home"))
    ok = tmp_path / "ok.tsv"
    ok.write_text("attacker\ttarget\n# Baltic cases\nRussia\tEstonia  # by name\n365;FIN\n\n")
    assert read_pairs(ok, fx.states) == [(RUS, EST), (RUS, FIN)]
    bad = tmp_path / "bad.csv"
    bad.write_text("attacker,target\nRUS,EST\nRUS\nRUS,Atlantis\nEST,EST\n")
    out = tmp_path / "s.parquet"
    r = CliRunner().invoke(main, ["sweep", "--on", "2025-01-01", "--pairs", str(bad),
                                  "-o", str(out)])
    assert r.exit_code == 2, r.output
    for where in (":3: expected two fields", ":4 [target]: ", ":5: a state cannot attack itself"):
        assert f"{bad}{where}" in r.output
    assert not out.exists()
    with pytest.raises(Exception) as err:
        read_pairs(bad, fx.states)
    where = [(p.line, p.field) for p in err.value.problems]  # type: ignore[attr-defined]
    assert where == [(3, None), (4, "target"), (5, None)]


def test_a_day_with_nothing_to_sweep_is_refused_before_anything_is_written(
        fx: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from foedus.cli import main

    monkeypatch.setenv("FOEDUS_HOME", str(tmp_path / "home"))
    out = tmp_path / "s.parquet"
    r = CliRunner().invoke(main, ["sweep", "--on", "1700-01-01", "-o", str(out)])
    assert r.exit_code == 2 and "nothing to sweep" in r.output and "1816" in r.output
    pairs = tmp_path / "p.csv"
    pairs.write_text("RUS,EST\n")  # Estonia is not in the system in 1980
    r = CliRunner().invoke(main, ["sweep", "--on", "1980-01-01", "--pairs", str(pairs),
                                  "-o", str(out)])
    assert r.exit_code == 2 and "none of the given pairs" in r.output
    assert not list(tmp_path.glob("s.parquet*"))
    for bad in (["--block", "0"], ["--workers", "0"], ["--draws", "-1"]):
        r = CliRunner().invoke(main, ["sweep", "--on", "2025-01-01", *bad, "-o", str(out)])
        assert r.exit_code == 2 and bad[0] in r.output


def test_summary_refuses_a_missing_date_and_a_file_that_is_not_a_sweep(
        fx: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from foedus.cli import main

    monkeypatch.setenv("FOEDUS_HOME", str(tmp_path / "home"))
    out = tmp_path / "s.parquet"
    sweep(fx, [D2025], pairs=[(RUS, EST)], draws=50, out=out)
    r = CliRunner().invoke(main, ["sweep", "summary", str(out), "--date", "2020-01-01"])
    assert r.exit_code == 2 and "no sweep of 2020-01-01" in r.output and "2025-01-01" in r.output
    junk = tmp_path / "junk.parquet"
    junk.write_text("not parquet")
    r = CliRunner().invoke(main, ["sweep", "summary", str(junk)])
    assert r.exit_code == 2 and f"{junk}: not a readable sweep file" in r.output
