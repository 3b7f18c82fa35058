"""``foedus reconcile``: check foedus's ATOP layer against peacesciencer, the registry against ATOP.

Thin: each command opens the store (or reads the files given), calls one function of
:mod:`foedus.reconcile`, and prints a table or JSON. Domain errors become clean CLI errors.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from foedus.cli.output import Col, console, emit, handle_errors

__all__ = ["reconcile"]


@contextmanager
def _session() -> Iterator[Any]:
    from foedus.session import Session

    with Session() as session:
        yield session


@click.group()
def reconcile() -> None:
    """Check foedus's data against peers: ATOP vs peacesciencer, registry vs ATOP."""


@reconcile.command("atop")
@click.option("--atop", "atop_path", type=click.Path(exists=True, path_type=Path),
              help="Read ATOP 5.1 from this folder instead of the store.")
@click.option("--peer", "peer_path", type=click.Path(exists=True, path_type=Path),
              help="peacesciencer's atop_alliance as Parquet/CSV instead of the store.")
@click.option("--minimum", default=0.99, show_default=True,
              help="Agreement required per pledge type.")
@click.option("--limit", type=click.IntRange(min=0), default=50, show_default=True,
              help="Disagreeing dyad-years to print in the table (JSON prints all).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@handle_errors
def reconcile_atop_cmd(atop_path: Path | None, peer_path: Path | None, minimum: float,
                       limit: int, as_json: bool) -> None:
    """Agreement of foedus's ATOP directed dyad-years with peacesciencer's atop_alliance.

    Prints agreement per pledge type over the union of dyad-years and every disagreeing
    dyad-year with its cause. Exits with status 1 when a pledge type is below --minimum.
    """
    from foedus.reconcile import reconcile_atop_files
    from foedus.reconcile.atop import check_minimum

    check_minimum(minimum)  # before the store is opened
    if atop_path is not None and peer_path is not None:
        result = reconcile_atop_files(None, atop=atop_path, peer=peer_path, minimum=minimum)
    else:
        with _session() as session:
            result = reconcile_atop_files(session.store, atop=atop_path, peer=peer_path,
                                          minimum=minimum)
    if as_json:
        click.echo(json.dumps(result.to_json(), indent=2, default=str))
    else:
        _print_atop(result, limit)
    if not result.ok:
        below = ", ".join(f"{a.pledge} {a.rate:.4%}" for a in result.agreement
                          if not a.rate >= result.minimum)
        click.echo(f"error agreement below --minimum {result.minimum:g}: {below}", err=True)
        raise SystemExit(1)


def _print_atop(result: Any, limit: int) -> None:
    from rich.table import Table

    out = console()
    t = Table(title=f"foedus ATOP ddy vs {result.peer_name}")
    for col in ("pledge", "dyad-years", "agree", "foedus only", "peer only", "agreement"):
        t.add_column(col, justify="right" if col != "pledge" else "left")
    for a in result.agreement:
        t.add_row(a.pledge, f"{a.total:,}", f"{a.agree:,}", f"{a.ours_only:,}",
                  f"{a.peer_only:,}", f"{a.rate:.4%}")
    out.print(t)
    out.print(f"rows: foedus {result.ours_rows:,}, peer {result.peer_rows:,}, "
                  f"union {result.union_rows:,} (foedus only {result.ours_only_rows:,}, "
                  f"peer only {result.peer_only_rows:,})")
    d = result.disagreements
    if d.is_empty():
        out.print("no disagreeing dyad-years")
        return
    out.print("causes: " + ", ".join(f"{k} {v}" for k, v in result.causes().items()))
    rows = [{**r, "ATOP ids": ", ".join(str(i) for i in r["atop_ids"])}
            for r in d.head(min(limit, d.height)).to_dicts()]
    emit({}, rows, [Col("ccode1", "key"), Col("ccode2", "key"), Col("year", "key"),
                    Col("pledge", "key"), "ours", "peer", Col("cause", "key"), "ATOP ids"],
         as_json=False, as_csv=False,
         title=f"Disagreeing dyad-years (first {min(limit, d.height)} of {d.height})")


@reconcile.command("registry")
@click.option("--year", required=True, type=int, help="The year to compare (1815-2018).")
@click.option("--atop", "atop_path", type=click.Path(exists=True, path_type=Path),
              help="Read ATOP 5.1 from this folder instead of the store.")
@click.option("--cause", "causes", multiple=True,
              help="Only disagreements with this cause (repeatable), e.g. pledge_only_atop.")
@click.option("--limit", type=click.IntRange(min=0), default=100, show_default=True,
              help="Disagreeing pledges to print in the table (JSON prints all).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@handle_errors
def reconcile_registry_cmd(year: int, atop_path: Path | None, causes: tuple[str, ...],
                           limit: int, as_json: bool) -> None:
    """Pledges where the curated registry and ATOP disagree in YEAR, each with its cause.

    Causes (see foedus.reconcile.REGISTRY_CAUSES): date conventions (entry_date, exit_date),
    states outside the COW system, typology (offense_vs_defense), who-owes-whom (partners),
    members or pledge types one source does not code at all, and period_differs. The rows to
    read against the treaty text are mostly pledge_only_* and period_differs.
    """
    from foedus.reconcile import REGISTRY_CAUSES, reconcile_registry_year

    unknown = sorted(set(causes) - set(REGISTRY_CAUSES))
    if unknown:
        raise click.BadParameter(f"unknown cause {', '.join(unknown)}; one of "
                                 f"{', '.join(REGISTRY_CAUSES)}", param_hint="--cause")
    with _session() as session:
        result = reconcile_registry_year(session, year, atop=atop_path)
    rows = result.only(causes)
    if as_json:
        out = result.to_json()
        out["disagreements"] = rows.to_dicts()
        click.echo(json.dumps(out, indent=2, default=str))
        return
    out = console()
    out.print(f"{year}: compared {len(result.compared)} instruments "
                  f"({', '.join(result.compared) or 'none'})")
    if result.rows.is_empty():
        out.print("registry and ATOP agree on every pledge")
        return
    out.print(f"{result.rows.height} disagreeing pledges: " + ", ".join(
        f"{c} {n}" for c, n in result.causes().items()))
    by = (rows.group_by("instrument_id", "cause", "pledge", "registry").len()
          .sort("instrument_id", "cause", "pledge"))
    srows = [{**r, "recorded by": "registry" if r["registry"] else "ATOP",
              "pledges": r["len"]} for r in by.to_dicts()]
    emit({}, srows, [Col("instrument_id", "key", "instrument"), Col("cause", "key"), "pledge",
                     "recorded by", "pledges"], as_json=False, as_csv=False,
         title=f"Registry vs ATOP, {year}: by instrument and cause")
    drows = [{**r, "only in": "registry" if r["registry"] else "ATOP"}
             for r in rows.head(min(limit, rows.height)).to_dicts()]
    emit({}, drows, [Col("instrument_id", "key", "instrument"), "obligor", "beneficiary",
                     "pledge", "only in", Col("cause", "key"), Col("detail", "drop")],
         as_json=False, as_csv=False, title=f"Registry vs ATOP, {year}")
    if rows.height > limit:
        out.print(f"... {rows.height - limit} more (use --limit, --cause or --json)")
