"""Shared fixtures: the shared datasets folder, fresh stores, an open foedus session."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The real datasets (``$FOEDUS_SHARED_DATA`` or ``<repo>/../shared/data``)."""
    path = Path(os.environ.get("FOEDUS_SHARED_DATA", REPO.parent / "shared" / "data"))
    if not path.is_dir():
        pytest.skip(f"shared data not found at {path}")
    return path


@pytest.fixture()
def tmp_store(tmp_path: Path) -> Iterator[object]:
    """A fresh, empty store in a temporary folder."""
    from foedus.store import Store

    store = Store(tmp_path / "foedus.duckdb")
    yield store
    store.close()


@pytest.fixture(scope="session")
def fx(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    """One foedus session over the bundled registry, in a temporary store."""
    from foedus.api import Foedus

    session = Foedus(tmp_path_factory.mktemp("store") / "foedus.duckdb")
    yield session
    session.close()


@pytest.fixture(autouse=True, scope="session")
def _isolated_home(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Never touch the user's real data directory from tests."""
    os.environ.setdefault("FOEDUS_HOME", str(tmp_path_factory.mktemp("home")))
