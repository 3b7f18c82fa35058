"""Reconcile foedus's ATOP layer with a peer: foedus's directed dyad-years against peacesciencer's.

Why: a derived table earns trust by agreeing with an independent derivation and by
explaining every place it does not. :func:`reconcile_atop` compares foedus's directed
dyad-years (``ddy``, built from ATOP's member file) with peacesciencer's ``atop_alliance``
(ATOP's own directed dyad-year file, ``atop5_1ddyr``), per pledge type over the union of
dyad-years, and gives every disagreeing dyad-year a cause (the list is in
:mod:`foedus.reconcile`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl

from foedus.errors import (
    ImportDataError,
    InvalidInputError,
    Problem,
    UsageError,
    first_line,
)
from foedus.sources.atop import read_atop
from foedus.sources.atop_commitments import (
    KINDS,
    ddy_from_member,
    members_from_atop,
    pairs_from_members,
)
from foedus.store.core import Store
from foedus.store.datasets import read_table

__all__ = ["PLEDGES", "KNOWN_RESIDUE", "PledgeAgreement", "AtopReconciliation",
           "check_minimum", "reconcile_atop", "reconcile_atop_files", "read_table_or_fail"]

PLEDGES = KINDS
"""Pledge types compared: ``defense, offense, neutral, nonagg, consul``."""

KNOWN_RESIDUE: dict[tuple[int, int, str], str] = {}
"""``(atopid, obligor, pledge) -> explanation`` for disagreements traced to ATOP itself.

Empty with ATOP 5.1: the one such case found (Germany's Locarno defense code, which ATOP's
dyad file drops) is resolved in :data:`foedus.sources.atop_commitments.OBVARY_OWED_TO_NONE`.
"""

_CAUSE_ORDER = ("non_cow_code", "atop_files_disagree", "asymmetric_partners",
                "phase_transition", "unknown_date", "year_membership", "unexplained")


@dataclass(frozen=True)
class PledgeAgreement:
    """Agreement on one pledge type over the union of dyad-years."""

    pledge: str
    total: int
    agree: int
    ours_only: int  # foedus 1, peer 0 (or row absent)
    peer_only: int  # peer 1, foedus 0 (or row absent)

    @property
    def disagree(self) -> int:
        return self.ours_only + self.peer_only

    @property
    def rate(self) -> float:
        return self.agree / self.total if self.total else 1.0

    def to_json(self) -> dict[str, Any]:
        return {"pledge": self.pledge, "total": self.total, "agree": self.agree,
                "disagree": self.disagree, "ours_only": self.ours_only,
                "peer_only": self.peer_only, "rate": self.rate}


@dataclass(frozen=True)
class AtopReconciliation:
    """The result of :func:`reconcile_atop`.

    ``disagreements`` has one row per dyad-year and pledge that differ: ``ccode1, ccode2,
    year, pledge, ours, peer, cause, atop_ids, detail`` (``ours``/``peer`` null where the
    dyad-year is absent from that side). ``rows`` are dyad-years present on one side only.
    """

    agreement: tuple[PledgeAgreement, ...]
    union_rows: int
    ours_rows: int
    peer_rows: int
    ours_only_rows: int
    peer_only_rows: int
    disagreements: pl.DataFrame
    minimum: float = 0.99
    peer_name: str = "peacesciencer atop_alliance (ATOP 5.1 atop5_1ddyr)"

    @property
    def ok(self) -> bool:
        """Every pledge type agrees on at least ``minimum`` of the union."""
        return all(a.rate >= self.minimum for a in self.agreement)

    def rate(self, pledge: str) -> float:
        return next(a.rate for a in self.agreement if a.pledge == pledge)

    def causes(self) -> dict[str, int]:
        """Disagreeing dyad-year-pledges per cause."""
        if self.disagreements.is_empty():
            return {}
        counts = self.disagreements.group_by("cause").len()
        got = dict(zip(counts["cause"].to_list(), counts["len"].to_list(), strict=True))
        return {c: got[c] for c in _CAUSE_ORDER if c in got}

    def to_json(self) -> dict[str, Any]:
        return {
            "peer": self.peer_name,
            "minimum": self.minimum,
            "ok": self.ok,
            "union_rows": self.union_rows,
            "ours_rows": self.ours_rows,
            "peer_rows": self.peer_rows,
            "ours_only_rows": self.ours_only_rows,
            "peer_only_rows": self.peer_only_rows,
            "agreement": [a.to_json() for a in self.agreement],
            "causes": self.causes(),
            "disagreements": self.disagreements.to_dicts(),
        }


def read_table_or_fail(store: Store | None, dataset: str, table: str) -> pl.DataFrame:
    """A dataset table from the store, or a clear error when there is no store to read."""
    if store is None:
        raise UsageError(
            f"no {dataset} {table!r} table given and no store to read it from: import it "
            f"with `foedus data import {dataset} PATH` or pass the frame")

    return read_table(store, dataset, table)


def _keys(df: pl.DataFrame) -> pl.DataFrame:
    return df.with_columns(pl.col("ccode1", "ccode2", "year").cast(pl.Int64))


def _context(member: pl.DataFrame, dyads: pl.DataFrame) -> pl.DataFrame:
    """For dyad-years, the shared alliances and the facts that explain a difference."""
    m = members_from_atop(member)
    p = pairs_from_members(m)
    p = p.join(dyads.select(pl.col("ccode1").alias("member"), pl.col("ccode2").alias("member_b"))
               .unique(), on=["member", "member_b"], how="semi")
    p = p.with_columns(year=pl.int_ranges("ya", pl.col("yb") + 1)).explode("year")
    phases = m.group_by("atopid", "phase").agg(
        pl.col("y0").min().alias("ph0"), pl.col("y1").max().alias("ph1"))
    changes = phases.filter(pl.col("phase") > 0).group_by("atopid").agg(
        pl.col("ph0").append(pl.col("ph1")).unique().alias("change_years"))
    unknown = pl.any_horizontal(
        (pl.col("start_precision") == "month") & (pl.col("year") == pl.col("y0")),
        (pl.col("end_precision") == "month") & (pl.col("year") == pl.col("y1")),
        (pl.col("start_precision_b") == "month") & (pl.col("year") == pl.col("y0_b")),
        (pl.col("end_precision_b") == "month") & (pl.col("year") == pl.col("y1_b")),
    )
    p = p.join(changes, on="atopid", how="left").with_columns(
        is_change=pl.col("change_years").fill_null([]).list.contains(pl.col("year")),
        is_unknown=unknown,
        is_edge=(pl.col("year") == pl.col("ya")) | (pl.col("year") == pl.col("yb")),
    )
    return p.group_by(
        pl.col("member").alias("ccode1"), pl.col("member_b").alias("ccode2"), "year"
    ).agg(
        pl.col("atopid").unique().sort().alias("atop_ids"),
        pl.col("atopid").filter(pl.col("obvary") == 1).unique().alias("obvary_ids"),
        pl.col("is_change").any(), pl.col("is_unknown").any(), pl.col("is_edge").any(),
    )


def _cause(row: dict[str, Any]) -> tuple[str, str]:
    if row["ccode1"] >= 1000 or row["ccode2"] >= 1000:
        return "non_cow_code", "a side is not a COW state code"
    for aid in row.get("atop_ids") or []:
        note = KNOWN_RESIDUE.get((aid, row["ccode1"], row["pledge"]))
        if note:
            return "atop_files_disagree", note
    if row.get("obvary_ids"):
        ids = ", ".join(str(i) for i in row["obvary_ids"])
        return "asymmetric_partners", f"obligor coded obvary in ATOP {ids}"
    if row.get("is_change"):
        return "phase_transition", "a shared alliance changes phase this year"
    if row.get("is_unknown"):
        return "unknown_date", "a shared membership starts or ends this year on an unknown day"
    if row.get("is_edge"):
        return "year_membership", "first or last year of the shared membership"
    return "unexplained", ""


def check_minimum(minimum: float) -> float:
    """``minimum`` when it is a share above 0 and at most 1; an :class:`InvalidInputError`
    else. Why: a minimum of 0 or below passes every comparison and one above 1 fails every
    one (NaN compares false everywhere), so the exit status would no longer say anything."""
    if not 0 < minimum <= 1:
        raise InvalidInputError(f"minimum {minimum:g}: the agreement required per pledge type "
                                "is a share above 0 and at most 1 (e.g. 0.99)")
    return minimum


def reconcile_atop(
    store: Store | None = None,
    *,
    ddy: pl.DataFrame | None = None,
    peer: pl.DataFrame | None = None,
    member: pl.DataFrame | None = None,
    minimum: float = 0.99,
) -> AtopReconciliation:
    """Compare foedus's ATOP directed dyad-years with peacesciencer's ``atop_alliance``.

    Frames not given are read from ``store`` (datasets ``atop``: ``member``, ``ddy``;
    ``peacesciencer``: ``atop_alliance``). Agreement per pledge is counted over the union of
    dyad-years of both sides, a dyad-year missing on one side counting as 0 there.
    """
    check_minimum(minimum)
    if member is None:
        member = read_table_or_fail(store, "atop", "member")
    if ddy is None:
        ddy = ddy_from_member(member) if store is None else read_table_or_fail(store, "atop", "ddy")
    if peer is None:
        peer = read_table_or_fail(store, "peacesciencer", "atop_alliance")
    cols = [f"atop_{k}" for k in PLEDGES]
    ours = _keys(ddy.select("ccode1", "ccode2", "year", *cols)).with_columns(
        pl.col(cols).cast(pl.Int64), _in_ours=pl.lit(True))
    theirs = _keys(peer.select("ccode1", "ccode2", "year", *cols)).with_columns(
        pl.col(cols).cast(pl.Int64), _in_peer=pl.lit(True))
    j = ours.join(theirs, on=["ccode1", "ccode2", "year"], how="full", coalesce=True,
                  suffix="_peer")
    agreement = []
    long_parts = []
    for k in PLEDGES:
        a, b = pl.col(f"atop_{k}"), pl.col(f"atop_{k}_peer")
        diff = a.fill_null(0) != b.fill_null(0)
        agreement.append(PledgeAgreement(
            pledge=k, total=j.height, agree=j.filter(~diff).height,
            ours_only=j.filter(diff & (a.fill_null(0) == 1)).height,
            peer_only=j.filter(diff & (b.fill_null(0) == 1)).height))
        long_parts.append(j.filter(diff).select(
            "ccode1", "ccode2", "year", pl.lit(k).alias("pledge"),
            a.cast(pl.Int8).alias("ours"), b.cast(pl.Int8).alias("peer")))
    long = pl.concat(long_parts)
    if long.height:
        ctx = _context(member, long)
        long = long.join(ctx, on=["ccode1", "ccode2", "year"], how="left")
        causes = [_cause(r) for r in long.to_dicts()]
        long = long.with_columns(
            cause=pl.Series([c for c, _ in causes], dtype=pl.Utf8),
            detail=pl.Series([d for _, d in causes], dtype=pl.Utf8),
        ).select("ccode1", "ccode2", "year", "pledge", "ours", "peer", "cause",
                 pl.col("atop_ids").fill_null([]), "detail")
    else:
        long = pl.DataFrame(schema={
            "ccode1": pl.Int64, "ccode2": pl.Int64, "year": pl.Int64, "pledge": pl.Utf8,
            "ours": pl.Int8, "peer": pl.Int8, "cause": pl.Utf8,
            "atop_ids": pl.List(pl.Int64), "detail": pl.Utf8})
    return AtopReconciliation(
        agreement=tuple(agreement),
        union_rows=j.height,
        ours_rows=ours.height,
        peer_rows=theirs.height,
        ours_only_rows=j.filter(pl.col("_in_peer").is_null()).height,
        peer_only_rows=j.filter(pl.col("_in_ours").is_null()).height,
        disagreements=long.sort("ccode1", "ccode2", "year", "pledge"),
        minimum=minimum,
    )


def read_peer(path: Path) -> pl.DataFrame:
    """peacesciencer's ``atop_alliance`` from a Parquet or CSV file, with the columns the
    comparison reads; an :class:`ImportDataError` naming the file when it is not one (a
    folder, an empty or binary file, a table without those columns)."""
    need = ["ccode1", "ccode2", "year", *(f"atop_{k}" for k in PLEDGES)]

    def refuse(message: str) -> ImportDataError:
        return ImportDataError(Problem(str(path), None, None, message))

    if not path.is_file():
        raise refuse("not a file: give peacesciencer's atop_alliance as .parquet or .csv")
    try:
        frame = pl.read_parquet(path) if path.suffix == ".parquet" else pl.read_csv(path)
    except (pl.exceptions.PolarsError, OSError, ValueError) as exc:
        raise refuse(f"cannot read it as {'Parquet' if path.suffix == '.parquet' else 'CSV'}"
                     f": {first_line(exc)}") from exc
    missing = [c for c in need if c not in frame.columns]
    if missing:
        raise refuse(f"not peacesciencer's atop_alliance: no column {', '.join(missing)}")
    return frame


def reconcile_atop_files(store: Store | None, *, atop: Path | None = None,
                         peer: Path | None = None, minimum: float = 0.99) -> AtopReconciliation:
    """:func:`reconcile_atop` over release files where given, the store for the rest.

    Parameters
    ----------
    store
        The store the tables not given as files are read from (None: both files needed).
    atop
        A folder of ATOP 5.1 (its member file gives foedus's dyad-years).
    peer
        peacesciencer's ``atop_alliance`` as Parquet or CSV.
    minimum
        Agreement required per pledge type.

    Returns
    -------
    AtopReconciliation
        Agreement per pledge type and every disagreeing dyad-year with its cause.
    """
    kwargs: dict[str, Any] = {"minimum": check_minimum(minimum)}
    if atop is not None:
        tables = read_atop(atop)
        kwargs.update(member=tables["member"], ddy=tables["ddy"])
    if peer is not None:
        kwargs["peer"] = read_peer(peer)
    if atop is not None and peer is not None:
        return reconcile_atop(**kwargs)
    return reconcile_atop(store, **kwargs)
