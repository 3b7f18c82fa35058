"""The CLI's answer cache (foedus.cli.answer_cache), in fresh processes as a user meets it.

A question asked again prints the same bytes without importing the engine (no polars); a
change to the store (an import, a rebuild) or to the registry is never answered from an older
answer; a cache that cannot be written, or a damaged one, does not break a command.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from foedus.cli.answer_cache import read_entry

REPO = Path(__file__).resolve().parents[1]

#: runs the CLI like ``python -m foedus`` and writes, at exit, which heavy modules it imported
_PROBE = """
import atexit, os, sys
HEAVY = ("polars", "numpy", "pyarrow", "duckdb", "foedus.api", "foedus.graph",
         "foedus.session", "foedus.advise", "foedus.scenario")
def _write():
    with open(os.environ["FOEDUS_TEST_PROBE"], "w") as fh:
        fh.write(" ".join(m for m in HEAVY if m in sys.modules))
atexit.register(_write)
sys.argv = ["foedus", *sys.argv[1:]]
from foedus.cli import main
main()
"""

QUESTIONS = [
    ("defenders", "EST", "--against", "RUS", "--on", "2025-01-01"),
    ("defenders", "BEL", "--against", "GMY", "--on", "1914-08-03"),
]
FORMS = [(), ("--wide",), ("--json",), ("--csv",)]


class Run:
    """One fresh process: exit code, stdout, stderr, and the heavy modules it imported."""

    def __init__(self, res: subprocess.CompletedProcess[str], imported: str) -> None:
        self.code, self.out, self.err = res.returncode, res.stdout, res.stderr
        self.imported = set(imported.split())

    @property
    def printed(self) -> tuple[int, str, str]:
        return self.code, self.out, self.err


def _cli(home: Path, *args: str, src: Path = REPO / "src", cwd: Path | None = None) -> Run:
    probe = home.parent / f"{home.name}.probe"
    probe.unlink(missing_ok=True)
    env = {**os.environ, "FOEDUS_HOME": str(home), "COLUMNS": "80",
           "FOEDUS_TEST_PROBE": str(probe),
           "PYTHONPATH": os.pathsep.join([str(src), os.environ.get("PYTHONPATH", "")])}
    env.pop("FOEDUS_STORE", None)
    res = subprocess.run([sys.executable, "-c", _PROBE, *args], env=env, text=True,
                         capture_output=True, timeout=600, cwd=cwd)
    return Run(res, probe.read_text() if probe.exists() else "")


def _answers(home: Path) -> list[Path]:
    return sorted((home / "cache" / "answers").glob("*/*.json.z"))


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A home whose store is built (by a first question) before the tests ask theirs."""
    path = tmp_path_factory.mktemp("cachehome") / "home"
    assert _cli(path, "status", "SWZ").code == 0
    return path


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: "-".join(q[1:4]))
def test_a_cached_answer_prints_the_same_bytes_without_the_engine(home: Path,
                                                                  question: tuple[str, ...]
                                                                  ) -> None:
    shutil.rmtree(home / "cache" / "answers", ignore_errors=True)
    for form in FORMS:
        first = _cli(home, *question, *form)
        again = _cli(home, *question, *form)
        assert first.code == 0, first.err
        assert again.printed == first.printed, (question, form)
        assert not again.imported & {"polars", "numpy", "duckdb", "foedus.session"}
        if not form:  # the first form asked it: the engine answered, with polars
            assert {"polars", "duckdb", "foedus.graph"} <= first.imported
            # ... and only the engine of this question: no pyarrow or numpy either (the
            # graph and the release readers read Parquet with polars)
            assert not first.imported & {"foedus.api", "foedus.advise", "foedus.scenario",
                                         "pyarrow", "numpy"}
    # the four forms are one question: one answer kept
    assert len(_answers(home)) == 1
    kept = read_entry(_answers(home)[0])
    assert json.loads(_cli(home, *question, "--json").out) == kept["payload"]


def test_the_other_read_questions_are_cached_alike(home: Path) -> None:
    for question in (("commitments", "FIN", "--on", "2023-04-04", "--direction", "received"),
                     ("forums", "USA", "RUS", "--on", "2010-01-01"),
                     ("status", "AUS", "--on", "1960-01-01"),
                     ("diff", "--from", "2023-01-01", "--to", "2024-12-31", "--state", "SWD"),
                     ("instrument", "nato")):
        first, again = _cli(home, *question), _cli(home, *question)
        assert first.code == 0 and "polars" in first.imported, (question, first.err)
        assert again.printed == first.printed and "polars" not in again.imported, question


def test_the_same_question_from_another_folder_is_answered_from_the_cache(home: Path,
                                                                        tmp_path: Path) -> None:
    q = ("forums", "USA", "RUS", "--on", "2010-01-01")
    first = _cli(home, *q)
    elsewhere = _cli(home, *q, cwd=tmp_path)
    assert elsewhere.printed == first.printed and "polars" not in elsewhere.imported


def test_the_default_day_is_part_of_the_question(home: Path) -> None:
    import datetime as dt

    shutil.rmtree(home / "cache" / "answers", ignore_errors=True)
    res = _cli(home, "defenders", "EST", "--against", "RUS")
    assert res.code == 0, res.err
    (kept,) = _answers(home)
    question = json.loads(read_entry(kept)["question"])
    assert ["on", dt.date.today().isoformat()] in question[1]


def test_errors_are_not_cached(home: Path) -> None:
    shutil.rmtree(home / "cache" / "answers", ignore_errors=True)
    for _ in range(2):
        res = _cli(home, "defenders", "XXX", "--against", "RUS", "--on", "2025-01-01")
        assert res.code == 1 and "unknown state" in res.err
        assert "foedus.session" in res.imported  # asked of the engine each time
    assert _answers(home) == []


def test_a_changed_store_is_asked_again(tmp_path: Path, shared_data: Path) -> None:
    home = tmp_path / "home"
    q = ("defenders", "BEL", "--against", "GMY", "--on", "1914-08-03", "--json")
    before = _cli(home, *q)
    assert before.code == 0 and json.loads(before.out)["datasets"] == ["registry"]
    assert "polars" not in _cli(home, *q).imported  # cached
    res = _cli(home, "data", "import", "atop", str(shared_data / "atop-5.1"))
    assert res.code == 0, res.err
    after = _cli(home, *q)
    assert "polars" in after.imported  # the store changed: the engine answers again
    assert "atop" in json.loads(after.out)["datasets"]
    assert after.out != before.out
    assert _cli(home, *q).printed == after.printed
    # a rebuild empties the cache (and changes the store, which alone would miss)
    assert _answers(home)
    res = _cli(home, "store", "rebuild")
    assert res.code == 0, res.err
    assert _answers(home) == []
    rebuilt = _cli(home, *q)
    assert "polars" in rebuilt.imported and rebuilt.printed == after.printed


def test_a_changed_registry_is_asked_again(tmp_path: Path) -> None:
    """A checkout whose instrument file is edited: the edited registry's answer, never the
    answer cached before the edit."""
    src = tmp_path / "src"
    shutil.copytree(REPO / "src" / "foedus", src / "foedus",
                    ignore=shutil.ignore_patterns("__pycache__"))
    home = tmp_path / "home"
    q = ("defenders", "BEL", "--against", "GMY", "--on", "1914-08-03", "--json")
    before = _cli(home, *q, src=src)
    assert before.code == 0, before.err
    assert "polars" not in _cli(home, *q, src=src).imported
    names = {e["instrument"]["id"]: e["instrument"].get("name")
             for e in json.loads(before.out)["bound"]}
    assert "treaty-of-london-1839" in names
    f = src / "foedus" / "registry" / "instruments" / "treaty-of-london-1839.toml"
    text = f.read_text(encoding="utf-8")
    assert 'name = "Treaty between Great Britain' in text
    f.write_text(text.replace('name = "Treaty between Great Britain',
                              'name = "Edited: Treaty between Great Britain'), encoding="utf-8")
    after = _cli(home, *q, src=src)
    assert after.code == 0 and "polars" in after.imported, after.err
    edited = {e["instrument"]["name"] for e in json.loads(after.out)["bound"]}
    assert edited == {"Edited: " + names["treaty-of-london-1839"]}
    # code alone: a comment in an engine module misses too
    mod = src / "foedus" / "query" / "defenders.py"
    mod.write_text(mod.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert "polars" in _cli(home, *q, src=src).imported


def _unwritable(folder: Path) -> Any:
    """Make ``folder`` unwritable: immutable for root (whom permissions do not stop), mode
    0o555 otherwise; returns the function that undoes it."""
    if os.geteuid() == 0:
        if shutil.which("chattr") is None:
            pytest.skip("root without chattr: cannot make a folder unwritable")
        res = subprocess.run(["chattr", "+i", str(folder)], capture_output=True, text=True)
        if res.returncode != 0:
            pytest.skip(f"chattr +i not supported here: {res.stderr.strip()}")
        return lambda: subprocess.run(["chattr", "-i", str(folder)], check=True)
    folder.chmod(0o555)
    return lambda: folder.chmod(0o755)


def test_an_unwritable_cache_answers_without_caching(tmp_path: Path) -> None:
    home = tmp_path / "home"
    q = ("defenders", "EST", "--against", "RUS", "--on", "2025-01-01")
    assert _cli(home, "status", "SWZ").code == 0  # builds the store
    answers = home / "cache" / "answers"
    shutil.rmtree(answers, ignore_errors=True)
    answers.mkdir(parents=True)
    undo = _unwritable(answers)
    try:
        first, again = _cli(home, *q), _cli(home, *q)
    finally:
        undo()
    assert first.code == 0 and again.code == 0, (first.err, again.err)
    assert first.err == "" and again.printed == first.printed
    assert "Bound to defend: 35 states" in first.out
    assert "polars" in again.imported  # nothing could be kept: asked of the engine again
    assert _answers(home) == []


def test_a_damaged_answer_is_asked_again_and_replaced(home: Path) -> None:
    q = ("forums", "USA", "RUS", "--on", "2010-01-01")
    good = _cli(home, *q)
    (kept,) = [p for p in _answers(home) if '"forums"' in read_entry(p)["question"]]
    kept.write_bytes(kept.read_bytes()[:40])  # truncated
    res = _cli(home, *q)
    assert res.printed == good.printed and "polars" in res.imported
    assert read_entry(kept)["payload"]["forums"]
    assert "polars" not in _cli(home, *q).imported


@pytest.mark.parametrize(("args", "method", "call"), [
    (("defenders", "EST", "--against", "RUS", "--on", "2025-01-01"), "defenders",
     (("EST", "RUS", "2025-01-01"), {})),
    (("commitments", "FIN", "--on", "2023-04-04", "--kind", "defense"), "commitments",
     (("FIN", "2023-04-04"), {"kind": "defense"})),
    (("status", "AUS"), "status", (("AUS",), {})),
    (("instrument", "nato"), "instrument", (("nato",), {})),
])
def test_the_cli_prints_the_foedus_methods_answer(fx: Any, tmp_path: Path, args: Any,
                                                   method: str, call: Any) -> None:
    """The command line asks the engine function the Python API's method of the same name
    calls (ENGINE), whether cached or not: its JSON is the method's ``to_json()``."""
    from click.testing import CliRunner

    from foedus.cli import main
    from foedus.cli.answer_cache import ENGINE, as_json

    assert set(ENGINE) <= {name for name in dir(fx) if not name.startswith("_")}
    expected = as_json(getattr(fx, method)(*call[0], **call[1]).to_json())
    runner = CliRunner()
    for _ in range(2):  # asked, then cached
        res = runner.invoke(main, [*args, "--json"], env={"FOEDUS_HOME": str(tmp_path)})
        assert res.exit_code == 0, res.output
        assert json.loads(res.output) == expected
    assert len(_answers(tmp_path)) == 1


def test_a_write_the_file_clock_cannot_see_is_still_seen(tmp_path: Path) -> None:
    """A write that leaves the store's size and modification time as they were (a coarse
    file clock) changes DuckDB's headers, which the key reads."""
    import duckdb

    home = tmp_path / "home"
    q = ("forums", "USA", "RUS", "--on", "2010-01-01")
    first = _cli(home, *q)
    assert first.code == 0 and "polars" not in _cli(home, *q).imported
    db = home / "foedus.duckdb"
    before = db.stat()
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE scratch (a INTEGER)")
    con.close()
    os.utime(db, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (db.stat().st_size, db.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    again = _cli(home, *q)
    assert "polars" in again.imported and again.printed == first.printed
