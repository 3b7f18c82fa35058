"""Fixtures for the explorer: a temporary store with real data, the app in-process (FastAPI's
TestClient) and a real uvicorn server on a free loopback port (for the browser tests)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi")

TOKEN = "test-token-0123456789abcdef"
ARTIFACTS = Path(__file__).parent / "artifacts"


@pytest.fixture(scope="session")
def token() -> str:
    """The API token the test servers are configured with."""
    return TOKEN


@pytest.fixture(scope="session")
def web_home(tmp_path_factory: pytest.TempPathFactory, shared_data: Path) -> Path:
    """A foedus home whose store holds the registry plus ATOP, isard and peacesciencer (for
    the capitals of every era), imported from the publishers' files."""
    from foedus.api import Foedus
    from foedus.ingest import import_dataset

    home = tmp_path_factory.mktemp("webhome")
    with Foedus(home / "foedus.duckdb") as session, session.writer() as store:
        import_dataset(store, "atop", shared_data / "atop-5.1")
        import_dataset(store, "isard", shared_data / "isard")
        import_dataset(store, "peacesciencer", shared_data / "peacesciencer")
    return home


@pytest.fixture(scope="session")
def app_client(web_home: Path) -> Callable[[], Any]:
    """Makes a new app in-process over the temporary store, with an API token configured: a
    TestClient to enter (its lifespan opens the app's session and closes it on exit)."""
    warnings.filterwarnings("ignore", category=DeprecationWarning)
    from fastapi.testclient import TestClient

    from foedus.web import Settings, create_app

    def make() -> Any:
        app = create_app(Settings(store=web_home / "foedus.duckdb", token=TOKEN,
                                  scenarios_dir=web_home / "scenarios"))
        return TestClient(app, raise_server_exceptions=False)

    return make


@pytest.fixture(scope="session")
def client(app_client: Callable[[], Any]) -> Iterator[Any]:
    """The app in-process over the temporary store, shared by the tests that only ask."""
    with app_client() as c:
        yield c


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def server(web_home: Path) -> Iterator[str]:
    """``foedus serve`` in a subprocess on 127.0.0.1 and a free port; its base URL."""
    pytest.importorskip("uvicorn")
    import httpx

    port = _free_port()
    env = {**os.environ, "FOEDUS_HOME": str(web_home), "FOEDUS_WEB_TOKEN": TOKEN,
           "PYTHONPATH": os.pathsep.join(p for p in (str(Path(__file__).parents[2] / "src"),
                                                     os.environ.get("PYTHONPATH", "")) if p)}
    env.pop("FOEDUS_STORE", None)
    log = open(web_home / "server.log", "wb")  # noqa: SIM115 - closed at teardown
    proc = subprocess.Popen([sys.executable, "-m", "foedus.cli", "serve", "--host", "127.0.0.1",
                             "--port", str(port), "--log-level", "warning"],
                            env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(base + "/api/v1/datasets", timeout=2).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            log.close()
            pytest.fail("the server did not start:\n"
                        + (web_home / "server.log").read_text(errors="replace"))
        time.sleep(0.2)
    yield base
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()
