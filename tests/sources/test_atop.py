"""ATOP 5.1: the reader's validation, and the commitments layer on the real release files."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import polars as pl
import pytest

from foedus.errors import ImportDataError
from foedus.sources.atop import ATOP_SPEC, MEMBER_FILE, read_atop, read_atop_file
from foedus.sources.atop_commitments import ddy_from_member


@pytest.fixture(scope="module")
def atop_dir(shared_data: Path) -> Path:
    return shared_data / "atop-5.1"


@pytest.fixture(scope="module")
def atop(atop_dir: Path) -> dict[str, pl.DataFrame]:
    return read_atop(atop_dir)


@pytest.fixture(scope="module")
def commitments(atop: dict[str, pl.DataFrame]) -> pl.DataFrame:
    return atop["commitments"]


def _pledges(c: pl.DataFrame, atopid: int, kind: str) -> set[tuple[int, int]]:
    rows = c.filter((pl.col("atopid") == atopid) & (pl.col("kind") == kind))
    return set(zip(rows["obligor"].to_list(), rows["beneficiary"].to_list(), strict=True))


def test_reader_tables_and_spec(atop: dict[str, pl.DataFrame], atop_dir: Path) -> None:
    assert set(atop) == {"member", "alliance", "phase", "ddy", "commitments"}
    assert atop["member"].height == 2510
    assert atop["alliance"].height == 789
    assert atop["phase"].height == 849
    assert atop["member"].schema["atopid"] == pl.Int64
    assert ATOP_SPEC.name == "atop" and ATOP_SPEC.version == "5.1"
    assert "Leeds" in ATOP_SPEC.citations[0].bibtex
    import hashlib

    for f in ATOP_SPEC.files:
        digest = hashlib.sha256((atop_dir / f.name).read_bytes()).hexdigest()
        assert digest == f.sha256, f.name


def test_catalog_lists_atop() -> None:
    from foedus.sources.catalog import get_spec

    assert get_spec("atop") is ATOP_SPEC


def test_nato_defense_pledges(commitments: pl.DataFrame) -> None:
    nato = commitments.filter(pl.col("atopid") == 3180)
    defense = nato.filter(pl.col("kind") == "defense")
    # the United States owes defense to the UK from signature, 1949-04-04
    us_uk = defense.filter((pl.col("obligor") == 2) & (pl.col("beneficiary") == 200))
    assert us_uk["valid_from"].min() == dt.date(1949, 4, 4)
    assert us_uk.filter(pl.col("valid_to").is_null()).height == 1  # still in force in 2018
    # Estonia's pledges run from ATOP's accession date (signature of the protocol) with
    # every other member; the area clause (Art. 6) is a location condition
    est = defense.filter((pl.col("obligor") == 366) & (pl.col("beneficiary") == 2)).row(
        0, named=True)
    assert est["valid_from"] == dt.date(2003, 3, 26)
    assert json.loads(est["conditions"])["territory"]
    assert est["legal_force"] == "treaty" and est["strength"] is None
    # West Germany's pledge ends when Germany unites; unified Germany's begins that day
    gfr = defense.filter((pl.col("obligor") == 260) & (pl.col("beneficiary") == 220))
    assert gfr["valid_to"].max() == dt.date(1990, 10, 3)
    consult = nato.filter(pl.col("kind") == "consultation")
    assert set(consult["strength"].unique().to_list()) == {"consultative"}


def test_named_adversary_sino_soviet_1950(commitments: pl.DataFrame) -> None:
    rows = commitments.filter((pl.col("atopid") == 3200) & (pl.col("kind") == "defense"))
    assert _pledges(rows, 3200, "defense") == {(365, 710), (710, 365)}
    for r in rows.to_dicts():
        assert r["adversaries"] == [740]
        assert json.loads(r["conditions"])["adversaries"] == [740]
    # its nonaggression pledge names no adversary
    nonagg = commitments.filter((pl.col("atopid") == 3200) & (pl.col("kind") == "nonaggression"))
    assert all(a == [] for a in nonagg["adversaries"].to_list())


def test_guarantee_asymmetry_stockholm_1855(commitments: pl.DataFrame) -> None:
    # Britain and France guarantee Sweden-Norway: defense owed to Sweden only, none by Sweden;
    # all three consult with one another
    assert _pledges(commitments, 1190, "defense") == {(200, 380), (220, 380)}
    consult = _pledges(commitments, 1190, "consultation")
    assert len(consult) == 6


def test_obvary_locarno_1925(commitments: pl.DataFrame) -> None:
    defense = _pledges(commitments, 2130, "defense")
    assert (200, 255) in defense and (325, 211) in defense  # guarantors
    assert (211, 220) in defense and (220, 255) in defense
    assert not any(o == 255 for o, _ in defense)  # Germany's pledge can never fire
    assert not any(b in (200, 325) for _, b in defense)  # nobody defends the guarantors
    nonagg = _pledges(commitments, 2130, "nonaggression")
    assert nonagg == {(a, b) for a in (211, 220, 255) for b in (211, 220, 255) if a != b}


def test_unknown_day_is_month_precision(commitments: pl.DataFrame) -> None:
    # ATOP 1115 (UK-Russia, June 1844): entry day unknown -> 1844-06-01, precision month
    rows = commitments.filter(pl.col("atopid") == 1115)
    assert rows["valid_from"].unique().to_list() == [dt.date(1844, 6, 1)]
    assert rows["valid_from_precision"].unique().to_list() == ["month"]
    # ATOP 1035: exit in December 1822, day unknown -> first day out 1823-01-01
    ends = commitments.filter(pl.col("atopid") == 1035)
    assert ends["valid_to"].unique().to_list() == [dt.date(1823, 1, 1)]
    assert ends["valid_to_precision"].unique().to_list() == ["month"]


def test_ddy_semantics(atop: dict[str, pl.DataFrame]) -> None:
    # (speed is measured in benchmarks/, never asserted in a test)
    ddy = ddy_from_member(atop["member"])
    assert ddy.select("ccode1", "ccode2", "year").is_duplicated().sum() == 0
    row = ddy.filter((pl.col("ccode1") == 200) & (pl.col("ccode2") == 380)
                     & (pl.col("year") == 1856)).row(0, named=True)
    assert row["atop_defense"] == 1 and 1190 in row["atop_ids"]
    back = ddy.filter((pl.col("ccode1") == 380) & (pl.col("ccode2") == 200)
                      & (pl.col("year") == 1856)).row(0, named=True)
    assert back["atop_defense"] == 0 and back["atop_consul"] == 1
    # Sino-Soviet 1950: conditioned on a specific adversary in every alliance giving it
    ss = ddy.filter((pl.col("ccode1") == 710) & (pl.col("ccode2") == 365)
                    & (pl.col("year") == 1951)).row(0, named=True)
    assert ss["atop_defense"] == 1 and ss["atop_defcoadv"] == 1
    assert ss["atop_offcoadv"] is None  # no offense pledge: condition is null
    assert ddy.filter(pl.col("ccode1") >= 1000).is_empty()


def _write_member(tmp_path: Path, atop_dir: Path, edit) -> Path:  # type: ignore[no-untyped-def]
    lines = (atop_dir / MEMBER_FILE).read_text().splitlines(keepends=True)
    path = tmp_path / MEMBER_FILE
    path.write_text("".join(edit(lines)))
    return path


def test_truncated_member_file_names_file_and_line(tmp_path: Path, atop_dir: Path) -> None:
    def cut(lines: list[str]) -> list[str]:
        return lines[:100] + [lines[100][:40]]

    path = _write_member(tmp_path, atop_dir, cut)
    with pytest.raises(ImportDataError) as err:
        read_atop_file(path)
    problem = err.value.problems[0]
    assert problem.file == str(path) and problem.line == 101
    assert "truncated" in str(err.value) and MEMBER_FILE in str(err.value)


def test_dropped_rows_fail_the_row_count(tmp_path: Path, atop_dir: Path) -> None:
    path = _write_member(tmp_path, atop_dir, lambda lines: lines[:-3])
    with pytest.raises(ImportDataError, match="2507 data rows"):
        read_atop_file(path, ATOP_SPEC.file(MEMBER_FILE))


def test_wrong_version_names_line_and_column(tmp_path: Path, atop_dir: Path) -> None:
    def old(lines: list[str]) -> list[str]:
        lines[5] = lines[5].rstrip("\r\n").rsplit(",", 1)[0] + ",5.0\r\n"
        return lines

    path = _write_member(tmp_path, atop_dir, old)
    with pytest.raises(ImportDataError) as err:
        read_atop_file(path)
    p = err.value.problems[0]
    assert (p.line, p.field, p.column) == (6, "version", 105)
    assert "5.0" in p.message


def test_non_integer_code_names_column(tmp_path: Path, atop_dir: Path) -> None:
    def bad(lines: list[str]) -> list[str]:
        cells = lines[10].split(",")
        cells[3] = "2x0"  # member
        lines[10] = ",".join(cells)
        return lines

    path = _write_member(tmp_path, atop_dir, bad)
    with pytest.raises(ImportDataError) as err:
        read_atop_file(path)
    p = err.value.problems[0]
    assert (p.line, p.field, p.column) == (11, "member", 4)


def test_missing_column(tmp_path: Path, atop_dir: Path) -> None:
    def drop(lines: list[str]) -> list[str]:
        return [",".join(c for i, c in enumerate(line.split(",")) if i != 4) for line in lines]

    path = _write_member(tmp_path, atop_dir, drop)
    with pytest.raises(ImportDataError, match="missing column.*cowsys"):
        read_atop_file(path)
