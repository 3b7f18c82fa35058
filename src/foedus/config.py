"""Settings: where foedus keeps its store, and where the shared datasets are.

Why: users run foedus from anywhere; the store belongs in their user data directory
(platformdirs) unless ``FOEDUS_HOME`` says otherwise, so tests and CI can isolate it.
"""

from __future__ import annotations

import os
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from platformdirs import user_cache_dir, user_data_dir

from foedus.errors import StoreError, StoreReadOnlyError

__all__ = ["foedus_home", "store_path", "cache_dir", "foedus_version"]


def foedus_home() -> Path:
    """The data directory: ``$FOEDUS_HOME`` or the platform's user data directory."""
    env = os.environ.get("FOEDUS_HOME")
    home = Path(env).expanduser() if env else Path(user_data_dir("foedus", appauthor=False))
    try:
        home.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"cannot create the foedus home {home}: {exc.strerror or exc}; set "
                         "FOEDUS_HOME to a folder you can write") from None
    return home


def store_path() -> Path:
    """The DuckDB file: ``$FOEDUS_STORE`` or ``<home>/foedus.duckdb``."""
    env = os.environ.get("FOEDUS_STORE")
    return Path(env).expanduser() if env else foedus_home() / "foedus.duckdb"


def cache_dir() -> Path:
    """Where downloads are cached (``<home>/cache`` when FOEDUS_HOME is set)."""
    env = os.environ.get("FOEDUS_HOME")
    path = Path(env) / "cache" if env else Path(user_cache_dir("foedus", appauthor=False))
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreReadOnlyError(f"cannot create the cache folder {path}: "
                                 f"{exc.strerror or exc}") from None
    return path


def foedus_version() -> str:
    """The installed foedus's version (``0.0.0+dev`` for a source checkout not installed)."""
    try:
        return version("foedus")
    except PackageNotFoundError:  # pragma: no cover
        return "0.0.0+dev"
