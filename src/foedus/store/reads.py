"""As-of reads over the store, in SQL.

Why: every question "on day D" is the same half-open test ``valid_from <= D < valid_to``; it
lives here once. Proposals never count as in force. Commitments come back as one polars frame
in the columns of :mod:`foedus.model.schema` (the engine builds its
:class:`~foedus.graph.CommitmentGraph` from it); instruments, memberships and forums as dicts.

Sources: ``registry`` is the curated registry; ``atop`` is ATOP alone, exactly as ATOP codes
it; ``all`` is both, where the registry wins for the ATOP alliances it records itself
(``atop_ids``), so an instrument is never counted twice.

Outside ATOP's years a commitment ATOP records is *unknown*. One exception keeps answers
honest after 2018: an ATOP commitment still in force when ATOP ends, of an alliance the
registry does not curate, is returned with ``presumed = true`` ("ATOP ends 2018; no
termination recorded") — never as in force, never silently dropped.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import TYPE_CHECKING, Any

import polars as pl

from foedus.errors import NotFoundError
from foedus.model.schema import COMMITMENT_COLUMNS, Source
from foedus.registry.atop_objects import atop_objects
from foedus.store.core import Store

if TYPE_CHECKING:
    import polars as pl

__all__ = [
    "Source",
    "commitments_frame",
    "commitments_of_instrument",
    "instrument_rows",
    "membership_rows",
    "suspension_rows",
    "forum_rows",
    "instrument_sources",
    "ATOP_TABLE",
    "coverages",
    "status_rows",
    "status_party_rows",
    "bound_members",
    "pre_system_on",
]

# (re-exported: the vocabulary is declared in foedus.model.schema)

ATOP_TABLE = "ds_atop__commitments"
_ATOP_SOURCE_NOTE = "http://www.atopdata.org/ (ATOP 5.1, atopid {})"


def _registry_select() -> str:
    cols = ", ".join(f'"{c}"' for c in COMMITMENT_COLUMNS)
    return f"SELECT {cols} FROM commitments"


def atop_object_sql() -> str:
    """SQL giving an ATOP commitment its ``object``: the curated state of a consultation pact
    about one state's status (:mod:`foedus.registry.atop_objects`), else an empty list."""
    whens = " ".join(
        f"WHEN kind = 'consultation' AND atopid = {a.atopid} "
        f"THEN [{', '.join(str(s) for s in a.states)}]::INTEGER[]"
        for a in atop_objects().values())
    return f"(CASE {whens} ELSE []::INTEGER[] END)" if whens else "[]::INTEGER[]"


def _atop_select(store: Store, *, curated_excluded: bool) -> str | None:
    """SQL selecting ATOP's commitments in the schema's columns, if ATOP is imported."""
    if not store.has_table(ATOP_TABLE):
        return None
    cols = []
    for c in COMMITMENT_COLUMNS:
        if c == "origin":
            cols.append("'atop' AS origin")
        elif c == "atop_id":
            cols.append("atopid AS atop_id")
        elif c == "unconditional":
            cols.append("NULL::BOOLEAN AS unconditional")
        elif c == "aim":
            cols.append("'support' AS aim")
        elif c == "dormant":
            cols.append("false AS dormant")
        elif c == "via":
            cols.append("NULL::VARCHAR AS via")
        elif c == "object":
            cols.append(f"{atop_object_sql()} AS object")
        else:
            cols.append(f'"{c}"')
    where = ("WHERE atopid NOT IN (SELECT unnest(atop_ids) FROM instruments)"
             if curated_excluded else "")
    return f"SELECT {', '.join(cols)} FROM {ATOP_TABLE} {where}"


def _source_sql(store: Store, source: Source) -> str:
    if source == "registry":
        return _registry_select()
    atop = _atop_select(store, curated_excluded=source == "all")
    if source == "atop":
        if atop is None:
            raise NotFoundError("ATOP is not imported: run `foedus data import atop PATH` "
                                "(or `foedus data fetch atop`)")
        return atop
    return _registry_select() if atop is None else f"{_registry_select()} UNION ALL {atop}"


def commitments_frame(
    store: Store,
    day: dt.date,
    *,
    source: Source = "all",
    states: list[int] | None = None,
    beneficiaries: list[int] | None = None,
) -> pl.DataFrame | list[dict[str, Any]]:
    """Commitments in force on ``day`` (never proposals), with a ``presumed`` flag: the whole
    day as a polars frame, or — with ``states`` (commitments given or received by any of
    them) or ``beneficiaries`` (owed to any of them) — a slice, as rows.
    """
    where = ["valid_from <= ?", "(valid_to IS NULL OR valid_to > ?)",
             "legal_force <> 'proposal'",
             "(known_until IS NULL OR ? < known_until OR valid_to IS NULL)"]
    params: list[Any] = [day, day, day]
    if states is not None:
        where.append("(list_contains(?, obligor) OR list_contains(?, beneficiary))")
        params.extend([states, states])
    if beneficiaries is not None:
        where.append("list_contains(?, beneficiary)")
        params.extend([beneficiaries])
    cols = ", ".join(f'"{c}"' for c in COMMITMENT_COLUMNS)
    sql = (f"SELECT {cols}, (known_until IS NOT NULL AND ? >= known_until) AS presumed "
           f"FROM ({_source_sql(store, source)}) WHERE {' AND '.join(where)} "
           "ORDER BY instrument_id, obligor, beneficiary, kind, valid_from")
    if states is not None or beneficiaries is not None:
        # a slice: a few hundred rows, answered without loading polars (CLI start-up)
        rows = store.rows(sql, [day, *params])
        for r in rows:
            if r["sources"] is None:
                r["sources"] = [_ATOP_SOURCE_NOTE.format(r["atop_id"])]
        return rows

    frame = store.frame(sql, [day, *params])  # a whole day: through Arrow
    assert isinstance(frame, pl.DataFrame)
    if frame.height and frame["sources"].null_count():
        frame = frame.with_columns(
            pl.when(pl.col("sources").is_null())
            .then(pl.concat_list(pl.format(_ATOP_SOURCE_NOTE, pl.col("atop_id"))))
            .otherwise(pl.col("sources")).alias("sources"))
    return frame


def commitments_of_instrument(store: Store, instrument_id: str) -> list[dict[str, Any]]:
    """Every commitment an instrument creates, in force or not."""
    return store.rows(f"SELECT * FROM ({_source_sql(store, 'registry')}) "
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
    # the text itself, not a LIKE pattern: '%' and '_' in a search were wildcards here (a
    # search for "_" listed every instrument) while ATOP's part of the same list took them
    # literally
    like = "%" + re.sub(r"([\\%_])", r"\\\1", search or "") + "%"
    if search:
        where.append("(i.id ILIKE ? ESCAPE '\\' OR i.name ILIKE ? ESCAPE '\\' "
                     "OR i.short ILIKE ? ESCAPE '\\' OR i.notes ILIKE ? ESCAPE '\\')")
        params.extend([like] * 4)
    clause = f"WHERE {' AND '.join(where)}" if where else ""
    order = "coalesce(i.in_force, i.signed), i.id"
    if search:
        # matches in the id, name or short name first, then those found only in the notes
        order = ("CASE WHEN i.id ILIKE ? ESCAPE '\\' OR i.name ILIKE ? ESCAPE '\\' "
                 "OR i.short ILIKE ? ESCAPE '\\' THEN 0 ELSE 1 END, " + order)
        params.extend([like] * 3)
    return store.rows(f"SELECT * FROM instruments i {clause} ORDER BY {order}", params)


def membership_rows(store: Store, instrument_id: str) -> list[dict[str, Any]]:
    return store.rows('SELECT * FROM memberships WHERE instrument_id = ? '
                      'ORDER BY start, ccode, role', [instrument_id])


def suspension_rows(store: Store, instrument_id: str) -> list[dict[str, Any]]:
    return store.rows('SELECT * FROM suspensions WHERE instrument_id = ? ORDER BY start',
                      [instrument_id])


def forum_rows(store: Store, a: int, b: int, day: dt.date) -> list[dict[str, Any]]:
    """Forums and institutions (``forum`` instruments) both states belong to on ``day``."""
    member = ('SELECT 1 FROM memberships m WHERE m.instrument_id = i.id AND m.ccode = ? '
              "AND m.role NOT IN ('signatory') "
              'AND m.start <= ? AND (m."end" IS NULL OR m."end" > ?)')
    sql = (f"SELECT * FROM instruments i WHERE i.forum AND i.legal_force <> 'proposal' "
           "AND i.in_force <= ? AND (i.terminated IS NULL OR i.terminated > ?) "
           f"AND EXISTS ({member}) AND EXISTS ({member}) ORDER BY i.in_force, i.id")
    return store.rows(sql, [day, day, a, day, day, b, day, day])


def instrument_sources(store: Store) -> dict[str, tuple[str, ...]]:
    """Source URLs of every registry instrument, by id (one query, for answers to reuse)."""
    out: dict[str, tuple[str, ...]] = {}
    for row in store.rows("SELECT id, sources FROM instruments"):
        out[row["id"]] = tuple(s["url"] for s in json.loads(row["sources"]))
    return out


def coverages(store: Store) -> dict[str, tuple[int, int]]:
    """First and last year of every imported dataset, in one read (for answers that must
    say which datasets do not cover their date)."""
    if not store.has_table("ds_datasets"):
        return {}
    rows = store.cur.execute(
        "SELECT dataset, coverage_first, coverage_last FROM ds_datasets").fetchall()
    return {str(d): (int(a), int(b)) for d, a, b in rows}


# -- statuses (tables written by foedus.store.status_tables) ----------------------------
def status_rows(store: Store, ccode: int, day: dt.date | None) -> list[dict[str, Any]]:
    """The statuses of ``ccode``: those holding on ``day`` (never a proposal's), or with no
    day every status it ever held or was proposed, in date order."""
    where: list[str] = ["ccode = ?"]
    params: list[Any] = [ccode]
    if day is not None:
        where.append("legal_force <> 'proposal' AND valid_from <= ? "
                     "AND (valid_to IS NULL OR valid_to > ?)")
        params.extend([day, day])
    sql = (f"SELECT * FROM statuses WHERE {' AND '.join(where)} "
           "ORDER BY valid_from NULLS LAST, instrument_id, status")
    return store.rows(sql, params)


def status_party_rows(store: Store, status_ids: list[int],
                      day: dt.date | None) -> list[dict[str, Any]]:
    """Guarantors and recognisers of these statuses: on ``day``, or ever."""
    where: list[str] = ["list_contains(?, status_id)"]
    params: list[Any] = [status_ids]
    if day is not None:
        where.append('start <= ? AND ("end" IS NULL OR "end" > ?)')
        params.extend([day, day])
    return store.rows(f"SELECT DISTINCT status_id, ccode, relation FROM status_parties "
                      f"WHERE {' AND '.join(where)} ORDER BY status_id, relation, ccode",
                      params)


def bound_members(store: Store, instrument_ids: list[str], ccode: int,
                  day: dt.date) -> set[str]:
    """The instruments among ``instrument_ids`` that ``ccode`` is bound by on ``day``
    (a party or guarantor)."""
    rows = store.rows("SELECT DISTINCT instrument_id FROM memberships "
                      "WHERE list_contains(?, instrument_id) AND ccode = ? "
                      "AND role IN ('party', 'guarantor') "
                      'AND start <= ? AND ("end" IS NULL OR "end" > ?)',
                      [instrument_ids, ccode, day, day])
    return {r["instrument_id"] for r in rows}


def bound_member_codes(store: Store, instrument_ids: list[str],
                       day: dt.date) -> dict[str, set[int]]:
    """For each of ``instrument_ids``, the states bound by it on ``day`` (a party or
    guarantor): :func:`bound_members` for every state at once."""
    rows = store.rows("SELECT DISTINCT instrument_id, ccode FROM memberships "
                      "WHERE list_contains(?, instrument_id) "
                      "AND role IN ('party', 'guarantor') "
                      'AND start <= ? AND ("end" IS NULL OR "end" > ?)',
                      [instrument_ids, day, day])
    out: dict[str, set[int]] = {i: set() for i in instrument_ids}
    for r in rows:
        out[r["instrument_id"]].add(int(r["ccode"]))
    return out


def pre_system_on(store: Store, ccode: int, day: dt.date) -> bool:
    """True when the registry records ``ccode`` as bound on ``day`` while outside the state
    system (a ``pre_system`` membership or status), so questions about it are answered."""
    rows = store.rows("SELECT 1 FROM memberships WHERE ccode = ? AND pre_system "
                      'AND start <= ? AND ("end" IS NULL OR "end" > ?) UNION ALL '
                      "SELECT 1 FROM statuses WHERE ccode = ? AND pre_system "
                      "AND valid_from <= ? AND (valid_to IS NULL OR valid_to > ?)",
                      [ccode, day, day, ccode, day, day])
    return bool(rows)
