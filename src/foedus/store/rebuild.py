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
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["rebuild_store", "record_import", "recorded_imports", "store_info",
           "RebuildResult", "Diagnosis", "diagnose", "lock_holder"]


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
    #: what the old store was (healthy, out of date, damaged, ...; None: there was none)
    was: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"path": self.path, "instruments": self.instruments,
                "kept_aside": self.kept_aside, "was": self.was, "reimported": self.reimported,
                "missing": self.missing}


def lock_holder(path: str | Path) -> str | None:
    """Who holds ``path`` so that a writer must wait (``"PID 123"``), or None when a writer
    could open it now (checked by opening it for writing and closing it at once)."""
    from foedus.errors import StoreBusyError, StoreError
    from foedus.store.core import Store

    if not Path(path).exists():
        return None
    try:
        Store(path).close()
    except StoreBusyError as exc:
        m = re.search(r"\((PID \d+|lock held)\)", str(exc))
        return m.group(1) if m else "another process"
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


def diagnose(path: str | Path, registry: Any = None) -> Diagnosis:
    """Open ``path`` read-only and say what it is (see :class:`Diagnosis`)."""
    from foedus.errors import StoreBusyError, StoreCorruptError, StoreError
    from foedus.registry.loader import load_registry
    from foedus.store.core import Store
    from foedus.store.registry_tables import registry_is_current

    target = Path(path)
    if not target.exists():
        return Diagnosis("missing", "no store yet: the first question builds it")
    try:
        store = Store(target, read_only=True)
    except StoreBusyError as exc:
        m = re.search(r"\((PID \d+|lock held)\)", str(exc))
        who = m.group(1) if m else "another process"
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


def _writable(folder: Path) -> str | None:
    """Why ``folder`` cannot take a new file (None when it can): probed by writing one."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".foedus-probe-"):
            pass
    except OSError as exc:
        return exc.strerror or str(exc)
    return None


def rebuild_store(path: str | Path | None = None, registry: Any = None) -> RebuildResult:
    """Build a fresh store beside the old one, re-import what was imported, then put it in
    place. The old file is kept aside — as ``.damaged-STAMP`` when it could not be read,
    ``.previous-STAMP`` when it was healthy (its data might not all be re-importable) — and
    never deleted. Refused, touching nothing, when the folder is read-only or another process
    holds the store."""
    from foedus.config import store_path
    from foedus.errors import StoreBusyError, StoreReadOnlyError
    from foedus.session import Session
    from foedus.sources.importer import import_dataset

    target = Path(path) if path is not None else store_path()
    why = _writable(target.parent)
    if why is not None:
        raise StoreReadOnlyError(f"cannot rebuild {target}: its folder is not writable "
                                 f"({why}); nothing was changed")
    state = diagnose(target, registry) if target.exists() else Diagnosis("missing")
    if state.state == "locked":
        raise StoreBusyError(f"cannot rebuild {target}: {state.holder} holds it; close it "
                             "(a server, a notebook, an import) and try again; nothing was "
                             "changed")
    before = recorded_imports(target)
    stamp = dt.datetime.now().strftime("%Y%m%dT%H%M%S")
    fresh = target.with_name(f"{target.name}.rebuilding-{stamp}")
    try:
        with Session(fresh, registry=registry, wait=0) as session:
            result = RebuildResult(str(target), len(session.registry))
            for name, source in sorted(before.items()):
                if Path(source).exists():
                    with session.writer() as w:
                        import_dataset(w, name, source)
                    result.reimported[name] = source
                else:
                    result.missing[name] = source
    except BaseException:
        for f in (fresh, Path(f"{fresh}.wal")):
            f.unlink(missing_ok=True)
        raise
    if target.exists():
        label = "damaged" if state.state in ("damaged", "unreadable") else "previous"
        aside = target.with_name(f"{target.name}.{label}-{stamp}")
        target.replace(aside)
        wal = Path(f"{target}.wal")
        if wal.exists():
            wal.replace(Path(f"{aside}.wal"))
        result.kept_aside = str(aside)
        result.was = state.state
    fresh.replace(target)
    _imports_file(fresh).unlink(missing_ok=True)
    if before:
        _imports_file(target).write_text(json.dumps(before, indent=2, sort_keys=True))
    return result


def store_info() -> dict[str, Any]:
    """Where things are, and the store's state: opened read-only, never changed."""
    from foedus.config import cache_dir, foedus_home, store_path

    target = store_path()
    info: dict[str, Any] = {"home": str(foedus_home()), "store": str(target),
                            "cache": str(cache_dir()), "exists": target.exists(),
                            "imports": recorded_imports(target)}
    if target.exists():
        info["size_mb"] = round(target.stat().st_size / 1e6, 1)
    d = diagnose(target)
    info.update(state=d.state, detail=d.detail, holder=d.holder, registry_digest=d.digest)
    return info
