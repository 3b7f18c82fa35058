"""Strategic rivalries, 1494-2010 (Thompson & Dreyer 2011).

Why: a rival is the state a commitment is most often directed against. In this file the
sides are names (``sidea``, ``sideb``), not COW codes; peacesciencer's ``td_rivalries``
carries the coded version. The copy is ``stevemisc::strategic_rivalries``, distributed as
R data only, so ``fetch`` needs ``--base-url``.
"""

from __future__ import annotations

from foedus.model.schema import RIVALRY_YEARS
from foedus.sources._tabular import columns, delimited_reader
from foedus.sources.base import DatasetFile, DatasetSpec
from foedus.sources.citations import THOMPSON_DREYER_2011

__all__ = ["SPEC"]

FILES = (
    DatasetFile("strategic_rivalries.csv", "rivalries",
                "0e07d5dbdf8c1ddc4f12c9844243761b63e2772ac1cc9a02e4c3f6afd3e16f87",
                None, rows=197),
)

_COLUMNS = columns(
    "rivalryno rivalryname:str sidea:str sideb:str styear endyear region:str type1:str "
    "type2:str? type3:str?"
)


SPEC = DatasetSpec(
    name="rivalries",
    version="2011",
    title="Strategic rivalries, 1494-2010 (Thompson & Dreyer)",
    citations=(THOMPSON_DREYER_2011,),
    coverage=RIVALRY_YEARS,  # the one coverage table, foedus.model.schema
    files=FILES,
    reader=delimited_reader(FILES, {f.name: _COLUMNS for f in FILES}),
    homepage="https://github.com/svmiller/stevemisc",
    terms="cite Thompson & Dreyer (2011)",
)
