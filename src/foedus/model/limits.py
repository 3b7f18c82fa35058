"""The limits every face shares: the range of days foedus answers for, and the size of a
simulation it will start.

Why here (a value module at the bottom): the command line and the web API must refuse the same
questions with the same words. Before, the CLI answered for 2300-01-01 while the API refused
after 2036, and ``--draws 100000000`` reached NumPy, which tried to allocate 36 GiB. The
engine checks these limits itself (``query.common.as_date``, ``PreparedScenario.run``,
``sweeps.sweep``, the guarantor finder), so every face inherits them.

* Days: from :data:`FIRST_DAY` (1815-01-01, where the registry begins) to :func:`last_day`,
  the 31 December ten years after today's year (treaties already signed for the coming
  decade, nothing further).
* Draws: at most :data:`MAX_DRAWS` Monte Carlo draws per question, and never a simulation
  whose arrays are estimated above :data:`MEMORY_BUDGET` bytes (the estimate is stated in the
  refusal, before anything is allocated).
* Pairs: a sweep asks at most :data:`MAX_PAIR_DAYS` (attacker, target, day) questions.
* Seeds: from 0 to :data:`MAX_SEED` (NumPy refuses a negative seed with a traceback; the web
  API's form already stopped at 2**32 - 1, so the same seed gives the same answer on both).
"""

from __future__ import annotations

import datetime as dt
from typing import Final

from foedus.errors import InvalidInputError
from foedus.model.schema import FIRST_DAY

__all__ = ["FIRST_DAY", "last_day", "day_range_text", "check_day", "MAX_DRAWS",
           "MEMORY_BUDGET", "MAX_PAIR_DAYS", "MAX_SEED", "check_draws", "check_pairs",
           "check_seed", "gib"]

MAX_DRAWS: Final[int] = 100_000
MEMORY_BUDGET: Final[int] = 2 << 30  # 2 GiB
MAX_PAIR_DAYS: Final[int] = 10_000_000
MAX_SEED: Final[int] = 2**32 - 1


def last_day(today: dt.date | None = None) -> dt.date:
    """The last day foedus answers for: 31 December of the tenth year after ``today``'s."""
    return dt.date((today or dt.date.today()).year + 10, 12, 31)


def day_range_text() -> str:
    return f"{FIRST_DAY.isoformat()} to {last_day().isoformat()}"


def check_day(day: dt.date, what: str = "date") -> dt.date:
    """``day`` when inside the range; an :class:`InvalidInputError` naming the range else."""
    if day < FIRST_DAY:
        raise InvalidInputError(f"bad {what}: {day} is before 1815, where foedus's records "
                                f"begin (days run {day_range_text()})")
    if day > last_day():
        raise InvalidInputError(f"bad {what}: {day} is after {last_day()}, the last day "
                                f"foedus answers for (days run {day_range_text()})")
    return day


def gib(n: float) -> str:
    return f"{n / (1 << 30):.1f} GiB" if n >= 1 << 30 else f"{n / (1 << 20):.0f} MiB"


def check_draws(draws: int, bytes_per_draw: int, what: str = "draws") -> int:
    """``draws`` when at most :data:`MAX_DRAWS` and the estimated memory of the simulation
    (``draws × bytes_per_draw``) fits :data:`MEMORY_BUDGET`; refused before allocating."""
    draws = int(draws)
    if draws < 0:
        raise InvalidInputError(f"{what} must be >= 0, not {draws}")
    if draws > MAX_DRAWS:
        raise InvalidInputError(f"{what} {draws:,} is over the limit of {MAX_DRAWS:,} "
                                f"(it would need about {gib(draws * bytes_per_draw)})")
    need = draws * bytes_per_draw
    if need > MEMORY_BUDGET:
        most = MEMORY_BUDGET // max(bytes_per_draw, 1)
        raise InvalidInputError(f"{what} {draws:,} would need about {gib(need)} of memory "
                                f"(limit {gib(MEMORY_BUDGET)}); give at most {most:,}")
    return draws


def check_pairs(pair_days: int) -> int:
    """A sweep of ``pair_days`` (attacker, target, day) questions, when under the cap."""
    if pair_days > MAX_PAIR_DAYS:
        raise InvalidInputError(f"{pair_days:,} (attacker, target, day) questions is over the "
                                f"limit of {MAX_PAIR_DAYS:,}; sweep fewer years or pairs")
    return pair_days


def check_seed(seed: int | None, what: str = "seed") -> int | None:
    """``seed`` when None or from 0 to :data:`MAX_SEED`; an :class:`InvalidInputError`
    else."""
    if seed is None:
        return None
    if not 0 <= seed <= MAX_SEED:
        raise InvalidInputError(f"{what} {seed}: give a whole number from 0 to {MAX_SEED:,}")
    return int(seed)
