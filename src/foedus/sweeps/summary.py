"""Systemic indices of a sweep.

Per state and date: ``exposure`` — the expected number of wars it is drawn into as a third
party (the sum of its ``p_enter`` over every pair in which it is neither attacker nor target);
``patronage`` — how many targets it would defend (targets for which it enters on the
defender's side against at least one attacker, in at least one simulated war: a promise of
its can bring it into that target's defence); ``exposure_share`` — exposure
over the number of pairs. And the pairs with the largest expected war.

:func:`summarise_sweep` reads a sweep's files and answers ``foedus sweep summary`` (the CLI
only prints the :class:`SweepSummary`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl

from foedus.errors import InvalidInputError
from foedus.model.states import StateSystem
from foedus.sweeps.api import read_pair_summary, read_sweep

__all__ = ["indices", "largest_wars", "SweepSummary", "summarise_sweep"]


def indices(long: pl.DataFrame) -> pl.DataFrame:
    third = long.filter(pl.col("first_round") > 0)
    npairs = long.filter(pl.col("first_round") == 0, pl.col("side") == "attacker").group_by(
        "date").len("pairs")
    exp = third.group_by("date", "state").agg(pl.col("p_enter").sum().alias("exposure"))
    pat = (third.filter(pl.col("side") == "defender", pl.col("p_enter") > 0)
           .group_by("date", "state").agg(pl.col("target").n_unique().alias("patronage")))
    return (exp.join(pat, on=["date", "state"], how="left")
            .join(npairs, on="date")
            .with_columns(pl.col("patronage").fill_null(0),
                          (pl.col("exposure") / pl.col("pairs")).alias("exposure_share"))
            .drop("pairs")
            .sort(["date", "exposure", "state"], descending=[False, True, False]))


def largest_wars(pairs: pl.DataFrame, n: int = 10) -> pl.DataFrame:
    return pairs.sort(["expected_war_size", "attacker", "target"],
                      descending=[True, False, False]).head(n)


@dataclass(frozen=True)
class SweepSummary:
    """A sweep's systemic indices on one day: the most exposed states and the largest wars."""

    day: dt.date
    pairs: int
    exposure: pl.DataFrame
    largest: pl.DataFrame
    states: StateSystem

    def abb(self, code: int) -> str:
        """The state's abbreviation (its code when outside the state list)."""
        try:
            return str(self.states.by_code(int(code)).abb)
        except Exception:  # noqa: BLE001 - a code outside the state list
            return str(code)

    def to_json(self) -> dict[str, Any]:
        return {
            "date": str(self.day), "pairs": self.pairs,
            "exposure": [{"state": int(r["state"]), "abb": self.abb(r["state"]),
                          "exposure": r["exposure"], "patronage": r["patronage"],
                          "exposure_share": r["exposure_share"]}
                         for r in self.exposure.iter_rows(named=True)],
            "largest_wars": [{"attacker": int(r["attacker"]), "target": int(r["target"]),
                              "expected_war_size": r["expected_war_size"],
                              "expected_defenders": r["expected_defenders"]}
                             for r in self.largest.iter_rows(named=True)],
        }


def summarise_sweep(path: str | Path, states: StateSystem, *, top: int = 15,
                    day: dt.date | None = None) -> SweepSummary:
    """The indices of the sweep file ``path`` (written by ``foedus sweep -o``) on ``day``
    (default: its last date), ``top`` states and wars.

    Raises
    ------
    foedus.errors.InvalidInputError
        The file holds no sweep of ``day``.
    foedus.errors.DataError
        The file (or its pairs file) is not a sweep.
    """
    long, pairs = read_sweep(path), read_pair_summary(path)
    top = min(top, max(pairs.height, long.height))  # polars' head() overflows past 2**63
    when: dt.date = day if day is not None else long["date"].max()  # type: ignore[assignment]
    dates = long["date"].unique().sort()
    if when not in dates:
        shown = ", ".join(str(d) for d in dates.head(5).to_list())
        raise InvalidInputError(f"{path} holds no sweep of {when}; its {dates.len()} date(s): "
                                f"{shown}{' ...' if dates.len() > 5 else ''}")
    long = long.filter(pl.col("date") == when)
    pairs = pairs.filter(pl.col("date") == when)
    return SweepSummary(when, pairs.height, indices(long).head(top), largest_wars(pairs, top),
                        states)
