"""Fixtures for the researcher datasets (the shared ``ps_inputs`` is in tests/conftest.py)."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest


@pytest.fixture(scope="session")
def ps(shared_data: Path):  # type: ignore[no-untyped-def]
    """Read a peacesciencer table by name."""
    def read(name: str) -> pl.DataFrame:
        return pl.read_parquet(shared_data / "peacesciencer" / f"{name}.parquet")
    return read
