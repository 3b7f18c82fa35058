"""The commitment columns as polars dtypes, beside :mod:`foedus.model.schema`'s SQL types.

Why a module of its own: the schema (columns, vocabulary, coverage years) is read by every
layer, the command line's fast path included, and must not import polars; only the layers that
build frames (the registry's derivation, the commitment graph) need the polars types.
"""

from __future__ import annotations

import polars as pl

from foedus.model.schema import COMMITMENT_SQL_TYPES

__all__ = ["polars_schema"]


def polars_schema() -> dict[str, object]:
    """The commitment columns (:data:`~foedus.model.schema.COMMITMENT_SQL_TYPES`, in order) as
    polars dtypes."""
    types: dict[str, object] = {"INTEGER": pl.Int32, "VARCHAR": pl.Utf8, "DATE": pl.Date,
                                "BOOLEAN": pl.Boolean, "INTEGER[]": pl.List(pl.Int32),
                                "VARCHAR[]": pl.List(pl.Utf8)}
    return {name: types[sql] for name, sql in COMMITMENT_SQL_TYPES.items()}
