"""What a sweep computes, cut into partitions: (date, block of attackers).

Why partition by attackers: every partition then holds whole pairs (one attacker against
every target), needs the same graph snapshot as its date's other partitions, and is small
enough to retry; the result of a partition never depends on how the others were cut.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from foedus.errors import DataError, Problem, UsageError

__all__ = ["Partition", "plan", "read_pairs", "year_day", "YEAR_DAY"]

# the fixed day a yearly sweep reads: 30 June sits mid-year, so a commitment that took effect
# or ended in the year is seen for the half of the year it dominates, and a state admitted on
# 1 January of its first year (the COW system's common convention) is always in.
YEAR_DAY = (6, 30)


def year_day(year: int) -> dt.date:
    return dt.date(year, *YEAR_DAY)


@dataclasses.dataclass(frozen=True)
class Partition:
    """One unit of work: the attackers ``attackers`` against every state in ``targets``."""

    day: dt.date
    block: int
    attackers: tuple[int, ...]
    targets: tuple[int, ...]

    @property
    def name(self) -> str:
        return f"{self.day.isoformat()}_b{self.block:04d}"

    @property
    def pairs(self) -> int:
        n = len(self.targets)
        return sum(n - (1 if a in self.targets else 0) for a in self.attackers)


def plan(members: Mapping[dt.date, Sequence[int]], block_size: int = 25,
         pairs: Sequence[tuple[int, int]] | None = None) -> list[Partition]:
    """Partitions for each day of ``members`` (the states alive that day, every ordered pair),
    or only ``pairs`` (attacker, target) on each day, keeping those alive."""
    out: list[Partition] = []
    for day, states in sorted(members.items()):
        alive = sorted({int(s) for s in states})
        if pairs is None:
            by_att = {a: tuple(alive) for a in alive}
        else:
            ok = set(alive)
            grouped: dict[int, set[int]] = {}
            for a, t in pairs:
                if a in ok and t in ok and a != t:
                    grouped.setdefault(int(a), set()).add(int(t))
            by_att = {a: tuple(sorted(ts)) for a, ts in sorted(grouped.items())}
        # attackers with the same targets share a block
        groups: dict[tuple[int, ...], list[int]] = {}
        for a, ts in by_att.items():
            groups.setdefault(ts, []).append(a)
        block = 0
        for ts, atts in groups.items():
            for i in range(0, len(atts), block_size):
                out.append(Partition(day, block, tuple(atts[i:i + block_size]), ts))
                block += 1
    return out


def read_pairs(path: str | Path, states: Any) -> list[tuple[int, int]]:
    """The (attacker, target) pairs of a file: one pair per line, two fields separated by a
    comma, tab or semicolon, each a COW code, abbreviation or name; blank lines, ``#``
    comments and a first line ``attacker,target`` are skipped. Every bad line is reported
    (file, line, field) in one :class:`~foedus.errors.DataError`."""
    name = str(path)
    try:
        if Path(path).exists() and not Path(path).is_file():  # a folder, or /dev/zero
            raise IsADirectoryError(f"not a file: {name!r}")
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, ValueError) as exc:  # ValueError: a NUL in the name, or not UTF-8
        raise DataError(Problem(name, None, None, f"cannot read the pairs file: {exc}")) from None
    out: list[tuple[int, int]] = []
    problems: list[Problem] = []
    for no, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        parts = [p.strip() for p in re.split(r"[,\t;]", line)]
        if [p.lower() for p in parts] == ["attacker", "target"] and not out and not problems:
            continue
        if len(parts) != 2 or not all(parts):
            problems.append(Problem(name, no, None,
                                    f"expected two fields 'attacker,target', got {raw.strip()!r}"))
            continue
        codes = []
        for field, ref in zip(("attacker", "target"), parts, strict=True):
            try:
                codes.append(states.lookup(ref).ccode)
            except UsageError as exc:
                problems.append(Problem(name, no, field, str(exc)))
        if len(codes) == 2:
            if codes[0] == codes[1]:
                problems.append(Problem(name, no, None,
                                        f"a state cannot attack itself ({raw.strip()})"))
            else:
                out.append((codes[0], codes[1]))
    if problems:
        raise DataError(problems)
    if not out:
        raise DataError(Problem(name, None, None, "no attacker,target pair in the file"))
    return out
