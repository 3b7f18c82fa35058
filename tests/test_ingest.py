"""The import framework: atomic, idempotent imports; fetch over HTTP with pinned checksums."""

from __future__ import annotations

import dataclasses
import functools
import http.server
import io
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from foedus.errors import ImportDataError, NotFoundError, UsageError
from foedus.ingest import fetch_dataset, import_dataset
from foedus.sources import catalog
from foedus.sources.download import cached_path
from foedus.store import Store
from foedus.store.datasets import (
    coverage,
    dataset_status,
    provenance,
    put_dataset,
    read_table,
)

NMC = "NMC-60-abridged.csv"


def _snapshot(store: Store) -> dict[str, Any]:
    """Everything an import may touch: provenance tables and the dataset tables' contents."""
    names = [r[0] for r in store.con.execute(
        "SELECT table_name FROM information_schema.tables ORDER BY table_name").fetchall()]
    snap: dict[str, Any] = {"tables": names}
    for n in names:
        if n.startswith("ds_"):
            snap[n] = store.con.execute(f'SELECT * FROM "{n}"').fetchall()
    return snap


@pytest.fixture()
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store(tmp_path / "foedus.duckdb")
    yield s
    s.close()


def _broken_nmc(shared_data: Path, tmp_path: Path) -> Path:
    data = (shared_data / "cow-nmc-6.0" / NMC).read_bytes()
    bad = tmp_path / "broken" / NMC
    bad.parent.mkdir()
    bad.write_bytes(data[: len(data) // 2])
    return bad


def test_failed_import_leaves_store_unchanged(store: Store, shared_data: Path,
                                              tmp_path: Path) -> None:
    import_dataset(store, "nmc", shared_data / "cow-nmc-6.0")
    before = _snapshot(store)
    with pytest.raises(ImportDataError) as info:
        import_dataset(store, "nmc", _broken_nmc(shared_data, tmp_path))
    assert info.value.problems[0].file.endswith(NMC)
    assert _snapshot(store) == before


def test_failure_inside_the_write_rolls_back(store: Store, shared_data: Path) -> None:
    import_dataset(store, "cow-states", shared_data / "cow-states-2016")
    before = _snapshot(store)
    spec = catalog.get_spec("cow-states")
    good = spec.reader(shared_data / "cow-states-2016", None)
    states = good["states"].with_columns(pl.col("statenme").str.to_uppercase())

    class Exploding:
        height = 1
        schema: dict[str, Any] = {}

        def to_arrow(self) -> Any:
            raise RuntimeError("disk full")

    with pytest.raises(RuntimeError, match="disk full"):
        put_dataset(store, spec, {"states": states, "system": Exploding()},  # type: ignore[dict-item]
                    {"states2016.csv": "0" * 64})
    assert _snapshot(store) == before


def test_same_files_twice_change_nothing(store: Store, shared_data: Path) -> None:
    first = import_dataset(store, "mid", shared_data / "cow-mid-5.0")
    before = _snapshot(store)
    again = import_dataset(store, "mid", shared_data / "cow-mid-5.0")
    assert first.changed and not again.changed
    assert _snapshot(store) == before


def test_single_file_and_status(store: Store, shared_data: Path) -> None:
    result = import_dataset(store, "war", shared_data / "cow-war-4.0" / "directed_dyadic_war.csv")
    assert result.tables == {"directed_dyadic": 1364} and result.pinned
    [status] = dataset_status(store)
    assert status["dataset"] == "war" and status["version"] == "4.0"
    assert status["tables"] == ["directed_dyadic"] and status["rows"] == 1364
    assert status["coverage"] == [1816, 2007] and status["pinned"]  # observed; wars 1823-2003
    assert status["checksum"] == catalog.get_spec("war").file("directed_dyadic_war.csv").sha256
    prov = provenance(store, "war")
    assert prov["files"][0]["file"] == "directed_dyadic_war.csv"
    with pytest.raises(NotFoundError, match="foedus data import war PATH"):
        read_table(store, "war", "inter")


def test_unknown_dataset_and_missing_files(store: Store, tmp_path: Path) -> None:
    with pytest.raises(NotFoundError, match="known datasets"):
        import_dataset(store, "alliances", tmp_path)
    with pytest.raises(ImportDataError, match="release file missing"):
        import_dataset(store, "mid", tmp_path)
    with pytest.raises(NotFoundError, match="not in the store"):
        coverage(store, "nmc")


# --- fetch over a real local HTTP server -------------------------------------------------

class _Handler(http.server.SimpleHTTPRequestHandler):
    requests: list[str] = []

    def log_message(self, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        type(self).requests.append(self.path)
        super().do_GET()


@pytest.fixture()
def serve() -> Iterator[Any]:
    servers: list[http.server.ThreadingHTTPServer] = []
    _Handler.requests = []

    def start(directory: Path) -> str:
        handler = functools.partial(_Handler, directory=str(directory))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield start
    for s in servers:
        s.shutdown()
        s.server_close()


def test_fetch_from_local_server_verifies_and_caches(store: Store, shared_data: Path,
                                                     serve: Any) -> None:
    spec = catalog.get_spec("nmc")
    cached_path(spec.files[0]).unlink(missing_ok=True)
    url = serve(shared_data / "cow-nmc-6.0")
    result = fetch_dataset(store, "nmc", base_url=url)
    assert result.changed and result.pinned and result.tables == {"nmc": 15951}
    assert cached_path(spec.files[0]).is_file()
    assert _Handler.requests == ["/NMC-60-abridged.csv"]
    again = fetch_dataset(store, "nmc", base_url=url)  # served from the cache
    assert not again.changed and len(_Handler.requests) == 1


def test_fetch_checksum_mismatch_imports_nothing(store: Store, shared_data: Path,
                                                 tmp_path: Path, serve: Any) -> None:
    spec = catalog.get_spec("rivalries")
    cached_path(spec.files[0]).unlink(missing_ok=True)
    mirror = tmp_path / "mirror"
    mirror.mkdir()
    data = (shared_data / "rivalries" / "strategic_rivalries.csv").read_bytes()
    (mirror / "strategic_rivalries.csv").write_bytes(data.replace(b"Russia", b"Ruritania"))
    before = _snapshot(store)
    with pytest.raises(ImportDataError, match="SHA-256 of strategic_rivalries.csv is"):
        fetch_dataset(store, "rivalries", base_url=serve(mirror))
    assert _snapshot(store) == before
    assert not cached_path(spec.files[0]).exists()


def test_fetch_extracts_from_nested_archive(store: Store, shared_data: Path, tmp_path: Path,
                                            serve: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as z:
        z.write(shared_data / "cow-nmc-6.0" / NMC, f"NMC-60-abridged/{NMC}")
    site = tmp_path / "site"
    site.mkdir()
    with zipfile.ZipFile(site / "NMC_Documentation-6.0.zip", "w") as z:
        z.writestr("NMC-60-abridged.zip", inner.getvalue())
        z.writestr("README.txt", "codebook")
    url = serve(site)
    spec = catalog.get_spec("nmc")
    local = dataclasses.replace(
        spec, files=(dataclasses.replace(spec.files[0], url=f"{url}/NMC_Documentation-6.0.zip"),))
    monkeypatch.setitem(catalog.DATASETS, "nmc", local)
    cached_path(spec.files[0]).unlink(missing_ok=True)
    result = fetch_dataset(store, "nmc")
    assert result.tables == {"nmc": 15951}
    assert _Handler.requests == ["/NMC_Documentation-6.0.zip"]


def test_fetch_without_official_download_needs_base_url(store: Store) -> None:
    with pytest.raises(UsageError, match="--base-url"):
        fetch_dataset(store, "peacesciencer")


def test_fetch_unreachable_mirror_is_a_data_error(store: Store) -> None:
    cached_path(catalog.get_spec("gw").files[0]).unlink(missing_ok=True)
    with pytest.raises(ImportDataError, match="download failed"):
        fetch_dataset(store, "gw", base_url="http://127.0.0.1:9", timeout=5)
