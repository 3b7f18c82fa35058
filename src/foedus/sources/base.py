"""What an imported dataset is: its citations, its release files, and how to read them.

Why: every number that leaves foedus must be able to say which dataset, which version and
which file it came from, and how to cite it. A :class:`DatasetSpec` ties those facts to the
function that reads the release files, so an importer, ``foedus cite`` and ``foedus data
status`` all speak about the same object. Readers validate on read and raise
:class:`foedus.errors.ImportDataError` naming file, line and column; they never touch the store.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from foedus.errors import ImportDataError, NotFoundError, Problem

__all__ = [
    "Citation",
    "DatasetFile",
    "DatasetSpec",
    "FileReader",
    "ProgressCallback",
    "Reader",
    "folder_reader",
    "resolve_files",
]

ProgressCallback = Callable[[str, int, "int | None"], None]
"""Called as ``progress(label, done, total)``; ``total`` is None when unknown."""

Reader = Callable[[Path, "ProgressCallback | None"], dict[str, pl.DataFrame]]
"""Reads a dataset folder (or one of its files) and returns named tables."""


@dataclass(frozen=True)
class Citation:
    """How to cite a dataset or paper: a BibTeX entry and a plain-text reference."""

    key: str
    bibtex: str
    plain: str


@dataclass(frozen=True)
class DatasetFile:
    """One release file of a dataset.

    Parameters
    ----------
    name
        The file's name inside the dataset folder (as the publisher names it).
    table
        The table it feeds (stored as ``ds_<dataset>__<table>``).
    sha256
        The pinned SHA-256 of the release file (of the publisher's release file).
    url
        The publisher's official download URL, or None when the publisher distributes the
        data only in another format (then ``fetch`` needs ``--base-url``).
    rows
        Number of data rows in the pinned release; a file with another count is refused.
    member
        When ``url`` is a zip archive: the file's name inside it (searched by base name,
        also inside nested archives).
    citations
        Citations specific to this file's table (in addition to the dataset's).
    coverage
        Years this table covers, when narrower or wider than the dataset's.
    """

    name: str
    table: str
    sha256: str
    url: str | None
    rows: int | None = None
    member: str | None = None
    citations: tuple[Citation, ...] = ()
    coverage: tuple[int, int] | None = None


@dataclass(frozen=True)
class DatasetSpec:
    """A dataset foedus can import: name, version, citations, coverage, files, reader."""

    name: str
    version: str
    title: str
    citations: tuple[Citation, ...]
    coverage: tuple[int, int]
    files: tuple[DatasetFile, ...]
    reader: Reader
    homepage: str = ""
    terms: str = ""
    notes: str = field(default="", compare=False)

    def file(self, name: str) -> DatasetFile:
        """The release file called ``name`` (case-insensitive)."""
        for f in self.files:
            if f.name.lower() == name.lower():
                return f
        raise NotFoundError(
            f"dataset {self.name!r} has no file {name!r}; its files are: "
            + ", ".join(f.name for f in self.files)
        )

    def tables(self) -> tuple[str, ...]:
        """The table names its files feed, in file order."""
        return tuple(dict.fromkeys(f.table for f in self.files))

    def all_citations(self, table: str | None = None) -> tuple[Citation, ...]:
        """The dataset's citations plus those of its files (or of one table), no duplicates."""
        seen: dict[str, Citation] = {c.key: c for c in self.citations}
        for f in self.files:
            if table is None or f.table == table:
                for c in f.citations:
                    seen.setdefault(c.key, c)
        return tuple(seen.values())


FileReader = Callable[[Path, DatasetFile, "ProgressCallback | None"], pl.DataFrame]
"""Reads one release file and returns its validated table."""


def resolve_files(files: tuple[DatasetFile, ...], path: Path) -> list[tuple[DatasetFile, Path]]:
    """Pair release files with paths: every file of a folder, or the one file given.

    A folder must hold every release file; a single file must carry one of the release
    names (any name is accepted when the dataset has only one file).
    """
    path = Path(path)
    if path.is_dir():
        found: list[tuple[DatasetFile, Path]] = []
        missing = []
        for f in files:
            p = path / f.name
            if p.is_file():
                found.append((f, p))
            else:
                missing.append(f.name)
        if missing:
            raise ImportDataError(
                [Problem(str(path / m), None, None, "release file missing from the folder")
                 for m in missing]
            )
        return found
    if path.is_file():
        for f in files:
            if f.name.lower() == path.name.lower():
                return [(f, path)]
        if len(files) == 1:
            return [(files[0], path)]
        names = ", ".join(f.name for f in files)
        raise ImportDataError(
            Problem(str(path), None, None, f"not a file of this dataset (expected one of: {names})")
        )
    raise ImportDataError(Problem(str(path), None, None, "no such file or folder"))


def folder_reader(
    files: tuple[DatasetFile, ...], readers: Mapping[str, FileReader]
) -> Reader:
    """A :data:`Reader` that reads a folder (or one file) with one reader per file name."""

    def read(path: Path, progress: ProgressCallback | None = None) -> dict[str, pl.DataFrame]:
        tables: dict[str, pl.DataFrame] = {}
        for f, p in resolve_files(files, path):
            df = readers[f.name](p, f, progress)
            if f.table in tables:
                df = pl.concat([tables[f.table], df], how="vertical")
            tables[f.table] = df
        return tables

    return read
