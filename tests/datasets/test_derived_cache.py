"""Lookups built from a store are kept on disk, so a new process starts warm — and a cache
never changes an answer."""

from __future__ import annotations

from pathlib import Path

import pytest


def test_a_new_session_reads_the_same_lookups_from_disk(
    tmp_path: Path, shared_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from foedus.datasets import Inputs, add_capabilities, create_dyadyears
    from foedus.ingest import import_dataset
    from foedus.store import Store

    monkeypatch.setenv("FOEDUS_HOME", str(tmp_path))
    db = tmp_path / "foedus.duckdb"
    with Store(db) as store:
        import_dataset(store, "isard", shared_data / "isard")
        import_dataset(store, "peacesciencer", shared_data / "peacesciencer")
    with Store(db) as store:
        first = add_capabilities(create_dyadyears(years=(1990, 1995), inputs=Inputs(store)),
                                 inputs=Inputs(store))
    cached = list((tmp_path / "cache" / "derived").glob("*.pkl"))
    assert cached
    with Store(db) as store:
        again = add_capabilities(create_dyadyears(years=(1990, 1995), inputs=Inputs(store)),
                                 inputs=Inputs(store))
    assert again.df.equals(first.df)
    for f in cached:  # a damaged cache file is rebuilt, never trusted
        f.write_bytes(b"not a pickle")
    with Store(db) as store:
        rebuilt = add_capabilities(create_dyadyears(years=(1990, 1995), inputs=Inputs(store)),
                                   inputs=Inputs(store))
    assert rebuilt.df.equals(first.df)
