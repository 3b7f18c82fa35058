"""The domain model: plain typed objects with no I/O (states, dates, instruments, commitments).

The names below are imported on first use (a lazy map), so that importing one small module of
the model (``foedus.model.schema`` for the command line's choices) does not load the others.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from foedus.lazy import lazy_exports

if TYPE_CHECKING:
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

#: public name -> the module that defines it
_LAZY: dict[str, str] = {
    "Commitment": "foedus.model.commitments",
    "commitments_from_instrument": "foedus.model.commitments",
    "FuzzyDate": "foedus.model.dates",
    "Period": "foedus.model.dates",
    "Precision": "foedus.model.dates",
    "parse_date": "foedus.model.dates",
    **{name: "foedus.model.instruments" for name in (
        "Conditions", "Instrument", "InstrumentType", "Kind", "LegalForce", "Membership",
        "Obligation", "Role", "Source", "Strength", "Suspension")},
    "State": "foedus.model.states",
    "StateSystem": "foedus.model.states",
}

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

__getattr__, __dir__ = lazy_exports(__name__, _LAZY)
