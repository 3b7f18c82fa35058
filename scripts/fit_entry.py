"""Fit the entry model (who joins a war) and write ``src/foedus/scenario/entry_params.json``.

Usage::

    python scripts/fit_entry.py --data DATA_FOLDER      # import into a temporary FOEDUS_HOME
    python scripts/fit_entry.py                          # use the configured store as is

``DATA_FOLDER`` holds the published releases ``foedus data import`` reads (isard, cow-states,
ATOP 5.1, peacesciencer, UN ideal points, COW war 4.0, MID 5.0, rivalries, contiguity, NMC,
capitals). The pool, labels and estimator are those of ``foedus backtest wars``
(:mod:`foedus.backtest.wars`): both stages are ridge logistic regressions fitted with numpy on
every COW inter-state war; scikit-learn, when installed, refits stage 1 as a cross-check and
the script stops if the coefficients differ. The out-of-sample scores are written beside the
weights (``meta.backtest``) so that the shipped file says how good it is.
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

import numpy as np

REPO = Path(__file__).resolve().parents[1]
IMPORTS = (("isard", "isard"), ("cow-states", "cow-states-2016"), ("atop", "atop-5.1"),
           ("peacesciencer", "peacesciencer"), ("ideal-points", "un-ideal-points-2025"),
           ("war", "cow-war-4.0"), ("mid", "cow-mid-5.0"), ("rivalries", "rivalries"),
           ("contiguity", "cow-contiguity-3.2"), ("nmc", "cow-nmc-6.0"),
           ("capitals", "capitals"))


def import_data(data: Path, home: Path) -> None:
    env = {**os.environ, "FOEDUS_HOME": str(home), "PYTHONPATH": str(REPO / "src")}
    for name, folder in IMPORTS:
        subprocess.run([sys.executable, "-m", "foedus", "data", "import", name,
                        str(data / folder)], check=True, env=env, capture_output=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, help="folder of dataset releases to import first")
    ap.add_argument("--out", type=Path,
                    default=REPO / "src" / "foedus" / "scenario" / "entry_params.json")
    args = ap.parse_args()
    if args.data is not None:
        home = Path(tempfile.mkdtemp(prefix="foedus-fit-entry-"))
        import_data(args.data, home)
        os.environ["FOEDUS_HOME"] = str(home)
    sys.path.insert(0, str(REPO / "src"))
    import foedus
    from foedus.backtest.wars import (
        C_SIDE,
        backtest,
        build_pool,
        fit_entry_model,
        mid_side_rows,
    )
    from foedus.scenario.entry import ENTER_FEATURES

    session = foedus.open()
    pool = build_pool(session)
    mids = mid_side_rows(session)
    ans = backtest(pool, mids=mids)
    model = fit_entry_model(pool, mids, meta={
        "fitted": dt.date.today().isoformat(),
        "data": "COW Inter-State War 4.0; ATOP 5.1 and the registry (commitment graph); "
                "peacesciencer 1.2.9 (NMC 7.0, capitals, contiguity, majors, rivalries, "
                "ATOP dyad-years); UN ideal points (July 2025); COW MID 5.0",
        "rows": pool.height, "joiners": int(pool["y"].sum()),
        "wars": int(pool["warnum"].n_unique()),
        "c_side": C_SIDE,
        "backtest": {k: {"model": {m: v["model"][m] for m in ("auc", "brier", "brier_skill")},
                         "naive": {m: v["naive"][m] for m in ("auc", "brier", "brier_skill")},
                         "side_accuracy": v["side_accuracy"],
                         "c_enter_chosen": v["c_enter_chosen"]}
                     for k, v in ans.splits.items()},
    })
    try:
        from sklearn.linear_model import LogisticRegression
    except ImportError:  # pragma: no cover - the dev extra has it
        pass
    else:
        x = pool.select(ENTER_FEATURES).to_numpy().astype(float)
        sd = x.std(0)
        sd[sd == 0] = 1
        lr = LogisticRegression(C=model.meta["c_enter"], max_iter=5000, tol=1e-10).fit(
            (x - x.mean(0)) / sd, pool["y"].to_numpy())
        diff = np.max(np.abs(lr.coef_[0] / sd - np.asarray(model.enter.coef)))
        print(f"scikit-learn cross-check: largest coefficient difference {diff:.2e}")
        if diff > 1e-2:
            raise SystemExit("numpy and scikit-learn fits disagree")
    args.out.write_text(json.dumps(model.to_json(), indent=1) + "\n")
    print(json.dumps(model.meta["backtest"], indent=1))
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
