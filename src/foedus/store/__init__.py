"""The store: the only layer that speaks SQL (DuckDB)."""

from foedus.store.core import SCHEMA_VERSION, Store

__all__ = ["SCHEMA_VERSION", "Store"]
