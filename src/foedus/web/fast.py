"""``/api/v1/defenders`` answered from per-day answer tables, before the framework.

Why: a question never asked before went through FastAPI (validation, a thread-pool hop) into
the engine, ~60 ms; the day's parts an answer is made of are the same for every pair
(:class:`foedus.query.answer_tables.DefendersDay`). This pure ASGI layer answers a plain
``defenders`` question (target, attacker, on, optional source) from the day's table (header
``X-Foedus-Answer: day-table``): built once per day and source in a worker thread, started by
the day's first question (answered meanwhile by the route, as before), then a filter and a
join of bytes per answer. Anything else, and every question that fails a check (an
unknown state, a bad day, a state outside the system), falls through to the API's own route,
which gives the same answer or the one error shape: the table only ever answers what the route
would answer, with the same bytes.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import re
from collections import OrderedDict
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import parse_qsl

from foedus.errors import FoedusError
from foedus.web.errors import DAY_PATTERN

__all__ = ["DayTables"]

Message = MutableMapping[str, Any]
Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGI = Callable[[Scope, Receive, Send], Awaitable[None]]

_PATH = "/api/v1/defenders"
_KEYS = {"target", "attacker", "on", "source"}
_SOURCES = ("all", "registry", "atop")


class DayTables:
    """Pure ASGI middleware: plain ``defenders`` GETs from the day's answer table (at most
    ``max_days`` days kept, least recently used dropped)."""

    def __init__(self, app: ASGI, max_days: int = 8) -> None:
        self.app = app
        self.max_days = max_days
        self.tables: OrderedDict[tuple[dt.date, str], Any] = OrderedDict()
        self.building: dict[tuple[dt.date, str], asyncio.Future[None]] = {}
        self.one_build = asyncio.Semaphore(1)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":  # a build still running must end before the store
            async def shutdown_after_builds() -> Message:
                msg = await receive()
                if msg.get("type") == "lifespan.shutdown" and self.building:
                    await asyncio.gather(*list(self.building.values()), return_exceptions=True)
                return msg

            await self.app(scope, shutdown_after_builds, send)
            return
        if (scope["type"] != "http" or scope.get("path") != _PATH
                or scope.get("method") != "GET"):
            await self.app(scope, receive, send)
            return
        body = await self._answer(scope)
        if body is None:
            await self.app(scope, receive, send)
            return
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-type", b"application/json"),
                                (b"content-length", str(len(body)).encode()),
                                (b"x-foedus-answer", b"day-table")]})
        await send({"type": "http.response.body", "body": body})

    async def _answer(self, scope: Scope) -> bytes | None:
        """The answer's bytes, or None: let the route answer (or refuse) it."""
        try:
            pairs = parse_qsl(scope.get("query_string", b"").decode("latin-1"),
                              keep_blank_values=True, strict_parsing=True)
        except ValueError:
            return None
        q = dict(pairs)
        if len(q) != len(pairs) or not {"target", "attacker", "on"} <= set(q) \
                or not set(q) <= _KEYS:
            return None
        source = q.get("source", "all")
        if source not in _SOURCES or len(q["on"]) > 10 or not 0 < len(q["target"]) <= 64 \
                or not 0 < len(q["attacker"]) <= 64:
            return None
        app = scope.get("app")
        session = getattr(getattr(app, "state", None), "session", None)
        settings = getattr(getattr(app, "state", None), "settings", None)
        if session is None or settings is None:
            return None
        try:
            from foedus.query.common import as_date

            if not re.fullmatch(DAY_PATTERN, q["on"]):
                return None
            day = as_date(q["on"], "date")
            if day > settings.last_day:
                return None
            table = await self._table(session, day, source)
            if table is None:
                return None
            answer: bytes = table.answer(q["target"], q["attacker"])
            return answer
        except FoedusError:
            return None

    async def _table(self, session: Any, day: dt.date, source: str) -> Any:
        """The day's table, or None while it is being built: the first question of a day
        starts the build in a thread and, like every question until the table is ready, is
        answered by the route (no visitor waits for a whole day's table)."""
        key = (day, source)
        table = self.tables.get(key)
        if table is not None:
            self.tables.move_to_end(key)
            return table
        if key not in self.building:
            self.building[key] = asyncio.ensure_future(self._build(session, day, source))
        return None

    async def _build(self, session: Any, day: dt.date, source: str) -> None:
        key = (day, source)
        try:
            async with self.one_build:  # one day at a time: answers keep most of the CPU
                table = await asyncio.to_thread(_build, session, day, source)
        except Exception:  # noqa: BLE001 - the route answers (or refuses) instead
            return
        finally:
            self.building.pop(key, None)
        self.tables[key] = table
        while len(self.tables) > self.max_days:
            self.tables.popitem(last=False)


def _build(session: Any, day: dt.date, source: str) -> Any:
    import gc

    from foedus.query.answer_tables import DefendersDay

    # The build allocates ~10^5 long-lived objects: with the collector on, it set off full
    # collections of everything the worker holds (0.1-0.3 s each, measured), each holding the
    # interpreter, so the answers served meanwhile by the event loop stalled. So the collector
    # is paused for the build (a few seconds; one build at a time) and the tables are then
    # frozen: kept out of every later collection's scan (they never change, and hold no
    # cycles to free). Freezing only: a collection here would hold the interpreter as long.
    was_on = gc.isenabled()
    gc.disable()
    try:
        table = DefendersDay(session, day, source).build()
        gc.freeze()  # before the collector is back: freezing also zeroes its counts, which
        # the build ran up (~10^5), so no collection of them starts the moment it resumes
    finally:
        if was_on:
            gc.enable()
    return table
