"""FoedusFrame: a polars frame that knows its unit, its state system and its sources.

Why a thin wrapper rather than attributes on the frame or a registry keyed by id: polars
frames carry no user metadata and are rebuilt by every operation, so attributes would be lost
silently, and a registry keyed by ``id(df)`` would leak and break on copies. A small immutable
object holding ``.df`` keeps the unit (``state_year``/``dyad_year``), the system
(``cow``/``gw``), whether it is directed, and every dataset used, travels through
``create_* -> add_* -> write`` unchanged, and writes that provenance into Parquet metadata so
``foedus cite --for out.parquet`` can name the sources of a file on disk.
"""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from importlib.metadata import version as package_version
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import polars as pl
import pyarrow.feather as feather
import pyarrow.parquet as pq

from foedus.errors import NotFoundError, UsageError
from foedus.model.provenance import DatasetUse
from foedus.sources.catalog import get_spec
from foedus.store.inputs import Inputs

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "Unit",
    "System",
    "DatasetUse",
    "FoedusFrame",
    "METADATA_KEY",
    "CITE_KEY",
    "read_frame_metadata",
]

Unit = Literal["state_year", "dyad_year"]
System = Literal["cow", "gw"]
METADATA_KEY = b"foedus"
CITE_KEY = b"foedus.datasets"  # what `foedus cite --for FILE` reads: ["nmc", "atop/ddy", ...]
_CREATORS = {"state_year": "create_stateyears()", "dyad_year": "create_dyadyears()"}


@dataclass(frozen=True)
class FoedusFrame:
    """A state-year or dyad-year frame and where every column came from.

    ``df`` is a polars DataFrame keyed by ``ccode, year`` (state-years) or
    ``ccode1, ccode2, year`` (dyad-years); Gleditsch-Ward frames use ``gwcode``/``gwcode1,
    gwcode2``. Build one with :func:`~foedus.datasets.create_stateyears` or
    :func:`~foedus.datasets.create_dyadyears`; every ``add_*`` verb returns a new frame with
    the same rows and more columns.
    """

    df: pl.DataFrame
    unit: Unit
    system: System
    directed: bool | None = None
    datasets: tuple[DatasetUse, ...] = ()
    years: tuple[int, int] | None = None
    _cache: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)
    #: the input tables the frame was built from: every ``add_*`` verb reads the same ones
    inputs: Inputs | None = field(default=None, compare=False, repr=False)

    # -- identity -------------------------------------------------------------------------
    @property
    def keys(self) -> list[str]:
        """The key columns: ``[code, year]`` or ``[code1, code2, year]``."""
        code = "ccode" if self.system == "cow" else "gwcode"
        if self.unit == "state_year":
            return [code, "year"]
        return [f"{code}1", f"{code}2", "year"]

    @property
    def height(self) -> int:
        return self.df.height

    def __len__(self) -> int:
        return self.df.height

    @property
    def columns(self) -> list[str]:
        return self.df.columns

    def __repr__(self) -> str:
        kind = self.unit.replace("_", "-") + "s"
        if self.unit == "dyad_year":
            kind = ("directed " if self.directed else "non-directed ") + kind
        names = ", ".join(f"{d.name} {d.version}".strip() for d in self.datasets) or "none"
        head = f"<FoedusFrame: {self.height:,} {kind} ({self.system.upper()}); data: {names}>"
        return f"{head}\n{self.df!r}"

    # -- composition ----------------------------------------------------------------------
    def with_columns(self, df: pl.DataFrame, uses: Iterable[DatasetUse]) -> FoedusFrame:
        """A new frame with ``df`` (same rows, more columns) and more datasets recorded."""
        if df.height != self.df.height:  # an invariant, not a user error
            raise AssertionError(f"row count changed: {self.df.height} -> {df.height}")
        merged = list(self.datasets)
        for use in uses:
            old = next((i for i, d in enumerate(merged) if d.name == use.name), None)
            if old is None:
                merged.append(use)
            else:
                d = merged[old]
                merged[old] = replace(
                    d,
                    tables=tuple(dict.fromkeys(d.tables + use.tables)),
                    columns=tuple(dict.fromkeys(d.columns + use.columns)),
                )
        # the dense row index is reusable: the keys did not change
        return replace(self, df=df, datasets=tuple(merged), _cache=self._cache)

    def pipe(self, fn: Callable[..., FoedusFrame], *args: Any, **kwargs: Any) -> FoedusFrame:
        """``frame.pipe(add_contiguity)``: peacesciencer's pipe, in Python."""
        return fn(self, *args, **kwargs)

    def require(
        self, verb: str, unit: Unit | tuple[Unit, ...], system: System | None = "cow"
    ) -> None:
        """Refuse a frame of the wrong unit or system, naming the ``create_*`` that fits."""
        units = (unit,) if isinstance(unit, str) else unit
        if self.unit not in units:
            want = " or ".join(u.replace("_", "-") for u in units)
            make = " or ".join(_CREATORS[u] for u in units)
            raise UsageError(
                f"{verb}() needs {want} data, but this frame is {self.unit.replace('_', '-')} "
                f"data; build one with {make} first"
            )
        if system is not None and self.system != system:
            raise UsageError(
                f"{verb}() merges on Correlates of War codes, but this frame uses the "
                f"{self.system.upper()} system; build it with "
                f"{_CREATORS[self.unit][:-1]}system='cow')"
            )

    # -- output ---------------------------------------------------------------------------
    def to_polars(self) -> pl.DataFrame:
        return self.df

    def to_pandas(self, **kwargs: Any) -> pd.DataFrame:
        """A pandas DataFrame (needs pandas: ``pip install foedus[stata]``)."""
        if importlib.util.find_spec("pandas") is None:  # pragma: no cover - environment
            raise UsageError(
                "to_pandas() needs pandas; install it with: pip install 'foedus[stata]'")
        return self.df.to_pandas(**kwargs)

    def metadata(self) -> dict[str, Any]:
        """What a written file records about this frame (unit, system, datasets)."""
        try:
            foedus_version = package_version("foedus")
        except Exception:  # pragma: no cover - not installed (source checkout)
            foedus_version = "unknown"
        return {
            "unit": self.unit,
            "system": self.system,
            "directed": self.directed,
            "years": list(self.years) if self.years else None,
            "rows": self.height,
            "foedus_version": foedus_version,
            # names `foedus cite` understands; the full record of each use follows
            "datasets": self.cite_names(),
            "provenance": [d.to_json() for d in self.datasets],
        }

    def cite_names(self) -> list[str]:
        """The datasets as ``foedus cite`` names them (``nmc``, ``peacesciencer/cow_nmc``).

        Only names foedus's catalog knows are listed (the registry cites its own sources).
        """
        out: list[str] = []
        for d in self.datasets:
            if d.via:  # cited through the table that re-publishes it
                continue
            if d.name in ("registry", "foedus-states"):  # foedus's own registry and states
                out.append("registry")
                continue
            try:
                spec = get_spec(d.name)
            except Exception:  # noqa: BLE001 - not a catalog dataset
                continue
            known = set(spec.tables()) if hasattr(spec, "tables") else set()
            tables = [t for t in d.tables if t in known]
            out += [f"{d.name}/{t}" for t in tables] if tables else [d.name]
        return list(dict.fromkeys(out))

    def _file_metadata(self) -> dict[bytes, bytes]:
        return {
            METADATA_KEY: json.dumps(self.metadata()).encode(),
            CITE_KEY: json.dumps(self.cite_names()).encode(),
        }

    def cite(self) -> str:
        """Plain-text citations of every dataset used, one per line."""
        lines = []
        for d in self.datasets:
            lines.append(f"{d.name} {d.version}: {d.citation}".strip())
        return "\n".join(lines)

    def write_parquet(self, path: str | Path) -> Path:
        """Write Parquet (zstd, level 1: twice as fast as the default for the same size) with
        the provenance stored in the file's key-value metadata."""
        path = Path(path)
        meta = {k.decode(): v.decode() for k, v in self._file_metadata().items()}
        self.df.write_parquet(path, compression="zstd", compression_level=1, metadata=meta)
        return path

    def write(self, path: str | Path) -> Path:
        """Write by suffix: ``.parquet``, ``.csv``, ``.feather``/``.arrow``, ``.dta``.

        Parquet and Feather keep the provenance in their metadata; CSV and Stata files get a
        sidecar ``<file>.foedus.json`` with the same content.
        """
        path = Path(path)
        suffix = path.suffix.lower()
        if suffix == ".parquet":
            return self.write_parquet(path)
        if suffix in (".feather", ".arrow", ".ipc"):
            table = self.df.to_arrow()
            meta = dict(table.schema.metadata or {})
            meta.update(self._file_metadata())
            feather.write_feather(table.replace_schema_metadata(meta), str(path))
            return path
        # flat formats cannot hold list columns (ATOP ids): write them as "1190;2130"
        flat = self.df.with_columns(
            pl.col(c).cast(pl.List(pl.Utf8)).list.join(";")
            for c, t in self.df.schema.items() if isinstance(t, pl.List)
        )
        if suffix == ".csv":
            flat.write_csv(path)
        elif suffix == ".dta":
            flat.to_pandas().to_stata(path, write_index=False, version=118)
        else:
            raise UsageError(
                f"cannot write {path.name!r}: use .parquet, .csv, .feather or .dta"
            )
        sidecar = path.with_name(path.name + ".foedus.json")
        sidecar.write_text(json.dumps(self.metadata(), indent=2) + "\n")
        return path


def read_frame_metadata(path: str | Path) -> dict[str, Any]:
    """The provenance a FoedusFrame wrote into ``path`` (Parquet, Feather, or a sidecar).

    Raises :class:`~foedus.errors.NotFoundError` when the file carries none.
    """
    path = Path(path)
    sidecar = path.with_name(path.name + ".foedus.json")
    if sidecar.exists():
        return dict(json.loads(sidecar.read_text()))
    raw: bytes | None = None
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        # the file's key-value metadata (as written), else the Arrow schema's
        raw = ((pq.read_metadata(path).metadata or {}).get(METADATA_KEY)
               or (pq.read_schema(path).metadata or {}).get(METADATA_KEY))
    elif suffix in (".feather", ".arrow", ".ipc"):
        raw = (feather.read_table(str(path)).schema.metadata or {}).get(METADATA_KEY)
    if raw is None:
        raise NotFoundError(
            f"{path} records no foedus provenance; write it with FoedusFrame.write() or "
            "`foedus dyadyears -o FILE`"
        )
    return dict(json.loads(raw))
