"""Download a dataset's release files from its publisher, verified against the pinned SHA-256.

Why apart from the import (:mod:`foedus.ingest`): this is the only network code of foedus. It
downloads each release file from the publisher's official URL (or a mirror given as
``base_url``), caches it under ``foedus.settings.cache_dir()`` keyed by its SHA-256, refuses a
file whose SHA-256 differs from the pinned release, and hands the verified files over as one
release folder; it never writes the store.
"""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import tempfile
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from foedus.errors import ImportDataError, InvalidInputError, Problem, UsageError
from foedus.settings import cache_dir
from foedus.sources.base import DatasetFile, DatasetSpec, ProgressCallback

__all__ = ["sha256_file", "cached_path", "check_base_url", "fetched_release"]

_CHUNK = 1 << 16
_USER_AGENT = "foedus (https://github.com/foedus; dataset fetch)"


def sha256_file(path: Path) -> str:
    """The SHA-256 of a file, hex."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(_CHUNK), b""):
            h.update(chunk)
    return h.hexdigest()


def cached_path(dfile: DatasetFile) -> Path:
    """Where the verified copy of ``dfile`` lives in the cache (keyed by its SHA-256)."""
    return cache_dir() / "sha256" / dfile.sha256 / dfile.name


def check_base_url(base_url: str | None) -> None:
    """Refuse a mirror address urllib cannot open (no http, https or file scheme, no host),
    before anything is downloaded."""
    if base_url is None:
        return
    parts = urllib.parse.urlsplit(base_url)
    if parts.scheme not in ("http", "https", "file") or (
            parts.scheme != "file" and not parts.netloc):
        raise InvalidInputError(f"base URL {base_url!r}: give the http://, https:// or "
                                "file:// address of the folder holding the release files")


def _file_url(dfile: DatasetFile, base_url: str | None, dataset: str) -> tuple[str, bool]:
    """The URL to download and whether it is an archive holding ``dfile.member``."""
    if base_url:
        return base_url.rstrip("/") + "/" + urllib.parse.quote(dfile.name), False
    if dfile.url is None:
        raise UsageError(
            f"{dfile.name} of dataset {dataset!r} has no official download in this format; "
            f"import a copy with `foedus data import {dataset} PATH`, or fetch from a mirror "
            "with `--base-url URL`"
        )
    return dfile.url, dfile.member is not None


def _download(url: str, dest: Path, label: str, progress: ProgressCallback | None,
              timeout: float) -> None:
    try:
        req = urllib.request.Request(url, headers={"User-Agent": _USER_AGENT})
        with urllib.request.urlopen(req, timeout=timeout) as resp, open(dest, "wb") as out:
            total = resp.headers.get("Content-Length")
            size = int(total) if total and total.isdigit() else None
            done = 0
            for chunk in iter(lambda: resp.read(_CHUNK), b""):
                out.write(chunk)
                done += len(chunk)
                if progress is not None:
                    progress(label, done, size)
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise ImportDataError(
            Problem(url, None, None, f"download failed: {exc}; nothing was imported")
        ) from exc


def _extract(archive: Path, member: str, dest: Path, url: str) -> None:
    """Copy the entry whose base name is ``member`` (also inside nested zips) to ``dest``."""

    def search(zf: zipfile.ZipFile) -> bytes | None:
        names = zf.namelist()
        for n in names:
            if n.rsplit("/", 1)[-1] == member:
                return zf.read(n)
        for n in names:
            if n.lower().endswith(".zip"):
                with zipfile.ZipFile(io.BytesIO(zf.read(n))) as inner:
                    found = search(inner)
                    if found is not None:
                        return found
        return None

    try:
        with zipfile.ZipFile(archive) as zf:
            data = search(zf)
    except zipfile.BadZipFile as exc:
        raise ImportDataError(
            Problem(url, None, None, f"not a zip archive: {exc}; nothing was imported")
        ) from exc
    if data is None:
        raise ImportDataError(
            Problem(url, None, None, f"the archive holds no {member!r}; nothing was imported")
        )
    dest.write_bytes(data)


def _fetch_file(dfile: DatasetFile, spec: DatasetSpec, base_url: str | None,
                progress: ProgressCallback | None, timeout: float,
                archives: dict[str, Path], tmp: Path) -> Path:
    final = cached_path(dfile)
    if final.is_file() and sha256_file(final) == dfile.sha256:
        return final
    url, is_archive = _file_url(dfile, base_url, spec.name)
    if is_archive:
        if url not in archives:
            archives[url] = tmp / f"archive{len(archives)}.zip"
            _download(url, archives[url], f"download {url.rsplit('/', 1)[-1]}", progress,
                      timeout)
        got = tmp / dfile.name
        _extract(archives[url], dfile.member or dfile.name, got, url)
    else:
        got = tmp / dfile.name
        _download(url, got, f"download {dfile.name}", progress, timeout)
    sha = sha256_file(got)
    if sha != dfile.sha256:
        raise ImportDataError(
            Problem(url, None, None,
                    f"SHA-256 of {dfile.name} is {sha}, not the pinned {dfile.sha256} of "
                    f"{spec.name} {spec.version}: the download is not the release foedus "
                    "reads (changed upstream, or a wrong mirror); nothing was imported")
        )
    final.parent.mkdir(parents=True, exist_ok=True)
    part = final.with_name(final.name + f".{os.getpid()}.part")
    shutil.copyfile(got, part)
    os.replace(part, final)
    return final


@contextmanager
def fetched_release(spec: DatasetSpec, base_url: str | None = None,
                    progress: ProgressCallback | None = None, *,
                    timeout: float = 60.0) -> Iterator[Path]:
    """A temporary release folder holding every file of ``spec``, downloaded (or found in the
    cache) and verified against its pinned SHA-256; removed on exit.

    Raises
    ------
    foedus.errors.ImportDataError
        A download failed or its SHA-256 differs from the pin.
    foedus.errors.UsageError
        A file has no official download and no ``base_url`` was given, or ``base_url`` is
        no http, https or file address.
    """
    check_base_url(base_url)
    archives: dict[str, Path] = {}
    with tempfile.TemporaryDirectory(dir=cache_dir(), prefix="fetch-") as tmpdir:
        tmp = Path(tmpdir)
        (tmp / "dl").mkdir()
        staging = tmp / spec.name
        staging.mkdir()
        for f in spec.files:
            cached = _fetch_file(f, spec, base_url, progress, timeout, archives, tmp / "dl")
            try:
                (staging / f.name).symlink_to(cached)
            except OSError:
                shutil.copyfile(cached, staging / f.name)
        yield staging
