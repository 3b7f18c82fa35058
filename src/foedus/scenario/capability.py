"""Strength brought to the war: COW CINC scores, and the same projected over distance.

Why: "who would come, with how much strength?" A state's share of world material capabilities
(the COW National Material Capabilities CINC score) is the standard measure; a distant state
brings less of it to the theatre. The projection is Bueno de Mesquita's loss-of-strength
gradient, ``CINC ** log10(d / m + (10 - e))`` with ``d`` the miles between the state's capital
and the theatre (the capital of the attack's target, the nearest one when there are several),
``m`` the miles a state can move power a day's march — 250 before 1918, 375 in 1918–1945, 500
after — and ``e`` = 2.71828 (as EUGene writes it). With ``d = 0`` the exponent is log10(10 − e) < 1.

CINC and capitals come from the imported researcher datasets (peacesciencer's NMC 7.0 and COW
capitals, or NMC 6.0); a state's latest CINC year up to the scenario's year is used (NMC ends
before today: the year used is reported). When neither is imported, capability is reported as
unknown, never guessed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt
import polars as pl

from foedus.datasets.geography import vincenty_sphere_km
from foedus.errors import FoedusError

if TYPE_CHECKING:
    from foedus.store.inputs import Inputs

__all__ = ["Capability", "capability", "gradient_miles", "projected_to_each"]

MILES_PER_KM = 1 / 1.609344
E = 2.71828


def gradient_miles(day: dt.date) -> float:
    """``m`` of the loss-of-strength gradient for a day (250 / 375 / 500 miles)."""
    if day.year < 1918:
        return 250.0
    if day.year < 1946:
        return 375.0
    return 500.0


@dataclasses.dataclass(frozen=True)
class Capability:
    """CINC per state (NaN when unknown), projected CINC, and what they were read from."""

    cinc: npt.NDArray[np.float64]
    projected: npt.NDArray[np.float64]
    miles: npt.NDArray[np.float64]
    year: int | None
    datasets: tuple[str, ...]
    known: bool
    note: str = ""


def capability(inputs: Inputs | None, states: npt.NDArray[np.int64], day: dt.date,
               theatres: list[int]) -> Capability:
    """Capability of ``states`` on ``day``, projected to the nearest of ``theatres``."""
    n = len(states)
    nan = np.full(n, np.nan)
    if inputs is None:
        return Capability(nan, nan, nan, None, (), False, "no dataset inputs")
    try:
        ds, tb, nmc = inputs.first(("peacesciencer", "cow_nmc"), ("nmc", "nmc"))
    except FoedusError:
        return Capability(nan, nan, nan, None, (), False,
                          "NMC is not imported (`foedus data import peacesciencer PATH`)")
    nmc = nmc.select(pl.col("ccode").cast(pl.Int64), pl.col("year").cast(pl.Int64),
                     pl.col("cinc").cast(pl.Float64))
    nmc = nmc.filter((pl.col("cinc") >= 0) & (pl.col("year") <= day.year))
    latest = nmc.sort("year").group_by("ccode").last()
    year = int(latest["year"].max()) if latest.height else None  # type: ignore[arg-type]
    lookup = dict(zip(latest["ccode"].to_list(), latest["cinc"].to_list(), strict=True))
    cinc = np.array([lookup.get(int(s), np.nan) for s in states], dtype=float)
    datasets = [f"{ds}/{tb}"]
    miles = nan.copy()
    projected = nan.copy()
    note = ""
    try:
        caps = inputs.table("peacesciencer", "cow_capitals")
    except FoedusError:
        caps = None
        note = "capitals not imported: projected capability unknown"
    if caps is not None:
        datasets.append("peacesciencer/cow_capitals")
        where = _capitals(caps, day)

        th = [where[t] for t in theatres if t in where]
        if th:
            lat, lng = _latlng(where, states)
            miles = np.stack([vincenty_sphere_km(lat, lng, np.full(n, a), np.full(n, b))
                              for a, b in th]).min(axis=0) * MILES_PER_KM
            projected = _project(cinc, miles, day)
    return Capability(cinc, projected, miles, year, tuple(datasets), True, note)


def projected_to_each(inputs: Inputs | None, states: npt.NDArray[np.int64],
                      day: dt.date) -> tuple[Capability, npt.NDArray[np.float64]]:
    """Capability of ``states`` and the matrix ``states × theatres`` of each state's CINC
    projected to each state's capital (the theatre of a war on that state): every war of a
    sweep's day at once. NaN where CINC or a capital is unknown."""
    cap = capability(inputs, states, day, [])
    n = len(states)
    proj = np.full((n, n), np.nan)
    if not cap.known or inputs is None:
        return cap, proj
    try:
        caps = inputs.table("peacesciencer", "cow_capitals")
    except FoedusError:
        return cap, proj

    lat, lng = _latlng(_capitals(caps, day), states)
    miles = vincenty_sphere_km(lat[:, None], lng[:, None], lat[None, :], lng[None, :]) \
        * MILES_PER_KM
    return cap, _project(cap.cinc[:, None], miles, day)


def _latlng(where: dict[int, tuple[float, float]], states: npt.NDArray[np.int64]
            ) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """Latitude and longitude of each state's capital (NaN when unknown)."""
    lat = np.array([where.get(int(s), (np.nan, np.nan))[0] for s in states])
    lng = np.array([where.get(int(s), (np.nan, np.nan))[1] for s in states])
    return lat, lng


def _project(cinc: npt.NDArray[np.float64], miles: npt.NDArray[np.float64],
             day: dt.date) -> npt.NDArray[np.float64]:
    """The loss-of-strength gradient (module docstring): CINC ** log10(d / m + (10 - e))."""
    with np.errstate(invalid="ignore"):
        return np.asarray(cinc ** np.log10(miles / gradient_miles(day) + (10 - E)))


def _capitals(caps: pl.DataFrame, day: dt.date) -> dict[int, tuple[float, float]]:
    """Each state's capital on ``day`` (the latest spell started by then)."""
    c = caps.select(pl.col("ccode").cast(pl.Int64), "stdate", "enddate", "lat", "lng") \
        .filter(pl.col("stdate") <= day).sort("stdate")
    inside = c.filter(pl.col("enddate") >= day)
    last = c.group_by("ccode").last()
    out = {int(r[0]): (float(r[3]), float(r[4])) for r in last.iter_rows()}
    out.update({int(r[0]): (float(r[3]), float(r[4])) for r in inside.iter_rows()})
    return out
