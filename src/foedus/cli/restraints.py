"""``foedus restraints STATE --on DATE`` and ``foedus reassurance TARGET --on DATE``.

Display only: one call of ``Foedus.restraints`` / ``Foedus.reassurance``; the 80-column
tables, ``--json`` (the answer's ``to_json()``) and ``--csv`` show the same answer.
"""

from __future__ import annotations

from typing import Any

import click

from foedus.cli.output import console, emit, handle_errors, output_options, print_json
from foedus.cli.tables import para

__all__ = ["restraints_cmd", "reassurance_cmd", "restraint_rows"]


def _when(e: dict[str, Any]) -> str:
    """The status in words: ``withdrawn 2019-08-02 (USA)``."""
    text = str(e["status"]).replace("_", " ")
    if e["status"] != "in_force" and e.get("since"):
        text += f" {e['since']}"
    if e.get("by"):
        text += f" ({', '.join(s['abb'] for s in e['by'])})"
    if e.get("reverse") and e["reverse"] not in ("in_force", e["status"]):
        text += f"; reverse {e['reverse'].replace('_', ' ')} {e.get('reverse_since') or ''}"
    return text.strip()


def restraint_rows(entries: list[dict[str, Any]], side: str) -> list[dict[str, Any]]:
    """Entries grouped by instrument, article and status, the other side's states listed."""
    groups: dict[tuple[str, str, str, str], dict[str, Any]] = {}
    for e in entries:
        key = (e["instrument"]["id"], e["article"], e["kind"], _when(e))
        g = groups.setdefault(key, {"restraint": f"{e['instrument']['short']}, "
                                                 f"{e['article']}",
                                    "kind": e["kind"], "status": _when(e), "states": []})
        g["states"].append(e[side]["abb"])
    out = []
    for g in groups.values():
        states = g.pop("states")
        g["states"] = ", ".join(states[:5]) + (f" +{len(states) - 5}" if len(states) > 5
                                              else "")
        out.append(g)
    return out


@click.command("restraints")
@click.argument("state")
@click.option("--on", "on", required=True, metavar="DATE", help="The day (YYYY-MM-DD).")
@output_options
@handle_errors
def restraints_cmd(state: str, on: str, as_json: bool, as_csv: bool, wide: bool) -> None:
    """Restraint STATE receives from each other state, and gives (force limits, inspection,
    no-deployment pledges): in force, suspended, withdrawn, expired, found violated."""
    from foedus.api import Foedus

    with Foedus() as s:
        ans = s.restraints(state, on)
    payload = ans.to_json()
    if as_csv:
        rows = [{"direction": d, "obligor": e["obligor"]["abb"],
                 "beneficiary": e["beneficiary"]["abb"], "instrument": e["instrument"]["id"],
                 "article": e["article"], "kind": e["kind"], "status": e["status"],
                 "since": e["since"]} for d in ("received", "given") for e in payload[d]]
        emit(payload, rows, list(rows[0]) if rows else ["direction"], as_json=False,
             as_csv=True)
        return
    cols = ["restraint", "status", "states"]
    abb = payload["state"]["abb"]
    emit(payload, [], cols, as_json=as_json, as_csv=False, empty="none",
         sections=[(f"Restraint {abb} receives on {payload['on']} (from)",
                    restraint_rows(payload["received"], "obligor")),
                   (f"Restraint {abb} gives on {payload['on']} (to)",
                    restraint_rows(payload["given"], "beneficiary"))])


@click.command("reassurance")
@click.argument("target")
@click.option("--on", "on", required=True, metavar="DATE", help="The day (YYYY-MM-DD).")
@click.option("--threat", "threats", multiple=True, metavar="STATE",
              help="A threat (repeatable). Default: inferred (rivals, named adversaries, "
                   "recent disputes), each with its reason.")
@click.option("--json", "as_json", is_flag=True, help="Print the JSON contract.")
@handle_errors
def reassurance_cmd(target: str, on: str, threats: tuple[str, ...], as_json: bool) -> None:
    """What restraint TARGET's threats owe it, what has lapsed since 1990, and candidate
    packages (revive a limit, a zone, inspections, a pledge) with their capability change,
    credibility index and cost to third states."""
    from foedus.api import Foedus

    with Foedus() as s:
        ans = s.reassurance(target, on, list(threats) or None)
    data = ans.to_json()
    if as_json:
        print_json(data)
        return
    out = console()
    t = data["target"]["abb"]
    out.print(f"[bold]Reassurance for {t} on {data['on']}[/bold]")
    for th in data["threats"]:
        para(out, f"  threat {th['state']['abb']}: {'; '.join(th['why'])}", hang="    ")
    emit(data, [], ["restraint", "status", "states"], as_json=False, as_csv=False,
         empty="none",
         sections=[(f"Held: restraint the threats owe {t}",
                    restraint_rows(data["held"], "obligor")),
                   ("Lapsed since 1990", restraint_rows(data["lapsed"], "obligor"))])
    for i, p in enumerate(data["packages"], 1):
        cap = p["capability_change"]
        cap_s = "n/a" if cap is None else f"{cap:+.1%}"
        para(out, f"[{i}] from {', '.join(s['abb'] for s in p['from'])}: "
                  f"capability {cap_s}, credibility {p['credibility']:.2f}")
        for lim in p["limits"]:
            para(out, f"    limit: {lim}", hang="      ")
        # the same cost to several states (neighbours held to the same limit): one line
        costs: dict[str, list[str]] = {}
        for c in p["costs"]:
            costs.setdefault(c["why"], []).append(c["state"]["abb"])
        for why, states in costs.items():
            para(out, f"    cost to {', '.join(states)}: {why}", hang="      ")
        for r in p["reasons"]:
            para(out, f"    - {r}", hang="      ")
