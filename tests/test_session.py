"""The session: one per process, answering from the registry it was given, safe across threads."""

from __future__ import annotations

import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import foedus
from foedus.api import Foedus
from foedus.registry import default_registry_dir
from foedus.session import Session, current


def test_open_returns_a_session_that_the_datasets_reuse(tmp_path: Path,
                                                        shared_data: Path) -> None:
    # One process, one store: foedus.open() and then create_dyadyears() must not open the same
    # file twice (read-only and read-write) and fail with a raw DuckDB error.
    from foedus.datasets import create_dyadyears
    from foedus.ingest import import_dataset

    with foedus.open(tmp_path / "foedus.duckdb") as s:
        assert isinstance(s, Session) and current() is s
        with s.writer() as store:
            import_dataset(store, "isard", shared_data / "isard")
        assert s.store.read_only
        ddy = create_dyadyears(years=(2000, 2000))
        assert ddy.height == 191 * 190  # the COW system of 2000: 191 states, ordered pairs
        assert s.defenders("EST", "RUS", "2025-01-01").bound
    assert current() is None


def test_a_session_answers_from_the_registry_folder_it_was_given(tmp_path: Path) -> None:
    edited = tmp_path / "registry"
    shutil.copytree(default_registry_dir(), edited)
    (edited / "nato.toml").unlink()
    db = tmp_path / "foedus.duckdb"
    with Foedus(db, registry=edited) as s:
        ans = s.defenders("EST", "RUS", "2025-01-01")
        assert ans.bound and not any(e.instrument_id == "nato" for e in ans.bound)
        assert "nato" not in {i["id"] for i in s.instruments()}
    with Foedus(db) as s:  # the same file, the bundled registry: rebuilt, NATO back
        assert any(e.instrument_id == "nato" for e in s.defenders("EST", "RUS",
                                                                  "2025-01-01").bound)


def test_threads_share_one_session(fx: Any) -> None:
    pairs = [("EST", "RUS"), ("POL", "RUS"), ("UKR", "RUS"), ("FIN", "RUS"), ("KUW", "IRN"),
             ("ROK", "PRK"), ("JPN", "CHN"), ("PHI", "CHN")] * 4
    expected = [[e.obligor.abb for e in fx.defenders(t, a, "2024-06-01").bound]
                for t, a in pairs]
    with ThreadPoolExecutor(8) as pool:
        got = list(pool.map(lambda p: [e.obligor.abb for e in
                                       fx.defenders(p[0], p[1], "2024-06-01").bound], pairs))
    assert got == expected


def test_graph_is_cached_per_day_and_answers_reuse_it(fx: Any) -> None:
    g = fx.graph("2025-01-01")
    assert fx.graph("2025-01-01") is g
    assert fx.graph("2024-01-01") is not g
    assert fx.cached_graph(g.day, "all") is g
