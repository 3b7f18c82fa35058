"""``foedus check``: validate the registry (instruments, and the conflicts layer with its
rivalries), naming file, line and field for each problem."""

from __future__ import annotations

import sys

import click

from foedus.cli.output import console, emit, handle_errors
from foedus.cli.tables import para, plural

__all__ = ["check"]


@click.command()
@click.option("--registry", "directory", type=click.Path(file_okay=False, exists=True),
              default=None, help="A registry folder to check (default: the bundled one).")
@click.option("--conflicts", "conflicts_dir", type=click.Path(file_okay=False, exists=True),
              default=None, help="A conflicts folder to check (default: the bundled one).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--csv", "as_csv", is_flag=True, help="Print CSV rows.")
@click.option("--sources", "doubts", is_flag=True,
              help="Also list every field marked CHECK or unverified (file, line, field, "
                   "text) and count them: the facts whose source is still missing.")
@handle_errors
def check(directory: str | None, conflicts_dir: str | None, as_json: bool, as_csv: bool,
          doubts: bool) -> None:
    """Validate the registry and the conflicts layer; name file and line for each problem."""
    from pathlib import Path

    from foedus.registry.conflict_layer import check_conflicts
    from foedus.registry.doubts import find_doubts
    from foedus.registry.loader import check_registry, default_registry_dir

    if as_json and as_csv:
        raise click.UsageError("choose one of --json and --csv")
    reg = check_registry(Path(directory) if directory else None)
    layer = check_conflicts(Path(conflicts_dir) if conflicts_dir else None)
    problems = [*reg.problems, *layer.problems]
    rows = [{"file": p.file, "line": p.line, "field": p.field, "problem": p.message}
            for p in problems]
    if doubts:
        base = Path(directory) if directory else default_registry_dir()
        drows = [{**d.to_json(), "file": Path(d.file).relative_to(base).as_posix()}
                 for d in find_doubts(base)]
        if as_json or as_csv:
            emit({"instruments": len(reg), "problems": rows, "marked": len(drows),
                  "files": len({r["file"] for r in drows}), "doubts": drows},
                 drows, ["file", "line", "field", "text"], as_json=as_json, as_csv=as_csv)
        else:
            out = console()
            for r in drows:  # file:line first, whole; the excerpt wrapped under it
                para(out, f"{r['file']}:{r['line']}: {r['field']}: {r['text']}", hang="    ")
            para(out, f"{plural(len(drows), 'field')} marked CHECK or unverified in "
                      f"{plural(len({r['file'] for r in drows}), 'file')}; "
                      f"{plural(len(reg), 'instrument')} valid, "
                      f"{plural(len(reg.problems), 'problem')}")
        if problems:
            sys.exit(2)
        return
    payload = {"instruments": len(reg), "conflicts": len(layer),
               "rivalries": len(layer.rivalries), "problems": rows}
    if as_json or as_csv:
        emit(payload, rows, ["file", "line", "field", "problem"], as_json=as_json,
             as_csv=as_csv)
    else:
        out = console()
        for p in problems:
            para(out, str(p), hang="    ", style="red")
        para(out, f"{plural(len(reg), 'instrument')}, {plural(len(layer), 'conflict')} and "
                  f"{plural(len(layer.rivalries), 'rivalry', 'rivalries')} valid, "
                  f"{plural(len(problems), 'problem')}")
    if problems:
        sys.exit(2)
