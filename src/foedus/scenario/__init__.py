"""Scenarios: what a hypothetical attack would trigger, how the war spreads, how far each
promise can be trusted.

The engine (``spec``, ``overlay``, ``cascade``, ``engine``, ``answer``) reads a scenario, lays
its edits on the day's commitment graph, resolves it round by round and runs the Monte Carlo;
the rules are in :mod:`foedus.scenario.cascade` and ``docs/scenarios.md``.

The models: ``credibility`` gives p(honour) for a triggered commitment, ``joining`` p(join a
side) for a state with no triggered commitment, ``features`` the per-pair inputs both read
from the imported datasets. Weights come from ``model_params.json`` (written by
``scripts/fit_credibility.py``) and can be overridden. See ``docs/credibility.md``.
``adapters`` plugs them into the engine; ``priors`` holds the interfaces and the base-rate
fallback.

>>> import foedus
>>> s = foedus.open()                                                     # doctest: +SKIP
>>> ans = s.scenario({"date": "2025-06-01",
...                   "attacks": [{"attacker": "RUS", "target": "EST"}]}).run(
...     draws=10_000, seed=7)                                             # doctest: +SKIP
"""

from foedus.scenario.answer import ScenarioAnswer
from foedus.scenario.credibility import CredibilityModel
from foedus.scenario.engine import PreparedScenario, default_models, prepare, run_scenario
from foedus.scenario.features import FeatureBuilder, PairFeatures, pair_features
from foedus.scenario.joining import JoiningModel
from foedus.scenario.priors import BaseRates, Credibility, Joining, NoJoining
from foedus.scenario.spec import Attack, Edit, Scenario, load_scenario, parse_scenario

__all__ = ["Attack", "BaseRates", "Credibility", "CredibilityModel", "Edit", "FeatureBuilder",
           "Joining", "JoiningModel", "NoJoining", "PairFeatures", "PreparedScenario",
           "Scenario", "ScenarioAnswer", "default_models", "load_scenario", "pair_features",
           "parse_scenario", "prepare", "run_scenario"]
