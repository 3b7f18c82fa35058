"""Dates with a precision flag, and half-open validity periods.

Why: sources often know only the year or month of an event (ATOP codes unknown days), and
as-of queries work at day precision. A :class:`FuzzyDate` keeps the day we compute with and
says how much of it is known. A :class:`Period` is half-open, ``start <= d < end``, following
the date conventions of ``docs/rules.md`` §2: an end date is the first day no longer in
force, and ``end=None`` means still in force.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum

from foedus.errors import UsageError
from foedus.model.limits import last_day
from foedus.model.schema import FIRST_DAY

__all__ = ["Precision", "FuzzyDate", "Period", "parse_date", "intersect", "subtract", "as_date"]

Date = dt.date
_DATE_RE = re.compile(r"^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?$")  # ASCII digits only


class Precision(StrEnum):
    """How much of a date the source knows."""

    DAY = "day"
    MONTH = "month"
    YEAR = "year"


@dataclass(frozen=True, order=True)
class FuzzyDate:
    """A calendar day plus the precision the source gives it.

    A month- or year-precision date is stored as the first day of that month or year.
    """

    day: dt.date
    precision: Precision = Precision.DAY

    def __str__(self) -> str:
        if self.precision is Precision.YEAR:
            return f"{self.day.year:04d}"
        if self.precision is Precision.MONTH:
            return f"{self.day.year:04d}-{self.day.month:02d}"
        return self.day.isoformat()


def parse_date(value: object) -> FuzzyDate:
    """Parse ``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY`` or a :class:`datetime.date`.

    Raises ``ValueError`` with the offending text when it is not a date.
    """
    if isinstance(value, dt.datetime):
        return FuzzyDate(value.date())
    if isinstance(value, dt.date):
        return FuzzyDate(value)
    if isinstance(value, int) and 1000 <= value <= 9999:
        return FuzzyDate(dt.date(value, 1, 1), Precision.YEAR)
    if not isinstance(value, str):
        raise ValueError(f"not a date: {value!r} (expected YYYY-MM-DD, YYYY-MM or YYYY)")
    m = _DATE_RE.match(value.strip())
    if not m:
        raise ValueError(f"not a date: {value!r} (expected YYYY-MM-DD, YYYY-MM or YYYY)")
    year, month, day = m.group(1), m.group(2), m.group(3)
    try:
        if day is not None:
            return FuzzyDate(dt.date(int(year), int(month), int(day)), Precision.DAY)
        if month is not None:
            return FuzzyDate(dt.date(int(year), int(month), 1), Precision.MONTH)
        return FuzzyDate(dt.date(int(year), 1, 1), Precision.YEAR)
    except ValueError as exc:
        raise ValueError(f"not a valid calendar date: {value!r} ({exc})") from None


@dataclass(frozen=True, order=True)
class Period:
    """A half-open interval of days: ``start <= d < end``; ``end=None`` is open-ended."""

    start: dt.date
    end: dt.date | None = None

    def __post_init__(self) -> None:
        if self.end is not None and self.end < self.start:
            raise ValueError(f"period ends ({self.end}) before it starts ({self.start})")

    def contains(self, day: dt.date) -> bool:
        """True when ``day`` falls inside the period."""
        return self.start <= day and (self.end is None or day < self.end)

    @property
    def empty(self) -> bool:
        return self.end is not None and self.end <= self.start

    def overlaps(self, other: Period) -> bool:
        """True when the two periods share at least one day."""
        return intersect(self, other) is not None

    def __str__(self) -> str:
        return f"[{self.start.isoformat()}, {self.end.isoformat() if self.end else '…'})"


def intersect(a: Period, b: Period) -> Period | None:
    """The days both periods share, or ``None``."""
    start = max(a.start, b.start)
    ends = [e for e in (a.end, b.end) if e is not None]
    end = min(ends) if ends else None
    if end is not None and end <= start:
        return None
    return Period(start, end)


def subtract(a: Period, b: Period) -> list[Period]:
    """The parts of ``a`` not covered by ``b`` (zero, one or two periods)."""
    if intersect(a, b) is None:
        return [a]
    out: list[Period] = []
    if a.start < b.start:
        out.append(Period(a.start, b.start))
    if b.end is not None and (a.end is None or b.end < a.end):
        out.append(Period(b.end, a.end))
    return out


def as_date(value: object, what: str = "date") -> dt.date:
    """A day from ``YYYY-MM-DD`` (or ``YYYY-MM`` / ``YYYY``: the first day of that month or
    year), a :class:`datetime.date`/``datetime`` (or a pandas/numpy timestamp); a clear
    :class:`UsageError` otherwise."""
    if isinstance(value, dt.datetime):
        value = value.date()
    elif type(value).__name__ == "datetime64":
        value = str(value)[:10]
    if isinstance(value, dt.date):
        day = value
    else:
        try:
            day = parse_date(str(value).strip()).day
        except ValueError as exc:
            raise UsageError(
                f"bad {what}: {exc}; give YYYY-MM-DD (or YYYY-MM or YYYY, read as the "
                "first day)") from None
    if day < FIRST_DAY:
        raise UsageError(f"bad {what}: {day} is before 1815, where foedus's records begin")
    if day > last_day():
        raise UsageError(f"bad {what}: {day} is after {last_day()}, the last day foedus "
                         f"answers for (days run {FIRST_DAY} to {last_day()})")
    return day
