"""``foedus reassurance``: restraint owed to a target, what lapsed, packages (issue 20).

On real data (NMC, capitals, contiguity, MID, rivalries imported): Russia on 2026-01-01.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from foedus.advise.reassurance import restraint_record

STATE_KEYS = {"ccode", "abb", "name"}


@pytest.fixture(scope="module")
def russia(fx_advise: Any) -> dict[str, Any]:
    return fx_advise.reassurance("RUS", "2026-01-01").to_json()


def test_contract_keys(russia: dict[str, Any]) -> None:
    assert set(russia) == {"target", "on", "threats", "held", "lapsed", "packages",
                           "datasets"}
    assert set(russia["target"]) == STATE_KEYS and russia["on"] == "2026-01-01"
    assert all(set(t) == {"state", "why"} and t["why"] for t in russia["threats"])
    assert all("status" in e for e in russia["held"])
    assert all({"status", "since"} <= set(e) for e in russia["lapsed"])
    for p in russia["packages"]:
        assert set(p) == {"from", "limits", "capability_change", "credibility", "costs",
                          "reasons"}
        assert p["from"] and p["limits"] and p["reasons"]
        assert 0.0 <= p["credibility"] <= 1.0
        assert all(set(c) == {"state", "why"} and c["why"] for c in p["costs"])
    assert "registry" in russia["datasets"]
    json.dumps(russia)


def test_threats_and_what_they_owe(russia: dict[str, Any]) -> None:
    threats = {t["state"]["abb"] for t in russia["threats"]}
    assert "USA" in threats
    held = {(e["instrument"]["id"], e["obligor"]["abb"]) for e in russia["held"]}
    assert ("new-start-2010", "USA") in held  # expires 2026-02-05, a month later
    lapsed = {(e["instrument"]["id"], e["obligor"]["abb"]): e for e in russia["lapsed"]}
    inf = lapsed[("inf-treaty-1987", "USA")]
    assert (inf["status"], inf["since"]) == ("withdrawn", "2019-08-02")
    assert lapsed[("cfe-treaty-1990", "USA")]["since"] == "2023-11-07"
    assert all(e["since"] >= "1990-01-01" for e in russia["lapsed"])


def test_zone_package_lowers_capability_and_costs_neighbours(russia: dict[str, Any]) -> None:
    zone = [p for p in russia["packages"] if p["reasons"][0].startswith("a binding limit")]
    assert zone, [p["reasons"][0] for p in russia["packages"]]
    p = zone[0]
    assert p["capability_change"] is not None and p["capability_change"] < 0
    assert "USA" in {s["abb"] for s in p["from"]}
    costs = {c["state"]["abb"]: c["why"] for c in p["costs"]}
    assert {"POL", "EST", "FIN"} <= set(costs)
    # a neighbour that is not itself a giver loses its protectors' forward basing (by the
    # gradient, in %); one that is a threat itself gives up foreign forces on its own soil
    for s in ("POL", "EST", "FIN"):
        assert ("%" in costs[s] and "USA" in costs[s]) or "its own territory" in costs[s]
    assert any("%" in why for why in costs.values())
    # Russia's own allies are never in the zone
    assert "BLR" not in costs
    assert any("loss-of-strength gradient" in r for r in p["reasons"])
    assert any("not a probability" in r for r in p["reasons"])


def test_inspection_and_weapon_bans_are_not_scored_by_cinc(russia: dict[str, Any]) -> None:
    by_title = {p["reasons"][0].split(":")[0]: p for p in russia["packages"]}
    sky = next(p for t, p in by_title.items() if t.startswith("revive Open Skies"))
    assert sky["capability_change"] == 0.0
    inf = next(p for t, p in by_title.items() if t.startswith("revive INF"))
    assert inf["capability_change"] is None
    assert any("not measured" in r for r in inf["reasons"])


def test_record_counts_first_breaks_only(fx_advise: Any) -> None:
    per, cls = restraint_record(fx_advise.registry, dt.date(2026, 1, 1))
    usa, rus = per[2], per[365]
    # the United States was first to break only the ABM Treaty (its later suspensions and
    # withdrawals answered Russian violations or withdrawals)
    assert [w.split(" ")[0:2] for w in usa[2]] == [["withdrawal", "ABM"]]
    assert any("CFE Treaty" in w for w in rus[2]) and any("INF" in w for w in rus[2])
    assert rus[0] < rus[1] and usa[0] < usa[1]
    kept, bound = cls["treaty"]
    assert 0 < kept < bound


def test_threat_given_by_user(fx_advise: Any) -> None:
    ans = fx_advise.reassurance("RUS", "2012-01-01", ["USA"]).to_json()
    assert [t["state"]["abb"] for t in ans["threats"]] == ["USA"]
    assert ans["threats"][0]["why"] == ["given by the user"]
    held = {e["instrument"]["id"] for e in ans["held"]}
    assert {"inf-treaty-1987", "new-start-2010", "cfe-treaty-1990"} <= held


def test_limits_proposed_for_ukraine_read_the_same_way(fx_advise: Any) -> None:
    ans = fx_advise.reassurance("RUS", "2026-01-01", ["UKR"]).to_json()
    by_title = {p["reasons"][0]: p for p in ans["packages"]}
    plan = next(p for t, p in by_title.items() if "28-point" in t and "Point 6" in t)
    frame = next(p for t, p in by_title.items() if "20-point" in t)
    istanbul = next(p for t, p in by_title.items() if "Russian position" in t)
    # a 600,000 ceiling binds on NMC's last year (Ukraine above it); 800,000 does not; the
    # Istanbul 85,000 cuts deepest
    assert plan["capability_change"] < 0
    assert frame["capability_change"] == 0
    assert istanbul["capability_change"] < plan["capability_change"]
    assert any("NMC" in r and "capped at 600" in r for r in plan["reasons"])
