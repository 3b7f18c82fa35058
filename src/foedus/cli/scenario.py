"""``foedus scenario run FILE``: a hypothetical attack, the cascade it sets off, the odds.

Display only: one call of ``Foedus.scenario(FILE).run(...)``; the table, ``--json`` (the
answer's ``to_json()``) and ``--plot`` all show the same answer.
"""

from __future__ import annotations

from typing import Any

import click

from foedus.cli.output import Col, check_figure, console, handle_errors, plural, print_json
from foedus.cli.output import emit as _emit

__all__ = ["scenario"]


def emit(payload: dict[str, Any], rows: list[dict[str, Any]], columns: list[str | Col], *,
         as_json: bool, as_csv: bool, title: str = "", empty: str = "none") -> None:
    """A table of the shared layout (:mod:`foedus.cli.tables`): ids whole, text wrapped."""
    del as_json, as_csv
    _emit(payload, rows, columns, as_json=False, as_csv=False, title=title, empty=empty)


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

    check_figure(plot)  # now, not after the run
    with Foedus() as s:
        prepared = s.scenario(file)
        n = draws if draws is not None else (prepared.scenario.draws or 0)
        ans = prepared.run(draws=n, seed=seed)
    payload = ans.to_json()
    if plot is not None:
        from foedus.scenario.plot import plot_scenario

        plot_scenario(payload, plot)
    if as_json:
        print_json(payload)
        return
    _table(payload, show_all)
    if plot is not None:
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
    emit(payload, rows, [Col("round", "key"), Col("side", "key"), "states", "because"],
         as_json=False,
         as_csv=False, title="Rounds (every duty honoured, nobody else joins)")
    if draws:
        shown = [s for s in payload["states"] if s["p_enter"] >= 0.05 or s["first_round"] == 0]
        rest = len(payload["states"]) - len(shown)
        srows = [{"state": s["state"]["abb"], "side": s["side"],
                  "p enter": f"{s['p_enter']:.3f}",
                  "att / def": f"{s['p_attacker_side']:.2f} / {s['p_defender_side']:.2f}",
                  "round": s["first_round"]} for s in shown]
        emit(payload, srows, [Col("state", "key"), "side", Col("p enter", "key"),
                              "att / def", "round"],
             as_json=False, as_csv=False, title="Who enters (Monte Carlo)" + (
                 f"; {plural(rest, 'more state')} below 5% (--json lists them)" if rest else ""))
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
        emit(payload, brows, [Col("side", "key"), "states", "CINC", "projected",
                              "p stronger"],
             as_json=False, as_csv=False, title=f"Balance — {note}")
        ws = payload["war_size"]
        out.print(f"expected war size: {ws.get('mean', 0):.2f} states (max {ws.get('max')})")
    # one row per promise and outcome: the states that made it, and the range of their odds
    tg: dict[tuple[Any, ...], list[tuple[str, float]]] = {}
    for e in payload["triggered"]:
        key = (e["instrument"]["id"], _article_kind(e), e["to"]["abb"], e["outcome"])
        tg.setdefault(key, []).append((e["from"]["abb"], e["p_honor"]))
    trows = [{"instrument": inst, "promise": f"{what} → {to}", "outcome": outcome,
              "p honour": _range([p for _, p in st]),
              "states": _states([a for a, _ in sorted(st, key=lambda x: -x[1])])}
             for (inst, what, to, outcome), st in tg.items()]
    emit(payload, trows, [Col("instrument", "key"), "promise", "outcome",
                          Col("p honour", "key"), "states"], as_json=False, as_csv=False,
         title=f"Promises triggered: {plural(len(payload['triggered']), 'promise')} in "
               f"{plural(len(trows), 'group')}", empty="none")
    if payload["conflicts"]:
        crows = [{"state": e["from"]["abb"], "instrument": e["instrument"]["id"],
                  "promise": _article_kind(e) + " → " + e["to"]["abb"],
                  "side": e["side"],
                  "reason": e["reason"]} for e in payload["conflicts"]]
        emit(payload, crows, [Col("state", "key"), Col("instrument", "key"), "promise",
                              "side", "reason"], as_json=False,
             as_csv=False, title="Conflicts of obligation")
    nt = payload["not_triggered"]
    if nt:
        ng: dict[tuple[Any, ...], list[str]] = {}
        for e in nt:
            why = (e["instrument"]["id"], _article_kind(e), e["to"]["abb"],
                   e["reason"].split(":")[0])
            ng.setdefault(why, []).append(e["from"]["abb"])
        nrows = [{"instrument": inst, "promise": f"{what} → {to}", "why not": why,
                  "states": _states(st)} for (inst, what, to, why), st in ng.items()]
        shown = nrows if show_all else nrows[:12]
        emit(payload, shown, [Col("instrument", "key"), "promise", "why not", "states"],
             as_json=False, as_csv=False,
             title=f"Not triggered ({len(nt)} promises" + (")" if show_all or len(nrows) <= 12
                                                            else "; --all lists every one)"))


def _promise(e: dict[str, Any]) -> str:
    art = f" {e['article']}" if e.get("article") else ""
    return f"{e['instrument']['id']}{art} {e['kind']}"


def _article_kind(e: dict[str, Any]) -> str:
    return f"{e['article']} {e['kind']}" if e.get("article") else str(e["kind"])


def _range(ps: list[float]) -> str:
    lo, hi = min(ps), max(ps)
    return f"{lo:.2f}" if f"{lo:.2f}" == f"{hi:.2f}" else f"{lo:.2f}–{hi:.2f}"


def _states(states: list[str]) -> str:
    unique = list(dict.fromkeys(states))
    return f"{len(unique)}: {' '.join(unique)}" if len(unique) > 1 else unique[0]
