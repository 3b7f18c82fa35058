"""The per-day answer tables give exactly the engine's ``defenders`` answer, byte for byte.

Every ordered pair among a sample of states (including states with legal statuses, pairs
with conflicts of obligation and pairs where the attacker owes the target a promise) on days
of peace and war, with ATOP imported: the table's bytes parse to the engine's JSON, and equal
the bytes the web API renders for it.
"""

from __future__ import annotations

import datetime as dt
from itertools import permutations
from pathlib import Path
from typing import Any

import pytest

from foedus.query.answer_tables import DefendersDay, dumps

STATES = {
    dt.date(1914, 8, 3): ["BEL", "GMY", "FRN", "UKG", "RUS", "AUH", "ITA", "SWZ", "LUX",
                          "NOR", "YUG", "TUR", "JPN", "USA"],
    dt.date(2025, 1, 1): ["EST", "RUS", "USA", "UKR", "AUS", "SWZ", "TUR", "GRC", "CHN",
                          "TAW", "ARM", "AZE", "BLR", "PRK", "ROK", "FIN"],
}


@pytest.fixture(scope="module")
def session(tmp_path_factory: pytest.TempPathFactory, shared_data: Path) -> Any:
    from foedus.api import Foedus
    from foedus.ingest import import_dataset

    s = Foedus(tmp_path_factory.mktemp("tables") / "foedus.duckdb")
    with s.writer() as store:
        import_dataset(store, "atop", shared_data / "atop-5.1")
    s.whole_day_graphs = True
    yield s
    s.close()


@pytest.mark.parametrize("day", list(STATES), ids=str)
def test_every_pair_equals_the_engine(session: Any, day: dt.date) -> None:
    table = DefendersDay(session, day).build()
    seen = {"conflicted": 0, "violated": 0, "target_status": 0}
    for t, a in permutations(STATES[day], 2):
        slow = session.defenders(t, a, day).to_json()
        fast = table.answer(t, a)
        assert fast == dumps(slow), (t, a)
        for k in seen:
            seen[k] += bool(slow[k])
    # the samples exercise every attacker-dependent part of the rules (conflicts of
    # obligation among the 1914 sample)
    need = ("violated", "target_status") + (("conflicted",) if day.year == 1914 else ())
    assert all(seen[k] for k in need), seen


def test_refuses_as_the_engine_does(session: Any) -> None:
    from foedus.errors import FoedusError

    table = DefendersDay(session, dt.date(2025, 1, 1))
    for t, a in (("EST", "EST"), ("NOSUCH", "RUS"), ("EST", "USR")):
        with pytest.raises(FoedusError) as fast:
            table.answer(t, a)
        with pytest.raises(FoedusError) as slow:
            session.defenders(t, a, "2025-01-01")
        assert str(fast.value) == str(slow.value)

