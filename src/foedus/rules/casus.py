"""Casus foederis: which commitments an armed attack engages — for one pair or all pairs.

Why: these are the rules every question stands on (``defenders``, scenarios, sweeps, the
guarantor finder). They are pure functions of a :class:`~foedus.graph.CommitmentGraph`: the
same code answers one pair, every pair of the day, an edited architecture, or runs on a worker
that never saw the store.

The rules (docs/rules.md gives them with their sources):

1. A commitment owed to the target fires on an armed attack by the attacker unless it names
   adversaries and the attacker is not among them. The attacker's own promises to the target
   never defend it: they are *violated*.
2. What a fired commitment becomes is its category (:mod:`foedus.model.categories`): bound,
   consult, neutral, assurances, aid, or presumed.
3. A state bound to defend the target is listed once as bound: its weaker promises to the
   target (consultation, neutrality, aid) are not listed again.
4. Conflict of obligations (the one test of :mod:`foedus.rules.conflicts`): a state bound
   to defend the target that owes the attacker a binding neutrality or offense promise, or a
   state bound to neutrality toward the target that owes the attacker an offense promise. A
   pledge owed to the aggressor that fires only for a victim (defense, guarantee,
   nonaggression) does not bear on a war it started, so it is never a conflict; nor does a
   promise to the attacker that names other adversaries (not the target) or whose object is
   another state; presumed and dormant commitments are not binding facts and never count.
   Both sides are listed.
5. The attack falls on the target's home territory: territorial, specific-war and free-text
   conditions are shown with each commitment for the reader to weigh, not evaluated.
6. Object: a clause whose object (the states whose violation engages it) does not include
   the target does not fire (not triggered, with the reason); a dormant promise is listed
   under ``dormant``, never as bound.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import polars as pl

from foedus.graph import CommitmentGraph
from foedus.model.categories import CATEGORIES, covers
from foedus.rules.conflicts import CLASHES, clashes, firm_expr
from foedus.rules.trigger import fires

__all__ = ["Hit", "Engagement", "engaged", "engaged_all", "fires", "ENGAGED_COLUMNS"]

Record = dict[str, Any]


@dataclass(frozen=True)
class Hit:
    """One commitment an attack engages, why, and (for conflicts) on which side."""

    edge: Record
    reason: str
    side: str | None = None

    @property
    def obligor(self) -> int:
        return int(self.edge["obligor"])

    def key(self) -> tuple[int, str, str]:
        return (self.obligor, self.edge["instrument_id"], self.edge["kind"])


@dataclass(frozen=True)
class Engagement:
    """Everything an armed attack by ``attacker`` on ``target`` engages, by category."""

    target: int
    attacker: int
    bound: list[Hit] = field(default_factory=list)
    consult: list[Hit] = field(default_factory=list)
    neutral: list[Hit] = field(default_factory=list)
    assurances: list[Hit] = field(default_factory=list)
    aid: list[Hit] = field(default_factory=list)
    presumed: list[Hit] = field(default_factory=list)
    restraint: list[Hit] = field(default_factory=list)
    dormant: list[Hit] = field(default_factory=list)
    conflicted: list[Hit] = field(default_factory=list)
    violated: list[Hit] = field(default_factory=list)
    not_triggered: list[Hit] = field(default_factory=list)

    def bound_obligors(self) -> list[int]:
        return sorted({h.obligor for h in self.bound})


def _why_fires(e: Record, attacker: int) -> str:
    what = f"{e['kind']} ({e['legal_force']}{', ' + e['strength'] if e['strength'] else ''})"
    named = e.get("adversaries") or []
    if named:
        return f"{what}; the attacker ({attacker}) is a named adversary"
    return f"{what}; names no adversary, so any armed attack engages it"


def engaged(graph: CommitmentGraph, target: int, attacker: int) -> Engagement:
    """What an armed attack by ``attacker`` on ``target`` engages on the graph's day."""
    out = Engagement(target, attacker)
    cats: dict[str, list[Hit]] = {"bound": out.bound, "consult": out.consult,
                                  "neutral": out.neutral, "assurances": out.assurances,
                                  "aid": out.aid, "presumed": out.presumed,
                                  "restraint": out.restraint, "dormant": out.dormant}
    for e in graph.owed_to(target):
        if e["obligor"] == attacker:
            out.violated.append(Hit(e, "owed by the attacker to its victim"))
            continue
        if not fires(e["adversaries"], attacker):
            named = ", ".join(str(a) for a in e["adversaries"])
            out.not_triggered.append(Hit(e, f"directed only against {named}"))
            continue
        cat = e["category"]
        if cat is None and not covers(e.get("object"), target):
            named = ", ".join(str(a) for a in e["object"])
            out.not_triggered.append(Hit(e, f"its object is {named}: it engages only for a "
                                            "violation of that state, not of the target"))
            continue
        if cat is None:
            out.not_triggered.append(
                Hit(e, f"{e['kind']}: does not fire on an attack by a third state"))
            continue
        cats[cat].append(Hit(e, _why_fires(e, attacker)))
    bound = {h.obligor for h in out.bound}
    for cat in ("consult", "neutral", "aid"):
        cats[cat][:] = [h for h in cats[cat] if h.obligor not in bound]
    out.conflicted.extend(_conflicts(graph, out, target, attacker))
    for hits in (*cats.values(), out.violated):
        hits.sort(key=Hit.key)
    return out


def _conflicts(graph: CommitmentGraph, out: Engagement, target: int,
               attacker: int) -> list[Hit]:
    to_attacker = [a for a in graph.owed_to(attacker) if a["obligor"] != target]
    found: dict[tuple[Any, ...], Hit] = {}
    for cat, hits in (("bound", out.bound), ("neutral", out.neutral)):
        for h in hits:
            against = [a for a in to_attacker
                       if a["obligor"] == h.obligor and clashes(cat, a, target)]
            if not against:
                continue
            mine = Hit(h.edge, f"{cat} toward the target, but owes the attacker "
                       + ", ".join(sorted({a['kind'] for a in against})), "target")
            found.setdefault(_conflict_key(mine), mine)
            for a in against:
                theirs = Hit(a, f"owed to the attacker; clashes with being {cat} toward the "
                             "target", "attacker")
                found.setdefault(_conflict_key(theirs), theirs)
    return sorted(found.values(), key=lambda h: (h.obligor, h.side or "",
                                                 h.edge["instrument_id"], h.edge["kind"]))


def _conflict_key(h: Hit) -> tuple[Any, ...]:
    return (h.obligor, h.side, h.edge["instrument_id"], h.edge["kind"], h.edge["article"])


# -- all pairs at once ------------------------------------------------------------------------
ENGAGED_COLUMNS = ("target", "attacker", "category", "obligor", "beneficiary", "instrument_id",
                   "kind", "article", "side", "row")


def engaged_all(graph: CommitmentGraph, pairs: Any) -> pl.DataFrame:
    """:func:`engaged` for many (target, attacker) pairs in one vectorised pass.

    ``pairs`` is a frame (or a sequence of tuples) of ``target, attacker`` COW codes.
    Returns one row per engaged commitment: ``target, attacker, category`` (one of the
    categories, ``conflicted`` or ``violated``), ``obligor, beneficiary, instrument_id, kind,
    article``, ``side`` (conflicts only) and ``row`` (the edge's row in ``graph.edges``).

    The heavy joins carry integers only (pairs × edges owed to the target runs to millions of
    rows for a whole state system); text columns are joined back by ``row`` at the end.
    """
    p = pairs if isinstance(pairs, pl.DataFrame) else pl.DataFrame(
        list(pairs), schema={"target": pl.Int32, "attacker": pl.Int32}, orient="row")
    p = p.select(pl.col("target").cast(pl.Int32), pl.col("attacker").cast(pl.Int32)).unique()
    edges = graph.edges.with_row_index("row")
    cat_names = list(CATEGORIES)
    kinds = sorted(set(edges["kind"].to_list()))
    e = edges.select(
        "row", "obligor", "beneficiary",
        pl.col("category").replace_strict(cat_names, range(len(cat_names)), default=None,
                                          return_dtype=pl.Int8).alias("cat"),
        pl.col("kind").replace_strict(kinds, range(len(kinds)), return_dtype=pl.Int8),
        (pl.col("adversaries").list.len() > 0).alias("conditional"),
        firm_expr().alias("firm"))
    named = edges.select("row", pl.col("adversaries").alias("named")).explode("named") \
        .drop_nulls("named")
    keys = ["target", "attacker"]

    def meets(frame: pl.DataFrame, who: str) -> pl.DataFrame:
        """Rows whose commitment names no adversary, or names ``who``."""
        cond = frame.filter(pl.col("conditional"))
        if cond.is_empty():
            return frame
        ok = cond.join(named, left_on=["row", who], right_on=["row", "named"], how="semi")
        return pl.concat([frame.filter(~pl.col("conditional")), ok])

    owed = p.join(e, left_on="target", right_on="beneficiary", how="inner")
    violated = owed.filter(pl.col("obligor") == pl.col("attacker"))
    fired = meets(owed.filter((pl.col("obligor") != pl.col("attacker"))
                              & pl.col("cat").is_not_null()), "attacker")
    bound_code = cat_names.index("bound")
    weaker = pl.col("cat").is_in([cat_names.index(c) for c in ("consult", "neutral", "aid")])
    bound_obligors = fired.filter(pl.col("cat") == bound_code).select(*keys, "obligor")
    fired = pl.concat([
        fired.filter(~weaker),
        fired.filter(weaker).join(bound_obligors, on=[*keys, "obligor"], how="anti"),
    ])
    to_attacker = meets(
        p.join(e.filter(pl.col("firm")), left_on="attacker", right_on="beneficiary",
               how="inner").filter(pl.col("obligor") != pl.col("target")), "target")
    conflicts = []
    by = [*keys, "obligor"]
    for cat, clashing in CLASHES.items():
        mine = fired.filter(pl.col("cat") == cat_names.index(cat))
        theirs = to_attacker.filter(pl.col("kind").is_in([kinds.index(k) for k in clashing
                                                          if k in kinds]))
        if mine.is_empty() or theirs.is_empty():
            continue
        conflicts.append(mine.join(theirs.select(by).unique(), on=by, how="semi")
                         .select(*keys, "row", pl.lit("target").alias("side")))
        conflicts.append(theirs.join(mine.select(by).unique(), on=by, how="semi")
                         .select(*keys, "row", pl.lit("attacker").alias("side")))
    # text columns are gathered by row (no hash join); a conflict's identity for de-duplication
    # (obligor, side, instrument, kind, article) is one integer per edge.
    text = edges.select("obligor", "beneficiary", "instrument_id", "kind", "article")
    ekey = edges.select(pl.struct("obligor", "instrument_id", "kind", "article")
                        .rank("dense").alias("ekey"))["ekey"]

    def attach(frame: pl.DataFrame, category: pl.Expr) -> pl.DataFrame:
        rows = frame["row"]
        return pl.concat([frame.select(*keys, category.alias("category")),
                          text.select(pl.all().gather(rows)), frame.select("side", "row")],
                         how="horizontal")

    parts = [
        attach(fired.with_columns(pl.lit(None, dtype=pl.Utf8).alias("side")),
               pl.col("cat").replace_strict(range(len(cat_names)), cat_names,
                                            return_dtype=pl.Utf8)),
        attach(violated.with_columns(pl.lit(None, dtype=pl.Utf8).alias("side")),
               pl.lit("violated")),
    ]
    if conflicts:
        both = pl.concat(conflicts)
        both = both.with_columns(ekey.gather(both["row"]).alias("ekey")) \
            .unique(subset=[*keys, "side", "ekey"], keep="first", maintain_order=True)
        parts.append(attach(both, pl.lit("conflicted")))
    # integer keys only: the graph's row order already follows instrument, obligor and kind
    return pl.concat(parts).sort("target", "attacker", "category", "obligor", "row")
