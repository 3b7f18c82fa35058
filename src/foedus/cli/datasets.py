"""``foedus stateyears`` and ``foedus dyadyears``: researcher datasets from the command line.

Thin by design: parse options, call :mod:`foedus.datasets`, write the file. The verbs
``--add`` accepts are listed in :mod:`foedus.datasets.verbs`.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from foedus.cli.output import check_output_folder, handle_errors
from foedus.datasets.verbs import VERBS
from foedus.errors import UsageError

__all__ = ["stateyears", "dyadyears", "VERBS"]

F = TypeVar("F", bound=Callable[..., Any])

def _parse_add(text: str, unit: str) -> list[str]:
    names = [n.strip().replace("-", "_") for n in text.split(",") if n.strip()]
    for n in names:
        if n not in VERBS:
            raise UsageError(f"unknown --add {n!r}; choose from: {', '.join(VERBS)}")
        if unit not in VERBS[n][1]:
            raise UsageError(f"--add {n} works on dyad-years only; use `foedus dyadyears`")
    return names


def _common(func: F) -> F:
    options = [
        click.option("--system", type=click.Choice(["cow", "gw"]), default="cow",
                     show_default=True, help="State system."),
        click.option("--years", default=None, metavar="FIRST-LAST",
                     help="Years to keep, e.g. 1816-2016 (default: all, to the last "
                          "complete year)."),
        click.option("--through", type=int, default=None, metavar="YEAR",
                     help="Extend states alive at the end of the list to YEAR (default: the "
                          "last complete calendar year, as peacesciencer does)."),
        click.option("--add", "add", default="", metavar="LIST",
                     help=f"Comma-separated columns to add: {', '.join(VERBS)}."),
        click.option("--alliances", "alliance_source",
                     type=click.Choice(["atop", "registry", "all"]), default="atop",
                     show_default=True, help="Source for --add alliances."),
        click.option("--nmc", "nmc_version", type=click.Choice(["7.0", "6.0"]), default="7.0",
                     show_default=True, help="NMC version for --add capabilities."),
        click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
                     required=True, help="Output file: .parquet, .csv, .feather or .dta."),
        click.option("--quiet", is_flag=True, help="No progress or summary."),
    ]
    for opt in reversed(options):
        func = opt(func)
    return func


def _build(unit: str, create: Callable[[], Any], add: str, alliance_source: str,
           nmc_version: str, output: Path, quiet: bool) -> None:
    from rich.console import Console
    from rich.markup import escape

    import foedus.datasets as ds

    names = _parse_add(add, unit)
    if output.suffix.lower() not in (".parquet", ".csv", ".feather", ".arrow", ".dta"):
        raise UsageError(f"cannot write {output.name!r}: use .parquet, .csv, .feather or .dta")
    check_output_folder(output)  # now, not after building the frame
    err = Console(emoji=False, stderr=True, quiet=quiet)
    steps: list[tuple[str, Callable[[Any], Any]]] = [("create", lambda _: create())]
    for n in names:
        fn = getattr(ds, VERBS[n][0])
        kwargs: dict[str, Any] = {}
        if n == "alliances":
            kwargs["source"] = alliance_source
        if n == "capabilities":
            kwargs["version"] = nmc_version
        steps.append((n, functools.partial(lambda f, fn, kw: fn(f, **kw), fn=fn, kw=kwargs)))
    steps.append(("write", lambda f: (f.write(output), f)[1]))
    frame: Any = None
    t0 = time.perf_counter()
    with err.status("") as status:
        for label, step in steps:
            status.update(f"{label} …")
            t = time.perf_counter()
            frame = step(frame)
            err.print(f"  {label:<22} {time.perf_counter() - t:6.2f} s", highlight=False)
    err.print(f"[green]wrote[/green] {escape(str(output))}: {frame.height:,} rows × "
              f"{len(frame.columns)} columns in {time.perf_counter() - t0:.2f} s", highlight=False)
    err.print(f"cite with: foedus cite --for {escape(str(output))}", highlight=False)


@click.command("stateyears")
@_common
@handle_errors
def stateyears(system: str, years: str | None, through: int | None, add: str,
               alliance_source: str, nmc_version: str, output: Path, quiet: bool) -> None:
    """Build state-years (peacesciencer's create_stateyears) and write them to a file.

    Example: foedus stateyears --years 1816-2016 --add capabilities,majors -o sy.parquet
    """
    from foedus.datasets import create_stateyears
    from foedus.datasets.universe import check_through, normalize_years

    normalize_years(years)  # a bad range is refused before any table is read
    check_through(through)
    _build("state_year",
           lambda: create_stateyears(system, years, through=through),  # type: ignore[arg-type]
           add, alliance_source, nmc_version, output, quiet)


@click.command("dyadyears")
@_common
@click.option("--directed/--non-directed", default=True, show_default=True,
              help="Directed (both orders) or non-directed (ccode1 < ccode2) dyads.")
@handle_errors
def dyadyears(system: str, years: str | None, through: int | None, add: str,
              alliance_source: str, nmc_version: str, output: Path, quiet: bool,
              directed: bool) -> None:
    """Build dyad-years (peacesciencer's create_dyadyears) and write them to a file.

    Example: foedus dyadyears --directed --years 1816-2016
    --add alliances,capabilities,contiguity,capital_distance -o out.parquet
    """
    from foedus.datasets import create_dyadyears
    from foedus.datasets.universe import check_through, normalize_years

    normalize_years(years)  # a bad range is refused before any table is read
    check_through(through)
    _build("dyad_year",
           lambda: create_dyadyears(system, directed, years,  # type: ignore[arg-type]
                                    through=through),
           add, alliance_source, nmc_version, output, quiet)
