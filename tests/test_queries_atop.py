"""Queries answered from ATOP where the registry is silent, with ATOP's conditions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from foedus.api import Foedus
from foedus.errors import NotFoundError, UsageError


@pytest.fixture()
def fxa(fx_atop: Any) -> Any:
    return fx_atop


def test_defense_pledge_conditioned_on_a_named_adversary(fxa: Any) -> None:
    # Mozambique-Zimbabwe 1981 (ATOP 3887): defense only against South Africa (560).
    ans = fxa.defenders("MZM", "SAF", "1985-01-01")
    zim = [e for e in ans.bound if e.obligor.abb == "ZIM" and e.origin == "atop"]
    assert zim and zim[0].atop_id == 3887
    assert zim[0].conditions["adversaries"] == [560]
    other = fxa.defenders("MZM", "MAW", "1985-01-01")
    assert not any(e.obligor.abb == "ZIM" and e.atop_id == 3887 for e in other.bound)


def test_atop_fills_the_nineteenth_century(fxa: Any) -> None:
    ans = fxa.commitments("ROM", "1900-06-01", direction="received", kind="defense",
                          source="atop")
    assert {c.obligor.abb for c in ans.commitments} >= {"GMY", "AUH"}
    assert {c.origin for c in ans.commitments} == {"atop"}
    assert ans.to_json()["datasets"] == ["atop"]
    both = fxa.commitments("ROM", "1900-06-01", direction="received")
    assert both.to_json()["datasets"] == ["registry", "atop"]


def test_after_2018_atop_is_unknown_not_in_force(fxa: Any) -> None:
    # Cuba-North Korea 1986 (ATOP 3975), recorded only by ATOP: bound while ATOP covers the
    # day; afterwards presumed in force (no termination recorded), never bound.
    on = fxa.defenders("CUB", "USA", "2018-06-01")
    assert any(e.obligor.abb == "PRK" and e.atop_id == 3975 for e in on.bound)
    assert on.unknown == [] and not on.presumed
    after = fxa.defenders("CUB", "USA", "2019-06-01")
    assert not any(e.atop_id == 3975 for e in after.bound)
    assert any(e.obligor.abb == "PRK" and e.atop_id == 3975 for e in after.presumed)
    assert after.unknown == ["atop"]
    assert after.to_json()["datasets"] == ["registry"]
    with pytest.raises(UsageError, match="ATOP covers 1815-2018"):
        fxa.commitments("EST", "2020-01-01", source="atop")


def test_registry_wins_where_both_record_an_instrument(fxa: Any) -> None:
    nato_ids = set(fxa.instrument("nato")["atop_ids"])
    assert nato_ids
    ans = fxa.commitments("USA", "1960-01-01", direction="given")
    assert not any(c.origin == "atop" and c.atop_id in nato_ids for c in ans.commitments)
    assert any(c.instrument_id == "nato" for c in ans.commitments)
    registry_only = fxa.commitments("ROM", "1900-06-01", source="registry")
    assert all(c.origin == "registry" for c in registry_only.commitments)


def test_source_atop_without_import_is_a_clear_error(fx: Any) -> None:
    with pytest.raises(NotFoundError, match="foedus data import atop"):
        fx.commitments("USA", "1960-01-01", source="atop")


def test_an_import_is_seen_by_a_session_already_open(tmp_path: Path, shared_data: Path) -> None:
    from foedus.ingest import import_dataset

    with Foedus(tmp_path / "foedus.duckdb") as fx:
        before = fx.commitments("ROM", "1900-06-01", direction="received")
        assert before.to_json()["datasets"] == ["registry"]
        with fx.writer() as store:
            import_dataset(store, "atop", shared_data / "atop-5.1")
        assert fx.store.read_only  # reopened for reading after the import
        after = fx.commitments("ROM", "1900-06-01", direction="received")
        assert any(c.origin == "atop" for c in after.commitments)


def test_source_atop_is_atop_alone(fxa: Any) -> None:
    # ATOP's NATO (3180) must be in ATOP's own answer, though the registry records NATO.
    ans = fxa.commitments("USA", "2016-06-01", direction="given", kind="defense",
                          source="atop")
    partners = {c.beneficiary.abb for c in ans.commitments if c.atop_id == 3180}
    assert {"UKG", "FRN", "GMY", "POL", "TUR"} <= partners
    assert {c.origin for c in ans.commitments} == {"atop"}
    both = fxa.commitments("USA", "2016-06-01", direction="given", kind="defense")
    assert not any(c.atop_id == 3180 for c in both.commitments)  # registry wins in "all"
    assert any(c.instrument_id == "nato" for c in both.commitments)


def test_diff_with_atop_rows_whose_strength_is_unknown(fxa: Any) -> None:
    # ATOP does not say automatic or discretionary: strength is null, and the diff must still
    # order and compare such rows.
    ans = fxa.diff("1990-01-01", "2018-01-01", state="POL")
    appeared = {(e.obligor.abb, e.beneficiary.abb, e.instrument_id) for e in ans.appeared}
    assert ("USA", "POL", "nato") in appeared
    assert any(e.origin == "atop" and e.strength is None for e in ans.appeared + ans.ended)
    assert ans.to_json()["datasets"] == ["registry", "atop"]
