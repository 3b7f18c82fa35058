"""Saved scenarios: JSON files named by a random id in one folder the operator owns.

Why a folder of its own, and ids the server makes: a request names a saved scenario only by an
id it was given (32 hex digits, checked before use), so no request can name a file; writes need
the operator's token (see :mod:`foedus.web.app`).
"""

from __future__ import annotations

import json
import re
import secrets
from pathlib import Path
from typing import Any

from foedus.errors import NotFoundError

__all__ = ["ScenarioStore", "ID_PATTERN"]

ID_PATTERN = r"^[0-9a-f]{32}$"
_ID = re.compile(ID_PATTERN)


class ScenarioStore:
    """Scenarios saved as ``<id>.json`` under ``folder`` (created on first save)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def save(self, spec: dict[str, Any]) -> str:
        self.folder.mkdir(parents=True, exist_ok=True)
        sid = secrets.token_hex(16)
        tmp = self.folder / f".{sid}.tmp"
        tmp.write_text(json.dumps(spec, sort_keys=True), encoding="utf-8")
        tmp.replace(self.folder / f"{sid}.json")
        return sid

    def load(self, sid: str) -> dict[str, Any]:
        if not _ID.fullmatch(sid):
            raise NotFoundError(f"no saved scenario {sid!r}")
        path = self.folder / f"{sid}.json"
        if not path.is_file():
            raise NotFoundError(f"no saved scenario {sid!r}")
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        return data
