"""A state's own legal status: permanent neutrality, neutrality, military non-alignment,
demilitarisation, non-nuclear status.

Why a record of its own: a status is not a promise owed by one state to another (the
commitments of :mod:`foedus.model.commitments`) but a property of one state, set by a treaty,
a constitution, a law or a resolution, and often guaranteed or recognised by other states. A
question such as "was Austria permanently neutral on 1 January 1960?" or "did the attacker
guarantee the neutrality it violates?" needs it as such. A status is written as a
``[[status]]`` table in the instrument that sets it (``docs/registry-format.md``).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from foedus.model.dates import FuzzyDate, Period
from foedus.model.instruments import LegalForce

__all__ = ["StatusKind", "Status"]


class StatusKind(StrEnum):
    """The kinds of status a state can hold.

    * ``permanent_neutrality``: neutral in every war, in peace bound to join no alliance
      (Switzerland, Austria, Turkmenistan);
    * ``neutrality``: a declared neutrality without the permanent, treaty-set character;
    * ``military_nonalignment``: joins no military bloc or alliance (Ukraine 2010-2014's
      non-bloc status, Serbia 2007, Ireland's military neutrality);
    * ``demilitarisation``: no fortifications or armed forces on a territory (Åland);
    * ``non_nuclear``: has, makes and hosts no nuclear weapons (NPT non-nuclear-weapon
      state, Mongolia's nuclear-weapon-free status).
    """

    PERMANENT_NEUTRALITY = "permanent_neutrality"
    NEUTRALITY = "neutrality"
    MILITARY_NONALIGNMENT = "military_nonalignment"
    DEMILITARISATION = "demilitarisation"
    NON_NUCLEAR = "non_nuclear"


@dataclass(frozen=True)
class Status:
    """One status of one state, as an instrument sets it, with who guarantees or recognises it.

    ``guarantors`` and ``recognised_by`` are role names of the instrument (``"guarantor"``)
    or COW codes, resolved to states on a day from the instrument's memberships. ``legal_force``
    overrides the instrument's (a status set by a constitution within a political document).
    ``pre_system``: the state was outside the state system when the status was set
    (Luxembourg 1867), accepted only when written explicitly.
    """

    ccode: int
    status: StatusKind
    period: Period
    start: FuzzyDate
    end: FuzzyDate | None = None
    guarantors: tuple[str | int, ...] = ()
    recognised_by: tuple[str | int, ...] = ()
    legal_force: LegalForce | None = None
    article: str = ""
    quote: str = ""
    note: str = ""
    source: str = ""
    dormant: bool = False
    pre_system: bool = False
    line: int | None = None
