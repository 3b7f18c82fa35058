"""The registry's marked doubts: every field whose text says CHECK or unverified.

Why: a curated record is only as good as its least certain fact. Where a source was not found
the registry says so in the field itself (``CHECK``, ``unverified``) rather than guess
(docs/registry-format.md). ``foedus check --sources`` lists those marks with file, line and
field, so the remaining doubt is visible and can be counted, and shrinks as facts are
verified. This reads the files' text (not the parsed TOML) because the line and the field a
mark stands in are what a reader needs to fix it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Doubt", "MARKS", "find_doubts"]

#: ``CHECK`` in capitals (a word), ``unverified`` in any case.
MARKS = re.compile(r"\bCHECK\b|\b[Uu][Nn][Vv][Ee][Rr][Ii][Ff][Ii][Ee][Dd]\b")
_TABLE = re.compile(r"\s*\[\[\s*([A-Za-z_]+)\s*\]\]")
_KEY = re.compile(r"\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$")


@dataclass(frozen=True)
class Doubt:
    """One marked doubt: where it stands and the text around the mark."""

    file: str
    line: int
    field: str
    text: str

    def to_json(self) -> dict[str, object]:
        return {"file": self.file, "line": self.line, "field": self.field, "text": self.text}


def _excerpt(line: str, match: re.Match[str], width: int = 160) -> str:
    """The text around the mark, trimmed to ``width`` characters at most."""
    text = line.strip().strip('"').strip()
    at = text.find(match.group(0))
    if len(text) <= width or at < 0:
        return text[:width]
    lo = max(0, at - width // 2)
    hi = min(len(text), lo + width)
    return ("…" if lo else "") + text[lo:hi] + ("…" if hi < len(text) else "")


def doubts_in_text(text: str, file: str) -> list[Doubt]:
    """Every marked doubt in one registry file's text, with its field (``member[3].note``)."""
    out: list[Doubt] = []
    counts: dict[str, int] = {}
    table: str | None = None
    key: str | None = None
    in_multiline = False
    for number, line in enumerate(text.splitlines(), start=1):
        if not in_multiline:
            t = _TABLE.match(line)
            if t:
                table = t.group(1)
                counts[table] = counts.get(table, 0) + 1
                key = None
                continue
            k = _KEY.match(line)
            if k:
                key = k.group(1)
                rest = k.group(2)
                if rest.startswith('"""') and rest.count('"""') == 1:
                    in_multiline = True
        elif '"""' in line:
            in_multiline = False
        for match in MARKS.finditer(line):
            if line.lstrip().startswith("#"):
                field = "comment"
            elif table is None:
                field = key or "?"
            else:
                field = f"{table}[{counts[table]}].{key or '?'}"
            out.append(Doubt(file, number, field, _excerpt(line, match)))
            break  # one entry per line
    return out


def find_doubts(directory: Path) -> list[Doubt]:
    """Every marked doubt in the registry folder, file by file in name order."""
    out: list[Doubt] = []
    for path in sorted(directory.glob("*.toml")):
        out.extend(doubts_in_text(path.read_text(encoding="utf-8"), str(path)))
    return out
