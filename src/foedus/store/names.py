"""Names of the store's dataset tables (the store owns its naming; importers ask it)."""

from __future__ import annotations

__all__ = ["table_name"]


def table_name(dataset: str, table: str) -> str:
    """``ds_<dataset>__<table>`` with dashes turned into underscores."""
    return f"ds_{dataset}__{table}".replace("-", "_").lower()
