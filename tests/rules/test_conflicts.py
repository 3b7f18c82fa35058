"""The one conflict-of-obligations test (foedus.rules.conflicts), on the registry's 1939 records.

Facts checked (docs/rules.md §4): the Molotov-Ribbentrop pact (23 August 1939) bound the USSR
to nonaggression and neutrality toward Germany, naming no adversary; the Anglo-Polish
Agreement (25 August 1939) bound the United Kingdom to defend Poland against Germany only
(its secret protocol names Germany).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from foedus.graph import CommitmentGraph
from foedus.registry.loader import load_registry
from foedus.rules import engaged
from foedus.rules.conflicts import CLASHES, bears_on, clashes, firm

UKG, GMY, POL, RUS, FRN = 200, 255, 290, 365, 220


@pytest.fixture(scope="module")
def g1939() -> CommitmentGraph:
    return CommitmentGraph.from_registry(load_registry(), dt.date(1939, 9, 2))


def _record(g: CommitmentGraph, instrument: str, obligor: int, beneficiary: int,
            kind: str) -> dict[str, Any]:
    hits = [r for r in g.owed_by(obligor) if r["instrument_id"] == instrument
            and r["beneficiary"] == beneficiary and r["kind"] == kind]
    assert hits, (instrument, obligor, beneficiary, kind)
    return hits[0]


def test_a_promise_naming_no_adversary_clashes_with_defending_its_enemy(
        g1939: CommitmentGraph) -> None:
    neutral = _record(g1939, "molotov-ribbentrop-1939", RUS, GMY, "neutrality")
    assert firm(neutral) and bears_on(neutral, POL)
    # bound to defend Poland against Germany would break the USSR's neutrality toward
    # Germany (not to join a war against it, whoever started it); staying neutral toward
    # Poland would not: neutrality toward the victim clashes only with an offense promise
    assert clashes("bound", neutral, POL)
    assert not clashes("neutral", neutral, POL)
    assert "neutrality" in CLASHES["bound"] and "neutrality" not in CLASHES["neutral"]


def test_a_pledge_owed_to_the_aggressor_is_never_a_conflict(g1939: CommitmentGraph) -> None:
    # docs/rules.md §4.4: a nonaggression promise to Germany does not forbid collective
    # self-defence against Germany's aggression, and a defence pledge to it does not fire
    # when Germany attacks: neither clashes with defending its victim
    nonagg = _record(g1939, "molotov-ribbentrop-1939", RUS, GMY, "nonaggression")
    assert firm(nonagg) and bears_on(nonagg, POL)
    assert not clashes("bound", nonagg, POL) and not clashes("neutral", nonagg, POL)
    assert not {"defense", "guarantee", "nonaggression"} & (CLASHES["bound"]
                                                            | CLASHES["neutral"])


def test_a_promise_naming_other_adversaries_does_not_bear_on_the_war(
        g1939: CommitmentGraph) -> None:
    defense = _record(g1939, "anglo-polish-agreement-1939", UKG, POL, "defense")
    assert defense["adversaries"] == [GMY]
    # a war on France: the UK's promise to Poland names only Germany, so it does not bear on it
    assert not bears_on(defense, FRN) and not clashes("bound", defense, FRN)
    # a war on Germany itself is the war it names — but a defence pledge owed to the state
    # that attacks does not fire, so it clashes with nothing
    assert bears_on(defense, GMY) and not clashes("bound", defense, GMY)


def test_political_or_presumed_promises_never_clash(g1939: CommitmentGraph) -> None:
    nonagg = _record(g1939, "molotov-ribbentrop-1939", RUS, GMY, "nonaggression")
    assert not clashes("bound", {**nonagg, "legal_force": "political"}, POL)
    assert not clashes("bound", {**nonagg, "presumed": True}, POL)
    assert not clashes("consult", nonagg, POL)  # only bound and neutral duties can clash


def test_casus_lists_both_sides_of_every_clash_the_test_finds(g1939: CommitmentGraph) -> None:
    # every conflicted hit of the per-pair rules is a promise the one test says clashes (a
    # German attack on France in September 1939 meets one: the USSR, bound to defend France
    # by the 1935 treaty, owed Germany neutrality; a Soviet attack on Poland meets none, the
    # pledges owed to the aggressor not firing)
    checked = 0
    for target, attacker in ((POL, GMY), (GMY, POL), (POL, RUS), (RUS, POL), (FRN, GMY)):
        out = engaged(g1939, target, attacker)
        if (target, attacker) == (FRN, GMY):
            assert {(h.obligor, h.edge["instrument_id"], h.side) for h in out.conflicted} == {
                (RUS, "molotov-ribbentrop-1939", "attacker"),
                (RUS, "franco-soviet-1935", "target")}
        if (target, attacker) == (POL, RUS):
            assert not out.conflicted
        for hit in out.conflicted:
            if hit.side == "attacker":
                duties = [h for h in (*out.bound, *out.neutral) if h.obligor == hit.obligor]
                cats = {h.edge["category"] for h in duties}
                assert any(clashes(c, hit.edge, target) for c in cats), hit
                checked += 1
    assert checked
