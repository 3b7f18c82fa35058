"""ATOP's alliances as instruments, on the real ATOP 5.1 release (imported once per run)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from click.testing import CliRunner

from foedus.cli import main
from foedus.errors import NotFoundError

SUMMARY = {"id", "name", "short", "type", "legal_force", "forum", "signed", "in_force",
           "terminated", "coded_by", "presumed"}
FULL = SUMMARY | {"members", "obligations", "suspensions", "sources", "atop_ids", "notes",
                  "precision", "atop_readings", "phases", "atop", "name_source"}


@pytest.fixture()
def fxa(fx_atop: Any) -> Any:
    return fx_atop


def cli(fxa: Any, *args: str) -> str:
    res = CliRunner().invoke(main, list(args), env={"FOEDUS_STORE": fxa.store.path})
    assert res.exit_code == 0, res.output
    return res.output


def test_polish_yugoslav_treaty_listed_by_name_on_1947_01_01(fxa: Any) -> None:
    out = json.loads(cli(fxa, "instruments", "--on", "1947-01-01", "--state", "POL", "--json"))
    by_id = {i["id"]: i for i in out["instruments"]}
    pol_yug = by_id["atop-3035"]
    assert pol_yug["name"].startswith("Treaty of Friendship and Mutual Assistance between "
                                      "Poland and Yugoslavia")
    assert pol_yug["coded_by"] == "ATOP" and pol_yug["signed"] == "1946-03-18"
    assert "atop-3025" in by_id  # the Soviet-Polish treaty of 21 April 1945
    assert all(set(i) == SUMMARY for i in out["instruments"])
    # and by name in the rows a user reads (CSV: one line per instrument, nothing wrapped)
    lines = cli(fxa, "instruments", "--on", "1947-01-01", "--state", "POL", "--csv").splitlines()
    assert any(line.startswith("atop-3035,\"Treaty of Friendship and Mutual Assistance between "
                               "Poland and Yugoslavia, Warsaw, 18 March 1946\"")
               for line in lines), lines


def test_atop_3035_opens_with_members_and_obligations(fxa: Any) -> None:
    data = json.loads(cli(fxa, "instrument", "atop-3035", "--json"))
    assert set(data) == FULL
    assert data["coded_by"] == "ATOP" and data["atop"]["atopid"] == 3035
    assert data["atop"]["codesheet"].startswith("http://www.atopdata.org")
    assert [(m["state"]["abb"], m["from"], m["to"]) for m in data["members"]] == [
        ("POL", "1946-03-18", "1949-09-30"), ("YUG", "1946-03-18", "1949-09-30")]
    kinds = {o["kind"]: o for o in data["obligations"]}
    assert set(kinds) == {"defense", "nonaggression", "consultation"}
    # ATOP conditions the defence pledge on one named adversary: Germany
    assert [a["abb"] for a in kinds["defense"]["conditions"]["adversaries"]] == ["GMY"]
    assert kinds["defense"]["among"] == "parties"
    assert data["terminated"] == "1949-09-30" and data["atop_readings"] == []
    assert data["name_source"]["name_kind"] == "title"
    assert any("wikisource" in s["url"] for s in data["sources"])
    text = cli(fxa, "instrument", "atop-3035")
    assert "coded by ATOP" in text and "Poland and Yugoslavia" in text


def test_curated_alliance_opens_the_curated_file_with_atops_reading_linked(fxa: Any) -> None:
    data = fxa.instrument("atop-3180").to_json()
    assert data["id"] == "nato" and data["coded_by"] == "registry"
    assert [r["id"] for r in data["atop_readings"]] == ["atop-3180"]
    atop = fxa.instrument("atop-3180", "atop").to_json()
    assert atop["id"] == "atop-3180" and atop["coded_by"] == "ATOP"
    assert atop["atop"]["covered_by"] == ["nato"]
    assert [p["phase"] for p in atop["phases"]] == [1, 2]
    assert len(atop["members"]) == 30  # ATOP's 30 members by 2018 (one spell each)
    # NATO is listed once, as the curated file, never again as atop-3180
    ids = [i["id"] for i in fxa.instruments(state="USA", on="1960-01-01").to_json()[
        "instruments"]]
    assert "nato" in ids and "atop-3180" not in ids
    assert fxa.instrument("nato", "atop").to_json()["id"] == "atop-3180"


def test_search_finds_atop_alliances_by_title_and_number(fxa: Any) -> None:
    hits = fxa.instruments(search="Saadabad").to_json()["instruments"]
    assert [h["id"] for h in hits] == ["atop-2410"]
    assert [h["id"] for h in fxa.instruments(search="atop-3424").to_json()["instruments"]] == [
        "atop-3424"]


def test_after_2018_atop_alliances_are_presumed_not_in_force(fxa: Any) -> None:
    rows = fxa.instruments(state="EST", on="2025-01-01").to_json()["instruments"]
    atop = [r for r in rows if r["coded_by"] == "ATOP"]
    assert "atop-4410" in {r["id"] for r in atop}  # France-Estonia 1993, in effect in 2018
    assert all(r["presumed"] for r in atop)
    assert not any(r["presumed"] for r in rows if r["coded_by"] == "registry")


def test_commitments_carry_the_alliance_name(fxa: Any) -> None:
    rows = fxa.commitments("POL", "1947-01-01").to_json()["commitments"]
    names = {e["instrument"]["id"]: e["instrument"]["name"] for e in rows}
    assert names["atop-3035"].startswith("Treaty of Friendship and Mutual Assistance")


def test_unknown_atop_alliance_is_a_clear_error(fxa: Any, fx: Any) -> None:
    with pytest.raises(NotFoundError, match="no alliance 9999"):
        fxa.instrument("atop-9999")
    with pytest.raises(NotFoundError, match="ATOP is not imported"):
        fx.instrument("atop-3035")
    # without ATOP, the registry's list is the registry's alone
    assert not any(i["coded_by"] == "ATOP" for i in fx.instruments().to_json()["instruments"])
