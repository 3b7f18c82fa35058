"""Shared fixtures: the shared datasets folder, fresh stores, an open foedus session."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import polars as pl
import pytest

REPO = Path(__file__).resolve().parents[1]

# Tests never touch the user's own data home: every run gets its own, before anything reads it
# (removed when the run ends: pytest_unconfigure).
TEST_HOME = tempfile.mkdtemp(prefix="foedus-test-home-")
os.environ["FOEDUS_HOME"] = TEST_HOME
os.environ.pop("FOEDUS_STORE", None)
_EXIT_STATUS: dict[str, int] = {}


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The real datasets (``$FOEDUS_SHARED_DATA`` or ``<repo>/../shared/data``)."""
    path = Path(os.environ.get("FOEDUS_SHARED_DATA", REPO.parent / "shared" / "data"))
    if not path.is_dir():
        if os.environ.get("FOEDUS_REQUIRE_DATA") == "1":
            pytest.fail(f"shared data not found at {path} (FOEDUS_REQUIRE_DATA=1)")
        pytest.skip(f"shared data not found at {path}")
    return path


@pytest.fixture()
def tmp_store(tmp_path: Path) -> Iterator[object]:
    """A fresh, empty store in a temporary folder."""
    from foedus.store import Store

    store = Store(tmp_path / "foedus.duckdb")
    yield store
    store.close()


@pytest.fixture(scope="session")
def fx(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    """One foedus session over the bundled registry, in a temporary store."""
    from foedus.api import Foedus

    session = Foedus(tmp_path_factory.mktemp("store") / "foedus.duckdb")
    yield session
    session.close()



# -- researcher-dataset inputs: the engine reads tables through foedus.datasets.Inputs; here
# they come straight from the shared folder (the same tables the importers put in the store),
# so dataset tests run whether or not a store has been built.
PS_TABLES = ("atop_alliance", "cow_nmc", "cow_contdir", "cow_capitals", "cow_majors",
             "cow_war_inter", "td_rivalries", "false_cow_dyads", "false_gw_dyads")

def read_inputs(shared: Path) -> Any:
    tables: dict[tuple[str, str], pl.DataFrame] = {}
    for name in ("cw_system", "gw_system"):
        tables[("isard", name)] = pl.read_csv(shared / "isard" / f"{name}.csv",
                                              try_parse_dates=True)
    for name in PS_TABLES:
        tables[("peacesciencer", name)] = pl.read_parquet(shared / "peacesciencer" /
                                                          f"{name}.parquet")
    tables[("ideal-points", "ideal_points")] = pl.read_csv(
        shared / "un-ideal-points-2025" / "IdealpointsJuly2025.csv", infer_schema_length=5000)
    # the curated registry, through a real (in-memory) store as the engine reads it
    from foedus.api import Foedus
    from foedus.store.registry_tables import registry_commitments

    with Foedus(":memory:") as session:
        tables[("registry", "commitments")] = registry_commitments(session.store)
    from foedus.datasets import Inputs

    return Inputs.from_tables(tables, versions={"isard": "0.2.0", "peacesciencer": "1.2.9"})


@pytest.fixture(scope="session")
def ps_inputs(shared_data: Path) -> Any:
    """Inputs over the shared tables, read once."""
    return read_inputs(shared_data)




@pytest.fixture(scope="session")
def fx_atop(tmp_path_factory: pytest.TempPathFactory, shared_data: Path) -> Iterator[object]:
    """A session over the bundled registry with ATOP 5.1 imported (read once per run)."""
    from foedus.api import Foedus
    from foedus.ingest import import_dataset

    session = Foedus(tmp_path_factory.mktemp("atopstore") / "foedus.duckdb")
    with session.writer() as store:
        import_dataset(store, "atop", shared_data / "atop-5.1")
    yield session
    session.close()


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: Any) -> None:
    """Say loudly when the browser tests did not run: a green run without them has not
    checked the pages (README: they need Chromium)."""
    skipped = [r for r in terminalreporter.stats.get("skipped", [])
               if "test_browser" in getattr(r, "nodeid", "")]
    if skipped:
        terminalreporter.write_sep(
            "!", f"{len(skipped)} BROWSER TESTS SKIPPED: no Chromium found; install it "
            "(apt-get install chromium) or set FOEDUS_CHROMIUM=/path/to/chrome", red=True,
            bold=True)


def pytest_sessionfinish(session: Any, exitstatus: int) -> None:
    _EXIT_STATUS["status"] = int(exitstatus)


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config: Any) -> None:
    """Remove the run's data home, then end the process with pytest's status, without the
    interpreter's teardown. Why: after a green run the process sometimes aborted at exit
    ("terminate called after throwing an instance of ...", exit 134; twice in about ten full
    runs on 7 December 2026): a daemon thread (the test client's worker threads) still inside
    DuckDB's C++ code when Python finalises is ended by ``pthread_exit``, whose unwinding a
    ``catch (...)`` in the library turns into ``std::terminate``. Every result is reported by
    then; a crash after the summary must not turn a passing run red, nor a failing one into a
    different code."""
    shutil.rmtree(TEST_HOME, ignore_errors=True)
    if "status" in _EXIT_STATUS and os.environ.get("FOEDUS_TEST_NO_FAST_EXIT") != "1":
        reporter = config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:  # its writer buffers the last line ("N passed in ...")
            reporter.flush()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(_EXIT_STATUS["status"])
