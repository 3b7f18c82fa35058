"""Shared output for every read command: a table (default), ``--wide``, ``--json`` or ``--csv``.

Why: one decorator gives every read command the same options (datasette's lesson), and the
JSON is exactly the answer's ``to_json()`` — the stable contract, no second shape. Tables are
written for an 80-column terminal: commitments are grouped (one line per instrument, article
and kind, with the states it binds), words are wrapped, never broken; ``--wide`` shows one row
per commitment with every column.

rich is imported only when a table is printed, so that ``foedus --help`` and JSON output start
fast.
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

from foedus.errors import DataError, FoedusError

__all__ = ["output_options", "emit", "handle_errors", "console", "print_json",
           "commitment_row", "grouped_rows", "COMMITMENT_COLUMNS", "GROUP_COLUMNS", "cell"]

F = TypeVar("F", bound=Callable[..., Any])


def console(stderr: bool = False) -> Any:
    from rich.console import Console

    return Console(emoji=False, stderr=stderr, highlight=False)


def _exclusive(ctx: click.Context, param: click.Parameter, value: bool) -> bool:
    """Refuse two output formats before any work is done."""
    chosen = [n for n in ("as_json", "as_csv") if ctx.params.get(n)]
    if value and chosen and param.name not in chosen:
        raise click.UsageError("choose one of --json and --csv")
    return value


def output_options(func: F) -> F:
    """Add ``--json``, ``--csv`` (exclusive) and ``--wide`` (every column in the table)."""
    func = click.option("--wide", is_flag=True,
                        help="One row per commitment with every column.")(func)
    func = click.option("--csv", "as_csv", is_flag=True, callback=_exclusive,
                        help="Print CSV rows.")(func)
    func = click.option("--json", "as_json", is_flag=True, callback=_exclusive,
                        help="Print the JSON contract (see README).")(func)
    return func


def print_json(payload: dict[str, Any]) -> None:
    click.echo(json.dumps(payload, indent=2, ensure_ascii=False, default=str))


def cell(value: Any) -> str:
    """A value as table text: nothing for null (never ``None``), states by abbreviation."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else ""
    if isinstance(value, dict) and "abb" in value:
        return f"{value['abb']} ({value['ccode']})"
    if isinstance(value, list):
        return ", ".join(cell(v) for v in value)
    if isinstance(value, dict):
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
    """Print ``payload`` as JSON, ``rows`` (or ``sections``) as CSV, or as tables."""
    if as_json:
        print_json(payload)
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
            writer.writerow({c: cell(r.get(c)) for c in cols})
        sys.stdout.write(buf.getvalue())
        return
    from rich.markup import escape
    from rich.table import Table

    out = console()
    for name, rs in sections or [(title, rows)]:
        if not rs:
            out.print(f"[bold]{escape(name)}[/bold]: {empty}" if name else empty)
            continue
        table = Table(title=escape(name) if name else None, header_style="bold",
                      title_justify="left", expand=False)
        for c in columns:
            # identifiers have no spaces to wrap at: give them their width (up to 26)
            words = [w for r in rs for w in cell(r.get(c)).split()]
            solid = max((len(w) for w in words if "-" in w), default=0)
            table.add_column(c, overflow="fold" if c in ("quote", "url") else "ellipsis",
                             width=min(solid, 26) if solid else None)
        for r in rs:
            table.add_row(*[escape(cell(r.get(c))) for c in columns])
        out.print(table)


def handle_errors(func: F) -> F:
    """Turn foedus errors into clean messages at the edge, with the error's exit code: every
    problem of a data error (file, line, field) and exit 2; other errors in one line (exit 1
    when the question cannot be answered, 2 when the input is invalid)."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except DataError as exc:
            for p in exc.problems:
                click.echo(f"error {p}", err=True)
            sys.exit(exc.exit_code)
        except FoedusError as exc:
            click.echo(f"error {exc}", err=True)
            sys.exit(exc.exit_code)

    return wrapper  # type: ignore[return-value]


# -- commitments as table rows ----------------------------------------------------------------
COMMITMENT_COLUMNS = ["from", "to", "kind", "strength", "legal_force", "instrument", "article",
                      "conditions", "valid_from", "valid_to", "source"]
GROUP_COLUMNS = ["instrument, article", "promise", "states"]


def _abb(ccode: int) -> str:
    from foedus.registry.states import load_state_system

    try:
        return load_state_system().by_code(ccode).abb
    except FoedusError:
        return str(ccode)


def _conditions(e: dict[str, Any]) -> str:
    cond = e.get("conditions") or {}
    bits = []
    if cond.get("adversaries"):
        bits.append("vs " + ",".join(_abb(a) for a in cond["adversaries"]))
    if cond.get("object"):
        bits.append("object " + ",".join(_abb(a) for a in cond["object"]))
    for key, label in (("territory", "territory"), ("non_provocation", "non-provocation"),
                       ("war", "war"), ("other", "other")):
        if cond.get(key):
            bits.append(label)
    return "; ".join(bits)


def commitment_row(e: dict[str, Any]) -> dict[str, Any]:
    """One commitment entry (JSON) as a wide table row."""
    def abb(s: dict[str, Any] | None) -> str:
        return s["abb"] if s else ""

    return {
        "state": abb(e.get("state")), "from": abb(e["from"]), "to": abb(e["to"]),
        "kind": e["kind"], "strength": e["strength"], "legal_force": e["legal_force"],
        "instrument": e["instrument"]["id"], "article": e.get("article"),
        "conditions": _conditions(e), "valid_from": e["valid_from"],
        "valid_to": e["valid_to"], "source": e.get("source"), "side": e.get("side"),
        "reason": e.get("reason"),
    }


def grouped_rows(entries: Sequence[dict[str, Any]], counterpart: str) -> list[dict[str, Any]]:
    """Entries grouped by instrument, article and promise; ``counterpart`` (``from`` or
    ``to``) names the states listed in each group. Fits an 80-column terminal."""
    groups: dict[tuple[Any, ...], list[str]] = {}
    for e in entries:
        promise = " ".join(x for x in (e["kind"], e["strength"] or "", f"({e['legal_force']})",
                                       _conditions(e)) if x)
        if e.get("side"):
            promise += f" [{e['side']} side]"
        for flag, on in (("presumed", e.get("presumed")), ("dormant", e.get("dormant")),
                         (f"via {e.get('via')}", e.get("via")),
                         ("pre-system", e.get("pre_system"))):
            if on:
                promise += f" [{flag}]"
        key = (e["instrument"]["id"], e.get("article") or "", promise)
        groups.setdefault(key, []).append(e[counterpart]["abb"])
    rows = []
    for (inst, article, promise), states in groups.items():
        unique = list(dict.fromkeys(states))
        rows.append({"instrument, article": f"{inst}\n{article}" if article else inst,
                     "instrument": inst, "article": article, "promise": promise,
                     "states": f"{len(unique)}: {' '.join(unique)}" if len(unique) > 1
                     else unique[0]})
    return rows
