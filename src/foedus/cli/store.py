"""``foedus store``: where the store is, and rebuilding it when it is damaged."""

from __future__ import annotations

import click

from foedus.cli.output import console, handle_errors, print_json

__all__ = ["store"]


@click.group()
def store() -> None:
    """The local store: show where it is, rebuild it."""


@store.command("rebuild")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@handle_errors
def rebuild_cmd(as_json: bool) -> None:
    """Rebuild the store: registry tables from the registry, imported datasets re-imported
    from the files they came from (when still there). A damaged file is kept aside."""
    from foedus.ingest import rebuild_store

    result = rebuild_store()
    if as_json:
        print_json(result.to_json())
        return
    out = console()
    if result.kept_aside:
        out.print(f"kept the old store aside as {result.kept_aside}")
    out.print(f"rebuilt {result.path}: registry tables from {result.instruments} instruments")
    for name, path in result.reimported.items():
        out.print(f"  re-imported {name} from {path}")
    for name, path in result.missing.items():
        out.print(f"  [yellow]not re-imported[/yellow] {name}: {path} is gone; run "
                  f"`foedus data import {name} PATH`")


@store.command("info")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@handle_errors
def info_cmd(as_json: bool) -> None:
    """Where the store and cache are, and whether the store is current."""
    from foedus.store.info import store_info

    info = store_info()
    if as_json:
        print_json(info)
        return
    out = console()
    for k, v in info.items():
        out.print(f"{k:<12} {v}")
