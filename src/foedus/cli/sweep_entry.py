"""``foedus sweep defenders``: the expected-defender dataset from the entry model."""

from __future__ import annotations

from pathlib import Path

import click

from foedus.cli.output import console, handle_errors
from foedus.cli.tables import plural


@click.command("defenders")
@click.option("--on", default=None, help="one day (YYYY-MM-DD)")
@click.option("--years", default=None, help="FIRST-LAST: 30 June of every year")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              required=True, help="Parquet file to write")
@handle_errors
def defenders(on: str | None, years: str | None, output: Path) -> None:
    """Expected defenders from the entry model: for every target and every other state, the
    chance it fights on the target's side, averaged over every possible attacker.

    Writes date, target, state, expected_defender; `add_expected_defenders` joins it onto
    dyad-years (docs/sweeps.md).
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    import foedus
    from foedus.cli.sweep import _check_output, _day, _years
    from foedus.errors import UsageError
    from foedus.sweeps.entry import yearly_expected_defenders

    if (on is None) == (years is None):
        raise UsageError("give one of --on DATE or --years FIRST-LAST")
    days = [_day(on)] if on else _years(years or "")
    _check_output(output)  # now, not after the days are computed
    session = foedus.open()
    with Progress("[progress.description]{task.description}", BarColumn(),
                  MofNCompleteColumn(), TimeElapsedColumn(), console=console(stderr=True),
                  transient=True) as bar:
        task = bar.add_task("days", total=len(days))
        df = yearly_expected_defenders(
            session, days, progress=lambda k, n: bar.update(task, completed=k, total=n))
    df.write_parquet(output)
    click.echo(f"{plural(df.height, '(target, state) row')} on {plural(len(days), 'day')}: "
               f"{output}")
