"""The units of analysis: state-years and dyad-years built from system-membership spells.

Why: every researcher dataset starts from the same universe, and the field compares results
across papers only if that universe is the reference one. These are pure functions over a
polars frame of spells (``code, start, end``; ``end`` is the **last day in the system**,
inclusive, as in isard's ``cw_system``/``gw_system``; a missing ``end`` means still a member)
so that they can be tested alone and reused for either state system.

Rules (peacesciencer 1.2.9, ``create_stateyears``/``create_dyadyears``, reproduced exactly):

* a state is in year *y* when one of its spells touches *y* (from the year of ``start`` to the
  year of ``end``);
* a dyad-year is every ordered pair of distinct states both in the year, **minus false dyads**:
  pairs that are both members in the year but never on the same day (Suriname and the Republic
  of Vietnam in 1975). foedus computes them from the spells; peacesciencer ships them as
  ``false_cow_dyads``/``false_gw_dyads`` and the parity tests check that the two agree;
* spells ending in December of the list's last year belong to states "alive at the end" and
  are extended to ``through`` (default: the last complete calendar year, as peacesciencer's
  ``mry = TRUE``); open spells (``end`` missing, foedus's own list) are extended the same way.
  The output therefore depends on today's date unless ``years`` is given.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

import polars as pl

from foedus.errors import InvalidInputError
from foedus.model.limits import FIRST_DAY, last_day

__all__ = [
    "KEY_DTYPE",
    "YearSpec",
    "last_complete_year",
    "normalize_years",
    "check_through",
    "spell_years",
    "false_dyads",
    "state_years",
    "dyad_years",
]

KEY_DTYPE = pl.Int32
"""The dtype of every key column (codes and years) in frames foedus builds."""

YearSpec = tuple[int, int] | range | Iterable[int] | int | str | None


def last_complete_year(today: dt.date | None = None) -> int:
    """The last complete calendar year (peacesciencer's ``mry``): ``today.year - 1``."""
    return (today or dt.date.today()).year - 1


def normalize_years(years: YearSpec) -> tuple[int, int, frozenset[int] | None] | None:
    """``None`` (all), an ``int``, ``"1816-2016"``, ``(first, last)``, a range or any ints.

    Returns ``(first, last, exact_set_or_None)``; the set is ``None`` when the years are a
    contiguous inclusive range.
    """
    if years is None:
        return None
    if isinstance(years, str):
        text = years.strip()
        if not re.fullmatch(r"\d{4}(-\d{4})?", text):
            raise InvalidInputError(f"years {years!r}: give YEAR or FIRST-LAST, e.g. 1816-2016")
        a, _, b = text.partition("-")
        return _checked(int(a), int(b or a))
    if isinstance(years, int):
        return _checked(years, years)
    if isinstance(years, tuple) and len(years) == 2 and all(isinstance(y, int) for y in years):
        return _checked(years[0], years[1])
    values = sorted({int(y) for y in years})
    if not values:
        raise ValueError("years is empty; give a range such as (1816, 2016) or '1816-2016'")
    first, last = values[0], values[-1]
    _checked(first, last)
    exact = None if len(values) == last - first + 1 else frozenset(values)
    return first, last, exact


def _checked(first: int, last: int) -> tuple[int, int, None]:
    if last < first:
        raise InvalidInputError(f"years run backwards: {first}-{last}; give FIRST-LAST "
                                f"(e.g. {last}-{first})")
    lo, hi = FIRST_DAY.year, last_day().year
    if first < lo or last > hi:
        # outside the range every face answers for: an empty or silently shortened frame
        raise InvalidInputError(f"years {first}-{last}: give years from {lo} to {hi}")
    return first, last, None


def check_through(through: int | None, list_end: int | None = None) -> None:
    """Refuse a ``through`` before the state list's last year ``list_end`` (living states
    would end before states that joined later begin: ``years`` cuts a frame) or after the last
    year foedus answers for (:func:`foedus.model.limits.last_day`). Without ``list_end``
    (before any table is read) only the second bound and 1816 are checked."""
    if through is None:
        return
    first = list_end if list_end is not None else FIRST_DAY.year + 1
    if not first <= through <= last_day().year:
        why = " (the state list's last year)" if list_end is not None else ""
        raise InvalidInputError(f"through {through}: give a year from {first}{why} to "
                                f"{last_day().year}; to cut the frame to fewer years, give "
                                "years")


def spell_years(spells: pl.DataFrame, through: int | None = None) -> pl.DataFrame:
    """Spells with inclusive ``sy``/``ey`` years; states alive at the list's end extended.

    ``spells`` has ``code, start, end`` (dates). A spell is extended to ``through`` when its
    end is missing (lists with open ends, such as foedus's own), or — in a list whose spells
    are all closed — when it ends in the last year of the list and in December (the exact
    peacesciencer test). ``through=None`` means :func:`last_complete_year`.
    """
    through = last_complete_year() if through is None else through
    s = spells.select(
        pl.col("code").cast(KEY_DTYPE),
        pl.col("start").cast(pl.Date),
        pl.col("end").cast(pl.Date),
    )
    max_end_year = s.select(pl.col("end").dt.year().max()).item()
    check_through(through, max_end_year)
    if s.select(pl.col("end").is_null().any()).item():
        # a list that marks living states with an open end (foedus's own): only those live on
        alive = pl.col("end").is_null()
    else:  # a closed list (COW's, isard's): peacesciencer's test, alive at the list's end
        alive = (pl.col("end").dt.year() == max_end_year) & (pl.col("end").dt.month() == 12)
    return s.with_columns(
        sy=pl.col("start").dt.year().cast(KEY_DTYPE),
        ey=pl.when(alive)
        .then(pl.lit(through))
        .otherwise(pl.col("end").dt.year())
        .cast(KEY_DTYPE),
        # the last day in the system; states alive at the end never leave
        last=pl.when(alive).then(pl.lit(dt.date(9999, 12, 31))).otherwise(pl.col("end")),
    ).with_row_index("spell")


def false_dyads(spells: pl.DataFrame, through: int | None = None) -> pl.DataFrame:
    """Directed dyad-years whose states are both members in the year, never on the same day.

    Only years in which a spell starts or ends can be false, so the search is small: every
    spell's boundary years, paired with every spell of another state alive in that year.
    Returns ``ccode1, ccode2, year`` sorted.
    """
    sp = spell_years(spells, through)
    # the (state, year) cells where a spell covers only part of the year
    edges = pl.concat(
        [
            sp.filter(pl.col("start") > pl.date(pl.col("sy"), 1, 1)).select(
                "code", year=pl.col("sy")
            ),
            sp.filter(pl.col("last") < pl.date(pl.col("ey"), 12, 31)).select(
                "code", year=pl.col("ey")
            ),
        ]
    ).unique()
    # every spell touching those years, clipped to the year
    cover = (
        sp.join(edges.select("year").unique(), how="cross")
        .filter((pl.col("sy") <= pl.col("year")) & (pl.col("ey") >= pl.col("year")))
        .select(
            "code",
            "year",
            d0=pl.max_horizontal(pl.col("start"), pl.date(pl.col("year"), 1, 1)),
            d1=pl.min_horizontal(pl.col("last"), pl.date(pl.col("year"), 12, 31)),
        )
    )
    a = cover.join(edges, on=["code", "year"], how="semi")
    pairs = a.join(cover, on="year", suffix="_2").filter(pl.col("code") != pl.col("code_2"))
    overlap = (pl.max_horizontal("d0", "d0_2") <= pl.min_horizontal("d1", "d1_2")).alias("ok")
    per = pairs.group_by("code", "code_2", "year").agg(overlap.any()).filter(~pl.col("ok"))
    out = per.select(ccode1="code", ccode2="code_2", year="year")
    both = pl.concat([out, out.select(ccode1="ccode2", ccode2="ccode1", year="year")])
    return both.unique().sort("ccode1", "ccode2", "year").cast(KEY_DTYPE)


def state_years(
    spells: pl.DataFrame, years: YearSpec = None, through: int | None = None
) -> pl.DataFrame:
    """One row per state and year it is a member (``code, year``), sorted by code, year."""
    sp = spell_years(spells, through)
    lo, hi = _bounds(sp, years)
    out = (
        sp.select(
            "code",
            pl.int_ranges(
                pl.max_horizontal("sy", pl.lit(lo)), pl.min_horizontal("ey", pl.lit(hi)) + 1,
                dtype=KEY_DTYPE,
            ).alias("year"),
        )
        .explode("year")
        .drop_nulls("year")
        .unique(maintain_order=True)
    )
    return _subset(out, years)


def dyad_years(
    spells: pl.DataFrame,
    years: YearSpec = None,
    through: int | None = None,
    *,
    directed: bool = True,
    false: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """Directed (or non-directed, ``ccode1 < ccode2``) dyad-years, sorted by the keys.

    Built pair of spells by pair of spells: two spells share the years
    ``max(sy) .. min(ey)``; only the first and last of them can be false, so they are checked
    against ``false`` (computed by :func:`false_dyads` unless given) before the ranges are
    expanded. Returns ``ccode1, ccode2, year`` (Int32).
    """
    sp = spell_years(spells, through)
    lo, hi = _bounds(sp, years)
    false = false_dyads(spells, through) if false is None else false.cast(KEY_DTYPE)
    side = sp.select("code", "sy", "ey").sort("code", "sy")
    pairs = (
        side.join(side, how="cross", suffix="2")
        .filter(pl.col("code") != pl.col("code2"))
        .select(
            ccode1="code",
            ccode2="code2",
            lo=pl.max_horizontal("sy", "sy2", pl.lit(lo, KEY_DTYPE)),
            hi=pl.min_horizontal("ey", "ey2", pl.lit(hi, KEY_DTYPE)),
        )
        .filter(pl.col("lo") <= pl.col("hi"))
    )
    if not directed:
        pairs = pairs.filter(pl.col("ccode1") < pl.col("ccode2"))
    # peel false years off each end of a shared range (interior years are whole years)
    fkeys = false.select("ccode1", "ccode2", "year", false=pl.lit(True))
    for end, step in (("lo", 1), ("hi", -1)):
        pairs = (
            pairs.join(fkeys.rename({"year": end}), on=["ccode1", "ccode2", end], how="left")
            .with_columns(
                pl.when(pl.col("false")).then(pl.col(end) + step).otherwise(pl.col(end))
            )
            .drop("false")
        )
    pairs = pairs.filter(pl.col("lo") <= pl.col("hi")).sort("ccode1", "ccode2", "lo")
    out = (
        pairs.select(
            "ccode1", "ccode2", pl.int_ranges("lo", pl.col("hi") + 1, dtype=KEY_DTYPE).alias("year")
        )
        .explode("year")
    )
    out = _subset(out, years)
    # a state with two spells in one year would repeat rows; isard's lists have none
    return out


def _bounds(sp: pl.DataFrame, years: YearSpec) -> tuple[int, int]:
    norm = normalize_years(years)
    if norm is None:
        return 1816, int(sp["ey"].max())  # type: ignore[arg-type]
    return max(norm[0], 1816), norm[1]


def _subset(df: pl.DataFrame, years: YearSpec) -> pl.DataFrame:
    norm = normalize_years(years)
    if norm is None or norm[2] is None:
        return df
    return df.filter(pl.col("year").is_in(sorted(norm[2])))
