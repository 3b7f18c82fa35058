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
    # an unknown parameter is not the table's to answer: the route refuses it (it used to
    # ignore it; a misspelt parameter then answered another question)
    assert r.status_code == 422 and "unknown query parameter 'extra'" in r.text
    assert "x-foedus-answer" not in r.headers


def test_a_build_freezes_its_tables_and_leaves_the_collector_on(client: Any) -> None:
    """A day's build runs with the collector paused (full collections of everything the worker
    held stalled the answers served meanwhile) and leaves its objects frozen, out of every
    later collection's scan; the collector is on again, with nothing pending."""
    import datetime as dt
    import gc

    from foedus.web.fast import _build

    was_on = gc.isenabled()
    gc.enable()
    try:
        before = gc.get_freeze_count()
        table = _build(client.app.state.session, dt.date(1914, 8, 3), "all")
        assert gc.isenabled()
    finally:
        if not was_on:
            gc.disable()
    assert gc.get_freeze_count() - before > 10_000
    assert gc.get_count()[0] < gc.get_threshold()[0]
    slow = client.app.state.session.defenders("BEL", "GMY", "1914-08-03").to_json()
    assert json.loads(table.answer("BEL", "GMY")) == json.loads(dumps(slow))
