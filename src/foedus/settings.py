"""Settings: every ``FOEDUS_*`` environment setting foedus reads, read here and nowhere else.

Why: users run foedus from anywhere; the store belongs in their user data directory
(platformdirs) unless ``FOEDUS_HOME`` says otherwise, so tests and CI can isolate it. One
module reads the environment, so every setting is listed in one place:

=======================  ====================================================================
``FOEDUS_HOME``          the data directory (store, cache, saved scenarios)
``FOEDUS_STORE``         the store file (default ``$FOEDUS_HOME/foedus.duckdb``)
``FOEDUS_WEB_TOKEN``     the explorer's API token when no ``--token-file`` is given
``FOEDUS_WEB_SETTINGS``  the explorer's settings as JSON, handed to ``foedus serve``'s workers
=======================  ====================================================================
"""

from __future__ import annotations

import json
import os
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from platformdirs import user_cache_dir, user_data_dir

from foedus.errors import StoreError, StoreReadOnlyError

__all__ = ["foedus_home", "store_path", "cache_dir", "foedus_version", "web_token",
           "web_settings", "WEB_SETTINGS_ENV"]

WEB_SETTINGS_ENV = "FOEDUS_WEB_SETTINGS"


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


def cache_dir(create: bool = True) -> Path:
    """Where downloads are cached (``<home>/cache`` when FOEDUS_HOME is set); made unless
    ``create`` is false (``store info`` only names it, and works in a read-only home)."""
    env = os.environ.get("FOEDUS_HOME")
    path = Path(env) / "cache" if env else Path(user_cache_dir("foedus", appauthor=False))
    if not create:
        return path
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


def web_token() -> str | None:
    """``$FOEDUS_WEB_TOKEN``, or None when unset or empty."""
    return os.environ.get("FOEDUS_WEB_TOKEN") or None


def web_settings() -> dict[str, Any]:
    """The explorer's settings a ``foedus serve`` worker was handed (``$FOEDUS_WEB_SETTINGS``,
    JSON; empty when unset)."""
    data = json.loads(os.environ.get(WEB_SETTINGS_ENV, "{}"))
    return dict(data)
