"""Pair features from the researcher datasets, on real pairs and dates."""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

import numpy as np
import pytest

from foedus.datasets import Inputs
from foedus.scenario import FeatureBuilder
from foedus.scenario.features import loss_of_strength

USA, CAN, UK, FRA, GER, RUS, EST, LUX = 2, 20, 200, 220, 255, 365, 366, 212


def test_russia_estonia_2025(ps_inputs: Any) -> None:
    f = FeatureBuilder(ps_inputs).pairs([(RUS, EST), (EST, RUS), (USA, EST)],
                                         dt.date(2025, 6, 1))
    assert f.land_contiguous.tolist() == [1.0, 1.0, 0.0]
    # Moscow-Tallinn is about 870 km; Washington-Tallinn about 6,970 km
    assert 800 < f.capdist_km[0] < 950
    assert 6800 < f.capdist_km[2] < 7100
    assert f.major_a[0] == 1 and f.major_b[0] == 0
    # the United States owes Estonia a defense pledge (NATO, in ATOP); Russia does not
    assert f.pledge_ab.tolist() == [0.0, 0.0, 1.0]
    assert f.cinc_a[0] > 50 * f.cinc_b[0]
    # 2025 is past contiguity (2016), NMC (2022) and ATOP (2018): last year used, said so
    assert f.coverage["contiguity"] == 2016
    assert f.coverage["capabilities"] == 2022
    assert f.coverage["alliances"] == 2018
    assert any("contiguity" in n and "2016" in n for n in f.notes)
    # UN ideal points: the July 2025 release has no all-votes estimate for 2024 yet
    assert f.coverage["ideal"] == 2023
    assert f.ideal_distance[0] > 2  # Russia and Estonia vote far apart


def test_france_germany_1914_rivals_and_neighbours(ps_inputs: Any) -> None:
    f = FeatureBuilder(ps_inputs).pairs([(FRA, GER), (UK, FRA)], 1914)
    assert f.land_contiguous.tolist() == [1.0, 0.0]
    assert f.rival[0] == 1
    assert f.coverage["contiguity"] == 1914
    assert not [n for n in f.notes if "ideal" in n]  # no UN before 1946: not a gap


def test_loss_of_strength_matches_the_formula() -> None:
    # EUGene: cinc ** log10(miles / 500 + (10 - e)) after 1945; 0 miles if land-contiguous
    got = loss_of_strength(np.array([0.1, 0.1]), np.array([1000.0, 1000.0]),
                           np.array([0.0, 1.0]), 2000)
    assert got[0] == pytest.approx(0.1 ** np.log10(2 + 10 - 2.71828))
    assert got[1] == pytest.approx(0.1 ** np.log10(10 - 2.71828))
    assert got[1] > got[0]
    # before 1918 armies moved 250 miles a day: the same distance costs more
    assert loss_of_strength(np.array([0.1]), np.array([1000.0]), np.array([0.0]), 1900)[0] \
        < got[0]


def test_no_datasets_gives_nan_and_says_so() -> None:
    f = FeatureBuilder(Inputs.from_tables({})).pairs([(RUS, EST)], 2025)
    assert np.isnan(f.cinc_a[0]) and np.isnan(f.land_contiguous[0])
    assert f.coverage["capabilities"] is None
    assert any("not imported" in n for n in f.notes)


def test_200_by_200_warm_is_fast(ps_inputs: Any) -> None:
    fb = FeatureBuilder(ps_inputs)
    members = fb.members(2020)
    assert len(members) > 180
    pairs = np.array([(a, b) for a in members for b in members if a != b])
    fb.pairs(pairs[:10], 2020)  # build the year's layers
    t = time.perf_counter()
    f = fb.pairs(pairs, 2020)
    assert time.perf_counter() - t < 0.5
    assert f.a.size == pairs.shape[0]
