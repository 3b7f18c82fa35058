"""``foedus status``, and the target-status part of ``foedus defenders``.

Display only: the answer is :func:`foedus.query.status.status`; a status has its own shape
(guarantors, recognisers, flags), kept apart from the commitment tables.
"""

from __future__ import annotations

from typing import Any

import click

from foedus.cli.answer_cache import answer
from foedus.cli.output import Col, console, emit, handle_errors, output_options, period, plural

__all__ = ["status_rows", "print_target_status", "status_cmd"]


def _flags(s: dict[str, Any]) -> str:
    bits = [name for name, on in (("dormant", s.get("dormant")),
                                  ("pre-system", s.get("pre_system")),
                                  ("attacker bound to respect it",
                                   s.get("violated_by_attacker"))) if on]
    return ", ".join(bits)


def status_rows(statuses: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per status: guarantors (and recognisers, marked) as abbreviations."""
    out = []
    for s in statuses:
        who = [g["abb"] for g in s["guarantors"]]
        who += [f"{r['abb']} (recognises)" for r in s["recognised_by"]]
        out.append({"status": s["status"], "instrument": s["instrument"]["id"],
                    "legal_force": s["legal_force"], "valid_from": s["valid_from"],
                    "valid_to": s["valid_to"], "guarantors": ", ".join(who),
                    "flags": _flags(s), "period": period(s["valid_from"], s["valid_to"])})
    return out


def print_target_status(payload: dict[str, Any]) -> None:
    """The target's statuses on the day, below the defenders tables."""
    from rich.markup import escape

    out = console()
    rows = status_rows(payload.get("target_status") or [])
    if not rows:
        return
    out.print(f"[bold]Status of {payload['target']['abb']} on {payload['on']}[/bold]")
    for r in rows:
        extra = f"; guaranteed/recognised by {r['guarantors']}" if r["guarantors"] else ""
        flags = f" [{r['flags']}]" if r["flags"] else ""
        out.print(escape(f"  {r['status']} ({r['legal_force']}, {r['instrument']}, "
                         f"from {r['valid_from']}){extra}{flags}"))


@click.command("status")
@click.argument("state")
@click.option("--on", "on", default=None, help="Day (YYYY-MM-DD; YYYY-MM or YYYY: its first "
              "day); default: every status in the state's history.")
@output_options
@handle_errors
def status_cmd(state: str, on: str | None, as_json: bool, as_csv: bool, wide: bool) -> None:
    """STATE's own legal status (permanent neutrality, non-bloc, non-nuclear...)."""
    payload = answer("status", state=state, on=on)
    st = payload["state"]
    when = f"on {payload['on']}" if payload["on"] else "in its history"
    cols: list[str | Col] = ["status", "instrument", "legal_force", "valid_from", "valid_to",
                             "guarantors", "flags"]
    if not (as_csv or wide):
        cols = [Col("status", "key"), Col("instrument", "key"),
                Col("legal_force", header="legal force"), Col("period", header="valid"),
                Col("guarantors"), Col("flags", "drop")]
    rows = status_rows(payload["statuses"])
    if not (as_csv or wide):
        rows = [{**r, "legal_force": r["legal_force"].replace("_", " ")} for r in rows]
    emit(payload, rows, cols, as_json=as_json, as_csv=as_csv,
         empty="none", title=f"Status of {st['name']} ({st['abb']}, {st['ccode']}) {when}: "
         f"{plural(len(payload['statuses']), 'status', 'statuses')}")
