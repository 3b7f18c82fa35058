"""The entry model over every attacker-target pair of a day: the expected-defender dataset.

Why: ``add_expected_defenders`` asks, for every dyad-year, how likely ``ccode2`` is to fight
on ``ccode1``'s side if ``ccode1`` is attacked — averaged over every possible attacker. With
the entry model (:mod:`foedus.scenario.entry`) that is, for each day, one forecast per
(attacker, target, candidate): about 190³ ≈ 7 million for the present system. Calling
:func:`~foedus.scenario.entry.entry_frame` per pair would take half an hour per day; here the
same features are built once per day as dense matrices (state × state) and each attacker's
targets × candidates are scored in one numpy step (a few seconds per day).

The features are exactly :func:`~foedus.scenario.entry.entry_frame`'s for one attacker and
one target (``tests/sweeps/test_entry_sweep.py`` compares them pair by pair), including the
forfeiture of what a state owes an attacker under an instrument the attacker shares with its
target.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt
import polars as pl

from foedus.errors import FoedusError
from foedus.model.schema import BINDING
from foedus.scenario.entry import (
    DEFENSE_KINDS,
    ENTER_FEATURES,
    MID_YEARS,
    SIDE_FEATURES,
    EntryModel,
    load_entry_model,
    mid_pairs,
    system_on,
    war_history,
)
from foedus.scenario.features import KM_PER_MILE, FeatureBuilder, loss_of_strength

if TYPE_CHECKING:
    from foedus.datasets import Inputs
    from foedus.graph import CommitmentGraph
    from foedus.session import Session

__all__ = ["EntryDay", "entry_day", "expected_defenders", "yearly_expected_defenders"]

F = npt.NDArray[np.float64]
B = npt.NDArray[np.bool_]
CLASH_KINDS = ("defense", "guarantee", "neutrality", "nonaggression", "offense")


@dataclass
class EntryDay:
    """One day's dense inputs: ``states`` (COW codes) and matrices indexed [candidate, other]."""

    day: dt.date
    states: npt.NDArray[np.int64]
    mats: dict[str, F]
    vecs: dict[str, F]
    # target-side promises: [candidate, target]; named adversaries as (c, t, a) index triples
    promise: dict[str, B]
    named: dict[str, list[tuple[int, int, int]]]
    # promises owed to each possible attacker: a -> list of (c, kind flags, instrument, advs)
    owed: dict[int, list[tuple[int, str, str, frozenset[int], bool]]]
    partners: dict[str, dict[int, set[int]]]  # instrument -> state -> states it has edges with

    def features(self, a: int) -> tuple[npt.NDArray[np.int64], F, F]:
        """For attacker index ``a``: (target indices, stage-1 features, side features), rows
        ordered target-major over every candidate (shape targets × candidates × features);
        rows where the candidate is the attacker or the target are NaN."""
        n = self.states.size
        m, v = self.mats, self.vecs
        z = np.nan_to_num
        T = np.delete(np.arange(n), a)
        # target side, [t, c]
        def_t = self.promise["def_noadv"].T[T].copy()
        pol = self.promise["pol_noadv"].T[T].copy()
        trow = {int(t): i for i, t in enumerate(T)}
        for key, arr in (("def_named", def_t), ("pol_named", pol)):
            for c, t, aa in self.named[key]:
                if aa == a and t in trow:
                    arr[trow[t], c] = True
        pol &= ~def_t
        pledge = self.promise["pledge"].T[T]
        off_t = self.promise["off"].T[T]
        nag_t = self.promise["nag"].T[T]
        # attacker side, with forfeiture
        nt = T.size
        def_a = np.zeros((nt, n), dtype=bool)
        off_a = np.zeros((nt, n), dtype=bool)
        nag_a = np.zeros((nt, n), dtype=bool)
        clash = np.zeros((nt, n), dtype=bool)
        code_a = int(self.states[a])
        for c, kind, inst, advs, firm in self.owed.get(a, []):
            gone = self.partners.get(inst, {}).get(code_a, set())
            surv = np.array([int(self.states[t]) not in gone for t in T]) if gone else \
                np.ones(nt, dtype=bool)
            bears = surv if not advs else surv & np.isin(self.states[T], sorted(advs))
            if kind in DEFENSE_KINDS and firm:
                def_a[:, c] |= surv
            if kind == "offense":
                off_a[:, c] |= bears
            if kind in ("neutrality", "nonaggression") and firm:
                nag_a[:, c] |= surv
            if firm and kind in CLASH_KINDS:
                clash[:, c] |= bears
        land = m["land"]
        contig_t = z(land.T[T])
        contig_a = np.broadcast_to(z(land[:, a]), (nt, n))
        dist = np.fmin(m["dist"][:, a][None, :], m["dist"].T[T])
        with np.errstate(invalid="ignore", divide="ignore"):
            log_dist = np.log10(1 + dist)
            pc = np.fmax(m["proj"][:, a][None, :], m["proj"].T[T])
            proj_cap = np.where(pc > 0, np.log10(pc), np.nan)
        rival_a = m["rival"][:, a][None, :]
        rival_t = m["rival"].T[T]
        mid_a = m["mid"][:, a][None, :]
        mid_t = m["mid"].T[T]
        maj = z(v["major"])
        near_a = z(land[:, a]) > 0
        near_t = z(land.T[T]) > 0  # [t, m]
        is_maj = maj > 0
        count = ((near_t | near_a[None, :]) & is_maj[None, :]).sum(axis=1).astype(float)
        count -= is_maj[a] * (near_t[:, a] if near_t.shape[1] > a else 0)
        count -= is_maj[T] * near_a[T]
        cols = {
            "def_t": def_t, "pledge_t": pledge, "def_t_conflict": def_t & clash,
            "def_t_political": pol, "nag_any": nag_t | nag_a, "def_a": def_a, "off_a": off_a,
            "contig_t": contig_t, "contig_a": contig_a,
            "log_dist": np.nan_to_num(log_dist, nan=4.0),
            "proj_cap": np.nan_to_num(proj_cap, nan=-6.0),
            "major": np.broadcast_to(maj, (nt, n)),
            "rival_any": z(np.fmax(np.broadcast_to(rival_a, (nt, n)), rival_t)),
            "prior_joins": np.broadcast_to(v["prior_joins"], (nt, n)),
            "mid_any": np.log1p(mid_a + mid_t),
            "n_maj_contig": np.broadcast_to(count[:, None], (nt, n)),
            "contig_major": np.fmax(contig_t, contig_a)
            * (is_maj[a] | is_maj[T])[:, None].astype(float),
        }
        ka, kt = m["kappa"][:, a][None, :], m["kappa"].T[T]
        ia, it = m["ideal"][:, a][None, :], m["ideal"].T[T]
        side = {
            "d_def": def_t.astype(float) + pol - def_a,
            "d_off": off_t.astype(float) - off_a,
            "d_nag": nag_t.astype(float) - nag_a,
            "d_kappa": z(kt) - z(ka),
            "d_ideal": np.where(~np.isnan(ia) & ~np.isnan(it), z(ia) - z(it), 0.0),
            "d_rival": z(rival_a) - z(rival_t),
            "d_mid": np.log1p(mid_a) - np.log1p(mid_t),
            "d_contig": contig_t - contig_a,
        }
        xe = np.stack([np.asarray(cols[k], dtype=float) for k in ENTER_FEATURES], axis=-1)
        xs = np.stack([np.broadcast_to(np.asarray(side[k], dtype=float), (nt, n))
                       for k in SIDE_FEATURES], axis=-1)
        bad = (np.arange(n)[None, :] == a) | (np.arange(n)[None, :] == T[:, None])
        xe[bad] = np.nan
        xs[bad] = np.nan
        return T, xe, xs


def _dense(fb: FeatureBuilder, name: str, col: str, codes: npt.NDArray[np.int64],
           year: int) -> F:
    lay = fb.layer(name, year)
    n = codes.size
    out = np.full((n, n), np.nan)
    if lay.year is None or col not in lay.mats:
        return out
    p = lay.pos[codes]
    ok = p >= 0
    out[np.ix_(ok, ok)] = lay.mats[col][np.ix_(p[ok], p[ok])]
    return out


def _vec(fb: FeatureBuilder, name: str, col: str, codes: npt.NDArray[np.int64],
         year: int) -> F:
    lay = fb.layer(name, year)
    out = np.full(codes.size, np.nan)
    if lay.year is None or col not in lay.vecs:
        return out
    p = lay.pos[codes]
    ok = p >= 0
    out[ok] = lay.vecs[col][p[ok]]
    return out


def entry_day(graph: CommitmentGraph, inputs: Inputs, *,
              builder: FeatureBuilder | None = None) -> EntryDay:
    """The dense inputs of every pair on ``graph.day`` (see :class:`EntryDay`)."""
    day = graph.day
    year = day.year
    fb = builder or FeatureBuilder(inputs)
    codes = np.array(system_on(day), dtype=np.int64)
    n = codes.size
    idx = {int(c): i for i, c in enumerate(codes)}
    cont = _dense(fb, "contiguity", "conttype", codes, year)
    land = np.where(np.isnan(cont), np.nan, (cont == 1).astype(float))
    dist = _dense(fb, "capitals", "capdist", codes, year)
    cinc = _vec(fb, "capabilities", "cinc", codes, year)
    proj = loss_of_strength(np.broadcast_to(cinc[:, None], (n, n)), dist / KM_PER_MILE,
                            np.nan_to_num(land), year)
    mats = {"land": land, "dist": dist, "proj": np.asarray(proj, dtype=float),
            "rival": _dense(fb, "rivalries", "td_rival", codes, year),
            "kappa": _dense(fb, "similarity", "kappa", codes, year),
            "ideal": _dense(fb, "ideal", "un_ideal_distance", codes, year)}
    if year < 1946:
        mats["ideal"] = np.full((n, n), np.nan)
    mid = np.zeros((n, n))
    mp = mid_pairs(inputs)
    if mp.height:
        lo = dt.date(day.year - MID_YEARS, day.month, min(day.day, 28))
        rec = mp.filter((pl.col("start") < day) & (pl.col("start") >= lo)
                        & pl.col("a").is_in(codes.tolist()) & pl.col("b").is_in(codes.tolist()))
        for a_, b_, k in rec.group_by("a", "b").len().iter_rows():
            mid[idx[int(a_)], idx[int(b_)]] = k
    mats["mid"] = mid
    wh = war_history(inputs)
    joins = dict(wh.filter(~pl.col("original") & (pl.col("entered") < day))
                 .group_by("ccode").len().iter_rows()) if wh.height else {}
    vecs = {"major": _vec(fb, "majors", "major", codes, year),
            "prior_joins": np.log1p(np.array([joins.get(int(c), 0) for c in codes], float))}
    e = graph.edges.filter(pl.col("obligor").is_in(codes.tolist())
                           & pl.col("beneficiary").is_in(codes.tolist())
                           & (pl.col("obligor") != pl.col("beneficiary"))
                           & (pl.col("legal_force") != "proposal"))
    promise = {k: np.zeros((n, n), dtype=bool)
               for k in ("def_noadv", "pol_noadv", "pledge", "off", "nag")}
    named: dict[str, list[tuple[int, int, int]]] = {"def_named": [], "pol_named": []}
    owed: dict[int, list[tuple[int, str, str, frozenset[int], bool]]] = {}
    partners: dict[str, dict[int, set[int]]] = {}
    for ob, be, inst in graph.edges.filter(pl.col("obligor") != pl.col("beneficiary")).select(
            "obligor", "beneficiary", "instrument_id").unique().iter_rows():
        p = partners.setdefault(str(inst), {})
        p.setdefault(int(ob), set()).add(int(be))
        p.setdefault(int(be), set()).add(int(ob))
    for ob, be, kind, force, presumed, inst, advs in e.select(
            "obligor", "beneficiary", "kind", "legal_force", "presumed", "instrument_id",
            "adversaries").iter_rows():
        c, t = idx[int(ob)], idx[int(be)]
        firm = force in BINDING
        names = frozenset(int(x) for x in (advs or []) if int(x) in idx)
        raw_names = bool(advs)
        owed.setdefault(t, []).append((c, str(kind), str(inst), names if raw_names
                                       else frozenset(), firm))
        if raw_names and not names:
            # names only adversaries outside the system: bears on no attacker here
            owed[t][-1] = (c, str(kind), str(inst), frozenset({-1}), firm)
        if kind in DEFENSE_KINDS and firm:
            promise["pledge"][c, t] = True
        if kind == "offense":
            promise["off"][c, t] = True
        if kind in ("neutrality", "nonaggression") and firm:
            promise["nag"][c, t] = True
        if kind in DEFENSE_KINDS and firm and not presumed:
            key = "def"
        elif kind in (*DEFENSE_KINDS, "assurance"):
            key = "pol"
        else:
            continue
        if not raw_names:
            promise[f"{key}_noadv"][c, t] = True
        else:
            named[f"{key}_named"] += [(c, t, idx[x]) for x in names]
    return EntryDay(day, codes, mats, vecs, promise, named, owed, partners)


def expected_defenders(graph: CommitmentGraph, inputs: Inputs, *,
                       model: EntryModel | None = None,
                       builder: FeatureBuilder | None = None) -> pl.DataFrame:
    """For every target and every other state on ``graph.day``: ``expected_defender``, the
    mean over every possible attacker (every other state alive that day) of the entry model's
    p(enters on the target's side); and ``expected_war_size_mean``, the mean over attackers of
    the expected number of states at war when that target is attacked (principals included).
    Columns ``date``, ``target``, ``state``, ``expected_defender``."""
    m = model or load_entry_model()
    d = entry_day(graph, inputs, builder=builder)
    n = d.states.size
    acc = np.zeros((n, n))  # [target, candidate]
    for a in range(n):
        T, xe, xs = d.features(a)
        pe = 1 / (1 + np.exp(-np.clip(m.enter.logit(xe.reshape(-1, xe.shape[-1])), -35, 35)))
        q = 1 / (1 + np.exp(-np.clip(m.side.logit(xs.reshape(-1, xs.shape[-1])), -35, 35)))
        pt = np.nan_to_num((pe * q).reshape(T.size, n))
        acc[T] += pt
    val = acc / max(n - 2, 1)
    t_idx, c_idx = np.nonzero(~np.eye(n, dtype=bool))
    return pl.DataFrame({
        "date": pl.Series([graph.day] * t_idx.size, dtype=pl.Date),
        "target": d.states[t_idx].astype(np.int32), "state": d.states[c_idx].astype(np.int32),
        "expected_defender": val[t_idx, c_idx]})



def yearly_expected_defenders(session: Session, days: Sequence[dt.date], *,
                              progress: Callable[[int, int], None] | None = None
                              ) -> pl.DataFrame:
    """:func:`expected_defenders` for each day (a yearly sweep: 30 June of each year), one
    frame (``date``, ``target``, ``state``, ``expected_defender``) that
    :func:`foedus.sweeps.add_expected_defenders` joins onto dyad-years."""
    inputs = session.optional_inputs
    if inputs is None:
        raise FoedusError("the entry model needs the datasets imported (docs/credibility.md)")
    fb = FeatureBuilder(inputs)
    model = load_entry_model()
    parts = []
    for k, day in enumerate(days):
        parts.append(expected_defenders(session.graph(day), inputs, model=model, builder=fb))
        if progress is not None:
            progress(k + 1, len(days))
    return pl.concat(parts)
