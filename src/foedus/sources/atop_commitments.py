"""ATOP member-level obligations as directed commitments and directed dyad-years.

Why: ATOP codes what each member of each alliance phase promises (``defense``, ``offense``,
``neutral``, ``nonagg``, ``consul``) and under which conditions, but not to whom. foedus needs
directed edges ``obligor -> beneficiary``: dated (:func:`commitments_from_member`) for as-of
queries, and by year (:func:`ddy_from_member`) for researcher datasets, where ``ccode1`` owes
the pledge to ``ccode2`` exactly as in ATOP's own directed dyad-year file (``atop5_1ddyr``),
which peacesciencer ships as ``atop_alliance``.

Rules (docs/atop.md has the reasoning; tests/sources/test_atop.py holds them):

* **Who owes whom.** A member coded 1 on an obligation owes it to every other member of the
  same alliance phase while both are members. Members of different phases of one alliance are
  never paired (phases 2 and 3 of the alliances Czechoslovakia bequeathed in 1993 run side by
  side, one per successor state).
* **Asymmetric alliances.** ``asymm`` = 1 says members owe different things; that is already
  in the per-member codes (a guarantee such as the 1855 Treaty of Stockholm codes Britain and
  France with ``defense`` = 1 and Sweden-Norway with 0, so Sweden owes no defense). ``obvary``
  = 1 says a member owes *different things to different partners*, which the member file
  cannot express. For those members foedus applies :data:`OBVARY_PARTNERS`, a table naming,
  per alliance and obligation, the members it is owed to, taken from the treaty structure
  (guarantors owe defense to the guaranteed, not to each other; Locarno's nonaggression binds
  Belgium, France and Germany only, its guarantee runs from Britain and Italy);
  :data:`OBVARY_OWED_TO_NONE` lists the one coded pledge that can never fire (Germany's under
  Locarno). An ``obvary`` member whose alliance and obligation are in neither table owes it
  to every partner.
* **Dates.** ATOP records signature, not entry into force (codebook, YRENT), and exit as the
  day the alliance ends for the member; where one phase ends and the next begins both carry
  the same day, so the exit day is read as the first day no longer bound (half-open,
  docs/rules.md §2 rule 3). ATOP never leaves a month unknown; an unknown day is an empty
  cell. An unknown entry day becomes the 1st of the month, an unknown exit day the 1st of the
  next month (the member is kept for the whole month); ``valid_from_precision`` and
  ``valid_to_precision`` say ``month``. A member still in an alliance on 2018-12-31
  (``yrexit`` = 0) has ``valid_to`` = null and ``known_until`` = 2019-01-01: after that ATOP
  knows nothing.
* **Directed dyad-years** follow ATOP's year rules: a pair is in a year when both members'
  entry-exit years cover it, unless one left before the other joined within one year; in a
  year in which an alliance changes phase, the pair carries the obligations of the latest
  phase. Flags are OR-ed across alliances. A condition column is 1 only when every alliance
  giving that pledge in that dyad-year makes it conditional (a conditional and an
  unconditional pledge together are an unconditional pledge), null when there is no pledge.
* **States.** Rows whose member code is not a COW code (France-Annam 1874-83, ATOP 1320,
  Annam 8152) are dropped, as ATOP's own dyadic files drop them.
* **Legal force** is ``treaty``: ATOP admits only written agreements "with legal force",
  signed by at least two states; under the Vienna Convention (Art. 2(1)(a)) an exchange of
  notes or executive agreement governed by international law is a treaty whatever its name.
  Whether domestic ratification was required is kept in ``estmode``.
* **Strength.** ATOP does not distinguish automatic assistance from "such action as it deems
  necessary" (``active`` only says some member promised military support), so defense,
  offense, neutrality and nonaggression have ``strength`` null; consultation is
  ``consultative`` by definition.
"""

from __future__ import annotations

import polars as pl

from foedus.model.schema import ATOP_KNOWN_UNTIL, ATOP_PLEDGE_KIND, ATOP_PLEDGES, ATOP_YEARS
from foedus.registry.atop_names import atop_names

__all__ = [
    "KINDS",
    "KIND_NAMES",
    "CONDITIONS",
    "OBVARY_PARTNERS",
    "OBVARY_OWED_TO_NONE",
    "KNOWN_UNTIL",
    "members_from_atop",
    "pairs_from_members",
    "ddy_from_member",
    "commitments_from_member",
]

KINDS = ATOP_PLEDGES
"""ATOP's obligation variables, in the order of the ``atop_*`` flag columns
(:data:`foedus.model.schema.ATOP_PLEDGES`)."""

KIND_NAMES = ATOP_PLEDGE_KIND
"""ATOP obligation variable -> foedus :class:`foedus.model.Kind` value
(:data:`foedus.model.schema.ATOP_PLEDGE_KIND`)."""

CONDITIONS: dict[str, tuple[str, ...]] = {
    "defense": ("defcon", "defcoadv", "defcoloc", "defcocon", "defconum", "defcodem",
                "defconpr"),
    "offense": ("offcon", "offcoadv", "offcoloc", "offcocon", "offconum", "offcodem"),
    "neutral": ("neucon", "neucoadv", "neucoloc", "neucocon", "neuconum", "neucodem",
                "neuconpr", "neucoatt"),
    "nonagg": (),
    "consul": ("concon", "concoadv", "concoloc", "concocon", "concoreq"),
}
"""Per obligation, its summary flag and ATOP's condition variables (codebook 2.33)."""

OBVARY_PARTNERS: dict[tuple[int, str], frozenset[int]] = {
    # Quadruple Alliance 1834: Britain and Spain (and Portugal from phase 2) act for the
    # Iberian thrones; defense is owed to Spain and Portugal, not to Britain or France.
    (1100, "defense"): frozenset({230, 235}),
    # London Convention 1840 against Mehmet Ali: the four powers defend the Ottoman Empire;
    # the naval action (offense) binds Britain, Austria and the Ottoman Empire to each other.
    (1110, "defense"): frozenset({640}),
    (1110, "offense"): frozenset({200, 300, 640}),
    # Intervention in Portugal 1847: Britain, France and Spain support the Portuguese crown.
    (1120, "defense"): frozenset({235}),
    # Crimean alliance 1854 (Sardinia from 1855): defense of the Ottoman Empire.
    (1160, "defense"): frozenset({640}),
    # Treaty of Stockholm 1855: Britain and France guarantee Sweden-Norway.
    (1190, "defense"): frozenset({380}),
    # 1859: Brazil and Argentina guarantee Uruguay.
    (1205, "defense"): frozenset({165}),
    # 1862: the middle German states pledge defense and neutrality to Austria.
    (1227, "defense"): frozenset({300}),
    (1227, "neutral"): frozenset({300}),
    # Triple Alliance renewals 1887-1915: Germany's offensive promise is to Italy only.
    (1350, "offense"): frozenset({325}),
    # Alliance with Romania 1883 (Italy acceded 1888, consultation only): defense among
    # Germany, Austria-Hungary and Romania.
    (1355, "defense"): frozenset({255, 300, 360}),
    # Locarno 1925: Britain and Italy guarantee the Belgian-German and Franco-German
    # frontiers; nonaggression binds Belgium, France and Germany among themselves.
    (2130, "defense"): frozenset({211, 220, 255}),
    (2130, "nonagg"): frozenset({211, 220, 255}),
    # Protocol of Sevres 1956: Britain's neutrality promise is to Israel.
    (3322, "neutral"): frozenset({666}),
}
"""``(atopid, obligation) -> beneficiaries`` for members coded ``obvary`` = 1 (see above)."""

OBVARY_OWED_TO_NONE: frozenset[tuple[int, str, int]] = frozenset({
    # Locarno 1925: Germany is coded defense = 1 (Art. 4 binds every party to aid the victim
    # of a violation of Arts. 1-2), but the frontiers guaranteed are all Germany's own, so the
    # pledge can never fire for Germany; ATOP's dyad file gives Germany no defense pledge.
    (2130, "defense", 255),
})
"""``(atopid, obligation, obligor)``: an ``obvary`` member's coded obligation owed to no one."""

KNOWN_UNTIL = pl.lit(ATOP_KNOWN_UNTIL, dtype=pl.Date)
_LAST_YEAR = ATOP_YEARS[1]
_SOURCE_URL = "http://www.atopdata.org/data.html"


def members_from_atop(member: pl.DataFrame) -> pl.DataFrame:
    """Member spells with dates: one row per member per alliance phase (COW codes only).

    Adds ``start``/``end`` (half-open; ``end`` null = in effect on 2018-12-31),
    ``start_precision``/``end_precision`` and the year span ``y0``..``y1``.
    """
    m = member.filter(pl.col("member") < 1000)
    next_month = pl.col("moexit") % 12 + 1
    next_year = pl.col("yrexit") + (pl.col("moexit") == 12).cast(pl.Int64)
    return m.with_columns(
        start=pl.date(pl.col("yrent"), pl.col("moent"), pl.col("dayent").fill_null(1)),
        start_precision=pl.when(pl.col("dayent").is_null()).then(pl.lit("month"))
        .otherwise(pl.lit("day")),
        end=pl.when(pl.col("yrexit") == 0).then(pl.lit(None, dtype=pl.Date))
        .when(pl.col("dayexit").is_null()).then(pl.date(next_year, next_month, 1))
        .otherwise(pl.date(pl.col("yrexit"), pl.col("moexit"), pl.col("dayexit"))),
        end_precision=pl.when(pl.col("yrexit") == 0).then(pl.lit(None, dtype=pl.Utf8))
        .when(pl.col("dayexit").is_null()).then(pl.lit("month")).otherwise(pl.lit("day")),
        y0=pl.col("yrent"),
        y1=pl.when(pl.col("yrexit") == 0).then(pl.lit(_LAST_YEAR)).otherwise(pl.col("yrexit")),
    )


def _partner_table() -> pl.DataFrame:
    return pl.DataFrame(
        [{"atopid": a, "kind": k, "member_b": b}
         for (a, k), bs in OBVARY_PARTNERS.items() for b in sorted(bs)],
        schema={"atopid": pl.Int64, "kind": pl.Utf8, "member_b": pl.Int64},
    )


def pairs_from_members(members: pl.DataFrame) -> pl.DataFrame:
    """Directed member pairs within each alliance phase, with the obligor's obligations.

    One row per (atopid, phase, obligor ``member``, partner ``member_b``) whose spells meet;
    ``from_``/``to`` is their common half-open period, ``ya``..``yb`` their common years.
    The obligation flags are the obligor's, already narrowed by :data:`OBVARY_PARTNERS`.
    """
    keep = ["atopid", "phase", "member", "start", "end", "start_precision", "end_precision",
            "y0", "y1"]
    a = members.select(*keep, "obvary", *KINDS, *{c for cs in CONDITIONS.values() for c in cs},
                       "olimob", "estmode", "statthr1", "statthr2")
    b = members.select(*keep)
    p = a.join(b, on=["atopid", "phase"], suffix="_b")
    p = p.filter(pl.col("member") != pl.col("member_b"))
    open_end = pl.date(9999, 1, 1)
    p = p.with_columns(
        ya=pl.max_horizontal("y0", "y0_b"), yb=pl.min_horizontal("y1", "y1_b"),
        from_=pl.max_horizontal("start", "start_b"),
        to=pl.min_horizontal(pl.col("end").fill_null(open_end),
                             pl.col("end_b").fill_null(open_end)),
    )
    p = p.with_columns(
        to=pl.when(pl.col("to") == open_end).then(pl.lit(None, dtype=pl.Date)).otherwise("to"),
        from_precision=pl.when(pl.col("start") >= pl.col("start_b")).then("start_precision")
        .otherwise("start_precision_b"),
        to_precision=pl.when(pl.col("end").is_null()).then("end_precision_b")
        .when(pl.col("end_b").is_null()).then("end_precision")
        .when(pl.col("end") <= pl.col("end_b")).then("end_precision")
        .otherwise("end_precision_b"),
    )
    # spells that never meet on any day are no pair (ATOP: "one state joined the alliance
    # after the other terminated its affiliation with the alliance in the same year")
    p = p.filter((pl.col("ya") <= pl.col("yb"))
                 & (pl.col("to").is_null() | (pl.col("from_") < pl.col("to"))))
    table = _partner_table()
    for kind in KINDS:
        listed = table.filter(pl.col("kind") == kind)
        ids = listed["atopid"].unique().implode()
        ok = listed.select("atopid", "member_b", pl.lit(1, dtype=pl.Int64).alias("_ok"))
        p = p.join(ok, on=["atopid", "member_b"], how="left")
        narrowed = (pl.col("obvary") == 1) & pl.col("atopid").is_in(ids)
        p = p.with_columns(
            pl.when(narrowed).then(pl.col(kind) * pl.col("_ok").fill_null(0))
            .otherwise(pl.col(kind)).alias(kind)
        ).drop("_ok")
        silent = [(a, o) for a, k, o in OBVARY_OWED_TO_NONE if k == kind]
        for aid, obligor in silent:
            p = p.with_columns(
                pl.when((pl.col("atopid") == aid) & (pl.col("member") == obligor)
                        & (pl.col("obvary") == 1)).then(0).otherwise(pl.col(kind)).alias(kind))
    return p


def ddy_from_member(member: pl.DataFrame) -> pl.DataFrame:
    """Directed dyad-years ``ccode1, ccode2, year`` from the ATOP member file.

    Columns: ``atop_defense, atop_offense, atop_neutral, atop_nonagg, atop_consul`` (0/1:
    ccode1 owes it to ccode2 in that year), one ``atop_<condition>`` column per ATOP condition
    variable (1 = every such pledge is so conditioned; null = no such pledge) and
    ``atop_ids`` (the alliances the pair shares that year). Same rows as ATOP's directed
    dyad-year file; see the module docstring for the year rules.
    """
    p = pairs_from_members(members_from_atop(member))
    p = p.with_columns(year=pl.int_ranges("ya", pl.col("yb") + 1)).explode("year")
    latest = pl.col("phase") == pl.col("phase").max().over("atopid", "member", "member_b", "year")
    p = p.filter(latest)
    aggs: list[pl.Expr] = [pl.col(k).max().cast(pl.Int8).alias(f"atop_{k}") for k in KINDS]
    for kind, conds in CONDITIONS.items():
        for c in conds:
            aggs.append(
                pl.when(pl.col(kind) == 1).then(pl.col(c).fill_null(0)).min()
                .cast(pl.Int8).alias(f"atop_{c}")
            )
    aggs.append(pl.col("atopid").unique().sort().cast(pl.Int32).alias("atop_ids"))
    out = p.group_by(
        pl.col("member").cast(pl.Int32).alias("ccode1"),
        pl.col("member_b").cast(pl.Int32).alias("ccode2"),
        pl.col("year").cast(pl.Int32),
    ).agg(aggs)
    return out.sort("ccode1", "ccode2", "year")


def _threats(member: pl.DataFrame, phase: pl.DataFrame | None) -> pl.DataFrame:
    """statthr1/statthr2 per alliance phase, from the phase file when given."""
    src = phase if phase is not None else member
    return src.group_by("atopid", "phase").agg(
        pl.col("statthr1").first().alias("thr1"), pl.col("statthr2").first().alias("thr2")
    )


def _kind_rows(p: pl.DataFrame, kind: str) -> pl.DataFrame:
    conds = CONDITIONS[kind]
    prefix = conds[0][:3] if conds else ""

    def flag(suffix: str) -> pl.Expr:
        name = f"{prefix}co{suffix}" if suffix != "conpr" else f"{prefix}conpr"
        if name in conds:
            return pl.col(name).fill_null(0) == 1
        return pl.lit(False)

    adv = flag("adv")
    named = pl.concat_list(pl.col("thr1"), pl.col("thr2")).list.eval(
        pl.element().filter(pl.element().is_not_null() & (pl.element() > 0)))
    adversaries = pl.when(adv).then(named).otherwise(pl.lit([], dtype=pl.List(pl.Int64)))
    loc = flag("loc")
    war = flag("con")
    other = pl.col("olimob").fill_null(0) == 1
    cond_struct = pl.struct(
        adversaries.alias("adversaries"),
        (adv & (named.list.len() == 0)).alias("adversary_type"),
        pl.when(loc).then(pl.lit("conflict in a specified location (ATOP loc)"))
        .otherwise(pl.lit(None, dtype=pl.Utf8)).alias("territory"),
        flag("conpr").alias("non_provocation"),
        pl.when(war).then(pl.lit("a particular ongoing conflict (ATOP con)"))
        .otherwise(pl.lit(None, dtype=pl.Utf8)).alias("war"),
        flag("num").alias("number_of_adversaries"),
        flag("dem").alias("demands"),
        flag("att").alias("ally_attacked"),
        flag("req").alias("on_request"),
        pl.when(other).then(pl.lit("another condition on some obligation (ATOP olimob)"))
        .otherwise(pl.lit(None, dtype=pl.Utf8)).alias("other"),
    )
    name = KIND_NAMES[kind]
    return p.filter(pl.col(kind) == 1).select(
        pl.col("member").cast(pl.Int32).alias("obligor"),
        pl.col("member_b").cast(pl.Int32).alias("beneficiary"),
        pl.lit(name).alias("kind"),
        pl.lit("consultative" if kind == "consul" else None, dtype=pl.Utf8).alias("strength"),
        pl.lit("treaty").alias("legal_force"),
        pl.format("atop-{}", pl.col("atopid")).alias("instrument_id"),
        _instrument_name(),
        pl.col("from_").alias("valid_from"),
        pl.col("to").alias("valid_to"),
        cond_struct.struct.json_encode().alias("conditions"),
        adversaries.cast(pl.List(pl.Int32)).alias("adversaries"),
        pl.when(loc).then(pl.lit("conflict in a specified location (ATOP loc)"))
        .otherwise(pl.lit(None, dtype=pl.Utf8)).alias("territory"),
        flag("conpr").alias("non_provocation"),
        pl.lit("").alias("article"),
        pl.lit("").alias("quote"),
        pl.lit([_SOURCE_URL]).alias("sources"),
        pl.col("atopid").cast(pl.Int32),
        pl.col("phase").cast(pl.Int32),
        pl.col("from_precision").alias("valid_from_precision"),
        pl.col("to_precision").alias("valid_to_precision"),
        KNOWN_UNTIL.alias("known_until"),
        pl.lit("signature").alias("date_basis"),
        pl.col("estmode").cast(pl.Int8),
        (pl.col("obvary") == 1).alias("obvary"),
        pl.lit("").alias("note"),
    )


def _instrument_name() -> pl.Expr:
    """The alliance's name from the registry's sourced names table (``atop_names.csv``),
    or ``ATOP alliance N`` for an alliance the table does not know (another release)."""
    names = {aid: n.name for aid, n in atop_names().items()}
    return (pl.col("atopid").replace_strict(names, default=None, return_dtype=pl.Utf8)
            .fill_null(pl.format("ATOP alliance {}", pl.col("atopid")))
            .alias("instrument_name"))


def commitments_from_member(member: pl.DataFrame,
                            phase: pl.DataFrame | None = None) -> pl.DataFrame:
    """Dated directed commitments obligor -> beneficiary from the ATOP member file.

    One row per alliance phase, obligor, beneficiary and kind (``defense``, ``offense``,
    ``neutrality``, ``nonaggression``, ``consultation``), with ``valid_from``/``valid_to``
    (half-open, null = in effect when ATOP ends), ``conditions`` as JSON text (``adversaries``
    lists the named threat states ``statthr1``/``statthr2`` when the obligation is conditioned
    on a specific adversary), ``atopid`` and ``phase``. Columns match the registry's
    ``commitments`` table plus ATOP provenance columns.
    """
    members = members_from_atop(member)
    p = pairs_from_members(members).join(_threats(member, phase), on=["atopid", "phase"],
                                         how="left")
    frames = [_kind_rows(p, kind) for kind in KINDS]
    return pl.concat(frames, how="vertical").sort(
        "atopid", "phase", "kind", "obligor", "beneficiary")
