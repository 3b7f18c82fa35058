"""ATOP's alliances as instruments: listed, searched and opened like the registry's.

Why: the curated registry records a few hundred instruments; ATOP codes every alliance
1815-2018 (789 in release 5.1). Once ATOP is imported, each ATOP alliance is an instrument
``atop-<atopid>`` of its own, named from the sourced names table
(:mod:`foedus.registry.atop_names`), with its members (entry and exit days), its obligations
and ATOP's conditions, its phases, its signing and end days and a link to ATOP's codesheet.
Everything in it is ATOP's coding, marked ``coded_by: "ATOP"``: it was not read from the
treaty's text here.

Where a curated registry file covers the alliance (its ``atop_ids``), that file is the
instrument shown (it was read from the text), and ATOP's reading is linked from it
(``atop_readings``); ATOP's own reading stays reachable with ``reading="atop"``.

Days follow the importer's rules (:mod:`foedus.sources.atop_commitments`): ATOP records the
day of signature, not entry into force; an unknown day is the month's first (precision
``month``); ATOP ends on 2018-12-31, so an alliance still in effect then is listed on a later
day only as ``presumed`` (ATOP knows nothing after 2018).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING, Any

from foedus.errors import NotFoundError
from foedus.model.schema import ATOP_KNOWN_UNTIL
from foedus.query.answers import iso
from foedus.registry.atop_names import ATOP_CODESHEET_URL, AtopName, atop_names
from foedus.sources.atop_commitments import members_from_atop
from foedus.store import atop_reads

if TYPE_CHECKING:
    from foedus.session import Session

__all__ = [
    "CODED_BY_ATOP",
    "CODED_BY_REGISTRY",
    "atop_instrument",
    "atop_instrument_id",
    "atop_reading",
    "atop_summaries",
    "parse_atop_id",
]

CODED_BY_ATOP = "ATOP"
CODED_BY_REGISTRY = "registry"
_PLEDGES = (("defense", "defense", "defcon"), ("offense", "offense", "offcon"),
            ("neutral", "neutrality", "neucon"), ("nonagg", "nonaggression", None),
            ("consul", "consultation", "concon"))
_NOT_IMPORTED = ("ATOP is not imported, so its alliances are not instruments here: run "
                 "`foedus data import atop PATH` (or `foedus data fetch atop`)")
ATOP_NOTE = ("Coded by ATOP 5.1 (Leeds et al.), not read from the treaty's text here: members, "
             "pledges and conditions are ATOP's reading; its codesheet cites the text. Days "
             "are ATOP's (signature, not entry into force). ATOP ends on 2018-12-31.")


def atop_instrument_id(atopid: int) -> str:
    """The instrument id of an ATOP alliance (``atop-3035``)."""
    return f"atop-{atopid}"


def parse_atop_id(instrument_id: str) -> int | None:
    """The ``atopid`` in ``atop-3035`` (also ``atop:3035``, ``ATOP3035``), else ``None``."""
    s = instrument_id.strip().lower()
    if not s.startswith("atop"):
        return None
    rest = s[4:].lstrip("-:_ ")
    return int(rest) if rest.isascii() and rest.isdigit() else None  # not '²' or '٢'


def _begin(y: int | None, m: int | None, d: int | None) -> tuple[dt.date | None, str | None]:
    if not y or not m:
        return (dt.date(y, 1, 1), "year") if y else (None, None)
    return dt.date(y, m, d or 1), ("day" if d else "month")


def _end(y: int | None, m: int | None, d: int | None) -> tuple[dt.date | None, str | None]:
    """ATOP's end as the first day no longer bound (an unknown day: the next month's first)."""
    if not y:
        return None, None  # 0: in effect when ATOP ends
    if not m:
        return dt.date(y + 1, 1, 1), "year"
    if d:
        return dt.date(y, m, d), "day"
    return (dt.date(y + 1, 1, 1) if m == 12 else dt.date(y, m + 1, 1)), "month"


def _name(atopid: int) -> AtopName | None:
    return atop_names().get(atopid)


def _summary(a: dict[str, Any], presumed: bool = False) -> dict[str, Any]:
    aid = int(a["atopid"])
    name = _name(aid)
    signed, _ = _begin(a["begyr"], a["begmo"], a["begday"])
    end, _ = _end(a["endyr"], a["endmo"], a["endday"])
    return {
        "id": atop_instrument_id(aid),
        "name": name.name if name else f"ATOP alliance {aid}",
        "short": f"ATOP {aid}", "type": "alliance", "legal_force": "treaty", "forum": False,
        "signed": iso(signed), "in_force": iso(signed), "terminated": iso(end),
        "coded_by": CODED_BY_ATOP, "presumed": presumed,
        "life": [],  # ATOP codes no dated life events (withdrawals, suspensions)
    }


def _matches(summary: dict[str, Any], needle: str) -> bool:
    aid = int(summary["id"].split("-")[1])
    name = _name(aid)
    hay = [summary["id"], summary["name"], summary["short"]]
    if name:
        hay += [name.place, name.note]
    return any(needle in h.lower() for h in hay if h)


def atop_summaries(session: Session, *, ccode: int | None = None, day: dt.date | None = None,
                   search: str | None = None,
                   exclude: frozenset[int] = frozenset()) -> list[dict[str, Any]]:
    """Summaries of ATOP's alliances (none when ATOP is not imported), filtered like the
    registry's: ``ccode`` a member (on ``day``), in force on ``day``, ``search`` in id, name,
    place or note. Alliances in ``exclude`` (those a curated file covers) are left out."""
    store = session.store
    if not atop_reads.atop_imported(store):
        return []
    spells: dict[int, list[tuple[int, dt.date, dt.date | None]]] = {}
    if ccode is not None or day is not None:
        frame = members_from_atop(atop_reads.atop_member_frame(store))
        for r in frame.select("atopid", "member", "start", "end").iter_rows():
            spells.setdefault(int(r[0]), []).append((int(r[1]), r[2], r[3]))
    needle = search.lower() if search else None
    out: list[dict[str, Any]] = []
    for a in atop_reads.atop_alliance_rows(store):
        aid = int(a["atopid"])
        if aid in exclude:
            continue
        presumed = False
        if ccode is not None or day is not None:
            hits = [s for s in spells.get(aid, [])
                    if (ccode is None or s[0] == ccode)
                    and (day is None or (s[1] <= day and (s[2] is None or s[2] > day)))]
            if not hits:
                continue
            presumed = day is not None and day >= ATOP_KNOWN_UNTIL
        summary = _summary(a, presumed)
        if needle and not _matches(summary, needle):
            continue
        out.append(summary)
    return out


def atop_reading(atopid: int) -> dict[str, Any]:
    """A link to ATOP's reading of an alliance, for the curated file that covers it."""
    name = _name(atopid)
    return {"id": atop_instrument_id(atopid), "atopid": atopid,
            "name": name.name if name else f"ATOP alliance {atopid}",
            "coded_by": CODED_BY_ATOP, "codesheet": ATOP_CODESHEET_URL}


def _members(session: Session, atopid: int) -> list[dict[str, Any]]:
    """Member spells, one per member and unbroken stretch (consecutive phases joined)."""
    frame = members_from_atop(atop_reads.atop_member_frame(session.store, atopid))
    spells: list[dict[str, Any]] = []
    rows = frame.sort("member", "start", "phase").select(
        "member", "phase", "start", "end", "start_precision", "end_precision").iter_rows()
    for ccode, phase, start, end, sp, ep in rows:
        last = spells[-1] if spells else None
        if last and last["ccode"] == ccode and last["end"] is not None and last["end"] == start:
            last.update(end=end, end_precision=ep)
            last["phases"].append(phase)
            continue
        spells.append({"ccode": ccode, "start": start, "end": end, "start_precision": sp,
                       "end_precision": ep, "phases": [phase]})
    spells.sort(key=lambda s: (s["start"], s["ccode"]))
    states = session.states
    return [{"state": states.by_code(s["ccode"]).to_json(), "role": "party",
             "from": iso(s["start"]), "to": iso(s["end"]),
             "from_precision": s["start_precision"], "to_precision": s["end_precision"],
             "note": (f"ATOP phase{'s' if len(s['phases']) > 1 else ''} "
                      f"{', '.join(str(p) for p in s['phases'])}"
                      if any(s["phases"]) else None)}
            for s in spells]


def _phases(session: Session, atopid: int) -> list[dict[str, Any]]:
    out = []
    for p in atop_reads.atop_phase_rows(session.store, atopid):
        start, sp = _begin(p["begyr"], p["begmo"], p["begday"])
        end, ep = _end(p["endyr"], p["endmo"], p["endday"])
        out.append({
            "phase": p["phase"], "atopidphase": str(p["atopidphase"]),
            "from": iso(start), "to": iso(end), "from_precision": sp, "to_precision": ep,
            "pledges": [kind for col, kind, _ in _PLEDGES if p[col] == 1],
            "conditional": {kind: bool(p[cc]) for col, kind, cc in _PLEDGES
                            if cc and p[col] == 1},
            "in_effect_2018": bool(p["ineffect"]),
        })
    return out


def _obligations(session: Session, atopid: int) -> list[dict[str, Any]]:
    """ATOP's obligations per phase, kind and conditions (members owing and owed)."""
    groups: dict[tuple[Any, ...], dict[str, Any]] = {}
    for r in atop_reads.atop_commitment_rows(session.store, atopid):
        key = (r["phase"], r["kind"], r["strength"], r["conditions"], r["territory"],
               bool(r["non_provocation"]))
        g = groups.setdefault(key, {"obligors": set(), "beneficiaries": set(),
                                    "from": r["valid_from"], "to": r["valid_to"],
                                    "open": False})
        g["obligors"].add(r["obligor"])
        g["beneficiaries"].add(r["beneficiary"])
        g["from"] = min(g["from"], r["valid_from"])
        if r["valid_to"] is None:
            g["open"] = True
        elif g["to"] is not None:
            g["to"] = max(g["to"], r["valid_to"])
    states = session.states
    out = []
    for (phase, kind, strength, cond_text, territory, non_prov), g in groups.items():
        cond = json.loads(cond_text) if cond_text else {}
        conditions = {
            "adversaries": [states.by_code(a).to_json() for a in cond.get("adversaries", [])],
            "territory": territory, "non_provocation": non_prov, "war": cond.get("war"),
            "other": cond.get("other"),
        }
        flags = [k.replace("_", " ") for k in ("adversary_type", "number_of_adversaries",
                                                "demands", "ally_attacked", "on_request")
                 if cond.get(k)]
        symmetric = g["obligors"] == g["beneficiaries"] and len(g["obligors"]) > 1
        out.append({
            "kind": kind, "strength": strength, "article": None, "quote": None,
            "among": "parties" if symmetric else None,
            "obligors": [states.by_code(c).to_json() for c in sorted(g["obligors"])],
            "beneficiaries": [states.by_code(c).to_json() for c in sorted(g["beneficiaries"])],
            "legal_force": "treaty", "conditions": conditions,
            "from": iso(g["from"]), "to": None if g["open"] else iso(g["to"]),
            "phase": phase,
            "note": ("ATOP's coding" + (f"; conditional on: {', '.join(flags)}" if flags else "")
                     + (f" (phase {phase})" if phase else "")),
            "aim": "support", "dormant": False,
        })
    return out


def atop_instrument(session: Session, atopid: int,
                    covered_by: list[str] | None = None) -> dict[str, Any]:
    """Everything ATOP codes about one alliance, in the JSON contract's instrument shape."""
    store = session.store
    if not atop_reads.atop_imported(store):
        raise NotFoundError(_NOT_IMPORTED)
    rows = atop_reads.atop_alliance_rows(store, atopid)
    if not rows:
        raise NotFoundError(f"ATOP 5.1 has no alliance {atopid}")
    a = rows[0]
    name = _name(atopid)
    out = _summary(a)
    _, sp = _begin(a["begyr"], a["begmo"], a["begday"])
    _, ep = _end(a["endyr"], a["endmo"], a["endday"])
    out["members"] = _members(session, atopid)
    out["obligations"] = _obligations(session, atopid)
    out["suspensions"] = []
    sources = [{"url": ATOP_CODESHEET_URL,
                "title": f"ATOP 5.1 codesheet for alliance {atopid} (Leeds et al.)",
                "note": "ATOP's coding of this alliance; the codesheet cites the treaty text"}]
    if name and name.name_kind == "title" and name.source_url != ATOP_CODESHEET_URL:
        sources.append({"url": name.source_url, "title": name.source_title,
                        "note": "source of the name"})
    out["sources"] = sources
    out["atop_ids"] = [atopid]
    out["notes"] = ATOP_NOTE + (f" Name: {name.note}" if name and name.note else "")
    out["precision"] = {"signed": sp, "in_force": sp, "terminated": ep}
    out["atop_readings"] = []
    out["phases"] = _phases(session, atopid)
    out["atop"] = {
        "atopid": atopid, "version": str(a["version"]), "codesheet": ATOP_CODESHEET_URL,
        "date_basis": "signature", "in_effect_2018": bool(a["ineffect"]),
        "known_until": iso(ATOP_KNOWN_UNTIL) if a["ineffect"] else None,
        "bilateral": bool(a["bilat"]),
        "secrecy": {0: "public", 1: "secret articles", 2: "entirely secret"}.get(a["pubsecr"]),
        "asymmetric": bool(a["asymm"]), "covered_by": covered_by or [],
    }
    out["name_source"] = name.to_json() if name else None
    return out
