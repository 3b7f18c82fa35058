"""Scenario models: how likely a triggered commitment is honoured, and who else joins a war.

``credibility`` gives p(honour) for a triggered commitment, ``joining`` p(join a side) for a
state with no triggered commitment, ``features`` the per-pair inputs both read from the
imported datasets. Weights come from ``model_params.json`` (written by
``scripts/fit_credibility.py``) and can be overridden. See ``docs/credibility.md``.
"""

from foedus.scenario.credibility import CredibilityModel
from foedus.scenario.features import FeatureBuilder, PairFeatures, pair_features
from foedus.scenario.joining import JoiningModel

__all__ = ["CredibilityModel", "FeatureBuilder", "JoiningModel", "PairFeatures", "pair_features"]
