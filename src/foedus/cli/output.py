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
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from foedus.cli.tables import Col, as_cols, plural, print_sections
from foedus.errors import DataError, FoedusError, InvalidInputError, UsageError

__all__ = ["output_options", "emit", "handle_errors", "console", "print_json",
           "commitment_row", "grouped_rows", "COMMITMENT_COLUMNS", "GROUP_COLUMNS", "cell",
           "Col", "plural", "by_state",
           "commitment_table", "STATE_COLUMNS", "period", "check_output_folder",
           "check_figure", "FIGURE_SUFFIXES"]

F = TypeVar("F", bound=Callable[..., Any])


def console(stderr: bool = False) -> Any:
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            """``foedus ... | head``: the reader left, which is not an error — rich's own
            handler exits 1 (the JSON and CSV forms exited 0: the CLI's main catches it)."""
            self.quiet = True
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            raise SystemExit(0)

    return _Console(emoji=False, stderr=stderr, highlight=False)


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
    columns: Sequence[str | Col],
    *,
    as_json: bool,
    as_csv: bool,
    title: str = "",
    empty: str = "nothing found",
    sections: Sequence[tuple[Any, ...]] | None = None,
    heading: str = "",
) -> None:
    """Print ``payload`` as JSON, ``rows`` (or ``sections``) as CSV, or as tables laid out by
    :mod:`foedus.cli.tables` (key columns whole; empty sections folded into one line)."""
    cols = as_cols(columns)
    if as_json:
        print_json(payload)
        return
    if as_csv:
        all_rows: list[dict[str, Any]] = []
        names = [c.name for c in cols]
        if sections:
            names = ["section", *names]
            for sec in sections:
                all_rows.extend({"section": sec[0], **r} for r in sec[1])
        else:
            all_rows = list(rows)
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=names, extrasaction="ignore")
        writer.writeheader()
        for r in all_rows:
            writer.writerow({c: cell(r.get(c)) for c in names})
        sys.stdout.write(buf.getvalue())
        return
    print_sections(console(), sections if sections is not None else [(title, rows)], cols,
                   cell, empty=empty, heading=heading)


def period(start: Any, end: Any) -> str:
    """Two days as one cell that wraps between them: ``1949-08-24 –`` (still in force),
    ``1815-11-20 – 1822-12-01``; nothing when neither is known."""
    if not start and not end:
        return ""
    return f"{start or '?'} – {end or ''}".rstrip()


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
GROUP_COLUMNS: list[str | Col] = [Col("instrument", "key"),
                                  Col("promise", header="article: promise"), Col("states")]
STATE_COLUMNS: list[str | Col] = [Col("state", "key"), Col("instruments")]


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


def _promise(e: dict[str, Any]) -> str:
    promise = " ".join(x for x in (e["kind"], e["strength"] or "", f"({e['legal_force']})",
                                   _conditions(e)) if x)
    if e.get("side"):
        promise += f" [{e['side']} side]"
    for flag, on in (("presumed", e.get("presumed")), ("dormant", e.get("dormant")),
                     (f"via {e.get('via')}", e.get("via")),
                     ("pre-system", e.get("pre_system"))):
        if on:
            promise += f" [{flag}]"
    return promise


def grouped_rows(entries: Sequence[dict[str, Any]], counterpart: str) -> list[dict[str, Any]]:
    """Entries grouped by instrument and promise, with the states (``counterpart``: ``from``
    or ``to``) each group names; the articles of one instrument that make the same promise to
    the same states share a row."""
    groups: dict[tuple[Any, ...], list[str]] = {}
    for e in entries:
        key = (e["instrument"]["id"], e.get("article") or "", _promise(e))
        groups.setdefault(key, []).append(e[counterpart]["abb"])
    merged: dict[tuple[Any, ...], list[str]] = {}
    for (inst, article, promise), states in groups.items():
        unique = tuple(dict.fromkeys(states))
        merged.setdefault((inst, promise, unique), []).append(article)
    rows = []
    for (inst, promise, unique), articles in merged.items():
        article = "; ".join(a for a in articles if a)
        rows.append({"instrument": inst, "article": article,
                     "promise": f"{article}: {promise}" if article else promise,
                     "states": f"{len(unique)}: {' '.join(unique)}" if len(unique) > 1
                     else unique[0]})
    return rows


def repeats(rows: Sequence[dict[str, Any]]) -> bool:
    """Whether the same states are listed again and again (each state in three groups or
    more on average): then one line per state reads better than the groups."""
    listed = [r["states"].split(": ", 1)[-1].split() for r in rows]
    distinct = {s for states in listed for s in states}
    return len(rows) > 3 and sum(map(len, listed)) >= 3 * max(len(distinct), 1)


def by_state(entries: Sequence[dict[str, Any]], counterpart: str) -> list[dict[str, Any]]:
    """One row per state (``counterpart``) with the instruments that bind it, each with how
    many of its articles apply: the compact form of a list that repeats per group."""
    per: dict[str, dict[str, set[str]]] = {}
    for e in entries:
        inst = per.setdefault(e[counterpart]["abb"], {})
        inst.setdefault(e["instrument"]["id"], set()).add(e.get("article") or "")
    rows = []
    for state, insts in per.items():
        parts = [f"{i} ({len(a)} articles)" if len(a) > 1 else i for i, a in insts.items()]
        rows.append({"state": state, "instruments": ", ".join(parts)})
    return rows


def commitment_table(entries: Sequence[dict[str, Any]], counterpart: str
                     ) -> tuple[list[dict[str, Any]], list[str | Col]]:
    """The grouped rows of ``entries``, or one row per state when the groups repeat states."""
    rows = grouped_rows(entries, counterpart)
    if repeats(rows):
        return by_state(entries, counterpart), STATE_COLUMNS
    return rows, GROUP_COLUMNS


def check_output_folder(path: Path, option: str = "",
                        error: type[UsageError] = UsageError) -> None:
    """Refuse an output file whose folder is missing or not writable, before the work that
    would fill it (a frame built, a backtest run for minutes). ``option`` names the option
    in the message; ``error`` is the command's class of error (its exit code)."""
    folder = path.parent if str(path.parent) else Path(".")
    where = f"{option}: " if option else ""
    if path.is_dir():  # also '' (click turns it into '.')
        raise error(f"{where}cannot write {str(path)!r}: it is a folder; give a file name")
    if not folder.is_dir():
        raise error(f"{where}cannot write {path}: no folder {folder}")
    if not os.access(folder, os.W_OK):
        raise error(f"{where}cannot write {path}: {folder} is not writable")


#: the figure formats matplotlib writes without extra packages
FIGURE_SUFFIXES = (".png", ".pdf", ".svg", ".svgz", ".eps", ".ps", ".jpg", ".jpeg", ".tif",
                   ".tiff", ".webp")


def check_figure(path: Path | str | None, option: str = "--plot") -> None:
    """Refuse a figure file matplotlib cannot write (no known suffix: it raised ValueError
    after the work was done) or whose folder is missing or read-only, before the work; exit
    2 (a bad option value)."""
    if path is None:
        return
    p = Path(path)
    if p.suffix.lower() not in FIGURE_SUFFIXES:
        raise InvalidInputError(f"{option} {str(path)!r}: give a figure file ending in .png, "
                                ".pdf or .svg (or .eps, .ps, .jpg, .tif, .webp)")
    check_output_folder(p, option, InvalidInputError)
