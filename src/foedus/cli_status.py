"""Table output for ``foedus status`` and the target-status part of ``foedus defenders``.

Why a module of its own: the status answer (:mod:`foedus.status_query`) has its own shape
(guarantors, flags), kept out of the commitment tables of :mod:`foedus.cli`.
"""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.markup import escape

__all__ = ["status_rows", "print_target_status"]


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
                    "flags": _flags(s)})
    return out


def print_target_status(payload: dict[str, Any]) -> None:
    """The target's statuses on the day, below the defenders tables."""
    console = Console(emoji=False)
    rows = status_rows(payload.get("target_status") or [])
    if not rows:
        return
    console.print(f"[bold]Status of {payload['target']['abb']} on {payload['on']}[/bold]")
    for r in rows:
        extra = f"; guaranteed/recognised by {r['guarantors']}" if r["guarantors"] else ""
        flags = f" [{r['flags']}]" if r["flags"] else ""
        console.print(escape(f"  {r['status']} ({r['legal_force']}, {r['instrument']}, "
                             f"from {r['valid_from']}){extra}{flags}"), highlight=False)
