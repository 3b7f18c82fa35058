"""The API and the CLI share one range of days and one cap on draws; a bad day reads as a
sentence, never as the regular expression that checked it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from foedus.model.limits import MAX_DRAWS, last_day


def test_impossible_and_malformed_days_read_as_sentences(client: Any) -> None:
    for day, words in (("2023-02-30", "not a valid calendar date"),
                       ("yesterday", "is not a day: give YYYY-MM-DD"),
                       ("1700-01-01", "before 1815")):
        r = client.get(f"/api/v1/defenders?target=EST&attacker=RUS&on={day}")
        assert r.status_code in (400, 422), r.text
        message = r.json()["error"]["message"]
        assert words in message, message
        assert "\\d" not in message and "pattern" not in message


def test_same_last_day_as_the_cli(client: Any) -> None:
    ok = client.get(f"/api/v1/commitments?state=EST&on={last_day().isoformat()}")
    assert ok.status_code == 200, ok.text
    late = (last_day() + dt.timedelta(days=1)).isoformat()
    r = client.get(f"/api/v1/commitments?state=EST&on={late}")
    assert r.status_code == 400 and str(last_day()) in r.json()["error"]["message"]


def test_draws_capped_like_the_cli(client: Any) -> None:
    body = {"date": "2025-06-01", "attacks": [{"attacker": "RUS", "target": "EST"}],
            "model": {"draws": MAX_DRAWS + 1}}
    r = client.post("/api/v1/scenario/run", json=body)
    assert r.status_code == 422 and "draws" in r.json()["error"]["message"]


def test_scenario_past_the_range_refused(client: Any) -> None:
    late = (last_day() + dt.timedelta(days=1)).isoformat()
    body = {"date": late, "attacks": [{"attacker": "RUS", "target": "EST"}],
            "model": {"draws": 0}}
    r = client.post("/api/v1/scenario/run", json=body)
    assert r.status_code == 400 and str(last_day()) in r.json()["error"]["message"]
