"""What a reviewer types into the address bar: impossible days, other scripts' digits, values
no menu offers, unknown pages. Each answer is a 4xx with a sentence a reader understands (the
pages show it in their alert, a browser asking for a page gets a page), never a 500, never a
regular expression, and never a silent answer to some other question."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

HTML = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}


def alert_of(text: str) -> str:
    """The text of the page's alert (``<p id="error" ...>``), '' when it is hidden."""
    m = re.search(r'<p id="error" class="error" role="alert"( hidden)?>(.*?)</p>', text, re.S)
    assert m, text[:500]
    return "" if m.group(1) else m.group(2)


def message_of(r: Any) -> str:
    body = r.json()
    assert set(body) == {"error"}, body
    return str(body["error"]["message"])


# -- digits of other scripts ------------------------------------------------------------------
def test_a_day_in_other_digits_is_not_a_day(client: Any) -> None:
    # Arabic-Indic digits for 2020-01-01: Python's \d matched them and the API answered for
    # 2020-01-01, though its OpenAPI pattern (ECMA-262: ASCII digits) refuses them
    r = client.get("/api/v1/commitments", params={"state": "EST", "on": "٢٠٢٠-٠١-٠١"})
    assert r.status_code == 422, r.text
    assert "is not a day: give YYYY-MM-DD" in message_of(r)
    r = client.get("/api/v1/datasets/download", params={"years": "٢٠٠٠"})
    assert r.status_code == 422 and "is not a range of years" in message_of(r)


@pytest.mark.parametrize("ref", ["²", "٢", "２"])
def test_a_state_in_other_digits_is_unknown(client: Any, ref: str) -> None:
    # '²' was a 500 (str.isdigit() is true, int() fails); '٢' silently read as COW code 2,
    # the United States
    r = client.get("/api/v1/commitments", params={"state": ref, "on": "2020-01-01"})
    assert r.status_code == 400, r.text
    assert message_of(r).startswith(f"unknown state '{ref}'")


def test_ascii_cow_codes_still_name_states(client: Any) -> None:
    r = client.get("/api/v1/commitments", params={"state": "2", "on": "2020-01-01"})
    assert r.status_code == 200 and r.json()["state"]["abb"] == "USA"


# -- refusals name what was expected, not the pattern --------------------------------------------
@pytest.mark.parametrize("url,words", [
    ("/api/v1/scenarios/abc", "is not the id of a saved scenario: 32 hexadecimal digits"),
    ("/api/v1/instruments/" + "n" * 101, "is not an instrument id"),
    ("/api/v1/graph?on=2025-01-01&kind=defense;guarantee", "give names or codes separated"),
])
def test_pattern_refusals_say_what_is_expected(client: Any, url: str, words: str) -> None:
    r = client.get(url)
    assert r.status_code == 422, r.text
    message = message_of(r)
    assert words in message, message
    assert "[" not in message and "\\" not in message, message


# -- the pages ------------------------------------------------------------------------------
@pytest.mark.parametrize("url,words", [
    ("/map?state=EST&on=2023-02-30", "not a valid calendar date: '2023-02-30'"),
    ("/map?state=EST&on=2025-13-01", "not a valid calendar date: '2025-13-01'"),
    ("/network?on=1700-01-01", "1700-01-01 is before 1815"),
    ("/timeline?on=1914-08-01&from=9999-12-31", "bad from: 9999-12-31 is after"),
    ("/timeline?on=1914-08-01&to=yesterday", "bad to: not a date: 'yesterday'"),
    ("/state/UKR?on=2023-02-30", "not a valid calendar date"),
    ("/instruments?on=2023-02-30", "not a valid calendar date"),
    ("/guarantors?target=UKR&on=2023-02-30", "not a valid calendar date"),
    ("/scenario?date=2023-02-30", "not a valid calendar date"),
    ("/guarantors?on=2020-01-01" + " " * 40 + "x", "not a date"),
    ("/network?on=2025-01-01&kind=friendship", "kind must be one of 'defense,guarantee'"),
    ("/network?on=2025-01-01&region=atlantis", "region must be one of 'americas'"),
    ("/map?state=EST&on=2025-01-01&direction=sideways", "direction must be one of 'both'"),
    ("/scenario?draws=-1", "draws must be a whole number from 0 to 100,000, not '-1'"),
    ("/scenario?seed=" + "9" * 30, "seed must be a whole number"),
    ("/scenario?source=ALL", "source must be one of 'all'"),
    ("/instrument/nato?reading=wikipedia", "reading must be one of 'curated', 'atop'"),
])
def test_a_page_refuses_its_bad_query_in_words(client: Any, url: str, words: str) -> None:
    """Before, these pages were 200s: a date field cannot hold an impossible day (the browser
    empties it, and the script then asked the API for '' or 'null'), and a menu without the
    value showed its first option: the page answered another question than the URL's."""
    r = client.get(url)
    assert r.status_code == 400, (url, r.status_code)
    assert r.headers["content-type"].startswith("text/html")
    alert = alert_of(r.text)
    assert words.replace("'", "&#x27;") in alert, alert
    assert "\\d" not in alert and "pattern" not in alert
    assert 'data-invalid="1"' in r.text  # the script does not ask the API until resubmitted


@pytest.mark.parametrize("url", [
    "/map?state=EST&on=2025-01-01&direction=given", "/network?on=1914-08-01&kind=defense",
    "/timeline?state=POL&on=1939-09-01&from=1990-11-21&to=2025-01-01",
    "/scenario?date=1914-07-28&draws=500&seed=3&source=registry", "/state/UKR?on=2022",
    "/instruments?on=1949-04", "/guarantors?target=UKR&on=2025-01-01&threats=RUS",
    "/map?state=zzz&on=2025-01-01",  # an unknown state is the API's to refuse (in words)
    "/instrument/nato?reading=atop",
])
def test_good_queries_still_render(client: Any, url: str) -> None:
    r = client.get(url)
    assert r.status_code == 200, (url, alert_of(r.text))
    assert alert_of(r.text) == "" and "data-invalid" not in r.text


# -- error pages for browsers -----------------------------------------------------------------
@pytest.mark.parametrize("url,status,words", [
    ("/no-such-page", 404, "There is no page at /no-such-page."),
    ("/instrument/bad%00id", 422, "is not an instrument id"),
    ("/state/" + "A" * 65, 422, "state: String should have at most 64 characters"),
])
def test_a_browser_gets_an_error_page_it_can_read(client: Any, url: str, status: int,
                                                 words: str) -> None:
    r = client.get(url, headers=HTML)
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("text/html")
    assert words.replace("'", "&#x27;") in alert_of(r.text)
    assert "<script" not in r.text and '"error":' not in r.text
    assert "default-src 'self'" in r.headers["content-security-policy"]
    # a script (no text/html in Accept) still gets the one JSON error shape
    r = client.get(url)
    assert r.status_code == status and r.headers["content-type"] == "application/json"
    assert message_of(r)


def test_the_api_answers_json_even_to_a_browser(client: Any) -> None:
    r = client.get("/api/v1/commitments?state=EST&on=2023-02-30", headers=HTML)
    assert r.status_code == 400 and "not a valid calendar date" in message_of(r)
    r = client.get("/api/v1/no-such-route", headers=HTML)
    assert r.status_code == 404 and r.headers["content-type"] == "application/json"


# -- parameters nobody declared, or given twice -----------------------------------------------
@pytest.mark.parametrize("url,words", [
    ("/api/v1/commitments?state=EST&on=2020-01-01&drection=given",
     "unknown query parameter 'drection'; this route takes: direction, kind, on, source"),
    ("/api/v1/defenders?target=EST&attacker=RUS&on=2020-01-01&sorce=registry",
     "unknown query parameter 'sorce'"),
    ("/api/v1/datasets?format=csv", "this route takes: no query parameters"),
    ("/api/v1/commitments?state=EST&on=2020-01-01&on=1700-01-01",
     "query parameter 'on' given more than once"),
    ("/api/v1/defenders?target=EST&attacker=RUS&attacker=USA&on=2020-01-01",
     "query parameter 'attacker' given more than once"),
])
def test_unknown_or_repeated_parameters_are_refused(client: Any, url: str, words: str) -> None:
    """Before: a misspelt parameter was ignored (the answer was for the default, both
    directions) and a repeated one silently used its last value."""
    r = client.get(url)
    assert r.status_code == 422, r.text
    assert words in message_of(r), message_of(r)


def test_the_dataset_form_without_script_sends_its_boxes(client: Any) -> None:
    # the form's checkboxes are verb=...; without script they were dropped without a word
    r = client.get("/api/v1/datasets/download?unit=state_year&years=2000&add="
                   "&verb=majors&verb=capabilities")
    assert r.status_code == 200, r.text
    header = r.text.splitlines()[0].split(",")
    assert "cowmaj" in header and "cinc" in header


# -- the scenario body: what the schema says, and weights a model reads -------------------------
BODY = {"date": "2025-06-01", "attacks": [{"attacker": "RUS", "target": "EST"}],
        "model": {"draws": 0}}


@pytest.mark.parametrize("patch,where", [
    ({"attacks": [{"attacker": "RUS", "target": "EST", "provoked": 0}]}, "provoked"),
    ({"attacks": [{"attacker": "RUS", "target": "EST", "provoked": "no"}]}, "provoked"),
    ({"model": {"draws": "10"}}, "draws"),
    ({"model": {"draws": True}}, "draws"),
    ({"model": {"draws": 0, "max_rounds": "5"}}, "max_rounds"),
])
def test_scenario_values_have_the_schema_types(client: Any, patch: dict[str, Any],
                                               where: str) -> None:
    # the OpenAPI schema says boolean / integer; 0, "no" and "10" were coerced and accepted
    r = client.post("/api/v1/scenario/run", json={**BODY, **patch})
    assert r.status_code == 422, r.text
    assert where in message_of(r)


@pytest.mark.parametrize("weights,words", [
    ({"capabilty": 2.0}, "unknown weight capabilty; known: base_rate, capability, power_change"),
    ({"base_rate": 0.5}, "weights.base_rate is read only with credibility: base_rates "
                         "(credibility fitted reads capability, power_change)"),
])
def test_scenario_weights_no_model_reads_are_refused(client: Any, weights: dict[str, float],
                                                     words: str) -> None:
    """A weight no model reads was ignored, yet switched the run from the entry forecast to
    the promise cascade: a typo changed the answer without a word."""
    r = client.post("/api/v1/scenario/run",
                    json={**BODY, "model": {"draws": 0, "weights": weights}})
    assert r.status_code == 422, r.text
    assert words in message_of(r), message_of(r)
    ok = client.post("/api/v1/scenario/run",
                     json={**BODY, "model": {"draws": 0, "weights": {"capability": 0.5}}})
    assert ok.status_code == 200, ok.text
    base = {"draws": 0, "credibility": "base_rates"}
    ok = client.post("/api/v1/scenario/run",
                     json={**BODY, "model": {**base, "weights": {"base_rate": 0.5}}})
    assert ok.status_code == 200, ok.text
    r = client.post("/api/v1/scenario/run",
                    json={**BODY, "model": {**base, "weights": {"base_rate": -1.0}}})
    assert r.status_code == 422 and "weights.base_rate multiplies probabilities" in message_of(r)
    r = client.post("/api/v1/scenario/run",
                    json={**BODY, "model": {**base, "weights": {"capability": 2.0}}})
    assert r.status_code == 422 and "weights.capability is read only with credibility: " \
        "fitted" in message_of(r), message_of(r)


# -- the OpenAPI description tells the truth about errors ---------------------------------------
def test_every_operation_documents_the_one_error_shape(client: Any) -> None:
    spec = client.get("/openapi.json").json()
    assert "HTTPValidationError" not in str(spec)  # FastAPI's {"detail": [...]}: never sent
    for path, operations in spec["paths"].items():
        for method, op in operations.items():
            for status in ("400", "404", "422"):
                schema = op["responses"][status]["content"]["application/json"]["schema"]
                assert schema == {"$ref": "#/components/schemas/ErrorOut"}, (method, path)
    assert set(spec["components"]["schemas"]["ErrorOut"]["properties"]) == {"error"}
    assert "401" in spec["paths"]["/api/v1/scenarios"]["post"]["responses"]


def test_a_reversed_diff_names_the_api_parameters(client: Any) -> None:
    # the engine's words were the CLI's ("--to ... is before --from ...")
    r = client.get("/api/v1/diff?from=2025-01-01&to=1815-01-01")
    assert r.status_code == 400
    assert message_of(r) == ("to (1815-01-01) is before from (2025-01-01); give the earlier "
                             "date first")


@pytest.mark.parametrize("content,ctype", [(b"", "application/json"), (b"[1, 2]",
                                                                       "application/json"),
                                           (b"hello", "text/plain")])
def test_a_missing_or_non_object_body_says_what_is_expected(client: Any, content: bytes,
                                                            ctype: str) -> None:
    # the message was "Field required" or "Input should be a valid dictionary ...": of what?
    r = client.post("/api/v1/scenario/run", content=content, headers={"Content-Type": ctype})
    assert r.status_code == 422, r.text
    assert message_of(r).startswith("the request body must be a JSON object (a scenario")


@pytest.mark.parametrize("url,status", [("/map?state=EST&on=2025-01-01", 200),
                                        ("/map?on=2023-02-30", 400), ("/", 200)])
def test_head_on_a_page_has_the_status_of_get(client: Any, url: str, status: int) -> None:
    # a link checker's HEAD was a 405 on every page
    r = client.head(url)
    assert r.status_code == status
    assert r.headers["content-type"].startswith("text/html")


@pytest.mark.parametrize("route", ["/api/v1/scenario/run", "/api/v1/scenarios"])
def test_a_lone_surrogate_in_an_edit_is_refused_not_a_500(client: Any, token: str,
                                                          route: str) -> None:
    # JSON's "\ud800" is a str Python holds but UTF-8 cannot: inside an edit (free-form to
    # the body's schema) it reached the graph's tables and failed there, a 500
    edit = {"promise": {"obligors": ["UKG"], "beneficiaries": ["UKR"], "kind": "guarantee",
                        "strength": "discretionary", "legal_force": "treaty",
                        "name": "\ud800 pact"}}
    body = {"date": "2025-06-01", "attacks": [{"attacker": "RUS", "target": "UKR"}],
            "edits": [edit], "model": {"draws": 0}}
    r = client.post(route, content=json.dumps(body).encode(),  # ASCII: "\\ud800" escaped
                    headers={"Authorization": f"Bearer {token}",
                             "Content-Type": "application/json"})
    assert r.status_code == 422, r.text
    assert "is not Unicode text (a lone surrogate)" in message_of(r)
    assert r.json()["error"]["detail"][0]["field"] == "edits[1].promise.name"


def test_search_takes_percent_and_underscore_literally(client: Any) -> None:
    """'%' and '_' were SQL LIKE wildcards in the registry's part of the list (a search for
    "_" listed every instrument) and literal in ATOP's part."""
    def total(**params: str) -> int:
        r = client.get("/api/v1/instruments", params={"limit": "1", **params})
        assert r.status_code == 200, r.text
        return int(r.json()["total"])

    everything = total()
    assert total(search="_") < everything and total(search="%") < everything
    assert total(search="%%%%") == 0 and total(search="n_to") == 0
    assert total(search="nato") == total(search="NATO") > 0


@pytest.mark.parametrize("url,words", [
    # every commitment of Estonia's has Estonia on one side: the filter kept them all
    ("/api/v1/commitments?state=EST&on=2020-01-01&with=est",
     "state and with are the same state (EST)"),
    ("/api/v1/forums?a=FRN&b=220&on=2020-01-01", "a and b are the same state (FRN)"),
    # the guarantor finder already refused this; reassurance listed Ukraine as its own threat
    ("/api/v1/reassurance?target=UKR&on=2020-01-01&threats=RUS,Ukraine",
     "UKR cannot be its own threat"),
])
def test_a_state_paired_with_itself_is_refused(client: Any, url: str, words: str) -> None:
    r = client.get(url)
    assert r.status_code == 400, r.text
    assert words in message_of(r)


@pytest.mark.parametrize("url,field", [
    ("/map?state=EST&on=1914", 'name="on" id="f-on" value="1914-01-01"'),
    ("/timeline?on=1939-09&from=1990&to=2025-01",
     'name="to" id="f-to" value="2025-01-01"'),
    ("/scenario?date=1914-07", 'name="date" id="f-date" value="1914-07-01"'),
])
def test_a_year_or_month_fills_the_date_field_with_its_first_day(client: Any, url: str,
                                                                 field: str) -> None:
    # the API reads YYYY and YYYY-MM as their first day; a date field holds only YYYY-MM-DD
    # (the browser emptied it, and the page asked the API for '')
    r = client.get(url)
    assert r.status_code == 200 and field in r.text
