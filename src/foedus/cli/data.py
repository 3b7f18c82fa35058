"""Commands for imported datasets: ``foedus data`` and ``foedus cite``.

Each command opens the store, calls one library function, and prints the result; long
imports and downloads show a rich progress bar (the library only takes a callback). Domain
errors become one message per problem, exit code 2 for data errors and 1 for usage errors.

"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from foedus.cli.output import Col, console, emit, handle_errors, output_options
from foedus.cli.tables import plural

if TYPE_CHECKING:
    from foedus.sources.base import ProgressCallback

__all__ = ["data", "cite"]

F = TypeVar("F", bound=Callable[..., Any])


@contextlib.contextmanager
def _writer() -> Iterator[Any]:
    """The store open for writing, through a session (registry tables current first). When
    another process holds the store, say so at once (who, and that we wait), not after the
    wait."""
    from foedus.session import Session
    from foedus.settings import store_path
    from foedus.store.info import lock_holder

    holder = lock_holder(store_path())
    if holder is not None:
        click.echo(f"waiting: the store {store_path()} is held by {holder} (a server, a "
                   "notebook, another import); this import waits up to 30 s for it to close",
                   err=True)
    with Session() as session, session.writer() as store:
        yield store


@contextlib.contextmanager
def _progress(enabled: bool) -> Iterator[ProgressCallback | None]:
    """A rich progress display, as the library's ``progress(label, done, total)`` callback."""
    if not enabled:
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, DownloadColumn, Progress, TaskID, TextColumn

    err = Console(emoji=False, stderr=True)
    if not err.is_terminal:  # a script reading stderr: no bars, and no blank line they leave
        yield None
        return
    bars = Progress(TextColumn("{task.description}"), BarColumn(), DownloadColumn(),
                    console=err, transient=True)
    tasks: dict[str, TaskID] = {}

    def update(label: str, done: int, total: int | None) -> None:
        if label not in tasks:
            tasks[label] = bars.add_task(label, total=total)
        bars.update(tasks[label], completed=done, total=total)

    with bars:
        yield update


def _report(result: Any, as_json: bool) -> None:
    payload = {
        "dataset": result.dataset, "version": result.version, "changed": result.changed,
        "pinned": result.pinned, "tables": result.tables, "files": result.files,
    }
    if as_json:
        click.echo(json.dumps(payload, indent=2))
        return
    rows = sum(result.tables.values())
    what = "imported" if result.changed else "already imported (same files; nothing changed)"
    click.echo(f"{result.dataset} {result.version}: {what}; "
               f"{plural(len(result.tables), 'table')}, {plural(rows, 'row')}")
    if not result.pinned:
        click.echo("note: a file differs from the pinned release (checksum); it passed "
                   "validation and is recorded as not pinned", err=True)


@click.group()
def data() -> None:
    """Import, fetch and inspect external datasets (ATOP, COW, peacesciencer, ...)."""


@data.command("list")
@output_options
@handle_errors
def list_cmd(as_json: bool, as_csv: bool, wide: bool) -> None:
    """List the datasets foedus can import, with version, coverage and files."""
    from foedus.sources.catalog import DATASETS

    rows = [{
        "dataset": s.name, "version": s.version, "coverage": f"{s.coverage[0]}-{s.coverage[1]}",
        "files": ", ".join(f.name for f in s.files),
        "download": "publisher" if all(f.url for f in s.files) else "mirror only (--base-url)",
        "title": s.title,
    } for s in DATASETS.values()]
    cols: list[str | Col] = ["dataset", "version", "coverage", "download", "title"]
    if not (as_csv or wide):
        cols = [Col("dataset", "key"), Col("version"), Col("coverage", "key"),
                Col("download", "drop"), Col("title", "drop")]
    emit({"datasets": rows}, rows, cols, as_json=as_json, as_csv=as_csv,
         title=f"Datasets foedus can import: {len(rows)}")


@data.command("import")
@click.argument("name")
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@handle_errors
def import_cmd(name: str, path: Path, as_json: bool) -> None:
    """Import dataset NAME from PATH (its release folder, or one of its files)."""
    from foedus.ingest import import_dataset

    with _writer() as store, _progress(not as_json) as progress:
        result = import_dataset(store, name, path, progress)
    _report(result, as_json)


@data.command("fetch")
@click.argument("name")
@click.option("--base-url", metavar="URL",
              help="A mirror serving the release files by name, instead of the publisher.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@handle_errors
def fetch_cmd(name: str, base_url: str | None, as_json: bool) -> None:
    """Download dataset NAME, verify its pinned SHA-256, and import it."""
    from foedus.ingest import fetch_dataset
    from foedus.sources.download import check_base_url

    check_base_url(base_url)  # before waiting for the store
    with _writer() as store, _progress(not as_json) as progress:
        result = fetch_dataset(store, name, base_url=base_url, progress=progress)
    _report(result, as_json)


@data.command("status")
@output_options
@handle_errors
def status_cmd(as_json: bool, as_csv: bool, wide: bool) -> None:
    """Show imported datasets: version, tables, rows, coverage, checksum, import time."""
    from foedus.session import Session
    from foedus.store.datasets import dataset_status

    with Session() as session:
        status = dataset_status(session.store)
    rows = [{
        **s, "tables": ", ".join(s["tables"]), "coverage": f"{s['coverage'][0]}-{s['coverage'][1]}",
        "checksum": (s["checksum"] or "")[:12] + ("" if s["pinned"] else " (not pinned)"),
    } for s in status]
    cols: list[str | Col] = ["dataset", "version", "tables", "rows", "coverage", "checksum",
                             "imported_at"]
    if not (as_csv or wide):
        rows = [{**r, "rows": f"{r['rows']:,}", "tables": len(r["tables"].split(", ")),
                 "imported_at": str(r["imported_at"] or "")[:16].replace("T", " ")}
                for r in rows]
        cols = [Col("dataset", "key"), Col("version"), Col("coverage", "key"),
                Col("tables"), Col("rows"), Col("checksum", "drop"),
                Col("imported_at", "drop", "imported")]
    emit({"datasets": status}, rows, cols,
         as_json=as_json, as_csv=as_csv, title=f"Imported datasets: {len(rows)}",
         empty="no dataset imported yet; try `foedus data list` and `foedus data import`")


@click.command()
@click.argument("names", nargs=-1)
@click.option("--for", "for_file", type=click.Path(exists=True, path_type=Path),
              help="A foedus output (JSON, or Parquet) whose datasets to cite.")
@click.option("--format", "fmt", type=click.Choice(["bibtex", "plain", "both"]),
              default="both", show_default=True)
@handle_errors
def cite(names: tuple[str, ...], for_file: Path | None, fmt: str) -> None:
    """Print how to cite datasets NAMES (or those a foedus output file used).

    A name may be a dataset (``nmc``) or one table of it (``peacesciencer/cow_nmc``).
    """
    from foedus.errors import UsageError
    from foedus.sources.cite import citations_for, datasets_in_file, format_citations

    wanted = list(names)
    if for_file is not None:
        wanted += datasets_in_file(for_file)
    if not wanted:
        raise UsageError("name a dataset (see `foedus data list`) or pass --for FILE")
    click.echo(format_citations(citations_for(wanted), fmt, width=console().width),
               nl=False)
