"""peacesciencer 1.2.9: the package's data tables that foedus matches and extends.

Why: peacesciencer (R) is the field's reference toolkit and foedus's researcher datasets are
tested against it. Its tables are R ``.rda`` files; foedus reads their Parquet conversion
(values identical to R's). Each table is imported as shipped, except that code and year
columns stored by R as doubles (``ccode``, ``year``, ``styear`` ...) must be whole numbers
and are stored as integers. Each table carries its own citation (from the package's
documentation) besides Miller (2022). R distributes no Parquet, so ``fetch`` needs
``--base-url`` (a mirror of the Parquet copies).
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from foedus.sources._tabular import read_parquet_strict
from foedus.sources.base import (
    Citation,
    DatasetFile,
    DatasetSpec,
    ProgressCallback,
    folder_reader,
)
from foedus.sources.citations import (
    COW_STATES_2017,
    GLEDITSCH_WARD_1999,
    LEEDS_2002,
    MILLER_PEACESCIENCER_2022,
    SARKEES_WAYMAN_2010,
    SINGER_1972,
    SINGER_1987,
    STINNETT_2002,
    THOMPSON_DREYER_2011,
)

__all__ = ["SPEC", "TABLES"]

_D, _S, _DATE, _I = "double", "string", "date32[day]", "int32"


def _doubles(names: str) -> dict[str, str]:
    return dict.fromkeys(names.split(), _D)


# table: (rows, coverage, citations, {column: arrow type}, whole-number columns)
TABLES: dict[str, tuple[int, tuple[int, int], tuple[Citation, ...], dict[str, str], str]] = {
    "cow_nmc": (
        17121, (1816, 2022), (SINGER_1972, SINGER_1987),
        _doubles("ccode year milex milper irst pec tpop upop cinc"),
        "ccode year",
    ),
    "cow_capitals": (
        242, (1816, 2024), (),
        {"ccode": _D, "statenme": _S, "capital": _S, "stdate": _DATE, "enddate": _DATE,
         "lat": _D, "lng": _D},
        "ccode",
    ),
    "gw_capitals": (
        264, (1816, 2024), (),
        {"gwcode": _D, "statenme": _S, "capital": _S, "stdate": _DATE, "enddate": _DATE,
         "lat": _D, "lng": _D},
        "gwcode",
    ),
    "cow_contdir": (
        1874, (1816, 2016), (STINNETT_2002,),
        {"ccode1": _D, "ccode2": _D, "conttype": _D, "stdate": _DATE, "enddate": _DATE},
        "ccode1 ccode2 conttype",
    ),
    "false_cow_dyads": (
        60, (1860, 1990), (),
        {"ccode1": _D, "ccode2": _D, "year": _I, "in_ps": _D},
        "ccode1 ccode2",
    ),
    "false_gw_dyads": (
        40, (1830, 2006), (),
        {"gwcode1": _D, "gwcode2": _D, "year": _I, "microstate1": _D, "microstate2": _D,
         "in_ps": _D},
        "gwcode1 gwcode2",
    ),
    "cow_majors": (
        14, (1816, 2016), (COW_STATES_2017,),
        _doubles("ccode styear stmonth stday endyear endmonth endday version"),
        "ccode styear stmonth stday endyear endmonth endday version",
    ),
    "td_rivalries": (
        197, (1494, 2010), (THOMPSON_DREYER_2011,),
        {"rivalryno": _D, "rivalryname": _S, "ccode1": _D, "ccode2": _D, "styear": _D,
         "endyear": _D, "region": _S, "type1": _S, "type2": _S, "type3": _S},
        "rivalryno ccode1 ccode2 styear endyear",
    ),
    "cow_war_inter": (
        1932, (1823, 2003), (SARKEES_WAYMAN_2010,),
        _doubles("warnum ccode1 ccode2 year cowinterongoing cowinteronset sidea1 "
                 "sidea2 initiator1 initiator2 outcome1 outcome2 batdeath1 batdeath2 resume"),
        "warnum ccode1 ccode2 year",
    ),
    "cow_states": (
        243, (1816, 2016), (COW_STATES_2017,),
        {"stateabb": _S, "ccode": _D, "statenme": _S,
         **_doubles("styear stmonth stday endyear endmonth endday version")},
        "ccode styear stmonth stday endyear endmonth endday version",
    ),
    "gw_states": (
        216, (1816, 2017), (GLEDITSCH_WARD_1999,),
        {"gwcode": _D, "stateabb": _S, "statename": _S, "startdate": _DATE, "enddate": _DATE},
        "gwcode",
    ),
    "atop_alliance": (
        273296, (1815, 2018), (LEEDS_2002,),
        _doubles("ccode1 ccode2 year atop_defense "
                 "atop_offense atop_neutral atop_nonagg atop_consul"),
        "ccode1 ccode2 year",
    ),
}

_SHA256 = {
    "cow_nmc": "7698c8023b95780eec63ef58cf09b64cb5054f227842a21dec145774ee31b637",
    "cow_capitals": "94f1ca9bc60138fa9736f153b5cc2912626b18cd66eb8915c6147eb3ab6de48c",
    "gw_capitals": "4077cb13e5cf1f1276f55469e162444766545bef165ea31d50139f18d2c63674",
    "cow_contdir": "04e5afa09bfbcf1d07ac45de78342557ff47501581fc91d7363b3b4062bbccd1",
    "false_cow_dyads": "03fbeedc7e26781b18a655edc81d988bdc338d61075d723335b95aea37d769b8",
    "false_gw_dyads": "a910138eb7e53e5321e5d3f2508ff23dcc3260ebc08c4faedb3d56a36adfac4e",
    "cow_majors": "0af5670d84b1cf263962cf5d1e39a740d157164667d0bd81c18f28779c4cf716",
    "td_rivalries": "f6fc8543b754aebced12d3f6b4c4bca3f22cc0388a4f3eb097ecadbcdac506c2",
    "cow_war_inter": "7787a0d190e9d1d824ce43d47f7ee9cd53c24b64cc73c99900c4d98dc45e619c",
    "cow_states": "4222ae47e5ab8b85602f30c16e4ff826b645d83cdb7d3ed6cf7aedfc35006c15",
    "gw_states": "600b367d2dc45a77e514bdf665da952d299d86c3427d2d397633bd7ce770ad35",
    "atop_alliance": "65fbf85e535beebb6b2400d0eb98a1592605479d222813555e8a453a739c15d8",
}

FILES = tuple(
    DatasetFile(f"{t}.parquet", t, _SHA256[t], None, rows=rows, citations=cites,
                coverage=cov)
    for t, (rows, cov, cites, _schema, _whole) in TABLES.items()
)


def _read(path: Path, dfile: DatasetFile, progress: ProgressCallback | None) -> pl.DataFrame:
    _rows, _cov, _cites, schema, whole = TABLES[dfile.table]
    expect = {"version": 2016.0} if "version" in schema else None
    return read_parquet_strict(path, dfile, schema, whole=whole.split(), expect=expect,
                               progress=progress)


SPEC = DatasetSpec(
    name="peacesciencer",
    version="1.2.9",
    title="peacesciencer 1.2.9 data tables (NMC 7.0, capitals, contiguity, false dyads, ...)",
    citations=(MILLER_PEACESCIENCER_2022,),
    coverage=(1815, 2024),
    files=FILES,
    reader=folder_reader(FILES, {f.name: _read for f in FILES}),
    homepage="https://svmiller.com/peacesciencer/",
    terms="GPL-2 (R package); cite the package and each table's source",
)
