"""``foedus backtest``: the engine's forecasts scored against history, out of sample."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from foedus.cli.output import console, emit, handle_errors, print_json

SPLITS = ("lowo", "post1945", "pre1946")
TITLES = {"lowo": "leave one war out (all wars)", "post1945": "fit before 1946, score from 1946",
          "pre1946": "fit from 1946, score before 1946",
          "lowo:post1945": "leave one war out, wars from 1946"}


@click.group()
def backtest() -> None:
    """Rerun the published evaluations of foedus's forecasts on the imported data."""


@backtest.command("wars")
@click.option("--split", "splits", multiple=True, type=click.Choice(SPLITS),
              help="evaluation(s) to run (default: all three)")
@click.option("--wars", default=None,
              help="comma-separated COW war numbers: score only these wars' pool (a check)")
@click.option("--plot", type=click.Path(dir_okay=False, path_type=Path),
              help="write the reliability diagram to this PNG")
@click.option("--predictions", type=click.Path(dir_okay=False, path_type=Path),
              help="write every row's out-of-sample forecasts to this Parquet file")
@click.option("--json", "as_json", is_flag=True, help="print the scores as JSON")
@handle_errors
def wars(splits: tuple[str, ...], wars: str | None, plot: Path | None,
         predictions: Path | None, as_json: bool) -> None:
    """Who joins a war: the entry model against the naive rule on COW Inter-State Wars 4.0.

    Every state in the system on a war's first day that is not a first party is a row; the
    joiners (either side) are the positives. Needs the datasets imported (see
    docs/credibility.md): war, atop, peacesciencer, ideal-points, mid, isard.
    """
    from rich.table import Table

    import foedus
    from foedus.backtest.wars import backtest as run
    from foedus.backtest.wars import build_pool, mid_side_rows
    from foedus.errors import UsageError

    chosen = None
    if wars:
        try:
            chosen = [int(w) for w in wars.split(",") if w.strip()]
        except ValueError as exc:
            raise UsageError(f"--wars: not a list of war numbers: {wars!r}") from exc
    session = foedus.open()
    pool = build_pool(session, wars=chosen)
    mids = mid_side_rows(session)
    ans = run(pool, splits or SPLITS, mids=mids)
    if predictions is not None:
        ans.predictions.write_parquet(predictions)
    if plot is not None:
        from foedus.backtest.plot import reliability_plot

        reliability_plot(ans.splits, plot)
    if as_json:
        print_json(ans.to_json())
        return
    out = console()
    p = ans.pool
    out.print(f"COW inter-state wars {p['first_year']}-{p['last_year']}: {p['wars']} wars, "
              f"{p['rows']:,} state-war rows, {p['joiners']} joined "
              f"({p['rows_from_1946']:,} rows and {p['joiners_from_1946']} joiners from 1946)")
    table = Table("evaluation", "rows", "joined", "model AUC", "Brier", "skill", "naive AUC",
                  "naive Brier", "naive skill", "side right")
    for name, res in ans.splits.items():
        parts = [(name, res)]
        if "post1945_wars" in res:
            parts.append(("lowo:post1945", res["post1945_wars"]))
        for label, r in parts:
            m, nv = r["model"], r["naive"]
            table.add_row(TITLES.get(label, label), f"{m['n']:,}", str(m["positives"]),
                          f"{m['auc']:.3f}", f"{m['brier']:.5f}", f"{m['brier_skill']:+.3f}",
                          f"{nv['auc']:.3f}", f"{nv['brier']:.5f}", f"{nv['brier_skill']:+.3f}",
                          "" if r["side_accuracy"] is None else f"{r['side_accuracy']:.0%}")
    out.print(table)
    for name, res in ans.splits.items():
        rel = Table("p bin", "rows", "mean p", "observed", "joined",
                    title=f"reliability, model, {TITLES.get(name, name)}")
        for r in res["model"]["reliability"]:
            rel.add_row(r["bin"], f"{r['n']:,}", f"{r['mean_p']:.4f}", f"{r['observed']:.4f}",
                        str(r["joined"]))
        out.print(rel)
    if plot is not None:
        out.print(f"reliability diagram: {plot}")


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
    import foedus

    with foedus.open() as s:
        ans = s.backtest_guarantors(ridge=ridge, wars=list(wars) or None)
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
