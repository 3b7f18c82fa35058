"""Fit and evaluate foedus's credibility and joining models; write model_params.json.

Usage::

    python scripts/fit_credibility.py --data DATA_FOLDER [--out PARAMS_JSON]

``DATA_FOLDER`` holds the published releases (isard, peacesciencer, UN ideal points, COW
Inter-State War 4.0, the alliance-reliability replication files) in the folders
``foedus data import`` reads. They are imported into a temporary FOEDUS_HOME (the user's
store is never touched). Every figure printed is also written to the JSON, so a test can
check that the shipped parameters are what this script reports.

Honest evaluation (see docs/credibility.md):

* honouring: (a) base rates by kind learned on wars before 1945, scored on wars after;
  (b) leave-one-war-out over all invoked alliances; (c) leave-one-war-out on Leeds & Anac's
  replication file for change in power and the promisor's capability.
* joining: fitted on COW inter-state wars that began before 1946, scored on wars from
  1946, against the base rate and a pledges-only rule; also leave-one-war-out.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import brier_score_loss, roc_auc_score

REPO = Path(__file__).resolve().parents[1]
IMPORTS = (("isard", "isard"), ("peacesciencer", "peacesciencer"),
           ("ideal-points", "un-ideal-points-2025"), ("war", "cow-war-4.0"),
           ("reliability", "reliability"))
KINDS = ("offense", "defense", "neutral", "nonagg", "consul")  # priority: strongest first
C_REG = 1.0  # L2 strength of every logistic fit; fixed in advance, never tuned
SMOOTH = 5.0  # pseudo-observations pulling a kind x era cell toward the additive model
INITIAL_DAYS = 7  # a participant entering within this many days of the start is initial
JOIN_FEATURES = ("contig_friend", "contig_enemy", "rival_friend", "rival_enemy", "major",
                 "pledge_friend", "pledge_enemy", "align", "proj_cap", "log_dist")

# Published figures (Berkemeier & Fuhrmann 2018, Table 1 and text): share honoured.
LITERATURE = {
    "all": 0.500, "era:pre1945": 0.663, "era:post1945": 0.222,
    "kind:defense": 0.412, "kind:offense": 0.738, "kind:neutral": 0.778,
    "kind:nonagg": 0.367, "defense:pre1945": 0.610, "defense:post1945": 0.140,
}


def logit(p: Any) -> Any:
    p = np.clip(p, 1e-6, 1 - 1e-6)
    return np.log(p / (1 - p))


def metrics(y: np.ndarray, p: np.ndarray) -> dict[str, float]:
    auc = float(roc_auc_score(y, p)) if 0 < y.sum() < y.size else float("nan")
    return {"brier": round(float(brier_score_loss(y, p)), 5), "auc": round(auc, 4),
            "n": int(y.size), "positives": int(y.sum())}


# -- data ---------------------------------------------------------------------------------
def import_data(data: Path, home: Path) -> None:
    env = {**os.environ, "FOEDUS_HOME": str(home), "PYTHONPATH": str(REPO / "src")}
    for name, folder in IMPORTS:
        subprocess.run([sys.executable, "-m", "foedus.cli", "data", "import", name,
                        str(data / folder)], check=True, env=env, capture_output=True)


# -- credibility --------------------------------------------------------------------------
def bf_rows(bf: pl.DataFrame) -> pl.DataFrame:
    """Invoked alliance-war rows with an honoured/violated outcome, one primary kind each."""
    df = bf.filter((pl.col("honorbf") == 1) | (pl.col("violatebf") == 1)).with_columns(
        y=(pl.col("honorbf") == 1).fill_null(False).cast(pl.Int8),
        era=pl.when(pl.col("sample") == 1).then(pl.lit("pre1945")).otherwise(pl.lit("post1945")),
        kind=pl.coalesce([pl.when(pl.col(k) == 1).then(pl.lit(k)) for k in KINDS]),
    )
    assert df["kind"].null_count() == 0, "an invoked alliance with no obligation class"
    return df.select("warid", "atopid", "era", "kind", "y", *KINDS)


def cell_table(rows: pl.DataFrame) -> dict[str, float]:
    """Smoothed share honoured by kind x era: additive logit model as the prior of a cell."""
    x = np.column_stack([(rows["era"] == "pre1945").to_numpy()] +
                        [(rows["kind"] == k).to_numpy() for k in KINDS[1:]]).astype(float)
    y = rows["y"].to_numpy()
    eras = sorted(set(rows["era"].to_list()))
    out: dict[str, float] = {}
    add = None
    if len(eras) == 2:
        add = LogisticRegression(C=C_REG).fit(x, y)
    for kind in KINDS:
        for era in ("pre1945", "post1945"):
            sel = rows.filter((pl.col("kind") == kind) & (pl.col("era") == era))
            if add is not None:
                xi = np.array([[era == "pre1945"] + [kind == k for k in KINDS[1:]]], float)
                prior = float(add.predict_proba(xi)[0, 1])
            else:  # one era only: the kind's share across it
                ks = rows.filter(pl.col("kind") == kind)
                prior = (ks["y"].sum() + 1) / (ks.height + 2)
            out[f"{kind}:{era}"] = (sel["y"].sum() + SMOOTH * prior) / (sel.height + SMOOTH)
    return out


def predict_cells(table: dict[str, float], rows: pl.DataFrame, era: str | None = None) -> Any:
    return np.array([table[f"{k}:{era or e}"] for k, e in zip(rows["kind"], rows["era"],
                                                                  strict=True)])


def fit_credibility(inputs: Any) -> dict[str, Any]:
    bf = inputs.table("reliability", "berkemeier_fuhrmann")
    rows = bf_rows(bf)
    out: dict[str, Any] = {"n_invoked": rows.height,
                           "share_honoured_data": round(float(rows["y"].mean()), 4)}
    # (a) era split: learn on wars before 1945, score the wars after
    tr, te = rows.filter(pl.col("era") == "pre1945"), rows.filter(pl.col("era") == "post1945")
    y = te["y"].to_numpy()
    base = np.full(te.height, tr["y"].mean())
    cells = cell_table(tr)
    kind_p = predict_cells(cells, te, "pre1945")
    out["era_split"] = {"base_rate": metrics(y, base), "kind_model": metrics(y, kind_p),
                        "note": "trained on 1816-1944 invocations, scored on 1945-2003"}
    # (b) leave-one-war-out, kind x era cells vs the overall base rate
    pb, pk = np.zeros(rows.height), np.zeros(rows.height)
    wars = rows["warid"].to_numpy()
    for w in np.unique(wars):
        m = wars == w
        trn = rows.filter(pl.Series(~m))
        pb[m] = trn["y"].mean()
        pk[m] = predict_cells(cell_table(trn), rows.filter(pl.Series(m)))
    y = rows["y"].to_numpy()
    out["leave_one_war_out"] = {"base_rate": metrics(y, pb), "kind_era_model": metrics(y, pk)}
    # the shipped base rates: published figures where published, else smoothed cells
    full = cell_table(rows)
    table = {k: round(v, 4) for k, v in full.items()}
    table["defense:pre1945"] = LITERATURE["defense:pre1945"]
    table["defense:post1945"] = LITERATURE["defense:post1945"]
    out["base_rates"] = table
    out["data_cells"] = {k: round(v, 4) for k, v in full.items()}
    out["leeds_anac"] = fit_leeds_anac(inputs)
    return out


def fit_leeds_anac(inputs: Any) -> dict[str, Any]:
    """Change in power and projected capability on Leeds & Anac's invoked-alliance file.

    Each row is a promisor (``ccode1``) whose alliance a war invoked (``war``, COW number).
    The file does not name the beneficiary: it is taken to be the war participant allied to
    the promisor (any ATOP alliance in the war's first year or the next, since some were
    signed in wartime) at which the promisor's projected CINC is highest. Where none is
    found the promisor's own CINC stands in (``imputed`` counts them).
    """
    from foedus.scenario.features import FeatureBuilder

    fb = FeatureBuilder(inputs)
    la = inputs.table("reliability", "leeds_anac")
    war_tab = inputs.table("war", "inter")
    starts = dict(war_tab.group_by("warnum").agg(pl.col("startyear1").min()).iter_rows())
    members = {w: set(g["ccode"].to_list()) for (w,), g in war_tab.group_by(["warnum"])}
    rows = []
    for r in la.iter_rows(named=True):
        war, a = int(r["war"]), int(r["ccode1"])
        if war not in starts:  # not in COW Inter-State War 4.0
            continue
        year = int(starts[war])
        others = np.array(sorted(members[war] - {a}), dtype=np.int64)
        pairs = np.column_stack([np.full(others.size, a), others])
        now, nxt = fb.pairs(pairs, year), fb.pairs(pairs, year + 1)
        allied = (now.allied == 1) | (nxt.allied == 1)
        own = float(fb.pairs([(a, a)], year).cinc_a[0])
        proj = float(np.nanmax(np.where(allied, now.projected_cinc_a, np.nan))) \
            if allied.any() else np.nan
        rows.append((war, year, a, proj, own, int(r["chcap2d"]), int(r["honor3"])))
    df = pl.DataFrame(rows, schema=["war", "year", "ccode", "proj", "own", "power_change",
                                    "y"], orient="row").filter(pl.col("own") > 0)
    proj = df["proj"].to_numpy()
    imputed = int(np.isnan(proj).sum())
    logc = np.log10(np.where(np.isnan(proj), df["own"].to_numpy(), proj))
    center = float(np.mean(logc))
    x = np.column_stack([df["power_change"].to_numpy().astype(float), logc - center])
    y = df["y"].to_numpy().astype(int)
    w = df["war"].to_numpy()
    pm, pb = np.zeros(y.size), np.zeros(y.size)
    for war in np.unique(w):
        m = w == war
        pb[m] = y[~m].mean()
        pm[m] = LogisticRegression(C=C_REG).fit(x[~m], y[~m]).predict_proba(x[m])[:, 1]
    fit = LogisticRegression(C=C_REG).fit(x, y)
    return {
        "n": int(y.size), "wars": int(np.unique(w).size), "imputed": imputed,
        "years": [int(df["year"].min()), int(df["year"].max())],  # type: ignore[arg-type]
        "leave_one_war_out": {"base_rate": metrics(y, pb), "model": metrics(y, pm)},
        "weights": {"power_change": round(float(fit.coef_[0, 0]), 4),
                    "capability": round(float(fit.coef_[0, 1]), 4)},
        "capability_center_log10": round(center, 4),
    }


# -- joining ------------------------------------------------------------------------------
def war_table(inputs: Any) -> pl.DataFrame:
    w = inputs.table("war", "inter")

    def day(y: str, m: str, d: str) -> pl.Expr:
        return pl.date(pl.col(y), pl.col(m).clip(1, 12), pl.col(d).clip(1, 28))

    return w.select("warnum", "ccode", "side", start=day("startyear1", "startmonth1",
                                                        "startday1"))


def join_rows(inputs: Any) -> pl.DataFrame:
    from foedus.scenario.features import FeatureBuilder, log_or_nan

    fb = FeatureBuilder(inputs)
    parts = war_table(inputs)
    out = []
    for (warnum,), g in parts.group_by(["warnum"], maintain_order=True):
        start: dt.date = g["start"].min()  # type: ignore[assignment]
        initial = g.filter(pl.col("start") <= start + dt.timedelta(days=INITIAL_DAYS))
        sides = {s: initial.filter(pl.col("side") == s)["ccode"].unique().to_numpy()
                 for s in (1, 2)}
        if not len(sides[1]) or not len(sides[2]):
            continue
        joined = {int(c): int(s) for c, s in
                  g.filter(pl.col("start") > start + dt.timedelta(days=INITIAL_DAYS))
                  .select("ccode", "side").unique("ccode").iter_rows()}
        members = fb.members(start.year)
        cands = np.setdiff1d(members, np.concatenate(list(sides.values())))
        # states that joined though outside the system list still count as candidates
        cands = np.union1d(cands, np.array(sorted(joined), dtype=np.int64))
        for s in (1, 2):
            feats = side_features(fb, cands, sides[s], sides[3 - s], start)
            feats["y"] = np.array([joined.get(int(c)) == s for c in cands], dtype=np.int8)
            feats["warnum"] = np.full(cands.size, warnum)
            feats["year"] = np.full(cands.size, start.year)
            feats["ccode"] = cands
            feats["side"] = np.full(cands.size, s)
            out.append(pl.DataFrame(feats))
    del log_or_nan
    return pl.concat(out)


def side_features(fb: Any, cands: np.ndarray, friends: np.ndarray, enemies: np.ndarray,
                  on: dt.date) -> dict[str, np.ndarray]:
    from foedus.scenario.joining import side_features as sf

    return sf(fb, cands, friends, enemies, on)


def fit_joining(inputs: Any, leave_one_out: bool = True) -> dict[str, Any]:
    """Fit on wars before 1946, score wars from 1946; then (optionally) leave one war out."""
    rows = join_rows(inputs)
    x = rows.select(JOIN_FEATURES).to_numpy().astype(float)
    y = rows["y"].to_numpy().astype(int)
    year = rows["year"].to_numpy()
    war = rows["warnum"].to_numpy()
    train, test = year < 1946, year >= 1946
    model = LogisticRegression(C=C_REG, max_iter=1000).fit(x[train], y[train])
    p_model = model.predict_proba(x[test])[:, 1]
    base = np.full(test.sum(), y[train].mean())
    pf = rows["pledge_friend"].to_numpy() > 0
    rate_pledge = y[train & pf].mean()
    rate_none = y[train & ~pf].mean()
    p_rule = np.where(pf[test], rate_pledge, rate_none)
    yt = y[test]
    res: dict[str, Any] = {
        "rows": int(y.size), "wars": int(np.unique(war).size),
        "join_rate": round(float(y.mean()), 5),
        "join_rate_per_state_war": round(float(y.mean() * 2), 5),
        "split": {
            "train": {"wars": int(np.unique(war[train]).size), "rows": int(train.sum())},
            "test": {"wars": int(np.unique(war[test]).size), "rows": int(test.sum())},
            "model": metrics(yt, p_model),
            "base_rate_train": metrics(yt, base),
            "base_rate_1_in_80": metrics(yt, np.full(yt.size, 1 / 160)),
            "pledges_only": metrics(yt, p_rule),
            "pledges_only_rates": {"pledge": round(float(rate_pledge), 4),
                                   "none": round(float(rate_none), 5)},
        },
    }
    if leave_one_out:  # every war in turn held out (secondary check)
        p_lowo, p_base = np.zeros(y.size), np.zeros(y.size)
        for w in np.unique(war):
            m = war == w
            p_lowo[m] = LogisticRegression(C=C_REG, max_iter=1000).fit(
                x[~m], y[~m]).predict_proba(x[m])[:, 1]
            p_base[m] = y[~m].mean()
        res["leave_one_war_out"] = {"model": metrics(y, p_lowo),
                                    "base_rate": metrics(y, p_base)}
    full = LogisticRegression(C=C_REG, max_iter=1000).fit(x, y)
    res["weights"] = {n: round(float(v), 4) for n, v in zip(JOIN_FEATURES, full.coef_[0],
                                                             strict=True)}
    res["intercept"] = round(float(full.intercept_[0]), 4)
    res["weights_train_only"] = {n: round(float(v), 4) for n, v in
                                 zip(JOIN_FEATURES, model.coef_[0], strict=True)}
    res["intercept_train_only"] = round(float(model.intercept_[0]), 4)
    return res


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=Path(os.environ.get("FOEDUS_SHARED_DATA", "")),
                    help="folder of published dataset releases")
    ap.add_argument("--out", type=Path, default=REPO / "src/foedus/scenario/model_params.json")
    ap.add_argument("--home", type=Path, default=None, help="reuse this FOEDUS_HOME")
    args = ap.parse_args()
    home = args.home or Path(tempfile.mkdtemp(prefix="foedus-fit-"))
    if args.home is None:
        import_data(args.data, home)
    os.environ["FOEDUS_HOME"] = str(home)
    sys.path.insert(0, str(REPO / "src"))
    from foedus.datasets import default_inputs

    inputs = default_inputs()
    cred = fit_credibility(inputs)
    join = fit_joining(inputs)
    params = json.loads(args.out.read_text()) if args.out.exists() else {}
    params.update({"fitted_by": "scripts/fit_credibility.py", "literature": LITERATURE,
                   "credibility_fit": cred, "joining_fit": join})
    args.out.write_text(json.dumps(params, indent=1, sort_keys=True) + "\n")
    print(json.dumps({"credibility": {k: cred[k] for k in ("era_split", "leave_one_war_out")},
                      "leeds_anac": cred["leeds_anac"],
                      "joining": {k: join[k] for k in ("split", "leave_one_war_out",
                                                       "weights", "intercept")}}, indent=1))


if __name__ == "__main__":
    main()
