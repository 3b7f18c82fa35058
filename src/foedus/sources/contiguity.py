"""COW Direct Contiguity 3.2: ``contdir`` spells and ``contdird`` directed dyad-years.

Why: land contiguity sets distance to zero in the loss-of-strength gradient, and
contiguity types 1-5 (land, then water up to 12, 24, 150, 400 miles) describe who can reach
whom. ``begin``/``end`` stay as COW writes them (``YYYYMM`` integers); the ``version``
column must read 3.2.
"""

from __future__ import annotations

from foedus.model.schema import CONTIGUITY_YEARS
from foedus.sources._tabular import columns, delimited_reader
from foedus.sources.base import DatasetFile, DatasetSpec
from foedus.sources.citations import STINNETT_2002

__all__ = ["SPEC"]

_ZIP = "https://correlatesofwar.org/wp-content/uploads/DirectContiguity320.zip"

FILES = (
    DatasetFile("contdir.csv", "contdir",
                "62f3714d1a75c940887bf15b40b256aeeb41545734ab13abe96ab3f49a980362",
                _ZIP, rows=847, member="contdir.csv"),
    DatasetFile("contdird.csv", "contdird",
                "42b8fe2bc7fffe58665a38f7476d7d76cf3acd5a22e176c3691670997a4717f2",
                _ZIP, rows=82498, member="contdird.csv"),
)

_COLUMNS = {
    "contdir.csv": columns(
        "dyad statelno statelab:str statehno statehab:str conttype begin end notes:str? "
        "version:str=3.2"
    ),
    "contdird.csv": columns(
        "dyad state1no state1ab:str state2no state2ab:str year conttype version:str=3.2"
    ),
}


SPEC = DatasetSpec(
    name="contiguity",
    version="3.2",
    title="COW Direct Contiguity (v3.2)",
    citations=(STINNETT_2002,),
    coverage=CONTIGUITY_YEARS,  # the one coverage table, foedus.model.schema
    files=FILES,
    reader=delimited_reader(FILES, _COLUMNS),
    homepage="https://correlatesofwar.org/data-sets/direct-contiguity/",
    terms="free to use with citation (Correlates of War Project terms)",
)
