"""The commitment graph: every commitment in force on one day, as columns — and its overlays.

Why: scenarios, sweeps over every pair of states, the guarantor finder and the web all ask
questions of *the architecture on a day*. A :class:`CommitmentGraph` is that architecture as a
polars frame (one row per directed commitment, the columns of :mod:`foedus.model.schema` plus
``presumed`` and ``category``), so that the rules in :mod:`foedus.rules` run on it for one pair
or for all pairs in one vectorised pass, on any machine: it is built from the store, from a
registry held in memory (an edited architecture) or from a Parquet snapshot (a Dask worker
never opens DuckDB).

A graph is immutable. Overlays — an instrument added or removed, a member that leaves or
joins — return a new graph and never touch the store.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import polars as pl

from foedus.model.categories import category_expr, category_of
from foedus.model.columns import polars_schema
from foedus.model.dates import Period
from foedus.model.instruments import Instrument, Membership, Role
from foedus.model.schema import COMMITMENT_COLUMNS
from foedus.registry.derive import instruments_commitments_frame
from foedus.registry.loader import Registry

__all__ = ["CommitmentGraph", "in_force_on", "graphs_equal"]

_META_KEY = "foedus.graph"


def in_force_on(frame: pl.DataFrame, day: dt.date) -> pl.DataFrame:
    """Rows of a commitments frame in force on ``day``, with ``presumed`` (the store's SQL
    applies the same test): proposals never; outside a source's known years only what was in
    force when it ended, flagged presumed."""
    known = pl.col("known_until")
    return (frame.filter(
        (pl.col("valid_from") <= day)
        & (pl.col("valid_to").is_null() | (pl.col("valid_to") > day))
        & (pl.col("legal_force") != "proposal")
        & (known.is_null() | (known > day) | pl.col("valid_to").is_null()))
        .with_columns((known.is_not_null() & (known <= day)).alias("presumed")))


class CommitmentGraph:
    """The commitments in force on ``day`` (``edges``), and what they were read from.

    Attributes
    ----------
    day
        The day the graph describes.
    edges
        One row per directed commitment obligor → beneficiary: the schema's columns, plus
        ``presumed`` (bool) and ``category`` (what it becomes for an attacked beneficiary).
    source
        ``registry``, ``atop`` or ``all``.
    datasets
        What the graph was read from (for citations).
    unknown
        Imported datasets that do not cover ``day``: their alliances are unknown, not absent.
    label
        What this graph is ("store", "registry", or the overlays applied).

    A graph is held either as a frame or, for a small slice read for one question, as rows
    (:meth:`records`); each form is built from the other on first use, so that answering one
    pair from the command line need not load the columnar machinery.
    """

    def __init__(self, day: dt.date, edges: pl.DataFrame | None = None, source: str = "all",
                 datasets: tuple[str, ...] = ("registry",), unknown: tuple[str, ...] = (),
                 label: str = "store", *,
                 records: list[dict[str, Any]] | None = None) -> None:
        if edges is None and records is None:
            raise ValueError("a graph needs edges or records")
        self.day = day
        self._edges = edges
        self.source = source
        self.datasets = tuple(datasets)
        self.unknown = tuple(unknown)
        self.label = label
        self._memo: dict[str, Any] = {}
        if records is not None:
            self._memo["records"] = records

    def __repr__(self) -> str:
        return f"CommitmentGraph({self.day}, {len(self)} commitments, {self.label!r})"

    @property
    def edges(self) -> pl.DataFrame:
        if self._edges is None:
            schema: Any = {**polars_schema(), "presumed": pl.Boolean, "category": pl.Utf8}
            self._edges = pl.DataFrame(self._memo["records"], schema=schema, orient="row")
        return self._edges

    def _replace(self, **changes: Any) -> CommitmentGraph:
        kw: dict[str, Any] = {"day": self.day, "edges": self.edges, "source": self.source,
                              "datasets": self.datasets, "unknown": self.unknown,
                              "label": self.label}
        kw.update(changes)
        return CommitmentGraph(**kw)

    # -- construction ---------------------------------------------------------------------
    @classmethod
    def from_frame(cls, frame: pl.DataFrame, day: dt.date, **kw: Any) -> CommitmentGraph:
        """A graph from a frame of commitments in the schema (any periods): those in force
        on ``day`` are kept."""
        edges = in_force_on(_conform(frame), day)
        return cls(day, _finish(edges), **kw)

    @classmethod
    def from_read(cls, day: dt.date, read: pl.DataFrame | list[dict[str, Any]], *,
                  source: str = "all", datasets: Sequence[str] = ("registry",),
                  unknown: Sequence[str] = ()) -> CommitmentGraph:
        """A graph from the rows a store read of the day returned
        (:func:`foedus.store.reads.commitments_frame`): a frame for the whole day, or rows
        for a slice (the states one question asks about), which stay rows until a frame is
        needed. The session reads; the graph only shapes what was read."""
        if isinstance(read, list):
            for r in read:
                r["category"] = category_of(r["kind"], r["strength"], r["legal_force"],
                                            r["presumed"], r["aim"], dormant=r["dormant"],
                                            obj=r["object"], beneficiary=r["beneficiary"])
            return cls(day, None, source, tuple(datasets), tuple(unknown), "store slice",
                       records=read)
        return cls(day, _finish(read), source, tuple(datasets), tuple(unknown), "store")

    @classmethod
    def from_registry(cls, registry: Registry, day: dt.date) -> CommitmentGraph:
        """The day's commitments derived from a registry in memory (no store)."""
        frame = _registry_frame(registry)
        return cls.from_frame(frame, day, source="registry", datasets=("registry",),
                              label="registry")

    @classmethod
    def from_parquet(cls, path: Path | str) -> CommitmentGraph:
        """A graph written by :meth:`to_parquet` (what a sweep's workers read)."""
        # polars' own Parquet reader and writer (not pyarrow's): a read question that builds
        # a graph then never imports pyarrow (~0.13 s of a fresh CLI process)
        meta = json.loads(pl.read_parquet_metadata(path).get(_META_KEY, "{}"))
        edges = pl.read_parquet(path)
        return cls(dt.date.fromisoformat(meta["day"]), edges, meta.get("source", "all"),
                   tuple(meta.get("datasets", ())), tuple(meta.get("unknown", ())),
                   meta.get("label", "parquet"))

    def to_parquet(self, path: Path | str) -> Path:
        """Write the graph (edges and what it describes) as one Parquet file."""
        meta = {"day": self.day.isoformat(), "source": self.source,
                "datasets": list(self.datasets), "unknown": list(self.unknown),
                "label": self.label}
        out = Path(path)
        self.edges.write_parquet(out, metadata={_META_KEY: json.dumps(meta)})
        return out

    # -- reading --------------------------------------------------------------------------
    def __len__(self) -> int:
        return self._edges.height if self._edges is not None else len(self._memo["records"])

    def records(self) -> list[dict[str, Any]]:
        """The edges as dicts (built once per graph; the per-pair rules read these)."""
        records: list[dict[str, Any]] = self.derived("records", lambda: self.edges.to_dicts())
        return records

    def owed_to(self, ccode: int) -> list[dict[str, Any]]:
        """Commitments owed to ``ccode`` (records, in the graph's order)."""
        return self._index("beneficiary").get(ccode, [])

    def owed_by(self, ccode: int) -> list[dict[str, Any]]:
        """Commitments ``ccode`` owes (records, in the graph's order)."""
        return self._index("obligor").get(ccode, [])

    def states(self) -> set[int]:
        """Every state that gives or receives a commitment in the graph."""
        return set(self.edges["obligor"].to_list()) | set(self.edges["beneficiary"].to_list())

    def _index(self, column: str) -> dict[int, list[dict[str, Any]]]:
        def build() -> dict[int, list[dict[str, Any]]]:
            out: dict[int, list[dict[str, Any]]] = {}
            for r in self.records():
                out.setdefault(r[column], []).append(r)
            return out

        index: dict[int, list[dict[str, Any]]] = self.derived(f"index:{column}", build)
        return index

    def derived(self, key: str, build: Any) -> Any:
        """A value derived from this graph, built once: a graph never changes (overlays make
        new graphs), so an index the rules need is computed on first use and kept."""
        if key not in self._memo:
            self._memo[key] = build()
        return self._memo[key]

    # -- overlays -------------------------------------------------------------------------
    def _with_edges(self, edges: pl.DataFrame, what: str) -> CommitmentGraph:
        label = what if self.label in ("store", "registry") else f"{self.label}; {what}"
        return self._replace(edges=edges, label=label)

    def without(self, drop: Any, what: str) -> CommitmentGraph:
        """The graph without the commitments matching the polars expression ``drop`` (a
        suspension, say), labelled ``what``."""
        return self._with_edges(self.edges.filter(~drop), what)

    def without_instrument(self, instrument_id: str) -> CommitmentGraph:
        """The graph without any commitment of ``instrument_id`` (e.g. ``"nato"``,
        ``"atop-3180"``)."""
        return self._with_edges(self.edges.filter(pl.col("instrument_id") != instrument_id),
                                f"without {instrument_id}")

    def with_instrument(self, instrument: Instrument) -> CommitmentGraph:
        """The graph with ``instrument``'s commitments in force on the day (replacing any
        already recorded under the same id)."""
        added = in_force_on(instruments_commitments_frame([instrument]), self.day)
        kept = self.edges.filter(pl.col("instrument_id") != instrument.id)
        return self._with_edges(pl.concat([kept, _finish(added)], how="vertical_relaxed"),
                                f"with {instrument.id}")

    def without_member(self, instrument_id: str, state: int) -> CommitmentGraph:
        """The graph as if ``state`` had left ``instrument_id``: it neither owes nor is owed
        anything under it."""
        drop = (pl.col("instrument_id") == instrument_id) & (
            (pl.col("obligor") == state) | (pl.col("beneficiary") == state))
        return self._with_edges(self.edges.filter(~drop),
                                f"{state} leaves {instrument_id}")

    def with_member(self, instrument: Instrument, state: int,
                    role: str = "party") -> CommitmentGraph:
        """The graph as if ``state`` had joined ``instrument`` (in ``role``) on the day."""
        joined = Membership(ccode=state, role=Role(role), period=Period(self.day, None))
        edited = dataclasses.replace(instrument, members=(*instrument.members, joined))
        graph = self.with_instrument(edited)
        return graph._replace(label=graph.label.replace(
            f"with {instrument.id}", f"{state} joins {instrument.id}"))

    def with_commitments(self, frame: pl.DataFrame, what: str = "added") -> CommitmentGraph:
        """The graph plus commitments given as a frame in the schema's columns."""
        added = in_force_on(_conform(frame), self.day)
        return self._with_edges(pl.concat([self.edges, _finish(added)], how="vertical_relaxed"),
                                what)


def _conform(frame: pl.DataFrame) -> pl.DataFrame:
    """The schema's columns in order and type (missing ones null)."""
    schema = polars_schema()
    cols = [pl.col(c).cast(t) if c in frame.columns  # type: ignore[arg-type]
            else pl.lit(None, dtype=t).alias(c)  # type: ignore[arg-type]
            for c, t in schema.items()]
    return frame.select(cols)


def _finish(edges: pl.DataFrame) -> pl.DataFrame:
    """Add the rule-defined ``category`` column (and ``presumed`` if absent)."""
    if "presumed" not in edges.columns:
        edges = edges.with_columns(pl.lit(False).alias("presumed"))
    edges = edges.select([*COMMITMENT_COLUMNS, "presumed"])
    return edges.with_columns(category_expr())


_REGISTRY_FRAMES: dict[str, pl.DataFrame] = {}


def _registry_frame(registry: Registry) -> pl.DataFrame:
    """Every commitment a registry derives, kept per registry digest."""
    hit = _REGISTRY_FRAMES.get(registry.digest)
    if hit is None:
        hit = instruments_commitments_frame(registry)
        if len(_REGISTRY_FRAMES) > 8:
            _REGISTRY_FRAMES.clear()
        _REGISTRY_FRAMES[registry.digest] = hit
    return hit


def graphs_equal(a: CommitmentGraph, b: CommitmentGraph,
                 keys: Iterable[str] = ("obligor", "beneficiary", "kind", "instrument_id",
                                        "article", "valid_from")) -> bool:
    """True when two graphs hold the same commitments (compared on ``keys``)."""
    cols = list(keys)
    return a.edges.select(cols).sort(cols).equals(b.edges.select(cols).sort(cols))
