"""Scenarios: what a hypothetical attack would trigger, how the war spreads, how far each
promise can be trusted.

>>> import foedus
>>> s = foedus.open()                                                     # doctest: +SKIP
>>> ans = s.scenario({"date": "2025-06-01",
...                   "attacks": [{"attacker": "RUS", "target": "EST"}]}).run(
...     draws=10_000, seed=7)                                             # doctest: +SKIP

The rules are in :mod:`foedus.scenario.cascade` and ``docs/scenarios.md``.
"""

from foedus.scenario.answer import ScenarioAnswer
from foedus.scenario.engine import PreparedScenario, default_models, prepare, run_scenario
from foedus.scenario.priors import BaseRates, Credibility, Joining, NoJoining
from foedus.scenario.spec import Attack, Edit, Scenario, load_scenario, parse_scenario

__all__ = ["Attack", "BaseRates", "Credibility", "Edit", "Joining", "NoJoining",
           "PreparedScenario", "Scenario", "ScenarioAnswer", "default_models",
           "load_scenario", "parse_scenario", "prepare", "run_scenario"]
