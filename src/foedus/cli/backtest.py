"""``foedus backtest``: the engine's forecasts scored against history, out of sample."""

from __future__ import annotations

import math
import warnings
from pathlib import Path
from typing import Any

import click

from foedus.cli.output import (
    check_figure,
    check_output_folder,
    console,
    emit,
    handle_errors,
    print_json,
)
from foedus.cli.tables import Col, fill, plural, render

SPLITS = ("lowo", "post1945", "pre1946")
TITLES = {"lowo": "leave one war out (all wars)", "post1945": "fit before 1946, score from 1946",
          "pre1946": "fit from 1946, score before 1946",
          "lowo:post1945": "leave one war out, wars from 1946"}


def _f(x: float | None, spec: str) -> str:
    """A score, or ``n/a`` when undefined (no joiner in a bin or a split)."""
    return "n/a" if x is None or (isinstance(x, float) and math.isnan(x)) else format(x, spec)


def _known_wars(session: Any, chosen: list[int], option: str = "--wars") -> None:
    """Refuse war numbers COW Inter-State War 4.0 does not have (named, all at once)."""
    from foedus.errors import UsageError
    from foedus.scenario.entry import war_history

    hist = war_history(session.optional_inputs)
    if not hist.height:
        raise UsageError("the COW Inter-State War dataset is not imported: run `foedus data "
                         "import war PATH` first")
    unknown = sorted(set(chosen) - set(hist["warnum"].to_list()))
    if unknown:
        raise UsageError(f"{option}: no COW inter-state war numbered "
                         f"{', '.join(map(str, unknown))}")


def _can_split(pool: Any, splits: tuple[str, ...] | list[str]) -> None:
    """Each evaluation needs wars to fit on with a joiner and wars to score: say which one
    cannot run with these wars instead of failing inside the fit."""
    from foedus.backtest.wars import ERA_SPLIT
    from foedus.errors import UsageError

    year, war, y = pool["year"], pool["warnum"], pool["y"]
    for sp in splits:
        if sp == "lowo":
            wars = set(war.to_list())
            joined = set(war.filter(y == 1).to_list())
            if len(wars) < 2 or any(not (joined - {w}) for w in wars):
                raise UsageError("--split lowo: leaving one war out needs, for every war, "
                                 "another with a joiner to fit on: give at least two wars "
                                 "that others joined")
            continue
        late = year >= ERA_SPLIT
        train, test = (~late, late) if sp == "post1945" else (late, ~late)
        if not int(y.filter(train).sum()) or not int(test.sum()):
            era = "before 1946" if sp == "post1945" else "from 1946"
            other = "from 1946" if sp == "post1945" else "before 1946"
            raise UsageError(f"--split {sp}: needs a war begun {era} that others joined (to "
                             f"fit on) and one begun {other} (to score)")


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
    from rich.markup import escape

    import foedus
    from foedus.backtest.wars import backtest as run
    from foedus.backtest.wars import build_pool, mid_side_rows
    from foedus.errors import InvalidInputError

    check_figure(plot)  # now, not after minutes
    if predictions is not None:
        check_output_folder(predictions, "--predictions", InvalidInputError)
    chosen = None
    if wars is not None:
        try:
            chosen = [int(w) for w in wars.split(",") if w.strip()]
        except ValueError as exc:
            raise InvalidInputError(f"--wars: not a list of war numbers: {wars!r}") from exc
        if not chosen:  # '' or ',' would have meant every war, or an empty pool
            raise InvalidInputError(f"--wars: not a list of war numbers: {wars!r}")
    session = foedus.open()
    if chosen is not None:
        _known_wars(session, chosen)
    pool = build_pool(session, wars=chosen)
    _can_split(pool, splits or SPLITS)  # before the slow part (the disputes, ~30 s)
    mids = mid_side_rows(session)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # empty bins: reported as n/a
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
    out.print(escape(fill(
        f"COW inter-state wars {p['first_year']}-{p['last_year']}: "
        f"{plural(p['wars'], 'war')}, {plural(p['rows'], 'state-war row')}, "
        f"{p['joiners']} joined ({plural(p['rows_from_1946'], 'row')} and "
        f"{plural(p['joiners_from_1946'], 'joiner')} from 1946)", out.width)), soft_wrap=True)
    rows = []
    for name, res in ans.splits.items():
        parts = [(name, res)]
        if "post1945_wars" in res:
            parts.append(("lowo:post1945", res["post1945_wars"]))
        for label, r in parts:
            m, nv = r["model"], r["naive"]
            rows.append({"evaluation": TITLES.get(label, label), "rows": f"{m['n']:,}",
                         "joined": str(m["positives"]), "model AUC": _f(m["auc"], ".3f"),
                         "Brier": _f(m["brier"], ".5f"), "skill": _f(m["brier_skill"], "+.3f"),
                         "naive AUC": _f(nv["auc"], ".3f"), "naive Brier": _f(nv["brier"], ".5f"),
                         "naive skill": _f(nv["brier_skill"], "+.3f"),
                         "side right": "" if r["side_accuracy"] is None
                         else f"{r['side_accuracy']:.0%}"})
    # the scores are the answer: kept whole; the naive Brier (its skill is 0 by definition)
    # and the side accuracy give way first at 80 columns (--json has everything)
    render(out, "", rows, [Col("evaluation"), Col("rows", "key"), Col("joined", "key"),
                           Col("model AUC", "key"), Col("Brier", "drop"),
                           Col("skill", "key"), Col("naive AUC", "key"),
                           Col("naive Brier", "drop"), Col("naive skill", "drop"),
                           Col("side right", "drop")], str)
    for name, res in ans.splits.items():
        rel = [{"p bin": r["bin"], "rows": f"{r['n']:,}", "mean p": _f(r["mean_p"], ".4f"),
                "observed": _f(r["observed"], ".4f"), "joined": str(r["joined"])}
               for r in res["model"]["reliability"]]
        render(out, f"reliability, model, {TITLES.get(name, name)}", rel,
               [Col(c, "key") for c in ("p bin", "rows", "mean p", "observed", "joined")], str)
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
    from foedus.backtest.cases import war_cases
    from foedus.errors import UsageError

    with foedus.open() as s:
        if wars:
            _known_wars(s, list(wars), "--war")
            cases = {c.warnum for c in war_cases(s.inputs)}
            none = sorted(set(wars) - cases)
            if none:
                raise UsageError(f"--war {', '.join(map(str, none))}: no state came to the "
                                 "original target's side: not a guarantor case")
            if len(set(wars)) < 2:
                raise UsageError("--war: leaving one war out needs at least two wars")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # an empty era: reported as n/a
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
