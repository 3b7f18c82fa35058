"""``create_app(settings)``: the explorer's ASGI app — one session, the API, the pages.

Why this shape: the session (registry, state system, store, cached graphs) is opened once at
start-up (the lifespan) and closed at shutdown; handlers share it (it is thread-safe; FastAPI
runs the plain ``def`` handlers in a thread pool, so a slow question never blocks the event
loop). Security is by construction: reads only, unless the operator configured a token; no
path parameter maps to a file (static files come from the package's own folder); CORS is
closed unless origins are configured; every response carries a strict Content-Security-Policy
(scripts and styles only from this server: the pages have no inline script).
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from foedus.settings import WEB_SETTINGS_ENV, web_settings
from foedus.web.errors import error_body, install_error_handlers
from foedus.web.settings import Settings

__all__ = ["create_app", "from_environment", "STATIC", "SETTINGS_ENV"]

#: where ``foedus serve --workers N`` passes the settings to its worker processes
SETTINGS_ENV = WEB_SETTINGS_ENV

STATIC = Path(__file__).parent / "static"

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGI = Callable[[Scope, Receive, Send], Awaitable[None]]

_HEADERS = [
    (b"content-security-policy",
     b"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
     b"connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
     b"form-action 'self'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]


class Guard:
    """Pure ASGI middleware: security headers on every response, and a bound on request
    bodies (413 in the one error shape), counted as they arrive."""

    def __init__(self, app: ASGI, max_body: int) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_body):
            await self._too_large(send)
            return
        seen = 0
        started = False

        async def counted() -> Message:
            nonlocal seen
            msg = await receive()
            if msg["type"] == "http.request":
                seen += len(msg.get("body", b""))
                if seen > self.max_body:
                    raise _TooLarge
            return msg

        async def with_headers(msg: Message) -> None:
            nonlocal started
            if msg["type"] == "http.response.start":
                started = True
                msg["headers"] = [*msg.get("headers", []), *_HEADERS]
            await send(msg)

        try:
            await self.app(scope, counted, with_headers)
        except _TooLarge:
            if not started:
                await self._too_large(send)

    async def _too_large(self, send: Send) -> None:
        body = json.dumps(error_body("payload_too_large",
                                     f"request body over {self.max_body} bytes")).encode()
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"),
                                (b"content-length", str(len(body)).encode()), *_HEADERS]})
        await send({"type": "http.response.body", "body": body})


class _TooLarge(Exception):
    pass


def create_app(settings: Settings | None = None) -> FastAPI:
    """The explorer app for ``settings`` (defaults: the user's store, read-only, no CORS)."""
    settings = settings or Settings()

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        from foedus.api import Foedus
        from foedus.web.saved import ScenarioStore

        session = Foedus(settings.store, registry=settings.registry)
        session.whole_day_graphs = True  # many questions per day: answer them from memory
        app.state.session = session
        folder = settings.scenarios_dir
        if folder is None:
            from foedus.settings import foedus_home

            folder = foedus_home() / "web" / "scenarios"
        app.state.scenarios = ScenarioStore(folder)
        try:
            yield
        finally:
            session.close()

    app = FastAPI(
        title="foedus explorer API",
        summary="Security commitments between states since 1815: who is bound to defend whom.",
        description=("The JSON API of the foedus explorer. Every answer has the same shape as "
                     "`foedus ... --json`; every error is `{\"error\": {\"code\", \"message\", "
                     "\"detail\"}}`. Read-only, except saving scenarios (Bearer token)."),
        version=_version(),
        lifespan=lifespan,
        docs_url=None,  # Swagger UI would load scripts from a CDN; /openapi.json is enough
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.settings = settings
    install_error_handlers(app)

    from foedus.web.api import router
    from foedus.web.pages import router as pages

    app.include_router(router)
    app.include_router(pages)
    app.mount("/static", StaticFiles(directory=STATIC, follow_symlink=False), name="static")
    if settings.cors_origins:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(CORSMiddleware, allow_origins=list(settings.cors_origins),
                           allow_methods=["GET", "POST"], allow_headers=["Authorization",
                                                                         "Content-Type"])
    if settings.cache_entries:
        from foedus.web.cache import AnswerCache

        app.add_middleware(AnswerCache, max_entries=settings.cache_entries)
    app.add_middleware(Guard, max_body=settings.max_body_bytes)
    return app


def from_environment() -> FastAPI:
    """The app for one worker process of ``foedus serve --workers N``: the settings come as
    JSON in ``$FOEDUS_WEB_SETTINGS`` (each worker opens its own read-only session)."""
    raw = web_settings()
    return create_app(Settings(
        store=raw.get("store"), registry=raw.get("registry"), token=raw.get("token"),
        cors_origins=tuple(raw.get("cors_origins", ())),
        scenarios_dir=Path(raw["scenarios_dir"]) if raw.get("scenarios_dir") else None))


def _version() -> str:
    import foedus

    return str(getattr(foedus, "__version__", "0"))
