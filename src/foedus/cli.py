"""The command line: a thin layer over the Python API (:mod:`foedus.api`).

Each command opens the store, calls one API function, and prints the result as a table, JSON
or CSV. Exit codes: 0 answered; 1 the question cannot be answered (unknown state, bad date,
missing dataset, busy store); 2 an invalid command line (click) or invalid data (registry or
import-file problems, each named with file and line).
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.markup import escape

from foedus.cli_output import emit, handle_errors, output_options
from foedus.errors import FoedusError

F = TypeVar("F", bound=Callable[..., Any])

SOURCE = click.option("--source", type=click.Choice(["registry", "atop", "all"]),
                      default="all", show_default=True,
                      help="Curated registry, ATOP (if imported), or both (registry wins).")


def _open() -> Any:
    from foedus.api import Foedus

    return Foedus()


def _today() -> str:
    return dt.date.today().isoformat()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="foedus")
def main() -> None:
    """foedus: security commitments between states since 1815.

    States can be given as COW code (365), COW abbreviation (RUS) or name (Russia).
    Dates are YYYY-MM-DD.
    """


def _abb_of(ccode: int) -> str:
    """A COW code as its abbreviation, for tables (JSON keeps the code)."""
    from foedus.registry.states import load_state_system

    try:
        return load_state_system().by_code(ccode).abb
    except FoedusError:
        return str(ccode)


def _commitment_row(e: dict[str, Any]) -> dict[str, Any]:
    cond = e.get("conditions") or {}
    bits = []
    if cond.get("adversaries"):
        bits.append("vs " + ",".join(_abb_of(a) for a in cond["adversaries"]))
    if cond.get("territory"):
        bits.append("territory")
    if cond.get("non_provocation"):
        bits.append("non-provocation")
    if cond.get("war"):
        bits.append("war")
    if cond.get("other"):
        bits.append("other")
    bits += [flag for flag, on in (("DORMANT", e.get("dormant")), (f"via {e.get('via')}",
             e.get("via")), ("pre-system", e.get("pre_system"))) if on]
    def abb(s: dict[str, Any] | None) -> str:
        return s["abb"] if s else ""

    return {
        "state": abb(e.get("state")),
        "from": abb(e["from"]), "to": abb(e["to"]), "kind": e["kind"],
        "strength": e["strength"], "legal_force": e["legal_force"],
        "instrument": e["instrument"]["id"], "article": e.get("article"),
        "conditions": "; ".join(bits), "valid_from": e["valid_from"],
        "valid_to": e["valid_to"], "source": e.get("source"), "side": e.get("side"),
    }


_COMMITMENT_COLS = ["from", "to", "kind", "strength", "legal_force", "instrument",
                    "conditions", "valid_from", "valid_to", "source"]


@main.command()
@click.argument("state")
@click.option("--on", "on", default=None, help="Date (YYYY-MM-DD); default today.")
@click.option("--direction", type=click.Choice(["given", "received", "both"]), default="both",
              show_default=True)
@click.option("--kind", default=None, help="Only this kind (defense, guarantee, ...).")
@SOURCE
@output_options
@handle_errors
def commitments(state: str, on: str | None, direction: str, kind: str | None, source: Any,
                as_json: bool, as_csv: bool) -> None:
    """Commitments STATE gives or receives on a date."""
    with _open() as fx:
        ans = fx.commitments(state, on or _today(), direction=direction, kind=kind,
                             source=source)
    payload = ans.to_json()
    rows = [_commitment_row(e) for e in payload["commitments"]]
    emit(payload, rows, _COMMITMENT_COLS, as_json=as_json, as_csv=as_csv,
         title=f"Commitments of {ans.state} ({direction}) on {ans.on}")
    _note_unknown(payload, as_json or as_csv)


@main.command()
@click.argument("target")
@click.option("--against", "attacker", required=True, help="The attacking state.")
@click.option("--on", "on", default=None, help="Date (YYYY-MM-DD); default today.")
@SOURCE
@output_options
@handle_errors
def defenders(target: str, attacker: str, on: str | None, source: Any, as_json: bool,
              as_csv: bool) -> None:
    """Who an armed attack by ATTACKER on TARGET would engage, and how firmly."""
    with _open() as fx:
        ans = fx.defenders(target, attacker, on or _today(), source=source)
    payload = ans.to_json()
    names = {"bound": "Bound to defend", "consult": "Owing consultation",
             "aid": "Owing military aid", "neutral": "Bound to neutrality",
             "assurances": "Political assurances", "conflicted": "Conflicts of obligation",
             "violated": "Owed by the attacker", "restraint": "Assurances of restraint"}
    head = f"{ans.target.abb} against {ans.attacker.abb} on {ans.on}"
    sections = [(k if as_csv else f"{names[k]} — {head}",
                 [_commitment_row(e) for e in payload[k]]) for k in names]
    cols = ["state", "to", *_COMMITMENT_COLS[2:], "side"] if as_csv else \
        ["state", "to", *_COMMITMENT_COLS[2:-1]]
    emit(payload, [], cols, as_json=as_json, as_csv=as_csv, sections=sections, empty="none")
    _note_unknown(payload, as_json or as_csv)
    if not (as_json or as_csv):
        from foedus.cli_status import print_target_status

        print_target_status(payload)


@main.command("status")
@click.argument("state")
@click.option("--on", "on", default=None, help="Date (YYYY-MM-DD); default: every status "
              "in the state's history.")
@output_options
@handle_errors
def status_cmd(state: str, on: str | None, as_json: bool, as_csv: bool) -> None:
    """STATE's own legal status (permanent neutrality, non-bloc, non-nuclear...)."""
    from foedus.cli_status import status_rows

    with _open() as fx:
        ans = fx.status(state, on)
    payload = ans.to_json()
    when = f"on {ans.on}" if ans.on else "in its history"
    emit(payload, status_rows(payload["statuses"]),
         ["status", "instrument", "legal_force", "valid_from", "valid_to", "guarantors",
          "flags"], as_json=as_json, as_csv=as_csv, empty="none",
         title=f"Status of {ans.state} {when}")


def _note_unknown(payload: dict[str, Any], quiet: bool) -> None:
    if payload.get("unknown") and not quiet:
        unknown = ", ".join(payload["unknown"])
        Console(emoji=False).print(f"[yellow]note[/yellow] {unknown} does not cover "
                                   f"{payload['on']}: its alliances are unknown on that day, "
                                   "not absent.")


@main.command("instruments")
@click.option("--state", default=None, help="Only instruments this state is a member of.")
@click.option("--on", "on", default=None, help="Only instruments in force on this date.")
@click.option("--search", default=None, help="Text to find in id, name or notes.")
@output_options
@handle_errors
def instruments_cmd(state: str | None, on: str | None, search: str | None, as_json: bool,
                    as_csv: bool) -> None:
    """List instruments."""
    with _open() as fx:
        rows = fx.instruments(state=state, on=on, search=search)
    emit({"instruments": rows}, rows,
         ["id", "short", "type", "legal_force", "signed", "in_force", "terminated"],
         as_json=as_json, as_csv=as_csv, title="Instruments")


@main.command("instrument")
@click.argument("instrument_id")
@output_options
@handle_errors
def instrument_cmd(instrument_id: str, as_json: bool, as_csv: bool) -> None:
    """Everything recorded about one instrument."""
    with _open() as fx:
        data = fx.instrument(instrument_id)
    if as_json or as_csv:
        emit(data, data["members"], ["state", "role", "from", "to"], as_json=as_json,
             as_csv=as_csv)
        return
    console = Console(emoji=False)
    console.print(f"[bold]{data['name']}[/bold] ({data['id']}, {data['short']})")
    console.print(f"type {data['type']}, legal force {data['legal_force']}; signed "
                  f"{data['signed']}, in force {data['in_force']}, terminated "
                  f"{data['terminated']}")
    if data.get("notes"):
        console.print(data["notes"])
    def side(xs: list[Any]) -> str:
        return ", ".join(x["abb"] if isinstance(x, dict) else str(x) for x in xs)

    obligations = [{**o, "parties": o.get("among") or
                    f"{side(o['obligors'])} → {side(o['beneficiaries'])}"}
                   for o in data["obligations"]]
    emit(data, data["members"], ["state", "role", "from", "to", "note"], as_json=False,
         as_csv=False, title="Members")
    emit(data, obligations, ["article", "kind", "strength", "parties", "quote"],
         as_json=False, as_csv=False, title="Obligations")
    emit(data, data["sources"], ["url", "title"], as_json=False, as_csv=False,
         title="Sources")


@main.command()
@click.argument("a")
@click.argument("b")
@click.option("--on", "on", default=None, help="Date (YYYY-MM-DD); default today.")
@output_options
@handle_errors
def forums(a: str, b: str, on: str | None, as_json: bool, as_csv: bool) -> None:
    """Institutions and forums both A and B belong to."""
    with _open() as fx:
        ans = fx.forums(a, b, on or _today())
    payload = ans.to_json()
    emit(payload, payload["forums"], ["id", "short", "type", "in_force"], as_json=as_json,
         as_csv=as_csv, title=f"Forums shared by {ans.a.abb} and {ans.b.abb} on {ans.on}")


@main.command()
@click.option("--from", "start", required=True, help="Earlier date.")
@click.option("--to", "end", required=True, help="Later date.")
@click.option("--state", default=None, help="Only commitments given or received by STATE.")
@SOURCE
@output_options
@handle_errors
def diff(start: str, end: str, state: str | None, source: Any, as_json: bool,
         as_csv: bool) -> None:
    """Commitments that appeared or ended between two dates."""
    with _open() as fx:
        ans = fx.diff(start, end, state=state, source=source)
    payload = ans.to_json()
    emit(payload, [], _COMMITMENT_COLS, as_json=as_json, as_csv=as_csv, empty="none",
         sections=[(f"Appeared {ans.start} → {ans.end}",
                    [_commitment_row(e) for e in payload["appeared"]]),
                   (f"Ended {ans.start} → {ans.end}",
                    [_commitment_row(e) for e in payload["ended"]])])


@main.command()
@click.option("--registry", "directory", type=click.Path(file_okay=False, exists=True),
              default=None, help="A registry folder to check (default: the bundled one).")
@output_options
@handle_errors
def check(directory: str | None, as_json: bool, as_csv: bool) -> None:
    """Validate the registry; name file and line for each problem."""
    from pathlib import Path

    from foedus.registry.loader import check_registry

    reg = check_registry(Path(directory) if directory else None)
    rows = [{"file": p.file, "line": p.line, "field": p.field, "problem": p.message}
            for p in reg.problems]
    payload = {"instruments": len(reg), "problems": rows}
    if as_json or as_csv:
        emit(payload, rows, ["file", "line", "field", "problem"], as_json=as_json,
             as_csv=as_csv)
    else:
        console = Console(emoji=False)
        for p in reg.problems:
            console.print(f"[red]{escape(str(p))}[/red]", highlight=False, soft_wrap=True)
        console.print(f"{len(reg)} instruments valid, {len(reg.problems)} problems")
    if reg.problems:
        sys.exit(2)


def _register() -> None:
    """Attach the command groups that live in their own modules."""
    from foedus.cli_data import cite, data
    from foedus.cli_datasets import dyadyears, stateyears
    from foedus.cli_reconcile import reconcile

    for command in (data, cite, reconcile, stateyears, dyadyears):
        main.add_command(command)


_register()

if __name__ == "__main__":  # pragma: no cover
    main()
