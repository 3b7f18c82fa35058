"""Answers: commitments, defenders, instruments, instrument, forums, diff.

Why: this is the one obvious place for "who must defend X?". Each function takes an open
:class:`~foedus.session.Session`, resolves the user's state names and date, reads the day's
:class:`~foedus.graph.CommitmentGraph` (or the store, for instruments and forums), applies
the rules (:mod:`foedus.rules`) and returns a typed answer that knows its JSON shape (the
stable contract in the README). The CLI and the web only display these answers.
"""

from foedus.query.answers import (
    CommitmentEntry,
    CommitmentsAnswer,
    DefendersAnswer,
    DiffAnswer,
    ForumsAnswer,
    InstrumentAnswer,
    InstrumentsAnswer,
)
from foedus.query.commitments import commitments
from foedus.query.common import as_date
from foedus.query.defenders import defenders
from foedus.query.diff import diff
from foedus.query.forums import forums
from foedus.query.instruments import instrument, instruments

__all__ = [
    "CommitmentEntry",
    "CommitmentsAnswer",
    "DefendersAnswer",
    "DiffAnswer",
    "ForumsAnswer",
    "InstrumentAnswer",
    "InstrumentsAnswer",
    "as_date",
    "commitments",
    "defenders",
    "diff",
    "forums",
    "instrument",
    "instruments",
]
