"""``foedus guarantors TARGET --on DATE``, ``foedus gaps --on DATE`` and ``foedus threats``.

Display only: one call of ``Foedus.guarantors`` / ``Foedus.gaps`` / ``Foedus.threats``; the
table, ``--json`` (the answer's ``to_json()``), ``--csv`` and ``--plot`` show the same answer.
"""

from __future__ import annotations

from typing import Any

import click

from foedus.cli.output import Col, cell, check_figure, console, emit, handle_errors, print_json
from foedus.cli.tables import para

__all__ = ["guarantors_cmd", "gaps_cmd", "threats_cmd"]


def _weights(pairs: tuple[str, ...]) -> dict[str, float]:
    out: dict[str, float] = {}
    for p in pairs:
        name, sep, val = p.partition("=")
        if not sep:
            raise click.BadParameter(f"{p!r}: give NAME=VALUE (e.g. capability=4)",
                                     param_hint="--weight")
        try:
            out[name.strip()] = float(val)
        except ValueError:
            raise click.BadParameter(f"{p!r}: {val!r} is not a number",
                                     param_hint="--weight") from None
    return out


def _abbs(states: list[dict[str, Any]]) -> str:
    return ", ".join(s["abb"] for s in states)


@click.command("guarantors")
@click.argument("target")
@click.option("--on", "on", required=True, metavar="DATE", help="The day (YYYY-MM-DD).")
@click.option("--threat", "threats", multiple=True, metavar="STATE",
              help="A threat (repeatable). Default: inferred (rivals, named adversaries, "
                   "recent disputes), each with its reason.")
@click.option("--weight", "weight", multiple=True, metavar="NAME=VALUE",
              help="Override a model weight (repeatable), e.g. --weight capability=4.")
@click.option("--size", type=click.IntRange(1, 10), default=3, show_default=True,
              help="Size of the most credible coalition.")
@click.option("--draws", type=click.IntRange(min=0), default=1000, show_default=True,
              help="Scenario draws per coalition (0: the deterministic check).")
@click.option("--seed", type=int, default=7, show_default=True)
@click.option("--limit", type=click.IntRange(min=1), default=15, show_default=True,
              help="Candidates shown in the table (JSON and CSV carry all).")
@click.option("--sensitivity", is_flag=True,
              help="Also show how the ranking moves when each weight is ×0.5 and ×1.5.")
@click.option("--plot", type=click.Path(dir_okay=False), default=None, metavar="PNG",
              help="Also write a figure of the top candidates' factor contributions.")
@click.option("--json", "as_json", is_flag=True, help="Print the JSON contract.")
@click.option("--csv", "as_csv", is_flag=True, help="Print one CSV row per candidate.")
@handle_errors
def guarantors_cmd(target: str, on: str, threats: tuple[str, ...], weight: tuple[str, ...],
                   size: int, draws: int, seed: int, limit: int, sensitivity: bool,
                   plot: str | None, as_json: bool, as_csv: bool) -> None:
    """Who could guarantee TARGET on a day, against whom, and why (docs/guarantors.md)."""
    if as_json and as_csv:
        raise click.UsageError("choose one of --json and --csv")
    from foedus.advise.model import FACTORS
    from foedus.api import Foedus

    check_figure(plot)  # now, not after the answer

    with Foedus() as s:
        ans = s.guarantors(target, on, list(threats) or None, _weights(weight) or None,
                           size=size, draws=draws, seed=seed)
    payload = dict(ans.to_json())
    sens = None
    if sensitivity:
        sens = ans.sensitivity()
        payload["sensitivity"] = sens
    if plot is not None:
        from foedus.advise.plot import plot_guarantors

        plot_guarantors(payload, plot)
    if as_json:
        print_json(payload)
        return
    rows = [{"rank": i + 1, "state": c["state"]["abb"], "score": f"{c['score']:.2f}",
             "credible": "" if c.get("credible") is None else f"{c['credible']:.2f}",
             **{f: c["factors"].get(f) for f in FACTORS},
             "reasons": "; ".join(c["reasons"]),
             "conflicting": "; ".join(x["why"] for x in c["conflicts"])}
            for i, c in enumerate(payload["candidates"])]
    if as_csv:
        emit(payload, rows, ["rank", "state", "score", "credible", *FACTORS, "reasons",
                             "conflicting"],
             as_json=False, as_csv=True)
        return
    out = console()
    t = payload["target"]
    out.print(f"[bold]Guarantors of {t['name']} ({t['abb']}) on {payload['on']}[/bold]")
    for th in payload["threats"]:
        why = [w for w, r in zip(th["why"], th.get("reasons") or [{}] * len(th["why"]),
                                 strict=True) if r.get("weight", 1) != 0]
        score = f" ({th['score']:.2f})" if "score" in th else ""
        para(out, f"  threat {th['state']['abb']}{score}: " + "; ".join(why), hang="    ")
        urls = list(dict.fromkeys(u for r in th.get("reasons") or ()
                                  if r.get("weight", 0) > 0 for u in r.get("sources", ())
                                  if u.startswith("http")))
        if urls:
            out.print("    sources: " + " ".join(urls[:3])
                      + (f" (+{len(urls) - 3} more)" if len(urls) > 3 else ""), soft_wrap=True)
    if not payload["threats"]:
        out.print("  no threat given and none inferred: give --threat STATE")
    shown = payload["candidates"][:limit]
    # a reason every candidate shares (a base rate) is said once, not in every row
    common = [x for x in (shown[0]["reasons"] if shown else [])
              if len(shown) > 1 and all(x in c["reasons"] for c in shown)]
    for x in common:
        para(out, f"  every candidate: {x}", hang="    ")
    short = [{"#": r["rank"], "state": r["state"], "score": r["score"], "p": r["credible"],
              "why": "; ".join(x for x in c["reasons"] if x not in common)
              + (f" | CONFLICT: {r['conflicting']}" if r["conflicting"] else "")}
             for r, c in zip(rows, shown, strict=False)]
    emit(payload, short, [Col("#", "key"), Col("state", "key"), Col("score", "key"),
                          Col("p", "key"), "why"],
         as_json=False, as_csv=False, empty="no candidates",
         title=f"Candidates, best first: {len(short)} of {len(rows)}")
    for c in payload["coalitions"]:
        out.print(f"coalition {_abbs(c['members'])}: capability ratio "
                  f"{c['capability_ratio']:.2f}, p_deters {c['p_deters']:.3f}")
    for n in payload["datasets"]["unavailable"]:
        para(out, f"unavailable: {n}", style="dim")
    for n in payload["datasets"]["notes"]:
        para(out, n, style="dim")
    if sens:
        srows = [{"weight": r["weight"], "x": r["multiplier"], "tau": r["kendall_tau"],
                  "entered": ", ".join(r["entered"]), "left": ", ".join(r["left"])}
                 for r in sens["changes"]]
        emit(payload, srows, ["weight", "x", "tau", "entered", "left"], as_json=False,
             as_csv=False, title="Sensitivity (baseline top 5: "
             + ", ".join(sens["baseline_top"]) + ")")


@click.command("gaps")
@click.option("--on", "on", required=True, metavar="DATE", help="The day (YYYY-MM-DD).")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True)
@click.option("--weight", "weight", multiple=True, metavar="NAME=VALUE",
              help="Override a model weight (repeatable).")
@click.option("--json", "as_json", is_flag=True, help="Print the JSON contract.")
@click.option("--csv", "as_csv", is_flag=True, help="Print CSV rows.")
@handle_errors
def gaps_cmd(on: str, limit: int, weight: tuple[str, ...], as_json: bool,
             as_csv: bool) -> None:
    """States with no credible guarantor against their likely threats, most exposed first."""
    if as_json and as_csv:
        raise click.UsageError("choose one of --json and --csv")
    from foedus.api import Foedus

    with Foedus() as s:
        ans = s.gaps(on, limit, _weights(weight) or None)
    payload = ans.to_json()
    rows = [{"state": g["state"]["abb"],
             "threats": _abbs([t["state"] for t in g["threats"]]),
             "exposure": cell(g["exposure"]),
             "best": (f"{g['best']['state']['abb']} {g['best']['score']:.2f}"
                      if g["best"] else "")} for g in payload["gaps"]]
    emit(payload, rows, ["state", "threats", "exposure", "best"], as_json=as_json,
         as_csv=as_csv, title=f"No credible guarantor on {payload['on']} "
         f"({payload['gaps_found']} of {payload['checked']} threatened states)",
         empty="none")


@click.command("threats")
@click.argument("target")
@click.option("--on", "on", required=True, metavar="DATE", help="The day (YYYY-MM-DD).")
@click.option("--sources", is_flag=True, help="Show each reason's sources.")
@click.option("--json", "as_json", is_flag=True, help="Print the JSON contract.")
@click.option("--csv", "as_csv", is_flag=True, help="Print one CSV row per reason.")
@handle_errors
def threats_cmd(target: str, on: str, sources: bool, as_json: bool, as_csv: bool) -> None:
    """Who threatens TARGET on a day, ranked, with every reason and its sources
    (docs/threats.md)."""
    if as_json and as_csv:
        raise click.UsageError("choose one of --json and --csv")
    from foedus.api import Foedus

    with Foedus() as s:
        payload = dict(s.threats(target, on).to_json())
    if as_json:
        print_json(payload)
        return
    rows = [{"state": t["state"]["abb"], "score": t["score"], "kind": r["kind"],
             "ref": r["ref"], "weight": r["weight"], "start": r["start"], "end": r["end"],
             "reason": r["text"], "sources": " | ".join(r["sources"])}
            for t in payload["threats"] for r in t["reasons"]]
    if as_csv:
        emit(payload, rows, ["state", "score", "kind", "ref", "weight", "start", "end",
                             "reason", "sources"], as_json=False, as_csv=True)
        return
    out = console()
    tg = payload["target"]
    out.print(f"[bold]Threats to {tg['name']} ({tg['abb']}) on {payload['on']}[/bold]")
    for t in payload["threats"]:
        reach = "" if t["reach"] is None else f", reach {t['reach']:.2f}"
        out.print(f"  {t['state']['abb']:4} {t['score']:5.2f}{reach}")
        for r in t["reasons"]:
            if r["weight"] == 0 and not sources:
                continue
            para(out, f"       {r['weight']:4.2f}  {r['text']}", hang=" " * 12)
            if sources:
                for u in r["sources"]:
                    para(out, f"             {u}")  # a URL is never cut, even past 80
    if not payload["threats"]:
        out.print("  none inferred")
    for n in payload["datasets"]["notes"]:
        para(out, n, "  ", style="dim")
