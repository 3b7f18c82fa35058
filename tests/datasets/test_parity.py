"""Parity with peacesciencer 1.2.9 on the same inputs (its tables in ../shared/data).

peacesciencer's ``cow_ddy``/``gw_ddy`` were built with ``mry = TRUE`` in 2025, so they run to
2024: the universe is built here with ``through=2024``. For the joins, the reference is the
literal rule peacesciencer applies (a left join, months or days expanded one by one), written
the slow, obvious way and compared with foedus's positional joins on every row.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import polars as pl
import pytest

from foedus.datasets import (
    add_alliances,
    add_capabilities,
    add_capital_distance,
    add_contiguity,
    create_dyadyears,
    create_stateyears,
    false_dyads,
)
from foedus.datasets.create import system_spells

K = ["ccode1", "ccode2", "year"]

THROUGH = 2024  # peacesciencer 1.2.9 built cow_ddy/gw_ddy with mry = TRUE in 2025


@pytest.fixture(scope="module")
def ddy(ps_inputs):  # type: ignore[no-untyped-def]
    return create_dyadyears("cow", years=(1816, 2016), through=THROUGH, inputs=ps_inputs)


def test_false_dyads_match_peacesciencer(ps_inputs, ps):  # type: ignore[no-untyped-def]
    for system, table, code in (("cow", "false_cow_dyads", "ccode"),
                                ("gw", "false_gw_dyads", "gwcode")):
        spells, _, _ = system_spells(system, inputs=ps_inputs)
        ours = false_dyads(spells, THROUGH)
        ref = ps(table).select(ccode1=f"{code}1", ccode2=f"{code}2", year="year")
        assert ours.equals(ref.cast(pl.Int32).sort(K)), system


def test_cow_universe_identical_to_cow_ddy(ps_inputs, ps):  # type: ignore[no-untyped-def]
    ours = create_dyadyears("cow", through=THROUGH, inputs=ps_inputs).df
    ref = ps("cow_ddy").cast(pl.Int32)
    assert ours.height == 2_214_930
    assert ours.equals(ref)  # same rows, same order


def test_gw_universe_identical_to_gw_ddy(ps_inputs, ps):  # type: ignore[no-untyped-def]
    ours = create_dyadyears("gw", through=THROUGH, inputs=ps_inputs).df
    ref = ps("gw_ddy").cast({"gwcode1": pl.Int32, "gwcode2": pl.Int32, "year": pl.Int32,
                             "microstate1": pl.Int8, "microstate2": pl.Int8})
    assert ours.equals(ref)


def test_rows_per_year_1816_2016(ddy, ps):  # type: ignore[no-untyped-def]
    assert ddy.height == 1_912_290
    ref = ps("cow_ddy").filter(pl.col("year") <= 2016).group_by("year").len().sort("year")
    ours = ddy.df.group_by("year").len().sort("year")
    assert ours.equals(ref.cast({"year": pl.Int32}))


def test_nondirected_is_the_lower_half(ps_inputs, ddy):  # type: ignore[no-untyped-def]
    nd = create_dyadyears("cow", directed=False, years=(1816, 2016), through=THROUGH,
                          inputs=ps_inputs)
    assert nd.df.equals(ddy.df.filter(pl.col("ccode2") > pl.col("ccode1")))


def test_extension_to_last_complete_year(ps_inputs):  # type: ignore[no-untyped-def]
    sy = create_stateyears("cow", through=2030, inputs=ps_inputs).df
    assert sy["year"].max() == 2030
    assert sy.filter(pl.col("year") == 2030).height == sy.filter(pl.col("year") == 2016).height
    default = create_stateyears("cow", inputs=ps_inputs).df
    assert default["year"].max() == dt.date.today().year - 1


def test_atop_matches_peacesciencer_join(ddy, ps_inputs, ps):  # type: ignore[no-untyped-def]
    ours = add_alliances(ddy, inputs=ps_inputs).df
    atop = ps("atop_alliance").cast({k: pl.Int32 for k in K})
    ref = ddy.df.join(atop, on=K, how="left", maintain_order="left")
    cols = ["atop_defense", "atop_offense", "atop_neutral", "atop_nonagg", "atop_consul"]
    ref = ref.with_columns(
        pl.when(pl.col(c).is_null() & pl.col("year").is_between(1815, 2018)).then(0.0)
        .otherwise(pl.col(c)).alias(c) for c in cols
    )
    for c in cols:
        assert ours[c].cast(pl.Float64).equals(ref[c]), c
    assert int(ours["atop_defense"].sum()) > 0


def test_atop_unknown_after_2018(ps_inputs):  # type: ignore[no-untyped-def]
    f = create_dyadyears("cow", years=(2017, 2020), through=THROUGH, inputs=ps_inputs)
    df = add_alliances(f, inputs=ps_inputs).df
    assert df.filter(pl.col("year") <= 2018)["atop_defense"].null_count() == 0
    assert df.filter(pl.col("year") > 2018)["atop_defense"].null_count() == \
        df.filter(pl.col("year") > 2018).height


def test_nmc_matches_peacesciencer_join(ddy, ps_inputs, ps):  # type: ignore[no-untyped-def]
    ours = add_capabilities(ddy, inputs=ps_inputs).df
    nmc = ps("cow_nmc").cast({"ccode": pl.Int32, "year": pl.Int32})
    ref = ddy.df
    for side in ("1", "2"):
        ren = {c: c + side for c in nmc.columns if c not in ("ccode", "year")}
        ref = ref.join(nmc.rename(ren).rename({"ccode": f"ccode{side}"}),
                       on=[f"ccode{side}", "year"], how="left", maintain_order="left")
    for c in ref.columns[3:]:
        assert ours[c].equals(ref[c]), c


def _contiguity_reference(contdir: pl.DataFrame) -> pl.DataFrame:
    """peacesciencer's rule, literally: months expanded, first month, first-listed spell."""
    rows = []
    for i, r in enumerate(contdir.iter_rows(named=True)):
        d = r["stdate"]
        while d <= r["enddate"]:
            rows.append((int(r["ccode1"]), int(r["ccode2"]), d, int(r["conttype"]), i))
            d = dt.date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    m = pl.DataFrame(rows, schema=["ccode1", "ccode2", "date", "conttype", "order"],
                     orient="row")
    return (m.sort("ccode1", "ccode2", "date", "order")
            .with_columns(year=pl.col("date").dt.year())
            .group_by("ccode1", "ccode2", "year", maintain_order=True).first()
            .select(pl.col("ccode1").cast(pl.Int32), pl.col("ccode2").cast(pl.Int32),
                    pl.col("year").cast(pl.Int32), pl.col("conttype").cast(pl.Float64)))


def test_contiguity_matches_month_rule(ddy, ps_inputs, ps):  # type: ignore[no-untyped-def]
    ours = add_contiguity(ddy, inputs=ps_inputs).df
    ref = ddy.df.join(_contiguity_reference(ps("cow_contdir")), on=K, how="left",
                      maintain_order="left").with_columns(
        pl.when(pl.col("conttype").is_null() & pl.col("year").is_between(1816, 2016))
        .then(0.0).otherwise(pl.col("conttype")).alias("conttype"))
    assert ours["conttype"].cast(pl.Float64).equals(ref["conttype"])
    # the rule matters: a year where a type-0 spell overlaps another
    assert (ours["conttype"] == 1).sum() > 0


def _vincenty(lat1, lng1, lat2, lng2):  # type: ignore[no-untyped-def]
    r = np.pi / 180
    lat1, lng1, lat2, lng2 = lat1 * r, lng1 * r, lat2 * r, lng2 * r
    x = np.sqrt((np.cos(lat2) * np.sin(lng1 - lng2)) ** 2 + (
        np.cos(lat1) * np.sin(lat2) - np.sin(lat1) * np.cos(lat2) * np.cos(lng1 - lng2)) ** 2)
    y = np.sin(lat1) * np.sin(lat2) + np.cos(lat1) * np.cos(lat2) * np.cos(lng1 - lng2)
    return 6378137 * np.arctan2(x, y) / 1000


def test_capital_distance_matches_day_rule(ps_inputs, ps):  # type: ignore[no-untyped-def]
    f = create_dyadyears("cow", years=(1820, 1990), through=THROUGH, inputs=ps_inputs)
    ours = add_capital_distance(f, inputs=ps_inputs).df
    caps = ps("cow_capitals")
    jan1 = []  # the capital on Jan 1 (every state's first spell starts on a Jan 1)
    for r in caps.iter_rows(named=True):
        for y in range(r["stdate"].year, r["enddate"].year + 1):
            if r["stdate"] <= dt.date(y, 1, 1) <= r["enddate"]:
                jan1.append((int(r["ccode"]), y, r["lat"], r["lng"]))
    cy = pl.DataFrame(jan1, schema=["ccode", "year", "lat", "lng"], orient="row",
                      ).cast({"ccode": pl.Int32, "year": pl.Int32})
    ref = f.df
    for s in ("1", "2"):
        ref = ref.join(cy.rename({"ccode": f"ccode{s}", "lat": f"lat{s}", "lng": f"lng{s}"}),
                       on=[f"ccode{s}", "year"], how="left", maintain_order="left")
    d = _vincenty(*(ref[c].to_numpy() for c in ("lat1", "lng1", "lat2", "lng2")))
    got = ours["capdist"].to_numpy()
    assert np.array_equal(np.isnan(d), np.isnan(got))
    np.testing.assert_allclose(got, d, rtol=1e-12)
    # Washington-Ottawa, a known value
    us_can = ours.filter((pl.col("ccode1") == 2) & (pl.col("ccode2") == 20)
                         & (pl.col("year") == 1950))["capdist"].item()
    assert 730 < us_can < 740


def test_stateyears_shape(ps_inputs):  # type: ignore[no-untyped-def]
    sy = create_stateyears("cow", years=(1816, 2016), through=THROUGH, inputs=ps_inputs)
    assert sy.columns == ["ccode", "cw_name", "year"]
    assert sy.df.filter(pl.col("year") == 2016).height == 195
    gw = create_stateyears("gw", years=(1816, 2016), through=THROUGH, inputs=ps_inputs)
    assert gw.columns == ["gwcode", "gw_name", "microstate", "year"]
