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
``backtest`` (backtest wars, backtest guarantors), ``web`` (serve). Heavy libraries (polars,
DuckDB, rich)
are imported inside commands, so that
the CLI starts fast.
"""

from __future__ import annotations

import click

__all__ = ["main"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="foedus")
def main() -> None:
    """foedus: security commitments between states since 1815.

    States can be given as COW code (365), COW abbreviation (RUS), ISO3 or name (Russia).
    Dates are YYYY-MM-DD (YYYY-MM or YYYY mean their first day).
    """


def _register() -> None:
    from foedus.cli.advise import gaps_cmd, guarantors_cmd, threats_cmd
    from foedus.cli.backtest import backtest
    from foedus.cli.data import cite, data
    from foedus.cli.datasets import dyadyears, stateyears
    from foedus.cli.queries import QUERY_COMMANDS
    from foedus.cli.reconcile import reconcile
    from foedus.cli.registry import check
    from foedus.cli.scenario import scenario
    from foedus.cli.status import status_cmd
    from foedus.cli.store import store
    from foedus.cli.sweep import sweep
    from foedus.cli.sweep_entry import defenders
    from foedus.cli.web import serve

    for command in (*QUERY_COMMANDS, status_cmd, check, store, data, cite, reconcile, stateyears,
                    dyadyears, scenario, guarantors_cmd, gaps_cmd, threats_cmd, backtest, sweep,
                    serve):
        main.add_command(command)
    sweep.add_command(defenders)


_register()
