"""The JSON contract (README): every answer has exactly the keys documented, no more, no less."""

from __future__ import annotations

import json
from typing import Any

import pytest
from click.testing import CliRunner

from foedus.cli import main

STATE = {"ccode", "abb", "name"}
ENTRY = {"from", "to", "kind", "strength", "legal_force", "instrument", "conditions",
         "valid_from", "valid_to", "valid_from_precision", "valid_to_precision", "sources",
         "article", "source", "presumed", "aim", "dormant", "via", "pre_system"}
CONDITIONS = {"adversaries", "territory", "non_provocation", "war", "other", "object",
              "object_scope"}
STATUS = {"status", "instrument", "legal_force", "valid_from", "valid_to",
          "valid_from_precision", "valid_to_precision", "guarantors", "recognised_by",
          "article", "quote", "note", "dormant", "pre_system", "sources"}
SUMMARY = {"id", "name", "short", "type", "legal_force", "forum", "signed", "in_force",
           "terminated", "coded_by", "presumed"}


@pytest.fixture(scope="module")
def ask(tmp_path_factory: pytest.TempPathFactory) -> Any:
    store = tmp_path_factory.mktemp("contract") / "foedus.duckdb"
    runner = CliRunner()

    def run(*args: str) -> dict[str, Any]:
        res = runner.invoke(main, [*args, "--json"], env={"FOEDUS_STORE": str(store)})
        assert res.exit_code == 0, res.output
        data: dict[str, Any] = json.loads(res.output)
        return data

    return run


def test_commitments(ask: Any) -> None:
    data = ask("commitments", "POL", "--on", "2025-01-01", "--with", "USA")
    assert set(data) == {"state", "on", "direction", "with", "commitments", "presumed",
                         "datasets", "unknown"}
    assert set(data["state"]) == STATE and set(data["with"]) == STATE
    assert data["commitments"] and all(set(e) == ENTRY for e in data["commitments"])
    assert all(set(e["conditions"]) == CONDITIONS for e in data["commitments"])
    assert set(data["commitments"][0]["instrument"]) == {"id", "name"}


def test_defenders(ask: Any) -> None:
    data = ask("defenders", "UKR", "--against", "RUS", "--on", "2022-02-24")
    assert set(data) == {"target", "attacker", "on", "bound", "consult", "neutral",
                         "assurances", "conflicted", "violated", "aid", "presumed",
                         "restraint", "dormant", "target_status", "datasets", "unknown"}
    assert data["assurances"] and data["violated"] and data["target_status"]
    for cat in ("assurances", "violated", "restraint"):
        assert all(set(e) == ENTRY | {"state", "reason"} for e in data[cat])
    assert all(set(s) == STATUS | {"violated_by_attacker"} for s in data["target_status"])
    conflicted = ask("defenders", "BEL", "--against", "GMY", "--on", "1914-08-04")["conflicted"]
    assert conflicted and all(set(e) == ENTRY | {"state", "reason", "side"}
                              for e in conflicted)


def test_status(ask: Any) -> None:
    data = ask("status", "AUS", "--on", "1960-01-01")
    assert set(data) == {"state", "on", "statuses"}
    assert [s["status"] for s in data["statuses"]] == ["permanent_neutrality"]
    assert all(set(s) == STATUS for s in data["statuses"])


def test_instruments_instrument_forums_diff(ask: Any) -> None:
    data = ask("instruments", "--state", "UKR")
    assert set(data) == {"instruments"} and all(set(i) == SUMMARY for i in data["instruments"])
    one = ask("instrument", "nato")
    assert set(one) == SUMMARY | {"members", "obligations", "suspensions", "sources",
                                  "atop_ids", "notes", "precision", "atop_readings",
                                  "phases", "atop", "name_source"}
    assert one["coded_by"] == "registry" and one["atop"] is None
    assert [r["id"] for r in one["atop_readings"]] == ["atop-3180"]
    assert all(set(m) == {"state", "role", "from", "to", "from_precision", "to_precision",
                          "note"} for m in one["members"])
    forums = ask("forums", "USA", "RUS", "--on", "2010-01-01")
    assert set(forums) == {"a", "b", "on", "forums"}
    assert all(set(f) == SUMMARY for f in forums["forums"])
    diff = ask("diff", "--from", "2023-01-01", "--to", "2024-12-31", "--state", "SWD")
    assert set(diff) == {"from", "to", "state", "appeared", "ended", "datasets"}
    assert diff["appeared"] and all(set(e) == ENTRY for e in diff["appeared"])
