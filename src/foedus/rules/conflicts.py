"""Conflict of obligations: the one test of whether a promise to the other side clashes with a duty.

Why one module: a state bound to defend the target that owes the attacker a binding promise is
torn, and every question that meets it must say so the same way — who is engaged
(:func:`foedus.rules.engaged`, one pair; :func:`foedus.rules.engaged_all`, every pair), who
enters a war (:mod:`foedus.rules.war`, the scenario's and the sweeps' cascade), and who could
guarantee a state (:mod:`foedus.advise.guarantors`). The test is declared here once, as a
scalar test over one commitment record and as polars expressions and tables for the
vectorised callers.

The test (docs/rules.md, rule 4):

* a duty toward the victim can clash: ``bound`` (a binding defense or guarantee) or
  ``neutral`` (a binding neutrality promise) — :data:`CLASHES`;
* with a promise its obligor owes a state on the other side, when that promise is *firm*
  (binding legal force, known to be in force: never presumed; operative: never dormant) and
  of a clashing kind. A pledge owed to the aggressor that fires only for a victim does not
  bear on a war the aggressor started, so it is never a conflict (docs/rules.md §4.4): a
  defense or guarantee owed to the attacker does not fire when it attacks (the Arab League's
  pledges to Iraq on 2 August 1990), and a nonaggression promise to it does not forbid
  collective self-defence against its aggression (UN Charter Art. 51). What binds whatever
  the attacker does clashes: defending the victim breaks a neutrality promise (not to join a
  war against the partner) or an offense promise (to join its war) to the attacker; staying
  neutral toward the victim collides with an offense promise to the attacker;
* and the promise bears on this war: it names no adversary, or names the victim (a promise
  to the attacker directed against some third state does not clash), and its object (the
  states whose violation engages it, docs/rules.md §4.6) includes the state it is owed to.

The cascade adds two consequences of the same facts: an offense promise does not bring its
obligor into a war on a state it owes a firm defense, guarantee, neutrality or nonaggression
promise (:data:`OFFENSE_CLASHES`: that state is then a victim), and a firm neutrality or
nonaggression promise blocks joining the attackers against the target it is owed to
(:data:`ABSTAIN`), a firm neutrality promise blocks joining the defenders against the
attacker it is owed to (:data:`ABSTAIN_AGGRESSOR`: a nonaggression promise to an aggressor
does not forbid collective self-defence against it).
"""

from __future__ import annotations

from typing import Any

import polars as pl

from foedus.model.categories import covers, covers_expr
from foedus.model.schema import BINDING
from foedus.rules.trigger import fires

__all__ = ["CLASHES", "OFFENSE_CLASHES", "ABSTAIN", "ABSTAIN_AGGRESSOR", "firm", "firm_expr",
           "bears_on", "bears_on_expr", "clashes", "clash_table"]

Record = dict[str, Any]

# What a firm promise to the other side collides with, by the duty toward the victim.
CLASHES: dict[str, frozenset[str]] = {
    "bound": frozenset({"neutrality", "offense"}),
    "neutral": frozenset({"offense"}),
}
# Firm promises to a state that keep an offense promise's obligor out of a war on it.
OFFENSE_CLASHES: frozenset[str] = frozenset({"defense", "guarantee", "neutrality",
                                             "nonaggression"})
# Firm promises that block joining the attackers against the target they are owed to.
ABSTAIN: frozenset[str] = frozenset({"neutrality", "nonaggression"})
# Firm promises that block joining the defenders against the attacker they are owed to.
ABSTAIN_AGGRESSOR: frozenset[str] = frozenset({"neutrality"})


def firm(e: Record) -> bool:
    """The commitment binds (treaty, executive agreement, unilateral declaration), is known
    to be in force (not presumed), operative (not dormant) and its object includes the state
    it is owed to."""
    return (e["legal_force"] in BINDING and not e["presumed"] and not e.get("dormant")
            and covers(e.get("object"), e["beneficiary"]))


def firm_expr() -> pl.Expr:
    """:func:`firm` as a polars expression over a graph's columns: what a duty that can clash
    with another, or block joining, must be."""
    return (pl.col("legal_force").is_in(sorted(BINDING)) & ~pl.col("presumed")
            & ~pl.col("dormant").fill_null(False) & covers_expr())


def bears_on(e: Record, victim: int) -> bool:
    """A promise to the other side bears on a war on ``victim``: it is firm and names no
    adversary, or names ``victim``."""
    return firm(e) and fires(e["adversaries"], victim)


def bears_on_expr(victim: pl.Expr) -> pl.Expr:
    """The adversary half of :func:`bears_on` as a polars expression (rows already firm): the
    promise names no adversary, or names ``victim``."""
    return ((pl.col("adversaries").list.len().fill_null(0) == 0)
            | pl.col("adversaries").list.contains(victim))


def clashes(duty: str, e: Record, victim: int) -> bool:
    """The conflict test for one promise: does ``e``, owed to a state on the other side,
    clash with a ``duty`` (``bound`` or ``neutral``) toward ``victim``?"""
    return duty in CLASHES and e["kind"] in CLASHES[duty] and bears_on(e, victim)


def clash_table() -> pl.DataFrame:
    """:data:`CLASHES` as rows ``category, kind`` (for a join)."""
    return pl.DataFrame([(cat, k) for cat, kinds in CLASHES.items() for k in sorted(kinds)],
                        schema={"category": pl.Utf8, "kind": pl.Utf8}, orient="row")
