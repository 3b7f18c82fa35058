"""Write the curated registry into the store, and rebuild it when the registry changes.

Why: queries run in SQL over one table of commitments (``commitments``) whatever their origin;
the registry's derived edges are written here. The registry's digest (plus the schema version)
is kept in ``meta``; :func:`ensure_registry` rebuilds only when it differs, in one transaction.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib
import importlib.util
import json
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb
import polars as pl

from foedus.errors import StoreError
from foedus.model.instruments import Obligation
from foedus.model.schema import COMMITMENT_SQL_TYPES
from foedus.registry.derive import instruments_commitments_frame
from foedus.registry.loader import Registry
from foedus.store.core import SCHEMA_VERSION, Store, open_error
from foedus.store.status_tables import STATUS_SCHEMA, status_frame, status_party_frame

if TYPE_CHECKING:
    import polars as pl

__all__ = ["ensure_registry", "registry_is_current", "readable_and_current",
           "build_registry_tables", "registry_commitments"]

_COMMITMENTS_DDL = "CREATE OR REPLACE TABLE commitments ({});".format(
    ", ".join(f'"{c}" {t}' for c, t in COMMITMENT_SQL_TYPES.items()))

_SCHEMA = """
CREATE OR REPLACE TABLE states (
    ccode INTEGER PRIMARY KEY, abb VARCHAR, name VARCHAR, iso3 VARCHAR, gwcode INTEGER);
CREATE OR REPLACE TABLE state_spells (ccode INTEGER, start DATE, "end" DATE);
CREATE OR REPLACE TABLE instruments (
    id VARCHAR PRIMARY KEY, name VARCHAR, short VARCHAR, type VARCHAR, legal_force VARCHAR,
    forum BOOLEAN, signed DATE, signed_precision VARCHAR, in_force DATE,
    in_force_precision VARCHAR, terminated DATE, terminated_precision VARCHAR,
    atop_ids INTEGER[], notes VARCHAR, file VARCHAR, sources VARCHAR, obligations VARCHAR);
CREATE OR REPLACE TABLE memberships (
    instrument_id VARCHAR, ccode INTEGER, role VARCHAR, start DATE, "end" DATE,
    start_precision VARCHAR, note VARCHAR, source VARCHAR, end_precision VARCHAR,
    via VARCHAR, pre_system BOOLEAN);
CREATE OR REPLACE TABLE suspensions (
    instrument_id VARCHAR, obligor INTEGER, beneficiary INTEGER, start DATE, "end" DATE,
    formal BOOLEAN, note VARCHAR, source VARCHAR);
""" + STATUS_SCHEMA


_DERIVING = ("foedus.model.commitments", "foedus.model.instruments", "foedus.model.schema",
             "foedus.registry.loader", "foedus.registry.derive", "foedus.model.statuses",
             "foedus.registry.status_reader", "foedus.model.actors",
             "foedus.store.status_tables", __name__)


@functools.lru_cache(maxsize=8)
def _code_digest(files: tuple[tuple[str, str | None], ...]) -> str:
    """The source of the modules that derive the tables, read once per process and file: an
    editable install rebuilds the store when the derivation changes, though the package
    version does not."""
    h = hashlib.sha256()
    for name, file in files:
        h.update(name.encode())
        with contextlib.suppress(OSError):  # no source shipped (e.g. bytecode only)
            h.update(Path(file).read_bytes() if file else b"")
    return h.hexdigest()[:16]


def _digest(reg: Registry) -> str:
    """Schema version, package version, registry digest and the deriving code's digest."""
    return f"{SCHEMA_VERSION}:{_package_version()}:{reg.digest}:{_code_digest(_deriving())}"


@functools.lru_cache(maxsize=1)
def _package_version() -> str:
    try:
        return version("foedus")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "dev"


@functools.lru_cache(maxsize=1)
def _deriving() -> tuple[tuple[str, str | None], ...]:
    """The deriving modules' files, found without importing them (start-up time)."""
    out = []
    for name in _DERIVING:
        spec = importlib.util.find_spec(name)
        out.append((name, spec.origin if spec is not None else None))
    return tuple(out)


def registry_is_current(store: Store, reg: Registry) -> bool:
    """True when the store's registry tables were built from exactly this registry."""
    return store.get_meta("registry_digest") == _digest(reg) and store.has_table("commitments")


def readable_and_current(store: Store, reg: Registry) -> bool:
    """:func:`registry_is_current` for a store just opened: a store that opens but cannot be
    read (damaged) raises the :class:`~foedus.errors.StoreError` that says so."""
    try:
        return registry_is_current(store, reg)
    except duckdb.Error as exc:
        raise open_error(store.path, exc) from None


def ensure_registry(store: Store, reg: Registry) -> bool:
    """Rebuild the registry tables if the registry changed; True when it rebuilt."""
    if registry_is_current(store, reg):
        return False
    if store.read_only:
        raise StoreError(f"the store {store.path} is open read-only and its registry tables "
                         "are out of date; open it for writing to rebuild them")
    build_registry_tables(store, reg)
    return True


def _frames(reg: Registry) -> dict[str, pl.DataFrame]:
    states = pl.DataFrame(
        [{"ccode": s.ccode, "abb": s.abb, "name": s.name, "iso3": s.iso3, "gwcode": s.gwcode}
         for s in reg.states],
        schema={"ccode": pl.Int32, "abb": pl.Utf8, "name": pl.Utf8, "iso3": pl.Utf8,
                "gwcode": pl.Int32},
    )
    spells = pl.DataFrame(
        [{"ccode": s.ccode, "start": p.start, "end": p.end} for s in reg.states for p in s.spells],
        schema={"ccode": pl.Int32, "start": pl.Date, "end": pl.Date},
    )
    inst_rows: list[dict[str, object]] = []
    mem_rows: list[dict[str, object]] = []
    sus_rows: list[dict[str, object]] = []
    for i in reg:
        inst_rows.append({
            "id": i.id, "name": i.name, "short": i.short, "type": i.type.value,
            "legal_force": i.legal_force.value, "forum": i.forum,
            "signed": i.signed.day if i.signed else None,
            "signed_precision": i.signed.precision.value if i.signed else None,
            "in_force": i.in_force.day if i.in_force else None,
            "in_force_precision": i.in_force.precision.value if i.in_force else None,
            "terminated": i.terminated.day if i.terminated else None,
            "terminated_precision": i.terminated.precision.value if i.terminated else None,
            "atop_ids": list(i.atop_ids), "notes": i.notes, "file": i.file,
            "sources": json.dumps([{"url": s.url, "title": s.title, "note": s.note}
                                   for s in i.sources]),
            "obligations": json.dumps([_obligation_json(o) for o in i.obligations]),
        })
        for m in i.members:
            mem_rows.append({
                "instrument_id": i.id, "ccode": m.ccode, "role": m.role.value,
                "start": m.period.start, "end": m.period.end,
                "start_precision": m.start.precision.value if m.start else "day",
                "note": m.note, "source": m.source,
                "end_precision": m.end.precision.value if m.end else None,
                "via": m.via or None, "pre_system": m.pre_system})
        for s in i.suspensions:
            sus_rows.append({
                "instrument_id": i.id, "obligor": s.obligor, "beneficiary": s.beneficiary,
                "start": s.period.start, "end": s.period.end, "formal": s.formal,
                "note": s.note, "source": s.source})
    return {
        "statuses": status_frame(reg),
        "status_parties": status_party_frame(reg),
        "states": states,
        "state_spells": spells,
        "instruments": pl.DataFrame(inst_rows, infer_schema_length=None),
        "memberships": pl.DataFrame(mem_rows, infer_schema_length=None),
        "suspensions": pl.DataFrame(sus_rows, infer_schema_length=None),
        "commitments": instruments_commitments_frame(reg),
    }


def _obligation_json(o: object) -> dict[str, object]:
    assert isinstance(o, Obligation)
    return {
        "kind": o.kind.value, "strength": o.strength.value, "article": o.article,
        "quote": o.quote or None, "among": "parties" if o.among_parties else None,
        "obligors": list(o.obligors), "beneficiaries": list(o.beneficiaries),
        "legal_force": o.legal_force.value if o.legal_force else None,
        "conditions": o.conditions.to_json(),
        "from": o.period.start.isoformat() if o.period else None,
        "to": o.period.end.isoformat() if o.period and o.period.end else None,
        "note": o.note or None,
        "aim": o.aim,
        "dormant": o.dormant,
    }


def build_registry_tables(store: Store, reg: Registry) -> None:
    """Replace the registry tables in one transaction."""
    frames = _frames(reg)
    with store.transaction() as con:
        con.execute(_SCHEMA)
        con.execute(_COMMITMENTS_DDL)
        for name, frame in frames.items():
            if frame.height == 0:
                continue
            con.register("_incoming", frame.to_arrow())
            cols = ", ".join(f'"{c}"' for c in frame.columns)
            con.execute(f'INSERT INTO {name} ({cols}) SELECT {cols} FROM _incoming')
            con.unregister("_incoming")
        store.set_meta("registry_digest", _digest(reg), con)


def registry_commitments(store: Store) -> pl.DataFrame:
    """The registry's commitments that were ever in force, as a polars frame.

    The store's registry tables are built by whoever opened it (a
    :class:`~foedus.session.Session`, from *its* registry); a store without them is refused
    rather than silently filled from the bundled registry.
    """
    if not store.has_table("commitments"):
        raise StoreError(f"the store {store.path} has no registry tables; open it with "
                         "foedus.open() (or run `foedus store rebuild`)")
    frame = store.frame(
        "SELECT obligor, beneficiary, kind, strength, legal_force, instrument_id, "
        "valid_from, valid_to, unconditional FROM commitments "
        "WHERE legal_force <> 'proposal' AND valid_from IS NOT NULL"
    )

    assert isinstance(frame, pl.DataFrame)
    return frame
