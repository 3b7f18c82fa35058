"""The curated conflicts layer: the bundled files are valid, complete for the cases a reader
checks, and every mistake in a file is reported with its file, line and field."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from foedus.cli import main
from foedus.errors import RegistryError
from foedus.registry.conflict_layer import check_conflicts, load_conflicts

GOOD = """\
id = "{id}"
name = "A test clash"
level = "force"
start = "2021-04-28"
end = "2021-05-01"

[[party]]
state = "TAJ"
side = "a"

[[party]]
state = "KYR"
side = "b"

[[source]]
url = "https://example.org/clash"
"""


def test_bundled_layer_is_valid_and_sourced() -> None:
    layer = load_conflicts()
    assert layer.problems == []
    assert len(layer) >= 30
    for c in layer:
        assert c.sources and all(u.startswith(("http://", "https://")) for u, _ in c.sources)
        assert c.level in ("war", "force", "display")
        assert {p.side for p in c.parties} == {"a", "b"}


@pytest.mark.parametrize(("cid", "day", "a", "b"), [
    ("russia-ukraine-2022", "2022-02-24", "RUS", "UKR"),
    ("armenia-azerbaijan-2016", "2016-04-02", "AZE", "ARM"),
    ("armenia-azerbaijan-2020", "2020-09-27", "AZE", "ARM"),
    ("armenia-azerbaijan-2022", "2022-09-12", "AZE", "ARM"),
    ("india-pakistan-2019", "2019-02-26", "IND", "PAK"),
    ("india-pakistan-2025", "2025-05-07", "IND", "PAK"),
    ("china-india-galwan-2020", "2020-06-15", "CHN", "IND"),
    ("israel-iran-2025", "2025-06-13", "ISR", "IRN"),
    ("iran-israel-2024", "2024-04-01", "ISR", "IRN"),
    ("israel-lebanon-2024", "2024-10-01", "ISR", "LEB"),
    ("kyrgyzstan-tajikistan-2022", "2022-09-14", "TAJ", "KYR"),
    ("thailand-cambodia-2025", "2025-07-24", "THI", "CAM"),
    ("drc-rwanda-2025", "2025-01-23", "RWA", "DRC"),
    ("pakistan-afghanistan-2025", "2025-10-09", "PAK", "AFG"),
    ("us-venezuela-2026", "2026-01-03", "USA", "VEN"),
])
def test_cases_a_reader_checks(cid: str, day: str, a: str, b: str) -> None:
    layer = load_conflicts()
    c = layer.conflicts[cid]
    assert c.start == dt.date.fromisoformat(day)
    abb = {p.ccode: p.side for p in c.parties}
    codes = {"RUS": 365, "UKR": 369, "AZE": 373, "ARM": 371, "IND": 750, "PAK": 770,
             "CHN": 710, "ISR": 666, "IRN": 630, "LEB": 660, "TAJ": 702, "KYR": 703,
             "THI": 800, "CAM": 811, "RWA": 517, "DRC": 490, "AFG": 700, "USA": 2,
             "VEN": 101}
    assert abb[codes[a]] == "a" and abb[codes[b]] == "b"


def test_who_joined_later_and_how() -> None:
    layer = load_conflicts()
    war = layer.conflicts["russia-ukraine-2022"]
    prk = next(p for p in war.parties if p.ccode == 731)
    assert prk.joined and prk.side == "a" and "troops" in prk.how
    assert prk.start == dt.date(2024, 10, 23)
    us = next(p for p in layer.conflicts["israel-iran-2025"].parties if p.ccode == 2)
    assert us.joined and us.start == dt.date(2025, 6, 22) and "strikes" in us.how


def test_rivalries_cite_conflicts_of_the_layer() -> None:
    layer = load_conflicts()
    ids = {r.id for r in layer.rivalries}
    assert {"russia-ukraine", "india-pakistan", "china-india", "iran-israel",
            "armenia-azerbaijan", "korea", "china-taiwan"} <= ids
    for r in layer.rivalries:
        assert all(e in layer.conflicts for e in r.evidence)


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    p = folder / f"{name}.toml"
    p.write_text(text, encoding="utf-8")
    return p


CASES = {
    "unknown-state": (GOOD.replace('state = "KYR"', 'state = "XYZ"'), "party[2].state", 12),
    "ends-before": (GOOD.replace('end = "2021-05-01"', 'end = "2021-04-01"'), "end", 5),
    "bad-level": (GOOD.replace('level = "force"', 'level = "skirmish"'), "level", 3),
    "one-side": (GOOD.replace('side = "b"', 'side = "a"'), "party", None),
    "no-source": (GOOD.split("[[source]]")[0], "source", None),
    "bad-how": (GOOD.replace('side = "b"\n', 'side = "b"\nhow = ["cyber"]\n'),
                "party[2].how", 14),
    "joins-early": (GOOD.replace('side = "b"\n', 'side = "b"\nfrom = "2020-01-01"\n'),
                    "party[2].from", 14),
    "bad-day": (GOOD.replace('start = "2021-04-28"', 'start = "28 April 2021"'), "start", 4),
}


def test_each_mistake_is_reported_with_file_line_and_field(tmp_path: Path) -> None:
    folder = tmp_path / "conflicts"
    _write(folder, "good", GOOD.format(id="good"))
    for cid, (text, _field, _line) in CASES.items():
        _write(folder, cid, text.replace("{id}", cid))
    _write(folder, "misnamed", GOOD.format(id="other-name"))
    layer = check_conflicts(folder)
    assert set(layer.conflicts) == {"good"}
    by_file: dict[str, list[object]] = {}
    for p in layer.problems:
        by_file.setdefault(Path(p.file).stem, []).append(p)
    for cid, (_text, field, line) in CASES.items():
        probs = by_file[cid]
        assert any(p.field == field for p in probs), (cid, probs)  # type: ignore[attr-defined]
        if line is not None:
            assert any(p.line == line for p in probs), (cid, probs)  # type: ignore[attr-defined]
    assert "named other-name.toml" in str(by_file["misnamed"][0])
    with pytest.raises(RegistryError):
        load_conflicts(folder)


def test_rivalry_evidence_must_exist(tmp_path: Path) -> None:
    folder = tmp_path / "conflicts"
    _write(folder, "good", GOOD.format(id="good"))
    (folder / "_rivalries.toml").write_text(
        '[[rivalry]]\nid = "x"\na = "TAJ"\nb = "KYR"\nstart = 2021\n'
        'evidence = ["good", "no-such-conflict"]\n', encoding="utf-8")
    layer = check_conflicts(folder)
    [p] = layer.problems
    assert p.field == "rivalry[1].evidence" and p.line == 6
    assert "no-such-conflict" in p.message


def test_foedus_check_validates_the_layer(tmp_path: Path) -> None:
    runner = CliRunner()
    res = runner.invoke(main, ["check", "--json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert data["conflicts"] >= 30 and data["rivalries"] >= 10 and data["problems"] == []
    folder = tmp_path / "conflicts"
    _write(folder, "unknown-state", CASES["unknown-state"][0].replace("{id}", "unknown-state"))
    res = runner.invoke(main, ["check", "--conflicts", str(folder), "--json"])
    assert res.exit_code == 2
    [p] = json.loads(res.output)["problems"]
    assert p["field"] == "party[2].state" and p["line"] == 12
