"""The API answers plain defenders questions from the per-day answer tables
(foedus.web.fast), with the engine's answer; anything else still reaches the route."""

from __future__ import annotations

import json
from typing import Any

from foedus.query.answer_tables import dumps


def test_web_api_serves_the_table(client: Any) -> None:
    """The API's bytes for a question never asked are the engine's answer."""
    r = client.get("/api/v1/defenders?target=GRC&attacker=TUR&on=2025-01-01")
    assert r.status_code == 200
    slow = client.app.state.session.defenders("GRC", "TUR", "2025-01-01").to_json()
    assert json.loads(r.content) == json.loads(dumps(slow))


def test_errors_still_reach_the_route(client: Any) -> None:
    r = client.get("/api/v1/defenders?target=NOSUCH&attacker=TUR&on=2025-01-01")
    assert r.status_code == 400 and "unknown state" in r.json()["error"]["message"]
    r = client.get("/api/v1/defenders?target=GRC&attacker=TUR&on=2025-01-01&extra=1")
    assert r.status_code == 200  # an unknown parameter: the route ignores it, as before
