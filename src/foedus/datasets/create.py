"""``create_stateyears`` and ``create_dyadyears``: the universe a dataset starts from.

Why: these two verbs stamp a frame with its unit and system, so that every ``add_*`` verb can
refuse data it cannot join. They follow peacesciencer 1.2.9 exactly (see
:mod:`foedus.datasets.universe` for the rules) and read the same spells it reads, isard's
``cw_system``/``gw_system``; ``spells="foedus"`` uses foedus's own COW list instead
(``foedus.registry.states.load_state_system()``, extended by hand past 2016).
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

import polars as pl

from foedus.datasets import universe as u
from foedus.datasets.frame import DatasetUse, FoedusFrame, System
from foedus.datasets.inputs import Inputs, default_inputs
from foedus.errors import UsageError
from foedus.registry.states import load_state_system

__all__ = ["create_stateyears", "create_dyadyears", "system_spells"]

SpellSource = Literal["isard", "foedus"]


def _check_system(system: str) -> System:
    if system not in ("cow", "gw"):
        raise UsageError(f"unknown state system {system!r}: use 'cow' or 'gw'")
    return system  # type: ignore[return-value]


def system_spells(
    system: System = "cow", spells: SpellSource = "isard", inputs: Inputs | None = None
) -> tuple[pl.DataFrame, pl.DataFrame, list[DatasetUse]]:
    """The membership spells (``code, start, end``, end inclusive), the raw table, provenance."""
    inputs = inputs or default_inputs()
    if spells == "foedus":
        if system != "cow":
            raise UsageError("spells='foedus' is a COW list; use spells='isard' with system='gw'")
        return inputs.derived(("spells", "foedus"), _foedus_spells)  # type: ignore[no-any-return]
    if spells != "isard":
        raise UsageError(f"unknown spells {spells!r}: use 'isard' or 'foedus'")
    table = "cw_system" if system == "cow" else "gw_system"
    raw = inputs.table("isard", table)

    def build() -> tuple[pl.DataFrame, pl.DataFrame, list[DatasetUse]]:
        code = "ccode" if system == "cow" else "gwcode"
        sp = raw.select(
            pl.col(code).cast(u.KEY_DTYPE).alias("code"),
            pl.col("start").cast(pl.Date),
            pl.col("end").cast(pl.Date),
        )
        return sp, raw, inputs.use("isard", table)

    return inputs.derived(("spells", system), build)  # type: ignore[no-any-return]


def _foedus_spells() -> tuple[pl.DataFrame, pl.DataFrame, list[DatasetUse]]:
    rows = []
    names = []
    for st in load_state_system():
        for p in st.spells:
            # foedus periods are half-open; isard's end is the last day in the system
            end = None if p.end is None else p.end - dt.timedelta(days=1)
            rows.append((st.ccode, p.start, end))
            names.append((st.ccode, st.abb, st.name))
    sp = pl.DataFrame(rows, schema={"code": u.KEY_DTYPE, "start": pl.Date, "end": pl.Date},
                      orient="row").sort("code", "start")
    raw = pl.DataFrame(names, schema={"ccode": pl.Int32, "cw_abb": pl.Utf8, "cw_name": pl.Utf8},
                       orient="row").unique("ccode", keep="first")
    use = DatasetUse("foedus-states", "", ("registry/states",),
                     "Correlates of War Project. 2017. State System Membership List, v2016; "
                     "extended by foedus (see docs).")
    return sp, raw, [use]


def create_stateyears(
    system: System = "cow",
    years: u.YearSpec = None,
    *,
    through: int | None = None,
    spells: SpellSource = "isard",
    inputs: Inputs | None = None,
) -> FoedusFrame:
    """State-years of the COW or Gleditsch-Ward system, as peacesciencer builds them.

    Parameters
    ----------
    system
        ``"cow"`` (keys ``ccode, year``, plus ``cw_name``) or ``"gw"`` (``gwcode, year``, plus
        ``gw_name`` and ``microstate``).
    years
        Keep only these years: ``(1816, 2016)``, ``"1816-2016"``, a range or any ints.
    through
        The year to which states alive at the end of the list are extended; default the last
        complete calendar year (peacesciencer's ``mry = TRUE``).
    spells
        ``"isard"`` (the reference, default) or ``"foedus"`` (foedus's bundled COW list).
    inputs
        Where tables come from (default: the configured store, cached in memory).
    """
    system = _check_system(system)
    inputs = inputs or default_inputs()
    sp, raw, uses = system_spells(system, spells, inputs)
    sy = u.state_years(sp, years, through)
    code = "ccode" if system == "cow" else "gwcode"
    extra = ["cw_name"] if system == "cow" else ["gw_name", "microstate"]
    names = raw.select(pl.col(code).cast(u.KEY_DTYPE).alias("code"),
                       *[c for c in extra if c in raw.columns]).unique("code", keep="first")
    df = sy.join(names, on="code", how="left", maintain_order="left").rename({"code": code})
    if "microstate" in df.columns:
        df = df.with_columns(pl.col("microstate").cast(pl.Int8))
    df = df.select(code, *[c for c in extra if c in df.columns], "year")
    return FoedusFrame(df, "state_year", system, None, tuple(uses), _span(df), inputs=inputs)


def create_dyadyears(
    system: System = "cow",
    directed: bool = True,
    years: u.YearSpec = None,
    *,
    through: int | None = None,
    spells: SpellSource = "isard",
    inputs: Inputs | None = None,
) -> FoedusFrame:
    """Dyad-years of the COW or Gleditsch-Ward system, as peacesciencer builds them.

    Every ordered pair of distinct states members in the same year, minus false dyads
    (members in the same year but never on the same day), computed from the spells; states
    alive at the end of the list are extended to ``through`` (default: the last complete
    calendar year). ``directed=False`` keeps ``ccode1 < ccode2``. GW frames carry
    ``gwcode1, gwcode2, year, microstate1, microstate2`` as peacesciencer's do.
    Rows are sorted by ``ccode1, ccode2, year``; keys are Int32.

    Parameters are those of :func:`create_stateyears`, plus ``directed``.
    """
    system = _check_system(system)
    inputs = inputs or default_inputs()
    sp, raw, uses = system_spells(system, spells, inputs)
    false = inputs.derived(("false", system, spells, through, u.last_complete_year()),
                           lambda: u.false_dyads(sp, through))
    df = u.dyad_years(sp, years, through, directed=directed, false=false)
    if system == "gw":
        micro = raw.select(pl.col("gwcode").cast(u.KEY_DTYPE),
                           pl.col("microstate").cast(pl.Int8)).unique("gwcode", keep="first")
        df = df.rename({"ccode1": "gwcode1", "ccode2": "gwcode2"})
        for side in ("1", "2"):
            m = micro.rename({"gwcode": f"gwcode{side}", "microstate": f"microstate{side}"})
            df = df.join(m, on=f"gwcode{side}", how="left", maintain_order="left")
    return FoedusFrame(df, "dyad_year", system, directed, tuple(uses), _span(df),
                       inputs=inputs)


def _span(df: pl.DataFrame) -> tuple[int, int] | None:
    if df.height == 0:
        return None
    return int(df["year"].min()), int(df["year"].max())  # type: ignore[arg-type]
