"""The ATOP names table names every alliance of the ATOP release, each with a source."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from foedus.errors import RegistryError
from foedus.registry import load_registry
from foedus.registry.atop_names import atop_names, atop_names_from_text


def _atop_ids(shared: Path) -> dict[int, str]:
    """ATOP's alliances and their first day (the year alone where ATOP codes no day)."""
    out: dict[int, str] = {}
    with (shared / "atop-5.1" / "atop5_1a.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            day = row["begyr"]
            if row["begmo"] and row["begday"]:
                day = dt.date(int(day), int(row["begmo"]), int(row["begday"])).isoformat()
            out[int(row["atopid"])] = day
    return out


def test_every_atop_alliance_has_exactly_one_name(shared_data: Path) -> None:
    ids = _atop_ids(shared_data)
    names = atop_names()
    assert len(ids) == 789
    assert set(names) == set(ids), (sorted(set(ids) - set(names))[:10],
                                     sorted(set(names) - set(ids))[:10])


def test_every_name_has_a_source_and_a_kind() -> None:
    for n in atop_names().values():
        assert n.name.strip() and n.source_url.startswith("http") and n.source_title.strip()
        assert n.name_kind in ("title", "descriptive")
        if n.name_kind == "descriptive":
            # composed names say what they are, so they are never mistaken for a title
            assert f"(ATOP {n.atopid})" in n.name


def test_descriptive_names_carry_atops_signing_day(shared_data: Path) -> None:
    ids = _atop_ids(shared_data)
    for n in atop_names().values():
        if n.name_kind == "descriptive":
            assert n.signed == ids[n.atopid], n


def test_polish_yugoslav_treaty_of_1946_is_named_by_title() -> None:
    n = atop_names()[3035]
    assert n.name_kind == "title"
    assert "Treaty of Friendship and Mutual Assistance" in n.name
    assert "Poland" in n.name and "Yugoslavia" in n.name
    assert n.place == "Warsaw" and n.signed == "1946-03-18"


def test_every_alliance_a_curated_file_covers_is_named_by_title() -> None:
    names = atop_names()
    covered = {aid for inst in load_registry().instruments.values() for aid in inst.atop_ids}
    assert covered, "the registry links no ATOP alliance"
    untitled = sorted(aid for aid in covered if names[aid].name_kind != "title")
    assert untitled == []


def test_states_are_named_as_they_were_on_the_day() -> None:
    # ATOP codes Prussia with Germany's COW code 255; before 1871 the name is Prussia
    assert "Prussia" in atop_names()[1020].name
    assert "Germany" not in atop_names()[1020].name


def test_a_row_without_a_source_is_refused_with_its_line() -> None:
    text = ("atopid,name,name_kind,place,signed,source_url,source_title,note\n"
            "3035,Some treaty,title,,1946-03-18,,,\n")
    with pytest.raises(RegistryError, match=r"atop_names.csv:2.*source_url"):
        atop_names_from_text(text)
