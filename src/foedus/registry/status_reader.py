"""Read and validate the ``[[status]]`` tables of an instrument file.

Why a module of its own: a status (a state's own permanent neutrality, non-bloc status,
demilitarisation, non-nuclear status) is checked by rules of its own — who holds it, from
when, who guarantees or recognises it — and every problem is reported with file, line and
field like the rest of the loader (:mod:`foedus.registry.loader`), whose reader it uses.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from foedus.model.dates import FuzzyDate, Period
from foedus.model.instruments import LegalForce, Membership, Role
from foedus.model.statuses import Status, StatusKind

if TYPE_CHECKING:
    from foedus.registry.loader import _FileReader

__all__ = ["STATUS_KEYS", "read_statuses"]

STATUS_KEYS = {"state", "status", "from", "to", "guarantors", "recognised_by", "legal_force",
               "article", "quote", "note", "source", "dormant", "pre_system"}
_T = "status"


def _side(r: _FileReader, raw: Any, members: list[Membership], i: int,
          key: str) -> tuple[str | int, ...]:
    """Role names of the instrument or member states; [] is allowed (nobody)."""
    if raw is None:
        return ()
    if not isinstance(raw, list):
        r.problem(f"{key} must be a list of roles or states", _T, i, key)
        return ()
    out: list[str | int] = []
    for item in raw:
        if isinstance(item, str) and item in {x.value for x in Role}:
            if not any(m.role == Role(item) for m in members):
                r.problem(f"no member has role {item!r}", _T, i, key)
            out.append(item)
            continue
        code = r.state(item, _T, i, key)
        if code is None:
            continue
        if not any(m.ccode == code for m in members):
            r.problem(f"{r.states.by_code(code)} is not a member of this instrument: add a "
                      "[[member]] for it (role guarantor, party, ...)", _T, i, key)
            continue
        out.append(code)
    return tuple(out)


def read_statuses(r: _FileReader, raw: list[dict[str, Any]], members: list[Membership],
                  start: FuzzyDate | None, end: FuzzyDate | None,
                  force: LegalForce | None) -> list[Status]:
    """Every ``[[status]]`` of the file, validated; problems go to the reader."""
    out: list[Status] = []
    for i, s in enumerate(raw):
        r.unknown_keys(s, STATUS_KEYS, _T, i)
        code = r.state(s.get("state"), _T, i, "state")
        if "status" not in s:
            r.problem("missing required key 'status'", _T, i, "status")
            kind = None
        else:
            kind = r.enum(StatusKind, s.get("status"), _T, i, "status")
        article = str(s.get("article", "")).strip()
        if not article:
            r.problem("missing article: every status names the article, section or "
                      "paragraph that sets it", _T, i, "article")
        own_force = (r.enum(LegalForce, s["legal_force"], _T, i, "legal_force")
                     if "legal_force" in s else None)
        frm = r.date(s.get("from"), _T, i, "from") or start
        to = r.date(s.get("to"), _T, i, "to") or end
        source = str(s.get("source", "")).strip()
        if source and not re.match(r"^https?://\S+$", source):
            r.problem("source is not an http(s) URL", _T, i, "source")
        for flag in ("dormant", "pre_system"):
            if flag in s and not isinstance(s[flag], bool):
                r.problem(f"{flag} must be true or false", _T, i, flag)
        guarantors = _side(r, s.get("guarantors"), members, i, "guarantors")
        recognised = _side(r, s.get("recognised_by"), members, i, "recognised_by")
        if code is None or kind is None:
            continue
        if frm is None:
            r.problem("status has no start: give `from` or the instrument's in_force",
                      _T, i, "from")
            continue
        if to is not None and to.day <= frm.day:
            r.problem(f"status ends ({to}) on or before it starts ({frm})", _T, i, "to")
            continue
        if force is None or not force.never_in_force:
            if start is not None and frm.day < start.day:
                r.problem(f"status starts {frm}, before the instrument is in force ({start})",
                          _T, i, "from")
            if end is not None and to is not None and to.day > end.day:
                r.problem(f"status ends {to}, after the instrument ended ({end})", _T, i, "to")
        pre_system = s.get("pre_system") is True
        state = r.states.by_code(code)
        if not pre_system and not state.member_on(frm.day):
            spells = ", ".join(str(p) for p in state.spells) or "none"
            r.problem(f"{state} is not a member of the state system on {frm} (spells: "
                      f"{spells}); write pre_system = true if the status was set before it "
                      "entered the system", _T, i, "from" if "from" in s else "state")
        if pre_system and state.member_on(frm.day):
            r.problem(f"pre_system = true, but {state} is a member of the state system on "
                      f"{frm}: remove it", _T, i, "pre_system")
        out.append(Status(
            ccode=code, status=kind, period=Period(frm.day, to.day if to else None),
            start=frm, end=to, guarantors=guarantors, recognised_by=recognised,
            legal_force=own_force, article=article, quote=str(s.get("quote", "")),
            note=str(s.get("note", "")), source=source, dormant=s.get("dormant") is True,
            pre_system=pre_system, line=r.loc.line(_T, i)))
    return out
