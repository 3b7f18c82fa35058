"""The Python API: foedus.open() gives a Foedus whose questions return typed answers."""

from __future__ import annotations

import inspect
import typing
from pathlib import Path

import foedus
from foedus.api import Foedus
from foedus.query.answers import DefendersAnswer
from foedus.session import Session

QUESTIONS = ("commitments", "defenders", "status", "instruments", "instrument", "forums",
             "scenario", "guarantors", "gaps", "diff", "network", "system", "datasets_status",
             "dataset")


def test_every_question_returns_a_named_answer_type() -> None:
    for name in QUESTIONS:
        hints = typing.get_type_hints(getattr(Foedus, name))
        returned = hints["return"]
        assert returned is not typing.Any, name
        assert inspect.isclass(returned), (name, returned)
        assert hasattr(returned, "to_json") or name in ("scenario", "dataset"), name


def test_the_session_is_the_context_and_asks_nothing() -> None:
    for name in QUESTIONS:
        assert not hasattr(Session, name), name


def test_open_gives_a_foedus_that_answers(tmp_path: Path) -> None:
    with foedus.open(tmp_path / "foedus.duckdb") as fx:
        assert isinstance(fx, Foedus) and isinstance(fx, Session)
        ans = fx.defenders("EST", "RUS", "2025-01-01")
        assert isinstance(ans, DefendersAnswer)
        assert "USA" in {s.abb for s in ans.bound_states()}  # NATO's Article 5
