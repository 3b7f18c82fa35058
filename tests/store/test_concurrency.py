"""Several foedus processes can answer questions from one store at once; a writer that holds
the store gives the others a clear error, not a DuckDB traceback."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from foedus.api import Foedus
from foedus.errors import StoreError

HOLD = textwrap.dedent("""
    import sys, time
    from foedus.store import Store
    store = Store(sys.argv[1], read_only=sys.argv[2] == "ro")
    print("ready", flush=True)
    time.sleep(30)
""")


def _hold(db: Path, mode: str) -> subprocess.Popen[str]:
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(db), mode],
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "ready"
    return proc


@pytest.fixture()
def built(tmp_path: Path) -> Path:
    db = tmp_path / "foedus.duckdb"
    Foedus(db).close()
    return db


def test_two_processes_read_at_once(built: Path) -> None:
    other = _hold(built, "ro")
    try:
        with Foedus(built) as fx:
            assert fx.store.read_only
            assert fx.defenders("EST", "RUS", "2025-01-01").bound
    finally:
        other.kill()
        other.wait()


def test_a_writer_elsewhere_gives_a_clear_error(built: Path) -> None:
    other = _hold(built, "rw")
    try:
        time.sleep(0.2)
        start = time.monotonic()
        with pytest.raises(StoreError, match="in use by another process"):
            Foedus(built, wait=1.0)
        assert time.monotonic() - start >= 1.0  # it waited for the writer first
    finally:
        other.kill()
        other.wait()
