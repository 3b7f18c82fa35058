"""Worker processes for ``foedus serve --workers N``, each with its own listening socket.

Why not uvicorn's own ``workers=N``: it binds one socket and every worker accepts from it, so
whichever worker wakes first takes a burst of new connections — measured with
``benchmarks/web_load.py`` (100 keep-alive connections opened at once), one of two workers
took 63–69 of them; on keep-alive connections a request stays on the worker its connection
landed on, so the busier worker set the p99. Here (Linux) each worker binds its own socket to
the same port with ``SO_REUSEPORT`` and the kernel spreads new connections over the sockets
by a hash of their addresses (about half each, whatever the workers are doing). The
supervisor restarts a worker that dies and stops them all on SIGINT or SIGTERM. Where
``SO_REUSEPORT`` does not spread connections this way (macOS, Windows), :func:`serve_workers`
falls back to uvicorn's ``workers=N``.
"""

from __future__ import annotations

import multiprocessing
import signal
import socket
import sys
import time
from typing import Any

import uvicorn
from uvicorn.config import STARTUP_FAILURE

from foedus.errors import UsageError

__all__ = ["serve_workers", "reuseport_socket", "BALANCED"]

#: the kernel spreads connections over sockets sharing a port (Linux 3.9+)
BALANCED = sys.platform.startswith("linux") and hasattr(socket, "SO_REUSEPORT")


def reuseport_socket(host: str, port: int) -> socket.socket:
    """A TCP socket bound to ``host:port`` with ``SO_REUSEPORT`` (not yet listening)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    sock.set_inheritable(True)
    return sock


def _check_free(host: str, port: int) -> None:
    """Refuse a port in use — also by another server's ``SO_REUSEPORT`` sockets, which would
    otherwise silently share it: a plain bind fails on either."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise UsageError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None


def _worker(app: str, host: str, port: int, options: dict[str, Any]) -> None:
    """One worker: its own socket on the shared port, one uvicorn server."""
    sock = reuseport_socket(host, port)
    uvicorn.Server(uvicorn.Config(app, host=host, port=port, **options)).run(sockets=[sock])


def serve_workers(app: str, workers: int, host: str, port: int, **options: Any) -> None:
    """Serve the ASGI app named ``app`` ("module:attribute") from ``workers`` processes.

    ``options`` are passed to :class:`uvicorn.Config` (``factory``, ``log_level``, ...).
    Returns when stopped (SIGINT, SIGTERM). The port is held (bound, not listening) by the
    supervisor for as long as it runs, so that a worker restarting finds it free of anything
    else; a port already in use is refused at once (:class:`~foedus.errors.UsageError`).
    """
    if not BALANCED:
        uvicorn.run(app, workers=workers, host=host, port=port, **options)
        return
    _check_free(host, port)
    holder = reuseport_socket(host, port)
    ctx = multiprocessing.get_context("spawn")
    stopping = False

    def stop(signum: int, frame: object) -> None:
        nonlocal stopping
        stopping = True

    previous = {s: signal.signal(s, stop) for s in (signal.SIGINT, signal.SIGTERM)}

    def start() -> multiprocessing.process.BaseProcess:
        p = ctx.Process(target=_worker, args=(app, host, port, options), daemon=False)
        p.start()
        return p

    procs = [start() for _ in range(workers)]
    failed = 0
    try:
        while not stopping:
            time.sleep(0.25)
            for i, p in enumerate(procs):
                if p.is_alive() or stopping:
                    continue
                if p.exitcode == STARTUP_FAILURE:  # the app cannot start: restarting won't help
                    failed += 1
                    if failed >= workers:
                        raise SystemExit(STARTUP_FAILURE)
                procs[i] = start()  # a worker that died is replaced
    finally:
        for p in procs:
            if p.is_alive() and p.pid is not None:
                p.terminate()  # SIGTERM: uvicorn finishes the requests in flight
        for p in procs:
            p.join(30)
            if p.is_alive():
                p.kill()
        holder.close()
        for s, handler in previous.items():
            signal.signal(s, handler)
