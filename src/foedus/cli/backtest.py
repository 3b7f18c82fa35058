"""``foedus backtest guarantors``: the guarantor ranking checked against COW's wars.

Display only: one call of :func:`foedus.backtest.guarantors.backtest_guarantors`; the
table and ``--json`` (the answer's ``to_json()``) show the same answer.
"""

from __future__ import annotations

from typing import Any

import click

from foedus.cli.output import console, emit, handle_errors, print_json

__all__ = ["backtest"]


@click.group()
def backtest() -> None:
    """Check the engine's advice against what states did."""


@backtest.command("guarantors")
@click.option("--war", "wars", multiple=True, type=int, metavar="WARNUM",
              help="Only these COW war numbers (repeatable). Default: every war that others "
                   "joined on the original target's side.")
@click.option("--ridge", type=click.FloatRange(min=0), default=None,
              help="Fix the ridge penalty (default: chosen inside each training fold).")
@click.option("--json", "as_json", is_flag=True, help="Print the JSON answer.")
@handle_errors
def backtest_guarantors_cmd(wars: tuple[int, ...], ridge: float | None,
                            as_json: bool) -> None:
    """Rank every state as a guarantor of each war's original target on its first day, and
    report where the states that came rank (AUC, top 5, top 10), out of sample, beside the
    hand-set weights and a naive ranking (allied first, then capability)."""
    from foedus.backtest.guarantors import backtest_guarantors
    from foedus.session import Session

    with Session() as s:
        ans = backtest_guarantors(s, ridge=ridge, wars=list(wars) or None)
    payload: dict[str, Any] = ans.to_json()
    if as_json:
        print_json(payload)
        return
    rows = []
    for split, methods in payload["splits"].items():
        for method, m in methods.items():
            rows.append({"split": split, "method": method, "AUC": m["auc"],
                         "AUC pooled": m["auc_pooled"], "top 5": m["top5"],
                         "top 10": m["top10"],
                         "Brier skill": "" if m["brier_skill"] is None else m["brier_skill"],
                         "wars": m["wars"], "joiners": m["joiners"]})
    emit(payload, rows, ["split", "method", "AUC", "AUC pooled", "top 5", "top 10",
                         "Brier skill", "wars", "joiners"], as_json=False, as_csv=False,
         title="Guarantor ranking against history (COW wars others joined)")
    per = [{"war": f"{w['warnum']} {w['war']}", "day": w["day"], "fitted": w["fitted"],
            "judgement": w["judgement"], "naive": w["naive"]} for w in payload["per_war"]]
    emit(payload, per, ["war", "day", "fitted", "judgement", "naive"], as_json=False,
         as_csv=False, title="Within-war AUC, leave-one-war-out")
    out = console()
    weights = ", ".join(f"{k} {v:+.2f}" for k, v in payload["model"]["weights"].items())
    out.print(f"fitted on every case (ridge {payload['model']['ridge']}): intercept "
              f"{payload['model']['intercept']:+.2f}; {weights}")
    for n in payload["notes"]:
        out.print(f"[dim]{n}[/dim]")
