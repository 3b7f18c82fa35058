"""The one coverage table (foedus.model.schema.COVERAGE) against the real files' year ranges.

A user reads the years a dataset covers in an answer's notes ("ideal: covers 1946-2023; the
last known year 2023 is used for 2025"), in `data list` and in the docs: all of them come from
this table, so it must say what the imported data really hold.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import polars as pl

from foedus.model.schema import COVERAGE, IDEAL_POINT_MEASURE, IDEAL_POINT_YEARS
from foedus.sources.ideal_points import SPEC as IDEAL_SPEC

REPO = Path(__file__).resolve().parents[1]


def _years(frame: pl.DataFrame, first: str, last: str | None = None) -> tuple[int, int]:
    def year(col: str, agg: str) -> int:
        v = getattr(frame[col], agg)()
        return int(v.year if hasattr(v, "year") else v)

    return year(first, "min"), year(last or first, "max")


def test_ideal_point_years_are_the_files(shared_data: Path) -> None:
    raw = pl.read_csv(shared_data / "un-ideal-points-2025" / "IdealpointsJuly2025.csv",
                      infer_schema_length=20000)
    assert _years(raw, "year") == (1946, 2024)  # the file's rows
    for measure, years in IDEAL_POINT_YEARS.items():  # the years with an estimate
        has = raw.filter(pl.col(f"idealpoint{measure}").is_not_null())
        assert _years(has, "year") == years, measure
    # the catalog (`data list`, `data status`) states the years of the estimate foedus reads
    assert IDEAL_SPEC.coverage == COVERAGE["ideal"] == IDEAL_POINT_YEARS[IDEAL_POINT_MEASURE]
    assert "1946-2023" in IDEAL_SPEC.title and "1946-2024" in IDEAL_SPEC.title


def test_peacesciencer_and_atop_years_are_the_files(shared_data: Path) -> None:
    ps = shared_data / "peacesciencer"
    assert _years(pl.read_parquet(ps / "cow_contdir.parquet"), "stdate", "enddate") \
        == COVERAGE["contiguity"]
    assert _years(pl.read_parquet(ps / "cow_majors.parquet"), "styear", "endyear") \
        == COVERAGE["majors"]
    assert _years(pl.read_parquet(ps / "td_rivalries.parquet"), "styear", "endyear") \
        == COVERAGE["rivalries"]
    atop = _years(pl.read_parquet(ps / "atop_alliance.parquet"), "year")
    assert atop == COVERAGE["alliances"] == COVERAGE["similarity"]
    # COW's inter-state wars cover 1816-2007 (its codebook); the wars in it fall inside
    first, last = COVERAGE["wars"]
    wars = _years(pl.read_parquet(ps / "cow_war_inter.parquet"), "year")
    assert first <= wars[0] and wars[1] <= last


def test_answer_notes_read_the_table(ps_inputs: Any) -> None:
    """The note a credibility answer carries for 2025 states the table's years."""
    from foedus.scenario.features import FeatureBuilder

    first, last = COVERAGE["ideal"]
    layer = FeatureBuilder(ps_inputs).layer("ideal", 2025)
    assert layer.year == last
    assert layer.note == f"ideal: covers {first}-{last}; the last known year {last} is used " \
                         "for 2025"
    assert FeatureBuilder(ps_inputs).layer("ideal", 1939).note \
        == f"ideal: covers {first}-{last}; none for 1939"


def test_docs_state_the_table() -> None:
    """Every doc sentence giving UN ideal points' years gives the all-votes estimate's, or
    says it is the final-passage one."""
    first, last = COVERAGE["ideal"]
    texts = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
    found = 0
    for path in texts:
        text = path.read_text(encoding="utf-8")
        for m in re.finditer(r"ideal[- ]points?\b[^.`$]{0,60}?\b(1[89]\d\d)[–-](20\d\d)", text,
                             re.IGNORECASE):
            found += 1
            context = text[m.start():m.end() + 80].lower()
            if (int(m.group(1)), int(m.group(2))) != (first, last):
                assert "final-passage" in context or "final passage" in context, \
                    f"{path.name}: {m.group(0)!r}"
    assert found >= 1


def test_catalog_states_the_table() -> None:
    """`data list` and `data status` show each dataset's coverage from the same table."""
    from foedus.sources import catalog

    for dataset, measure in (("atop", "alliances"), ("contiguity", "contiguity"),
                             ("rivalries", "rivalries"), ("war", "wars"),
                             ("ideal-points", "ideal")):
        assert catalog.get_spec(dataset).coverage == COVERAGE[measure], dataset
