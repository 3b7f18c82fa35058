"""Facts about the instruments that shaped Europe's order, as a user would check them.

Each test asks the Python API a question with a known answer from the treaty texts and
official sources recorded in the registry files (Locarno guarantees, NATO-Ukraine, PfP,
Budapest, Two Plus Four, Minsk, the 2021-2026 bilateral treaties and the 2025-26 peace drafts).
"""

from __future__ import annotations

import datetime as dt
from typing import Any


def _members(fx: Any, instrument_id: str, day: str, role: str | None = None) -> set[str]:
    d = dt.date.fromisoformat(day)
    out = set()
    for m in fx.instrument(instrument_id)["members"]:
        start = dt.date.fromisoformat(m["from"])
        end = dt.date.fromisoformat(m["to"]) if m["to"] else None
        if start <= d and (end is None or d < end) and (role is None or m["role"] == role):
            out.add(m["state"]["abb"])
    return out


def _received(fx: Any, state: str, day: str, instrument_id: str,
              kind: str | None = None) -> set[str]:
    ans = fx.commitments(state, day, direction="received", kind=kind)
    return {c.obligor.abb for c in ans.commitments if c.instrument_id == instrument_id}


def test_france_bound_to_czechoslovakia_at_munich_by_the_locarno_guarantee(fx: Any) -> None:
    ans = fx.defenders("CZE", "GMY", "1938-09-29")
    locarno = [e for e in ans.bound if e.instrument_id == "franco-czechoslovak-guarantee-1925"]
    assert {e.obligor.abb for e in locarno} == {"FRN"}
    assert {(e.legal_force, e.kind) for e in locarno} == {("treaty", "defense")}
    # the 1924 alliance alone owes only consultation
    assert not any(e.instrument_id == "franco-czechoslovak-1924" for e in ans.bound)


def test_locarno_guarantees_run_from_the_rhineland_pact_ratifications(fx: Any) -> None:
    assert _received(fx, "CZE", "1926-09-13", "franco-czechoslovak-guarantee-1925") == set()
    assert _received(fx, "CZE", "1926-09-14", "franco-czechoslovak-guarantee-1925") == {"FRN"}
    assert _received(fx, "FRN", "1926-09-14", "franco-polish-guarantee-1925") == {"POL"}


def test_france_bound_to_poland_on_1_september_1939(fx: Any) -> None:
    ans = fx.defenders("POL", "GMY", "1939-09-01")
    assert "FRN" in {e.obligor.abb for e in ans.bound
                     if e.instrument_id == "franco-polish-guarantee-1925"}


def test_ukraine_and_us_share_pfp_and_the_nato_ukraine_commission_in_2023(fx: Any) -> None:
    ids = {f["id"] for f in fx.forums("UKR", "USA", "2023-01-01").forums}
    assert {"partnership-for-peace", "nato-ukraine-commission"} <= ids
    assert "nato-ukraine-council" not in ids
    after = {f["id"] for f in fx.forums("UKR", "USA", "2023-07-12").forums}
    assert "nato-ukraine-council" in after
    assert "nato-ukraine-commission" not in after


def test_pfp_partners_from_their_signature(fx: Any) -> None:
    assert "RUS" not in _members(fx, "partnership-for-peace", "1994-06-21")
    assert "RUS" in _members(fx, "partnership-for-peace", "1994-06-22")
    assert "UKR" in _members(fx, "partnership-for-peace", "1994-02-08", role="beneficiary")
    # Finland: a partner until its NATO accession, an Ally in the Partnership afterwards
    assert "FIN" in _members(fx, "partnership-for-peace", "2023-04-03", role="beneficiary")
    assert "FIN" in _members(fx, "partnership-for-peace", "2023-04-04", role="party")
    assert "FIN" not in _members(fx, "partnership-for-peace", "2023-04-04", role="beneficiary")


def test_pfp_owes_partners_consultation_not_defence(fx: Any) -> None:
    assert "USA" in _received(fx, "UKR", "2015-01-01", "partnership-for-peace", "consultation")
    assert _received(fx, "UKR", "2015-01-01", "partnership-for-peace", "defense") == set()
    assert _received(fx, "FIN", "2024-01-01", "partnership-for-peace") == set()


def test_nato_ukraine_charter_consultation_is_political(fx: Any) -> None:
    ans = fx.commitments("UKR", "2014-03-02", direction="received", kind="consultation")
    charter = [c for c in ans.commitments if c.instrument_id == "nato-ukraine-charter-1997"]
    assert "USA" in {c.obligor.abb for c in charter}
    assert {c.legal_force for c in charter} == {"political"}


def test_bucharest_promise_of_membership_is_no_defence_pledge(fx: Any) -> None:
    inst = fx.instrument("nato-bucharest-declaration-2008")
    assert inst["legal_force"] == "political"
    assert inst["obligations"] == []
    assert {"UKR", "GRG"} <= _members(fx, "nato-bucharest-declaration-2008", "2008-04-03")
    ans = fx.defenders("GRG", "RUS", "2008-08-08")
    assert not any(e.instrument_id == "nato-bucharest-declaration-2008"
                   for e in ans.bound + ans.assurances + ans.consult)


def test_minsk_agreements_listed_but_carry_no_commitment(fx: Any) -> None:
    ids = {i["id"] for i in fx.instruments(state="UKR", on="2015-06-01")}
    assert {"minsk-protocol-2014", "minsk-ii-package-2015"} <= ids
    received = fx.commitments("UKR", "2015-06-01", direction="received").commitments
    assert not any(c.instrument_id.startswith("minsk") for c in received)
    assert "minsk-ii-package-2015" not in {
        i["id"] for i in fx.instruments(state="UKR", on="2022-02-22")}
    assert fx.instrument("minsk-ii-package-2015")["legal_force"] == "political"


def test_2025_peace_drafts_are_proposals_never_in_force(fx: Any) -> None:
    for iid in ("us-28-point-peace-plan-2025", "ukraine-20-point-peace-framework-2025"):
        inst = fx.instrument(iid)
        assert inst["legal_force"] == "proposal"
        assert inst["in_force"] is None
        assert "guarantee" in {o["kind"] for o in inst["obligations"]}
        assert _received(fx, "UKR", "2026-06-01", iid) == set()


def test_coalition_paris_declaration_guarantees_await_a_ceasefire(fx: Any) -> None:
    inst = fx.instrument("coalition-of-the-willing-paris-declaration-2026")
    assert inst["legal_force"] == "political"
    assert inst["in_force"] == "2026-01-06"
    assert {o["legal_force"] for o in inst["obligations"]} == {"proposal"}
    assert _received(fx, "UKR", "2026-06-01",
                     "coalition-of-the-willing-paris-declaration-2026") == set()


def test_two_plus_four_binds_united_germany_from_15_march_1991(fx: Any) -> None:
    on = fx.commitments("GMY", "1991-03-15", direction="given")
    assert any(c.instrument_id == "two-plus-four-treaty-1990" and c.beneficiary.abb == "RUS"
               and c.kind == "assurance" and c.aim == "restraint" for c in on.commitments)
    before = fx.commitments("GMY", "1991-03-14", direction="given")
    assert not any(c.instrument_id == "two-plus-four-treaty-1990" for c in before.commitments)


def test_austrian_state_treaty_and_anschluss_ban(fx: Any) -> None:
    assert _received(fx, "AUS", "1956-01-01", "austrian-state-treaty-1955") == {
        "RUS", "UKG", "USA", "FRN"}
    assert _received(fx, "RUS", "1956-01-01", "austrian-state-treaty-1955") == {"AUS"}
    assert fx.instrument("austrian-state-treaty-1955")["in_force"] == "1955-07-27"


def test_budapest_memorandum_for_belarus_is_a_political_assurance(fx: Any) -> None:
    ans = fx.defenders("BLR", "RUS", "2000-01-01")
    bud = [e for e in ans.assurances if e.instrument_id == "budapest-memorandum-belarus-1994"]
    assert {e.obligor.abb for e in bud} == {"USA", "UKG"}
    assert {e.legal_force for e in bud} == {"political"}
    assert any(e.instrument_id == "budapest-memorandum-belarus-1994" for e in ans.violated)


def test_treaty_of_nancy_binds_france_from_22_january_2026(fx: Any) -> None:
    on = fx.defenders("POL", "RUS", "2026-01-22")
    assert "FRN" in {e.obligor.abb for e in on.bound if e.instrument_id == "treaty-of-nancy-2025"}
    before = fx.defenders("POL", "RUS", "2026-01-21")
    assert not any(e.instrument_id == "treaty-of-nancy-2025" for e in before.bound)


def test_quirinal_treaty_in_force_1_february_2023(fx: Any) -> None:
    assert _received(fx, "ITA", "2023-02-01", "quirinal-treaty-2021", "defense") == {"FRN"}
    assert _received(fx, "ITA", "2023-01-31", "quirinal-treaty-2021") == set()


def test_uk_sweden_declaration_is_political(fx: Any) -> None:
    ans = fx.commitments("SWD", "2022-06-01", direction="received", kind="defense")
    uk = [c for c in ans.commitments if c.instrument_id == "uk-sweden-declaration-2022"]
    assert {c.obligor.abb for c in uk} == {"UKG"}
    assert {(c.legal_force, c.strength) for c in uk} == {("political", "discretionary")}
