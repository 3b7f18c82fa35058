"""A store that cannot be used says why, at once, and how to mend it; nothing is lost."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from foedus.cli import main
from foedus.errors import StoreCorruptError, StoreError
from foedus.session import Session


def _built(folder: Path) -> Path:
    db = folder / "foedus.duckdb"
    Session(db).close()
    return db


@pytest.mark.parametrize("damage", ["garbage", "truncated"])
def test_a_damaged_store_is_diagnosed_without_waiting(tmp_path: Path, damage: str) -> None:
    db = _built(tmp_path)
    data = db.read_bytes()
    db.write_bytes(b"not a database " * 100 if damage == "garbage" else data[: len(data) // 3])
    start = time.monotonic()
    with pytest.raises(StoreCorruptError, match="foedus store rebuild"):
        Session(db, wait=30)
    assert time.monotonic() - start < 10  # no 30-second wait for a process that isn't there


def test_store_rebuild_keeps_the_damaged_file_and_reimports(tmp_path: Path,
                                                            shared_data: Path,
                                                            monkeypatch: pytest.MonkeyPatch
                                                            ) -> None:
    monkeypatch.setenv("FOEDUS_STORE", str(tmp_path / "foedus.duckdb"))
    runner = CliRunner()
    res = runner.invoke(main, ["data", "import", "rivalries", str(shared_data / "rivalries")])
    assert res.exit_code == 0, res.output
    db = tmp_path / "foedus.duckdb"
    db.write_bytes(b"\0" * 4096)
    res = runner.invoke(main, ["defenders", "EST", "--against", "RUS", "--on", "2025-01-01"])
    assert res.exit_code == 1 and "foedus store rebuild" in res.output
    assert "Traceback" not in res.output
    res = runner.invoke(main, ["store", "rebuild", "--json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.output)
    assert Path(out["kept_aside"]).read_bytes() == b"\0" * 4096
    assert list(out["reimported"]) == ["rivalries"]
    res = runner.invoke(main, ["data", "status", "--json"])
    assert [d["dataset"] for d in json.loads(res.output)["datasets"]] == ["rivalries"]


def test_a_home_that_cannot_be_created_is_one_clear_line(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    env = {**os.environ, "FOEDUS_HOME": str(blocker / "home")}
    env.pop("FOEDUS_STORE", None)
    proc = subprocess.run([sys.executable, "-m", "foedus.cli", "defenders", "EST", "--against",
                           "RUS", "--on", "2025-01-01"], capture_output=True, text=True,
                          env=env, timeout=120)
    assert proc.returncode == 1
    assert proc.stderr.strip().splitlines() == [
        f"error cannot create the foedus home {blocker / 'home'}: Not a directory; set "
        "FOEDUS_HOME to a folder you can write"]


@contextlib.contextmanager
def _read_only(folder: Path) -> Iterator[None]:
    """Make a folder and its files unwritable (immutable as root, mode 0o555 otherwise)."""
    paths = [folder, *folder.iterdir()]
    if os.geteuid() == 0:
        subprocess.run(["chattr", "+i", *map(str, paths)], check=True)
        try:
            yield
        finally:
            subprocess.run(["chattr", "-i", *map(str, paths)], check=True)
    else:
        for p in paths:
            p.chmod(0o555)
        try:
            yield
        finally:
            for p in paths:
                p.chmod(0o755)


def test_a_read_only_home_still_answers_and_writes_say_read_only(
        tmp_path: Path, shared_data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("FOEDUS_HOME", str(home))
    monkeypatch.delenv("FOEDUS_STORE", raising=False)
    runner = CliRunner()
    assert runner.invoke(main, ["data", "import", "rivalries",
                                str(shared_data / "rivalries")]).exit_code == 0
    with _read_only(home):
        res = runner.invoke(main, ["defenders", "EST", "--against", "RUS", "--on",
                                   "2025-01-01", "--json"])
        assert res.exit_code == 0, res.output
        assert {e["state"]["abb"] for e in json.loads(res.output)["bound"]} >= {"USA", "FRN"}
        res = runner.invoke(main, ["data", "status", "--json"])
        assert res.exit_code == 0 and "rivalries" in res.output
        res = runner.invoke(main, ["data", "import", "rivalries",
                                   str(shared_data / "rivalries")])
        assert res.exit_code == 1 and "read-only" in res.output
        with pytest.raises(StoreError, match="read-only"), Session() as s, s.writer():
            pass
