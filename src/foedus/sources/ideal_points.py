"""UN General Assembly ideal points (Bailey, Strezhnev & Voeten), July 2025 release.

Why: a vote-based alignment measure, the second one next to alliance portfolios. The file
is the Dataverse ``.dta`` converted to CSV without changing values; ``year`` and the vote
counts are stored as integers. Its rows run 1946-2024, but of its three estimates only the
final-passage one (``idealpointfp``) has 2024; the all-votes estimate foedus reads
(``idealpointall``) and the legacy one end in 2023
(:data:`foedus.model.schema.IDEAL_POINT_YEARS`). Dataverse distributes ``.dta``/``.tab``
files, so ``fetch`` needs ``--base-url`` (a mirror of the CSV).
"""

from __future__ import annotations

from foedus.model.schema import IDEAL_POINT_MEASURE, IDEAL_POINT_YEARS
from foedus.sources._tabular import columns, delimited_reader
from foedus.sources.base import DatasetFile, DatasetSpec
from foedus.sources.citations import BAILEY_2017, VOETEN_UNVOTES

__all__ = ["SPEC"]

FILES = (
    DatasetFile("IdealpointsJuly2025.csv", "ideal_points",
                "60e6db520e70bb4a814b4339e4038a372c4efc6b034092af8881be97da6565b2",
                None, rows=11440),
)

_COLUMNS = columns(
    "ccode:int iso3c:str? countryname:str? year:whole idealpointfp:float? idealpointall:float? "
    "idealpointlegacy:float? nvotesfp:whole? qofp:float? q5fp:float? q10fp:float? "
    "q50fp:float? q90fp:float? q95fp:float? q100fp:float? nvotesall:whole? qoall:float? "
    "q5all:float? q10all:float? q50all:float? q90all:float? q95all:float? q100all:float? "
    "nvotesLegacy:whole?"
)


SPEC = DatasetSpec(
    name="ideal-points",
    version="July 2025",
    title="United Nations General Assembly ideal points (July 2025; all-votes estimates "
          "1946-2023, final-passage 1946-2024)",
    citations=(BAILEY_2017, VOETEN_UNVOTES),
    # the years of the estimate foedus reads (the file's rows run to 2024, where only the
    # final-passage estimate has values): the one coverage table, foedus.model.schema
    coverage=IDEAL_POINT_YEARS[IDEAL_POINT_MEASURE],
    files=FILES,
    reader=delimited_reader(FILES, {f.name: _COLUMNS for f in FILES}),
    homepage="https://dataverse.harvard.edu/dataset.xhtml?persistentId=hdl:1902.1/12379",
    terms="cite Bailey, Strezhnev & Voeten (2017) and the Dataverse record",
)
