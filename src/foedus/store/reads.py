"""As-of reads over the store, in SQL.

Why: every question "on day D" is the same half-open test ``valid_from <= D < valid_to``; it
lives here once. Proposals never count as in force. Rows come back as plain dicts; the engine
(:mod:`foedus.query`) turns them into answers.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from foedus.store.core import Store

__all__ = [
    "Source",
    "commitments_on",
    "commitments_of_instrument",
    "instrument_rows",
    "membership_rows",
    "suspension_rows",
    "forum_rows",
    "instrument_sources",
]

Source = Literal["registry", "atop", "all"]

_COLS = ("obligor, beneficiary, kind, strength, legal_force, instrument_id, instrument_name, "
         "valid_from, valid_to, conditions, adversaries, territory, non_provocation, article, "
         "quote, sources, origin, atop_id, note, NULL::DATE AS known_until, "
         "valid_from_precision, valid_to_precision, aim, dormant, via")

_ATOP_TABLE = "ds_atop__commitments"


_ANSWER_COLS = ("obligor, beneficiary, kind, strength, legal_force, instrument_id, "
                "instrument_name, valid_from, valid_to, conditions, article, origin, atop_id, "
                "valid_from_precision, valid_to_precision, aim, dormant, via")


def _atop_select(store: Store) -> str | None:
    """SQL selecting ATOP commitments in the registry's shape, if ATOP is imported.

    ATOP rows for alliances the registry also records (``atop_ids``) are left out: the
    registry wins where both speak of the same instrument.
    """
    if not store.has_table(_ATOP_TABLE):
        return None
    return f"""
        SELECT obligor, beneficiary, kind, strength, legal_force, instrument_id,
               instrument_name, valid_from, valid_to, conditions, adversaries, territory,
               non_provocation, article, quote, sources, 'atop' AS origin, atopid AS atop_id,
               note, known_until, valid_from_precision, valid_to_precision,
               'support' AS aim, false AS dormant, NULL::VARCHAR AS via
        FROM {_ATOP_TABLE}
        WHERE atopid NOT IN (SELECT unnest(atop_ids) FROM instruments)
    """


def _source_sql(store: Store, source: Source) -> str:
    reg = f"SELECT {_COLS} FROM commitments"
    atop = _atop_select(store)
    if source == "registry":
        return reg
    if source == "atop":
        if atop is None:
            from foedus.errors import NotFoundError

            raise NotFoundError("ATOP is not imported: run `foedus data import atop PATH` "
                                "(or `foedus data fetch atop`)")
        return atop
    return reg if atop is None else f"{reg} UNION ALL {atop}"


def _rows(store: Store, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    with store._lock:
        cur = store.con.execute(sql, params)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


def commitments_on(
    store: Store,
    day: dt.date,
    *,
    obligors: list[int] | None = None,
    beneficiaries: list[int] | None = None,
    either: list[int] | None = None,
    kinds: list[str] | None = None,
    source: Source = "all",
) -> list[dict[str, Any]]:
    """Commitments in force on ``day`` (never proposals), filtered by side and kind."""
    # Outside a dataset's coverage (ATOP after 2018) a commitment is unknown, not in force.
    where = ["valid_from <= ?", "(valid_to IS NULL OR valid_to > ?)", "legal_force <> 'proposal'",
             "(known_until IS NULL OR ? < known_until)"]
    params: list[Any] = [day, day, day]
    if obligors is not None:
        where.append("list_contains(?, obligor)")
        params.append(obligors)
    if beneficiaries is not None:
        where.append("list_contains(?, beneficiary)")
        params.append(beneficiaries)
    if either is not None:
        where.append("(list_contains(?, obligor) OR list_contains(?, beneficiary))")
        params.extend([either, either])
    if kinds:
        where.append("list_contains(?, kind)")
        params.append(kinds)
    sql = (f"SELECT {_ANSWER_COLS} FROM ({_source_sql(store, source)}) "
           f"WHERE {' AND '.join(where)} "
           "ORDER BY instrument_id, obligor, beneficiary, kind, valid_from")
    return _rows(store, sql, params)


def commitments_of_instrument(store: Store, instrument_id: str) -> list[dict[str, Any]]:
    """Every commitment an instrument creates, in force or not."""
    return _rows(store, f"SELECT * FROM ({_source_sql(store, 'registry')}) "
                 "WHERE instrument_id = ? "
                 "ORDER BY kind, obligor, beneficiary, valid_from", [instrument_id])


def instrument_rows(
    store: Store,
    *,
    ccode: int | None = None,
    day: dt.date | None = None,
    search: str | None = None,
    instrument_id: str | None = None,
) -> list[dict[str, Any]]:
    """Instruments, optionally: with ``ccode`` as a member (on ``day``), in force on ``day``,
    matching ``search`` in id, name, short name or notes."""
    where: list[str] = []
    params: list[Any] = []
    if instrument_id is not None:
        where.append("i.id = ?")
        params.append(instrument_id)
    if day is not None:
        where.append("i.legal_force <> 'proposal' AND i.in_force <= ? "
                     "AND (i.terminated IS NULL OR i.terminated > ?)")
        params.extend([day, day])
    if ccode is not None:
        sub = "SELECT 1 FROM memberships m WHERE m.instrument_id = i.id AND m.ccode = ?"
        params.append(ccode)
        if day is not None:
            sub += ' AND m.start <= ? AND (m."end" IS NULL OR m."end" > ?)'
            params.extend([day, day])
        where.append(f"EXISTS ({sub})")
    if search:
        where.append("(i.id ILIKE ? OR i.name ILIKE ? OR i.short ILIKE ? OR i.notes ILIKE ?)")
        params.extend([f"%{search}%"] * 4)
    clause = f"WHERE {' AND '.join(where)}" if where else ""
    order = "coalesce(i.in_force, i.signed), i.id"
    if search:
        # matches in the id, name or short name first, then those found only in the notes
        order = ("CASE WHEN i.id ILIKE ? OR i.name ILIKE ? OR i.short ILIKE ? THEN 0 ELSE 1 END, "
                 + order)
        params.extend([f"%{search}%"] * 3)
    return _rows(store, f"SELECT * FROM instruments i {clause} ORDER BY {order}", params)


def membership_rows(store: Store, instrument_id: str) -> list[dict[str, Any]]:
    return _rows(store, 'SELECT * FROM memberships WHERE instrument_id = ? '
                 'ORDER BY start, ccode, role', [instrument_id])


def suspension_rows(store: Store, instrument_id: str) -> list[dict[str, Any]]:
    return _rows(store, 'SELECT * FROM suspensions WHERE instrument_id = ? ORDER BY start',
                 [instrument_id])


def forum_rows(store: Store, a: int, b: int, day: dt.date) -> list[dict[str, Any]]:
    """Forums and institutions (``forum`` instruments) both states belong to on ``day``."""
    member = ('SELECT 1 FROM memberships m WHERE m.instrument_id = i.id AND m.ccode = ? '
              "AND m.role NOT IN ('signatory') "
              'AND m.start <= ? AND (m."end" IS NULL OR m."end" > ?)')
    sql = (f"SELECT * FROM instruments i WHERE i.forum AND i.legal_force <> 'proposal' "
           "AND i.in_force <= ? AND (i.terminated IS NULL OR i.terminated > ?) "
           f"AND EXISTS ({member}) AND EXISTS ({member}) ORDER BY i.in_force, i.id")
    return _rows(store, sql, [day, day, a, day, day, b, day, day])


def instrument_sources(store: Store) -> dict[str, tuple[str, ...]]:
    """Source URLs of every registry instrument, by id (one query, for answers to reuse)."""
    import json

    out: dict[str, tuple[str, ...]] = {}
    for iid, src in store.con.execute("SELECT id, sources FROM instruments").fetchall():
        out[iid] = tuple(s["url"] for s in json.loads(src))
    return out
