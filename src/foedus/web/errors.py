"""One error shape for every error the server returns: ``{"error": {"code", "message",
"detail"}}``.

Why: a client (a script, the pages' own JavaScript) handles one shape. foedus's own errors
carry their HTTP status and shape (:meth:`foedus.errors.FoedusError.to_json`); FastAPI's
validation errors, unknown routes and methods are mapped into the same shape; anything else is
a 500 whose trace is logged on the server and never sent to the client.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from foedus.errors import FoedusError

__all__ = ["install_error_handlers", "error_body", "WebError"]

log = logging.getLogger("foedus.web")

_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
          405: "method_not_allowed", 413: "payload_too_large", 422: "invalid_input",
          429: "too_many_requests", 501: "not_implemented", 503: "unavailable"}


def error_body(code: str, message: str, detail: object = None) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "detail": detail}}


class WebError(Exception):
    """An error raised by the web layer itself (authentication, an engine not in this build)."""

    def __init__(self, status: int, code: str, message: str, detail: object = None,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.detail = detail
        self.headers = headers


def _clean(errors: list[Any]) -> list[dict[str, Any]]:
    """Validation errors without the raw input (it may be large) or Python objects."""
    out = []
    for e in errors:
        out.append({"loc": [str(x) for x in e.get("loc", ())], "message": _human(e),
                    "type": str(e.get("type", ""))})
    return out


def _human(e: Any) -> str:
    """A validation message a reader understands: a pattern mismatch names the form expected
    (a day, a list), never the regular expression."""
    kind = str(e.get("type", ""))
    given = e.get("input")
    shown = repr(given if not isinstance(given, str) or len(given) <= 40 else given[:40] + "…")
    if kind == "string_pattern_mismatch":
        pattern = str((e.get("ctx") or {}).get("pattern", ""))
        if pattern.startswith("^\\d{4}(-\\d{2}"):
            return f"{shown} is not a day: give YYYY-MM-DD (YYYY-MM or YYYY: its first day)"
        if pattern.startswith("^\\d{4}(-\\d{4})"):
            return f"{shown} is not a range of years: give YEAR or FIRST-LAST, e.g. 1816-2016"
        return f"{shown} has characters that are not allowed here"
    return str(e.get("msg", ""))


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(FoedusError)
    async def foedus_error(_: Request, exc: FoedusError) -> JSONResponse:
        return JSONResponse(exc.to_json(), status_code=exc.http_status)

    @app.exception_handler(WebError)
    async def web_error(_: Request, exc: WebError) -> JSONResponse:
        return JSONResponse(error_body(exc.code, exc.message, exc.detail),
                            status_code=exc.status, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        errors = _clean(list(exc.errors()))
        first = errors[0] if errors else {"loc": [], "message": "invalid request"}
        where = ".".join(x for x in first["loc"] if x not in ("query", "body", "path"))
        message = f"{where}: {first['message']}" if where else str(first["message"])
        return JSONResponse(error_body("invalid_input", message, errors), status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = _CODES.get(exc.status_code, "error")
        message = str(exc.detail) if isinstance(exc.detail, str) else code.replace("_", " ")
        return JSONResponse(error_body(code, message), status_code=exc.status_code,
                            headers=getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def crash(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return JSONResponse(error_body("internal_error",
                                       "internal server error (logged on the server)"),
                            status_code=500)
