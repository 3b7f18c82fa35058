"""Whom a state must be guaranteed against, when the user does not say: likely threats.

A threat to a target on a day is a state that fought it, used force against it or displayed
force at it in the ten years before the day, or is its strategic rival on the day, or is named
as the adversary by a commitment owed to it — and that can reach it. Each piece of evidence is a
:class:`Reason` with its weight, dates and sources; a threat's score is the sum of its reasons'
weights, and threats are ranked by score (docs/threats.md states the rule and measures it).

Evidence, read from what is available:

1. the curated conflicts layer (``foedus.registry.conflict_layer``: wars, uses of force and
   crises since 2015, with the parties that joined and how);
2. UCDP/PRIO Armed Conflict 25.1 (``foedus data import ucdp-acd``; interstate and
   internationalised conflicts to 2024, with their secondary warring parties);
3. COW MID 5.0 (``foedus data import mid``; disputes to 2014);
4. strategic rivalries: Thompson & Dreyer to 2010 (peacesciencer ``td_rivalries``),
   Thompson, Sakuwa & Suhas to 2020 (``ucdp-acd``'s ``tss_rivalries``), and the layer's
   rivalries alive after 2010 (with their evidence). A dataset's rivalry counts while the
   dataset says it is alive; past the dataset's last year only the layer can say it still is;
5. adversaries named by the commitments owed to the target on the day.

Weights: a war 3, a use of force 2, a display or threat of force 1, times how the state took
part (troops, strikes, naval force: 1; intercepting the other side's fire or lending bases:
0.5; arms only or mediation: 0), times how the target was exposed (it fought, or force was
used on its territory or forces: 1; it lent bases that were struck: 0.5; it only intercepted
fire, armed or mediated: 0), times ``0.5 ** (years since it ended / 5)``; nothing older than
ten years counts, and a threat must score at least 0.5 (a display counts five years, a use
of force ten). A live rivalry weighs 1.5 (a rivalry counts once, whatever the number of
datasets that list it); a named adversary 1. The same episode in several sources counts once
(the heaviest; the others are kept as corroborating reasons of weight 0).

Reach: a state whose capability projected to the target's capital (the loss-of-strength
gradient of :mod:`foedus.scenario.capability`) is below 1% of the target's own capability at
home cannot reach it and is dropped, with a note. When NMC or capitals are not imported, reach
is unknown and nobody is dropped (the answer says so).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import polars as pl

from foedus.errors import FoedusError
from foedus.registry.conflict_layer import ConflictLayer, load_conflicts
from foedus.registry.states import state_from_gwcode
from foedus.scenario.capability import projected_to_each

if TYPE_CHECKING:
    from foedus.graph import CommitmentGraph
    from foedus.session import Session
    from foedus.store.inputs import Inputs

__all__ = [
    "HALF_LIFE_YEARS",
    "CONTIGUITY_WEIGHT",
    "EXPOSURE",
    "INVOLVEMENT",
    "MIN_SCORE",
    "REACH_FLOOR",
    "RIVALRY_WEIGHT",
    "SEVERITY",
    "WINDOW_YEARS",
    "Episode",
    "Reason",
    "Threat",
    "ThreatIndex",
    "ThreatsAnswer",
    "infer_threats",
    "threats_answer",
    "threat_scores",
]

SEVERITY = {"war": 3.0, "force": 2.0, "display": 1.0}
INVOLVEMENT = {"troops": 1.0, "strikes": 1.0, "naval": 1.0, "air_defence": 0.5, "bases": 0.5,
               "arms": 0.0, "mediation": 0.0, "target": 0.0}
RIVALRY_WEIGHT = 1.5
ADVERSARY_WEIGHT = 1.0
CONTIGUITY_WEIGHT = 0.25
HALF_LIFE_YEARS = 5.0
WINDOW_YEARS = 10.0
REACH_FLOOR = 0.01
EXPOSURE = {"troops": 1.0, "strikes": 1.0, "naval": 1.0, "target": 1.0, "bases": 0.5,
            "air_defence": 0.0, "arms": 0.0, "mediation": 0.0}
MIN_SCORE = 0.5
MID_WINDOW_YEARS = int(WINDOW_YEARS)  # kept for callers of the former module
_DAYS = 365.25
_SLACK = dt.timedelta(days=31)
_HOSTLEV = {5: "war", 4: "force", 3: "display", 2: "display"}


@dataclass(frozen=True)
class Reason:
    """One piece of evidence that ``state`` threatens the target."""

    kind: str  # conflict | ucdp | mid | rivalry | adversary | given
    text: str
    ref: str
    start: dt.date | None
    end: dt.date | None
    weight: float
    sources: tuple[str, ...]

    def to_json(self) -> dict[str, object]:
        return {"kind": self.kind, "text": self.text, "ref": self.ref,
                "start": self.start.isoformat() if self.start else None,
                "end": self.end.isoformat() if self.end else None,
                "weight": round(self.weight, 4), "sources": list(self.sources)}


@dataclass
class Threat:
    """A likely threat to the target: its score, its reasons, and whether it can reach."""

    ccode: int
    reasons: list[Reason] = field(default_factory=list)
    score: float = 0.0
    tier: int = 2  # 1: a war or use of force, a live rival, a named adversary or given
    reach: float | None = None  # projected capability / the target's own at home

    @property
    def state(self) -> int:
        return self.ccode

    @property
    def why(self) -> list[str]:
        return [r.text for r in self.reasons]

    def to_json(self) -> dict[str, object]:
        return {"ccode": self.ccode, "score": round(self.score, 4), "tier": self.tier,
                "reach": None if self.reach is None else round(self.reach, 4),
                "reasons": [r.to_json() for r in self.reasons]}


@dataclass(frozen=True)
class Episode:
    """A directed record: ``actor`` used (or displayed) force against ``target``'s side."""

    actor: int
    target: int
    kind: str
    level: str  # war | force | display | rivalry
    involvement: float
    start: dt.date
    end: dt.date | None  # None: ongoing at the source's last day
    ref: str
    text: str
    sources: tuple[str, ...]


def _day(y: int, m: int, d: int, last: bool) -> dt.date:
    """A day from MID's year, month, day (-9 unknown: the first or last of the period)."""
    if m is None or m < 1:
        return dt.date(y, 12, 31) if last else dt.date(y, 1, 1)
    if d is None or d < 1:
        if last:
            nxt = dt.date(y + (m == 12), m % 12 + 1, 1)
            return nxt - dt.timedelta(days=1)
        return dt.date(y, m, 1)
    return dt.date(y, m, d)


class ThreatIndex:
    """Every episode and rivalry the threat rule reads, built once (per session or inputs).

    Parameters
    ----------
    inputs
        The dataset inputs (None: the curated layer only).
    layer
        The curated conflicts layer (default: the bundled one).
    """

    def __init__(self, inputs: Inputs | None, layer: ConflictLayer | None = None) -> None:
        self.inputs = inputs
        self.layer = layer if layer is not None else load_conflicts()
        self.notes: list[str] = []
        self.used: dict[str, str] = {"conflicts": f"curated layer ({len(self.layer)} conflicts)"}
        self.episodes: list[Episode] = []
        self.rivalries: list[Episode] = []
        self.contiguity_last: dt.date | None = None
        self._curated()
        self._ucdp()
        self._mid()
        self._dataset_rivalries()
        self.contiguity = self._contiguity()
        self.neighbours: dict[int, list[int]] = {}
        for a, b in self.contiguity:
            self.neighbours.setdefault(b, []).append(a)
        self.by_target: dict[int, list[Episode]] = {}
        for e in self.episodes + self.rivalries:
            self.by_target.setdefault(e.target, []).append(e)

    # -- readers -------------------------------------------------------------------------
    def _table(self, ds: str, tb: str) -> pl.DataFrame | None:
        if self.inputs is None:
            return None
        try:
            return self.inputs.table(ds, tb)
        except FoedusError:
            return None

    def _curated(self) -> None:
        for c in self.layer:
            urls = tuple(u for u, _t in c.sources)
            for p in c.parties:
                inv = max((INVOLVEMENT[h] for h in p.how), default=0.0)
                for q in c.parties:
                    if q.side == p.side:
                        continue
                    # a state that only intercepted fire, armed or mediated was not attacked
                    exposed = max((EXPOSURE[h] for h in q.how), default=0.0)
                    if exposed == 0.0:
                        continue
                    start = max(p.start, q.start)
                    ends = [e for e in (p.end, q.end) if e is not None]
                    end = min(ends) if ends else None
                    if end is not None and end < start:
                        continue
                    how = "/".join(p.how)
                    text = (f"{c.level if c.level != 'force' else 'use of force'}: {c.name} "
                            f"({start}–{end or 'ongoing'}; {how})")
                    srcs = ((p.source,) if p.source else ()) + urls
                    self.episodes.append(Episode(p.ccode, q.ccode, "conflict", c.level,
                                                 inv * exposed, start, end, c.id, text, srcs))
        for r in self.layer.rivalries:
            start = dt.date(r.start, 1, 1)
            end = dt.date(r.end, 12, 31) if r.end is not None else None
            srcs = tuple(u for u, _t in r.sources) + tuple(f"conflict:{e}" for e in r.evidence)
            text = (f"strategic rival since {r.start}"
                    + (f" (to {r.end})" if r.end else " (alive)")
                    + (f"; evidence: {', '.join(r.evidence)}" if r.evidence else "")
                    + " (foedus conflicts layer)")
            for a, b in ((r.a, r.b), (r.b, r.a)):
                self.rivalries.append(Episode(a, b, "rivalry", "rivalry", 1.0, start, end,
                                              f"rivalry:{r.id}", text, srcs))

    def _ucdp(self) -> None:
        acd = self._table("ucdp-acd", "ucdp_acd")
        if acd is None:
            self.notes.append("ucdp-acd: UCDP/PRIO Armed Conflict not imported; conflicts "
                              "1946-2024 beyond the curated layer not read")
            return
        self.used["ucdp-acd"] = "UCDP/PRIO Armed Conflict 25.1"
        last_year = int(acd["year"].max())  # type: ignore[arg-type]
        f = acd.filter(pl.col("type_of_conflict").is_in(["interstate", "II"]))
        gw_cache: dict[tuple[int, int], int | None] = {}

        def cow(gw: int | None, year: int) -> int | None:
            if gw is None:
                return None
            key = (gw, year)
            if key not in gw_cache:
                try:
                    gw_cache[key] = state_from_gwcode(gw, dt.date(year, 7, 1)).ccode
                except FoedusError:
                    gw_cache[key] = None
            return gw_cache[key]

        spans: dict[tuple[int, int, int], list[tuple[int, float, dt.date, dt.date]]] = {}
        for (cid, year), g in f.group_by(["conflict_id", "year"]):
            year = int(str(year))
            a = {cow(x, year) for x in g["gwno_a"].to_list() + g["gwno_a_2nd"].to_list()}
            b = {cow(x, year) for x in g["gwno_b"].to_list() + g["gwno_b_2nd"].to_list()}
            primary = {cow(x, year) for x in g["gwno_a"].to_list() + g["gwno_b"].to_list()}
            a.discard(None)
            b.discard(None)
            if not a or not b:
                continue
            row = g.row(0, named=True)
            sev = 3.0 if row["intensity_level"] == 2 else 2.0
            s2 = row["start_date2"]
            start = s2 if s2 is not None and s2.year == year else dt.date(year, 1, 1)
            ended = row["ep_end"] == 1 and row["ep_end_date"] is not None
            end = row["ep_end_date"] if ended else dt.date(year, 12, 31)
            for x in a:
                for y in b:
                    # two states that each sent troops to a side of a third state's war did
                    # not fight each other: a pair needs a primary party
                    if x == y or (x not in primary and y not in primary):
                        continue
                    for s, t in ((x, y), (y, x)):
                        spans.setdefault((int(cid), s, t), []).append(  # type: ignore[arg-type]
                            (year, sev, start, end))
        for (cid, s, t), rows in spans.items():
            rows.sort()
            # one episode per run of consecutive years (a new episode after a gap)
            run: list[tuple[int, float, dt.date, dt.date]] = []
            for r in rows + [(10**6, 0.0, dt.date.max, dt.date.max)]:
                if run and r[0] != run[-1][0] + 1:
                    sev = max(x[1] for x in run)
                    level = "war" if sev >= 3 else "force"
                    y0, y1 = run[0][0], run[-1][0]
                    end = run[-1][3]
                    text = (f"{level if level == 'war' else 'use of force'} in UCDP armed "
                            f"conflict {cid} ({y0}–{y1}"
                            + (f", UCDP's last year {last_year}" if y1 == last_year else "")
                            + ")")
                    self.episodes.append(Episode(
                        s, t, "ucdp", level, 1.0, run[0][2], end, f"ucdp:{cid}", text,
                        ("UCDP/PRIO Armed Conflict Dataset 25.1 (Gleditsch et al. 2002; "
                         "Davies et al. 2025)",)))
                    run = []
                run.append(r)

    def _mid(self) -> None:
        b = self._table("mid", "midb")
        if b is None:
            self.notes.append("mid: COW MID not imported; disputes 1816-2014 not read")
            return
        self.used["mid"] = "COW MID 5.0 (to 2014)"
        f = b.select([pl.col(c).cast(pl.Int64) for c in
                      ("dispnum", "ccode", "sidea", "stday", "stmon", "styear", "endday",
                       "endmon", "endyear", "hostlev")])
        rows = f.rows(named=True)
        by: dict[int, list[dict[str, int]]] = {}
        for r in rows:
            by.setdefault(r["dispnum"], []).append(r)
        for disp, parts in by.items():
            for p in parts:
                level = _HOSTLEV.get(p["hostlev"])
                if level is None:
                    continue
                for q in parts:
                    if q["sidea"] == p["sidea"] or q["ccode"] == p["ccode"]:
                        continue
                    start = max(_day(p["styear"], p["stmon"], p["stday"], False),
                                _day(q["styear"], q["stmon"], q["stday"], False))
                    end = min(_day(p["endyear"], p["endmon"], p["endday"], True),
                              _day(q["endyear"], q["endmon"], q["endday"], True))
                    if end < start:
                        end = start
                    word = {"war": "war", "force": "use of force",
                            "display": "display or threat of force"}[level]
                    self.episodes.append(Episode(
                        p["ccode"], q["ccode"], "mid", level, 1.0, start, end, f"mid:{disp}",
                        f"{word} in militarised interstate dispute {disp} "
                        f"({start.year}–{end.year}, COW MID 5.0)",
                        ("COW MID 5.0 (Palmer et al. 2022)",)))

    def _dataset_rivalries(self) -> None:
        sources = (
            ("peacesciencer", "td_rivalries", "styear", "endyear",
             "Thompson & Dreyer 2011, to 2010", 2010),
            ("ucdp-acd", "tss_rivalries", "start", "end",
             "Thompson, Sakuwa & Suhas 2021, to 2020", 2020),
        )
        for ds, tb, st, en, label, last in sources:
            t = self._table(ds, tb)
            if t is None:
                self.notes.append(f"{ds}/{tb}: not imported; rivalries of {label} not read")
                continue
            self.used[f"{ds}/{tb}"] = label
            for r in t.select(pl.col("ccode1").cast(pl.Int64), pl.col("ccode2").cast(pl.Int64),
                              pl.col(st).cast(pl.Int64), pl.col(en).cast(pl.Int64)).rows():
                a, b, s, e = r
                censored = e >= last
                text = (f"strategic rival {s}–{e} ({label}"
                        + ("; the data's last year: alive after it only if the conflicts "
                           "layer says so" if censored else "") + ")")
                for x, y in ((a, b), (b, a)):
                    self.rivalries.append(Episode(x, y, "rivalry", "rivalry", 1.0,
                                                  dt.date(s, 1, 1), dt.date(e, 12, 31),
                                                  f"rivalry:{tb}:{min(a, b)}-{max(a, b)}",
                                                  text, (label,)))

    def _contiguity(self) -> dict[tuple[int, int], list[tuple[dt.date, dt.date]]]:
        """Direct contiguity spells (any type), both directions; empty when not imported."""
        out: dict[tuple[int, int], list[tuple[dt.date, dt.date]]] = {}
        t = self._table("peacesciencer", "cow_contdir")
        if t is not None:
            rows = t.select(pl.col("ccode1").cast(pl.Int64), pl.col("ccode2").cast(pl.Int64),
                            "stdate", "enddate").rows()
        else:
            c = self._table("contiguity", "contdir")
            if c is None:
                self.notes.append("contiguity: COW direct contiguity not imported; neighbours "
                                  "are not ranked above other states with the same record")
                return out
            rows = [(a, b, dt.date(int(st) // 100, int(st) % 100 or 1, 1),
                     dt.date(int(en) // 100, 12, 31))
                    for a, b, st, en in c.select(pl.col("statelno").cast(pl.Int64),
                                                 pl.col("statehno").cast(pl.Int64), "begin",
                                                 "end").rows()]
        self.used["contiguity"] = "COW direct contiguity 3.2"
        self.contiguity_last = max(r[3] for r in rows) if rows else None
        for a, b, st, en in rows:
            for x, y in ((a, b), (b, a)):
                out.setdefault((x, y), []).append((st, en))
        return out

    def contiguous(self, a: int, b: int, day: dt.date) -> bool:
        """Directly contiguous on ``day`` (past the data's last day, its last spells)."""
        spells = self.contiguity.get((a, b))
        if not spells:
            return False
        last = self.contiguity_last
        d = min(day, last) if last is not None else day
        return any(st <= d <= en for st, en in spells)

    # -- scoring -------------------------------------------------------------------------
    def reasons(self, target: int, day: dt.date) -> dict[int, list[Reason]]:
        """The weighted reasons of every state against ``target`` on ``day`` (before reach)."""
        out: dict[int, list[Reason]] = {}
        counted: dict[int, list[Episode]] = {}
        cands = [e for e in self.by_target.get(target, ()) if e.start <= day]
        weighed = [(self._weight(e, day), e) for e in cands]
        scored = [(w, e) for w, e in weighed if w is not None and w > 0]
        scored.sort(key=lambda we: (-we[0], we[1].kind != "conflict", we[1].ref))
        for w, e in scored:
            seen = counted.setdefault(e.actor, [])
            dup = any(self._overlap(e, o, day) for o in seen)
            weight = 0.0 if dup else w
            if not dup:
                seen.append(e)
            end = e.end if e.end is not None and e.end < day else None
            text = e.text + (" — corroborates a heavier record" if dup and w > 0 else "")
            out.setdefault(e.actor, []).append(
                Reason(e.kind, text, e.ref, e.start, end, weight, e.sources))
        return out

    @staticmethod
    def _overlap(e: Episode, o: Episode, day: dt.date) -> bool:
        if (e.kind == "rivalry") != (o.kind == "rivalry"):
            return False
        if e.kind == "rivalry":
            return True  # a rivalry counts once
        e_end = min(e.end or day, day)
        o_end = min(o.end or day, day)
        return e.start <= o_end + _SLACK and o.start <= e_end + _SLACK

    def _weight(self, e: Episode, day: dt.date) -> float | None:
        """The episode's weight on ``day``; None when it does not count (too old, a
        dataset rivalry past its last year, not yet begun)."""
        ongoing = e.end is None or e.end >= day
        age = 0.0 if ongoing else (day - e.end).days / _DAYS  # type: ignore[operator]
        if e.kind == "rivalry":
            if e.start > day:
                return None
            if ongoing:
                return RIVALRY_WEIGHT
            if age > WINDOW_YEARS:
                return None
            if e.ref.startswith("rivalry:") and e.ref.count(":") == 2:
                # a dataset's rivalry, ended or past the data's last year: it counts only while
                # the data say it is alive (the layer extends those that still are)
                return None
            return float(RIVALRY_WEIGHT * 0.5 ** (age / HALF_LIFE_YEARS))
        if age > WINDOW_YEARS:
            return None
        return float(SEVERITY[e.level] * e.involvement * 0.5 ** (age / HALF_LIFE_YEARS))


def _adversaries(graph: CommitmentGraph, target: int) -> dict[int, list[str]]:
    named: dict[int, dict[str, None]] = {}
    for e in graph.owed_to(target):
        for a in e.get("adversaries") or ():
            named.setdefault(int(a), {})[str(e["instrument_id"])] = None
    return {a: list(v) for a, v in named.items()}


def threat_scores(index: ThreatIndex, target: int, day: dt.date,
                  members: Iterable[int] | None = None) -> dict[int, float]:
    """The score of every state against ``target`` on ``day``, before the reach rule and
    without named adversaries: the ranking measured in docs/threats.md."""
    keep = set(members) if members is not None else None
    out: dict[int, float] = {}
    for c, rs in index.reasons(target, day).items():
        if c == target or (keep is not None and c not in keep):
            continue
        s = sum(r.weight for r in rs)
        if s > 0:
            out[c] = s
    for a in index.neighbours.get(target, ()):
        if a != target and (keep is None or a in keep) and index.contiguous(a, target, day):
            out[a] = out.get(a, 0.0) + CONTIGUITY_WEIGHT
    return out


def reach_ratios(inputs: Inputs | None, target: int, states: list[int],
                 day: dt.date) -> dict[int, float]:
    """Each state's CINC projected to ``target``'s capital over the target's own at home
    (NaN when unknown)."""
    if not states:
        return {}
    codes = np.array([target, *states], dtype=np.int64)
    cap, proj = projected_to_each(inputs, codes, day)
    home = proj[0, 0]
    out = {}
    for i, s in enumerate(states, start=1):
        v = proj[i, 0]
        out[s] = float(v / home) if home and home > 0 and not math.isnan(v) else math.nan
    return out


def infer_threats(session: Session, target: int, on: dt.date, *,
                  graph: CommitmentGraph | None = None, members: set[int] | None = None,
                  index: ThreatIndex | None = None, abb: dict[int, str] | None = None,
                  notes: list[str] | None = None) -> list[Threat]:
    """Likely threats to ``target`` on ``on``, best first, each with its reasons.

    Parameters
    ----------
    session
        Gives the datasets (imported ones are read), the states and the graph of the day.
    graph, members, index, abb
        Built from the session when not given (pass them when asking about many targets).
    notes
        When given, receives the notes (datasets not imported, states dropped for reach).
    """
    if index is None:
        index = ThreatIndex(session.optional_inputs)
    if members is None:
        members = {s.ccode for s in session.states.members_on(on)}
    if abb is None:
        abb = {s.ccode: s.abb for s in session.states}
    if graph is None:
        graph = session.graph(on)
    found: dict[int, Threat] = {}
    for c, rs in index.reasons(target, on).items():
        if c == target or c not in members:
            continue
        found[c] = Threat(c, list(rs))
    name = abb.get(target, str(target))
    for c, t in found.items():
        if index.contiguous(c, target, on):
            t.reasons.append(Reason("contiguity", f"a neighbour of {name} (COW direct "
                                    "contiguity)", "contiguity", None, None, CONTIGUITY_WEIGHT,
                                    ("COW Direct Contiguity 3.2 (Stinnett et al. 2002)",)))
    for a, ids in _adversaries(graph, target).items():
        if a == target or a not in members:
            continue
        shown = ", ".join(ids[:3]) + (f" and {len(ids) - 3} more" if len(ids) > 3 else "")
        found.setdefault(a, Threat(a)).reasons.append(Reason(
            "adversary", f"named as the adversary by {len(ids)} "
            f"{'instrument' if len(ids) == 1 else 'instruments'} owed to {name} "
            f"({shown})", ids[0], None, None, ADVERSARY_WEIGHT, tuple(f"instrument:{i}"
                                                                      for i in ids)))
    for t in found.values():
        t.score = sum(r.weight for r in t.reasons)
        firm = any(r.weight > 0 and (r.kind in ("rivalry", "adversary")
                                     or (r.kind != "rivalry" and "display" not in r.text))
                   for r in t.reasons)
        t.tier = 1 if firm else 2
        t.reasons.sort(key=lambda r: -r.weight)
    cands = [t for t in found.values() if t.score >= MIN_SCORE]
    kept = _within_reach(index, target, on, cands, abb, notes)
    kept.sort(key=lambda t: (-t.score, t.tier, abb.get(t.ccode, "")))
    return kept


def _within_reach(index: ThreatIndex, target: int, on: dt.date, cands: list[Threat],
                  abb: dict[int, str], notes: list[str] | None) -> list[Threat]:
    """The candidates that can reach ``target`` (a named adversary always stays), each with
    its reach; the others are named in ``notes``."""
    name = abb.get(target, str(target))
    ratios = reach_ratios(index.inputs, target, [t.ccode for t in cands], on)
    kept: list[Threat] = []
    dropped = []
    for t in cands:
        r = ratios.get(t.ccode, math.nan)
        t.reach = None if math.isnan(r) else r
        if t.reach is not None and t.reach < REACH_FLOOR and not any(
                x.kind == "adversary" for x in t.reasons):
            dropped.append(abb.get(t.ccode, str(t.ccode)))
            continue
        kept.append(t)
    if notes is not None:
        notes.extend(index.notes)
        if dropped:
            notes.append(f"not threats to {name} for want of reach (capability projected to "
                         f"it under {REACH_FLOOR:.0%} of its own): {', '.join(sorted(dropped))}")
        if all(math.isnan(v) for v in ratios.values()) and ratios:
            notes.append("reach unknown (NMC or capitals not imported): no threat dropped "
                         "for reach")
    return kept


@dataclass
class ThreatsAnswer:
    """``foedus threats``: the inferred threats to a state on a day, with the rule's notes."""

    payload: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        return self.payload


def threats_answer(session: Session, target: str | int, on: dt.date) -> ThreatsAnswer:
    """The threats to ``target`` on ``on`` as a typed answer (states as JSON, reasons with
    their weights, dates and sources; the datasets read and the notes)."""
    st = session.states.lookup(target)
    index = ThreatIndex(session.optional_inputs)
    notes: list[str] = []
    found = infer_threats(session, st.ccode, on, index=index, notes=notes)
    rows = []
    for t in found:
        row = dict(t.to_json())
        row.pop("ccode")
        rows.append({"state": dict(session.states.by_code(t.ccode).to_json()), **row})
    return ThreatsAnswer({
        "target": dict(st.to_json()), "on": on.isoformat(), "threats": rows,
        "datasets": {"read": dict(index.used), "notes": notes},
        "rule": {"severity": SEVERITY, "involvement": INVOLVEMENT, "exposure": EXPOSURE,
                 "rivalry": RIVALRY_WEIGHT, "adversary": ADVERSARY_WEIGHT,
                 "contiguity": CONTIGUITY_WEIGHT,
                 "half_life_years": HALF_LIFE_YEARS, "window_years": WINDOW_YEARS,
                 "min_score": MIN_SCORE, "reach_floor": REACH_FLOOR},
    })
