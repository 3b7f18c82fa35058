"""Shared output for every read command: a rich table (default), ``--json`` or ``--csv``.

Why: one decorator gives every read command the same options (datasette's lesson), and the
JSON is exactly the Python API's ``to_json()`` — the stable contract, no second shape.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import sys
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from foedus.errors import DataError, FoedusError

__all__ = ["output_options", "emit", "state_label", "handle_errors"]

F = TypeVar("F", bound=Callable[..., Any])


def _exclusive(ctx: click.Context, param: click.Parameter, value: bool) -> bool:
    """Refuse --json with --csv before any work is done."""
    other = "as_csv" if param.name == "as_json" else "as_json"
    if value and ctx.params.get(other):
        raise click.UsageError("choose one of --json and --csv")
    return value


def output_options(func: F) -> F:
    """Add ``--json`` and ``--csv`` (mutually exclusive; default: a table)."""
    func = click.option("--csv", "as_csv", is_flag=True, callback=_exclusive,
                        help="Print CSV rows.")(func)
    func = click.option("--json", "as_json", is_flag=True, callback=_exclusive,
                        help="Print the JSON contract (see README).")(func)
    return func


def state_label(s: dict[str, Any] | None) -> str:
    return "" if not s else f"{s['abb']} ({s['ccode']})"


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dict) and "abb" in value:
        return state_label(value)
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def emit(
    payload: dict[str, Any],
    rows: Sequence[dict[str, Any]],
    columns: Sequence[str],
    *,
    as_json: bool,
    as_csv: bool,
    title: str = "",
    empty: str = "nothing found",
    sections: Sequence[tuple[str, Sequence[dict[str, Any]]]] | None = None,
) -> None:
    """Print ``payload`` as JSON, ``rows`` as CSV, or rows (or sections) as rich tables."""
    if as_json and as_csv:
        raise click.UsageError("choose one of --json and --csv")
    if as_json:
        click.echo(json.dumps(payload, indent=2, ensure_ascii=False, default=str))
        return
    if as_csv:
        all_rows: list[dict[str, Any]] = []
        cols = list(columns)
        if sections:
            cols = ["section", *cols]
            for name, rs in sections:
                all_rows.extend({"section": name, **r} for r in rs)
        else:
            all_rows = list(rows)
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=cols, extrasaction="ignore")
        writer.writeheader()
        for r in all_rows:
            writer.writerow({c: _cell(r.get(c)) for c in cols})
        sys.stdout.write(buf.getvalue())
        return
    console = Console(emoji=False)
    for name, rs in sections or [(title, rows)]:
        table = Table(title=name or None, show_lines=False, header_style="bold")
        for c in columns:
            table.add_column(c, overflow="fold")
        for r in rs:
            table.add_row(*[_cell(r.get(c)) for c in columns])
        if rs:
            console.print(table)
        else:
            console.print(f"[bold]{name}[/bold]: {empty}" if name else empty)


def handle_errors(func: F) -> F:
    """Turn foedus errors into clean messages at the edge: every problem of a data error
    (file, line, field) with exit code 2; any other foedus error in one line, exit code 1."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except DataError as exc:
            err = Console(emoji=False, stderr=True)
            for p in exc.problems:
                err.print(f"[red]error[/red] {escape(str(p))}", highlight=False, soft_wrap=True)
            sys.exit(2)
        except FoedusError as exc:
            Console(emoji=False, stderr=True).print(
                f"[red]error[/red] {escape(str(exc))}", highlight=False, soft_wrap=True)
            sys.exit(1)

    return wrapper  # type: ignore[return-value]
