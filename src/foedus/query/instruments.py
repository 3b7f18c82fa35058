"""``instruments`` and ``instrument``: the registry's instruments, listed or in full."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from foedus.errors import NotFoundError
from foedus.query.answers import InstrumentAnswer, InstrumentsAnswer, iso
from foedus.query.common import as_date
from foedus.store import reads

if TYPE_CHECKING:
    from foedus.session import Session

__all__ = ["instruments", "instrument", "instrument_summary"]


def instrument_summary(row: dict[str, Any]) -> dict[str, Any]:
    """An instrument row as the contract's summary."""
    return {
        "id": row["id"], "name": row["name"], "short": row["short"], "type": row["type"],
        "legal_force": row["legal_force"], "forum": bool(row["forum"]),
        "signed": iso(row["signed"]), "in_force": iso(row["in_force"]),
        "terminated": iso(row["terminated"]),
    }


def instruments(
    session: Session,
    *,
    state: str | int | None = None,
    on: object | None = None,
    search: str | None = None,
) -> InstrumentsAnswer:
    """Instrument summaries, filtered by member state, date in force, and text."""
    ccode = session.state(state).ccode if state is not None else None
    day = as_date(on, "--on date") if on is not None else None
    return InstrumentsAnswer([instrument_summary(r) for r in reads.instrument_rows(
        session.store, ccode=ccode, day=day, search=search)])


def instrument(session: Session, instrument_id: str) -> InstrumentAnswer:
    """Everything recorded about one instrument, in the JSON contract's shape."""
    store, states = session.store, session.states
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
    return InstrumentAnswer(out)
