"""The command line's answer cache: a read question asked again is answered without the engine.

Why: a fresh process that answers ``foedus defenders EST --against RUS`` through the engine
imports polars, numpy and DuckDB and opens the store (about 0.7 s), while a terminal user
expects the time of ``python -c "import duckdb, click"`` (0.1 s). The commands print only the
answer's ``to_json()`` (the contract), so the JSON the engine returned can be kept on disk and
printed again, by the same display code, without importing the engine. This is a cache of the
engine's answer — never a second implementation of a rule: an answer is only ever written by
the engine, and read back only under a key that names everything the answer depends on:

- the question and its raw arguments, with the day a command defaults to (today) resolved;
- the store: its path, the file's (and DuckDB's write-ahead log's) device, inode, size and
  modification time, and a digest of its headers (DuckDB counts checkpoints there) — every
  import, rebuild or registry-table refresh writes the file;
- the foedus package: every file under it (code, curated registry, state tables) by path, size
  and modification time, so an edited checkout, a new registry file or an upgrade misses;
- the Python and the installed distributions (``*.dist-info`` names carry their versions), so
  another environment or an upgraded dependency misses.

Files live in ``<cache>/answers/<stamp>/`` (``foedus store info`` prints the folder; ``foedus
store rebuild`` empties it; deleting it is always safe), where ``<stamp>`` digests the store,
package and environment parts: a new stamp removes the older ones, and a folder holds at most
:data:`MAX_ANSWERS` answers. Writes are atomic (a temporary file renamed into place); a cache
that cannot be written (a read-only home) is skipped without a word; a damaged file is ignored
and replaced. Errors are never cached: only an answer the engine returned is written.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import shutil
import sys
import zlib
from pathlib import Path
from typing import Any

import foedus
from foedus.errors import FoedusError
from foedus.settings import cache_dir, store_path

__all__ = ["answer", "cached", "remember", "as_json", "answers_dir", "clear", "count", "read_entry",
           "ENGINE", "MAX_ANSWERS"]

#: answers kept per stamp; beyond it the oldest written are removed
MAX_ANSWERS = 500
_FORMAT = 1  # the file layout; a new layout misses every older file


def as_json(payload: dict[str, Any]) -> dict[str, Any]:
    """``payload`` as the cache keeps it (JSON, non-JSON values as text, as ``--json``
    prints them): the commands render this form whether it came from the engine or the
    cache, so both print the same bytes."""
    data: dict[str, Any] = json.loads(json.dumps(payload, ensure_ascii=False, default=str))
    return data


def answers_dir() -> Path:
    """The folder of cached answers (``<cache>/answers``)."""
    return cache_dir(create=False) / "answers"  # made by the writer when it writes


def _stat(path: Path) -> list[int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return [st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns]


def _head(path: Path) -> str | None:
    """A digest of the store file's first 12 KiB: DuckDB's headers, whose checkpoint counter
    changes with every write that reaches the file, even one a coarse file clock would not
    tell from the previous one."""
    try:
        with path.open("rb") as fh:
            return hashlib.sha256(fh.read(12288)).hexdigest()
    except OSError:
        return None


def _package_files() -> str:
    """Every file of the running foedus package (bytecode aside) by path, size and time."""
    h = hashlib.sha256()
    stack = [Path(foedus.__file__).parent]
    while stack:
        folder = stack.pop()
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
        for e in entries:
            if e.is_dir(follow_symlinks=False):
                if e.name != "__pycache__":
                    stack.append(Path(e.path))
                continue
            st = e.stat()
            h.update(f"{e.path}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return h.hexdigest()


def _environment() -> str:
    """The Python and the distributions installed where it imports from (folders without
    any, such as the working directory ``python -m`` puts first, are left out: a question
    asked from another folder is the same question)."""
    h = hashlib.sha256(f"{sys.version}\0{sys.prefix}\n".encode())
    for entry in sys.path:
        with contextlib.suppress(OSError):
            names = sorted(n for n in os.listdir(entry or ".")
                           if n.endswith((".dist-info", ".egg-info")))
            if names:
                h.update(f"{entry}\0{' '.join(names)}\n".encode())
    return h.hexdigest()


@functools.cache
def _code_and_environment() -> tuple[str, str]:
    """The package and environment parts of the stamp, read once per process: a miss reads
    the stamp twice (to look, then to keep the engine's answer), and only the store can have
    changed in between (the session may build it); the code that answered is the code this
    process loaded."""
    return _package_files(), _environment()


def _stamp(store: Path) -> str:
    """What every answer depends on besides the question: the store, the code and registry,
    the environment."""
    parts = [_FORMAT, str(store.resolve()), _stat(store), _head(store),
             _stat(Path(f"{store}.wal")), *_code_and_environment()]
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()[:32]


def _question(name: str, args: dict[str, Any]) -> str:
    return json.dumps([name, sorted(args.items())], ensure_ascii=False, default=str)


def _file(stamp: str, question: str) -> Path:
    digest = hashlib.sha256(question.encode()).hexdigest()[:32]
    return answers_dir() / stamp / f"{digest}.json.z"


def read_entry(path: Path) -> Any:
    """One kept entry: ``{"question", "stamp", "payload"}``, zlib-compressed JSON (a
    defenders answer of 280 kB keeps in about 20 kB)."""
    return json.loads(zlib.decompress(path.read_bytes()))


def cached(name: str, args: dict[str, Any]) -> dict[str, Any] | None:
    """The answer the engine gave to this question about the store and code as they are now,
    or None (never asked, something changed, or the cache cannot be read)."""
    try:
        store = store_path()
        if not store.exists():
            return None
        stamp, question = _stamp(store), _question(name, args)
        data = read_entry(_file(stamp, question))
    except (OSError, ValueError, zlib.error, FoedusError):
        return None
    if not isinstance(data, dict) or data.get("question") != question \
            or data.get("stamp") != stamp or not isinstance(data.get("payload"), dict):
        return None  # damaged or not this question: asked again and rewritten
    payload: dict[str, Any] = data["payload"]
    return payload


def remember(name: str, args: dict[str, Any], payload: dict[str, Any], session: Any) -> None:
    """Keep the engine's answer (:func:`as_json` form) for the next process.

    Called while ``session`` still holds the store open (no writer can change it meanwhile),
    so the store's identity read here is the one the answer was computed from. A store in
    memory (a read-only home) or a store other than the default one is not cached.
    """
    try:
        store = store_path()
        if session.store.path == ":memory:" or Path(session.path) != store:
            return
        stamp, question = _stamp(store), _question(name, args)
        target = _file(stamp, question)
        folder = target.parent
        if not folder.is_dir():
            folder.mkdir(parents=True, exist_ok=True)
            for old in folder.parent.iterdir():  # answers about an older store or code
                if old.name != stamp:
                    shutil.rmtree(old, ignore_errors=True)
        tmp = folder / f".{target.stem}.{os.getpid()}.tmp"
        try:
            entry = {"question": question, "stamp": stamp, "payload": payload}
            tmp.write_bytes(zlib.compress(json.dumps(entry, ensure_ascii=False).encode(), 1))
            os.replace(tmp, target)
        finally:
            tmp.unlink(missing_ok=True)
        _prune(folder)
    except (OSError, FoedusError):
        return  # a home that cannot be written answers without a cache


#: question -> the engine function that answers it (the one the :class:`~foedus.api.Foedus`
#: method of the same name calls), imported only when the cache cannot answer
ENGINE: dict[str, tuple[str, str]] = {
    "defenders": ("foedus.query.defenders", "defenders"),
    "commitments": ("foedus.query.commitments", "commitments"),
    "forums": ("foedus.query.forums", "forums"),
    "diff": ("foedus.query.diff", "diff"),
    "status": ("foedus.query.status", "status"),
    "instruments": ("foedus.query.instruments", "instruments"),
    "instrument": ("foedus.query.instruments", "instrument"),
}


def answer(name: str, **args: Any) -> dict[str, Any]:
    """The answer to question ``name`` (:data:`ENGINE`) called with ``args``, as
    :func:`as_json`: from the cache when the engine answered this call about this store and
    code before; otherwise from the engine, on a :class:`~foedus.session.Session` of the
    default store, and kept. ``args`` are both the key and the engine call's keyword
    arguments, so the key cannot leave out an argument the answer depends on (a day the
    command defaults must be resolved before: today's date, not None)."""
    payload = cached(name, args)
    if payload is not None:
        return payload
    import importlib

    from foedus.session import Session  # the engine, only when the cache cannot answer

    module, attr = ENGINE[name]
    engine = getattr(importlib.import_module(module), attr)
    with Session() as session:
        payload = as_json(engine(session, **args).to_json())
        remember(name, args, payload, session)
    return payload


def _prune(folder: Path) -> None:
    """At most :data:`MAX_ANSWERS` answers: the oldest written go first."""
    files = [p for p in folder.iterdir() if p.name.endswith(".json.z")]
    if len(files) <= MAX_ANSWERS:
        return
    files.sort(key=lambda p: p.stat().st_mtime_ns)
    for p in files[: len(files) - MAX_ANSWERS]:
        p.unlink(missing_ok=True)


def clear() -> int:
    """Remove every cached answer; the number removed."""
    try:
        folder = answers_dir()
        n = sum(1 for _ in folder.rglob("*.json.z"))
        shutil.rmtree(folder, ignore_errors=True)
    except (OSError, FoedusError):
        return 0
    return n


def count() -> int:
    """How many answers are cached."""
    try:
        return sum(1 for _ in answers_dir().rglob("*.json.z"))
    except (OSError, FoedusError):
        return 0
