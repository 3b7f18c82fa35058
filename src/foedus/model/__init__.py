"""The domain model: plain typed objects with no I/O (states, dates, instruments, commitments)."""

from foedus.model.commitments import Commitment, commitments_from_instrument
from foedus.model.dates import FuzzyDate, Period, Precision, parse_date
from foedus.model.instruments import (
    Conditions,
    Instrument,
    InstrumentType,
    Kind,
    LegalForce,
    Membership,
    Obligation,
    Role,
    Source,
    Strength,
    Suspension,
)
from foedus.model.states import State, StateSystem

__all__ = [
    "Commitment",
    "Conditions",
    "FuzzyDate",
    "Instrument",
    "InstrumentType",
    "Kind",
    "LegalForce",
    "Membership",
    "Obligation",
    "Period",
    "Precision",
    "Role",
    "Source",
    "State",
    "StateSystem",
    "Strength",
    "Suspension",
    "commitments_from_instrument",
    "parse_date",
]
