"""The command line: a thin layer over the Python API (:class:`foedus.session.Session`).

Each command opens a session, calls one method, and displays the typed answer: a table that
fits 80 columns (default), ``--wide``, ``--json`` (the answer's ``to_json()``) or ``--csv``.
Exit codes: 0 answered; 1 the question cannot be answered (unknown state, bad date, a state
outside the system on that day, missing dataset, busy store); 2 an invalid command line or
invalid data (registry or import-file problems, each named with file and line).

One module per command group: ``queries`` (commitments, defenders, instruments, instrument,
forums, diff), ``status``, ``registry`` (check), ``store`` (store rebuild/info), ``data``
(data, cite), ``datasets`` (stateyears, dyadyears), ``reconcile``, ``scenario`` (scenario
run), ``advise`` (guarantors, gaps), ``restraints`` (restraints, reassurance), ``sweep``
(every attacker against every target),
``backtest`` (backtest wars, backtest guarantors), ``web`` (serve). A command's module is
imported only when it runs (:data:`COMMANDS`), and heavy libraries (polars, DuckDB, rich)
inside commands, so that the CLI starts fast.
"""

from __future__ import annotations

import sys
from typing import Any

import click

__all__ = ["main"]


#: command name -> (module, attribute): a command's module (and what it imports) is loaded only
#: when that command runs, or when help lists the commands
COMMANDS: dict[str, tuple[str, str]] = {
    "commitments": ("foedus.cli.queries", "commitments"),
    "defenders": ("foedus.cli.queries", "defenders"),
    "instruments": ("foedus.cli.queries", "instruments_cmd"),
    "instrument": ("foedus.cli.queries", "instrument_cmd"),
    "forums": ("foedus.cli.queries", "forums"),
    "diff": ("foedus.cli.queries", "diff"),
    "status": ("foedus.cli.status", "status_cmd"),
    "check": ("foedus.cli.registry", "check"),
    "store": ("foedus.cli.store", "store"),
    "data": ("foedus.cli.data", "data"),
    "cite": ("foedus.cli.data", "cite"),
    "reconcile": ("foedus.cli.reconcile", "reconcile"),
    "stateyears": ("foedus.cli.datasets", "stateyears"),
    "dyadyears": ("foedus.cli.datasets", "dyadyears"),
    "scenario": ("foedus.cli.scenario", "scenario"),
    "guarantors": ("foedus.cli.advise", "guarantors_cmd"),
    "gaps": ("foedus.cli.advise", "gaps_cmd"),
    "threats": ("foedus.cli.advise", "threats_cmd"),
    "backtest": ("foedus.cli.backtest", "backtest"),
    "sweep": ("foedus.cli.sweep", "sweep"),
    "serve": ("foedus.cli.web", "serve"),
    "restraints": ("foedus.cli.restraints", "restraints_cmd"),
    "reassurance": ("foedus.cli.restraints", "reassurance_cmd"),
}


class _OneLineErrors(click.Group):
    """The group whose usage errors are one line, like foedus's own errors (``error ...``,
    exit 2), instead of click's usage block: a script reading stderr gets one line; and whose
    commands are imported on first use (:data:`COMMANDS`)."""

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            import importlib

            module, attr = COMMANDS[cmd_name]
            self.commands[cmd_name] = getattr(importlib.import_module(module), attr)
        return self.commands.get(cmd_name)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(self.commands) | set(COMMANDS))

    def main(self, *args: Any, **kwargs: Any) -> Any:
        if kwargs.get("standalone_mode", True) is False:
            return super().main(*args, **kwargs)
        kwargs["standalone_mode"] = False
        try:
            rv = super().main(*args, **kwargs)
        except click.exceptions.Abort:
            click.echo("error aborted", err=True)
            sys.exit(1)
        except click.UsageError as exc:
            names, ctx = [], exc.ctx
            while ctx is not None and ctx.parent is not None:
                names.append(str(ctx.info_name))
                ctx = ctx.parent
            where = " ".join(["foedus", *reversed(names)])
            click.echo(f"error {exc.format_message()} (see `{where} --help`)", err=True)
            sys.exit(exc.exit_code)
        except click.ClickException as exc:
            click.echo(f"error {exc.format_message()}", err=True)
            sys.exit(exc.exit_code)
        except BrokenPipeError:  # `foedus ... | head`: the reader left; not an error
            sys.exit(0)
        sys.exit(rv if isinstance(rv, int) else 0)


@click.group(cls=_OneLineErrors, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="foedus")
def main() -> None:
    """foedus: security commitments between states since 1815.

    States can be given as COW code (365), COW abbreviation (RUS), ISO3 or name (Russia).
    Dates are YYYY-MM-DD (YYYY-MM or YYYY mean their first day).
    """
