"""The foedus explorer: a web app and JSON API over the same engine as the CLI.

Why a package of its own: the web is one more interface to :class:`foedus.session.Session`
(like the CLI), installed with ``pip install 'foedus[web]'`` (FastAPI and uvicorn). The app
holds one session, opened at start-up; every API handler calls one session method and returns
the answer's ``to_json()``; pages are HTML shells whose small scripts read the same JSON.
Everything it serves comes from the package (scripts, styles, the world map): it works offline.

>>> from foedus.web import Settings, create_app      # doctest: +SKIP
>>> app = create_app(Settings(store="/tmp/foedus.duckdb"))  # doctest: +SKIP
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from foedus.web.settings import Settings

if TYPE_CHECKING:
    from fastapi import FastAPI

__all__ = ["Settings", "create_app"]


def create_app(settings: Settings | None = None) -> FastAPI:
    """The ASGI app (imported lazily, so that ``foedus.web.Settings`` needs no FastAPI)."""
    from foedus.web.app import create_app as _create

    return _create(settings)


def __getattr__(name: str) -> Any:  # pragma: no cover - convenience
    raise AttributeError(name)
