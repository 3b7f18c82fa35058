"""The advice commands: ``guarantors`` (who could credibly guarantee a state) and ``gaps``
(the states no one can). Display only: each calls one Session method (docs/guarantors.md)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import click

from foedus.cli.output import console, emit, handle_errors, output_options, print_json

__all__ = ["ADVISE_COMMANDS"]


def _weights(pairs: tuple[str, ...]) -> dict[str, float]:
    from foedus.errors import UsageError

    out = {}
    for p in pairs:
        name, sep, value = p.partition("=")
        try:
            out[name.strip()] = float(value)
        except ValueError:
            sep = ""
        if not sep:
            raise UsageError(f"--weight wants NAME=NUMBER, got {p!r}")
    return out


def _plot(payload: dict[str, Any], path: str) -> None:
    """A horizontal stacked bar per candidate: each factor's contribution to the score."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    cands = payload["candidates"][:15][::-1]
    names = list(cands[0]["factors"]) if cands else []
    fig, ax = plt.subplots(figsize=(8, 0.35 * len(cands) + 1.5))
    labels = [c["state"]["abb"] for c in cands]
    for name in names:
        vals = [c["factors"][name] for c in cands]
        pos = [max(v, 0) for v in vals]
        neg = [min(v, 0) for v in vals]
        left_pos = [sum(max(c["factors"][n], 0) for n in names[:names.index(name)])
                    for c in cands]
        left_neg = [sum(min(c["factors"][n], 0) for n in names[:names.index(name)])
                    for c in cands]
        bars = ax.barh(labels, pos, left=left_pos, label=name)
        ax.barh(labels, neg, left=left_neg, color=bars.patches[0].get_facecolor()
                if bars.patches else None)
    threats = ", ".join(t["state"]["abb"] for t in payload["threats"]) or "no inferred threat"
    ax.set_title(f"Guarantors of {payload['target']['abb']} on {payload['on']} vs {threats}")
    ax.set_xlabel("score (sum of factor contributions)")
    ax.axvline(0, color="black", linewidth=0.6)
    ax.legend(fontsize=7, loc="lower right")
    fig.tight_layout()
    fig.savefig(path, dpi=120)


@click.command()
@click.argument("target")
@click.option("--on", "on", default=None, help="Day YYYY-MM-DD; default today.")
@click.option("--threat", "threats", multiple=True,
              help="A threatening state (repeatable); default: inferred, with reasons.")
@click.option("--weight", "weights", multiple=True, metavar="NAME=X",
              help="Override a model weight (repeatable), e.g. --weight capability=2.")
@click.option("--size", "sizes", multiple=True, type=int,
              help="Size of the most credible coalition to report (repeatable; default 3).")
@click.option("--limit", type=int, default=15, show_default=True,
              help="Candidates shown in the table (JSON and CSV list all).")
@click.option("--sensitivity", is_flag=True,
              help="Also move each weight by -50%/+50%: Kendall tau and top-5 changes.")
@click.option("--plot", "plot", default=None, metavar="PNG",
              help="Write a chart of each candidate's factor contributions.")
@output_options
@handle_errors
def guarantors(target: str, on: str | None, threats: tuple[str, ...],
               weights: tuple[str, ...], sizes: tuple[int, ...], limit: int,
               sensitivity: bool, plot: str | None, as_json: bool, as_csv: bool,
               wide: bool) -> None:
    """Who could credibly guarantee TARGET against its threats, best first, with reasons."""
    from foedus.session import Session

    with Session() as session:
        ans = session.guarantors(target, on or dt.date.today().isoformat(),
                                 list(threats) or None, _weights(weights),
                                 sizes=tuple(sizes) or (3,), sensitivity=sensitivity)
        payload = ans.to_json()
    if sensitivity:
        payload["sensitivity"] = ans.sensitivity
    if plot:
        _plot(payload, plot)
    if as_json:
        print_json(payload)
        return
    rows = [{"#": i + 1, "state": c["state"]["abb"], "score": f"{c['score']:.3f}",
             "capability": f"{c['factors']['capability']:+.2f}",
             "pledged": f"{c['factors']['pledged'] + c['factors']['assured']:+.2f}",
             "align": f"{c['factors']['alignment'] + c['factors']['ideal']:+.2f}",
             "conflict": f"{c['factors']['conflict'] + c['factors']['rival']:+.2f}",
             "why": c["reasons"][0] if c["reasons"] else ""}
            for i, c in enumerate(payload["candidates"])]
    cols = ["#", "state", "score", "capability", "pledged", "align", "conflict"]
    if as_csv:
        emit(payload, rows, [*cols, "why"], as_json=False, as_csv=True)
        return
    out = console()
    tgt = payload["target"]
    out.print(f"[bold]Guarantors of {tgt['name']} ({tgt['abb']}) on {payload['on']}[/bold]")
    if not payload["threats"]:
        out.print("threats: none inferred")
    for t in payload["threats"]:
        out.print(f"threat {t['state']['abb']}: " + "; ".join(t["why"]))
    emit(payload, rows[:limit], cols, as_json=False, as_csv=False)
    for c in payload["coalitions"]:
        out.print(f"coalition {'+'.join(m['abb'] for m in c['members'])}: capability ratio "
                  f"{c['capability_ratio']:.2f}, P(threat faces more than its own) "
                  f"{c['p_deters']:.2f}")
    if payload["threats"] and not any(
            c["capability_ratio"] > 1 for c in payload["coalitions"]):
        out.print("[bold]no credible guarantor[/bold]: no set of credible candidates projects "
                  "more capability to the target than the threat side")
    for d in payload["datasets"]:
        if d.get("note"):
            out.print(f"note: {d['note']}")
    if sensitivity and ans.sensitivity:
        out.print(f"sensitivity (base top 5: {', '.join(ans.sensitivity['base_top'])})")
        srows = [{"weight": m["weight"], "x": m["factor"], "tau": m["kendall_tau"],
                  "top in": ", ".join(m["top_in"]), "top out": ", ".join(m["top_out"])}
                 for m in ans.sensitivity["moves"]]
        emit({}, srows, ["weight", "x", "tau", "top in", "top out"], as_json=False,
             as_csv=False)


@click.command()
@click.option("--on", "on", default=None, help="Day YYYY-MM-DD; default today.")
@click.option("--limit", type=int, default=25, show_default=True)
@output_options
@handle_errors
def gaps(on: str | None, limit: int, as_json: bool, as_csv: bool, wide: bool) -> None:
    """States with no credible guarantor against their likely threats, worst first."""
    from foedus.session import Session

    with Session() as session:
        payload = session.gaps(on or dt.date.today().isoformat()).to_json()
    rows = [{"#": i + 1, "state": g["state"]["abb"],
             "threats": ", ".join(t["state"]["abb"] for t in g["threats"]),
             "uncovered": f"{g['uncovered']:.2f}",
             "best": ", ".join(c["state"]["abb"] for c in g["best_candidates"])}
            for i, g in enumerate(payload["gaps"])]
    emit(payload, rows if (as_csv or as_json) else rows[:limit],
         ["#", "state", "threats", "uncovered", "best"], as_json=as_json, as_csv=as_csv,
         title=f"States without a credible guarantor on {payload['on']}")
    if not (as_json or as_csv):
        console().print(f"{payload['covered']} covered, {payload['without_threat']} without "
                        "an inferred threat")
        for d in payload["datasets"]:
            if d.get("note"):
                console().print(f"note: {d['note']}")


ADVISE_COMMANDS = (guarantors, gaps)
