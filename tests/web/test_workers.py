"""``foedus serve --workers 2``: each worker its own socket on the port, connections spread
over both (foedus.web.workers), a port in use refused in one line, SIGTERM stops them all."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from foedus.web.workers import BALANCED

pytestmark = pytest.mark.skipif(not BALANCED, reason="SO_REUSEPORT spreading is Linux's")

SRC = str(Path(__file__).parents[2] / "src")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _env(home: Path) -> dict[str, str]:
    env = {**os.environ, "FOEDUS_HOME": str(home),
           "PYTHONPATH": os.pathsep.join(p for p in (SRC, os.environ.get("PYTHONPATH", ""))
                                         if p)}
    env.pop("FOEDUS_STORE", None)
    return env


def _children(pid: int) -> list[int]:
    """The worker processes of server ``pid`` (not multiprocessing's resource tracker)."""
    out = []
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                stat = (d / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid \
                    and b"spawn_main" in (d / "cmdline").read_bytes():
                out.append(int(d.name))
    return out


def _sockets(pid: int) -> set[int]:
    """Inodes of the sockets process ``pid`` holds open."""
    out: set[int] = set()
    try:
        fds = list(Path(f"/proc/{pid}/fd").iterdir())
    except OSError:  # the process has gone
        return out
    for fd in fds:
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            out.add(int(target[8:-1]))
    return out


def _sockets_on(port: int, state: str) -> set[int]:
    """Inodes of the loopback sockets whose local port is ``port`` in TCP ``state``
    ("01" established, "0A" listening)."""
    out = set()
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        f = line.split()
        if int(f[1].split(":")[1], 16) == port and f[3] == state:
            out.add(int(f[9]))
    return out


def _established_to(port: int) -> set[int]:
    """Inodes of the server side of the established loopback connections on ``port``."""
    return _sockets_on(port, "01")


def _listening(workers: list[int], port: int) -> bool:
    """Every worker listens on ``port``: a worker process exists a second or two before it
    has imported the app and called listen(), and until then the kernel hands every new
    connection to the workers already listening."""
    listening = _sockets_on(port, "0A")
    return all(_sockets(w) & listening for w in workers)


def _get(conn: socket.socket, path: str) -> int:
    conn.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
    data = b""
    while b"\r\n\r\n" not in data:
        data += conn.recv(65536)
    head, _, body = data.partition(b"\r\n\r\n")
    length = next(int(h.split(b":")[1]) for h in head.split(b"\r\n")
                  if h.lower().startswith(b"content-length:"))
    while len(body) < length:
        body += conn.recv(65536)
    return int(head.split()[1])


def test_two_workers_share_the_port_and_the_connections(tmp_path: Path) -> None:
    pytest.importorskip("uvicorn")
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "foedus.cli", "serve", "--port", str(port),
                             "--workers", "2", "--log-level", "warning"], env=_env(tmp_path),
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    conns: list[socket.socket] = []
    try:
        deadline = time.monotonic() + 90
        while True:  # both workers listening: 40 keep-alive connections, each answered once
            assert proc.poll() is None, proc.stdout.read().decode()  # type: ignore[union-attr]
            workers = _children(proc.pid)
            if len(workers) >= 2 and _listening(workers, port):
                try:
                    for _ in range(40 - len(conns)):
                        c = socket.create_connection(("127.0.0.1", port), timeout=30)
                        conns.append(c)
                        assert _get(c, "/api/v1/states?on=1914-08-01") == 200
                    break
                except OSError:
                    pass
            assert time.monotonic() < deadline, "the workers did not start"
            time.sleep(0.5)
        served = _established_to(port)
        held = [len(_sockets(w) & served) for w in _children(proc.pid)]
        assert sum(held) == 40
        # spread by the kernel's hash of the addresses (binomial: fewer than 8 of 40 on one
        # worker has probability 2e-5); one shared socket gave one worker 63-69 of 100
        assert len(held) == 2 and min(held) >= 8, held
        # a second server on the same port is refused at once, in one line
        second = subprocess.run([sys.executable, "-m", "foedus.cli", "serve", "--port",
                                 str(port), "--workers", "2"], env=_env(tmp_path),
                                capture_output=True, text=True, timeout=60)
        assert second.returncode == 1
        assert f"cannot listen on 127.0.0.1:{port}" in second.stderr
        assert "Traceback" not in second.stderr
    finally:
        for c in conns:
            c.close()
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
            raise
    assert proc.returncode == 0
    assert not any(Path(f"/proc/{w}").exists() for w in workers)
