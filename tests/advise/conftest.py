"""A session with the datasets the guarantor model reads, imported into a temporary store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def fx_advise(tmp_path_factory: pytest.TempPathFactory, shared_data: Path) -> Iterator[object]:
    from foedus.api import Foedus
    from foedus.ingest import import_dataset

    session = Foedus(tmp_path_factory.mktemp("advisestore") / "foedus.duckdb")
    with session.writer() as store:
        for name, folder in (("isard", "isard"), ("peacesciencer", "peacesciencer"),
                             ("atop", "atop-5.1"), ("ideal-points", "un-ideal-points-2025"),
                             ("mid", "cow-mid-5.0"), ("ucdp-acd", "peacesciencer")):
            import_dataset(store, name, shared_data / folder)
    yield session
    session.close()
