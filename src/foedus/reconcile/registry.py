"""Reconcile the curated registry with ATOP: the pledges on which they disagree in a year.

Why: the registry records, with sources, instruments ATOP codes too (``atop_ids``); where the
two disagree, the disagreement is explained — a date convention, a state outside the COW
system, a typology, who owes whom — or is the row to read against the treaty text
(docs/reconcile-registry.md). :func:`reconcile_registry` lists them for one year.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl

from foedus.errors import UsageError
from foedus.model import commitments_from_instrument
from foedus.model.schema import ATOP_PLEDGE_KIND, ATOP_YEARS, KIND_ATOP_PLEDGE
from foedus.reconcile.atop import read_table_or_fail
from foedus.registry import Registry
from foedus.registry.states import load_state_system
from foedus.session import Session
from foedus.sources.atop import read_atop

__all__ = ["RegistryReconciliation", "reconcile_registry", "reconcile_registry_year",
           "REGISTRY_CAUSES", "DATE_TOLERANCE_DAYS"]

_REGISTRY_TO_ATOP = KIND_ATOP_PLEDGE
"""Registry kinds compared with ATOP pledges; a guarantee of territory is ATOP's defense."""


DATE_TOLERANCE_DAYS = 731
"""A pledge both sources record, but on one side only in a year, counts as a date convention
(``entry_date``/``exit_date``) when the other source's nearest spell of it lies within this
many days of the year (signature to entry into force, notice to withdrawal); farther, it is
``period_differs``."""

REGISTRY_CAUSES = ("outside_cow_system", "entry_date", "exit_date", "period_differs",
                   "offense_vs_defense",
                   "partners", "member_only_registry",
                   "member_only_atop", "pledge_only_registry", "pledge_only_atop",
                   "unexplained")
"""Causes of a registry-vs-ATOP disagreement, in the order they are tried.

* ``outside_cow_system`` -- on no day of the year on which ATOP records the pledge are both
  states members of the COW state system (ATOP codes Monaco, Liechtenstein and San Marino in
  the CSCE from 1975; the registry keeps every membership inside COW's, as its loader checks).
* ``entry_date`` -- both sides record this pledge, but it starts on a different day: ATOP
  dates from signature, the registry from entry into force or deposit of accession
  (docs/rules.md §2 rules 1-2); a year in between shows on one side only. Counted only when the
  registry's pledge starts on a membership start or the instrument's entry into force (or
  ATOP starts later, by at most :data:`DATE_TOLERANCE_DAYS`). A convention, unless the detail
  shows a registry date that is wrong.
* ``exit_date`` -- both sides record the pledge, but it ends on a different day (ATOP often
  ends a member at notice or at a political event, the registry at the end of the notice
  period or the formal termination, §4a rule 4). A convention, unless the detail shows an error.
* ``offense_vs_defense`` -- the other source records the same obligor and beneficiary with
  the other of defense/offense: ATOP's OFFENSE is any promise of active military support "not
  precipitated by attack on the sovereignty or territorial integrity of an alliance partner"
  (joining a war in a region, helping a partner that fights for a third state, an ongoing
  war), which the registry records as a conditional defense (or the reverse). A typology
  difference.
* ``partners`` -- both sides have this pledge type and both states in the instrument, but
  not this direction or pair: ATOP's member-level codes cannot say who owes whom (a member
  coded ``defense`` owes it to every co-member unless ``obvary`` is set), the registry can.
* ``member_only_registry`` / ``member_only_atop`` -- a side of the pledge never appears in
  the other source's coding of the instrument (protocol states, guarantors, beneficiaries that
  are not parties, a successor state).
* ``pledge_only_registry`` / ``pledge_only_atop`` -- the other source records no pledge of
  this type for the instrument at any time: a coding difference (ATOP codes a nonaggression
  or consultation article the registry left out, or the reverse). These are the rows to read
  against the treaty text.
* ``unexplained`` -- none of the above.
"""


@dataclass(frozen=True)
class RegistryReconciliation:
    """The result of :func:`reconcile_registry`.

    ``rows``: one per pledge on which the two disagree in ``year``: ``instrument_id,
    atop_ids, obligor, beneficiary, pledge, registry, atop`` (booleans: recorded there in that
    year), ``cause`` (one of :data:`REGISTRY_CAUSES`) and ``detail`` (the dates or codes
    behind it). ``compared`` lists the instruments both cover in that year.
    """

    year: int
    compared: tuple[str, ...]
    rows: pl.DataFrame
    skipped: tuple[str, ...] = field(default=())

    def causes(self) -> dict[str, int]:
        """Disagreeing pledges per cause, in :data:`REGISTRY_CAUSES` order."""
        if self.rows.is_empty() or "cause" not in self.rows.columns:
            return {}
        counts = self.rows.group_by("cause").len()
        got = dict(zip(counts["cause"].to_list(), counts["len"].to_list(), strict=True))
        return {c: got[c] for c in REGISTRY_CAUSES if c in got}

    def only(self, causes: Iterable[str] = ()) -> pl.DataFrame:
        """The disagreeing pledges of the given causes (all of them when none is given)."""
        wanted = list(causes)
        return self.rows.filter(pl.col("cause").is_in(wanted)) if wanted else self.rows

    def to_json(self) -> dict[str, Any]:
        return {"year": self.year, "compared": list(self.compared),
                "skipped": list(self.skipped), "causes": self.causes(),
                "disagreements": self.rows.to_dicts()}


def _overlaps(start: dt.date | None, end: dt.date | None, year: int) -> bool:
    lo, hi = dt.date(year, 1, 1), dt.date(year + 1, 1, 1)
    return start is not None and start < hi and (end is None or end > lo)


Spell = tuple[dt.date, "dt.date | None"]


def _fmt(spells: list[Spell]) -> str:
    return ", ".join(f"{a}..{b or ''}" for a, b in sorted(spells, key=lambda s: s[0]))


def _registry_cause(
    key: tuple[int, int, str], in_registry: bool, year: int,
    reg_all: dict[tuple[int, int, str], list[Spell]],
    atop_all: dict[tuple[int, int, str], list[Spell]],
    bounds: dict[int, set[dt.date]] | None = None,
) -> tuple[str, str]:
    """Why ``key`` (obligor, beneficiary, pledge) is on one side only in ``year``."""
    o, b, k = key
    bounds = bounds or {}
    mine, other = (reg_all, atop_all) if in_registry else (atop_all, reg_all)
    if not in_registry and not any(
            _in_cow_system(o, a, z, year) and _in_cow_system(b, a, z, year)
            for a, z in atop_all[key] if _overlaps(a, z, year)):
        return "outside_cow_system", (f"{o} or {b} not in the COW state system while ATOP "
                                      f"records the pledge in {year}")
    here, there = ("registry", "ATOP") if in_registry else ("ATOP", "registry")
    if key in other:
        lo, hi = dt.date(year, 1, 1), dt.date(year + 1, 1, 1)
        spells = other[key]
        detail = f"{there} {_fmt(spells)}; {here} {_fmt(mine.get(key, []))}"
        # how far the other source's nearest spell of this pledge lies from the year
        gap = min((lo - end).days if end is not None and end <= lo else (start - hi).days
                  for start, end in spells)
        if all(end is not None and end <= lo for _, end in spells):
            return ("exit_date" if gap <= DATE_TOLERANCE_DAYS else "period_differs"), detail
        if in_registry:  # ATOP starts later than the registry
            return ("entry_date" if gap <= DATE_TOLERANCE_DAYS else "period_differs"), detail
        # ATOP (from signature) starts earlier: a convention when the registry's pledge starts
        # with a membership (deposit, entry into force), not with the obligation's own date
        first = min(start for start, _ in spells if start >= hi)
        edges = bounds.get(o, set()) | bounds.get(b, set()) | bounds.get(0, set())
        return ("entry_date" if first in edges else "period_differs"), detail
    twin = {"offense": "defense", "defense": "offense"}.get(k)
    if twin is not None and (o, b, twin) in other:
        return "offense_vs_defense", (f"{there} records {twin} from {o} to {b} "
                                      f"({_fmt(other[(o, b, twin)])})")
    other_states = {s for (x, y, _k) in other for s in (x, y)}
    missing = [s for s in (o, b) if s not in other_states]
    if other and missing:
        cause = "member_only_registry" if in_registry else "member_only_atop"
        return cause, f"{', '.join(map(str, missing))} not in {there}'s coding of the instrument"
    if not any(kk == k for (_x, _y, kk) in other):
        cause = "pledge_only_registry" if in_registry else "pledge_only_atop"
        return cause, f"{there} records no {k} pledge for this instrument"
    if (b, o, k) in other:
        return "partners", f"{there} has {k} only in the other direction ({b} to {o})"
    if any(kk == k and x == o for (x, _y, kk) in other):
        return "partners", f"{there} has {k} pledges of {o} to other partners only"
    return "partners", f"{there} has {k} pledges among other members of the instrument"


def _in_cow_system(state: int, start: dt.date, end: dt.date | None, year: int) -> bool:
    """The state is a COW system member on some day of ``year`` inside ``[start, end)``."""
    system = load_state_system()
    if state not in system:
        return False
    lo = max(start, dt.date(year, 1, 1))
    hi = min(end or dt.date(year + 1, 1, 1), dt.date(year + 1, 1, 1))
    return lo < hi and any(p.start < hi and (p.end is None or p.end > lo)
                           for p in system.by_code(state).spells)


def _phase_owner(registry: Registry, atop: pl.DataFrame) -> dict[tuple[int, int], str]:
    """For ATOP ids that several registry instruments share (ATOP codes the 1948 Brussels
    Treaty and the 1954 Modified Brussels Treaty as phases of one alliance, the Helsinki Final
    Act and the Charter of Paris likewise), the instrument each phase belongs to: the one
    signed (or in force) last on or before the phase begins (ATOP dates phases from
    signature)."""
    users: dict[int, list[tuple[dt.date, str]]] = {}
    for inst in registry:
        start = inst.signed.day if inst.signed is not None else None
        if start is None and inst.period is not None:
            start = inst.period.start
        for aid in inst.atop_ids:
            if start is not None:
                users.setdefault(aid, []).append((start, inst.id))
    shared = {aid: sorted(v) for aid, v in users.items() if len(v) > 1}
    if not shared:
        return {}
    phases = atop.filter(pl.col("atopid").is_in(list(shared))).group_by("atopid", "phase").agg(
        pl.col("valid_from").min().alias("begin"))
    owner: dict[tuple[int, int], str] = {}
    for r in phases.to_dicts():
        cands = [iid for d, iid in shared[r["atopid"]] if d <= r["begin"]]
        owner[(r["atopid"], r["phase"])] = cands[-1] if cands else shared[r["atopid"]][0][1]
    return owner


def _check_year(year: int) -> None:
    """Refuse a year ATOP does not cover. Why: outside 1815-2018 no instrument is compared,
    and the answer read "registry and ATOP agree on every pledge"."""
    first, last = ATOP_YEARS
    if not first <= year <= last:
        raise UsageError(f"year {year}: ATOP covers {first}-{last}; give a year in that range")


def reconcile_registry(
    source: Session | Registry,
    year: int,
    *,
    atop: pl.DataFrame | None = None,
) -> RegistryReconciliation:
    """Pledges where the curated registry and ATOP disagree in ``year``.

    Compares, for every registry instrument with ``atop_ids`` in force in ``year`` and
    covered by ATOP that year (1815-2018), the set of (obligor, beneficiary, pledge) in force
    at any time in the year on each side. ``atop`` is ATOP's ``commitments`` table; when not
    given it is read from the session's store; the registry is the session's (or the one
    given). Every disagreeing pledge gets a cause
    (:data:`REGISTRY_CAUSES`), found by comparing the two sources' coding of the instrument
    over all years.
    """
    _check_year(year)
    if isinstance(source, Registry):
        registry = source
        if atop is None:
            raise UsageError("pass atop= (ATOP's commitments table) with a registry")
    else:
        registry = source.registry
        if atop is None:
            atop = read_table_or_fail(source.store, "atop", "commitments")
    inverse = {v: k for k, v in ATOP_PLEDGE_KIND.items()}
    rows: list[dict[str, Any]] = []
    compared: list[str] = []
    skipped: list[str] = []
    owner = _phase_owner(registry, atop)
    for inst in registry:
        if not inst.atop_ids:
            continue
        period = inst.period
        if period is None or not _overlaps(period.start, period.end, year) or year > ATOP_YEARS[1]:
            skipped.append(inst.id)
            continue
        theirs_all = atop.filter(pl.col("atopid").is_in(list(inst.atop_ids)))
        if owner:
            mine = [owner.get((a, ph), inst.id) == inst.id for a, ph in
                    zip(theirs_all["atopid"].to_list(), theirs_all["phase"].to_list(),
                        strict=True)]
            theirs_all = theirs_all.filter(pl.Series(mine, dtype=pl.Boolean))
        atop_all: dict[tuple[int, int, str], list[Spell]] = {}
        for r in theirs_all.select("obligor", "beneficiary", "kind", "valid_from",
                                   "valid_to").to_dicts():
            atop_all.setdefault((r["obligor"], r["beneficiary"], inverse[r["kind"]]),
                                []).append((r["valid_from"], r["valid_to"]))
        atop_set = {key for key, spells in atop_all.items()
                    if any(_overlaps(a, z, year) for a, z in spells)}
        if not atop_set and atop_all:
            # ATOP has the alliance but not in this year: not a year both cover
            skipped.append(inst.id)
            continue
        compared.append(inst.id)
        reg_all: dict[tuple[int, int, str], list[Spell]] = {}
        for c in commitments_from_instrument(inst):
            pledge = _REGISTRY_TO_ATOP.get(c.kind.value)
            if pledge and c.valid is not None:
                reg_all.setdefault((c.obligor, c.beneficiary, pledge), []).append(
                    (c.valid.start, c.valid.end))
        reg_set = {key for key, spells in reg_all.items()
                   if any(_overlaps(a, z, year) for a, z in spells)}
        bounds: dict[int, set[dt.date]] = {0: {period.start}}
        for m in inst.members:
            bounds.setdefault(m.ccode, set()).add(m.period.start)
        for o, b, k in sorted(reg_set ^ atop_set):
            in_reg = (o, b, k) in reg_set
            cause, detail = _registry_cause((o, b, k), in_reg, year, reg_all, atop_all, bounds)
            rows.append({"instrument_id": inst.id, "atop_ids": list(inst.atop_ids),
                         "obligor": o, "beneficiary": b, "pledge": k,
                         "registry": in_reg, "atop": (o, b, k) in atop_set,
                         "cause": cause, "detail": detail})
    frame = pl.DataFrame(rows, schema={
        "instrument_id": pl.Utf8, "atop_ids": pl.List(pl.Int64), "obligor": pl.Int64,
        "beneficiary": pl.Int64, "pledge": pl.Utf8, "registry": pl.Boolean,
        "atop": pl.Boolean, "cause": pl.Utf8, "detail": pl.Utf8})
    return RegistryReconciliation(year=year, compared=tuple(compared), rows=frame,
                                  skipped=tuple(skipped))


def reconcile_registry_year(session: Session, year: int, *,
                            atop: Path | None = None) -> RegistryReconciliation:
    """:func:`reconcile_registry` for the session's registry, against ATOP read from a
    release folder (``atop``) or from the session's store."""
    _check_year(year)
    if atop is not None:
        return reconcile_registry(session.registry, year, atop=read_atop(atop)["commitments"])
    return reconcile_registry(session, year)
