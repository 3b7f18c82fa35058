"""The `signed` legal force, `foedus check --sources`, and states named as they were on a day.

A treaty signed but not in force is recorded (legal force ``signed``) and never counts as in
force, like a proposal; ``foedus check --sources`` lists every field the registry marks CHECK
or unverified; answers name COW 255 "Prussia" before the German Empire (18 January 1871).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from click.testing import CliRunner

from foedus.cli import main
from foedus.model.commitments import commitments_from_instrument
from foedus.registry import check_registry
from foedus.registry.doubts import doubts_in_text
from foedus.registry.states import load_state_system

SIGNED = """\
id = "{id}"
name = "Draft test: a defence treaty signed and awaiting ratification"
short = "Signed test"
type = "alliance"
legal_force = "signed"
signed = "2025-09-17"
{extra}
[[source]]
url = "https://example.org/treaty"

[[member]]
state = "SAU"

[[member]]
state = "PAK"

[[obligation]]
among = "parties"
kind = "defense"
strength = "automatic"
article = "Art. 1"
notes_marker = 0
"""


def _write(tmp: Path, ident: str, text: str) -> Path:
    folder = tmp / "reg"
    folder.mkdir(exist_ok=True)
    (folder / f"{ident}.toml").write_text(text.replace("notes_marker = 0\n", ""))
    return folder


def test_a_signed_treaty_loads_and_creates_nothing_in_force(tmp_path: Path) -> None:
    folder = _write(tmp_path, "signed-test", SIGNED.format(id="signed-test", extra=""))
    reg = check_registry(folder)
    assert reg.problems == []
    inst = reg.instruments["signed-test"]
    assert inst.legal_force.value == "signed" and inst.period is None
    made = commitments_from_instrument(inst)
    assert made and all(not c.in_force_on(dt.date(2026, 1, 1)) for c in made)


def test_a_signed_treaty_with_an_entry_into_force_is_a_problem(tmp_path: Path) -> None:
    text = SIGNED.format(id="signed-bad", extra='in_force = "2025-10-01"\n')
    reg = check_registry(_write(tmp_path, "signed-bad", text))
    assert any(p.field == "in_force" and "not in force" in p.message for p in reg.problems)


def test_a_signed_treaty_needs_its_day_of_signature(tmp_path: Path) -> None:
    text = SIGNED.format(id="signed-nodate", extra="").replace('signed = "2025-09-17"\n', "")
    reg = check_registry(_write(tmp_path, "signed-nodate", text))
    assert any(p.field == "signed" for p in reg.problems)


def test_no_bundled_signed_instrument_is_in_force_on_any_day(fx: object) -> None:
    reg = check_registry()
    signed = [i for i in reg if i.legal_force.value == "signed"]
    assert signed, "the registry records treaties awaiting ratification as `signed`"
    for inst in signed:
        assert inst.in_force is None and inst.period is None
        for day in ("2025-12-31", "2026-06-01"):
            listed = {r["id"] for r in fx.instruments(on=day)}  # type: ignore[attr-defined]
            assert inst.id not in listed


def test_doubts_name_file_line_and_field() -> None:
    text = ('id = "x"\nnotes = """first line\nsecond line (CHECK the deposit)."""\n\n'
            '[[member]]\nstate = "USA"\n\n[[member]]\nstate = "UKG"\n'
            'note = "deposit date unverified"\n')
    found = doubts_in_text(text, "x.toml")
    assert [(d.line, d.field) for d in found] == [(3, "notes"), (10, "member[2].note")]


def test_check_sources_counts_the_marked_fields_and_reports_no_problem() -> None:
    result = CliRunner().invoke(main, ["check", "--sources", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["problems"] == []
    assert data["marked"] == len(data["doubts"]) > 0
    first = data["doubts"][0]
    assert set(first) == {"file", "line", "field", "text"} and first["file"].endswith(".toml")


def test_prussia_before_1871_and_the_soviet_union_by_name() -> None:
    states = load_state_system()
    germany, russia = states.by_code(255), states.by_code(365)
    assert germany.name_on(dt.date(1870, 7, 19)) == "Prussia"
    assert germany.name_on(dt.date(1871, 1, 18)) == "Germany"
    assert russia.name_on(dt.date(1950, 1, 1)) == "Soviet Union"
    assert russia.name_on(dt.date(1991, 12, 26)) == "Russia"
    assert states.by_code(345).name_on(dt.date(1914, 7, 28)) == "Serbia"
    assert states.by_code(640).name_on(dt.date(1856, 3, 30)) == "Ottoman Empire"
    assert states.by_code(325).name_on(dt.date(1856, 3, 30)) == "Sardinia"
    assert states.by_code(325).name_on(dt.date(1861, 3, 17)) == "Italy"
    assert states.by_code(260).name_on(dt.date(1990, 10, 2)) == "German Federal Republic"


def test_answers_name_states_as_they_were_on_the_day(fx: object) -> None:
    ans = fx.commitments("GMY", "1868-06-01", direction="given")  # type: ignore[attr-defined]
    payload = ans.to_json()
    assert payload["state"]["name"] == "Prussia"
    assert all(c["from"]["name"] == "Prussia" for c in payload["commitments"])
    later = fx.commitments("GMY", "1880-06-01", direction="given")  # type: ignore[attr-defined]
    assert later.to_json()["state"]["name"] == "Germany"


def test_the_map_names_prussia_and_the_soviet_union_on_their_days(fx: object) -> None:
    on_1850 = fx.system("1850-06-01").to_json()  # type: ignore[attr-defined]
    names = {s["state"]["ccode"]: s["state"]["name"] for s in on_1850["states"]}
    assert names[255] == "Prussia" and names[640] == "Ottoman Empire"
    on_1960 = fx.system("1960-06-01").to_json()  # type: ignore[attr-defined]
    names = {s["state"]["ccode"]: s["state"]["name"] for s in on_1960["states"]}
    assert names[365] == "Soviet Union" and names[260] == "German Federal Republic"
