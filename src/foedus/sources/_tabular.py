"""Strict readers for delimited text and Parquet release files.

Why: a release file that is truncated, edited or of another version must be refused with a
message that says where (file, line, column) and what is wrong, before anything reaches the
store. Polars' CSV reader is fast but cannot say which line broke; these readers parse row
by row with the standard library (the largest file here has 82,000 rows) and build typed
polars frames from the validated values.

Columns are declared in a compact form, one token per column, ``name:kind`` with kinds
``int``, ``whole`` (a float written as ``2.0`` that must be integral; stored as integer),
``float``, ``str``, ``date`` (ISO ``YYYY-MM-DD``) and ``dmy`` (``DD:MM:YYYY``); a trailing
``?`` allows empty values and ``=VALUE`` demands that exact value (a ``version`` column).
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl

from foedus.errors import ImportDataError, Problem
from foedus.sources.base import DatasetFile, ProgressCallback, Reader, folder_reader

__all__ = ["Column", "columns", "delimited_reader", "read_delimited", "read_parquet_strict"]

_INT = re.compile(r"[+-]?\d+")
_FLOAT = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")
_DTYPES: dict[str, pl.DataType] = {
    "int": pl.Int64(),
    "whole": pl.Int64(),
    "float": pl.Float64(),
    "str": pl.String(),
    "date": pl.Date(),
    "dmy": pl.Date(),
}
_PROGRESS_EVERY = 5000


@dataclass(frozen=True)
class Column:
    """One expected column: its name in the file, its kind, and what values it allows."""

    name: str
    kind: str = "int"
    nullable: bool = False
    expect: str | None = None
    na: tuple[str, ...] = ()

    @property
    def out(self) -> str:
        """Name in the store: the source's name, lowercased."""
        return self.name.lower()


def columns(spec: str, *, na: dict[str, tuple[str, ...]] | None = None) -> tuple[Column, ...]:
    """Parse ``"name:kind name:kind? version:int=2016"`` into :class:`Column` objects.

    ``na`` maps column names to extra tokens read as missing (e.g. ``"-9"``).
    """
    out = []
    for token in spec.split():
        name, _, rest = token.partition(":")
        kind, _, expect = rest.partition("=")
        kind = kind or "int"
        nullable = kind.endswith("?")
        kind = kind.rstrip("?")
        if kind not in _DTYPES:
            raise ValueError(f"unknown column kind {kind!r} in {token!r}")
        out.append(Column(name, kind, nullable, expect or None, (na or {}).get(name, ())))
    return tuple(out)


def _parse(value: str, col: Column) -> Any:
    """Parse one value or raise ValueError with a short reason."""
    if value == "" or value in col.na:
        if value == "" and not col.nullable:
            raise ValueError("empty value where one is required")
        return None
    if col.expect is not None and value != col.expect:
        raise ValueError(
            f"expected {col.expect!r} (the release this importer reads), found {value!r}"
        )
    kind = col.kind
    if kind == "str":
        return value
    if kind == "int":
        if not _INT.fullmatch(value):
            raise ValueError(f"expected an integer, found {value!r}")
        return int(value)
    if kind in ("float", "whole"):
        if not _FLOAT.fullmatch(value):
            raise ValueError(f"expected a number, found {value!r}")
        x = float(value)
        if kind == "float":
            return x
        if not math.isfinite(x) or not x.is_integer():
            raise ValueError(f"expected a whole number, found {value!r}")
        return int(x)
    fmt = "%Y-%m-%d" if kind == "date" else "%d:%m:%Y"
    try:
        return dt.datetime.strptime(value, fmt).date()
    except ValueError:
        raise ValueError(f"expected a date ({fmt}), found {value!r}") from None


def _decode(path: Path, encoding: str) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportDataError(Problem(str(path), None, None, f"cannot read: {exc}")) from exc
    if not data.strip():
        raise ImportDataError(Problem(str(path), None, None, "the file is empty"))
    try:
        return data.decode(encoding).removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + data[: exc.start].count(b"\r") + 1
        raise ImportDataError(
            Problem(str(path), line, None, f"not {encoding} text (byte {exc.start})")
        ) from exc


def _check_header(path: Path, header: list[str], cols: Sequence[Column]) -> None:
    names = [c.name for c in cols]
    got = [h.strip() for h in header]
    if got == names:
        return
    missing = [n for n in names if n not in got]
    extra = [g for g in got if g not in names]
    if missing or extra:
        parts = []
        if missing:
            parts.append("missing " + ", ".join(repr(m) for m in missing))
        if extra:
            parts.append("unexpected " + ", ".join(repr(e) for e in extra))
        first = missing[0] if missing else extra[0]
        column = got.index(first) + 1 if first in got else names.index(first) + 1
        raise ImportDataError(
            Problem(str(path), 1, first, "header does not match the release: " + "; ".join(parts),
                    column)
        )
    for i, (want, have) in enumerate(zip(names, got, strict=True)):
        if want != have:
            raise ImportDataError(
                Problem(str(path), 1, have, f"column {i + 1} should be {want!r}, found {have!r}",
                        i + 1)
            )


def read_delimited(
    path: Path,
    dfile: DatasetFile,
    cols: Sequence[Column],
    *,
    delimiter: str = ",",
    header: bool = True,
    encoding: str = "utf-8",
    progress: ProgressCallback | None = None,
) -> pl.DataFrame:
    """Read a delimited release file strictly and return a typed frame.

    Every row must have exactly the declared fields, every value must parse, a ``version``
    column must hold the expected release, and the number of data rows must equal
    ``dfile.rows`` (when given). The first problem raises :class:`ImportDataError`.
    """
    text = _decode(path, encoding)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    fname = str(path)
    values: list[list[Any]] = [[] for _ in cols]
    ncols = len(cols)
    parsers: list[Callable[[str], Any]] = [functools.partial(_parse, col=c) for c in cols]
    rows = 0
    last_line = 0
    blank_at: int | None = None
    try:
        if header:
            first = next(reader, None)
            if first is None:
                raise ImportDataError(Problem(fname, 1, None, "the file has no header"))
            _check_header(path, first, cols)
            last_line = reader.line_num
        for row in reader:
            line = reader.line_num
            if not row:
                blank_at = blank_at or line
                continue
            if blank_at is not None:
                raise ImportDataError(Problem(fname, blank_at, None, "blank line inside the data"))
            if len(row) != ncols:
                col = min(len(row), ncols) + (0 if len(row) > ncols else 1)
                raise ImportDataError(
                    Problem(fname, line, cols[min(col, ncols) - 1].out,
                            f"expected {ncols} fields, found {len(row)} "
                            "(a malformed or truncated row)", col)
                )
            for i, (v, parse) in enumerate(zip(row, parsers, strict=True)):
                try:
                    values[i].append(parse(v.strip()))
                except ValueError as exc:
                    raise ImportDataError(
                        Problem(fname, line, cols[i].out, str(exc), i + 1)
                    ) from None
            rows += 1
            last_line = line
            if progress is not None and rows % _PROGRESS_EVERY == 0:
                progress(dfile.name, rows, dfile.rows)
    except csv.Error as exc:
        raise ImportDataError(
            Problem(fname, reader.line_num, None, f"malformed text: {exc}")
        ) from None
    if dfile.rows is not None and rows != dfile.rows:
        raise ImportDataError(
            Problem(fname, last_line, None,
                    f"found {rows} data rows; the pinned release has {dfile.rows} "
                    "(the file is truncated or is not this release)")
        )
    if progress is not None:
        progress(dfile.name, rows, dfile.rows)
    return pl.DataFrame(
        {c.out: pl.Series(c.out, v, dtype=_DTYPES[c.kind])
         for c, v in zip(cols, values, strict=True)}
    )


#: the Arrow names of the column types a release schema states (what the releases' own
#: Parquet files declare), for the polars types they are read as
_ARROW_NAMES: dict[Any, str] = {
    pl.Float64: "double", pl.Float32: "float", pl.String: "string", pl.Date: "date32[day]",
    pl.Int64: "int64", pl.Int32: "int32", pl.Int16: "int16", pl.Int8: "int8",
    pl.Boolean: "bool",
}


def read_parquet_strict(
    path: Path,
    dfile: DatasetFile,
    schema: dict[str, str],
    *,
    whole: Sequence[str] = (),
    expect: dict[str, float] | None = None,
    progress: ProgressCallback | None = None,
) -> pl.DataFrame:
    """Read a Parquet release file whose columns and Arrow types must equal ``schema``.

    ``whole`` lists float columns that hold codes or years: they must be integral and are
    stored as integers. ``expect`` maps columns (a ``version``) to the only value allowed.
    Parquet has no lines, so problems name the row (1-based) in the message instead.
    """
    fname = str(path)
    try:  # polars' reader, not pyarrow's: the query path imports this module (via the catalog)
        df = pl.read_parquet(path)
    except (OSError, pl.exceptions.PolarsError) as exc:
        raise ImportDataError(
            Problem(fname, None, None, f"not a readable Parquet file (truncated?): {exc}")
        ) from exc
    got = {name: _ARROW_NAMES.get(dtype.base_type(), str(dtype))
           for name, dtype in df.schema.items()}
    if list(got) != list(schema):
        missing = [c for c in schema if c not in got]
        extra = [c for c in got if c not in schema]
        raise ImportDataError(
            Problem(fname, None, next(iter(missing or extra), None),
                    f"columns do not match the release: missing {missing}, unexpected {extra}"
                    if missing or extra else f"columns out of order: {list(got)}")
        )
    for i, (name, want) in enumerate(schema.items()):
        if got[name] != want:
            raise ImportDataError(
                Problem(fname, None, name, f"type {got[name]} where the release has {want}", i + 1)
            )
    if dfile.rows is not None and df.height != dfile.rows:
        raise ImportDataError(
            Problem(fname, None, None,
                    f"found {df.height} rows; the pinned release has {dfile.rows} "
                    "(truncated or not this release)")
        )
    for name, value in (expect or {}).items():
        bad = df[name].ne_missing(value)
        if bad.any():
            row = int(bad.arg_max() or 0) + 1
            raise ImportDataError(
                Problem(fname, None, name,
                        f"row {row}: expected {value:g} (the release this importer reads), "
                        f"found {df[name][row - 1]}", list(schema).index(name) + 1)
            )
    for name in whole:
        s = df[name]
        bad = s.is_not_null() & (s != s.floor())
        if bad.any():
            row = int(bad.arg_max() or 0) + 1
            raise ImportDataError(
                Problem(fname, None, name,
                        f"row {row}: expected a whole number, found {s[row - 1]}",
                        list(schema).index(name) + 1)
            )
        df = df.with_columns(pl.col(name).cast(pl.Int64))
    if progress is not None:
        progress(dfile.name, df.height, df.height)
    return df


def delimited_reader(
    files: tuple[DatasetFile, ...], columns_by_file: dict[str, tuple[Column, ...]]
) -> Reader:
    """A folder reader for datasets whose files are all plain delimited text: each file is
    read strictly with the columns declared for its name."""

    def read(path: Path, dfile: DatasetFile, progress: ProgressCallback | None) -> pl.DataFrame:
        return read_delimited(path, dfile, columns_by_file[dfile.name], progress=progress)

    return folder_reader(files, {f.name: read for f in files})
