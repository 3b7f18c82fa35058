"""Write a canonical JSON snapshot of a fixed set of foedus answers.

Why: a refactor that claims "behaviour unchanged" needs evidence. This script opens foedus on
a fresh store, imports the release folders it is given through the project's own importer
(``foedus data import``, the command a user runs), asks a fixed set of questions — defenders,
commitments, a seeded scenario, guarantors, a small sweep of one day, dyad-years with ``add_*``
verbs, status, instruments, diff — and writes every answer's JSON with sorted keys. Run it
before and after a change and compare the two files byte for byte (``cmp``).

Usage::

    FOEDUS_SHARED_DATA=/path/to/releases python scripts/snapshot_answers.py OUT.json

``$FOEDUS_SHARED_DATA`` holds one folder per release (``atop-5.1``, ``isard``,
``peacesciencer``, ``un-ideal-points-2025``, ``cow-mid-5.0``). The store is built in a
temporary ``FOEDUS_HOME``; nothing outside it is written except ``OUT.json``.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import foedus
from foedus.sweeps.api import sweep

# The releases imported, by dataset name -> folder under $FOEDUS_SHARED_DATA.
RELEASES = (("atop", "atop-5.1"), ("isard", "isard"), ("peacesciencer", "peacesciencer"),
            ("ideal-points", "un-ideal-points-2025"), ("mid", "cow-mid-5.0"))


def _plain(value: Any) -> Any:
    """A JSON-able copy: dates as ISO text, NaN as null, tuples as lists."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):  # numpy scalars
        return _plain(value.item())
    return value


def _frame(frame: Any) -> dict[str, Any]:
    """A polars frame as its columns, dtypes and rows, sorted for a canonical order."""
    df = frame.sort(frame.columns)
    return {"columns": df.columns, "dtypes": [str(t) for t in df.dtypes],
            "rows": _plain(df.rows())}


def _rounded(value: Any, digits: int = 12) -> Any:
    """Floats to ``digits`` significant digits: polars sums a group's values in no fixed
    order (threads), so the last bits of a group sum vary from run to run."""
    if isinstance(value, dict):
        return {k: _rounded(v, digits) for k, v in value.items()}
    if isinstance(value, list):
        return [_rounded(v, digits) for v in value]
    if isinstance(value, float):
        return float(f"{value:.{digits}g}")
    return value


def _import(home: Path, shared: Path) -> None:
    env = {**os.environ, "FOEDUS_HOME": str(home)}
    for name, folder in RELEASES:
        subprocess.run([sys.executable, "-m", "foedus", "data", "import", name,
                        str(shared / folder), "--json"], check=True, env=env,
                       stdout=subprocess.DEVNULL)


def answers() -> dict[str, Any]:
    """Every answer of the snapshot, keyed by a name that says what was asked."""
    out: dict[str, Any] = {}
    with foedus.open() as fx:
        out["defenders EST RUS 2025-01-01"] = fx.defenders("EST", "RUS", "2025-01-01").to_json()
        out["defenders BEL GMY 1914-08-03"] = fx.defenders("BEL", "GMY", "1914-08-03").to_json()
        out["commitments UKR 2014-02-20"] = fx.commitments("UKR", "2014-02-20").to_json()
        out["status UKR"] = fx.status("UKR").to_json()
        out["instruments state=EST on=2025-01-01"] = fx.instruments(
            state="EST", on="2025-01-01").to_json()
        out["instrument nato"] = fx.instrument(
            "nato").to_json()
        out["diff 2013-01-01 2025-01-01 UKR"] = fx.diff("2013-01-01", "2025-01-01",
                                                        state="UKR").to_json()
        out["forums FRN GMY 2025-01-01"] = fx.forums("FRN", "GMY", "2025-01-01").to_json()
        spec = {"date": "2025-01-01", "attacks": [{"attacker": "RUS", "target": "EST"}]}
        out["scenario RUS EST 2025-01-01 draws=1000 seed=7"] = fx.scenario(spec).run(
            draws=1000, seed=7).to_json()
        out["scenario RUS EST 2025-01-01 resolve"] = fx.scenario(spec).resolve().to_json()
        out["guarantors UKR 2025-01-01 draws=200"] = fx.guarantors(
            "UKR", "2025-01-01", draws=200, seed=7).to_json()
        pairs = [(365, 366), (365, 369), (2, 365), (710, 713), (630, 666)]
        result = sweep(fx, [dt.date(2025, 1, 1)], draws=200, seed=7, pairs=pairs)
        out["sweep 2025-01-01 five pairs draws=200 seed=7"] = {
            "long": _frame(result.long), "pairs": _rounded(_plain(_frame(result.pairs))),
            "partitions": result.partitions}
        for years in ("1870", "1914", "1950"):
            frame = fx.dataset("dyad_year", years=years,
                               add=["alliances", "capabilities", "contiguity",
                                    "capital_distance", "majors", "alliance_similarity",
                                    "ideal_point_distance", "rivalries", "wars"])
            out[f"dyad_year {years} all verbs"] = _frame(frame.to_polars())
            out[f"dyad_year {years} metadata"] = frame.metadata()
        out["state_year 1914 capabilities majors"] = _frame(fx.dataset(
            "state_year", years="1914", add=["capabilities", "majors"]).to_polars())
    return _plain(out)  # type: ignore[no-any-return]


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit("usage: snapshot_answers.py OUT.json")
    shared = Path(os.environ["FOEDUS_SHARED_DATA"])
    with tempfile.TemporaryDirectory(prefix="foedus-snapshot-") as tmp:
        home = Path(tmp)
        os.environ["FOEDUS_HOME"] = str(home)
        os.environ.pop("FOEDUS_STORE", None)
        _import(home, shared)
        data = answers()
    Path(sys.argv[1]).write_text(json.dumps(data, sort_keys=True, indent=1) + "\n")


if __name__ == "__main__":
    main()
