"""COW Militarized Interstate Disputes 5.0: dispute level (MIDA) and participants (MIDB).

Why: disputes show when commitments were tested short of war. Values keep MID's own
codes (-9 = unknown, e.g. an unknown start day); the ``version`` column must read 5.
"""

from __future__ import annotations

from foedus.sources._tabular import columns, delimited_reader
from foedus.sources.base import DatasetFile, DatasetSpec
from foedus.sources.citations import PALMER_2022

__all__ = ["SPEC"]

_ZIP = "https://correlatesofwar.org/wp-content/uploads/MID-5-Data-and-Supporting-Materials.zip"

FILES = (
    DatasetFile("MIDA 5.0.csv", "mida",
                "de8df3e45ef0801032ac14f1950ac56201667e5be7f1020f9e1cbd35533b3d7a",
                _ZIP, rows=2436, member="MIDA 5.0.csv"),
    DatasetFile("MIDB 5.0.csv", "midb",
                "79370937a8d1b34b9066099db1de017ca124f448c4c67170b6f81805ffb97cfe",
                _ZIP, rows=5883, member="MIDB 5.0.csv"),
)

_COLUMNS = {
    "MIDA 5.0.csv": columns(
        "dispnum stday stmon styear endday endmon endyear outcome settle fatality fatalpre "
        "maxdur mindur hiact hostlev recip numa numb ongo2014 version:int=5"
    ),
    "MIDB 5.0.csv": columns(
        "dispnum stabb:str ccode stday stmon styear endday endmon endyear sidea revstate "
        "revtype1 revtype2 fatality fatalpre hiact hostlev orig version:int=5"
    ),
}


SPEC = DatasetSpec(
    name="mid",
    version="5.0",
    title="COW Militarized Interstate Disputes (v5.0)",
    citations=(PALMER_2022,),
    coverage=(1816, 2014),
    files=FILES,
    reader=delimited_reader(FILES, _COLUMNS),
    homepage="https://correlatesofwar.org/data-sets/mids/",
    terms="free to use with citation (Correlates of War Project terms)",
)
