"""Gleditsch-Ward list of independent states (``iisystem.dat``, 2017 update).

Why: the GW system differs from COW's (Germany 260 throughout, Serbia 340/345, Yemen), and
crosswalks need the original list. The file is tab-separated with no header:
``gwcode, stateabb, statename, start, end`` with dates as ``DD:MM:YYYY``; foedus names the
columns so and stores the dates as dates.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from foedus.sources._tabular import columns, read_delimited
from foedus.sources.base import DatasetFile, DatasetSpec, ProgressCallback, folder_reader
from foedus.sources.citations import GLEDITSCH_WARD_1999

__all__ = ["SPEC"]

FILES = (
    DatasetFile("iisystem.dat", "iisystem",
                "a837557652ff05d89945ce639c54d78a9aad753d7fb0d1d669b137babce779c9",
                "http://ksgleditsch.com/data/iisystem.dat", rows=216),
)

_COLUMNS = columns("gwcode:int stateabb:str statename:str start:dmy end:dmy")


def _read(path: Path, dfile: DatasetFile, progress: ProgressCallback | None) -> pl.DataFrame:
    return read_delimited(path, dfile, _COLUMNS, delimiter="\t", header=False,
                          progress=progress)


SPEC = DatasetSpec(
    name="gw",
    version="2017",
    title="Gleditsch-Ward independent states (iisystem.dat, 2017 update)",
    citations=(GLEDITSCH_WARD_1999,),
    coverage=(1816, 2017),
    files=FILES,
    reader=folder_reader(FILES, {f.name: _read for f in FILES}),
    homepage="http://ksgleditsch.com/statelist.html",
    terms="free for academic use with citation",
)
