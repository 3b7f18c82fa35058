"""Where the researcher datasets get their input tables: the store, or frames given directly.

Why: the engine is pure functions over polars frames; this module is the one place that knows
which stored table feeds which verb, reads it once (``foedus.store.datasets.read_table``) and
keeps it, and what derived lookups were built from it, in memory for the next call. Tests and
benchmarks can hand it frames directly (``Inputs.from_tables``) and so run with or without a
store.

Tables read (dataset, table), first available wins:

=================  ===========================================================
COW spells         (isard, cw_system)
GW spells          (isard, gw_system)
ATOP dyad-years    (atop, ddy); else (peacesciencer, atop_alliance)
NMC 7.0            (peacesciencer, cow_nmc)
NMC 6.0            (nmc, nmc)  (``-9`` read as missing)
contiguity         (peacesciencer, cow_contdir); else (contiguity, contdir)
capitals           (peacesciencer, cow_capitals)
major powers       (peacesciencer, cow_majors); else (cow-states, majors)
inter-state wars   (peacesciencer, cow_war_inter); else (war, inter)
rivalries          (peacesciencer, td_rivalries); else (rivalries, rivalries)
ideal points       (ideal-points, ideal_points)
=================  ===========================================================
"""

from __future__ import annotations

import hashlib
import os
import pickle
import threading
from collections.abc import Callable, Mapping
from importlib.metadata import version as package_version
from pathlib import Path
from typing import Any

import polars as pl

from foedus.errors import NotFoundError, StoreError
from foedus.model.provenance import DatasetUse
from foedus.settings import cache_dir
from foedus.sources.base import DatasetSpec
from foedus.sources.catalog import get_spec
from foedus.store.core import Store
from foedus.store.datasets import dataset_status, provenance, read_table
from foedus.store.registry_tables import registry_commitments

__all__ = ["Inputs"]

# The code that builds the derived lookups (foedus.datasets): a lookup kept on disk is rebuilt
# when it changes.
_LOOKUP_CODE = Path(__file__).resolve().parents[1] / "datasets"

# Fallback provenance for when the importers' catalog cannot be consulted.
_FALLBACK: dict[str, tuple[str, str]] = {
    "isard": ("0.2.0", "Miller, Steven V. 2025. isard: Overflow Data for Quantitative Peace "
              "Science Research. R package. Correlates of War Project. 2017. State System "
              "Membership List, v2016; Gleditsch, Kristian S. and Michael D. Ward. 1999. "
              "International Interactions 25(4): 393-413."),
    "peacesciencer": ("1.2.9", 'Miller, Steven V. 2022. "peacesciencer: An R Package for '
                      'Quantitative Peace Science Research." Conflict Management and Peace '
                      "Science 39(4): 491-512."),
    "atop": ("5.1", "Leeds, Brett Ashley, Jeffrey M. Ritter, Sara McLaughlin Mitchell, and "
             'Andrew G. Long. 2002. "Alliance Treaty Obligations and Provisions, 1815-1944." '
             "International Interactions 28: 237-60."),
    "nmc": ("6.0", "Singer, J. David, Stuart Bremer, and John Stuckey. 1972. In Russett (ed.), "
            "Peace, War, and Numbers, 19-48; Singer, J. David. 1987. International "
            "Interactions 14: 115-32."),
    "contiguity": ("3.2", "Stinnett, Douglas M., et al. 2002. Conflict Management and Peace "
                   "Science 19(2): 58-66."),
    "cow-states": ("2016", "Correlates of War Project. 2017. State System Membership List, "
                   "v2016."),
    "war": ("4.0", "Sarkees, Meredith Reid, and Frank Wheldon Wayman. 2010. Resort to War. "
            "Washington DC: CQ Press."),
    "rivalries": ("2011", "Thompson, William R. and David Dreyer. 2011. Handbook of "
                  "International Rivalries. CQ Press."),
    "ideal-points": ("2025-07", "Bailey, Michael A., Anton Strezhnev, and Erik Voeten. 2017. "
                     "Journal of Conflict Resolution 61(2): 430-56."),
    "registry": ("", "foedus curated registry of security commitments (each commitment "
                 "carries its own sources)."),
}

# What each peacesciencer table re-publishes, so a frame cites the original too.
_PS_ORIGIN: dict[str, str] = {
    "atop_alliance": "atop",
    "cow_nmc": "nmc",
    "cow_contdir": "contiguity",
    "cow_majors": "cow-states",
    "cow_war_inter": "war",
    "td_rivalries": "rivalries",
}


class Inputs:
    """Input tables for the researcher datasets, read once and kept in memory.

    Parameters
    ----------
    store
        A :class:`foedus.store.Store`; tables are read with ``read_table(store, ds, table)``.
    tables
        Frames given directly, keyed by ``(dataset, table)``; they win over the store.
    versions
        Dataset versions for frames given directly (``{"atop": "5.1"}``).
    """

    def __init__(
        self,
        store: Store | None = None,
        tables: Mapping[tuple[str, str], pl.DataFrame] | None = None,
        versions: Mapping[str, str] | None = None,
    ) -> None:
        self.store = store
        self._tables: dict[tuple[str, str], pl.DataFrame] = dict(tables or {})
        self._given = bool(tables)  # frames handed in: lookups are not cached on disk
        self._versions = dict(versions or {})
        self._derived: dict[Any, Any] = {}
        self._lock = threading.RLock()

    @classmethod
    def from_tables(
        cls,
        tables: Mapping[tuple[str, str], pl.DataFrame],
        versions: Mapping[str, str] | None = None,
    ) -> Inputs:
        """Inputs from frames in memory (tests, benchmarks, notebooks)."""
        return cls(None, tables, versions)

    # -- tables ---------------------------------------------------------------------------
    def has(self, dataset: str, table: str) -> bool:
        """True when the table is given or stored."""
        try:
            self.table(dataset, table)
        except NotFoundError:
            return False
        return True

    def table(self, dataset: str, table: str) -> pl.DataFrame:
        """The table, read from the store the first time and cached."""
        key = (dataset, table)
        with self._lock:
            if key in self._tables:
                return self._tables[key]
            if self.store is None:
                raise NotFoundError(
                    f"dataset table {dataset}/{table} is not available; import it with "
                    f"`foedus data import {dataset} PATH`"
                )
            if key == ("registry", "commitments"):
                df = registry_commitments(self.store)
                self._tables[key] = df
                return df
            df = read_table(self.store, dataset, table)
            self._tables[key] = df
            return df

    def first(self, *candidates: tuple[str, str]) -> tuple[str, str, pl.DataFrame]:
        """The first available of several ``(dataset, table)``; names all when none is."""
        for ds, tb in candidates:
            if self.has(ds, tb):
                return ds, tb, self.table(ds, tb)
        names = " or ".join(f"{d}/{t}" for d, t in candidates)
        first_ds = candidates[0][0]
        raise NotFoundError(
            f"none of {names} is available; import one, e.g. `foedus data import {first_ds} PATH`"
        )

    def derived(self, key: Any, build: Callable[[], Any]) -> Any:
        """A lookup built from input tables, built once per process and reused (warm runs).

        For inputs read from a store file, the lookup is also kept on disk (under the cache
        directory, keyed by the key, the checksums of every imported dataset, the registry
        digest and the code), so that a new process starts warm (:meth:`_disk_path`).
        """
        with self._lock:
            if key not in self._derived:
                self._derived[key] = self._from_disk(key, build)
            return self._derived[key]

    def _fingerprint(self) -> str | None:
        """What every derived lookup depends on, or None when nothing is cacheable."""
        if self.store is None or self._given or str(self.store.path) == ":memory:":
            return None
        if getattr(self, "_fp", None) is None:
            h = hashlib.sha256(package_version("foedus").encode())
            for d in dataset_status(self.store):
                h.update(f"{d['dataset']}:{d['version']}:{d['checksum']}".encode())
            h.update(str(self.store.get_meta("registry_digest")).encode())
            for src in sorted(_LOOKUP_CODE.glob("*.py")):  # the code that builds the lookups
                h.update(src.read_bytes())
            self._fp = h.hexdigest()
        return self._fp

    def _disk_path(self, key: Any) -> Path | None:
        fp = self._fingerprint()
        if fp is None:
            return None
        name = hashlib.sha256(f"{fp}:{key!r}".encode()).hexdigest()[:32]
        try:
            return cache_dir() / "derived" / f"{name}.pkl"
        except StoreError:  # a read-only home: build in memory, keep nothing on disk
            return None

    def _from_disk(self, key: Any, build: Callable[[], Any]) -> Any:
        path = self._disk_path(key)
        if path is not None and path.exists():
            try:
                with path.open("rb") as fh:
                    return pickle.load(fh)
            except Exception:  # a damaged cache file is rebuilt, never trusted
                path.unlink(missing_ok=True)
        value = build()
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            try:
                with tmp.open("wb") as fh:
                    pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
                tmp.replace(path)
            except (OSError, pickle.PicklingError, TypeError, AttributeError):
                tmp.unlink(missing_ok=True)
        return value

    # -- provenance -----------------------------------------------------------------------
    def version(self, dataset: str) -> str:
        """The dataset's version: given, else as imported (store provenance), else catalog's."""
        if dataset not in self._versions:
            self._versions[dataset] = self._find_version(dataset)
        return self._versions[dataset]

    def _find_version(self, dataset: str) -> str:
        if self.store is not None:
            try:
                prov = provenance(self.store, dataset)
                if prov.get("version"):
                    return str(prov["version"])
            except Exception:  # noqa: BLE001 - provenance is best effort
                pass
        spec = _spec(dataset)
        if spec is not None:
            return str(spec.version)
        return _FALLBACK.get(dataset, ("", ""))[0]

    def use(self, dataset: str, table: str, columns: tuple[str, ...] = ()) -> list[DatasetUse]:
        """How a frame records that it used ``dataset/table`` (plus the original source)."""
        uses = [DatasetUse(dataset, self.version(dataset), (table,), _citation(dataset), columns)]
        origin = _PS_ORIGIN.get(table) if dataset == "peacesciencer" else None
        if origin:
            version = "7.0" if table == "cow_nmc" else _FALLBACK[origin][0]
            uses.append(DatasetUse(origin, version, (), _citation(origin), columns,
                                   via=f"peacesciencer/{table}"))
        return uses


def _spec(dataset: str) -> DatasetSpec | None:
    try:
        return get_spec(dataset)
    except Exception:  # noqa: BLE001 - catalog missing or dataset unknown
        return None


def _citation(dataset: str) -> str:
    spec = _spec(dataset)
    if spec is not None and getattr(spec, "citations", None):
        return " ".join(c.plain for c in spec.citations)
    return _FALLBACK.get(dataset, ("", ""))[1]
