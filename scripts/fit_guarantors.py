"""Fit the guarantor weights on COW's wars and write ``advise/guarantor_weights.json``.

Run from the repository root with every dataset imported (``foedus data import ...``):

    PYTHONPATH=src python scripts/fit_guarantors.py

It runs ``foedus backtest guarantors`` (the same code), keeps the model fitted on every case
(ridge chosen by leave-one-war-out AUC) and writes its weights, intercept and the
out-of-sample figures it was judged on. docs/guarantors.md ("Backtest") explains them.
"""

from __future__ import annotations

import json
from pathlib import Path

from foedus.backtest.guarantors import backtest_guarantors
from foedus.session import Session

OUT = Path(__file__).resolve().parents[1] / "src" / "foedus" / "advise" / "guarantor_weights.json"
CREDIBLE = 0.5  # a credible guarantor is more likely than not to fight for the target


def main() -> None:
    with Session() as s:
        ans = backtest_guarantors(s)
    doc = {**ans.model.to_json(), "ridge": ans.ridge, "credible": CREDIBLE,
           "fitted_on": [c.warnum for c in ans.cases],
           "out_of_sample": ans.to_json()["splits"],
           "honoured_alliances": ans.reliability,
           "command": "PYTHONPATH=src python scripts/fit_guarantors.py"}
    OUT.write_text(json.dumps(doc, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
