"""Casus foederis as pure functions over a :class:`~foedus.graph.CommitmentGraph`."""

from foedus.rules.casus import Engagement, Hit, engaged, engaged_all, fires
from foedus.rules.categories import CATEGORIES, CLASHES, category_of

__all__ = ["CATEGORIES", "CLASHES", "Engagement", "Hit", "category_of", "engaged",
           "engaged_all", "fires"]
