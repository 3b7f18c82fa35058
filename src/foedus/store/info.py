"""Where the store is, its state, and where each dataset in it was imported from.

Why: the store is derived data. Its registry tables can always be rebuilt from the registry,
and every imported dataset from the release files it was imported from — which foedus records
beside the store (``<store>.imports.json``, written on each import) precisely so that a
damaged store file, which cannot be read, can still be rebuilt
(:func:`foedus.ingest.rebuild_store`).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from foedus.errors import StoreBusyError, StoreCorruptError, StoreError
from foedus.registry.loader import Registry, load_registry
from foedus.settings import cache_dir, foedus_home, store_path
from foedus.store.core import Store
from foedus.store.registry_tables import registry_is_current

__all__ = ["record_import", "recorded_imports", "store_info", "Diagnosis", "diagnose",
           "lock_holder"]


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


def _holder(exc: BaseException) -> str:
    m = re.search(r"\((PID \d+|lock held)\)", str(exc))
    return m.group(1) if m else "another process"


def lock_holder(path: str | Path) -> str | None:
    """Who holds ``path`` so that a writer must wait (``"PID 123"``), or None when a writer
    could open it now (checked by opening it for writing and closing it at once)."""
    if not Path(path).exists():
        return None
    try:
        Store(path).close()
    except StoreBusyError as exc:
        return _holder(exc)
    except StoreError:
        return None
    return None


@dataclass
class Diagnosis:
    """The state of a store file, found by opening it read-only (never changing it).

    ``state``: ``missing``, ``healthy``, ``out of date`` (built from another registry or
    foedus version: the next question rebuilds its registry tables), ``locked`` (a writer
    holds it: ``holder`` says who), ``damaged`` (not readable as a foedus store) or
    ``unreadable`` (permissions)."""

    state: str
    detail: str = ""
    holder: str | None = None
    digest: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"state": self.state, "detail": self.detail, "holder": self.holder,
                "registry_digest": self.digest}


def diagnose(path: str | Path, registry: Registry | None = None) -> Diagnosis:
    """Open ``path`` read-only and say what it is (see :class:`Diagnosis`)."""
    target = Path(path)
    if not target.exists():
        return Diagnosis("missing", "no store yet: the first question builds it")
    try:
        store = Store(target, read_only=True)
    except StoreBusyError as exc:
        who = _holder(exc)
        return Diagnosis("locked", f"a writer ({who}) holds it; readers and writers wait",
                         holder=who)
    except StoreCorruptError as exc:
        return Diagnosis("damaged", str(exc))
    except StoreError as exc:
        return Diagnosis("unreadable", str(exc))
    try:
        digest = store.get_meta("registry_digest")
        if not store.has_table("commitments") or digest is None:
            return Diagnosis("damaged", "it opens but holds no registry tables (an interrupted "
                             "first build?): `foedus store rebuild` builds them", digest=digest)
        reg = registry if registry is not None else load_registry(None)
        if not registry_is_current(store, reg):
            return Diagnosis("out of date", "built from another registry or foedus version: "
                             "the next question rebuilds its registry tables", digest=digest)
        return Diagnosis("healthy", "opens read-only; registry tables current", digest=digest)
    except Exception as exc:  # noqa: BLE001 - any failure to read it is damage
        return Diagnosis("damaged", f"it opens but cannot be read: {str(exc).splitlines()[0]}")
    finally:
        store.close()


def store_info() -> dict[str, Any]:
    """Where things are, and the store's state: opened read-only, never changed."""
    target = store_path()
    info: dict[str, Any] = {"home": str(foedus_home()), "store": str(target),
                            "cache": str(cache_dir(create=False)), "exists": target.exists(),
                            "imports": recorded_imports(target)}
    if target.exists():
        info["size_mb"] = round(target.stat().st_size / 1e6, 1)
    d = diagnose(target)
    info.update(state=d.state, detail=d.detail, holder=d.holder, registry_digest=d.digest)
    return info
