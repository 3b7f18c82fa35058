"""Reads of ATOP's own tables (alliances, phases, members, commitments) for its instruments.

Why: once ATOP is imported (``foedus data import atop``), each ATOP alliance is shown as an
instrument of its own (:mod:`foedus.query.atop_instruments`). These reads return ATOP's rows
as stored, one alliance or all; the dating rules live with the importer
(:mod:`foedus.sources.atop_commitments`), so an instrument's member days and its
commitments' days are the same days.
"""

from __future__ import annotations

from typing import Any

from foedus.store.core import Store

__all__ = [
    "ATOP_INSTRUMENT_TABLES",
    "atop_imported",
    "atop_alliance_rows",
    "atop_phase_rows",
    "atop_member_frame",
    "atop_commitment_rows",
]

ATOP_INSTRUMENT_TABLES = ("ds_atop__alliance", "ds_atop__phase", "ds_atop__member",
                          "ds_atop__commitments")
_ALLIANCE_COLUMNS = ("atopid", "begyr", "begmo", "begday", "endyr", "endmo", "endday",
                     "ineffect", "bilat", "maxphase", "estmode", "pubsecr", "secrart",
                     "defense", "offense", "neutral", "nonagg", "consul", "conditio",
                     "defcon", "offcon", "neucon", "concon", "asymm", "specthrt", "statthr1",
                     "statthr2", "version")
_MEMBER_COLUMNS = ("atopid", "member", "phase", "yrent", "moent", "dayent", "yrexit",
                   "moexit", "dayexit")


def atop_imported(store: Store) -> bool:
    """True when every table the ATOP instruments are read from is in the store."""
    return all(store.has_table(t) for t in ATOP_INSTRUMENT_TABLES)


def atop_alliance_rows(store: Store, atopid: int | None = None) -> list[dict[str, Any]]:
    """ATOP's alliance-level rows (one alliance, or all), in ``atopid`` order."""
    cols = ", ".join(_ALLIANCE_COLUMNS)
    where, params = ("WHERE atopid = ?", [atopid]) if atopid is not None else ("", [])
    return store.rows(f"SELECT {cols} FROM ds_atop__alliance {where} ORDER BY atopid", params)


def atop_phase_rows(store: Store, atopid: int) -> list[dict[str, Any]]:
    """An alliance's phases as ATOP codes them (phase 0 = a single-phase alliance)."""
    cols = ", ".join(c for c in _ALLIANCE_COLUMNS if c not in ("maxphase", "version"))
    return store.rows(f"SELECT atopidphase, phase, {cols} FROM ds_atop__phase "
                      "WHERE atopid = ? ORDER BY phase", [atopid])


def atop_member_frame(store: Store, atopid: int | None = None) -> Any:
    """ATOP's member rows (one per member per phase) as a polars frame, for the importer's
    dating rules (:func:`foedus.sources.atop_commitments.members_from_atop`)."""
    cols = ", ".join(_MEMBER_COLUMNS)
    where, params = ("WHERE atopid = ?", [atopid]) if atopid is not None else ("", [])
    return store.frame(f"SELECT {cols} FROM ds_atop__member {where} "
                       "ORDER BY atopid, phase, member", params)


def atop_commitment_rows(store: Store, atopid: int) -> list[dict[str, Any]]:
    """The directed commitments foedus derived from one ATOP alliance."""
    return store.rows("SELECT obligor, beneficiary, kind, strength, phase, valid_from, "
                      "valid_to, valid_from_precision, valid_to_precision, conditions, "
                      "territory, non_provocation, obvary FROM ds_atop__commitments "
                      "WHERE atopid = ? ORDER BY phase, kind, obligor, beneficiary", [atopid])
