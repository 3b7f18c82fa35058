"""Reading a registry TOML file with problems that name file, line and field.

Why: the instrument files and the conflicts layer are both hand-written TOML checked on load;
one reader base finds a key's line and words a problem the same way for both, and resolves a
state exactly (a typo is a problem, never a near-miss state).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Protocol

from foedus.errors import FoedusError, Problem
from foedus.model.states import StateSystem

__all__ = ["Locator", "TomlLocator", "TomlReader"]


class TomlLocator:
    """Finds the line of a key in a TOML file, for error messages."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self.tables: dict[str, list[int]] = {}
        for i, line in enumerate(self.lines, start=1):
            m = re.match(r"\s*\[\[\s*([A-Za-z_]+)\s*\]\]", line)
            if m:
                self.tables.setdefault(m.group(1), []).append(i)

    def _block(self, table: str | None, index: int) -> tuple[int, int]:
        starts = sorted(x for xs in self.tables.values() for x in xs)
        if table is None:
            return 1, (starts[0] if starts else len(self.lines) + 1)
        try:
            begin = self.tables[table][index]
        except (KeyError, IndexError):
            return 1, len(self.lines) + 1
        after = [s for s in starts if s > begin]
        return begin, (after[0] if after else len(self.lines) + 1)

    def first(self, name: str) -> int | None:
        """The first line that defines ``name`` at all: ``[name]``, ``[[name]]``,
        ``name = ...`` or ``name.key = ...``."""
        pat = re.compile(rf"\s*(\[\[?\s*{re.escape(name)}\s*[\].]|{re.escape(name)}\s*[=.])")
        for i, line in enumerate(self.lines, start=1):
            if pat.match(line):
                return i
        return None

    def line(self, table: str | None = None, index: int = 0, key: str | None = None) -> int:
        begin, end = self._block(table, index)
        if key is not None:
            pat = re.compile(rf"\s*{re.escape(key)}\s*=")
            for i in range(begin, end):
                if pat.match(self.lines[i - 1]):
                    return i
        return begin


class Locator(Protocol):
    """Where a key of an instrument document sits in its file (for problems' line numbers)."""

    def line(self, table: str | None = None, index: int = 0, key: str | None = None) -> int:
        """The line of ``key`` in the ``index``-th ``[[table]]`` (or the top table)."""

    def first(self, name: str) -> int | None:
        """The first line that defines ``name``, if any."""


class TomlReader:
    """A reader of one TOML document that collects :class:`~foedus.errors.Problem`s."""

    def __init__(self, path: Path, text: str, states: StateSystem,
                 locator: Locator | None = None) -> None:
        self.path = path
        self.loc: Locator = locator if locator is not None else TomlLocator(text)
        self.states = states
        self.problems: list[Problem] = []
        self.fname = str(path)

    def problem(self, msg: str, table: str | None = None, index: int = 0,
                key: str | None = None) -> None:
        line = self.loc.line(table, index, key)
        where = f"{table}[{index + 1}].{key}" if table and key else (table or key)
        self.problems.append(Problem(self.fname, line, where, msg))

    def state(self, raw: Any, table: str | None, index: int, key: str) -> int | None:
        if raw is None:
            self.problem(f"missing required key {key!r}", table, index, key)
            return None
        if isinstance(raw, bool) or not isinstance(raw, str | int):
            self.problem(f"{raw!r} is not a state: give a COW abbreviation or code",
                         table, index, key)
            return None
        try:
            # Exact only: a typo in a registry file is a problem, never a near-miss state.
            return self.states.lookup(raw, exact=True).ccode
        except FoedusError as exc:
            self.problem(str(exc), table, index, key)
            return None

    def unknown_keys(self, data: dict[str, Any], allowed: set[str], table: str | None,
                     index: int = 0) -> None:
        for k in data:
            if k not in allowed:
                self.problem(f"unknown key {k!r}", table, index, k)

