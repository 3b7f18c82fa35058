"""A registry's commitments as one frame in the schema's columns.

Why: the store's ``commitments`` table and an in-memory :class:`~foedus.graph.CommitmentGraph`
(an edited architecture, a worker without DuckDB) must hold exactly the same rows for the
same registry. Both are built here, from :func:`commitments_from_instrument`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

import polars as pl

from foedus.model.columns import polars_schema
from foedus.model.commitments import Commitment, commitments_from_instrument
from foedus.model.instruments import Instrument

__all__ = ["commitment_record", "commitments_frame", "instruments_commitments_frame"]


def commitment_record(c: Commitment) -> dict[str, object]:
    """One derived commitment as a row of the schema."""
    return {
        "obligor": c.obligor,
        "beneficiary": c.beneficiary,
        "kind": c.kind.value,
        "strength": c.strength.value,
        "legal_force": c.legal_force.value,
        "instrument_id": c.instrument_id,
        "instrument_name": c.instrument_name,
        "valid_from": c.valid.start if c.valid else None,
        "valid_to": c.valid.end if c.valid else None,
        "conditions": json.dumps(c.conditions.to_json()),
        "adversaries": list(c.conditions.adversaries),
        "territory": c.conditions.territory or None,
        "non_provocation": c.conditions.non_provocation,
        "article": c.article,
        "quote": c.quote,
        "sources": list(c.sources),
        "origin": c.origin,
        "atop_id": None,
        "note": c.note,
        "unconditional": c.conditions.unconditional,
        "valid_from_precision": c.valid_from_precision,
        "valid_to_precision": c.valid_to_precision,
        "known_until": None,
        "aim": c.aim,
        "dormant": c.dormant,
        "via": c.via or None,
        "object": list(c.conditions.covers),
    }


def commitments_frame(commitments: Iterable[Commitment]) -> pl.DataFrame:
    """Commitments as a frame with exactly the schema's columns and types."""
    schema = polars_schema()
    return pl.DataFrame([commitment_record(c) for c in commitments],
                        schema=schema)  # type: ignore[arg-type]


def instruments_commitments_frame(instruments: Iterable[Instrument]) -> pl.DataFrame:
    """Every commitment the instruments create, in force at some time or never (proposals)."""
    return commitments_frame(c for i in instruments for c in commitments_from_instrument(i))
