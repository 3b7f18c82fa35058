"""The command line: a thin layer over the Python API (:class:`foedus.session.Session`).

Each command opens a session, calls one method, and displays the typed answer: a table that
fits 80 columns (default), ``--wide``, ``--json`` (the answer's ``to_json()``) or ``--csv``.
Exit codes: 0 answered; 1 the question cannot be answered (unknown state, bad date, a state
outside the system on that day, missing dataset, busy store); 2 an invalid command line or
invalid data (registry or import-file problems, each named with file and line).

One module per command group: ``queries`` (commitments, defenders, instruments, instrument,
forums, diff), ``status``, ``registry`` (check), ``store`` (store rebuild/info), ``data``
(data, cite), ``datasets`` (stateyears, dyadyears), ``reconcile``, ``scenario`` (scenario
run), ``advise`` (guarantors, gaps), ``sweep`` (every attacker against every target),
``web`` (serve). Heavy libraries (polars, DuckDB, rich) are imported inside commands, so that
the CLI starts fast.
"""

from __future__ import annotations

import sys
from typing import Any

import click

__all__ = ["main"]


class _OneLineErrors(click.Group):
    """The group whose usage errors are one line, like foedus's own errors (``error ...``,
    exit 2), instead of click's usage block: a script reading stderr gets one line."""

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


def _register() -> None:
    from foedus.cli.advise import gaps_cmd, guarantors_cmd
    from foedus.cli.data import cite, data
    from foedus.cli.datasets import dyadyears, stateyears
    from foedus.cli.queries import QUERY_COMMANDS
    from foedus.cli.reconcile import reconcile
    from foedus.cli.registry import check
    from foedus.cli.scenario import scenario
    from foedus.cli.status import status_cmd
    from foedus.cli.store import store
    from foedus.cli.sweep import sweep
    from foedus.cli.web import serve

    for command in (*QUERY_COMMANDS, status_cmd, check, store, data, cite, reconcile, stateyears,
                    dyadyears, scenario, guarantors_cmd, gaps_cmd, sweep, serve):
        main.add_command(command)


_register()
