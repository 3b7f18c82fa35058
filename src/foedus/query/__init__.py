"""Answers: commitments, defenders, instruments, instrument, forums, diff.

Why: this is the one obvious place for "who must defend X?". Each function takes an open
:class:`~foedus.session.Session`, resolves the user's state names and date, reads the day's
:class:`~foedus.graph.CommitmentGraph` (or the store, for instruments and forums), applies
the rules (:mod:`foedus.rules`) and returns a typed answer that knows its JSON shape (the
stable contract in the README). The CLI and the web only display these answers.
"""

from typing import TYPE_CHECKING

from foedus.lazy import lazy_exports

if TYPE_CHECKING:
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

#: where each name lives: imported on first use, so that asking one question (a fresh CLI
#: process) does not import the modules of every other
_LAZY = {"CommitmentEntry": "answers", "CommitmentsAnswer": "answers",
         "DefendersAnswer": "answers", "DiffAnswer": "answers", "ForumsAnswer": "answers",
         "InstrumentAnswer": "answers", "InstrumentsAnswer": "answers",
         "commitments": "commitments", "as_date": "common", "defenders": "defenders",
         "diff": "diff", "forums": "forums", "instrument": "instruments",
         "instruments": "instruments"}

__getattr__, __dir__ = lazy_exports(__name__, {name: f"foedus.query.{module}"
                                               for name, module in _LAZY.items()})


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
