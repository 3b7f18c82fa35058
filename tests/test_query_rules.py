"""The casus-foederis rules of ``defenders`` (docs/rules.md §4), on real cases.

Each test states what a user of the answer would expect, on a real historical case from the
bundled registry (``source="registry"``, so the answers do not depend on ATOP being imported).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from foedus.errors import FoedusError, UsageError


def _conflicted(ans: Any) -> set[tuple[str, str, str, str]]:
    return {(e.obligor.abb, e.instrument_id, e.article, e.extra["side"]) for e in ans.conflicted}


def test_attacker_side_commitment_naming_other_adversaries_is_no_conflict(fx: Any) -> None:
    # Belgium, 3 August 1914, attacked by Germany. Austria-Hungary, a 1839 guarantor of
    # Belgium, owes Germany under the Dual Alliance Art. I help *only against Russia*
    # (adversaries = [RUS]). A German attack on Belgium cannot engage that clause, so it is no
    # conflict of obligations; the defenders answer applies the named-adversary rule to what
    # is owed to the target (`_fires`) but forgets it for what is owed to the attacker.
    ans = fx.defenders("BEL", "GMY", "1914-08-03", source="registry")
    assert ("AUH", "dual-alliance-1879", "Art. I", "attacker") not in _conflicted(ans)


def test_neutrality_owed_to_both_sides_is_no_conflict(fx: Any) -> None:
    # 18 June 1881: the League of the Three Emperors binds Russia to neutrality toward both
    # Austria-Hungary and Germany, and Russia owes neither a defense. If Germany attacked
    # Austria-Hungary, Russia can honour both promises by staying out. docs/rules.md §4: a conflict
    # is "defense to both sides, or defense to one and neutrality to the other" — neutral to
    # both is not one. foedus lists Russia under `conflicted`.
    ans = fx.defenders("AUH", "GMY", "1881-06-18", source="registry")
    assert not any(e.obligor.abb == "RUS" for e in ans.bound)
    assert not any(e.obligor.abb == "RUS" for e in ans.conflicted)


def test_states_not_in_the_system_are_not_answered_silently(fx: Any) -> None:
    # "Germany" on 1985-01-01 is COW 255, which is not a member of the state system between
    # 1945 and 1990 (West Germany is GFR 260). The answer is an empty list, indistinguishable
    # from "Germany owed nothing". A user expects to be told, and pointed at GFR.
    with pytest.raises(FoedusError, match=r"GFR|not a member"):
        fx.commitments("Germany", "1985-01-01")


def test_reversed_diff_dates_are_refused(fx: Any) -> None:
    # `diff --from 2025-01-01 --to 1990-01-01` silently swaps the meaning of appeared/ended.
    with pytest.raises(UsageError):
        fx.diff("2025-01-01", "1990-01-01", state="POL")


def test_unknown_source_is_refused(fx: Any) -> None:
    # The Python API accepts any `source`; a typo ("ATOP", "bogus") silently means "all".
    with pytest.raises(UsageError):
        fx.commitments("FRN", "1914-08-03", source="ATOP")


def test_a_datetime_keeps_the_json_contract(fx: Any) -> None:
    # README: dates are ISO strings like "2025-01-01". A datetime (or a pandas Timestamp, what
    # notebooks hand over) is passed through as_date unchanged, so "on" becomes
    # "2025-01-01T12:30:00".
    ans = fx.commitments("EST", dt.datetime(2025, 1, 1, 12, 30))
    assert ans.to_json()["on"] == "2025-01-01"


def test_answers_do_not_share_mutable_conditions(fx: Any) -> None:
    # `_conditions` is lru_cached and the same dict object is handed to every entry and
    # returned by to_json(); a caller that edits one answer (e.g. turns adversary codes into
    # names in place) silently changes every later answer in the process.
    first = fx.defenders("EST", "RUS", "2025-01-01").to_json()
    first["bound"][0]["conditions"]["territory"] = "EDITED BY CALLER"
    later = fx.commitments("USA", "2025-01-01", direction="given").to_json()
    assert all(c["conditions"]["territory"] != "EDITED BY CALLER" for c in later["commitments"])
