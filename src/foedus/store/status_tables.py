"""The store's tables of state statuses: ``statuses`` and ``status_parties``.

Why two tables: a status (Austria's permanent neutrality) holds over one period, but who
guarantees or recognises it changes with the instrument's memberships (a guarantor leaves the
state system, a successor is not bound). ``status_parties`` keeps each guarantor's or
recogniser's dated spell, so "who guaranteed it on day D" is the same as-of test as every
other question. Written with the other registry tables by
:func:`foedus.store.registry_tables.build_registry_tables`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import polars as pl

from foedus.model.instruments import Instrument, Role
from foedus.model.statuses import Status
from foedus.registry.loader import Registry

if TYPE_CHECKING:
    import polars as pl

__all__ = ["STATUS_SCHEMA", "status_frame", "status_party_frame"]

STATUS_SCHEMA = """
CREATE OR REPLACE TABLE statuses (
    status_id INTEGER, instrument_id VARCHAR, instrument_name VARCHAR, ccode INTEGER,
    status VARCHAR, legal_force VARCHAR, valid_from DATE, valid_to DATE,
    valid_from_precision VARCHAR, valid_to_precision VARCHAR, article VARCHAR, quote VARCHAR,
    note VARCHAR, sources VARCHAR[], dormant BOOLEAN, pre_system BOOLEAN);
CREATE OR REPLACE TABLE status_parties (
    status_id INTEGER, ccode INTEGER, relation VARCHAR, start DATE, "end" DATE);
"""

def _status_schema() -> dict[str, Any]:
    return {
    "status_id": pl.Int32, "instrument_id": pl.Utf8, "instrument_name": pl.Utf8,
    "ccode": pl.Int32, "status": pl.Utf8, "legal_force": pl.Utf8, "valid_from": pl.Date,
    "valid_to": pl.Date, "valid_from_precision": pl.Utf8, "valid_to_precision": pl.Utf8,
    "article": pl.Utf8, "quote": pl.Utf8, "note": pl.Utf8, "sources": pl.List(pl.Utf8),
    "dormant": pl.Boolean, "pre_system": pl.Boolean}


def _party_schema() -> dict[str, Any]:
    return {"status_id": pl.Int32, "ccode": pl.Int32, "relation": pl.Utf8,
            "start": pl.Date, "end": pl.Date}


def _statuses(reg: Registry) -> list[tuple[Instrument, Status]]:
    return [(i, s) for i in sorted(reg, key=lambda x: x.id) for s in i.statuses]


def status_frame(reg: Registry) -> pl.DataFrame:
    """One row per status; a status in a proposal or a signed treaty not in force has no
    validity (it never held)."""
    rows: list[dict[str, object]] = []
    for n, (inst, s) in enumerate(_statuses(reg)):
        force = s.legal_force or inst.legal_force
        never = force.never_in_force or inst.legal_force.never_in_force
        sources = [u for u in (s.source, *(x.url for x in inst.sources)) if u]
        rows.append({
            "status_id": n, "instrument_id": inst.id, "instrument_name": inst.name,
            "ccode": s.ccode, "status": s.status.value,
            "legal_force": (force if force.never_in_force else inst.legal_force if never
                            else force).value,
            "valid_from": None if never else s.period.start,
            "valid_to": None if never else s.period.end,
            "valid_from_precision": s.start.precision.value,
            "valid_to_precision": s.end.precision.value if s.end else "day",
            "article": s.article, "quote": s.quote, "note": s.note,
            "sources": list(dict.fromkeys(sources)), "dormant": s.dormant,
            "pre_system": s.pre_system})

    return pl.DataFrame(rows, schema=_status_schema())


def status_party_frame(reg: Registry) -> pl.DataFrame:
    """Each guarantor's and recogniser's dated spell (its membership spells in the
    instrument), for as-of reads. A role name names every member in that role."""
    rows: list[dict[str, object]] = []
    for n, (inst, s) in enumerate(_statuses(reg)):
        for relation, specs in (("guarantor", s.guarantors), ("recogniser", s.recognised_by)):
            for spec in specs:
                for m in inst.members:
                    hit = m.ccode == spec if isinstance(spec, int) else m.role == Role(spec)
                    if hit:
                        rows.append({"status_id": n, "ccode": m.ccode, "relation": relation,
                                     "start": m.period.start, "end": m.period.end})

    return pl.DataFrame(rows, schema=_party_schema())
