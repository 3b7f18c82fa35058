"""Instruments, memberships, obligations and the vocabulary that types them.

Why: an instrument (treaty, memorandum, declaration, proposal) is what sources describe; a
commitment (see :mod:`foedus.model.commitments`) is what users ask about. The instrument keeps
everything a source says — who is in it, from when, with which role, what each owes and under
which conditions — so that commitments can be derived, and re-derived for edited architectures.
These are plain frozen objects with no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from foedus.model.dates import FuzzyDate, Period

if TYPE_CHECKING:
    from foedus.model.statuses import Status

__all__ = [
    "Kind",
    "Strength",
    "LegalForce",
    "Role",
    "InstrumentType",
    "Source",
    "Conditions",
    "Membership",
    "Obligation",
    "Suspension",
    "Instrument",
]


class Kind(StrEnum):
    """What an obligation asks of the obligor."""

    DEFENSE = "defense"
    OFFENSE = "offense"
    NEUTRALITY = "neutrality"
    NONAGGRESSION = "nonaggression"
    CONSULTATION = "consultation"
    GUARANTEE = "guarantee"
    ASSURANCE = "assurance"
    MILITARY_AID = "military_aid"


class Strength(StrEnum):
    """How firmly: automatic assistance > "such action as it deems necessary" > consult."""

    AUTOMATIC = "automatic"
    DISCRETIONARY = "discretionary"
    CONSULTATIVE = "consultative"


class LegalForce(StrEnum):
    """What kind of promise it is in law.

    A proposal (a draft no state has signed as agreed) and a signed treaty awaiting
    ratification (``signed``) never count as in force: :attr:`never_in_force`.
    """

    TREATY = "treaty"
    EXECUTIVE_AGREEMENT = "executive_agreement"
    POLITICAL = "political"
    UNILATERAL = "unilateral"
    PROPOSAL = "proposal"
    SIGNED = "signed"

    @property
    def never_in_force(self) -> bool:
        """True for a proposal or a signed treaty not in force: it creates nothing in force."""
        return self in (LegalForce.PROPOSAL, LegalForce.SIGNED)


class Role(StrEnum):
    """A member's place in an instrument."""

    PARTY = "party"
    GUARANTOR = "guarantor"
    BENEFICIARY = "beneficiary"
    SIGNATORY = "signatory"  # signed, never bound (no ratification)
    OBSERVER = "observer"


class InstrumentType(StrEnum):
    """The typology of instruments (docs/rules.md §3)."""

    ALLIANCE = "alliance"
    GUARANTEE = "guarantee"
    ASSURANCE = "assurance"
    NEUTRALITY = "neutrality"
    NONAGGRESSION = "nonaggression"
    FRIENDSHIP = "friendship"
    INSTITUTION = "institution"
    FORUM = "forum"
    DECLARATION = "declaration"
    AGREEMENT = "agreement"
    PROPOSAL = "proposal"


@dataclass(frozen=True)
class Source:
    """Where a fact comes from: a treaty text or a reputable page."""

    url: str
    title: str = ""
    note: str = ""


@dataclass(frozen=True)
class Conditions:
    """When an obligation applies (the casus foederis), following ATOP's condition codes.

    ``adversaries`` are COW codes of named states the obligation is directed against
    (ATOP ``defcoadv``/``statthr``); ``territory`` a description of the covered area
    (ATOP ``defcoloc``, e.g. North Atlantic Treaty Art. 6); ``non_provocation`` that it does
    not apply when the beneficiary provoked the war (``defconpr``); ``war`` a specific ongoing
    war (``defcocon``); ``other`` free text for anything else.

    ``covers`` is the clause's *object* (TOML key ``object``): the COW codes of the states
    whose violation engages it — the Laos declaration's consultation engages only for a
    violation of Laos, a guarantee of a neutral's status only for that neutral. It is
    distinct from the beneficiaries (to whom the promise is owed): a commitment owed to a
    state outside its object never fires on an attack on that state (docs/rules.md §4).
    ``object_scope`` says, in words, what of the object is covered (its neutrality, a zone).
    """

    adversaries: tuple[int, ...] = ()
    territory: str = ""
    non_provocation: bool = False
    war: str = ""
    other: str = ""
    covers: tuple[int, ...] = ()
    object_scope: str = ""

    @property
    def unconditional(self) -> bool:
        return not (self.adversaries or self.territory or self.non_provocation or self.war
                    or self.other or self.covers)

    def to_json(self) -> dict[str, object]:
        return {
            "adversaries": list(self.adversaries),
            "territory": self.territory or None,
            "non_provocation": self.non_provocation,
            "war": self.war or None,
            "other": self.other or None,
            "object": list(self.covers),
            "object_scope": self.object_scope or None,
        }


@dataclass(frozen=True)
class Membership:
    """A state's membership spell in an instrument; ``period.end`` is the first day out."""

    ccode: int
    role: Role
    period: Period
    start: FuzzyDate | None = None
    note: str = ""
    source: str = ""
    line: int | None = None  # where it was written, for error messages
    end: FuzzyDate | None = None  # as written, with its precision
    via: str = ""  # through an organisation (``"EU"``): derived from its membership
    pre_system: bool = False  # outside the state system then, written explicitly


@dataclass(frozen=True)
class Obligation:
    """What some members owe others under an instrument.

    ``among_parties`` makes it mutual: every party to every other party. Otherwise
    ``obligors`` and ``beneficiaries`` are role names (``"guarantor"``) or COW codes.
    ``legal_force`` overrides the instrument's (e.g. a political annex to a treaty).
    ``aim`` is ``"support"`` (the default: aid, defence, a guarantee) or ``"restraint"`` (a
    promise to refrain, e.g. not to deploy nuclear weapons on new members' territory), which
    is never support. ``dormant`` marks a formal-only promise that no party treats as
    operative (say why in ``note``).
    """

    kind: Kind
    strength: Strength
    article: str
    among_parties: bool = False
    obligors: tuple[str | int, ...] = ()
    beneficiaries: tuple[str | int, ...] = ()
    conditions: Conditions = field(default_factory=Conditions)
    quote: str = ""
    legal_force: LegalForce | None = None
    period: Period | None = None
    note: str = ""
    line: int | None = None
    aim: str = "support"
    dormant: bool = False


@dataclass(frozen=True)
class Suspension:
    """A suspension of obligations, directed: those owed by ``obligor`` to ``beneficiary``.

    Either side may be ``None`` (any). ``formal=False`` records a declared political freeze
    with no formal act, which does not end any obligation (docs/rules.md §2 rule 5).
    """

    period: Period
    obligor: int | None = None
    beneficiary: int | None = None
    formal: bool = True
    note: str = ""
    source: str = ""
    line: int | None = None

    def applies(self, obligor: int, beneficiary: int) -> bool:
        return (self.formal and (self.obligor is None or self.obligor == obligor)
                and (self.beneficiary is None or self.beneficiary == beneficiary))


@dataclass(frozen=True)
class Instrument:
    """A treaty, agreement, memorandum, declaration or proposal, with all it says."""

    id: str
    name: str
    short: str
    type: InstrumentType
    legal_force: LegalForce
    signed: FuzzyDate | None
    in_force: FuzzyDate | None
    terminated: FuzzyDate | None
    sources: tuple[Source, ...]
    members: tuple[Membership, ...] = ()
    obligations: tuple[Obligation, ...] = ()
    suspensions: tuple[Suspension, ...] = ()
    forum: bool = False
    atop_ids: tuple[int, ...] = ()
    notes: str = ""
    file: str = ""
    statuses: tuple[Status, ...] = ()

    @property
    def period(self) -> Period | None:
        """When the instrument is in force; ``None`` if it never was (a proposal, a signed
        treaty awaiting ratification)."""
        if self.legal_force.never_in_force or self.in_force is None:
            return None
        end = self.terminated.day if self.terminated else None
        return Period(self.in_force.day, end)
