"""``foedus sweep``: every attacker against every target, on a day or every year; and
``foedus sweep summary FILE``: the systemic indices of a sweep (docs/sweeps.md)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from foedus.cli.output import check_figure, check_output_folder, console, handle_errors, print_json
from foedus.cli.sweep_entry import defenders as entry_defenders
from foedus.cli.tables import fill, plural

__all__ = ["sweep"]


def _day(text: str, option: str = "--on") -> dt.date:
    """A sweep's day: any calendar day up to the last day foedus answers for (a day before
    the state system is refused later, naming 1816: there is nothing to sweep)."""
    from foedus.errors import InvalidInputError
    from foedus.model.dates import parse_date
    from foedus.model.limits import last_day

    try:
        day = parse_date(text).day
    except ValueError as exc:
        raise InvalidInputError(f"bad {option} date: {exc}") from None
    if day > last_day():
        raise InvalidInputError(f"bad {option} date: {day} is after {last_day()}, the last "
                                "day foedus answers for")
    return day


def _years(text: str) -> list[dt.date]:
    import re

    from foedus.errors import InvalidInputError
    from foedus.sweeps.plan import year_day

    m = re.fullmatch(r"(\d{4})(?:-(\d{4}))?", text.strip())  # '2000-' was read as 2000
    if m is None:
        raise InvalidInputError(f"--years wants YEAR or FIRST-LAST, not {text!r}")
    a, b = int(m[1]), int(m[2] or m[1])
    if b < a:
        raise InvalidInputError(f"--years {text}: the years run backwards; give {b}-{a}")
    if not 1816 <= a <= b <= dt.date.today().year:
        raise InvalidInputError(f"--years {text}: years run from 1816 to this year")
    return [year_day(y) for y in range(a, b + 1)]


def _check_output(output: Path) -> None:
    """Refuse, before any work, an output that is not a .parquet file (the sweep writes
    Parquet, and OUTPUT.pairs.parquet and OUTPUT.work/ beside it: for /dev/null that was
    /dev/null.pairs.parquet) or whose folder cannot be made or written."""
    from foedus.errors import InvalidInputError, UsageError

    if output.suffix.lower() != ".parquet":
        raise InvalidInputError(f"-o {str(output)!r}: give a .parquet file")
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"-o: cannot write {output}: cannot make folder {output.parent} "
                         f"({exc.strerror})") from None
    check_output_folder(output, "-o")


@click.group(invoke_without_command=True)
@click.option("--on", "on", metavar="DATE", help="the day to sweep (YYYY-MM-DD)")
@click.option("--years", metavar="FIRST-LAST",
              help="sweep 30 June of each year (e.g. 1816-2025)")
@click.option("--draws", type=click.IntRange(min=0), default=1000, show_default=True,
              help="Monte Carlo draws per pair (cascade engine; 0: the deterministic "
              "resolution)")
@click.option("--seed", type=int, default=0, show_default=True,
              help="random seed: the same seed gives the same answer on every runner")
@click.option("--engine", type=click.Choice(["cascade", "rules"]), default="cascade",
              show_default=True, help="cascade: the scenario engine's rules, Monte Carlo; "
              "rules: the bound duties only, deterministic")
@click.option("--credibility", type=click.Choice(["fitted", "base_rates"]), default="fitted",
              show_default=True, help="p(honour) of a triggered promise (cascade engine): the "
              "fitted model over the imported datasets, or published base rates")
@click.option("--pairs", "pairs", default="all", show_default=True, metavar="all|FILE",
              help="every ordered pair, or a file of attacker,target lines")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="local worker processes (or LocalCluster workers with --scheduler local)")
@click.option("--scheduler", metavar="ADDRESS|local", default=None,
              help="run on a dask.distributed scheduler, or a LocalCluster ('local')")
@click.option("--block", "block_size", type=click.IntRange(min=1), default=25, show_default=True,
              help="attackers per partition")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_context
@handle_errors
def sweep(ctx: click.Context, on: str | None, years: str | None, draws: int, seed: int,
          engine: str, credibility: str, pairs: str, workers: int, scheduler: str | None,
          block_size: int, output: Path | None) -> None:
    """Every attacker against every target: who would be drawn into whose war.

    Writes OUTPUT (per-state outcomes, long) and OUTPUT's .pairs.parquet (per pair), working in
    OUTPUT.work/ (an interrupted sweep resumes from it; removed once the sweep has written its
    result). `foedus sweep summary OUTPUT` prints the indices.
    """
    if ctx.invoked_subcommand is not None:
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    import foedus
    from foedus.sweeps import sweep as run_sweep
    from foedus.sweeps.plan import read_pairs

    if (on is None) == (years is None):
        raise click.UsageError("give one of --on DATE or --years FIRST-LAST")
    if output is None:
        raise click.UsageError("give -o OUT.parquet")
    _check_output(output)
    days = [_day(on)] if on else _years(years or "")
    session = foedus.open()
    chosen = None if pairs == "all" else read_pairs(pairs, session.states)
    with Progress("[progress.description]{task.description}", BarColumn(),
                  MofNCompleteColumn(), TimeElapsedColumn(), console=console(stderr=True),
                  transient=True) as bar:
        task = bar.add_task("partitions", total=None)

        def tick(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        res = run_sweep(session, days, draws=draws, seed=seed, engine=engine,
                        credibility=credibility, pairs=chosen,
                        out=output, workers=workers, scheduler=scheduler,
                        block_size=block_size, progress=tick)
    how = (f"engine cascade, {draws:,} draws, credibility {credibility}" if engine == "cascade"
           else "engine rules")
    click.echo(fill(f"{plural(res.pairs.height, 'pair')} on {plural(len(days), 'day')}, "
                    f"{plural(res.partitions, 'partition')}, {how}: {output}",
                    console().width))


@sweep.command("summary")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--top", type=click.IntRange(min=1), default=15, show_default=True)
@click.option("--date", "date", default=None, help="one date of a multi-date sweep")
@click.option("--json", "as_json", is_flag=True)
@click.option("--plot", type=click.Path(dir_okay=False, path_type=Path),
              help="draw the exposure ranking to PNG")
@handle_errors
def summary(path: Path, top: int, date: str | None, as_json: bool, plot: Path | None) -> None:
    """Exposure, patronage and the largest expected wars of a sweep file."""
    import foedus
    from foedus.sweeps.summary import summarise_sweep

    check_figure(plot)
    summ = summarise_sweep(path, foedus.open().states, top=top,
                           day=_day(date, "--date") if date is not None else None)
    day, idx, wars, abb = summ.day, summ.exposure, summ.largest, summ.abb
    if plot is not None:
        from foedus.sweeps.plot import exposure_plot

        exposure_plot(idx, plot, title=f"Exposure on {day}", label=abb)
    if as_json:
        print_json(summ.to_json())
        return
    from rich.table import Table

    con = console()
    t = Table(title=f"Exposure on {day} ({summ.pairs:,} pairs)", width=78)
    for c in ("state", "exposure (wars)", "share of pairs", "patronage (targets)"):
        t.add_column(c, justify="left" if c == "state" else "right")
    for r in idx.iter_rows(named=True):
        t.add_row(abb(r["state"]), f"{r['exposure']:,.1f}", f"{r['exposure_share']:.3f}",
                  str(r["patronage"]))
    con.print(t)
    w = Table(title="Largest expected wars", width=78)
    for c in ("attacker", "target", "expected war size", "expected defenders"):
        w.add_column(c, justify="left" if c in ("attacker", "target") else "right")
    for r in wars.iter_rows(named=True):
        w.add_row(abb(r["attacker"]), abb(r["target"]), f"{r['expected_war_size']:.1f}",
                  f"{r['expected_defenders']:.1f}")
    con.print(w)


# `foedus sweep defenders`: the expected-defender dataset from the entry model
sweep.add_command(entry_defenders)
