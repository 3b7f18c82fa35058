"""Measure foedus's threat ranking out of sample (docs/threats.md).

Run, with every dataset imported into the store foedus uses::

    python scripts/eval_threats.py --from 1990 --to 2023 --horizon 3

It prints, by era and overall, the AUC of foedus's ranking, of the ranking with the reach rule
and of the naive rule (contiguity + any recorded dispute), and the precision and recall of the
list foedus prints (score >= 0.5 and reach). See :mod:`foedus.advise.threats_eval`.
"""

from __future__ import annotations

import argparse
import json

from foedus.advise.threats_eval import evaluate
from foedus.session import Session

COLS = ["era", "pairs", "onsets", "auc_foedus", "auc_foedus_reach", "auc_naive", "listed",
        "precision_listed", "recall_listed", "base_rate"]


def main() -> None:
    ap = argparse.ArgumentParser(description="foedus threat ranking, out of sample")
    ap.add_argument("--from", dest="start", type=int, default=1990)
    ap.add_argument("--to", dest="end", type=int, default=2023)
    ap.add_argument("--horizon", type=int, default=3, help="years after each as-of day")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    with Session() as session:
        report = evaluate(session, args.start, args.end, args.horizon)
    if args.json:
        print(json.dumps(report, indent=2))
        return
    print("\t".join(COLS))
    for r in report:
        print("\t".join(str(r[c]) for c in COLS))


if __name__ == "__main__":
    main()
