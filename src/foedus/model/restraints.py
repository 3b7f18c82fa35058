"""Force limits and the life of restraint instruments: limits, verification, dated events.

Why a model of its own: an arms-control or demilitarisation instrument is a promise to
*refrain* (restraint by definition), owed to the parties whose security it serves, and what a
reader asks of it is concrete: what is limited, where, to how many, how it is verified, and
what became of it — suspended, withdrawn from after the notice period, found violated by a
party or an organ, expired. The legal effect of a withdrawal, expiry or suspension is written
where every other instrument writes it (a membership's ``to``, ``terminated``,
``[[suspension]]``); a :class:`LifeEvent` is the dated, sourced account of it, with who acted,
so an answer can say "withdrawn by the United States, effective 2019-08-02 (notice
2019-02-02)". These are plain frozen objects with no I/O (``docs/registry-format.md``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

__all__ = ["RESTRAINT_KINDS", "EventType", "Limit", "LifeEvent", "LAPSING"]

# obligation kinds that are restraint by definition (their aim is always "restraint")
RESTRAINT_KINDS = ("force_limit", "inspection")


class EventType(StrEnum):
    """What happened to an instrument (or to one party's part in it) on a day.

    * ``notice``: notice of withdrawal or denunciation given (takes effect later);
    * ``withdrawal``: a withdrawal takes effect (the notice period ended);
    * ``suspension``: a party suspends its obligations (formal act), or, with
      ``formal = false``, announces that it will (a political statement);
    * ``resumption``: a suspension ends;
    * ``violation``: a party or an organ finds a party in violation (``found_by``);
    * ``abrogation``: a unilateral repudiation the instrument does not provide for (rule 8);
    * ``expiry``: the instrument's own term ends;
    * ``termination``: ended by agreement or replaced by a later instrument;
    * ``extension``: its term is extended.
    """

    NOTICE = "notice"
    WITHDRAWAL = "withdrawal"
    SUSPENSION = "suspension"
    RESUMPTION = "resumption"
    VIOLATION = "violation"
    ABROGATION = "abrogation"
    EXPIRY = "expiry"
    TERMINATION = "termination"
    EXTENSION = "extension"


# the events that end or interrupt a party's restraint (the others are informational)
LAPSING = (EventType.WITHDRAWAL, EventType.SUSPENSION, EventType.ABROGATION,
           EventType.EXPIRY, EventType.TERMINATION)


@dataclass(frozen=True)
class Limit:
    """One limit of a force-limit obligation: what, where, how many.

    ``ceiling`` is the number allowed (0: a ban; ``None``: a limit without a number, e.g. "no
    substantial combat forces"); ``unit`` says what the number counts (per party, per group,
    aggregate). ``zone`` describes where it applies; ``zone_states`` are the COW codes of the
    states whose territory the zone covers (wholly or partly), which is what lets an answer
    say whose defence a zonal limit constrains and from where a limited force can no longer
    project power. ``limited`` are the COW codes of the states whose forces it limits (empty:
    the obligation's obligors).
    """

    what: str
    zone: str = ""
    ceiling: float | None = None
    unit: str = ""
    zone_states: tuple[int, ...] = ()
    limited: tuple[int, ...] = ()
    note: str = ""

    def text(self) -> str:
        """The limit in words: ``"battle tanks: at most 20000 per group in the ATTU zone"``."""
        if self.ceiling == 0:
            amount = f"banned{f' ({self.unit})' if self.unit else ''}"
        elif self.ceiling is not None:
            n = int(self.ceiling) if float(self.ceiling).is_integer() else self.ceiling
            amount = f"at most {n}" + (f" {self.unit}" if self.unit else "")
        else:
            amount = f"limited{f' ({self.unit})' if self.unit else ''}"
        plain = self.zone.startswith(("everywhere", "each ", "the whole"))
        where = (f" ({self.zone})" if plain else f" in {self.zone}") if self.zone else ""
        return f"{self.what}: {amount}{where}"

    def to_json(self) -> dict[str, object]:
        return {"what": self.what, "zone": self.zone or None, "ceiling": self.ceiling,
                "unit": self.unit or None, "zone_states": list(self.zone_states),
                "limited": list(self.limited), "note": self.note or None, "text": self.text()}


@dataclass(frozen=True)
class LifeEvent:
    """A dated event in an instrument's life, with who acted and who found it.

    ``states`` are the COW codes of the states that acted (withdrew, suspended, violated,
    gave notice); empty for the instrument as a whole (expiry). ``found_by`` names who found a
    violation: COW codes of states, or the name of an organ (``"UN Security Council"``,
    ``"Joint Consultative Group"``). ``effective`` is when a notice takes effect;
    ``formal=False`` marks a political announcement with no legal effect of its own.
    """

    on: dt.date
    type: EventType
    states: tuple[int, ...] = ()
    found_by: tuple[str | int, ...] = ()
    formal: bool = True
    effective: dt.date | None = None
    note: str = ""
    source: str = ""
    line: int | None = None
