"""One error shape for every error the server returns: ``{"error": {"code", "message",
"detail"}}``.

Why: a client (a script, the pages' own JavaScript) handles one shape. foedus's own errors
carry their HTTP status and shape (:meth:`foedus.errors.FoedusError.to_json`); FastAPI's
validation errors, unknown routes and methods are mapped into the same shape; anything else is
a 500 whose trace is logged on the server and never sent to the client. A browser asking for
a page (``Accept: text/html``, outside ``/api/``) gets the same message as a small HTML page
instead (:func:`foedus.web.pages.error_page`): a reader meets a sentence, not JSON.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from foedus.errors import FoedusError
from foedus.web.saved import ID_PATTERN as SCENARIO_ID_PATTERN

__all__ = ["install_error_handlers", "error_body", "WebError", "DAY_PATTERN", "YEARS_PATTERN",
           "INSTRUMENT_ID_PATTERN", "LIST_PATTERN", "SCENARIO_ID_PATTERN",
           "wants_html"]

log = logging.getLogger("foedus.web")

_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
          405: "method_not_allowed", 413: "payload_too_large", 422: "invalid_input",
          429: "too_many_requests", 501: "not_implemented", 503: "unavailable"}


# The patterns the routes check, each with the words a refusal uses (never the expression).
# ASCII classes, not ``\d``: Python's ``\d`` also matches other scripts' digits (``٢٠٢٠``),
# which the OpenAPI description (ECMA-262 patterns) does not.
DAY_PATTERN = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
YEARS_PATTERN = r"^[0-9]{4}(-[0-9]{4})?$"
INSTRUMENT_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$"
LIST_PATTERN = r"^[A-Za-z0-9_, .'-]*$"
_PATTERN_WORDS = {
    DAY_PATTERN: "is not a day: give YYYY-MM-DD (YYYY-MM or YYYY: its first day)",
    YEARS_PATTERN: "is not a range of years: give YEAR or FIRST-LAST, e.g. 1816-2016",
    INSTRUMENT_ID_PATTERN: ("is not an instrument id: letters, digits, '.', '_' and '-', at "
                            "most 100, e.g. nato or atop-3180"),
    LIST_PATTERN: ("has characters that are not allowed here: give names or codes separated "
                   "by commas"),
    SCENARIO_ID_PATTERN: "is not the id of a saved scenario: 32 hexadecimal digits",
}


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
        words = _PATTERN_WORDS.get(pattern, "has characters that are not allowed here")
        return f"{shown} {words}"
    return str(e.get("msg", ""))


def wants_html(request: Request) -> bool:
    """A browser asking for a page (not the API, not a script): ``Accept`` names HTML."""
    path = request.url.path
    return (not path.startswith(("/api/", "/static/")) and path != "/openapi.json"
            and "text/html" in request.headers.get("accept", ""))


def _reply(request: Request, status: int, body: dict[str, Any],
           headers: dict[str, str] | None = None) -> Response:
    """The one error shape as JSON, or, for a browser asking for a page, as a page."""
    if wants_html(request):
        from foedus.web.pages import error_page

        message = str(body["error"]["message"])
        if status == 404 and message == "Not Found":
            message = f"There is no page at {request.url.path[:200]}."
        page = error_page(status, message)
        if headers:
            page.headers.update(headers)
        return page
    return JSONResponse(body, status_code=status, headers=headers)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(FoedusError)
    async def foedus_error(request: Request, exc: FoedusError) -> Response:
        return _reply(request, exc.http_status, exc.to_json())

    @app.exception_handler(WebError)
    async def web_error(request: Request, exc: WebError) -> Response:
        return _reply(request, exc.status, error_body(exc.code, exc.message, exc.detail),
                      exc.headers)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        errors = _clean(list(exc.errors()))
        first = errors[0] if errors else {"loc": [], "message": "invalid request"}
        where = ".".join(x for x in first["loc"] if x not in ("query", "body", "path"))
        message = f"{where}: {first['message']}" if where else str(first["message"])
        if first["loc"] == ["body"]:  # no body, or not an object: say what is expected
            message = ("the request body must be a JSON object (a scenario, as in "
                       f"docs/scenarios.md): {str(first['message']).lower()}")
        return _reply(request, 422, error_body("invalid_input", message, errors))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        code = _CODES.get(exc.status_code, "error")
        message = str(exc.detail) if isinstance(exc.detail, str) else code.replace("_", " ")
        return _reply(request, exc.status_code, error_body(code, message),
                      getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def crash(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return _reply(request, 500, error_body("internal_error",
                                               "internal server error (logged on the server)"))
