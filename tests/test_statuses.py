"""A state's own legal status: `foedus status`, `Foedus.status`, and `target_status` in
`defenders` — on real cases a user would check — and the loader's errors for bad `[[status]]`
tables (file, line, field)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from foedus.cli import main
from foedus.registry import check_registry

STATUS_KEYS = {"status", "instrument", "legal_force", "valid_from", "valid_to",
               "valid_from_precision", "valid_to_precision", "guarantors", "recognised_by",
               "article", "quote", "note", "dormant", "pre_system", "sources"}


def _kinds(ans: Any) -> dict[str, str]:
    return {s.instrument_id: s.status for s in ans.statuses}


def test_austria_is_permanently_neutral_in_1960_and_not_before_1955(fx: Any) -> None:
    ans = fx.status("AUS", "1960-01-01")
    assert _kinds(ans) == {"austria-neutrality-1955": "permanent_neutrality"}
    entry = ans.statuses[0]
    assert entry.valid_from.isoformat() == "1955-11-05"
    assert entry.legal_force == "unilateral" and entry.guarantors == ()
    assert fx.status("AUS", "1955-11-04").statuses == []


def test_ukraine_non_bloc_status_held_2012_and_ended_by_2016(fx: Any) -> None:
    in_2012 = _kinds(fx.status("UKR", "2012-01-01"))
    assert in_2012["ukraine-non-bloc-law-2010"] == "military_nonalignment"
    in_2016 = _kinds(fx.status("UKR", "2016-01-01"))
    assert "military_nonalignment" not in in_2016.values()
    # Its non-nuclear status (NPT accession, 1994-12-05) holds on both days.
    assert in_2016["npt-ukraine-accession-1994"] == "non_nuclear"
    assert fx.status("UKR", "2010-07-19").statuses[0].status == "non_nuclear"


def test_history_lists_every_status_including_the_1990_intention(fx: Any) -> None:
    ans = fx.status("UKR")
    assert ans.on is None
    kinds = _kinds(ans)
    assert kinds["ukraine-declaration-of-sovereignty-1990"] == "permanent_neutrality"
    intention = next(s for s in ans.statuses
                     if s.instrument_id == "ukraine-declaration-of-sovereignty-1990")
    # A declared intention never held: no validity, legal force proposal, outside the system.
    assert intention.legal_force == "proposal" and intention.valid_from is None
    assert intention.pre_system
    assert "ukraine-declaration-of-sovereignty-1990" not in _kinds(fx.status("UKR", "1995-01-01"))


def test_switzerland_guarantors_on_a_day_and_a_dormant_guarantee(fx: Any) -> None:
    ans = fx.status("SWZ", "1900-01-01")
    entry = ans.statuses[0]
    assert entry.status == "permanent_neutrality"
    assert {s.abb for s in entry.guarantors} == {"AUH", "FRN", "UKG", "POR", "GMY", "RUS"}
    today = fx.status("SWZ", "2025-01-01").statuses[0]
    assert {s.abb for s in today.guarantors} == {"FRN", "UKG", "POR", "RUS"}
    # The 1815 guarantee is still in force but formal only: the answer says so.
    # docs/rules.md §4.7: listed under `dormant`, never as bound
    ans25 = fx.defenders("SWZ", "GMY", "2025-01-01")
    assert not [e for e in ans25.bound if e.instrument_id == "swiss-neutrality-1815"]
    swiss = [e for e in ans25.dormant if e.instrument_id == "swiss-neutrality-1815"]
    assert swiss and all(e.dormant for e in swiss)
    assert all(e.to_json()["dormant"] is True for e in swiss)
    before = fx.defenders("SWZ", "FRN", "1900-01-01").bound
    assert not any(e.dormant for e in before if e.instrument_id == "swiss-neutrality-1815")


def test_status_json_has_exactly_the_documented_keys(fx: Any) -> None:
    data = fx.status("BEL", "1900-01-01").to_json()
    assert set(data) == {"state", "on", "statuses"}
    assert data["state"] == {"ccode": 211, "abb": "BEL", "name": "Belgium"}
    assert data["on"] == "1900-01-01"
    (entry,) = data["statuses"]
    assert set(entry) == STATUS_KEYS
    assert entry["instrument"]["id"] == "treaty-of-london-1839"
    assert entry["instrument"]["name"].startswith("Treaty between Great Britain, Austria")
    assert entry["valid_to"] == "1920-01-10"
    assert {g["abb"] for g in entry["guarantors"]} == {"UKG", "AUH", "FRN", "GMY", "RUS"}
    assert fx.status("BEL", "1925-01-01").to_json()["statuses"] == []


def test_cli_status(tmp_path: Path) -> None:
    runner = CliRunner()
    env = {"FOEDUS_HOME": str(tmp_path)}
    res = runner.invoke(main, ["status", "AUS", "--on", "1960-01-01", "--json"], env=env)
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert [s["status"] for s in data["statuses"]] == ["permanent_neutrality"]
    csv = runner.invoke(main, ["status", "Turkmenistan", "--csv"], env=env)
    assert csv.exit_code == 0
    assert "permanent_neutrality,turkmenistan-neutrality-1995,political,1995-12-12" in csv.output
    bad = runner.invoke(main, ["status", "AUS", "--on", "1960-13-01"], env=env)
    assert bad.exit_code == 1


def test_defenders_lists_the_target_status_and_who_violates_it(fx: Any) -> None:
    ans = fx.defenders("BEL", "GMY", "1914-08-04")
    (entry,) = ans.target_status
    assert entry.status == "permanent_neutrality"
    data = ans.to_json()
    assert set(data["target_status"][0]) == STATUS_KEYS | {"violated_by_attacker"}
    # Germany (Prussia's successor) guaranteed Belgium's neutrality, then invaded.
    assert data["target_status"][0]["violated_by_attacker"] is True
    # Russia attacking Austria in 1960 attacks a neutral it never guaranteed (unilateral law).
    aus = fx.defenders("AUS", "RUS", "1960-01-01").to_json()["target_status"]
    assert [s["status"] for s in aus] == ["permanent_neutrality"]
    assert aus[0]["violated_by_attacker"] is False


def test_russia_acknowledged_ukraines_non_nuclear_status(fx: Any) -> None:
    statuses = fx.defenders("UKR", "RUS", "2022-02-24").to_json()["target_status"]
    by_instrument = {s["instrument"]["id"]: s for s in statuses}
    assert by_instrument["budapest-memorandum-1994"]["violated_by_attacker"] is True
    assert {s["abb"] for s in by_instrument["budapest-memorandum-1994"]["recognised_by"]} == {
        "USA", "UKG", "RUS"}


BAD = """\
id = "bad-status"
name = "A registry file with broken status tables"
short = "bad"
type = "neutrality"
legal_force = "unilateral"
in_force = "1990-01-01"

[[source]]
url = "https://example.org/law"

[[member]]
state = "AUS"

[[status]]
state = "AUS"
status = "neutralish"
article = "Art. 1"

[[status]]
state = "LUX"
status = "neutrality"
from = "1867-05-11"
guarantors = ["UKG"]

[[status]]
state = "AUS"
status = "non_nuclear"
article = "Art. 2"
dormant = "yes"
"""


def test_bad_status_tables_are_reported_with_file_line_and_field(tmp_path: Path) -> None:
    (tmp_path / "bad-status.toml").write_text(BAD, encoding="utf-8")
    reg = check_registry(tmp_path)
    found: dict[tuple[int | None, str | None], str] = {}
    for p in reg.problems:
        found[(p.line, p.field)] = found.get((p.line, p.field), "") + p.message + "\n"
    assert all(p.file.endswith("bad-status.toml") for p in reg.problems)
    assert "is not one of" in found[(16, "status[1].status")]
    assert "missing article" in found[(19, "status[2].article")]
    assert "not a member of this instrument" in found[(23, "status[2].guarantors")]
    assert "pre_system = true" in found[(22, "status[2].from")]
    assert "before the instrument is in force (1990-01-01)" in found[(22, "status[2].from")]
    assert "true or false" in found[(29, "status[3].dormant")]
    res = CliRunner().invoke(main, ["check", "--registry", str(tmp_path)])
    assert res.exit_code == 2 and "bad-status.toml:16" in res.output


def test_aland_demilitarisation_is_recognised_by_the_other_parties_on_the_day(fx: Any) -> None:
    entry = fx.status("FIN", "1930-01-01").statuses[0]
    assert entry.status == "demilitarisation" and entry.instrument_id == "aland-convention-1921"
    recognisers = {s.abb for s in entry.recognised_by}
    assert recognisers == {"UKG", "FRN", "POL", "ITA", "SWD", "DEN", "GMY", "EST", "LAT"}
    # Estonia and Latvia left the state system in 1940, Germany in 1945; Finland is the holder.
    later = {s.abb for s in fx.status("FIN", "2000-01-01").statuses[0].recognised_by}
    assert later == {"UKG", "FRN", "POL", "ITA", "SWD", "DEN"}
