"""Build a researcher dataset in one call: a universe (state-years or dyad-years) plus the
``add_*`` verbs named by the user, read from one session's inputs.

Why: the CLI (``foedus stateyears/dyadyears --add ...``), the web's dataset builder and any
tool that takes a list of verb names from a user need the same checks (a known verb, one that
works on the unit, years that make sense) and the same pipeline; it lives here once.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import foedus.datasets as ds
from foedus.datasets.universe import last_complete_year
from foedus.datasets.verbs import VERBS
from foedus.errors import InvalidInputError
from foedus.model.schema import FIRST_SYSTEM_YEAR, Source

if TYPE_CHECKING:
    from foedus.datasets.frame import FoedusFrame
    from foedus.session import Session

__all__ = ["build_dataset", "parse_verbs", "UNITS", "FIRST_YEAR"]

UNITS = ("state_year", "dyad_year")
FIRST_YEAR = FIRST_SYSTEM_YEAR


def parse_verbs(names: str | list[str] | None, unit: str) -> list[str]:
    """Verb names (``capabilities``, ``capital-distance``...), checked against
    :data:`~foedus.datasets.verbs.VERBS` and the unit."""
    if unit not in UNITS:
        raise InvalidInputError(f"unit must be one of {', '.join(UNITS)}, not {unit!r}")
    items = names.split(",") if isinstance(names, str) else list(names or [])
    out: list[str] = []
    for raw in items:
        n = raw.strip().replace("-", "_")
        if not n:
            continue
        if n not in VERBS:
            raise InvalidInputError(f"unknown verb {raw!r}; choose from: {', '.join(VERBS)}")
        if unit not in VERBS[n][1]:
            raise InvalidInputError(f"{n} works on dyad-years only, not {unit}")
        if n not in out:
            out.append(n)
    return out


def _years(years: str | None, last: int) -> tuple[int, int] | None:
    if years is None or not years.strip():
        return None
    m = re.fullmatch(r"\s*(\d{4})\s*(?:-\s*(\d{4}))?\s*", years)
    if not m:
        raise InvalidInputError(f"years must be YYYY or YYYY-YYYY, not {years!r}")
    first, end = int(m.group(1)), int(m.group(2) or m.group(1))
    if not FIRST_YEAR <= first <= end <= last:
        raise InvalidInputError(f"years must lie within {FIRST_YEAR}-{last}, first <= last; "
                                f"got {years!r}")
    return first, end


def build_dataset(session: Session, unit: str, *, system: str = "cow",
                  years: str | None = None, directed: bool = True,
                  add: str | list[str] | None = None,
                  alliance_source: Source = "atop",
                  nmc_version: str = "7.0") -> FoedusFrame:
    """State-years or dyad-years of ``system`` over ``years`` (``"1816-2016"``), with the
    named verbs added in order; provenance travels with the frame (``frame.cite()``)."""
    verbs = parse_verbs(add, unit)
    if system not in ("cow", "gw"):
        raise InvalidInputError(f"system must be 'cow' or 'gw', not {system!r}")
    if alliance_source not in ("atop", "registry", "all"):
        raise InvalidInputError("alliance_source must be atop, registry or all")
    if nmc_version not in ("7.0", "6.0"):
        raise InvalidInputError("nmc_version must be 7.0 or 6.0")
    span = _years(years, last_complete_year())
    inputs = session.inputs
    frame: Any
    if unit == "state_year":
        frame = ds.create_stateyears(system, span, inputs=inputs)  # type: ignore[arg-type]
    else:
        frame = ds.create_dyadyears(system, directed, span,  # type: ignore[arg-type]
                                    inputs=inputs)
    for n in verbs:
        kwargs: dict[str, Any] = {"inputs": inputs}
        if n == "alliances":
            kwargs["source"] = alliance_source
        if n == "capabilities":
            kwargs["version"] = nmc_version
        frame = getattr(ds, VERBS[n][0])(frame, **kwargs)
    return frame  # type: ignore[no-any-return]
