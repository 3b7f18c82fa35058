"""Load on loopback: 100 concurrent clients asking ``/api/v1/defenders`` of ``foedus serve``.

Starts ``foedus serve --workers N`` on 127.0.0.1 and a free port (in a temporary FOEDUS_HOME
unless ``--home`` is given; or measures ``--url`` of a server already running), warms it (the
warm-up questions on 16 connections at once, then, for ``--distinct``, until every worker
answers from its day table: the state of a server that has run a while), then sends
``--requests`` requests in total with ``--concurrency`` in flight at once (keep-alive
connections, asyncio), bounded by ``--timeout`` seconds overall. Prints
throughput and the p50/p90/p99 latency as a client sees it, with the machine's load average
(the load generator shares the machine with the server). Goals: p99 under 100 ms and at least
1,000 requests/s for questions never asked before (``--distinct``: every request a different
pair of the states of 2025-01-01, so no answer comes from the answer cache), and repeated
questions no slower (the answer cache, foedus.web.cache).

``--compare`` runs both kinds of load against the previous configuration (one worker, no day
tables: every new pair through the engine) and the current one (``--workers``, day tables), in
one run, so that the figures are measured under the same load.

    python benchmarks/web_load.py [--requests 5000] [--concurrency 100] [--distinct]
        [--workers 2] [--compare] [--home FOEDUS_HOME] [--url URL]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

QUESTIONS = [  # (target, attacker, on): a mix of days, so several graphs are in play
    ("EST", "RUS", "2025-01-01"), ("POL", "RUS", "2025-01-01"), ("BEL", "GMY", "1914-08-03"),
    ("UKR", "RUS", "2022-02-24"), ("TAW", "CHN", "2025-01-01"), ("POL", "GMY", "1939-09-01"),
    ("ROK", "PRK", "1950-06-25"), ("JPN", "CHN", "2025-01-01"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _start(home: Path, workers: int = 2, day_tables: bool = True
           ) -> tuple[subprocess.Popen[bytes], str]:
    import httpx

    port = _free_port()
    src = Path(__file__).resolve().parents[1] / "src"
    env = {**os.environ, "FOEDUS_HOME": str(home),
           "PYTHONPATH": os.pathsep.join(p for p in (str(src), os.environ.get("PYTHONPATH"))
                                         if p)}
    proc = subprocess.Popen([sys.executable, "-m", "foedus.cli", "serve", "--port", str(port),
                             "--log-level", "warning", "--workers", str(workers),
                             "--day-tables" if day_tables else "--no-day-tables"], env=env)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(url + "/api/v1/datasets", timeout=2).status_code == 200:
                return proc, url
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("the server did not start")


async def _connect(host: str, port: str) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    """A connection whose reader buffers a whole answer (75-320 KB for 2025's pairs): with
    asyncio's default 64 KiB limit the reader paused and resumed the socket several times per
    answer, client work that showed up in the latencies it measures."""
    return await asyncio.open_connection(host, int(port), limit=1 << 20)


async def _get(reader: asyncio.StreamReader, writer: asyncio.StreamWriter,
               path: str, head_out: list[str] | None = None) -> int:
    """One keep-alive HTTP/1.1 GET on an open connection; the status code. (A minimal client:
    the load generator shares the machine's cores with the server, so it must be cheap.)"""
    writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    length = next(int(v) for k, _, v in (h.partition(":") for h in lines[1:])
                  if k.lower() == "content-length")
    await reader.readexactly(length)
    if head_out is not None:
        head_out.extend(lines[1:])
    return status


async def _warm_tables(host: str, port: str, days: list[str], fresh: dict[str, list[str]],
                       limit_s: float = 180) -> None:
    """Wait until every worker answers every day of ``days`` from its day table, and no build
    is left running: new connections (each may reach any worker) asking, day after day, pairs
    never asked before (``fresh``: none of them is timed later, so no answer is cached) until
    16 answers in a row for each day carry ``x-foedus-answer: day-table``. (A pair asked twice
    would not do: its first answer, given by the route while the table was being built, is
    cached without the header, and a worker answering it from the cache never shows it.) A
    server that has run a while is in this state; a benchmark must not time the warm-up, nor
    answers sharing the cores with a table still being built."""
    deadline = time.monotonic() + limit_s
    need = 16 * len(days)
    streak = i = 0
    while streak < need and time.monotonic() < deadline and all(fresh.values()):
        day = days[i % len(days)]
        i += 1
        reader, writer = await _connect(host, port)
        head: list[str] = []
        status = await _get(reader, writer, fresh[day].pop(), head)
        writer.close()
        if status == 200 and any(h.lower() == "x-foedus-answer: day-table" for h in head):
            streak += 1
        else:
            streak = 0
            await asyncio.sleep(0.1)
    if streak < need:
        print(f"  warning: day tables not all built after {limit_s:.0f} s")


async def _warm(host: str, port: str, paths: list[str], header: str,
                limit_s: float = 180) -> None:
    """Wait until ``paths`` asked on new connections (each may reach any worker) give 24
    answers in a row carrying ``header`` (``x-foedus-cache: hit``: every worker has cached
    them)."""
    deadline = time.monotonic() + limit_s
    streak = i = 0
    while streak < 24 and time.monotonic() < deadline:
        reader, writer = await _connect(host, port)
        head: list[str] = []
        await _get(reader, writer, paths[i % len(paths)], head)
        writer.close()
        i += 1
        if any(h.lower() == header for h in head):
            streak += 1
        else:
            streak = 0
            await asyncio.sleep(0.1)


async def _states(host: str, port: str, day: str) -> list[str]:
    reader, writer = await _connect(host, port)
    writer.write(f"GET /api/v1/states?on={day} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    length = next(int(v) for k, _, v in (h.partition(":") for h in lines[1:])
                  if k.lower() == "content-length")
    body = json.loads(await reader.readexactly(length))
    writer.close()
    return [s["state"]["abb"] for s in body["states"]]


async def _run(url: str, total: int, concurrency: int, limit_s: float,
               distinct: bool = False) -> dict[str, float]:
    host, port = url.split("//")[1].rstrip("/").split(":")
    paths = [f"/api/v1/defenders?target={t}&attacker={a}&on={d}" for t, a, d in QUESTIONS]
    warm = list(paths)
    days = sorted({d for _, _, d in QUESTIONS})
    fresh: dict[str, list[str]] = {}  # per day, pairs for the warm-up, never timed
    asked = {(t, a) for t, a, _ in QUESTIONS}
    for day in days:
        codes = await _states(host, port, day)
        pairs = [(t, a) for t in codes for a in codes if t != a and (t, a) not in asked]
        random.Random(7).shuffle(pairs)
        if distinct and day == "2025-01-01":  # every request a question not asked before
            paths = [f"/api/v1/defenders?target={t}&attacker={a}&on={day}"
                     for t, a in pairs[:total]]
            pairs = pairs[total:]
        fresh[day] = [f"/api/v1/defenders?target={t}&attacker={a}&on={day}"
                      for t, a in pairs[-2000:]]
    latencies: list[float] = []
    firsts: list[int] = []  # which requests were the first on a newly opened connection
    errors = 0

    async def warm_up() -> None:  # each day's tables started (on every worker)
        reader, writer = await _connect(host, port)
        for p in warm:
            assert await _get(reader, writer, p) == 200, p
        writer.close()

    await asyncio.gather(*(warm_up() for _ in range(16)))
    await _warm_tables(host, port, days, fresh)
    if not distinct:
        await _warm(host, port, warm, "x-foedus-cache: hit")
    queue: asyncio.Queue[str] = asyncio.Queue()
    todo = paths if distinct else [paths[i % len(paths)] for i in range(total)]
    for path in todo:
        queue.put_nowait(path)
    stop = time.perf_counter() + limit_s

    async def worker() -> None:
        nonlocal errors
        reader, writer = await _connect(host, port)
        first = True
        try:
            while not queue.empty() and time.perf_counter() < stop:
                path = queue.get_nowait()
                t = time.perf_counter()
                try:
                    ok = await _get(reader, writer, path) == 200
                except (OSError, asyncio.IncompleteReadError, ValueError, StopIteration):
                    ok = False
                    writer.close()
                    reader, writer = await _connect(host, port)
                latencies.append(time.perf_counter() - t)
                if first:
                    firsts.append(len(latencies) - 1)
                    first = False
                errors += not ok
        finally:
            writer.close()

    load = os.getloadavg()[0]
    t0 = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    wall = time.perf_counter() - t0
    ms = sorted(x * 1000 for x in latencies)
    q = statistics.quantiles(ms, n=100)
    rate = len(ms) / wall
    print(f"  {'distinct' if distinct else 'repeated'}: {len(ms)} requests ({concurrency} "
          f"concurrent connections) in {wall:.2f} s: {rate:,.0f} requests/s; errors: {errors}; "
          f"load average {load:.2f} -> {os.getloadavg()[0]:.2f}")
    print(f"    latency ms: p50 {q[49]:.1f}  p90 {q[89]:.1f}  p99 {q[98]:.1f}  max {ms[-1]:.1f}"
          f"  (goal p99 < 100 ms: {'met' if q[98] < 100 else 'NOT met'}"
          + (f"; >= 1,000 requests/s: {'met' if rate >= 1000 else 'NOT met'})" if distinct
             else ")"))
    # the first answer on a connection just opened is slower (its socket buffers start small
    # and grow with the 75-320 KB answers): said apart from the rest
    later = set(range(len(latencies))) - set(firsts)
    print(f"    max of the first request on each of the {len(firsts)} new connections "
          f"{max((latencies[i] for i in firsts), default=0) * 1000:.1f} ms; of every later "
          f"request {max((latencies[i] for i in later), default=0) * 1000:.1f} ms")
    return {"rate": rate, "p50": q[49], "p99": q[98], "errors": errors}


def _loop_run(coro: Any) -> Any:
    """Run the client on uvloop when installed (the web extra installs it): the client shares
    the cores with the server, and a slow reader holds the server's sends (answers are
    75-320 KB, more than a socket buffer), so its cost shows in the latencies it measures."""
    try:
        import uvloop
    except ImportError:
        return asyncio.run(coro)
    return uvloop.run(coro)


def _serve_and_run(home: Path, workers: int, day_tables: bool, total: int, concurrency: int,
                   limit_s: float, kinds: list[bool]) -> None:
    proc, url = _start(home, workers, day_tables)
    try:
        print(f"foedus serve --workers {workers} "
              f"{'--day-tables' if day_tables else '--no-day-tables'} ({url})")
        for distinct in kinds:
            _loop_run(_run(url, total, concurrency, limit_s, distinct))
    finally:
        proc.terminate()
        proc.wait(30)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--requests", type=int, default=5000, help="requests in total (<= 100000)")
    ap.add_argument("--concurrency", type=int, default=100)
    ap.add_argument("--timeout", type=float, default=120.0, help="stop after this many s")
    ap.add_argument("--url", default=None, help="a running server (default: start one)")
    ap.add_argument("--home", default=None, help="FOEDUS_HOME for the started server")
    ap.add_argument("--workers", type=int, default=2, help="worker processes of the server")
    ap.add_argument("--distinct", action="store_true",
                    help="every request a different pair of 2025's states (none cached)")
    ap.add_argument("--compare", action="store_true",
                    help="repeated and distinct load against the previous configuration "
                         "(1 worker, no day tables) and the current one, in one run")
    args = ap.parse_args()
    total = max(1, min(args.requests, 100_000))
    print(f"uptime: {subprocess.run(['uptime'], capture_output=True, text=True).stdout.strip()}"
          f"; {os.cpu_count()} CPUs")
    if args.url is not None:
        _loop_run(_run(args.url, total, max(1, args.concurrency), args.timeout,
                         args.distinct))
        return
    tmp = None
    if args.home is None:
        tmp = tempfile.TemporaryDirectory(prefix="foedus-load-")
    home = Path(args.home or tmp.name)  # type: ignore[union-attr]
    try:
        kinds = [False, True] if args.compare else [args.distinct]
        if args.compare:
            _serve_and_run(home, 1, False, total, max(1, args.concurrency), args.timeout,
                           kinds)
        _serve_and_run(home, args.workers, True, total, max(1, args.concurrency),
                       args.timeout, kinds)
    finally:
        if tmp is not None:
            tmp.cleanup()


if __name__ == "__main__":
    main()
