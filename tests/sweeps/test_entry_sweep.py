"""The entry model over every pair of a day equals entry_frame pair by pair (real data)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl
import pytest

IMPORTS = (("isard", "isard"), ("cow-states", "cow-states-2016"), ("atop", "atop-5.1"),
           ("peacesciencer", "peacesciencer"), ("ideal-points", "un-ideal-points-2025"),
           ("war", "cow-war-4.0"), ("mid", "cow-mid-5.0"), ("rivalries", "rivalries"),
           ("contiguity", "cow-contiguity-3.2"), ("nmc", "cow-nmc-6.0"),
           ("capitals", "capitals"))


@pytest.fixture(scope="module")
def session(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from foedus.api import Foedus
    from foedus.ingest import import_dataset

    s = Foedus(tmp_path_factory.mktemp("entry-sweep") / "foedus.duckdb")
    with s.writer() as store:
        for name, folder in IMPORTS:
            import_dataset(store, name, shared_data / folder)
    yield s
    s.close()


@pytest.mark.parametrize(("day", "pairs"), [
    (dt.date(1990, 8, 2), [(645, 690), (2, 700)]),        # Iraq-Kuwait: intra-League
    (dt.date(2025, 3, 1), [(365, 366), (710, 713)]),
    (dt.date(1939, 9, 1), [(255, 290)])])
def test_dense_features_equal_entry_frame(session: Any, day: dt.date,
                                          pairs: list[tuple[int, int]]) -> None:
    from foedus.scenario.entry import ENTER_FEATURES, SIDE_FEATURES, entry_frame
    from foedus.sweeps.entry import entry_day

    inputs = session.optional_inputs
    d = entry_day(session.graph(day), inputs)
    idx = {int(c): i for i, c in enumerate(d.states)}
    for a, t in pairs:
        tg, xe, xs = d.features(idx[a])
        row = tg.tolist().index(idx[t])
        f = entry_frame(session.graph(day), inputs, attackers=[a], targets=[t])
        want = f.select(*ENTER_FEATURES, *SIDE_FEATURES).to_numpy()
        got = np.stack([np.r_[xe[row, idx[c]], xs[row, idx[c]]] for c in f["ccode"].to_list()])
        assert np.allclose(got, want, atol=1e-9), (day, a, t)


def test_expected_defenders_joins_onto_dyad_years(session: Any) -> None:
    from foedus.datasets import create_dyadyears
    from foedus.sweeps import add_expected_defenders
    from foedus.sweeps.entry import yearly_expected_defenders

    ed = yearly_expected_defenders(session, [dt.date(1990, 6, 30)])
    n = len(session.states.members_on(dt.date(1990, 6, 30)))
    assert ed.height == n * (n - 1)
    assert ed["expected_defender"].is_between(0, 1).all()
    kuw = ed.filter(pl.col("target") == 690)
    top = kuw.sort("expected_defender", descending=True)["state"].head(10).to_list()
    assert 670 in top  # Saudi Arabia among Kuwait's likeliest defenders
    frame = create_dyadyears("cow", True, [1990], inputs=session.optional_inputs)
    out = add_expected_defenders(frame, ed).df
    row = out.filter((pl.col("ccode1") == 690) & (pl.col("ccode2") == 670))
    assert row["expected_defender"][0] == pytest.approx(
        kuw.filter(pl.col("state") == 670)["expected_defender"][0])
