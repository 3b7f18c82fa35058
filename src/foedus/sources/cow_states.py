"""COW State System Membership, v2016: ``states2016``, ``system2016``, ``majors2016``.

Why: the Correlates of War list is the field's universe of states; foedus's bundled state
system and every dyad-year build on it. Tables keep COW's column names; each file's
``version`` column must read 2016.
"""

from __future__ import annotations

from foedus.sources._tabular import columns, delimited_reader
from foedus.sources.base import DatasetFile, DatasetSpec
from foedus.sources.citations import COW_STATES_2017

__all__ = ["SPEC"]

_URL = "https://correlatesofwar.org/wp-content/uploads/"

FILES = (
    DatasetFile("states2016.csv", "states",
                "21822fe1ef67aedf2e64ebe9746e2b875c6175c8ce599750bc0e77e4ce393167",
                _URL + "states2016.csv", rows=243),
    DatasetFile("system2016.csv", "system",
                "280e10b408c0aefb3b452e1d35d59a54d78935c08ac3a6039c47cb982cdc9f17",
                _URL + "system2016.csv", rows=15951),
    DatasetFile("majors2016.csv", "majors",
                "6ba42de12f2f63401ff5a61e6d0037d17b5dd03ed9aca07d0bc16660e03694eb",
                _URL + "majors2016.csv", rows=14),
)

_COLUMNS = {
    "states2016.csv": columns(
        "stateabb:str ccode:int statenme:str styear stmonth stday endyear endmonth endday "
        "version:int=2016"
    ),
    "system2016.csv": columns("stateabb:str ccode:int year:int version:int=2016"),
    "majors2016.csv": columns(
        "stateabb:str ccode:int styear stmonth stday endyear endmonth endday version:int=2016"
    ),
}


SPEC = DatasetSpec(
    name="cow-states",
    version="2016",
    title="Correlates of War State System Membership (v2016)",
    citations=(COW_STATES_2017,),
    coverage=(1816, 2016),
    files=FILES,
    reader=delimited_reader(FILES, _COLUMNS),
    homepage="https://correlatesofwar.org/data-sets/state-system-membership/",
    terms="free to use with citation (Correlates of War Project terms)",
)
