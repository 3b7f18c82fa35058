"""``add_alliances``: alliance pledges in a dyad-year, from ATOP, foedus's registry, or both.

Why: the directed dyad-year "does ccode1 owe ccode2 a pledge this year?" is the most used
alliance variable in the field. ATOP's own dyad-years stop in 2018; foedus's curated registry
carries commitments to the present with their legal force and conditions. This verb puts
either, or both side by side, on a dyad-year frame without adding or dropping a row.

Rules:

* ``source="atop"`` reproduces peacesciencer's ``add_atop_alliance()``: the ATOP directed
  dyad-years are left-joined on ``ccode1, ccode2, year``; a missing pledge becomes 0 inside
  ATOP's coverage (1815-2018) and **stays missing outside** it. ``atop_alliance`` is 1 when
  the dyad-year has any ATOP row. Condition columns the ATOP table carries pass through
  (see ``conditions``). ATOP codes written formal agreements, so it has no legal-force
  column. For non-directed frames, ``ndir=True`` (peacesciencer's default)
  takes the highest value in either direction.
* ``source="registry"``: a dyad-year has a pledge when a registry commitment from ccode1 to
  ccode2 of that kind is **in force on any day of the year** (half-open periods; proposals are
  never in force). Columns ``reg_defense, reg_offense, reg_neutral, reg_nonagg, reg_consul,
  reg_guarantee, reg_assurance`` (0/1), ``reg_defense_force`` (the strongest legal force of
  the defense or guarantee commitments in force that year: treaty > executive_agreement >
  political > unilateral) and ``reg_defense_conditional`` (1 when every one of them is
  conditional). A 0 means "not in foedus's registry", which is curated, not exhaustive.
* ``source="all"``: both sets, plus ``any_defense`` (1 when ATOP or the registry has a
  defense or guarantee pledge; 0 when ATOP says 0 and the registry has none; missing when
  ATOP is unknown, after 2018, and the registry has none).
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import polars as pl

from foedus.datasets._dense import gather_small_int, take
from foedus.datasets._join import codes, grid
from foedus.datasets.frame import DatasetUse, FoedusFrame
from foedus.datasets.inputs import Inputs, default_inputs
from foedus.errors import UsageError
from foedus.model.schema import ATOP_YEARS, Source

__all__ = ["add_alliances", "ATOP_PLEDGES", "registry_dyad_years", "ATOP_YEARS"]

ATOP_PLEDGES = ("atop_defense", "atop_offense", "atop_neutral", "atop_nonagg", "atop_consul")
ATOP_CONDITION_SUMMARY = ("atop_defcon", "atop_offcon", "atop_neucon", "atop_concon")
_KEYS = ["ccode1", "ccode2", "year"]
_KINDS = {
    "defense": "reg_defense",
    "offense": "reg_offense",
    "neutrality": "reg_neutral",
    "nonaggression": "reg_nonagg",
    "consultation": "reg_consul",
    "guarantee": "reg_guarantee",
    "assurance": "reg_assurance",
}
_FORCE_RANK = {"treaty": 4, "executive_agreement": 3, "political": 2, "unilateral": 1}


def add_alliances(
    frame: FoedusFrame,
    source: Source = "atop",
    *,
    ndir: bool = True,
    conditions: Literal["summary", "all", "none"] = "summary",
    inputs: Inputs | None = None,
) -> FoedusFrame:
    """Add alliance pledges (see the module docs for the exact rules).

    Parameters
    ----------
    frame
        A COW dyad-year frame from :func:`~foedus.datasets.create_dyadyears`.
    source
        ``"atop"`` (peacesciencer's ``atop_*`` columns), ``"registry"`` (``reg_*``), ``"all"``.
    ndir
        For non-directed frames: the highest value in either direction (default), or only
        the pledge ccode1 owes ccode2 (``False``).
    conditions
        ATOP condition columns to pass through when the ATOP table has them (foedus's
        ``atop/ddy`` does; peacesciencer's ``atop_alliance`` does not): ``"summary"``
        (``atop_defcon, atop_offcon, atop_neucon, atop_concon``: 1 when every alliance
        giving that pledge makes it conditional, missing when there is no pledge), ``"all"``
        (every ``atop_*co*`` column and ``atop_ids``), or ``"none"``.
    """
    frame.require("add_alliances", "dyad_year")
    if source not in ("atop", "registry", "all"):
        raise UsageError(f"unknown alliance source {source!r}: use 'atop', 'registry' or 'all'")
    inputs = inputs or frame.inputs or default_inputs()
    if source in ("atop", "all"):
        frame = _add_atop(frame, ndir, inputs, conditions)
    if source in ("registry", "all"):
        frame = _add_registry(frame, ndir, inputs)
    if source == "all":
        reg = pl.max_horizontal("reg_defense", "reg_guarantee")
        any_def = (
            pl.when((pl.col("atop_defense") == 1) | (reg == 1)).then(1)
            .when(pl.col("atop_defense") == 0).then(0)
            .otherwise(None).cast(pl.Int8).alias("any_defense")
        )
        frame = frame.with_columns(frame.df.with_columns(any_def), [])
    return frame


# -- ATOP ---------------------------------------------------------------------------------
def _atop_source(inputs: Inputs, directed: bool, ndir: bool) -> tuple[str, str, pl.DataFrame]:
    ds, tb, raw = inputs.first(("atop", "ddy"), ("peacesciencer", "atop_alliance"))

    def build() -> pl.DataFrame:
        df = raw.with_columns(pl.col(k).cast(pl.Int64) for k in _KEYS)
        missing = [c for c in ATOP_PLEDGES if c not in df.columns]
        if missing:
            raise UsageError(f"{ds}/{tb} lacks columns {missing}; re-import ATOP")
        df = df.with_columns(pl.col(c).cast(pl.Int8) for c in ATOP_PLEDGES)
        if directed or not ndir:
            return df
        # peacesciencer's ndir: the highest flag in either direction, kept on ccode1 < ccode2
        lo = pl.min_horizontal("ccode1", "ccode2")
        hi = pl.max_horizontal("ccode1", "ccode2")
        numeric = [c for c, t in df.schema.items()
                   if c.startswith("atop_") and t.is_numeric()]
        # a condition column is 1 only when every pledge is conditional: min over the
        # directions that have a value (nulls, no pledge, are ignored); flags take the max
        conditions = [c for c in numeric if c not in ATOP_PLEDGES and c != "atop_alliance"]
        return (
            df.with_columns(
                (pl.col(c).min() if c in conditions else pl.col(c).max()).over(lo, hi, "year")
                for c in numeric)
            .filter(pl.col("ccode2") > pl.col("ccode1"))
            .select(*_KEYS, *numeric)
        )

    return ds, tb, inputs.derived(("atop", ds, tb, directed, ndir), build)


def _extra_columns(src: pl.DataFrame, conditions: str) -> list[str]:
    extra = [c for c in src.columns if c not in _KEYS and c not in ATOP_PLEDGES]
    if conditions == "all":
        return extra
    if conditions == "summary":
        return [c for c in extra if c in ATOP_CONDITION_SUMMARY]
    return []


def _add_atop(frame: FoedusFrame, ndir: bool, inputs: Inputs,
              conditions: str = "summary") -> FoedusFrame:
    ds, tb, src = _atop_source(inputs, bool(frame.directed), ndir)
    g = grid(frame)
    cells = inputs.derived(
        ("atop-cells", ds, tb, bool(frame.directed), ndir, g.signature),
        lambda: g.dyad_cells(g.dyad_key(*codes(src, *_KEYS))),
    )
    rows = g.rows_for_dyad(np.empty(0, np.int64), cells)
    found = rows >= 0
    first, last = ATOP_YEARS
    inside = (g.year >= first) & (g.year <= last)
    all_inside = bool(inside.all())
    # the five pledges travel packed in one byte per ATOP row: one gather for all of them
    # (with a trailing 0 so that row -1, no ATOP row, reads no pledge)
    packed = inputs.derived(("atop-packed", ds, tb, bool(frame.directed), ndir), lambda: (
        np.append(sum((src[c].fill_null(0).cast(pl.UInt8).to_numpy() << i)
                      for i, c in enumerate(ATOP_PLEDGES)), 0).astype(np.uint8)
    ))
    bits = packed[rows]
    cols: dict[str, pl.Series] = {"atop_alliance": pl.Series(found.astype(np.int8))}
    for i, c in enumerate(ATOP_PLEDGES):
        cols[c] = pl.Series(((bits >> i) & 1).astype(np.int8))
    got = pl.DataFrame(cols)
    if not all_inside:  # unknown, not 0, outside ATOP's years
        got = got.with_columns(
            pl.when(pl.Series(inside)).then(pl.col(c)).otherwise(None).alias(c)
            for c in got.columns
        )
    extra = _extra_columns(src, conditions)
    if extra:  # condition columns and the like pass through as they are
        small = [pl.Series(gather_small_int(src[c], rows)) for c in extra
                 if src.schema[c] in (pl.Int8, pl.Int16, pl.Boolean, pl.UInt8)]
        other = [c for c in extra if src.schema[c] not in (pl.Int8, pl.Int16, pl.Boolean,
                                                            pl.UInt8)]
        parts = [got, pl.DataFrame(small)]
        if other:
            parts.append(take(src.select(other), rows))
        got = pl.concat(parts, how="horizontal").select(*got.columns, *extra)
    df = pl.concat([frame.df, got], how="horizontal")
    return frame.with_columns(df, inputs.use(ds, tb, tuple(got.columns)))


# -- registry -----------------------------------------------------------------------------
def registry_dyad_years(last_year: int, commitments: pl.DataFrame) -> pl.DataFrame:
    """Directed dyad-years of the registry's commitments in force on any day of the year.

    ``commitments`` is the store's registry commitments (``Inputs.table("registry",
    "commitments")``: obligor, beneficiary, kind, legal_force, valid_from, valid_to,
    unconditional). Returns ``ccode1, ccode2, year`` and the ``reg_*`` columns (one row per
    dyad-year with at least one commitment in force).
    """
    last_day = pl.col("valid_to").cast(pl.Date) - pl.duration(days=1)
    com = commitments.filter(
        pl.col("valid_to").is_null() | (pl.col("valid_to") > pl.col("valid_from"))
    ).select(
        ccode1=pl.col("obligor").cast(pl.Int64),
        ccode2=pl.col("beneficiary").cast(pl.Int64),
        sy=pl.col("valid_from").dt.year().cast(pl.Int32),
        ey=pl.when(pl.col("valid_to").is_null()).then(pl.lit(last_year))
        .otherwise(pl.min_horizontal(last_day.dt.year(), pl.lit(last_year))).cast(pl.Int32),
        kind=pl.col("kind"),
        force=pl.col("legal_force"),
        unconditional=pl.col("unconditional"),
    ).filter(pl.col("sy") <= pl.col("ey"))
    years = com.with_columns(year=pl.int_ranges("sy", pl.col("ey") + 1)).explode("year")
    flags = [
        (pl.col("kind") == kind).any().cast(pl.Int8).alias(name) for kind, name in _KINDS.items()
    ]
    is_def = pl.col("kind").is_in(["defense", "guarantee"])
    rank = pl.col("force").replace_strict(_FORCE_RANK, default=0)
    force = (
        pl.col("force").filter(is_def).sort_by(rank.filter(is_def), descending=True).first()
        .alias("reg_defense_force")
    )
    cond = (
        pl.when(is_def.any()).then((~pl.col("unconditional").filter(is_def)).all().cast(pl.Int8))
        .otherwise(None).alias("reg_defense_conditional")
    )
    return (
        years.group_by("ccode1", "ccode2", "year").agg(*flags, force, cond)
        .with_columns(pl.col("year").cast(pl.Int64))
        .sort("ccode1", "ccode2", "year")
    )


def _add_registry(frame: FoedusFrame, ndir: bool, inputs: Inputs) -> FoedusFrame:
    g = grid(frame)
    last = g.y0 + g.ny - 1
    src = inputs.derived(("registry-ddy", last), lambda: registry_dyad_years(
        last, inputs.table("registry", "commitments")))
    if not frame.directed and ndir:
        lo = pl.min_horizontal("ccode1", "ccode2")
        hi = pl.max_horizontal("ccode1", "ccode2")
        flag_cols = list(_KINDS.values()) + ["reg_defense_conditional"]
        src = (
            src.with_columns(ccode1=lo, ccode2=hi)
            .group_by(_KEYS)
            .agg(*[pl.col(c).max() for c in flag_cols],
                 pl.col("reg_defense_force").sort_by(
                     pl.col("reg_defense_force").replace_strict(_FORCE_RANK, default=0),
                     descending=True).first())
        )
    rows = g.rows_for_dyad(g.dyad_key(*codes(src, *_KEYS)))
    cols = [*_KINDS.values(), "reg_defense_force", "reg_defense_conditional"]
    got = take(src.select(cols), rows).with_columns(
        pl.col(c).fill_null(0) for c in _KINDS.values()
    )
    df = pl.concat([frame.df, got], how="horizontal")
    use = DatasetUse("registry", inputs.version("registry"), ("registry",),
                     "foedus curated registry of security commitments (sources per commitment)",
                     tuple(cols))
    return frame.with_columns(df, [use])
