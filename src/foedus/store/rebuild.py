"""Rebuilding a damaged store, and where the store is.

Why: the store is derived data. Its registry tables can always be rebuilt from the registry,
and every imported dataset from the release files it was imported from — which foedus records
beside the store (``<store>.imports.json``, written on each import) precisely so that a
damaged store file, which cannot be read, can still be rebuilt. The damaged file is kept
aside, never deleted.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["rebuild_store", "record_import", "recorded_imports", "store_info",
           "RebuildResult"]


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


@dataclass
class RebuildResult:
    """What ``foedus store rebuild`` did."""

    path: str
    instruments: int
    kept_aside: str | None = None
    reimported: dict[str, str] = field(default_factory=dict)
    missing: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"path": self.path, "instruments": self.instruments,
                "kept_aside": self.kept_aside, "reimported": self.reimported,
                "missing": self.missing}


def rebuild_store(path: str | Path | None = None, registry: Any = None) -> RebuildResult:
    """Move the store aside (if any), build a fresh one, re-import what was imported."""
    from foedus.config import store_path
    from foedus.session import Session
    from foedus.sources.importer import import_dataset

    target = Path(path) if path is not None else store_path()
    before = recorded_imports(target)
    kept = None
    if target.exists():
        stamp = dt.datetime.now().strftime("%Y%m%dT%H%M%S")
        aside = target.with_name(f"{target.name}.damaged-{stamp}")
        target.replace(aside)
        wal = Path(f"{target}.wal")
        if wal.exists():
            wal.replace(Path(f"{aside}.wal"))
        kept = str(aside)
    with Session(target, registry=registry, wait=0) as session:
        result = RebuildResult(str(target), len(session.registry), kept)
        for name, source in sorted(before.items()):
            if Path(source).exists():
                with session.writer() as w:
                    import_dataset(w, name, source)
                result.reimported[name] = source
            else:
                result.missing[name] = source
    return result


def store_info() -> dict[str, Any]:
    """Where things are, and the store's state (without opening it for writing)."""
    from foedus.config import cache_dir, foedus_home, store_path
    from foedus.errors import StoreError

    target = store_path()
    info: dict[str, Any] = {"home": str(foedus_home()), "store": str(target),
                            "cache": str(cache_dir()), "exists": target.exists(),
                            "imports": recorded_imports(target)}
    if target.exists():
        info["size_mb"] = round(target.stat().st_size / 1e6, 1)
        try:
            from foedus.store.core import Store

            with Store(target, read_only=True) as s:
                info["registry_digest"] = s.get_meta("registry_digest")
        except StoreError as exc:
            info["problem"] = str(exc)
    return info
