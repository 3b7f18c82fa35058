"""``foedus reassurance TARGET --on DATE``: what a guarantee *to* an adversary could hold.

Why: reassurance is restraint, not defence. For a target's threats this answers what restraint
they owe it on the day (force limits, inspection regimes, no-stationing pledges:
:mod:`foedus.query.restraints`), what has lapsed since 1990 and when, and which packages could
be offered: revive or extend a lapsed limit, adopt a limit already proposed, a deployment limit
in a zone by the target's border, an inspection regime, a Founding-Act-like political pledge.
Each package is scored three ways, each explained (docs/reassurance.md):

* ``capability_change``: the relative change in the threats' capability that can reach the
  target, by the loss-of-strength gradient (:mod:`foedus.scenario.capability`): a threat
  projects its CINC from the nearest place it may base forces — its own capital or the capital
  of a state it is bound to defend on the day — and a zonal limit takes the zone's states out
  of that list; a personnel ceiling caps the military-personnel share of its CINC (COW NMC
  ``milper``). ``None`` when the gradient cannot see the limit (weapon classes, equipment
  ceilings, inspections change no capability: 0.0);
* ``credibility``: an index in [0, 1] measured from the registry's own record, NOT a
  probability: for each state giving the package, the share of restraint instruments (force
  limits, inspection regimes) it was bound by and did not suspend, withdraw from, abrogate or
  be found violating by the day, shrunk toward the share of all parties to instruments of the
  same legal force (two pseudo-instruments); the package's index is the mean over its givers.
  No out-of-sample test exists (a few dozen instruments): it is a documented index;
* ``costs``: the third states whose defence the package limits — a state in the zone loses
  the forward basing of its protectors (their projected capability to it falls by the
  gradient), a state held to the ceilings loses what they forbid — each with its reason.

The threat inference is one call (:func:`_threats`), so it can be swapped for another.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import polars as pl

from foedus.advise.threats import Reason, Threat, infer_threats
from foedus.errors import FoedusError, UsageError
from foedus.model.instruments import Instrument, Obligation
from foedus.model.restraints import RESTRAINT_KINDS, EventType, Limit
from foedus.model.states import State
from foedus.query.common import as_date, member_on
from foedus.query.restraints import LAPSED, RestraintEntry, restraint_entries
from foedus.scenario.capability import capability, project

if TYPE_CHECKING:
    from foedus.datasets.inputs import Inputs
    from foedus.graph import CommitmentGraph
    from foedus.registry.loader import Registry
    from foedus.session import Session

__all__ = ["Package", "ReassuranceAnswer", "reassurance", "restraint_record", "LAPSED_SINCE",
           "PSEUDO"]

LAPSED_SINCE = dt.date(1990, 1, 1)
PSEUDO = 2.0  # pseudo-instruments shrinking a party's record toward its class's
BREAKS = (EventType.WITHDRAWAL, EventType.SUSPENSION, EventType.ABROGATION,
          EventType.VIOLATION)
_STATION = re.compile(r"station", re.I)
_PERSONNEL = re.compile(r"personnel|troops|armed forces", re.I)


@dataclass


class Package:
    """One candidate reassurance package, scored and explained."""

    kind: str  # revive | adopt | zone | pledge | inspection
    title: str
    givers: list[int]
    limits: list[str]
    legal_force: str
    capability_change: float | None = None
    credibility: float = 0.0
    costs: list[tuple[int, str]] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)


@dataclass(frozen=True)


class ReassuranceAnswer:
    """The contract of issue 20: threats, restraint held and lapsed, packages."""

    target: State
    on: dt.date
    threats: list[tuple[State, list[str]]]
    held: list[RestraintEntry]
    lapsed: list[RestraintEntry]
    packages: list[Package]
    states: Any
    datasets: list[str]

    def to_json(self) -> dict[str, Any]:
        by = self.states.by_code
        return {
            "target": self.target.to_json(),
            "on": self.on.isoformat(),
            "threats": [{"state": s.to_json(), "why": why} for s, why in self.threats],
            "held": [e.to_json() for e in self.held],
            "lapsed": [e.to_json() for e in self.lapsed],
            "packages": [{
                "from": [by(g).to_json() for g in p.givers],
                "limits": p.limits,
                "capability_change": (None if p.capability_change is None
                                      else round(p.capability_change, 4)),
                "credibility": round(p.credibility, 4),
                "costs": [{"state": by(c).to_json(), "why": why} for c, why in p.costs],
                "reasons": [p.title, *p.reasons],
            } for p in self.packages],
            "datasets": self.datasets,
        }


# -- threats ------------------------------------------------------------------------------
def _threats(session: Session, graph: CommitmentGraph, target: int, day: dt.date,
             given: list[int] | None, abb: dict[int, str]) -> list[Threat]:
    """The target's threats: the user's, or the inferred ones (advise/threats.py), one call."""
    if given:
        return [Threat(c, [Reason("given", "given by the user", "", None, None, 1.0, ())],
                       tier=1) for c in given]
    return infer_threats(session, target, day, graph=graph, abb=abb)


# -- credibility: the registry's record of restraint kept and broken ----------------------
def restraint_record(reg: Registry, day: dt.date) -> tuple[
        dict[int, tuple[int, int, list[str]]], dict[str, tuple[int, int]]]:
    """Per state: (instruments kept, instruments bound, what it broke); per legal force:
    (kept, bound) over all parties. An instrument is one with a force-limit or inspection
    obligation in force on or before ``day``; a party broke it if, by ``day``, it was the
    first to suspend it (formally), withdraw from it, abrogate it or be found violating it
    (formally): a later suspension or withdrawal by another party answers that first break
    and does not count against it; expiry and replacement are not breaks."""
    per: dict[int, tuple[int, int, list[str]]] = {}
    cls: dict[str, list[int]] = {}
    for inst in reg:
        if inst.period is None or inst.period.start > day or not any(
                ob.kind.value in RESTRAINT_KINDS for ob in inst.obligations):
            continue
        parties = {m.ccode for m in inst.members if m.period.start <= day
                   and m.role.value not in ("signatory", "observer")}
        broke: dict[int, str] = {}
        first: dt.date | None = None
        for e in inst.events:  # sorted by day
            if e.on <= day and e.type in BREAKS and e.formal:
                first = first or e.on
                for c in e.states:
                    if e.on == first:  # a later break answers an earlier one: a response
                        broke.setdefault(c, f"{e.type.value} {inst.short} {e.on}")
        force = inst.legal_force.value
        counts = cls.setdefault(force, [0, 0])
        for c in parties:
            kept, n, what = per.get(c, (0, 0, []))
            if c in broke:
                what = [*what, broke[c]]
            else:
                kept += 1
            per[c] = (kept, n + 1, what)
            counts[0] += c not in broke
            counts[1] += 1
    return per, {k: (v[0], v[1]) for k, v in cls.items()}


def _credibility(givers: list[int], force: str, per: dict[int, tuple[int, int, list[str]]],
                 cls: dict[str, tuple[int, int]], abb: dict[int, str]) -> tuple[float,
                                                                                 list[str]]:
    kept_all = sum(k for k, _ in cls.values())
    n_all = sum(n for _, n in cls.values())
    k_c, n_c = cls.get("treaty" if force in ("treaty", "executive_agreement") else force,
                       (kept_all, n_all))
    base = k_c / n_c if n_c else 0.5
    scores, reasons = [], [f"credibility index (not a probability): parties to recorded "
                           f"{force} restraint instruments kept {k_c} of {n_c} ({base:.0%})"]
    for g in givers:
        kept, n, what = per.get(g, (0, 0, []))
        scores.append((kept + PSEUDO * base) / (n + PSEUDO))
        broke = f"; broke: {', '.join(what[:4])}" + (" ..." if len(what) > 4 else "") \
            if what else ""
        reasons.append(f"{abb.get(g, g)} kept {kept} of {n} restraint instruments it was "
                       f"bound by{broke}" if n else f"{abb.get(g, g)}: no restraint "
                       "instrument on record (scored at the class's share)")
    return (float(np.mean(scores)) if scores else base), reasons


# -- capability: the gradient with and without the zone -----------------------------------
class _Reach:
    """Projected capability of states to places, from their permitted bases."""

    def __init__(self, inputs: Inputs | None, graph: CommitmentGraph, day: dt.date) -> None:
        self.inputs, self.day = inputs, day
        self.datasets: tuple[str, ...] = ()
        self.bases: dict[int, set[int]] = {}
        edges = graph.edges.filter((pl.col("category") == "bound")
                                   & pl.col("kind").is_in(["defense", "guarantee"]))
        for o, b in edges.select("obligor", "beneficiary").rows():
            self.bases.setdefault(int(o), set()).add(int(b))
        self._cache: dict[int, Any] = {}
        self.nmc: pl.DataFrame | None = None
        if inputs is not None:
            try:
                self.nmc = inputs.table("peacesciencer", "cow_nmc").filter(
                    pl.col("year") <= day.year)
            except FoedusError:
                self.nmc = None

    def _to(self, place: int, states: list[int]) -> tuple[dict[int, float], dict[int, float]]:
        cap = capability(self.inputs, np.array(states, dtype=np.int64), self.day, [place])
        self.datasets = cap.datasets or self.datasets
        return ({s: float(c) for s, c in zip(states, cap.cinc, strict=True)},
                {s: float(m) for s, m in zip(states, cap.miles, strict=True)})

    def reach(self, state: int, place: int, barred: set[int],
              cinc: float | None = None) -> tuple[float, int | None]:
        """``state``'s CINC projected to ``place`` from its nearest permitted base (its own
        capital, or a state it is bound to defend, minus ``barred``) and that base."""
        bases = sorted(({state} | self.bases.get(state, set())) - barred)
        if not bases:
            return math.nan, None
        cincs, miles = self._to(place, sorted(set(bases) | {state}))
        c = cincs[state] if cinc is None else cinc
        best, where = math.nan, None
        for b in bases:
            if math.isnan(miles[b]) or math.isnan(c):
                continue
            v = float(project(np.array([c]), np.array([miles[b]]), self.day)[0])
            if math.isnan(best) or v > best:
                best, where = v, b
        return best, where

    def capped_cinc(self, state: int, milper_ceiling: float) -> tuple[float | None, str]:
        """The state's CINC with military personnel capped at ``milper_ceiling`` persons,
        from its latest NMC year; None when NMC is not imported."""
        if self.nmc is None:
            return None, "NMC not imported"
        latest = self.nmc.filter(pl.col("ccode") == state)["year"].max()
        if latest is None:
            return None, "no NMC record"
        year = int(latest)  # type: ignore[arg-type]
        y = self.nmc.filter(pl.col("year") == year)
        row = y.filter(pl.col("ccode") == state).row(0, named=True)
        world = float(y.filter(pl.col("milper") >= 0)["milper"].sum())
        cap = milper_ceiling / 1000.0  # NMC counts thousands
        have = float(row["milper"]) if row["milper"] is not None else math.nan
        if math.isnan(have) or world <= 0 or have <= cap:
            return float(row["cinc"]), (f"NMC {year}: {have:.0f} thousand military "
                                        "personnel, under the ceiling: it does not bind on "
                                        "the data")
        drop = (have - cap) / world / 6.0  # CINC is the mean of six shares
        return float(row["cinc"]) - drop, (f"NMC {year}: {have:.0f} thousand "
                                           f"military personnel capped at {cap:.0f} thousand")


def _zone_of(limits: tuple[Limit, ...], givers: list[int]) -> set[int]:
    """States closed to the givers' forces: limits with a zone that ban (ceiling 0) or bar
    stationing, and that limit the givers' forces."""
    out: set[int] = set()
    for lim in limits:
        bars = lim.ceiling == 0 or (lim.ceiling is None and _STATION.search(lim.what))
        if lim.zone_states and bars and (not lim.limited or set(lim.limited) & set(givers)):
            out |= set(lim.zone_states)
    return out


def _capability(reach: _Reach, target: int, givers: list[int], limits: tuple[Limit, ...],
                zone: set[int], abb: dict[int, str]) -> tuple[float | None, list[str]]:
    """Relative change of the givers' summed capability projected to the target."""
    reasons: list[str] = []
    caps: dict[int, float] = {}
    for lim in limits:
        if _PERSONNEL.search(lim.what) and lim.ceiling:
            for g in (lim.limited or givers):
                if g in givers:
                    c, why = reach.capped_cinc(g, lim.ceiling)
                    if c is not None:
                        caps[g] = c
                    reasons.append(f"{abb.get(g, g)}: {why}")
    if not zone and not caps:
        return None, reasons
    before = after = 0.0
    for g in givers:
        b, base_b = reach.reach(g, target, set())
        a, base_a = reach.reach(g, target, zone - {g}, caps.get(g))
        if math.isnan(b) or math.isnan(a):
            continue
        before, after = before + b, after + a
        if base_a != base_b:
            reasons.append(f"{abb.get(g, g)} projects to {abb.get(target, target)} from "
                           f"{abb.get(base_b or g, base_b)} today, from "
                           f"{abb.get(base_a or g, base_a)} under the limit "
                           f"({b:.4f} -> {a:.4f} CINC by the loss-of-strength gradient)")
    if before <= 0:
        return None, [*reasons, "capability unknown (NMC or capitals not imported)"]
    return (after - before) / before, reasons


# -- third states' costs -------------------------------------------------------------------
def _neighbours(inputs: Inputs | None, target: int, day: dt.date) -> tuple[set[int], str]:
    """Land neighbours of the target (COW direct contiguity, type 1), as of the data's last
    year when the day lies past it."""
    if inputs is None:
        return set(), "contiguity not imported"
    try:
        cd = inputs.table("peacesciencer", "cow_contdir")
    except FoedusError:
        return set(), "contiguity not imported"
    last = cd["enddate"].max()
    when = min(day, last) if isinstance(last, dt.date) else day
    near = cd.filter((pl.col("ccode1") == target) & (pl.col("conttype") == 1)
                     & (pl.col("stdate") <= when) & (pl.col("enddate") >= when))
    note = (f"land contiguity (COW direct contiguity as of {when}, its last date)"
            if when != day else "land contiguity (COW direct contiguity)")
    return {int(c) for c in near["ccode2"]}, note


def _bound_again(inst: Instrument | None, ob: Obligation | None, target: int,
                 givers: list[int], near: set[int], day: dt.date,
                 abb: dict[int, str]) -> tuple[list[tuple[int, str]], list[str]]:
    """Third states a revived or adopted multilateral limit would bind again: its other
    members by the target's border; and the neighbours it never covered."""
    if inst is None or ob is None or not ob.limits or not (ob.among_parties or any(
            isinstance(x, str) for x in ob.obligors)):
        return [], []
    members = {m.ccode for m in inst.members if m.period.start <= day}
    costs = [(c, f"a neighbour of {abb.get(target, target)} and a member of {inst.short}: "
                 f"its own forces would again be held to its limits "
                 f"({'; '.join(lim.text() for lim in ob.limits[:2])})")
             for c in sorted((members & near) - {target} - set(givers))]
    outside = sorted(near - members - {target})
    reasons = ([f"neighbours of {abb.get(target, target)} outside {inst.short}, unlimited by "
                f"it: {', '.join(abb.get(c, str(c)) for c in outside)}"] if outside else [])
    return costs, reasons


def _costs(reach: _Reach, target: int, givers: list[int], zone: set[int],
           abb: dict[int, str], day: dt.date) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    for s in sorted(zone - {target}):
        protectors = [g for g in givers if g != s and s in reach.bases.get(g, set())]
        if s in givers:
            partners = sorted(o for o, bs in reach.bases.items() if s in bs and o != s)
            out.append((s, "the zone is its own territory: it gives up foreign forces there "
                           + (f"(states bound to defend it today: "
                              f"{', '.join(abb.get(p, str(p)) for p in partners)})"
                              if partners else "(no state is bound to defend it today)")))
            continue
        if not protectors:
            out.append((s, f"its territory falls in the zone, though none of "
                           f"{', '.join(abb.get(g, str(g)) for g in givers)} is bound to "
                           "defend it: the limit forecloses future stationing"))
            continue
        drops = []
        for g in protectors:
            b, _ = reach.reach(g, s, set())
            a, base = reach.reach(g, s, zone - {g})
            if not (math.isnan(a) or math.isnan(b)) and b > 0:
                drops.append(f"{abb.get(g, g)} {(a - b) / b:+.0%} (nearest base "
                             f"{abb.get(base or g, base)})")
        why = (f"a limit on its protectors' forces on its territory: capability they can "
               f"project to {abb.get(s, s)} {'; '.join(drops) or 'unknown'}")
        out.append((s, why))
    return out


# -- packages ------------------------------------------------------------------------------
def _group(entries: list[RestraintEntry]) -> dict[tuple[str, str], list[RestraintEntry]]:
    out: dict[tuple[str, str], list[RestraintEntry]] = {}
    for e in entries:
        out.setdefault((e.instrument.id, e.obligation.article), []).append(e)
    return out


def _limits_text(ob: Obligation, inst: Instrument) -> list[str]:
    texts = [lim.text() for lim in ob.limits]
    if ob.kind.value == "inspection":
        texts.append(f"inspection: {ob.verification or inst.short}")
    return texts or [f"{inst.short} {ob.article}: {ob.quote or ob.kind.value}"]


def reassurance(session: Session, target: str | int, on: object,
                threats: list[str | int] | None = None) -> ReassuranceAnswer:
    """The reassurance answer for ``target`` on ``on`` (module docstring)."""
    st = session.state(target)
    day = as_date(on, "--on date")
    member_on(session, st, day)
    abb = {s.ccode: s.abb for s in session.states}
    given = [session.state(t).ccode for t in threats] if threats else None
    if given and st.ccode in given:  # the guarantor finder's words for the same mistake
        raise UsageError(f"{st.abb} cannot be its own threat")
    graph = session.graph(day)
    tl = _threats(session, graph, st.ccode, day, given, abb)
    tcodes = [t.ccode for t in tl]
    received = restraint_entries(session, day, beneficiary=st.ccode)
    held = [e for e in received if e.obligor.ccode in tcodes
            and e.status in ("in_force", "found_violated")]
    lapsed = [e for e in received if e.obligor.ccode in tcodes and e.status in LAPSED
              and e.since is not None and e.since >= LAPSED_SINCE]
    proposed = [e for e in received if e.obligor.ccode in tcodes and e.status == "proposed"]
    inputs = session.optional_inputs
    reach = _Reach(inputs, graph, day)
    per, cls = restraint_record(session.registry, day)
    packages: list[Package] = []
    near, near_note = _neighbours(inputs, st.ccode, day)

    def add(kind: str, title: str, givers: list[int], ob: Obligation | None,
            inst: Instrument | None, force: str, limits: tuple[Limit, ...],
            extra: list[str], zone: set[int] | None = None,
            texts: list[str] | None = None) -> None:
        givers = sorted(set(givers))
        zone = _zone_of(limits, givers) if zone is None else zone
        p = Package(kind, title, givers, texts or (_limits_text(ob, inst) if ob and inst
                                                   else []), force)
        p.capability_change, cap_why = _capability(reach, st.ccode, givers, limits, zone, abb)
        if ob is not None and ob.kind.value == "inspection":
            p.capability_change = 0.0
            cap_why = ["an inspection regime changes no capability: it makes a build-up "
                       "visible (capability change 0 by definition)"]
        elif p.capability_change is None and not cap_why:
            cap_why = ["capability change not measured: the gradient sees CINC and bases, "
                       "not the weapon classes or equipment ceilings this limits"]
        p.credibility, cred_why = _credibility(givers, force, per, cls, abb)
        p.costs = _costs(reach, st.ccode, givers, zone, abb, day)
        again, outside = _bound_again(inst, ob, st.ccode, givers, near, day, abb)
        p.costs += [c for c in again if c[0] not in {x for x, _ in p.costs}]
        p.reasons = [*extra, *cap_why, *outside, *cred_why]
        packages.append(p)

    for (_, _art), es in _group(lapsed).items():
        e0 = es[0]
        what = sorted({f"{e.status} {e.since}" + (f" by {', '.join(s.abb for s in e.by)}"
                                                   if e.by else "") for e in es})
        add("revive", f"revive {e0.instrument.short} ({e0.obligation.article}): "
                      f"{'; '.join(what)}", [e.obligor.ccode for e in es], e0.obligation,
            e0.instrument, e0.legal_force, e0.obligation.limits,
            [f"owed to {st.abb} until it lapsed; reciprocal: {st.abb} would again be bound"
             if e0.reverse else f"owed to {st.abb} until it lapsed"])
    for (_, _art), es in _group(proposed).items():
        e0 = es[0]
        add("adopt", f"adopt the limits proposed in {e0.instrument.short} "
                     f"({e0.obligation.article}), never in force",
            [e.obligor.ccode for e in es], e0.obligation, e0.instrument,
            "treaty", e0.obligation.limits, ["a proposal: scored as if made a treaty"])
    allies = {o for o, bs in reach.bases.items() if st.ccode in bs} | reach.bases.get(
        st.ccode, set())  # the target's own allies are never in the zone, nor givers
    hosts = {g: sorted((near & reach.bases.get(g, set())) - allies) for g in tcodes
             if g not in allies}
    zone = set().union(*hosts.values()) if hosts else set()
    zgivers = [g for g, hs in hosts.items() if hs]
    if zone and zgivers:
        names = ", ".join(abb.get(z, str(z)) for z in sorted(zone))
        lim = Limit(what="permanently stationed substantial combat forces (no additional "
                         "stationing)", zone=f"the territory of {names}",
                    zone_states=tuple(sorted(zone)), limited=tuple(zgivers))
        why = [f"zone: {st.abb}'s neighbours by {near_note} that a threat is bound to "
               f"defend ({names}), the target's own allies left out"]
        add("zone", f"a binding limit on stationing the threats' forces in {names}",
            zgivers, None, None, "treaty", (lim,), why, texts=[lim.text()])
        add("pledge", f"a political pledge like the Founding Act's (Sect. IV) for {names}",
            zgivers, None, None, "political", (lim,), why, texts=[lim.text()])
    has_insp = any(e.obligation.kind.value == "inspection" for e in held)
    lapsed_insp = any(e.obligation.kind.value == "inspection" for e in lapsed)
    if not has_insp and not lapsed_insp and tcodes:
        insp = [g for g in tcodes if any(e.obligor.ccode == g for e in held + lapsed)]
        if insp:
            add("inspection", "an inspection regime (observation flights, short-notice "
                              "inspections, data exchange)", insp, None, None, "treaty", (),
                ["no inspection regime is owed to the target by its threats on the day"],
                texts=["inspection: observation flights and on-site inspections"])
            packages[-1].capability_change = 0.0
    order = {"revive": 0, "adopt": 1, "zone": 2, "pledge": 3, "inspection": 4}
    packages.sort(key=lambda p: (order[p.kind], -(abs(p.capability_change or 0.0))))
    threats_out = [(session.states.by_code(t.ccode), [r.text for r in t.reasons]) for t in tl]
    datasets = ["registry", *reach.datasets]
    if inputs is not None and near:
        datasets.append("peacesciencer/cow_contdir")
    return ReassuranceAnswer(st, day, threats_out, held, lapsed, packages, session.states,
                             list(dict.fromkeys(datasets)))
