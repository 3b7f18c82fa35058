"""isard 0.2.0: COW and Gleditsch-Ward system dates and the COW<->GW state-year panels.

Why: peacesciencer builds its universe from isard's ``cw_system``; the panels are the
tested crosswalk between COW and GW codes (to 2025). The files are isard's ``.rda`` data
converted to CSV without changing values; codes written as ``2.0`` are stored as integers.
isard distributes only ``.rda`` files, so ``fetch`` needs ``--base-url`` (a mirror of the
CSV copies).
"""

from __future__ import annotations

from foedus.sources._tabular import columns, delimited_reader
from foedus.sources.base import DatasetFile, DatasetSpec
from foedus.sources.citations import COW_STATES_2017, GLEDITSCH_WARD_1999, MILLER_ISARD

__all__ = ["SPEC"]

FILES = (
    DatasetFile("cw_system.csv", "cw_system",
                "75cbd5f954c20ca6f410ea67f9e4049f88a5fbc1597d4f11a6001e28690b249d",
                None, rows=243, citations=(COW_STATES_2017,), coverage=(1816, 2016)),
    DatasetFile("gw_system.csv", "gw_system",
                "757564ddf8a6033cdd7734824ac39d610153c65d08ac280cdf1cb0b261526d5c",
                None, rows=239, citations=(GLEDITSCH_WARD_1999,), coverage=(1816, 2020)),
    DatasetFile("cw_gw_panel.csv", "cw_gw_panel",
                "fbf4f4f3d45c43b3c3b74c266052567bb535f8cc5c59230df68910a1902a7312",
                None, rows=17916, citations=(COW_STATES_2017, GLEDITSCH_WARD_1999),
                coverage=(1816, 2025)),
    DatasetFile("gw_cw_panel.csv", "gw_cw_panel",
                "9cfe9fe52452682468d12cf8838b165df7cc657e69e082f0ebe98b1b358ac880",
                None, rows=20990, citations=(COW_STATES_2017, GLEDITSCH_WARD_1999),
                coverage=(1816, 2025)),
)

_PANEL = columns("stateabb:str year:whole gwcode:whole? ccode:whole? gw_name:str? cw_name:str?")
_COLUMNS = {
    "cw_system.csv": columns("ccode:whole cw_abb:str cw_name:str start:date end:date"),
    "gw_system.csv": columns(
        "gwcode:whole gw_abb:str gw_name:str microstate:whole start:date end:date"
    ),
    "cw_gw_panel.csv": _PANEL,
    "gw_cw_panel.csv": _PANEL,
}


SPEC = DatasetSpec(
    name="isard",
    version="0.2.0",
    title="isard: COW and Gleditsch-Ward state system dates and crosswalk panels",
    citations=(MILLER_ISARD,),
    coverage=(1816, 2025),
    files=FILES,
    reader=delimited_reader(FILES, _COLUMNS),
    homepage="https://github.com/svmiller/isard",
    terms="GPL-2 (R package); cite the package and the underlying state lists",
)
