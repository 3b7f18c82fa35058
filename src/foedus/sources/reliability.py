"""Alliance reliability in war: Berkemeier & Fuhrmann (2018) and Leeds & Anac (2005).

Why: base rates for how often promises were honoured (the credibility model starts from
them). ``berkemeier_fuhrmann`` codes each alliance invoked by a war under both their rules
(``*BF``) and Leeds, Long & Mitchell's (``*LLM``); ``leeds_anac`` is the replication file of
Leeds & Anac (2005). Both are replication ``.dta`` files converted to CSV without changing
values; whole-number columns are stored as integers. They are distributed only as
replication archives, so ``fetch`` needs ``--base-url``.
"""

from __future__ import annotations

from foedus.sources._tabular import columns, delimited_reader
from foedus.sources.base import DatasetFile, DatasetSpec
from foedus.sources.citations import (
    BERKEMEIER_FUHRMANN_2018,
    LEEDS_ANAC_2005,
    LEEDS_LONG_MITCHELL_2000,
)

__all__ = ["SPEC"]

FILES = (
    DatasetFile("BerkemeierFuhrmannRAP2018_0303.csv", "berkemeier_fuhrmann",
                "803301ef221f5f0e208a3fc5da64cf0bc74cb8e5b774b4ff72edccf8e289fbaf",
                None, rows=576,
                citations=(BERKEMEIER_FUHRMANN_2018, LEEDS_LONG_MITCHELL_2000)),
    DatasetFile("LeedsAnacIIrep.csv", "leeds_anac",
                "93441462283c8a33155b52c16989f7de2c67fe0b49f54f16e34bd7956abcd301",
                None, rows=137, citations=(LEEDS_ANAC_2005,)),
)

_BF_FLAGS = (
    "sabhon sabvio nonaggBF consulBF cfnaBF dnaBF honorBF violateBF nonaggLLM consulLLM "
    "cfnaLLM dnaLLM honorLLM violateLLM sabroskyhonorbf sabroskyhonorllm"
)


def _flags(names: str, kind: str) -> str:
    return " ".join(f"{c}:{kind}" for c in names.split())


_COLUMNS = {
    "BerkemeierFuhrmannRAP2018_0303.csv": columns(
        "sample:whole warid:int atopid:whole cowwarid:whole? warname:str cowid:whole? "
        "multilateral:int " + _flags(_BF_FLAGS, "whole?")
        + " defense:whole offense:whole neutral:whole nonagg:whole consul:whole"
    ),
    "LeedsAnacIIrep.csv": columns(
        _flags("war atopid ccode1 honor3 milinst formal chcap2d dinstch2 origtar1 honor2 "
               "chalcapd chcp2d20 regch2 wartime active bilat", "whole")
    ),
}


SPEC = DatasetSpec(
    name="reliability",
    version="2018",
    title="Alliance fulfilment in war (Berkemeier & Fuhrmann 2018; Leeds & Anac 2005)",
    citations=(BERKEMEIER_FUHRMANN_2018, LEEDS_LONG_MITCHELL_2000, LEEDS_ANAC_2005),
    coverage=(1816, 2003),
    files=FILES,
    reader=delimited_reader(FILES, _COLUMNS),
    homepage="https://doi.org/10.1177/2053168018779697",
    terms="replication data; cite the original articles",
)
