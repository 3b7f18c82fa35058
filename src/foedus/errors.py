"""Every exception foedus raises.

Why one module: callers (the CLI, the web API) catch :class:`FoedusError` at the edge and
show its message; data errors (a bad file, a bad fact) are kept apart from usage errors (a
bad argument), so that a user knows whether to fix their input or their command.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "FoedusError",
    "UsageError",
    "UnknownStateError",
    "AmbiguousStateError",
    "DataError",
    "Problem",
    "RegistryError",
    "ImportDataError",
    "NotFoundError",
    "StoreError",
    "StoreBusyError",
    "StoreCorruptError",
    "StoreReadOnlyError",
    "InvalidInputError",
    "first_line",
]


class FoedusError(Exception):
    """Base class: every error foedus raises on purpose.

    Each class says how every interface reports it: the CLI's exit code (1: the question
    cannot be answered; 2: invalid input or data), the web API's HTTP status, and a short
    machine-readable ``code``; :meth:`to_json` is the one error shape of the JSON API.
    """

    exit_code: int = 1
    http_status: int = 400
    code: str = "error"

    def to_json(self) -> dict[str, object]:
        detail: object = None
        problems = getattr(self, "problems", None)
        if problems:
            detail = [{"file": p.file, "line": p.line, "column": p.column, "field": p.field,
                       "message": p.message} for p in problems]
        return {"error": {"code": self.code, "message": str(self), "detail": detail}}


class UsageError(FoedusError, ValueError):
    """A call or command was given an argument it cannot use (a question that cannot be
    answered as asked: exit 1)."""

    code = "bad_request"


class InvalidInputError(UsageError):
    """An argument is invalid in itself (an unknown kind, a malformed option): exit 2, like
    click's own usage errors."""

    exit_code = 2
    code = "invalid_input"


class NotFoundError(UsageError, LookupError):
    """A named thing (instrument, dataset) does not exist."""

    http_status = 404
    code = "not_found"


class StoreError(FoedusError):
    """The store cannot be opened or written."""

    http_status = 503
    code = "store_unavailable"


class StoreBusyError(StoreError):
    """Another process holds the store (a writer excludes everyone; readers exclude writers)."""

    code = "store_busy"


class StoreCorruptError(StoreError):
    """The store file is damaged or is not a foedus store; ``foedus store rebuild`` mends it."""

    code = "store_corrupt"


class StoreReadOnlyError(StoreError):
    """The store (or its folder) cannot be written: reads work, writes do not."""

    code = "store_read_only"


class UnknownStateError(UsageError, LookupError):
    """No state matches the given code, abbreviation or name."""

    def __init__(self, ref: str, suggestions: list[str]) -> None:
        self.ref = ref
        self.suggestions = suggestions
        hint = f"; did you mean: {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"unknown state {ref!r}{hint}")


class AmbiguousStateError(UsageError, LookupError):
    """Several states match a name; the message lists them."""

    def __init__(self, ref: str, candidates: list[str]) -> None:
        self.ref = ref
        self.candidates = candidates
        super().__init__(
            f"{ref!r} is ambiguous; it matches: {'; '.join(candidates)}. "
            "Use a COW code or abbreviation."
        )


@dataclass(frozen=True)
class Problem:
    """One problem found in a data file: where it is and what is wrong."""

    file: str
    line: int | None
    field: str | None
    message: str
    column: int | None = None

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        if self.field:
            where += f" [{self.field}]"
        return f"{where}: {self.message}"


class DataError(FoedusError):
    """Data (a file, a record) is wrong; carries every :class:`Problem` found."""

    exit_code = 2
    http_status = 422
    code = "invalid_data"

    def __init__(self, problems: list[Problem] | Problem | str) -> None:
        if isinstance(problems, str):
            problems = [Problem("<data>", None, None, problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems = problems
        head = str(problems[0]) if problems else "invalid data"
        more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
        super().__init__(head + more)


class RegistryError(DataError):
    """The curated registry has errors; nothing was loaded."""


class ImportDataError(DataError):
    """An external dataset file could not be imported; the store was left unchanged."""


def first_line(exc: BaseException) -> str:
    """The first line of ``exc``'s message, or its class name when it has none: what a
    one-line error keeps of a library's exception (polars and dask write several lines)."""
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]
