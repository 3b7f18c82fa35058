"""The JSON API against a real session over a temporary store (registry + ATOP + isard +
peacesciencer imported from the publishers' files): the same answers as the CLI, facts a user
would check, limits, pagination, the one error shape on every route, and security."""

from __future__ import annotations

import io
from typing import Any

import pytest
from fastapi.routing import APIRoute

ERROR_KEYS = {"code", "message", "detail"}


def error_of(r: Any) -> dict[str, Any]:
    """The response's error, checked to be the one shape."""
    body = r.json()
    assert set(body) == {"error"}, body
    assert set(body["error"]) == ERROR_KEYS, body
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    return body["error"]  # type: ignore[no-any-return]


# -- the same answers as the CLI / Python API ---------------------------------------------------
def test_answer_cache_gives_the_same_bytes(client: Any) -> None:
    q = {"target": "POL", "attacker": "GMY", "on": "1939-09-01"}
    first = client.get("/api/v1/defenders", params=q)
    again = client.get("/api/v1/defenders", params=q)
    assert (first.headers["x-foedus-cache"], again.headers["x-foedus-cache"]) == ("miss", "hit")
    assert first.content == again.content
    assert "UKG" in {e["state"]["abb"] for e in again.json()["bound"]}  # the 1939 guarantee
    bad = {**q, "on": "1700-01-01"}
    assert [client.get("/api/v1/defenders", params=bad).headers["x-foedus-cache"]
            for _ in range(2)] == ["miss", "miss"]  # errors are never kept


def test_defenders_is_the_session_answer(client: Any) -> None:
    r = client.get("/api/v1/defenders", params={"target": "EST", "attacker": "RUS",
                                                "on": "2025-01-01"})
    assert r.status_code == 200
    session = client.app.state.session
    assert r.json() == session.defenders("EST", "RUS", "2025-01-01").to_json()
    bound = {e["state"]["abb"] for e in r.json()["bound"] if e["instrument"]["id"] == "nato"}
    assert {"USA", "UKG", "FRN", "GMY", "POL"} <= bound  # NATO Art. 5
    assert "EST" not in bound


def test_commitments_budapest_is_an_assurance(client: Any) -> None:
    r = client.get("/api/v1/commitments", params={"state": "UKR", "on": "2014-02-20",
                                                  "direction": "received"})
    assert r.status_code == 200
    budapest = [e for e in r.json()["commitments"]
                if e["instrument"]["id"] == "budapest-memorandum-1994"]
    assert budapest and {e["legal_force"] for e in budapest} == {"political"}
    assert {e["from"]["abb"] for e in budapest} >= {"USA", "UKG", "RUS"}


def test_instrument_route_returns_an_atop_alliance(client: Any) -> None:
    r = client.get("/api/v1/instruments/atop-3035")
    assert r.status_code == 200
    i = r.json()
    assert i["coded_by"] == "ATOP" and i["id"] == "atop-3035"
    assert i["name"].startswith("Treaty of Friendship and Mutual Assistance between Poland")
    assert {m["state"]["abb"] for m in i["members"]} == {"POL", "YUG"}
    assert i == client.app.state.session.instrument("atop-3035").to_json()
    # a curated file covering the alliance is the one shown, ATOP's reading linked
    nato = client.get("/api/v1/instruments/atop-3180").json()
    assert nato["id"] == "nato" and nato["atop_readings"][0]["id"] == "atop-3180"
    atop = client.get("/api/v1/instruments/atop-3180", params={"reading": "atop"}).json()
    assert atop["id"] == "atop-3180" and atop["atop"]["covered_by"] == ["nato"]
    found = client.get("/api/v1/instruments", params={"search": "Saadabad"}).json()
    assert [x["id"] for x in found["instruments"]] == ["atop-2410"]
    assert client.get("/instrument/atop-3035").status_code == 200
    assert client.get("/api/v1/instruments/atop-9999").status_code == 404


def test_with_partner_and_kind(client: Any) -> None:
    r = client.get("/api/v1/commitments", params={"state": "EST", "on": "2025-01-01",
                                                  "with": "USA", "kind": "defense"})
    assert r.status_code == 200
    rows = r.json()["commitments"]
    assert rows and all(e["kind"] == "defense" for e in rows)
    assert all("USA" in (e["from"]["abb"], e["to"]["abb"]) for e in rows)


def test_instrument_status_forums_diff(client: Any) -> None:
    nato = client.get("/api/v1/instruments/nato").json()
    usa = [m for m in nato["members"] if m["state"]["abb"] == "USA"]
    assert usa[0]["from"] == "1949-08-24"
    assert any(o["article"] == "Art. 5" for o in nato["obligations"])
    st = client.get("/api/v1/status", params={"state": "AUS", "on": "1960-01-01"}).json()
    assert [s["status"] for s in st["statuses"]] == ["permanent_neutrality"]
    fo = client.get("/api/v1/forums", params={"a": "USA", "b": "RUS", "on": "2010-01-01"})
    assert "osce" in {f["id"] for f in fo.json()["forums"]}
    d = client.get("/api/v1/diff", params={"from": "1990-11-21", "to": "2025-01-01",
                                           "state": "POL"}).json()
    assert "nato" in {e["instrument"]["id"] for e in d["appeared"]}


def test_instruments_are_paged(client: Any) -> None:
    full = client.get("/api/v1/instruments", params={"limit": 10000}).json()
    assert full["total"] == len(full["instruments"]) > 50
    page = client.get("/api/v1/instruments", params={"limit": 5, "offset": 10}).json()
    assert page["instruments"] == full["instruments"][10:15]
    assert (page["total"], page["limit"], page["offset"]) == (full["total"], 5, 10)


# -- the explorer's questions ----------------------------------------------------------------
def test_graph_1914_belgium_guaranteed(client: Any) -> None:
    g = client.get("/api/v1/graph", params={"on": "1914-08-01", "kind": "guarantee"}).json()
    to_bel = {(e["from"], e["instrument"]["id"]) for e in g["edges"] if e["to"] == 211}
    assert (200, "treaty-of-london-1839") in to_bel  # the United Kingdom, 1839
    assert {n["state"]["abb"] for n in g["nodes"]} >= {"BEL", "UKG"}
    assert g["filters"]["kind"] == ["guarantee"] and g["datasets"] == ["registry", "atop"]


def test_graph_pages_and_filters(client: Any) -> None:
    q = {"on": "2025-01-01", "kind": "defense", "region": "europe"}
    full = client.get("/api/v1/graph", params={**q, "limit": 10000}).json()
    assert full["total"] == len(full["edges"]) > 500
    assert all(200 <= e["from"] <= 399 or 200 <= e["to"] <= 399 for e in full["edges"])
    assert all(e["kind"] == "defense" for e in full["edges"])
    pages: list[Any] = []
    for off in range(0, full["total"], 400):
        pages += client.get("/api/v1/graph", params={**q, "limit": 400,
                                                     "offset": off}).json()["edges"]
    assert pages == full["edges"]
    binding = client.get("/api/v1/graph", params={**q, "legal_force": "political"}).json()
    assert all(e["legal_force"] == "political" for e in binding["edges"])


def test_states_of_1815_and_1914_with_capitals(client: Any) -> None:
    s1815 = client.get("/api/v1/states", params={"on": "1815-06-01"}).json()
    by = {s["state"]["abb"]: s for s in s1815["states"]}
    assert s1815["capitals"] is True
    assert by["UKG"]["iso3"] == "GBR" and by["UKG"]["capital"]["name"] == "London"
    assert abs(by["UKG"]["capital"]["lat"] - 51.5) < 0.1
    assert "EST" not in by  # Estonia is not a state in 1815
    s1914 = {s["state"]["abb"]: s for s in
             client.get("/api/v1/states", params={"on": "1914-08-01"}).json()["states"]}
    assert s1914["AUH"]["capital"]["name"] == "Vienna"
    assert s1914["GMY"]["capital"]["name"] == "Berlin"


def test_datasets_name_versions_and_citations(client: Any) -> None:
    d = client.get("/api/v1/datasets").json()
    versions = {x["dataset"]: x["version"] for x in d["datasets"]}
    assert versions["atop"] == "5.1" and versions["peacesciencer"] == "1.2.9"
    assert {c["dataset"] for c in d["citations"]} >= {"registry", "atop", "peacesciencer"}
    assert any("Leeds" in ref for c in d["citations"] for ref in c["citations"])


def test_dataset_download_csv_and_parquet(client: Any) -> None:
    import polars as pl

    r = client.get("/api/v1/datasets/download", params={
        "unit": "state_year", "years": "2000-2001", "add": "capabilities,majors",
        "format": "csv"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    df = pl.read_csv(io.BytesIO(r.content))
    usa = df.filter((pl.col("ccode") == 2) & (pl.col("year") == 2000))
    assert usa["cowmaj"].item() == 1 and usa["cinc"].item() > 0.1
    r = client.get("/api/v1/datasets/download", params={
        "unit": "dyad_year", "years": "1914", "add": "alliances", "format": "parquet"})
    assert r.status_code == 200
    ddy = pl.read_parquet(io.BytesIO(r.content))
    fr_ru = ddy.filter((pl.col("ccode1") == 220) & (pl.col("ccode2") == 365))
    assert fr_ru["atop_defense"].item() == 1  # the Franco-Russian alliance
    assert "atop" in r.headers["x-foedus-datasets"]
    bad = client.get("/api/v1/datasets/download", params={"unit": "state_year",
                                                          "add": "alliances"})
    assert bad.status_code == 400 and "dyad-years only" in error_of(bad)["message"]


# -- scenarios -------------------------------------------------------------------------------
SPEC = {"date": "2025-06-01", "attacks": [{"attacker": "RUS", "target": "EST"}],
        "model": {"draws": 2000, "seed": 11}}


def test_scenario_run_cascade_and_reproducible(client: Any) -> None:
    r = client.post("/api/v1/scenario/run", json=SPEC)
    assert r.status_code == 200
    a = r.json()
    first = {s["state"]["abb"] for s in a["rounds"][1]}
    assert {"USA", "UKG", "FRN"} <= first
    assert a["draws"] == 2000 and a["seed"] == 11
    assert r.json() == client.post("/api/v1/scenario/run", json=SPEC).json()
    usa_out = {**SPEC, "edits": [{"leave": {"instrument": "nato", "state": "USA"}}]}
    b = client.post("/api/v1/scenario/run", json=usa_out).json()
    nato_usa = [x for x in b["rounds"][1] if x["state"]["abb"] == "USA"
                and any(c["instrument"]["id"] == "nato" for c in x["because"])]
    assert nato_usa == []


@pytest.mark.parametrize("body", [
    {**SPEC, "model": {"draws": 100_001}},
    {**SPEC, "attacks": []},
    {**SPEC, "date": "1700"},
    {**SPEC, "surprise": 1},
    {"date": "2025-06-01", "attacks": [{"attacker": "ATLANTIS", "target": "EST"}]},
])
def test_scenario_bad_input_is_refused(client: Any, body: dict[str, Any]) -> None:
    r = client.post("/api/v1/scenario/run", json=body)
    assert r.status_code in (400, 422)
    error_of(r)


def test_saving_needs_the_token(client: Any, token: str) -> None:
    assert client.post("/api/v1/scenarios", json=SPEC).status_code == 401
    wrong = client.post("/api/v1/scenarios", json=SPEC,
                        headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401 and error_of(wrong)["code"] == "unauthorized"
    ok = client.post("/api/v1/scenarios", json=SPEC,
                     headers={"Authorization": f"Bearer {token}"})
    assert ok.status_code == 201
    sid = ok.json()["id"]
    back = client.get(f"/api/v1/scenarios/{sid}").json()["scenario"]
    assert back["attacks"] == [{"attacker": "RUS", "target": "EST", "covered": [],
                                "provoked": False}]
    assert client.get("/api/v1/scenarios/" + "0" * 32).status_code == 404
    assert client.get("/api/v1/scenarios/..%2F..%2Fetc%2Fpasswd").status_code in (404, 422)


def test_read_only_without_a_token(web_home: Any) -> None:
    from fastapi.testclient import TestClient

    from foedus.web import Settings, create_app

    app = create_app(Settings(store=web_home / "foedus.duckdb"))
    with TestClient(app) as c:
        r = c.post("/api/v1/scenarios", json=SPEC, headers={"Authorization": "Bearer x"})
        assert r.status_code == 403 and "no API token" in error_of(r)["message"]


# -- guarantors: the engine's answer, or a clear 501 ------------------------------------------
def test_guarantors_answer_or_501(client: Any) -> None:
    r = client.get("/api/v1/guarantors", params={"target": "UKR", "on": "2025-01-01",
                                                 "threats": "RUS"})
    session = client.app.state.session
    if not hasattr(session, "guarantors"):
        assert r.status_code == 501
        assert "engine not available in this build" in error_of(r)["message"]
        return
    assert r.status_code == 200
    a = r.json()
    assert a == session.guarantors("UKR", "2025-01-01", ["RUS"]).to_json()
    assert [t["state"]["abb"] for t in a["threats"]] == ["RUS"]
    assert a["candidates"] and all(set(c["factors"]) and c["reasons"] for c in a["candidates"])
    assert "UKR" not in {c["state"]["abb"] for c in a["candidates"]}
    assert "RUS" not in {c["state"]["abb"] for c in a["candidates"]}
    inferred = client.get("/api/v1/guarantors", params={"target": "UKR",
                                                        "on": "2025-01-01"}).json()
    assert inferred["threats"]  # none named: the finder infers them
    gaps = client.get("/api/v1/gaps", params={"on": "2025-01-01"})
    assert gaps.status_code == 200
    assert gaps.json() == session.gaps("2025-01-01").to_json()


# -- limits, errors, security ----------------------------------------------------------------
@pytest.mark.parametrize("url,status", [
    ("/api/v1/defenders?target=EST&attacker=RUS&on=1700-01-01", 400),
    ("/api/v1/defenders?target=EST&attacker=RUS&on=2999-01-01", 400),
    ("/api/v1/defenders?target=EST&attacker=RUS&on=yesterday", 422),
    ("/api/v1/defenders?target=ATLANTIS&attacker=RUS&on=2025-01-01", 400),
    ("/api/v1/defenders?target=GMY&attacker=RUS&on=1985-01-01", 400),
    ("/api/v1/commitments?state=EST&on=2025-01-01&kind=friendship", 400),
    ("/api/v1/graph?on=2025-01-01&limit=0", 422),
    ("/api/v1/graph?on=2025-01-01&limit=10001", 422),
    ("/api/v1/graph?on=2025-01-01&region=atlantis", 422),
    ("/api/v1/graph?on=2025-01-01&kind=" + ",".join(["defense"] * 21), 400),
    ("/api/v1/instruments/does-not-exist", 404),
    ("/api/v1/instruments/..%2Fpyproject.toml", 404),
    ("/api/v1/no-such-route", 404),
    ("/static/../pyproject.toml", 404),
])
def test_errors_have_the_one_shape(client: Any, url: str, status: int) -> None:
    r = client.get(url)
    assert r.status_code == status, r.text
    error_of(r)


def test_every_api_route_errors_in_the_one_shape(client: Any) -> None:
    """Each route, called with every query parameter malformed, and with a wrong method."""
    for route in client.app.routes:
        if not isinstance(route, APIRoute) or not route.path.startswith("/api/"):
            continue
        path = route.path.replace("{instrument_id}", "no-such-id").replace(
            "{scenario_id}", "f" * 32)
        names = [p.alias or p.name for p in route.dependant.query_params]
        bad = {n: "\u0000%%bad" for n in names}
        for method in route.methods:
            r = client.request(method, path, params=bad, json={"x": 1})
            assert r.status_code >= 400, (method, path, r.text)
            error_of(r)
        wrong = "DELETE"
        r = client.request(wrong, path)
        assert r.status_code == 405
        error_of(r)


def test_crash_is_500_without_a_trace(client: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    session = client.app.state.session

    def boom() -> None:
        raise RuntimeError("secret detail /home/operator/store")

    monkeypatch.setattr(session, "system", boom)
    r = client.get("/api/v1/states", params={"on": "1999-09-09"})  # a question not cached
    assert r.status_code == 500
    err = error_of(r)
    assert err["code"] == "internal_error"
    assert "secret" not in r.text and "Traceback" not in r.text


def test_headers_cors_closed_and_body_limit(client: Any) -> None:
    for _ in range(2):  # a fresh answer, then the same from the answer cache
        r = client.get("/api/v1/datasets", headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in r.headers
        assert "script-src 'self'" in r.headers["content-security-policy"]
        assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["x-foedus-cache"] == "hit"
    big = client.post("/api/v1/scenario/run", content=b"{" + b" " * 300_000 + b"}",
                      headers={"Content-Type": "application/json"})
    assert big.status_code == 413 and error_of(big)["code"] == "payload_too_large"


def test_openapi_lists_every_route(client: Any) -> None:
    paths = set(client.get("/openapi.json").json()["paths"])
    assert {"/api/v1/commitments", "/api/v1/defenders", "/api/v1/status",
            "/api/v1/instruments", "/api/v1/instruments/{instrument_id}", "/api/v1/forums",
            "/api/v1/diff", "/api/v1/graph", "/api/v1/states", "/api/v1/datasets",
            "/api/v1/datasets/download", "/api/v1/scenario/run", "/api/v1/scenarios",
            "/api/v1/guarantors", "/api/v1/gaps"} <= paths


def test_pages_render_with_their_sources(client: Any) -> None:
    for url in ("/", "/map?state=EST&on=2025-01-01", "/network", "/timeline",
                "/instruments", "/instrument/nato", "/state/UKR", "/scenario",
                "/guarantors", "/datasets"):
        r = client.get(url)
        assert r.status_code == 200, url
        assert "Data sources and versions" in r.text and "atop</b> 5.1" in r.text, url
        assert "<script>" not in r.text  # no inline script (CSP)
    page = client.get("/map?state=%22%3E%3Cscript%3Ealert(1)%3C/script%3E").text
    assert "<script>alert(1)" not in page


def test_works_offline_everything_from_the_package(client: Any) -> None:
    from foedus.web.app import STATIC

    vendor = STATIC / "vendor"
    for name in ("d3.v7.min.js", "topojson-client.min.js", "countries-110m.json",
                 "LICENSE-d3.txt", "LICENSE-topojson-client.txt", "LICENSE-world-atlas.txt"):
        assert (vendor / name).is_file(), name
    for url in ("/map", "/timeline", "/scenario"):
        text = client.get(url).text
        assert 'src="http' not in text and 'href="http' not in text.split("<footer")[0]
    assert client.get("/static/vendor/countries-110m.json").json()["type"] == "Topology"


def test_exact_keys_of_the_explorer_answers(client: Any) -> None:
    g = client.get("/api/v1/graph", params={"on": "1914-08-01", "limit": 1}).json()
    assert set(g) == {"on", "source", "filters", "total", "limit", "offset", "nodes", "edges",
                      "datasets", "unknown"}
    assert set(g["filters"]) == {"kind", "legal_force", "region"}
    assert set(g["nodes"][0]) == {"state", "iso3", "region", "given", "received"}
    assert set(g["edges"][0]) == {"from", "to", "kind", "strength", "legal_force", "category",
                                  "instrument", "article", "source", "presumed"}
    s = client.get("/api/v1/states", params={"on": "2025-01-01"}).json()
    assert set(s) == {"on", "states", "capitals", "datasets"}
    assert set(s["states"][0]) == {"state", "iso3", "region", "capital"}
    assert set(s["states"][0]["capital"]) == {"name", "lat", "lon", "as_of"}
    d = client.get("/api/v1/datasets").json()
    assert set(d) == {"foedus", "datasets", "citations"}
    assert set(d["citations"][0]) == {"dataset", "label", "citations"}
    i = client.get("/api/v1/instruments", params={"limit": 1}).json()
    assert set(i) == {"instruments", "total", "limit", "offset"}
