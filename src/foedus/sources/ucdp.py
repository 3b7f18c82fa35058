"""UCDP/PRIO Armed Conflict Dataset 25.1, and Thompson, Sakuwa & Suhas's strategic rivalries
1494-2020: the conflict data that run past COW's MID (2014).

Why: a threat is inferred from who fought whom; MID stops in 2014, so the threats of today
need a source that runs to 2024. UCDP ACD records every armed conflict with at least 25
battle deaths a year, with the states on each side: the primary parties (``gwno_a``,
``gwno_b``) and the *secondary warring parties* that sent troops to one side
(``gwno_a_2nd``, ``gwno_b_2nd``). Interstate conflicts (type 2) and internationalised
intrastate conflicts (type 4, "II": a state's troops on a side of another state's civil war)
are those between states; foedus reads all four types and keeps UCDP's codes.

The file read is peacesciencer 1.2.9's conversion (``ucdp_acd``), one row per conflict-year
and secondary party (UCDP's comma-separated lists unnested); codes are Gleditsch-Ward. Also
read here: peacesciencer's ``tss_rivalries`` (Thompson, Sakuwa & Suhas 2021), the
strategic rivalries to 2020 with COW codes. R distributes no Parquet, so ``fetch`` needs
``--base-url`` (a mirror of the Parquet copies).
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from foedus.errors import ImportDataError, Problem
from foedus.sources._tabular import read_parquet_strict
from foedus.sources.base import (
    Citation,
    DatasetFile,
    DatasetSpec,
    ProgressCallback,
    folder_reader,
)
from foedus.sources.citations import MILLER_PEACESCIENCER_2022

__all__ = ["SPEC", "CONFLICT_TYPES", "DAVIES_2025", "GLEDITSCH_2002", "THOMPSON_2021"]

GLEDITSCH_2002 = Citation(
    "gleditsch2002armed",
    """@article{gleditsch2002armed,
  author = {Gleditsch, Nils Petter and Wallensteen, Peter and Eriksson, Mikael and
            Sollenberg, Margareta and Strand, H{\\aa}vard},
  title = {Armed Conflict 1946--2001: A New Dataset},
  journal = {Journal of Peace Research}, volume = {39}, number = {5}, pages = {615--637},
  year = {2002}
}""",
    "Gleditsch, Nils Petter, Peter Wallensteen, Mikael Eriksson, Margareta Sollenberg and "
    "Havard Strand. 2002. \"Armed Conflict 1946-2001: A New Dataset.\" Journal of Peace "
    "Research 39(5): 615-637.",
)
DAVIES_2025 = Citation(
    "davies2025organized",
    """@article{davies2025organized,
  author = {Davies, Shawn and Pettersson, Ther{\\'e}se and Sollenberg, Margareta and
            {\\"O}berg, Magnus},
  title = {Organized violence 1989--2024, and the challenges of identifying civilian victims},
  journal = {Journal of Peace Research}, volume = {62}, number = {4}, pages = {1223--1240},
  year = {2025}
}""",
    "Davies, Shawn, Therese Pettersson, Margareta Sollenberg and Magnus Oberg. 2025. "
    "\"Organized violence 1989-2024, and the challenges of identifying civilian victims.\" "
    "Journal of Peace Research 62(4): 1223-1240.",
)
THOMPSON_2021 = Citation(
    "thompson2021analyzing",
    """@book{thompson2021analyzing,
  author = {Thompson, William R. and Sakuwa, Kentaro and Suhas, Prashant Hosur},
  title = {Analyzing Strategic Rivalries in World Politics: Types of Rivalry, Regional
           Variation, and Escalation/De-escalation},
  publisher = {Springer}, year = {2021}
}""",
    "Thompson, William R., Kentaro Sakuwa and Prashant Hosur Suhas. 2021. Analyzing "
    "Strategic Rivalries in World Politics. Springer.",
)

CONFLICT_TYPES = {"extrasystemic": 1, "interstate": 2, "intrastate": 3, "II": 4}
"""UCDP's ``type_of_conflict`` as peacesciencer spells it, and UCDP's number for it."""

_D, _S, _DATE, _I = "double", "string", "date32[day]", "int32"

# table: (rows, coverage, citations, {column: arrow type}, whole-number columns, sha256)
TABLES: dict[str, tuple[int, tuple[int, int], tuple[Citation, ...], dict[str, str], str, str]] = {
    "ucdp_acd": (
        5652, (1946, 2024), (GLEDITSCH_2002, DAVIES_2025),
        {"conflict_id": _D, "year": _D, "gwno_a": _D, "gwno_a_2nd": _D, "gwno_b": _D,
         "gwno_b_2nd": _D, "incompatibility": _S, "intensity_level": _D,
         "type_of_conflict": _S, "start_date": _DATE, "start_prec": _D, "start_date2": _DATE,
         "start_prec2": _D, "ep_end": _D, "ep_end_date": _DATE},
        "conflict_id year gwno_a gwno_a_2nd gwno_b gwno_b_2nd intensity_level ep_end",
        "fe179af8b43cb4c5547e50b7cf571b08e64ad1feac760e7971b233989d0f761a",
    ),
    "tss_rivalries": (
        264, (1494, 2020), (THOMPSON_2021,),
        {"tssr_id": _I, "rivalry": _S, "ccode1": _D, "ccode2": _D, "start": _D, "end": _D,
         "positional": _D, "spatial": _D, "ideological": _D, "interventionary": _D,
         "principal": _D, "aprin": _D},
        "ccode1 ccode2 start end",
        "129f12906709b8cd171ffda8be0cac7e57669ea285aba97c4fd26619689fdd39",
    ),
}

FILES = tuple(
    DatasetFile(f"{t}.parquet", t, sha, None, rows=rows, citations=cites, coverage=cov)
    for t, (rows, cov, cites, _schema, _whole, sha) in TABLES.items()
)


def _read(path: Path, dfile: DatasetFile, progress: ProgressCallback | None) -> pl.DataFrame:
    _rows, _cov, _cites, schema, whole, _sha = TABLES[dfile.table]
    df = read_parquet_strict(path, dfile, schema, whole=whole.split(), progress=progress)
    if dfile.table == "ucdp_acd":
        bad = df.filter(~pl.col("type_of_conflict").is_in(list(CONFLICT_TYPES)))
        if bad.height:
            raise ImportDataError(Problem(
                str(path), None, "type_of_conflict",
                f"unknown conflict type {bad['type_of_conflict'][0]!r} (expected one of "
                f"{', '.join(CONFLICT_TYPES)}); not UCDP ACD as peacesciencer converts it"))
    return df


SPEC = DatasetSpec(
    name="ucdp-acd",
    version="25.1",
    title="UCDP/PRIO Armed Conflict Dataset 25.1 (1946-2024) and strategic rivalries to 2020 "
          "(Thompson, Sakuwa & Suhas), as converted by peacesciencer 1.2.9",
    citations=(GLEDITSCH_2002, DAVIES_2025, THOMPSON_2021, MILLER_PEACESCIENCER_2022),
    coverage=(1946, 2024),
    files=FILES,
    reader=folder_reader(FILES, {f.name: _read for f in FILES}),
    homepage="https://ucdp.uu.se/downloads/",
    terms="UCDP data are free to use with citation (CC BY 4.0); cite the peacesciencer "
          "package for the conversion",
)
