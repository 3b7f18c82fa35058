"""Where the store is, its state, and where each dataset in it was imported from.

Why: the store is derived data. Its registry tables can always be rebuilt from the registry,
and every imported dataset from the release files it was imported from — which foedus records
beside the store (``<store>.imports.json``, written on each import) precisely so that a
damaged store file, which cannot be read, can still be rebuilt
(:func:`foedus.ingest.rebuild_store`).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from foedus.errors import StoreError
from foedus.settings import cache_dir, foedus_home, store_path
from foedus.store.core import Store

__all__ = ["record_import", "recorded_imports", "store_info"]


def _imports_file(store_path: str | Path) -> Path:
    return Path(f"{store_path}.imports.json")


def recorded_imports(store_path: str | Path) -> dict[str, str]:
    """Dataset -> the path it was last imported from (as recorded beside the store)."""
    f = _imports_file(store_path)
    try:
        data = json.loads(f.read_text())
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def record_import(store_path: str | Path, dataset: str, source: str | Path) -> None:
    """Remember where ``dataset`` was imported from (best effort: never fails an import)."""
    if str(store_path) == ":memory:":
        return
    data = recorded_imports(store_path)
    data[dataset] = str(Path(source).expanduser().resolve())
    f = _imports_file(store_path)
    try:
        tmp = f.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, indent=2, sort_keys=True))
        tmp.replace(f)
    except OSError:
        pass


def store_info() -> dict[str, Any]:
    """Where things are, and the store's state (without opening it for writing)."""
    target = store_path()
    info: dict[str, Any] = {"home": str(foedus_home()), "store": str(target),
                            "cache": str(cache_dir()), "exists": target.exists(),
                            "imports": recorded_imports(target)}
    if target.exists():
        info["size_mb"] = round(target.stat().st_size / 1e6, 1)
        try:
            with Store(target, read_only=True) as s:
                info["registry_digest"] = s.get_meta("registry_digest")
        except StoreError as exc:
            info["problem"] = str(exc)
    return info
