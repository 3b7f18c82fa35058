"""Feature arrays for the credibility and joining models: one row per (state, other) pair.

Why: the cascade asks, for hundreds of pairs at one date, "how strong is A at B's door, are
they neighbours, rivals, aligned?". This module answers from the researcher datasets the
store has imported, through the same ``foedus.datasets`` verbs a researcher uses (so a
feature here is exactly the column a dyad-year frame would carry), turned into dense
per-year matrices that are built once per (dataset, year) and then gathered with numpy.

Coverage: each dataset ends somewhere (contiguity 2016, NMC 7.0 2022, capitals 2024, majors
2016, rivalries 2010, ATOP 2018, UN ideal points 1946-2023: the one coverage table,
:data:`foedus.model.schema.COVERAGE`, except for the release-dependent NMC and capitals).
Past its end the last known year
is used and :attr:`PairFeatures.coverage` records the year actually read, with a sentence in
:attr:`PairFeatures.notes`. A dataset that is not imported gives NaN columns and a note; the
models then drop that factor (its contribution is 0) and say so.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt
import polars as pl

from foedus.datasets import (
    Inputs,
    add_alliance_similarity,
    add_alliances,
    add_capital_distance,
    add_contiguity,
    add_ideal_point_distance,
    add_rivalries,
    create_dyadyears,
    default_inputs,
    last_complete_year,
)
from foedus.datasets.capabilities import nmc_table
from foedus.errors import FoedusError
from foedus.model.schema import COVERAGE

__all__ = [
    "KM_PER_MILE",
    "PairFeatures",
    "FeatureBuilder",
    "pair_features",
    "loss_of_strength",
    "mobility_miles_per_day",
]

F = npt.NDArray[np.float64]
KM_PER_MILE = 1.609344
E = 2.71828  # as EUGene writes it

# dataset -> (first year, last year) from the one coverage table (foedus.model.schema); the
# others (capabilities, capitals) depend on the release imported and are read from it
_FIXED = {name: COVERAGE[name] for name in
          ("contiguity", "majors", "rivalries", "alliances", "similarity", "ideal")}


def mobility_miles_per_day(year: int) -> float:
    """Bueno de Mesquita's (1981) miles-per-day of military movement, by era (EUGene)."""
    if year < 1918:
        return 250.0
    if year <= 1945:
        return 375.0
    return 500.0


def loss_of_strength(cinc: F, miles: F, contiguous: F, year: int) -> F:
    """CINC projected over distance: ``cinc ** log10(d / m + (10 - e))``.

    ``d`` is the capital-to-capital distance in miles, taken as 0 for land-contiguous
    states; ``m`` the era's miles per day. A larger exponent means less strength arrives
    (CINC is below 1). NaN where CINC or distance is unknown.
    """
    d = np.where(contiguous == 1, 0.0, miles)
    expo = np.log10(d / mobility_miles_per_day(year) + (10 - E))
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.power(cinc, expo)


@dataclass
class PairFeatures:
    """Features of pairs ``(a[i], b[i])`` on one date; every array has one value per pair.

    NaN means unknown (dataset not imported, state not in it, or outside its years).
    """

    a: npt.NDArray[np.int64]
    b: npt.NDArray[np.int64]
    year: int
    land_contiguous: F  # 1 when a and b share a land border (COW conttype 1)
    conttype: F  # COW direct contiguity type: 0 none, 1 land, 2-5 across water
    capdist_km: F  # km between capitals
    cinc_a: F
    cinc_b: F
    major_a: F  # COW major power
    major_b: F
    rival: F  # Thompson-Dreyer strategic rivalry
    pledge_ab: F  # ATOP defense or offense pledge a owes b
    allied: F  # any ATOP alliance between a and b (any obligation, either direction)
    s_weighted: F  # alliance-portfolio similarity S (weighted by CINC)
    kappa: F  # Cohen's kappa of alliance portfolios
    ideal_distance: F  # |UN ideal point a - b|, 1946 on
    projected_cinc_a: F  # a's CINC projected to b (loss-of-strength gradient)
    projected_cinc_b: F
    coverage: dict[str, int | None] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def row(self, i: int) -> dict[str, float]:
        """The features of pair ``i`` as a dict (NaN for unknown)."""
        names = ("land_contiguous", "conttype", "capdist_km", "cinc_a", "cinc_b", "major_a",
                 "major_b", "rival", "pledge_ab", "allied", "s_weighted", "kappa",
                 "ideal_distance", "projected_cinc_a", "projected_cinc_b")
        return {n: float(getattr(self, n)[i]) for n in names}


@dataclass
class _Layer:
    """One dataset's values for one year: matrices/vectors indexed by position of ccode."""

    year: int | None  # the data year read; None when unavailable
    pos: npt.NDArray[np.int64]  # ccode -> row (or -1)
    mats: dict[str, F]
    vecs: dict[str, F]
    note: str | None = None


class FeatureBuilder:
    """Builds and caches per-year feature layers from a set of :class:`Inputs`.

    One builder per store; ``default()`` returns a process-wide one over the configured
    store. Thread-safe; a year's layers are built on first use (a few hundred ms) and then
    every call for that year is a numpy gather.
    """

    _default: FeatureBuilder | None = None

    def __init__(self, inputs: Inputs | None = None) -> None:
        self.inputs = inputs or default_inputs()
        self._layers: dict[tuple[str, int], _Layer] = {}
        self._members: dict[int, npt.NDArray[np.int64]] = {}
        self._lock = threading.RLock()

    @classmethod
    def default(cls) -> FeatureBuilder:
        if cls._default is None:
            cls._default = FeatureBuilder()
        return cls._default

    # -- coverage -------------------------------------------------------------------------
    def _bounds(self, name: str) -> tuple[int, int] | None:
        """First and last year the dataset feeding ``name`` covers, None if not imported."""
        try:
            if name in _FIXED:
                self._probe(name)
                return _FIXED[name]
            if name == "capabilities":
                _, _, nmc = nmc_table(self.inputs, "7.0")
                return int(nmc["year"].min()), int(nmc["year"].max())  # type: ignore[arg-type]
            if name == "capitals":
                caps = self.inputs.table("peacesciencer", "cow_capitals")
                end = caps["enddate"].cast(pl.Date).max()
                return 1816, min(int(end.year), last_complete_year())  # type: ignore[union-attr]
        except FoedusError:
            return None
        raise KeyError(name)

    def _probe(self, name: str) -> None:
        if name == "contiguity":
            self.inputs.first(("peacesciencer", "cow_contdir"), ("contiguity", "contdir"))
        elif name == "majors":
            self.inputs.first(("peacesciencer", "cow_majors"), ("cow-states", "majors"))
        elif name == "rivalries":
            self.inputs.first(("peacesciencer", "td_rivalries"))
        elif name == "ideal":  # the all-votes estimate: its 2024 is empty in July 2025's file
            self.inputs.first(("ideal-points", "ideal_points"))
        else:  # alliances, similarity
            self.inputs.first(("atop", "ddy"), ("peacesciencer", "atop_alliance"))
            if name == "similarity":
                nmc_table(self.inputs, "7.0")

    # -- layers ---------------------------------------------------------------------------
    def layer(self, name: str, year: int) -> _Layer:
        """The layer of dataset ``name`` for ``year`` (clamped to its coverage), cached."""
        with self._lock:
            key = (name, year)
            if key not in self._layers:
                self._layers[key] = self._build(name, year)
            return self._layers[key]

    def _build(self, name: str, year: int) -> _Layer:
        empty = _Layer(None, np.full(1000, -1, np.int64), {}, {})
        bounds = self._bounds(name)
        if bounds is None:
            empty.note = f"{name}: dataset not imported; factor unavailable"
            return empty
        first, last = bounds
        if year < first:
            empty.note = f"{name}: covers {first}-{last}; none for {year}"
            return empty
        used = min(year, last, last_complete_year())
        note = (f"{name}: covers {first}-{last}; the last known year {used} is used for {year}"
                if used != year else None)
        try:
            if name == "capabilities":
                out = self._state_vector(used, self._nmc)
            elif name == "majors":
                out = self._majors(used)
            else:
                out = self._dyad_layer(name, used)
        except FoedusError as exc:
            empty.note = f"{name}: unavailable ({exc})"
            return empty
        out.year, out.note = used, note
        return out

    def _nmc(self, year: int) -> dict[str, tuple[npt.NDArray[np.int64], F]]:
        _, _, nmc = nmc_table(self.inputs, "7.0")
        y = nmc.filter(pl.col("year") == year)
        return {"cinc": (y["ccode"].to_numpy().astype(np.int64),
                         y["cinc"].fill_null(np.nan).to_numpy().astype(np.float64))}

    def _state_vector(self, year: int,
                      get: Callable[[int], dict[str, tuple[npt.NDArray[np.int64], F]]]) -> _Layer:
        data = get(year)
        codes = np.unique(np.concatenate([c for c, _ in data.values()]))
        pos = np.full(1000, -1, np.int64)
        pos[codes] = np.arange(codes.size)
        vecs = {}
        for k, (c, v) in data.items():
            arr = np.full(codes.size, np.nan)
            arr[pos[c]] = v
            vecs[k] = arr
        return _Layer(year, pos, {}, vecs)

    def _majors(self, year: int) -> _Layer:
        # every system member of the year, 1 when a COW major power, else 0
        sys_codes = self._system(year)
        _, _, raw = self.inputs.first(("peacesciencer", "cow_majors"), ("cow-states", "majors"))
        sel = raw.filter((pl.col("styear") <= year) & (pl.col("endyear") >= year))
        maj = np.unique(sel["ccode"].cast(pl.Int64).to_numpy())
        codes = np.union1d(sys_codes, maj)
        pos = np.full(1000, -1, np.int64)
        pos[codes] = np.arange(codes.size)
        v = np.zeros(codes.size)
        v[pos[maj]] = 1.0
        return _Layer(year, pos, {}, {"major": v})

    def members(self, year: int) -> npt.NDArray[np.int64]:
        """COW codes of the state-system members in ``year`` (isard spells), sorted."""
        year = min(year, last_complete_year())
        with self._lock:
            if year not in self._members:
                self._members[year] = self._system(year)
            return self._members[year]

    def _system(self, year: int) -> npt.NDArray[np.int64]:
        frame = self._frame(year)
        return np.unique(frame["ccode1"].to_numpy().astype(np.int64))

    def _frame(self, year: int) -> pl.DataFrame:
        return create_dyadyears("cow", True, [year], inputs=self.inputs).df

    _VERBS: dict[str, tuple[Callable[..., Any], tuple[str, ...]]] = {
        "contiguity": (add_contiguity, ("conttype",)),
        "capitals": (add_capital_distance, ("capdist",)),
        "rivalries": (add_rivalries, ("td_rival",)),
        "alliances": (add_alliances, ("atop_defense", "atop_offense", "atop_alliance")),
        "similarity": (add_alliance_similarity, ("s_weighted", "kappa")),
        "ideal": (add_ideal_point_distance, ("un_ideal_distance",)),
    }

    def _dyad_layer(self, name: str, year: int) -> _Layer:
        verb, cols = self._VERBS[name]
        base = create_dyadyears("cow", True, [year], inputs=self.inputs)
        df = verb(base, inputs=self.inputs).df
        c1 = df["ccode1"].to_numpy().astype(np.int64)
        c2 = df["ccode2"].to_numpy().astype(np.int64)
        codes = np.union1d(c1, c2)
        pos = np.full(1000, -1, np.int64)
        pos[codes] = np.arange(codes.size)
        n = codes.size
        mats = {}
        for c in cols:
            m = np.full((n, n), np.nan)
            m[pos[c1], pos[c2]] = df[c].cast(pl.Float64).fill_null(np.nan).to_numpy()
            mats[c] = m
        return _Layer(year, pos, mats, {})

    # -- gathering ------------------------------------------------------------------------
    @staticmethod
    def _gather_mat(layer: _Layer, col: str, a: npt.NDArray[np.int64],
                    b: npt.NDArray[np.int64]) -> F:
        if layer.year is None:
            return np.full(a.size, np.nan)
        ia, ib = layer.pos[a], layer.pos[b]
        ok = (ia >= 0) & (ib >= 0)
        out = np.full(a.size, np.nan)
        out[ok] = layer.mats[col][ia[ok], ib[ok]]
        return out

    @staticmethod
    def _gather_vec(layer: _Layer, col: str, a: npt.NDArray[np.int64]) -> F:
        if layer.year is None:
            return np.full(a.size, np.nan)
        ia = layer.pos[a]
        out = np.full(a.size, np.nan)
        ok = ia >= 0
        out[ok] = layer.vecs[col][ia[ok]]
        return out

    def pairs(self, pairs: Sequence[tuple[int, int]] | npt.NDArray[np.int64],
              on: dt.date | int) -> PairFeatures:
        """Features of each ``(a, b)`` COW-code pair on day ``on`` (or in year ``on``)."""
        year = on if isinstance(on, int) else on.year
        arr = np.asarray(pairs, dtype=np.int64).reshape(-1, 2)
        a, b = arr[:, 0], arr[:, 1]
        if a.size and (a.min() < 0 or max(a.max(), b.max()) >= 1000):
            raise ValueError("COW codes must be between 0 and 999")
        L = {n: self.layer(n, year) for n in ("contiguity", "capitals", "capabilities",
                                               "majors", "rivalries", "alliances",
                                               "similarity", "ideal")}
        conttype = self._gather_mat(L["contiguity"], "conttype", a, b)
        land = np.where(np.isnan(conttype), np.nan, (conttype == 1).astype(np.float64))
        capdist = self._gather_mat(L["capitals"], "capdist", a, b)
        cinc_a = self._gather_vec(L["capabilities"], "cinc", a)
        cinc_b = self._gather_vec(L["capabilities"], "cinc", b)
        defense = self._gather_mat(L["alliances"], "atop_defense", a, b)
        offense = self._gather_mat(L["alliances"], "atop_offense", a, b)
        pledge = np.fmax(defense, offense)
        allied = np.fmax(self._gather_mat(L["alliances"], "atop_alliance", a, b),
                         self._gather_mat(L["alliances"], "atop_alliance", b, a))
        miles = capdist / KM_PER_MILE
        # the loss-of-strength gradient wants "0 if land-contiguous": unknown contiguity
        # is read as not contiguous (the distance then decides)
        contig = np.nan_to_num(land)
        cov = {n: lay.year for n, lay in L.items()}
        notes = [lay.note for lay in L.values() if lay.note]
        if year < 1946:
            notes = [n for n in notes if not n.startswith("ideal")]
        return PairFeatures(
            a=a, b=b, year=year,
            land_contiguous=land, conttype=conttype, capdist_km=capdist,
            cinc_a=cinc_a, cinc_b=cinc_b,
            major_a=self._gather_vec(L["majors"], "major", a),
            major_b=self._gather_vec(L["majors"], "major", b),
            rival=self._gather_mat(L["rivalries"], "td_rival", a, b),
            pledge_ab=pledge,
            allied=allied,
            s_weighted=self._gather_mat(L["similarity"], "s_weighted", a, b),
            kappa=self._gather_mat(L["similarity"], "kappa", a, b),
            ideal_distance=self._gather_mat(L["ideal"], "un_ideal_distance", a, b),
            projected_cinc_a=loss_of_strength(cinc_a, miles, contig, year),
            projected_cinc_b=loss_of_strength(cinc_b, miles, contig, year),
            coverage=cov, notes=notes,
        )


def pair_features(pairs: Sequence[tuple[int, int]] | npt.NDArray[np.int64],
                  on: dt.date | int, *, inputs: Inputs | None = None) -> PairFeatures:
    """Features of ``(a, b)`` pairs on a day, from the configured store (or ``inputs``)."""
    builder = FeatureBuilder(inputs) if inputs is not None else FeatureBuilder.default()
    return builder.pairs(pairs, on)


def log_or_nan(x: F) -> F:
    """``log10`` with NaN for non-positive values (for CINC-like inputs)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(x > 0, np.log10(x), np.nan)

