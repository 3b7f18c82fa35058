"""``foedus scenario run FILE``: a hypothetical attack, the cascade it sets off, the odds.

Display only: one call of ``Foedus.scenario(FILE).run(...)``; the table, ``--json`` (the
answer's ``to_json()``) and ``--plot`` all show the same answer.
"""

from __future__ import annotations

from typing import Any

import click

from foedus.cli.output import cell, console, handle_errors, print_json

__all__ = ["scenario"]


def emit(payload: dict[str, Any], rows: list[dict[str, Any]], columns: list[str], *,
         as_json: bool, as_csv: bool, title: str = "", empty: str = "none") -> None:
    """A table in 80 columns whose long identifiers fold onto the next line instead of
    being cut (instrument ids are what a reader looks up next)."""
    from rich.markup import escape
    from rich.table import Table

    del payload, as_json, as_csv
    out = console()
    if not rows:
        out.print(f"[bold]{escape(title)}[/bold]: {empty}")
        return
    table = Table(title=escape(title) if title else None, header_style="bold",
                  title_justify="left", expand=False)
    for c in columns:
        table.add_column(c, overflow="fold")
    for r in rows:
        table.add_row(*[escape(cell(r.get(c))) for c in columns])
    out.print(table)


@click.group()
def scenario() -> None:
    """Hypothetical attacks: who is bound, how the war spreads, who would likely come.

    A scenario is a YAML file (docs/scenarios.md): a date, attacks, edits of the day's
    architecture (overlays; the store is never changed) and model settings.
    """


def _stat(s: dict[str, Any] | None, fmt: str = "{:.3f}") -> str:
    if not s:
        return "unknown"
    return f"{fmt.format(s['mean'])} [{fmt.format(s['p05'])}–{fmt.format(s['p95'])}]"


@scenario.command("run")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--draws", type=click.IntRange(min=0), default=None,
              help="Monte Carlo draws (default: the file's model.draws; none: only the "
                   "deterministic resolution).")
@click.option("--seed", type=int, default=None, help="Random seed (default: the file's).")
@click.option("--json", "as_json", is_flag=True, help="Print the JSON contract.")
@click.option("--plot", "plot", type=click.Path(dir_okay=False), default=None,
              metavar="PNG", help="Also write the figure (cascade by round, entry odds).")
@click.option("--all", "show_all", is_flag=True,
              help="List every promise that did not fire (default: the first 12).")
@handle_errors
def run(file: str, draws: int | None, seed: int | None, as_json: bool, plot: str | None,
        show_all: bool) -> None:
    """Run the scenario in FILE: rounds with reasons, entry probabilities, balance."""
    from foedus.api import Foedus

    with Foedus() as s:
        prepared = s.scenario(file)
        n = draws if draws is not None else (prepared.scenario.draws or 0)
        ans = prepared.run(draws=n, seed=seed)
    payload = ans.to_json()
    if plot:
        from foedus.scenario.plot import plot_scenario

        plot_scenario(payload, plot)
    if as_json:
        print_json(payload)
        return
    _table(payload, show_all)
    if plot:
        console(stderr=True).print(f"figure written to {plot}")


def _table(payload: dict[str, Any], show_all: bool) -> None:
    out = console()
    attacks = ", ".join(f"{a['attacker']['abb']} attacks {a['target']['abb']}"
                        for a in payload["attacks"])
    model = payload["model"]
    edits = "; ".join(model["edits"]) or "none"
    out.print(f"[bold]{attacks} on {payload['date']}[/bold] (edits: {edits})")
    draws = payload["draws"]
    out.print(f"credibility: {model['credibility']}; joining: {model['joining']}"
              + (f"; {draws:,} draws, seed {payload['seed']}" if draws else
                 "; deterministic resolution only (--draws N for the Monte Carlo)"))
    groups: dict[tuple[Any, ...], list[str]] = {}
    for k, layer in enumerate(payload["rounds"]):
        for s in layer:
            because = "; ".join(dict.fromkeys(_promise(e) for e in s["because"])) or (
                "attacks" if s["side"] == "attacker" else "attacked")
            groups.setdefault((k, s["side"], because), []).append(s["state"]["abb"])
    rows = [{"round": k, "side": side, "states": " ".join(st), "because": because}
            for (k, side, because), st in groups.items()]
    emit(payload, rows, ["round", "side", "states", "because"], as_json=False,
         as_csv=False, title="Rounds (every duty honoured, nobody else joins)")
    if draws:
        shown = [s for s in payload["states"] if s["p_enter"] >= 0.01]
        rest = len(payload["states"]) - len(shown)
        srows = [{"state": s["state"]["abb"], "side": s["side"],
                  "p enter": f"{s['p_enter']:.3f}",
                  "att / def": f"{s['p_attacker_side']:.2f} / {s['p_defender_side']:.2f}",
                  "round": s["first_round"]} for s in shown]
        emit(payload, srows, ["state", "side", "p enter", "att / def", "round"],
             as_json=False, as_csv=False, title="Who enters (Monte Carlo)" + (
                 f"; {rest} more states below 1% (--json lists them)" if rest else ""))
        brows = []
        for side in ("attacker", "defender"):
            b = payload["balance"][side]
            brows.append({"side": side, "states": _stat(b.get("states"), "{:.1f}"),
                          "CINC": _stat(b.get("cinc")),
                          "projected": _stat(b.get("projected")),
                          "p stronger": f"{b['p_stronger']:.2f}" if "p_stronger" in b
                          else ""})
        cap = payload["balance"].get("capability", {})
        note = (f"CINC of {cap.get('cinc_year')} (mean [5th–95th pct])"
                if not cap.get("unknown") else f"capability unknown: {cap.get('note')}")
        emit(payload, brows, ["side", "states", "CINC", "projected", "p stronger"],
             as_json=False, as_csv=False, title=f"Balance — {note}")
        ws = payload["war_size"]
        out.print(f"expected war size: {ws.get('mean', 0):.2f} states (max {ws.get('max')})")
    tg: dict[tuple[Any, ...], list[str]] = {}
    for e in payload["triggered"]:
        key = (_promise(e), e["to"]["abb"], e["outcome"], f"{e['p_honor']:.2f}")
        tg.setdefault(key, []).append(e["from"]["abb"])
    trows = [{"promise": f"{promise} → {to}", "outcome": outcome, "p honour": p,
              "states": _states(st)} for (promise, to, outcome, p), st in tg.items()]
    emit(payload, trows, ["promise", "outcome", "p honour", "states"], as_json=False,
         as_csv=False, title="Promises triggered", empty="none")
    if payload["conflicts"]:
        crows = [{"state": e["from"]["abb"], "promise": _promise(e) + " → " + e["to"]["abb"],
                  "side": e["side"],
                  "reason": e["reason"]} for e in payload["conflicts"]]
        emit(payload, crows, ["state", "promise", "side", "reason"], as_json=False,
             as_csv=False, title="Conflicts of obligation")
    nt = payload["not_triggered"]
    if nt:
        ng: dict[tuple[Any, ...], list[str]] = {}
        for e in nt:
            why = (_promise(e), e["to"]["abb"], e["reason"].split(":")[0])
            ng.setdefault(why, []).append(e["from"]["abb"])
        nrows = [{"promise": f"{promise} → {to}", "why not": why, "states": _states(st)}
                 for (promise, to, why), st in ng.items()]
        shown = nrows if show_all else nrows[:12]
        emit(payload, shown, ["promise", "why not", "states"], as_json=False, as_csv=False,
             title=f"Not triggered ({len(nt)} promises" + (")" if show_all or len(nrows) <= 12
                                                            else "; --all lists every one)"))


def _promise(e: dict[str, Any]) -> str:
    art = f" {e['article']}" if e.get("article") else ""
    return f"{e['instrument']['id']}{art} {e['kind']}"


def _states(states: list[str]) -> str:
    unique = list(dict.fromkeys(states))
    return f"{len(unique)}: {' '.join(unique)}" if len(unique) > 1 else unique[0]
