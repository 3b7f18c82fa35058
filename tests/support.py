"""Helpers shared by tests (importable: ``tests/conftest.py`` puts this folder on the path)."""

from __future__ import annotations

import datetime as dt
from typing import Any


def members_on(fx: Any, instrument_id: str, day: str) -> set[str]:
    """Abbreviations of the states that are members of ``instrument_id`` on ``day``, read from
    the instrument answer (its half-open membership spells)."""
    d = dt.date.fromisoformat(day)
    out = set()
    for m in fx.instrument(instrument_id)["members"]:
        start = dt.date.fromisoformat(m["from"])
        end = dt.date.fromisoformat(m["to"]) if m["to"] else None
        if start <= d and (end is None or d < end):
            out.add(m["state"]["abb"])
    return out
