"""Inputs for the output and provenance tests: the session's shared ``ps_inputs``."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture(scope="session")
def inputs(ps_inputs: Any) -> Any:
    """Real tables from ../shared/data, read once per session (tests/conftest.py)."""
    return ps_inputs
