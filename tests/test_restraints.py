"""Restraint on the record (issue 20): force limits, their life, ``foedus restraints``.

Facts a user would check: the CFE Treaty's suspension by Russia (2007-12-12), Russia's
withdrawal and the allies' announced suspension (2023-11-07); INF and New START owed by the
United States to Russia in force in 2012, withdrawn (INF, 2019-08-02), suspended (New START
verification, 2023-06-01) and expired (New START, 2026-02-05) later.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from foedus.cli import main
from foedus.registry.loader import check_registry


@pytest.fixture(scope="module")
def cli(tmp_path_factory: pytest.TempPathFactory) -> Any:
    store = tmp_path_factory.mktemp("restraints") / "foedus.duckdb"
    runner = CliRunner()

    def run(*args: str, as_json: bool = True) -> Any:
        res = runner.invoke(main, [*args, *(["--json"] if as_json else [])],
                            env={"FOEDUS_STORE": str(store), "COLUMNS": "80"})
        assert res.exit_code == 0, res.output
        return json.loads(res.output) if as_json else res.output

    return run


def _from(entries: list[dict[str, Any]], instrument: str, obligor: str,
          article: str | None = None) -> list[dict[str, Any]]:
    return [e for e in entries if e["instrument"]["id"] == instrument
            and e["obligor"]["abb"] == obligor and (article is None or e["article"] == article)]


def test_instruments_search_cfe_shows_its_life(cli: Any) -> None:
    found = cli("instruments", "--search", "CFE")["instruments"]
    cfe = next(i for i in found if i["id"] == "cfe-treaty-1990")
    assert cfe["signed"] == "1990-11-19" and cfe["in_force"] == "1992-11-09"
    life = [(e["on"], e["type"], e["formal"], {s["abb"] for s in e["states"]})
            for e in cfe["life"]]
    assert ("2007-12-12", "suspension", True, {"RUS"}) in life
    assert ("2023-11-07", "withdrawal", True, {"RUS"}) in life
    allies = next(s for on, t, formal, s in life if on == "2023-11-07" and t == "suspension")
    assert {"USA", "UKG", "FRN", "GMY", "POL", "TUR"} <= allies and "RUS" not in allies
    assert ("2023-12-07", "suspension", True, {"USA"}) in life
    assert all(e["source"].startswith("http") for e in cfe["life"])
    text = cli("instruments", "--search", "CFE", as_json=False)
    assert "2007-12-12 suspension: RUS" in text and "2023-11-07 withdrawal: RUS" in text


def test_restraints_rus_2012_inf_and_new_start_in_force(cli: Any) -> None:
    ans = cli("restraints", "RUS", "--on", "2012-01-01")
    assert ans["state"]["abb"] == "RUS" and ans["on"] == "2012-01-01"
    inf = _from(ans["received"], "inf-treaty-1987", "USA")
    start = _from(ans["received"], "new-start-2010", "USA", "Art. II")
    assert [e["status"] for e in inf] == ["in_force"]
    assert [e["status"] for e in start] == ["in_force"]
    assert {lim["ceiling"] for lim in start[0]["limits"]} == {1550, 700, 800}
    assert inf[0]["limits"][0]["ceiling"] == 0
    # CFE: owed to Russia by the United States, while Russia's own is suspended since 2007
    cfe = _from(ans["received"], "cfe-treaty-1990", "USA")
    assert cfe[0]["status"] == "in_force" and cfe[0]["reverse"] == "suspended"
    assert cfe[0]["reverse_since"] == "2007-12-12"


def test_restraints_rus_2026_withdrawn_suspended_with_days(cli: Any) -> None:
    ans = cli("restraints", "RUS", "--on", "2026-01-01")
    inf = _from(ans["received"], "inf-treaty-1987", "USA")[0]
    assert (inf["status"], inf["since"], [s["abb"] for s in inf["by"]]) == \
        ("withdrawn", "2019-08-02", ["USA"])
    verify = _from(ans["received"], "new-start-2010", "USA", "Arts. VI-XI, Protocol Part Five")
    assert (verify[0]["status"], verify[0]["since"]) == ("suspended", "2023-06-01")
    limits = _from(ans["received"], "new-start-2010", "USA", "Art. II")[0]
    # the US kept the central limits; Russia's own were suspended by its law of 2023-02-28
    assert (limits["status"], limits["reverse"], limits["reverse_since"]) == \
        ("in_force", "suspended", "2023-02-28")
    cfe = _from(ans["received"], "cfe-treaty-1990", "USA")[0]
    assert (cfe["status"], cfe["since"]) == ("withdrawn", "2023-11-07")
    sky = _from(ans["received"], "open-skies-1992", "USA")[0]
    assert (sky["status"], sky["since"]) == ("withdrawn", "2020-11-22")
    given = _from(ans["given"], "new-start-2010", "RUS", "Art. II")[0]
    assert (given["status"], given["since"]) == ("suspended", "2023-02-28")
    after = cli("restraints", "RUS", "--on", "2026-03-01")
    ns = _from(after["received"], "new-start-2010", "USA", "Art. II")[0]
    assert (ns["status"], ns["since"]) == ("expired", "2026-02-05")


def test_found_violated_while_in_force(cli: Any) -> None:
    ans = cli("restraints", "USA", "--on", "2015-01-01")
    inf = _from(ans["received"], "inf-treaty-1987", "RUS")[0]
    assert (inf["status"], inf["since"]) == ("found_violated", "2014-07-29")


def test_table_fits_80_columns(cli: Any) -> None:
    text = cli("restraints", "RUS", "--on", "2026-01-01", as_json=False)
    assert "INF Treaty" in text and "withdrawn" in text
    assert max(len(line) for line in text.splitlines()) <= 80


def _write(tmp: Path, body: str) -> list[str]:
    (tmp / "x-test.toml").write_text(body, encoding="utf-8")
    return [str(p) for p in check_registry(tmp).problems]


HEAD = """id = "x-test"
name = "Test limit"
short = "Test"
type = "agreement"
legal_force = "treaty"
in_force = "2000-01-01"

[[source]]
url = "https://example.org/x"

[[member]]
state = "USA"
to = "2010-01-01"

[[member]]
state = "RUS"
"""


def test_loader_rejects_inconsistent_restraint_records(tmp_path: Path) -> None:
    support = _write(tmp_path, HEAD + """
[[obligation]]
kind = "force_limit"
strength = "automatic"
among = "parties"
article = "Art. 1"
aim = "support"
""")
    assert any("restraint by definition" in p for p in support)
    assert any("names what it limits" in p for p in support)
    event = _write(tmp_path, HEAD + """
[[obligation]]
kind = "force_limit"
strength = "automatic"
among = "parties"
article = "Art. 1"

[[obligation.limit]]
what = "tanks"
ceiling = -3

[[event]]
on = "2009-01-01"
type = "withdrawal"
state = ["USA"]
source = "https://example.org/x"

[[event]]
on = "2005-01-01"
type = "violation"
state = ["RUS"]
source = "https://example.org/x"
""")
    assert any("ceiling" in p and "non-negative" in p for p in event)
    assert any("withdrawal effective 2009-01-01" in p for p in event)
    assert any("found_by" in p for p in event)
