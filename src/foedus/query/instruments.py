"""``instruments`` and ``instrument``: the registry's instruments and, once ATOP is imported,
ATOP's alliances (:mod:`foedus.query.atop_instruments`), listed or in full.

A curated registry file covering an ATOP alliance (its ``atop_ids``) stands for it: the
alliance is listed once, as the curated file, which links ATOP's reading
(``atop_readings``); ``instrument("atop-N")`` opens the curated file too, unless
``reading="atop"`` asks for ATOP's own reading.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Literal

from foedus.errors import NotFoundError, UsageError
from foedus.query.answers import InstrumentAnswer, InstrumentsAnswer, iso
from foedus.query.atop_instruments import (
    CODED_BY_REGISTRY,
    atop_instrument,
    atop_reading,
    atop_summaries,
    parse_atop_id,
)
from foedus.query.common import as_date
from foedus.store import reads

if TYPE_CHECKING:
    from foedus.session import Session

__all__ = ["instruments", "instrument", "instrument_summary", "Reading"]

Reading = Literal["curated", "atop"]


def instrument_summary(row: dict[str, Any]) -> dict[str, Any]:
    """An instrument row as the contract's summary."""
    return {
        "id": row["id"], "name": row["name"], "short": row["short"], "type": row["type"],
        "legal_force": row["legal_force"], "forum": bool(row["forum"]),
        "signed": iso(row["signed"]), "in_force": iso(row["in_force"]),
        "terminated": iso(row["terminated"]),
        "coded_by": CODED_BY_REGISTRY, "presumed": False,
    }


def instruments(
    session: Session,
    *,
    state: str | int | None = None,
    on: object | None = None,
    search: str | None = None,
) -> InstrumentsAnswer:
    """Instrument summaries, filtered by member state, date in force, and text: the
    registry's, and ATOP's alliances no curated file covers (when ATOP is imported)."""
    ccode = session.state(state).ccode if state is not None else None
    day = as_date(on, "--on date") if on is not None else None
    rows = reads.instrument_rows(session.store, ccode=ccode, day=day, search=search)
    curated = [instrument_summary(r) for r in rows]
    covered = frozenset(a for r in reads.instrument_rows(session.store)
                        for a in (r["atop_ids"] or []))
    atop = atop_summaries(session, ccode=ccode, day=day, search=search, exclude=covered)
    if not atop:
        return InstrumentsAnswer(curated)
    if search:  # the registry's own order (best matches first), then ATOP's by date
        return InstrumentsAnswer(curated + atop)

    def when(i: dict[str, Any]) -> tuple[str, str]:
        return (i["in_force"] or i["signed"] or "9999", i["id"])

    return InstrumentsAnswer(sorted(curated + atop, key=when))


def instrument(session: Session, instrument_id: str,
               reading: Reading = "curated") -> InstrumentAnswer:
    """Everything recorded about one instrument, in the JSON contract's shape.

    ``atop-N`` names ATOP's alliance N: the curated file covering it when there is one
    (unless ``reading="atop"``), else ATOP's own reading."""
    if reading not in ("curated", "atop"):
        raise UsageError(f"reading must be 'curated' or 'atop', not {reading!r}")
    store, states = session.store, session.states
    atopid = parse_atop_id(instrument_id)
    if atopid is not None:
        covering = [r["id"] for r in reads.instrument_rows(store)
                    if atopid in (r["atop_ids"] or [])]
        if reading == "atop" or not covering:
            return InstrumentAnswer(atop_instrument(session, atopid, covering))
        instrument_id = covering[0]
    elif reading == "atop" and reads.instrument_rows(store, instrument_id=instrument_id):
        rows = reads.instrument_rows(store, instrument_id=instrument_id)
        ids = list(rows[0]["atop_ids"] or [])
        if len(ids) != 1:
            raise UsageError(f"{instrument_id!r} covers {len(ids)} ATOP alliances; open one "
                             "of them by its id (atop-N)" if ids else
                             f"{instrument_id!r} has no ATOP reading")
        return InstrumentAnswer(atop_instrument(session, ids[0], [instrument_id]))
    rows = reads.instrument_rows(store, instrument_id=instrument_id)
    if not rows:
        near = reads.instrument_rows(store, search=instrument_id)
        hint = f"; did you mean: {', '.join(r['id'] for r in near[:8])}" if near else ""
        raise NotFoundError(f"no instrument {instrument_id!r}{hint}")
    row = rows[0]
    out = instrument_summary(row)

    def side(x: object) -> object:
        return states.by_code(x).to_json() if isinstance(x, int) else x

    out["members"] = [
        {"state": states.by_code(m["ccode"]).to_json(m["start"]), "role": m["role"],
         "from": iso(m["start"]), "to": iso(m["end"]),
         "from_precision": m["start_precision"], "to_precision": m["end_precision"],
         "note": m["note"] or None}
        for m in reads.membership_rows(store, instrument_id)]
    out["obligations"] = json.loads(row["obligations"])
    for ob in out["obligations"]:
        ob["legal_force"] = ob["legal_force"] or out["legal_force"]  # inherited: say so
        ob["obligors"] = [side(x) for x in ob["obligors"]]
        ob["beneficiaries"] = [side(x) for x in ob["beneficiaries"]]
        ob["conditions"]["adversaries"] = [
            states.by_code(a).to_json() for a in ob["conditions"]["adversaries"]]
    out["suspensions"] = [
        {"obligor": states.by_code(s["obligor"]).to_json() if s["obligor"] else None,
         "beneficiary": (states.by_code(s["beneficiary"]).to_json()
                         if s["beneficiary"] else None),
         "from": iso(s["start"]), "to": iso(s["end"]), "formal": s["formal"],
         "note": s["note"] or None}
        for s in reads.suspension_rows(store, instrument_id)]
    out["sources"] = json.loads(row["sources"])
    out["atop_ids"] = list(row["atop_ids"] or [])
    out["precision"] = {k: row[f"{k}_precision"] for k in ("signed", "in_force", "terminated")}
    out["notes"] = row["notes"] or None
    # ATOP's reading of the same alliance, linked (open it with reading="atop")
    out["atop_readings"] = [atop_reading(a) for a in out["atop_ids"]]
    out["phases"] = []
    out["atop"] = None
    out["name_source"] = None
    return InstrumentAnswer(out)
