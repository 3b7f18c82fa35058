"""The credibility model: published base rates, and capability projected over distance."""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pytest

from foedus.scenario import CredibilityModel, FeatureBuilder

USA, LUX, EST, RUS = 2, 212, 366, 365


def test_base_rates_reproduce_the_literature_when_other_factors_are_neutral() -> None:
    m = CredibilityModel()
    # Berkemeier & Fuhrmann 2018: defense pacts 61.0% before 1945, 14.0% after
    r = m.predict(["defense", "defense"], [1914, 1990], legal_force="treaty",
                  strength="discretionary")
    assert r.p == pytest.approx([0.610, 0.140], abs=1e-4)
    # kind only: defense 41.2, offense 73.8, neutrality 77.8, non-aggression 36.7
    r = m.predict(["defense", "offense", "neutrality", "nonaggression"])
    assert r.p == pytest.approx([0.412, 0.738, 0.778, 0.367], abs=1e-4)
    # era only (no kind): 66.3% before 1945, 22.2% after; nothing known: 50%
    assert m.base_rate(None, 1900) == pytest.approx(0.663)
    assert m.base_rate(None, 1980) == pytest.approx(0.222)
    assert m.base_rate(None, None) == pytest.approx(0.5)
    # every unknown factor is named, and contributes nothing
    assert set(r.unavailable) >= {"capability", "power_change", "alignment", "legal_force"}
    assert r.explain(0)["capability"] == 0.0


def test_weaker_obligations_lower_the_probability() -> None:
    m = CredibilityModel()
    r = m.predict("defense", 2000, legal_force=["treaty", "executive_agreement", "political"],
                  strength=["automatic", "discretionary", "consultative"])
    assert r.p[0] > r.p[1] > r.p[2]
    # overriding a prior is honoured
    flat = CredibilityModel(priors={"legal_force": {"political": 0.0}})
    assert flat.predict("defense", 2000, legal_force="political").p[0] == pytest.approx(0.14)
    with pytest.raises(ValueError, match="unknown legal_force"):
        m.predict("defense", 2000, legal_force="handshake")


def test_change_of_power_lowers_honour() -> None:
    # Leeds 2003: violations grow with change in power since signing
    m = CredibilityModel()
    r = m.predict("defense", 1900, power_change=[0, 1])
    assert r.p[1] < r.p[0]
    assert r.explain(1)["power_change"] < 0


def test_distant_weak_promisor_less_credible_than_strong_one(ps_inputs: Any) -> None:
    # a pledge to Estonia in 2025: Luxembourg (weak) vs the United States (strong, far)
    # vs Russia (strong, contiguous)
    fb = FeatureBuilder(ps_inputs)
    f = fb.pairs([(USA, EST), (LUX, EST), (RUS, EST)], dt.date(2025, 3, 1))
    r = CredibilityModel().predict("defense", 2025, legal_force="treaty",
                                   strength="discretionary",
                                   projected_capability=f.projected_cinc_a)
    assert r.p[0] > r.p[1]
    assert r.p[2] > r.p[1]
    assert r.explain(1)["capability"] < 0 < r.explain(0)["capability"]
    # the explanation names every factor and sums to the probability
    e = r.explain(0)
    z = sum(v for k, v in e.items() if k != "p")
    assert 1 / (1 + np.exp(-z)) == pytest.approx(e["p"], abs=1e-3)


def test_for_pairs_reads_features_and_reports_coverage(ps_inputs: Any) -> None:
    fb = FeatureBuilder(ps_inputs)
    r = CredibilityModel().for_pairs(fb, [USA, LUX], [EST, EST], dt.date(2025, 3, 1),
                                     "defense", legal_force="treaty", strength="discretionary")
    assert r.p[0] > r.p[1]
    assert "capability" not in r.unavailable and "alignment" not in r.unavailable
    assert any(n.startswith("capabilities") and "2022" in n for n in r.notes)


def test_fresh_install_falls_back_to_the_priors() -> None:
    from foedus.datasets import Inputs

    fb = FeatureBuilder(Inputs.from_tables({}))
    r = CredibilityModel().for_pairs(fb, [USA], [EST], dt.date(2025, 3, 1), "defense",
                                     legal_force="political", strength="discretionary")
    # post-1945 defense base rate (14%) shifted only by the political-assurance prior
    assert r.p[0] == pytest.approx(1 / (1 + np.exp(-(np.log(0.14 / 0.86) - 1.2))), abs=1e-4)
    assert {"capability", "alignment", "ideal_distance"} <= set(r.unavailable)
    assert any("not imported" in n for n in r.notes)
