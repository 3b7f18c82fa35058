"""Fixtures for the importer tests: the shared release folders and broken copies of them.

Broken copies are written to a temporary folder (never into the project); each bad-input
case must be refused with an error naming the file, the line and (where there is one) the
column.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from foedus.errors import ImportDataError, Problem
from foedus.ingest import import_dataset
from foedus.sources.catalog import get_spec
from foedus.store import Store

FOLDERS = {
    "atop": "atop-5.1",
    "cow-states": "cow-states-2016",
    "isard": "isard",
    "gw": "gleditsch-ward",
    "nmc": "cow-nmc-6.0",
    "peacesciencer": "peacesciencer",
    "contiguity": "cow-contiguity-3.2",
    "capitals": "capitals",
    "mid": "cow-mid-5.0",
    "war": "cow-war-4.0",
    "ideal-points": "un-ideal-points-2025",
    "reliability": "reliability",
    "rivalries": "rivalries",
    "ucdp-acd": "peacesciencer",
}


@pytest.fixture(scope="module")
def module_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """One store per test module."""
    store = Store(tmp_path_factory.mktemp("ds") / "foedus.duckdb")
    yield store
    store.close()


def folder(shared_data: Path, name: str) -> Path:
    return shared_data / FOLDERS[name]


@pytest.fixture(scope="module")
def release(shared_data: Path) -> Callable[[str], Path]:
    """``release(name)``: the shared release folder of dataset ``name``."""
    return lambda name: folder(shared_data, name)


@pytest.fixture(scope="module")
def imported(module_store: Store, shared_data: Path) -> Callable[[str], Store]:
    """``imported(name)``: the module's store with dataset ``name`` imported."""

    def run(name: str) -> Store:
        import_dataset(module_store, name, folder(shared_data, name))
        return module_store

    return run


def _lines(data: bytes) -> list[bytes]:
    return data.splitlines(keepends=True)


def _reject(path: Path, name: str) -> Problem:
    with pytest.raises(ImportDataError) as info:
        get_spec(name).reader(path, None)
    problem = info.value.problems[0]
    assert problem.file.endswith(path.name), problem
    return problem


def _check_bad_copies(shared_data: Path, tmp_path: Path, name: str, file: str, *,
                     delimiter: bytes = b",", header: bool = True,
                     version_column: str | None = None) -> None:
    """Truncated, malformed, wrong-version and wrong-column copies are refused by line."""
    data = (folder(shared_data, name) / file).read_bytes()
    sep = b"\r" if b"\r" in data and b"\n" not in data else None
    lines = data.split(sep) if sep else _lines(data)
    join = (lambda ls: sep.join(ls)) if sep else (lambda ls: b"".join(ls))
    eol = sep or (b"\r\n" if b"\r\n" in data else b"\n")

    def write(content: bytes) -> Path:
        p = tmp_path / "copy" / file
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(content)
        return p

    # truncated in the middle of a row: the error names the last (partial) line
    cut = data[: int(len(data) * 0.6)]
    if cut.endswith(eol[-1:]):
        cut = cut[:-3]
    expected_line = len(cut.split(sep) if sep else cut.splitlines())
    problem = _reject(write(cut), name)
    assert problem.line == expected_line, problem

    # a malformed row: line 5 loses its last field
    k = 5
    row = lines[k - 1].rstrip(b"\r\n")
    broken = row.rsplit(delimiter, 1)[0] + (lines[k - 1][len(row):] or b"")
    problem = _reject(write(join([*lines[: k - 1], broken, *lines[k:]])), name)
    assert problem.line == k and "fields" in problem.message, problem

    if header:
        # wrong columns: the second header column renamed
        first = lines[0].split(delimiter)
        first[1] = b"renamed_" + first[1].strip(b'"')
        problem = _reject(write(join([delimiter.join(first), *lines[1:]])), name)
        assert problem.line == 1 and problem.field is not None, problem

    if version_column:
        # wrong version on line 7
        cols = [c.strip().strip(b'"').decode() for c in lines[0].rstrip(b"\r\n").split(delimiter)]
        idx = cols.index(version_column)
        k = 7
        fields = lines[k - 1].rstrip(b"\r\n").split(delimiter)
        fields[idx] = b"1999"
        new = delimiter.join(fields) + lines[k - 1][len(lines[k - 1].rstrip(b"\r\n")):]
        problem = _reject(write(join([*lines[: k - 1], new, *lines[k:]])), name)
        assert problem.line == k and problem.field == version_column.lower(), problem
        assert problem.column == idx + 1


@pytest.fixture()
def bad_copies(shared_data: Path, tmp_path: Path) -> Callable[..., None]:
    """``bad_copies(name, file, ...)``: truncated, malformed, wrong-version, wrong-column
    copies of ``file`` are each refused with an error naming the file and line."""

    def run(name: str, file: str, **kwargs: object) -> None:
        _check_bad_copies(shared_data, tmp_path, name, file, **kwargs)  # type: ignore[arg-type]

    return run
