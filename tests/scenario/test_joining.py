"""The joining model: fitted figures are reproducible and beat the base rate out of sample."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from foedus.scenario import FeatureBuilder, JoiningModel

REPO = Path(__file__).resolve().parents[2]
PARAMS = json.loads((REPO / "src/foedus/scenario/model_params.json").read_text())


def _script() -> Any:
    spec = importlib.util.spec_from_file_location("fit_credibility",
                                                  REPO / "scripts/fit_credibility.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_recorded_out_of_sample_figures_beat_the_base_rate() -> None:
    split = PARAMS["joining_fit"]["split"]
    assert split["model"]["auc"] > 0.5
    assert split["model"]["auc"] > split["pledges_only"]["auc"]
    assert PARAMS["joining_fit"]["leave_one_war_out"]["model"]["auc"] > 0.5
    # about 1 in 80-100 system members joins a given war
    assert 1 / 120 < PARAMS["joining_fit"]["join_rate_per_state_war"] < 1 / 60


@pytest.fixture(scope="module")
def fitted_store(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Any:
    from foedus.datasets import Inputs
    from foedus.store import Store

    home = tmp_path_factory.mktemp("fit-home")
    mod = _script()
    mod.import_data(shared_data, home)
    store = Store(home / "foedus.duckdb")
    yield mod, Inputs(store)
    store.close()


def test_script_reproduces_the_recorded_figures(fitted_store: Any) -> None:
    mod, inputs = fitted_store
    join = mod.fit_joining(inputs, leave_one_out=False)
    rec = PARAMS["joining_fit"]
    assert join["split"] == rec["split"]
    assert join["weights"] == rec["weights"]
    cred = mod.fit_credibility(inputs)
    assert cred["era_split"] == PARAMS["credibility_fit"]["era_split"]
    assert cred["leeds_anac"] == PARAMS["credibility_fit"]["leeds_anac"]


def test_neighbour_rival_more_likely_to_join_than_a_far_stranger(ps_inputs: Any) -> None:
    # Iraq invades Kuwait in 1990: Saudi Arabia (neighbour of both) vs Paraguay
    fb = FeatureBuilder(ps_inputs)
    res = JoiningModel().for_side(fb, np.array([670, 150]), np.array([690]), np.array([645]),
                                  1990)
    assert res.p[0] > res.p[1]
    assert res.explain(0)["contig_enemy"] > 0
    assert res.p.max() < 0.5


def test_weight_override() -> None:
    m = JoiningModel(weights={"major": 5.0})
    r = m.predict({"major": np.array([0.0, 1.0])})
    assert r.explain(1)["major"] == 5.0 and r.explain(0)["major"] == 0.0
    assert r.p[1] > 20 * r.p[0]
    with pytest.raises(ValueError):
        JoiningModel(weights={"charisma": 1.0})
