"""``foedus store``: where the store is, and rebuilding it when it is damaged."""

from __future__ import annotations

import sys

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
    from the files they came from (when still there). A damaged file is kept aside; the
    answers the command line kept are removed."""
    from foedus.cli import answer_cache
    from foedus.ingest import rebuild_store

    result = rebuild_store()
    answer_cache.clear()  # answers about the old store (a new store's identity misses them too)
    if as_json:
        print_json(result.to_json())
        return
    out = console()
    if result.kept_aside:
        out.print(f"kept the old store ({result.was}) aside as {result.kept_aside}")
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
    """Where the store and cache are, and its state: healthy, out of date, damaged or locked
    (by which process); where the command line keeps its answers, and how many. Opens the
    store read-only; changes nothing. Exit 1 when damaged."""
    from rich.markup import escape

    from foedus.cli import answer_cache
    from foedus.store.info import store_info

    info = store_info()
    info["answers"] = {"folder": str(answer_cache.answers_dir()),
                       "count": answer_cache.count()}
    if as_json:
        print_json(info)
    else:
        out = console()
        state = info["state"] + (f" by {info['holder']}" if info["holder"] else "")
        out.print(f"[bold]store {escape(state)}[/bold]: {escape(info['detail'])}")
        for k in ("home", "store", "cache"):
            out.print(f"{k:<8} {escape(str(info[k]))}")
        out.print(f"{'answers':<8} {escape(info['answers']['folder'])} "
                  f"({info['answers']['count']} kept)")
        if info.get("size_mb") is not None:
            out.print(f"{'size':<8} {info['size_mb']} MB")
        for name, source in info["imports"].items():
            out.print(f"{'import':<8} {escape(name)} from {escape(source)}")
    if info["state"] in ("damaged", "unreadable"):
        sys.exit(1)
