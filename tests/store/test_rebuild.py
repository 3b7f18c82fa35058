"""The store is built from the registry and rebuilt exactly when the registry changes."""

from __future__ import annotations

import shutil
from pathlib import Path

from foedus.api import Foedus
from foedus.registry import default_registry_dir


def test_rebuilds_only_when_a_registry_file_changes(tmp_path: Path) -> None:
    reg = tmp_path / "registry"
    shutil.copytree(default_registry_dir(), reg)
    db = tmp_path / "foedus.duckdb"
    with Foedus(db, registry=reg) as fx:
        assert fx.rebuilt
        assert any(i["id"] == "anzus" for i in fx.instruments())
    with Foedus(db, registry=reg) as fx:
        assert not fx.rebuilt
    anzus = reg / "anzus.toml"
    anzus.write_text(anzus.read_text().replace('short = "ANZUS"', 'short = "ANZUS Pact"'))
    with Foedus(db, registry=reg) as fx:
        assert fx.rebuilt
        assert fx.instrument("anzus")["short"] == "ANZUS Pact"


def test_a_broken_registry_leaves_the_store_as_it_was(tmp_path: Path) -> None:
    import pytest

    from foedus.errors import RegistryError

    reg = tmp_path / "registry"
    shutil.copytree(default_registry_dir(), reg)
    db = tmp_path / "foedus.duckdb"
    with Foedus(db, registry=reg) as fx:
        before = len(fx.instruments())
    (reg / "anzus.toml").write_text("id = 'anzus'\nname = 'broken")
    with pytest.raises(RegistryError, match=r"anzus.toml:2"):
        Foedus(db, registry=reg)
    from foedus.store import Store

    with Store(db) as store:
        row = store.con.execute("SELECT count(*) FROM instruments").fetchone()
        assert row is not None and row[0] == before
