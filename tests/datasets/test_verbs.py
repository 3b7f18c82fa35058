"""Every add_* verb: same rows, refusal of the wrong unit, and its own rules."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import polars as pl
import pytest

import foedus.datasets as fd
from foedus.datasets import FoedusFrame, create_dyadyears, create_stateyears
from foedus.errors import UsageError

DYAD_VERBS = ["add_alliances", "add_capabilities", "add_contiguity", "add_capital_distance",
              "add_majors", "add_alliance_similarity", "add_ideal_point_distance",
              "add_rivalries", "add_wars"]
STATE_VERBS = ["add_capabilities", "add_contiguity", "add_capital_distance", "add_majors",
               "add_ideal_point_distance"]
DYAD_ONLY = sorted(set(DYAD_VERBS) - set(STATE_VERBS))

THROUGH = 2024  # peacesciencer 1.2.9 built cow_ddy/gw_ddy with mry = TRUE in 2025


@pytest.fixture(scope="module")
def ddy(ps_inputs) -> FoedusFrame:  # type: ignore[no-untyped-def]
    # 1938-1950 crosses a war, an exit and return (Baltics, 1940), and the 1945 false dyads
    return create_dyadyears("cow", years=(1938, 1950), through=THROUGH, inputs=ps_inputs)


@pytest.fixture(scope="module")
def nd(ps_inputs) -> FoedusFrame:  # type: ignore[no-untyped-def]
    return create_dyadyears("cow", directed=False, years=(1938, 1950), through=THROUGH,
                            inputs=ps_inputs)


@pytest.fixture(scope="module")
def sy(ps_inputs) -> FoedusFrame:  # type: ignore[no-untyped-def]
    return create_stateyears("cow", years=(1938, 1950), through=THROUGH, inputs=ps_inputs)


@pytest.mark.parametrize("verb", DYAD_VERBS)
def test_dyad_verbs_keep_rows(verb, ddy, nd, ps_inputs):  # type: ignore[no-untyped-def]
    for frame in (ddy, nd):
        out = getattr(fd, verb)(frame, inputs=ps_inputs)
        assert out.height == frame.height
        assert out.df.select(out.keys).equals(frame.df.select(frame.keys))
        assert len(out.datasets) > len(frame.datasets) or verb == "add_alliances"
        assert len(out.columns) > len(frame.columns)


@pytest.mark.parametrize("verb", STATE_VERBS)
def test_state_verbs_keep_rows(verb, sy, ps_inputs):  # type: ignore[no-untyped-def]
    out = getattr(fd, verb)(sy, inputs=ps_inputs)
    assert out.height == sy.height
    assert out.df.select("ccode", "year").equals(sy.df.select("ccode", "year"))


@pytest.mark.parametrize("verb", DYAD_ONLY)
def test_dyad_only_verbs_refuse_state_years(verb, sy, ps_inputs):  # type: ignore[no-untyped-def]
    with pytest.raises(UsageError, match=r"create_dyadyears\(\)"):
        getattr(fd, verb)(sy, inputs=ps_inputs)


def test_cow_verbs_refuse_gw(ps_inputs):  # type: ignore[no-untyped-def]
    gw = create_dyadyears("gw", years=2000, through=THROUGH, inputs=ps_inputs)
    with pytest.raises(UsageError, match="system='cow'"):
        fd.add_capabilities(gw, inputs=ps_inputs)


def test_nondirected_atop_takes_either_direction(nd, ddy, ps_inputs):  # type: ignore[no-untyped-def]
    d = fd.add_alliances(ddy, inputs=ps_inputs).df
    n = fd.add_alliances(nd, inputs=ps_inputs).df
    either = (d.with_columns(a=pl.min_horizontal("ccode1", "ccode2"),
                             b=pl.max_horizontal("ccode1", "ccode2"))
              .group_by("a", "b", "year").agg(pl.col("atop_defense").max())
              .rename({"a": "ccode1", "b": "ccode2", "atop_defense": "either"}))
    j = n.join(either, on=["ccode1", "ccode2", "year"], how="left")
    assert (j["atop_defense"] == j["either"]).all()
    strict = fd.add_alliances(nd, ndir=False, inputs=ps_inputs).df
    assert strict["atop_defense"].sum() <= n["atop_defense"].sum()


def test_registry_pledges_to_2025(ps_inputs):  # type: ignore[no-untyped-def]
    f = create_dyadyears("cow", years=(2017, 2025), through=2025, inputs=ps_inputs)
    out = fd.add_alliances(f, "all", inputs=ps_inputs).df
    nato = out.filter((pl.col("ccode1") == 2) & (pl.col("ccode2") == 366))  # USA -> Estonia
    assert nato["reg_defense"].to_list() == [1] * 9
    assert set(nato["reg_defense_force"].to_list()) == {"treaty"}
    # ATOP is unknown after 2018; the registry fills "any_defense"
    assert nato.filter(pl.col("year") > 2018)["atop_defense"].null_count() == 7
    assert nato["any_defense"].to_list() == [1] * 9
    assert out.filter(pl.col("year") == 2025)["reg_defense"].sum() > 1000


def test_majors_and_wars(ddy, ps_inputs):  # type: ignore[no-untyped-def]
    out = fd.add_wars(fd.add_majors(ddy, inputs=ps_inputs), inputs=ps_inputs).df
    usa_jpn = out.filter((pl.col("ccode1") == 2) & (pl.col("ccode2") == 740)
                         & (pl.col("year") == 1943))
    assert usa_jpn["cowinterongoing"].item() == 1
    assert usa_jpn["cowmaj1"].item() == 1


def test_similarity_self_consistent(ps_inputs):  # type: ignore[no-untyped-def]
    from foedus.datasets.similarity import portfolio_measures

    x = np.array([[1, 1, 4], [1, 1, 4], [4, 4, 1]], dtype=np.int8)
    m = portfolio_measures(x, np.array([0.5, 0.3, 0.2]))
    assert m["s_unweighted"][0, 1] == pytest.approx(1.0)
    assert m["kappa"][0, 1] == pytest.approx(1.0)
    assert m["taub"][0, 1] == pytest.approx(1.0)
    # S: |1-4| + |1-4| + |4-1| = 9 = 3N: S = 1 - 2 * 9 / 9 = -1
    assert m["s_unweighted"][0, 2] == pytest.approx(-1.0)
    f = create_dyadyears("cow", years=1955, through=THROUGH, inputs=ps_inputs)
    out = fd.add_alliance_similarity(f, inputs=ps_inputs).df
    us_uk = out.filter((pl.col("ccode1") == 2) & (pl.col("ccode2") == 200))
    us_ussr = out.filter((pl.col("ccode1") == 2) & (pl.col("ccode2") == 365))
    assert us_uk["s_unweighted"].item() > us_ussr["s_unweighted"].item()
    assert out["s_unweighted"].is_between(-1, 1).all()


def test_write_and_cite(tmp_path: Path, ddy, ps_inputs):  # type: ignore[no-untyped-def]
    frame = fd.add_capabilities(ddy, inputs=ps_inputs)
    p = frame.write(tmp_path / "out.parquet")
    meta = fd.read_frame_metadata(p)
    assert meta["unit"] == "dyad_year" and meta["system"] == "cow"
    assert "peacesciencer/cow_nmc" in meta["datasets"]
    assert pl.read_parquet(p).equals(frame.df)
    from foedus.sources.cite import datasets_in_file
    assert "peacesciencer/cow_nmc" in datasets_in_file(p)
    csv = frame.write(tmp_path / "out.csv")
    side = json.loads((tmp_path / "out.csv.foedus.json").read_text())
    assert side["rows"] == frame.height and csv.exists()
    frame.write(tmp_path / "out.feather")
    assert fd.read_frame_metadata(tmp_path / "out.feather")["rows"] == frame.height
    pytest.importorskip("pandas")
    frame.write(tmp_path / "out.dta")
    assert frame.to_pandas().shape == frame.df.shape
    with pytest.raises(UsageError):
        frame.write(tmp_path / "out.xlsx")


def test_years_spec(ps_inputs):  # type: ignore[no-untyped-def]
    a = create_stateyears("cow", years="1900-1910", through=THROUGH, inputs=ps_inputs)
    b = create_stateyears("cow", years=range(1900, 1911), through=THROUGH, inputs=ps_inputs)
    c = create_stateyears("cow", years=[1900, 1910], through=THROUGH, inputs=ps_inputs)
    assert a.df.equals(b.df)
    assert set(c.df["year"].unique()) == {1900, 1910}
    with pytest.raises(ValueError):
        create_stateyears("cow", years="1910-1900", inputs=ps_inputs)
    with pytest.raises(UsageError):
        create_stateyears("xyz", inputs=ps_inputs)  # type: ignore[arg-type]


def test_foedus_spells(ps_inputs):  # type: ignore[no-untyped-def]
    """foedus's own COW list agrees with isard's to 2016."""
    iso = create_stateyears("cow", years=(1816, 2016), inputs=ps_inputs).df
    own = create_stateyears("cow", years=(1816, 2016), spells="foedus", inputs=ps_inputs).df
    diff = iso.select("ccode", "year").join(own.select("ccode", "year"), how="anti",
                                            on=["ccode", "year"])
    assert diff.height == 0, diff


def test_through_before_the_list_ends_is_refused(ps_inputs) -> None:  # type: ignore[no-untyped-def]
    """COW's list ends in 2016: through=2010 ended the living states in 2010, before South
    Sudan (2011) began, and gave a silently truncated frame; -5 was accepted too."""
    with pytest.raises(UsageError, match=r"through 2010: give a year from 2016 \(the state "
                                         r"list's last year\)"):
        create_stateyears("cow", years=(2000, 2001), through=2010, inputs=ps_inputs)
    with pytest.raises(UsageError, match="through -5"):
        create_dyadyears("cow", years=(2000, 2001), through=-5, inputs=ps_inputs)
    assert create_stateyears("cow", years=(2016, 2016), through=2016,
                             inputs=ps_inputs).df.height > 0
