"""A bounded cache of the API's answers, keyed by the exact request (path and query).

Why this is safe: an answer is a pure function of the question and of the store, and the store
cannot change under a running server — the session holds it open read-only, and DuckDB lets no
other process write it meanwhile (an import waits until the server stops). So the same question
gets the same bytes for the server's lifetime; repeated questions (a page's permalink shared a
thousand times, a dashboard polling ``defenders``) are answered from memory without entering the
engine. Only successful GET answers of the JSON API are kept; downloads and saved scenarios are
not. Bounded in entries and bytes (least recently used go first).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

__all__ = ["AnswerCache"]

Message = MutableMapping[str, Any]
Scope = MutableMapping[str, Any]
ASGI = Callable[[Scope, Callable[[], Awaitable[Message]], Callable[[Message], Awaitable[None]]],
                Awaitable[None]]

_UNCACHED = ("/api/v1/datasets/download", "/api/v1/scenarios/")


class AnswerCache:
    """Pure ASGI middleware: GET ``/api/v1/...`` answers with status 200, kept by exact
    path and query string (``X-Foedus-Cache: hit|miss``)."""

    def __init__(self, app: ASGI, max_entries: int = 4096, max_bytes: int = 128 << 20,
                 max_entry: int = 8 << 20) -> None:
        self.app = app
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self.max_entry = max_entry
        self.size = 0
        self.entries: OrderedDict[tuple[str, bytes], tuple[list[Any], bytes]] = OrderedDict()

    async def __call__(self, scope: Scope, receive: Callable[[], Awaitable[Message]],
                       send: Callable[[Message], Awaitable[None]]) -> None:
        path = scope.get("path", "")
        if (scope["type"] != "http" or scope.get("method") != "GET"
                or not path.startswith("/api/v1/") or path.startswith(_UNCACHED)):
            await self.app(scope, receive, send)
            return
        key = (path, scope.get("query_string", b""))
        hit = self.entries.get(key)
        if hit is not None:
            self.entries.move_to_end(key)
            headers, body = hit
            await send({"type": "http.response.start", "status": 200,
                        "headers": [*headers, (b"x-foedus-cache", b"hit")]})
            await send({"type": "http.response.body", "body": body})
            return
        status = 0
        kept: list[Any] = []
        chunks: list[bytes] = []

        async def keep(msg: Message) -> None:
            nonlocal status, kept
            if msg["type"] == "http.response.start":
                status = msg["status"]
                kept = list(msg.get("headers", []))  # before outer layers add theirs
                msg["headers"] = [*kept, (b"x-foedus-cache", b"miss")]
            elif msg["type"] == "http.response.body" and status:
                chunks.append(msg.get("body", b""))
                if not msg.get("more_body") and status == 200:
                    self._put(key, kept, b"".join(chunks))
            await send(msg)

        await self.app(scope, receive, keep)

    def _put(self, key: tuple[str, bytes], headers: list[Any], body: bytes) -> None:
        if len(body) > self.max_entry:
            return
        old = self.entries.pop(key, None)
        if old is not None:
            self.size -= len(old[1])
        self.entries[key] = (headers, body)
        self.size += len(body)
        while self.entries and (len(self.entries) > self.max_entries
                                or self.size > self.max_bytes):
            _, (_, dropped) = self.entries.popitem(last=False)
            self.size -= len(dropped)
