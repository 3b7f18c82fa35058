"""``foedus serve``: the explorer (web pages and JSON API) on one host and port.

Thin: read the options, build :class:`foedus.web.Settings`, run the app with uvicorn. The
``web`` extra (``pip install 'foedus[web]'``) provides FastAPI and uvicorn.
"""

from __future__ import annotations

from pathlib import Path

import click

from foedus.cli.output import handle_errors

__all__ = ["serve"]


def _check_listen(host: str, port: int) -> None:
    """Refuse a host that is no address of this machine, or a port already taken, in one line
    (uvicorn logs several lines and exits with status 3)."""
    import socket

    from foedus.errors import InvalidInputError, UsageError

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM,
                                   flags=socket.AI_PASSIVE)
    except (OSError, UnicodeError, ValueError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise InvalidInputError(f"--host {host!r}: not a name or address to listen on "
                                f"({reason})") from None
    family, kind, proto, _, addr = infos[0]
    with socket.socket(family, kind, proto) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(addr)
        except OSError as exc:
            raise UsageError(f"cannot listen on {host}:{port}: {exc.strerror}") from None


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Interface to listen on (127.0.0.1: this machine only).")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--token-file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=None, help="File whose first line is the API token that allows saving "
                                 "scenarios (else $FOEDUS_WEB_TOKEN; none: read-only).")
@click.option("--cors-origin", "cors", multiple=True, metavar="ORIGIN",
              help="An origin allowed to call the API from a browser (repeatable; "
                   "default none).")
@click.option("--registry", type=click.Path(exists=True, file_okay=False, path_type=Path),
              default=None, help="Answer from this registry folder (default: bundled).")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Worker processes (each with its own read-only session); use about one "
                   "per core.")
@click.option("--day-tables/--no-day-tables", default=True, show_default=True,
              help="Answer plain defenders questions from per-day answer tables (built once "
                   "per day and worker); off: every answer through the engine.")
@click.option("--log-level", type=click.Choice(["critical", "error", "warning", "info"]),
              default="info", show_default=True)
@handle_errors
def serve(host: str, port: int, token_file: Path | None, cors: tuple[str, ...],
          registry: Path | None, workers: int, day_tables: bool, log_level: str) -> None:
    """Serve the explorer: map, network, timeline, scenarios, guarantors, datasets, API.

    Example: foedus serve --port 8000, then open http://127.0.0.1:8000/
    """
    try:
        import uvicorn
    except ImportError:
        from foedus.errors import UsageError

        raise UsageError("the web explorer needs its extra: pip install 'foedus[web]'") from None
    from foedus.session import Session
    from foedus.web import Settings, create_app
    from foedus.web.settings import read_token

    settings = Settings(registry=registry, token=read_token(token_file), cors_origins=cors,
                        day_tables=day_tables)
    # open the session once here: a bad registry or store is one error line now, not a
    # traceback from the app's start-up inside uvicorn (exit 3); the workers then only read
    Session(registry=registry).close()
    _check_listen(host, port)
    click.echo(f"foedus explorer on http://{host}:{port}/ "
               f"({'saving allowed with the API token' if settings.token else 'read-only'})",
               err=True)
    if workers == 1:
        uvicorn.run(create_app(settings), host=host, port=port, log_level=log_level,
                    access_log=False, server_header=False)
        return
    import json
    import os

    from foedus.web.app import SETTINGS_ENV

    os.environ[SETTINGS_ENV] = json.dumps({
        "registry": str(registry) if registry else None, "token": settings.token,
        "cors_origins": list(cors), "day_tables": day_tables})
    from foedus.web.workers import BALANCED, serve_workers

    # each worker its own socket on the port (Linux): the kernel spreads connections evenly;
    # elsewhere uvicorn's workers, which give a worker building a day's tables on a busy
    # machine 30 s to answer the supervisor's ping before it is taken for hung
    extra = {} if BALANCED else {"timeout_worker_healthcheck": 30}
    serve_workers("foedus.web.app:from_environment", workers, host, port, factory=True,
                  log_level=log_level, access_log=False, server_header=False, **extra)
