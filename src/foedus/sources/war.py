"""COW Inter-State War 4.0: participants (``inter``) and directed dyadic wars.

Why: wars are where commitments were honoured or broken; the reliability data and the
casus-foederis tests use them. The participant file has old-Mac line endings (CR) and is
read as Latin-1; columns are lowercased (``WarNum`` -> ``warnum``) and values keep COW's
codes (-8 not applicable, -9 unknown). Its ``Version`` column must read 4.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from foedus.model.schema import WAR_YEARS
from foedus.sources._tabular import columns, read_delimited
from foedus.sources.base import DatasetFile, DatasetSpec, ProgressCallback, folder_reader
from foedus.sources.citations import SARKEES_WAYMAN_2010

__all__ = ["SPEC"]

_URL = "https://correlatesofwar.org/wp-content/uploads/"

FILES = (
    DatasetFile("Inter-StateWarData_v4.0.csv", "inter",
                "2535e30b145141c331a07d12d91e498ad8bdd3db32ba8d3bd88c4fda54817731",
                _URL + "Inter-StateWarData_v4.0.csv", rows=337),
    DatasetFile("directed_dyadic_war.csv", "directed_dyadic",
                "aa2eb5244a0cb0b579867e50eb02e4297fb29250e67120fb132e3c0618dceda0",
                _URL + "Dyadic-Interstate-War-Dataset.zip", rows=1364,
                member="directed_dyadic_war.csv"),
)

_COLUMNS = {
    "Inter-StateWarData_v4.0.csv": columns(
        "WarNum WarName:str WarType ccode StateName:str Side StartMonth1 StartDay1 StartYear1 "
        "EndMonth1 EndDay1 EndYear1 StartMonth2 StartDay2 StartYear2 EndMonth2 EndDay2 "
        "EndYear2 TransFrom:str WhereFought Initiator Outcome TransTo BatDeath Version:int=4"
    ),
    "directed_dyadic_war.csv": columns(
        "warnum disno dyindex:float statea stateb warstrtmnth warstrtday warstrtyr warendmnth "
        "warenday warendyr year warolea waroleb wardyadrolea wardyadroleb outcomea:int? "
        "batdtha:int? batdthb:int? changes_1:int? changes_2:int? batdths:int? durindx"
    ),
}
_ENCODING = {"Inter-StateWarData_v4.0.csv": "latin-1"}


def _read(path: Path, dfile: DatasetFile, progress: ProgressCallback | None) -> pl.DataFrame:
    return read_delimited(path, dfile, _COLUMNS[dfile.name],
                          encoding=_ENCODING.get(dfile.name, "utf-8"), progress=progress)


SPEC = DatasetSpec(
    name="war",
    version="4.0",
    title="COW Inter-State War Data (v4.0; wars begun 1823-2003)",
    citations=(SARKEES_WAYMAN_2010,),
    # the years observed (Sarkees & Wayman 2010: 1816-2007; no war begun in 1816-1822 or
    # 2004-2007): a year inside without a war is 0, outside missing (foedus.model.schema)
    coverage=WAR_YEARS,
    files=FILES,
    reader=folder_reader(FILES, {f.name: _read for f in FILES}),
    homepage="https://correlatesofwar.org/data-sets/cow-war/",
    terms="free to use with citation (Correlates of War Project terms)",
)
