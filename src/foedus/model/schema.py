"""The commitment columns, the vocabulary and the coverage years — declared once.

Why: a commitment travels through several layers (the registry's derivation, ATOP's
derivation, the DuckDB table, the :class:`~foedus.graph.CommitmentGraph`, Parquet snapshots for
workers). Each reads its column list, types and the coverage years from here, so that adding a
column or moving a year is one edit, not seven.
"""

from __future__ import annotations

import datetime as dt
from typing import Final, Literal

from foedus.errors import InvalidInputError

__all__ = [
    "COMMITMENT_COLUMNS",
    "COMMITMENT_SQL_TYPES",
    "ATOP_YEARS",
    "ATOP_KNOWN_UNTIL",
    "FIRST_DAY",
    "FIRST_SYSTEM_YEAR",
    "CONTIGUITY_YEARS",
    "MAJORS_YEARS",
    "WAR_YEARS",
    "RIVALRY_YEARS",
    "SOURCES",
    "Source",
    "COMMITMENT_DATASETS",
    "ATOP_PLEDGES",
    "ATOP_PLEDGE_KIND",
    "KIND_ATOP_PLEDGE",
    "BINDING",
    "check_source",
]

# name -> DuckDB type. Order is the table's column order.
COMMITMENT_SQL_TYPES: Final[dict[str, str]] = {
    "obligor": "INTEGER",
    "beneficiary": "INTEGER",
    "kind": "VARCHAR",
    "strength": "VARCHAR",
    "legal_force": "VARCHAR",
    "instrument_id": "VARCHAR",
    "instrument_name": "VARCHAR",
    "valid_from": "DATE",
    "valid_to": "DATE",
    "conditions": "VARCHAR",  # JSON of Conditions.to_json() (plus ATOP's extra flags)
    "adversaries": "INTEGER[]",
    "territory": "VARCHAR",
    "non_provocation": "BOOLEAN",
    "article": "VARCHAR",
    "quote": "VARCHAR",
    "sources": "VARCHAR[]",
    "origin": "VARCHAR",  # "registry" or "atop"
    "atop_id": "INTEGER",
    "note": "VARCHAR",
    "unconditional": "BOOLEAN",
    "valid_from_precision": "VARCHAR",
    "valid_to_precision": "VARCHAR",
    "known_until": "DATE",  # after this day the source knows nothing (ATOP: 2019-01-01)
    "aim": "VARCHAR",  # "support" or "restraint" (a promise to refrain, never support)
    "dormant": "BOOLEAN",  # in force but formal only: no party treats it as operative
    "via": "VARCHAR",  # the organisation a side is bound through ("EU"), null when direct
    "object": "INTEGER[]",  # the states whose violation engages the clause (empty: any)
}
COMMITMENT_COLUMNS: Final[tuple[str, ...]] = tuple(COMMITMENT_SQL_TYPES)

ATOP_YEARS: Final[tuple[int, int]] = (1815, 2018)
ATOP_KNOWN_UNTIL: Final[dt.date] = dt.date(ATOP_YEARS[1] + 1, 1, 1)
FIRST_DAY: Final[dt.date] = dt.date(1815, 1, 1)
# The first year of the Correlates of War state system (its membership list starts in 1816).
FIRST_SYSTEM_YEAR: Final[int] = 1816
# The years the tables of the researcher datasets cover (peacesciencer 1.2.9's releases of
# COW contiguity 3.2, COW major powers 2016, COW inter-state wars and Thompson & Dreyer's
# rivalries): outside them a value is missing, never 0.
CONTIGUITY_YEARS: Final[tuple[int, int]] = (1816, 2016)
MAJORS_YEARS: Final[tuple[int, int]] = (1816, 2016)
WAR_YEARS: Final[tuple[int, int]] = (1816, 2007)
RIVALRY_YEARS: Final[tuple[int, int]] = (1494, 2010)
# UN General Assembly ideal points (Bailey, Strezhnev & Voeten, July 2025 release), by
# estimate (its codebook): ``all`` — all votes, paragraphs and amendments included, the one
# foedus reads (``add_ideal_point_distance``, the credibility and joining models); ``fp`` —
# final passage of resolutions only, a year further; ``legacy`` — by session. The file has
# rows for 1946-2024, but the all-votes estimate of 2024 is empty in this release.
IDEAL_POINT_YEARS: Final[dict[str, tuple[int, int]]] = {
    "all": (1946, 2023), "fp": (1946, 2024), "legacy": (1946, 2023)}
IDEAL_POINT_MEASURE: Final[str] = "all"
# The one coverage table: the first and last year of each measure foedus reads from the
# researcher datasets. Answers' notes ("covers 1816-2016; the last known year ..."), `data
# list`, `data status` and the docs state these; tests/test_coverage.py checks each against
# the imported files' real year range.
COVERAGE: Final[dict[str, tuple[int, int]]] = {
    "alliances": ATOP_YEARS,
    "similarity": ATOP_YEARS,
    "contiguity": CONTIGUITY_YEARS,
    "majors": MAJORS_YEARS,
    "wars": WAR_YEARS,
    "rivalries": RIVALRY_YEARS,
    "ideal": IDEAL_POINT_YEARS[IDEAL_POINT_MEASURE],
}
SOURCES: Final[tuple[str, ...]] = ("registry", "atop", "all")
# What a question reads: the curated registry, the ATOP layer, or both.
Source = Literal["registry", "atop", "all"]
# The imported datasets a question may read commitments from (beside the registry).
COMMITMENT_DATASETS: Final[tuple[str, ...]] = ("registry", "atop")

# ATOP's obligation variables, in the order of its ``atop_*`` flag columns, and the foedus
# kind each codes (ATOP codes a guarantee of territory as a defense pledge, so comparing the
# registry with ATOP reads a registry guarantee as ATOP's ``defense``).
ATOP_PLEDGES: Final[tuple[str, ...]] = ("defense", "offense", "neutral", "nonagg", "consul")
ATOP_PLEDGE_KIND: Final[dict[str, str]] = {
    "defense": "defense", "offense": "offense", "neutral": "neutrality",
    "nonagg": "nonaggression", "consul": "consultation",
}
KIND_ATOP_PLEDGE: Final[dict[str, str]] = {
    "defense": "defense", "guarantee": "defense", "offense": "offense",
    "neutrality": "neutral", "nonaggression": "nonagg", "consultation": "consul",
}
# Legal forces that bind (a political commitment or a proposal does not).
BINDING: Final[frozenset[str]] = frozenset({"treaty", "executive_agreement", "unilateral"})
# Organisations that can be parties, with the codes foedus gives them (outside COW's range).
ACTORS: Final[dict[str, int]] = {"EU": 1001}


def check_source(source: str) -> None:
    """Refuse a source other than ``registry``, ``atop`` or ``all``."""
    if source not in SOURCES:
        raise InvalidInputError(f"source must be one of {', '.join(SOURCES)}, not {source!r}")
