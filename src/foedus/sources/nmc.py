"""COW National Material Capabilities 6.0 (abridged, with CINC).

Why: capability (CINC) weights who can defend whom. The six components use -9 for
"missing"; foedus stores those as null so that no sum or share silently counts them. The
``version`` column of the 6.0 release reads 2021. NMC 7.0 (to 2022) is peacesciencer's
``cow_nmc`` table.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from foedus.sources._tabular import columns, read_delimited
from foedus.sources.base import DatasetFile, DatasetSpec, ProgressCallback, folder_reader
from foedus.sources.citations import SINGER_1972, SINGER_1987

__all__ = ["SPEC"]

FILES = (
    DatasetFile("NMC-60-abridged.csv", "nmc",
                "989920cc06ccb652bf8b0c537f78220463ecfe14c41295a8876e9f263e78f323",
                "https://correlatesofwar.org/wp-content/uploads/NMC_Documentation-6.0.zip",
                rows=15951, member="NMC-60-abridged.csv"),
)

_MISSING = ("-9",)
_COLUMNS = columns(
    "stateabb:str ccode:int year:int milex:int? milper:int? irst:int? pec:int? "
    "tpop:float? upop:float? cinc:float? version:int=2021",
    na={c: _MISSING for c in ("milex", "milper", "irst", "pec", "tpop", "upop", "cinc")},
)


def _read(path: Path, dfile: DatasetFile, progress: ProgressCallback | None) -> pl.DataFrame:
    return read_delimited(path, dfile, _COLUMNS, progress=progress)


SPEC = DatasetSpec(
    name="nmc",
    version="6.0",
    title="COW National Material Capabilities (v6.0, abridged)",
    citations=(SINGER_1972, SINGER_1987),
    coverage=(1816, 2016),
    files=FILES,
    reader=folder_reader(FILES, {f.name: _read for f in FILES}),
    homepage="https://correlatesofwar.org/data-sets/national-material-capabilities/",
    terms="free to use with citation (Correlates of War Project terms)",
)
