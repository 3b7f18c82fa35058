"""Load on loopback: 100 concurrent clients asking ``/api/v1/defenders`` of ``foedus serve``.

Starts ``foedus serve`` on 127.0.0.1 and a free port (in a temporary FOEDUS_HOME unless
``--home`` is given; or measures ``--url`` of a server already running), warms it with one
request per question, then sends ``--requests`` requests in total with ``--concurrency`` in
flight at once (keep-alive connections, asyncio), bounded by ``--timeout`` seconds overall.
Prints throughput and the p50/p90/p99 latency as a client sees it. Goal: p99 under 50 ms.
Repeated questions are answered from the server's answer cache (foedus.web.cache);
``--distinct`` asks a different pair each time, so that every answer comes from the engine.

    python benchmarks/web_load.py [--requests 5000] [--concurrency 100] [--url URL]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

QUESTIONS = [  # (target, attacker, on): a mix of days, so several graphs are in play
    ("EST", "RUS", "2025-01-01"), ("POL", "RUS", "2025-01-01"), ("BEL", "GMY", "1914-08-03"),
    ("UKR", "RUS", "2022-02-24"), ("TAW", "CHN", "2025-01-01"), ("POL", "GMY", "1939-09-01"),
    ("ROK", "PRK", "1950-06-25"), ("JPN", "CHN", "2025-01-01"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _start(home: Path) -> tuple[subprocess.Popen[bytes], str]:
    import httpx

    port = _free_port()
    src = Path(__file__).resolve().parents[1] / "src"
    env = {**os.environ, "FOEDUS_HOME": str(home),
           "PYTHONPATH": os.pathsep.join(p for p in (str(src), os.environ.get("PYTHONPATH"))
                                         if p)}
    proc = subprocess.Popen([sys.executable, "-m", "foedus.cli", "serve", "--port", str(port),
                             "--log-level", "warning"], env=env)
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


async def _get(reader: asyncio.StreamReader, writer: asyncio.StreamWriter,
               path: str) -> int:
    """One keep-alive HTTP/1.1 GET on an open connection; the status code. (A minimal client:
    the load generator shares the machine's cores with the server, so it must be cheap.)"""
    writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    length = next(int(v) for k, _, v in (h.partition(":") for h in lines[1:])
                  if k.lower() == "content-length")
    await reader.readexactly(length)
    return status


DISTINCT = ("USA CAN UKG IRE NTH BEL FRN SPN POR GMY POL AUS HUN CZR ITA GRC BUL ROM RUS EST "
            "LAT LIT UKR BLR FIN SWD NOR DEN TUR IRN ISR EGY SAU CHN PRK ROK JPN IND PAK AUL")


async def _run(url: str, total: int, concurrency: int, limit_s: float,
               distinct: bool = False) -> None:
    host, port = url.split("//")[1].rstrip("/").split(":")
    paths = [f"/api/v1/defenders?target={t}&attacker={a}&on={d}" for t, a, d in QUESTIONS]
    if distinct:  # every request a question not asked before: the engine answers each
        codes = DISTINCT.split()
        pairs = [f"/api/v1/defenders?target={t}&attacker={a}&on=2025-01-01"
                 for t in codes for a in codes if t != a]
        paths = paths + pairs[:max(0, total - len(paths))]
    latencies: list[float] = []
    errors = 0
    reader, writer = await asyncio.open_connection(host, int(port))
    for p in paths[:len(QUESTIONS)]:  # warm-up: each day's graph built once
        assert await _get(reader, writer, p) == 200, p
    writer.close()
    queue: asyncio.Queue[str] = asyncio.Queue()
    todo = paths[len(QUESTIONS):] if distinct else [paths[i % len(paths)]
                                                    for i in range(total)]
    for path in todo:
        queue.put_nowait(path)
    stop = time.perf_counter() + limit_s

    async def worker() -> None:
        nonlocal errors
        reader, writer = await asyncio.open_connection(host, int(port))
        try:
            while not queue.empty() and time.perf_counter() < stop:
                path = queue.get_nowait()
                t = time.perf_counter()
                try:
                    ok = await _get(reader, writer, path) == 200
                except (OSError, asyncio.IncompleteReadError, ValueError, StopIteration):
                    ok = False
                    writer.close()
                    reader, writer = await asyncio.open_connection(host, int(port))
                latencies.append(time.perf_counter() - t)
                errors += not ok
        finally:
            writer.close()

    t0 = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    wall = time.perf_counter() - t0
    ms = sorted(x * 1000 for x in latencies)
    q = statistics.quantiles(ms, n=100)
    print(f"{len(ms)} requests ({concurrency} concurrent connections) in {wall:.2f} s: "
          f"{len(ms) / wall:,.0f} requests/s; errors: {errors}")
    print(f"latency ms: p50 {q[49]:.1f}  p90 {q[89]:.1f}  p99 {q[98]:.1f}  max {ms[-1]:.1f}"
          f"  (goal p99 < 50 ms: {'met' if q[98] < 50 else 'NOT met'})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--requests", type=int, default=5000, help="requests in total (<= 100000)")
    ap.add_argument("--concurrency", type=int, default=100)
    ap.add_argument("--timeout", type=float, default=120.0, help="stop after this many s")
    ap.add_argument("--url", default=None, help="a running server (default: start one)")
    ap.add_argument("--home", default=None, help="FOEDUS_HOME for the started server")
    ap.add_argument("--distinct", action="store_true",
                    help="every request a different pair (no answer cached; at most 1,640)")
    args = ap.parse_args()
    total = max(1, min(args.requests, 100_000))
    proc = None
    url = args.url
    tmp = None
    if url is None:
        if args.home is None:
            tmp = tempfile.TemporaryDirectory(prefix="foedus-load-")
        home = Path(args.home or tmp.name)  # type: ignore[union-attr]
        proc, url = _start(home)
    try:
        asyncio.run(_run(url, total, max(1, args.concurrency), args.timeout,
                         args.distinct))
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(10)
        if tmp is not None:
            tmp.cleanup()


if __name__ == "__main__":
    main()
