"""The rules as pure functions over a :class:`~foedus.graph.CommitmentGraph`.

:mod:`~foedus.rules.casus` (who an attack engages), :mod:`~foedus.rules.conflicts` (the one
conflict-of-obligations test), :mod:`~foedus.rules.war` (how a war spreads, round by round) and
:mod:`~foedus.rules.trigger` (the adversary condition all three ask).
"""

from foedus.model.categories import CATEGORIES, category_of
from foedus.rules.casus import Engagement, Hit, engaged, engaged_all
from foedus.rules.conflicts import CLASHES, clashes
from foedus.rules.trigger import fires

__all__ = ["CATEGORIES", "CLASHES", "Engagement", "Hit", "category_of", "clashes", "engaged",
           "engaged_all", "fires"]
