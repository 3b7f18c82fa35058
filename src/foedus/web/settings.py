"""What an operator configures: the store, the registry, the API token, CORS and limits.

Why: the server is read-only by default and closed to other origins; an operator opens what
they choose (a token that allows saving scenarios, origins allowed to call the API) here, and
nothing else can change it at run time.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from foedus.errors import UsageError
from foedus.model.limits import MAX_DRAWS
from foedus.model.limits import last_day as _last_day
from foedus.settings import web_token

__all__ = ["Settings", "read_token"]


def read_token(token_file: Path | str | None = None) -> str | None:
    """The API token: the first line of ``token_file``, else ``$FOEDUS_WEB_TOKEN``, else None
    (saving is then disabled). A token shorter than 16 characters is refused, and so is a
    token file that is empty or not text: an operator who names a file wants saving on, and
    would otherwise get a read-only server. Only the file's first 4 KiB are read (a device
    such as /dev/zero never ends)."""
    token: str | None = None
    if token_file is not None:
        try:
            with open(token_file, "rb") as fh:
                head = fh.read(4096).decode("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8 text"
            raise UsageError(f"token file {token_file}: cannot read it ({reason})") from None
        lines = head.strip().splitlines()
        token = lines[0].strip() if lines else ""
        if not token:
            raise UsageError(f"token file {token_file} is empty: its first line must be the "
                             "API token (at least 16 characters)")
    else:
        token = web_token()
    if token is not None and len(token) < 16:
        raise UsageError("the API token must be at least 16 characters long")
    return token


@dataclass(frozen=True)
class Settings:
    """Configuration of one explorer app.

    ``store``/``registry``: what the session opens (defaults: the user's store, the bundled
    registry). ``token``: the Bearer token that allows writes (None: read-only).
    ``cors_origins``: origins allowed to call the API from a browser (empty: none).
    ``scenarios_dir``: where saved scenarios go (default ``$FOEDUS_HOME/web/scenarios``).
    """

    store: Path | str | None = None
    registry: Path | str | None = None
    token: str | None = None
    cors_origins: tuple[str, ...] = ()
    scenarios_dir: Path | None = None
    max_draws: int = MAX_DRAWS
    max_body_bytes: int = 256 * 1024
    #: answers kept in memory by exact request (0: no cache; see foedus.web.cache)
    cache_entries: int = 4096
    #: answer plain ``defenders`` questions from per-day answer tables (foedus.web.fast)
    day_tables: bool = True
    #: the last day a question may ask about: the end of the tenth year from now
    last_day: dt.date = field(default_factory=_last_day)
