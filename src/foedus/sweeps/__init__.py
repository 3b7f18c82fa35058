"""Sweeps: every attacker against every target, on a day or every year.

One scenario answers one "what if"; a sweep answers systemic questions (who is drawn into the
most wars, which patron carries the most chain-ganging exposure, how that map changed since
1816) by running every ordered (attacker, target) pair through the same rules
(:mod:`foedus.sweeps.kernel`). ``plan`` cuts the work into (date, block of attackers)
partitions, ``runners`` runs them (in process, local processes, Dask), ``summary`` computes the
systemic indices, ``yearly`` the yearly dataset and its dyad-year verbs. See docs/sweeps.md.
"""

from foedus.sweeps.api import SweepResult, sweep
from foedus.sweeps.kernel import SCHEMA, run_block
from foedus.sweeps.plan import YEAR_DAY, Partition, plan, year_day
from foedus.sweeps.summary import indices
from foedus.sweeps.yearly import add_expected_defenders, add_expected_war_size

__all__ = ["SCHEMA", "YEAR_DAY", "Partition", "SweepResult", "add_expected_defenders",
           "add_expected_war_size", "indices", "plan", "run_block", "sweep", "year_day"]
