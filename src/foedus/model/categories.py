"""What a commitment owed to a victim becomes when it fires: its category.

Why: "who is bound?" depends on the kind of promise and its legal force, never on the pair of
states, so each commitment's category is computed once per graph (one vectorised expression)
and every rule — one pair, all pairs, a scenario round — reads the same column.

Categories of a commitment owed to the target of an armed attack (in order of precedence):

0. ``restraint`` — an assurance of restraint (``aim = "restraint"``: a promise to refrain,
   e.g. not to deploy nuclear weapons on new members' territory): never support.
0a. ``dormant`` — a formal-only promise whose machinery is gone (the Åland convention's
   guarantee through the League Council since 1946): still in force, listed, never bound.
0b. none — a clause whose *object* (the states whose violation engages it) does not include
   the beneficiary: the Laos declaration's consultation owed to India engages only for a
   violation of Laos, never for an attack on India.
1. ``presumed`` — an ATOP commitment in force when ATOP ends (2018) of an alliance the
   registry does not curate: presumed in force, never counted as a duty.
2. none — nonaggression and offense promises: a third party's promise not to attack the
   victim, or to join a war the victim starts, does not fire on an attack by someone else.
3. ``consult`` — consultation, or any binding promise whose strength is only consultative.
4. ``assurances`` — political commitments and assurances: an expectation of support, not a
   legal duty.
5. ``bound`` — defense or guarantee with binding legal force (treaty, executive agreement,
   unilateral declaration), automatic or discretionary.
6. ``neutral`` — a binding promise to stay neutral toward the victim.
7. ``aid`` — a binding promise of military aid short of defense.
"""

from __future__ import annotations

from typing import Any

import polars as pl

from foedus.model.schema import BINDING

__all__ = ["CATEGORIES", "category_of", "category_expr", "covers", "covers_expr"]

CATEGORIES = ("bound", "consult", "neutral", "assurances", "aid", "presumed", "restraint",
              "dormant")


def covers(obj: Any, state: int) -> bool:
    """Does a clause with object ``obj`` (states; empty or None: any) cover ``state``?"""
    named = list(obj or ())
    return not named or state in named


def covers_expr(state: Any = None) -> pl.Expr:
    """:func:`covers` as a polars expression: the clause's ``object`` is empty or holds
    ``state`` (an expression; default the commitment's own beneficiary)."""
    who = pl.col("beneficiary") if state is None else state
    obj = pl.col("object")
    return (obj.is_null() | (obj.list.len() == 0) | obj.list.contains(who)).fill_null(True)


def category_of(kind: str, strength: str | None, legal_force: str,
                presumed: bool = False, aim: str | None = "support", *,
                dormant: bool | None = False, obj: Any = None,
                beneficiary: int | None = None) -> str | None:
    """The category of one commitment (the scalar twin of :func:`category_expr`)."""
    binding = legal_force in BINDING
    if aim == "restraint":
        return "restraint"
    if dormant:
        return "dormant"
    if beneficiary is not None and not covers(obj, beneficiary):
        return None
    if presumed:
        return "presumed"
    if kind in ("nonaggression", "offense"):
        return None
    if kind == "consultation" or (strength == "consultative" and binding
                                  and kind not in ("assurance", "military_aid")):
        return "consult"
    if legal_force == "political" or kind == "assurance":
        return "assurances"
    if kind in ("defense", "guarantee"):
        return "bound" if binding else "assurances"
    if kind == "neutrality":
        return "neutral"
    return "aid"


def category_expr() -> Any:
    """:func:`category_of` as one polars expression over a graph's columns."""
    kind, strength, force = pl.col("kind"), pl.col("strength"), pl.col("legal_force")
    binding = force.is_in(sorted(BINDING))
    return (
        pl.when(pl.col("aim") == "restraint").then(pl.lit("restraint"))
        .when(pl.col("dormant").fill_null(False)).then(pl.lit("dormant"))
        .when(~covers_expr()).then(pl.lit(None, dtype=pl.Utf8))
        .when(pl.col("presumed")).then(pl.lit("presumed"))
        .when(kind.is_in(["nonaggression", "offense"])).then(pl.lit(None, dtype=pl.Utf8))
        .when((kind == "consultation")
              | ((strength == "consultative") & binding
                 & ~kind.is_in(["assurance", "military_aid"]))).then(pl.lit("consult"))
        .when((force == "political") | (kind == "assurance")).then(pl.lit("assurances"))
        .when(kind.is_in(["defense", "guarantee"]))
        .then(pl.when(binding).then(pl.lit("bound")).otherwise(pl.lit("assurances")))
        .when(kind == "neutrality").then(pl.lit("neutral"))
        .otherwise(pl.lit("aid"))
        .alias("category")
    )
