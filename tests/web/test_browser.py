"""End to end in a real headless Chromium (Debian's ``chromium``, driven by Playwright for
Python) against ``foedus serve`` on a loopback port: the pages draw what the data say.

Screenshots go to ``tests/web/artifacts/`` (gitignored). Skipped, with the reason, only when no
Chromium executable can be found (CI installs Debian's).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ARTIFACTS = Path(__file__).parent / "artifacts"


def _chromium() -> str | None:
    for candidate in (os.environ.get("FOEDUS_CHROMIUM"), "chromium", "chromium-browser",
                      "google-chrome"):
        if candidate and (path := shutil.which(candidate) or
                          (candidate if Path(candidate).is_file() else None)):
            return path
    return None


CHROMIUM = _chromium()
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium executable found "
                                "(apt-get install chromium, or set FOEDUS_CHROMIUM)")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api")
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, headless=True,
                               args=["--no-sandbox", "--disable-gpu"])
        yield b
        b.close()


@pytest.fixture()
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    p = context.new_page()
    errors: list[str] = []
    p.on("pageerror", lambda exc: errors.append(str(exc)))
    p.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    p.errors = errors
    yield p
    context.close()


def ready(page: Any, timeout: float = 30_000) -> None:
    # (selectors, not wait_for_function: the page's CSP forbids the eval it would need)
    page.wait_for_selector("body[data-ready]:not([data-ready=''])", timeout=timeout,
                           state="attached")
    assert page.evaluate("document.body.dataset.ready") == "1", page.inner_text("#error")
    assert page.errors == [], page.errors


def shot(page: Any, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=False)


def test_map_nato_2025(server: str, page: Any) -> None:
    page.goto(f"{server}/map?state=EST&on=2025-01-01")
    ready(page)
    # Estonia's NATO allies are coloured 'bound' on today's borders and at their capitals
    fill = page.get_attribute('path.country[data-iso3="USA"]', "fill")
    assert fill == "#c0392b"
    assert page.get_attribute('path.country[data-iso3="EST"]', "fill") == "#1b2631"
    assert page.get_attribute('circle.capital[data-abb="FRN"]', "fill") == "#c0392b"
    assert page.locator("circle.capital").count() > 150
    shot(page, "map-estonia-2025")


def test_map_1815_is_drawn_with_capitals(server: str, page: Any) -> None:
    page.goto(f"{server}/map?state=UKG&on=1815-12-01")
    ready(page)
    dots = page.locator("circle.capital")
    assert 15 <= dots.count() <= 30  # the system of 1815, not today's 190-odd states
    assert page.locator('circle.capital[data-abb="EST"]').count() == 0
    shot(page, "map-uk-1815")


def test_timeline_slider_moves_the_network(server: str, page: Any) -> None:
    page.goto(f"{server}/timeline?state=FRN&on=1914-08-01&kind=defense,guarantee"
              "&from=1990-11-21&to=2025-01-01")
    ready(page)
    assert page.locator('g.node[data-abb="RUS"]').count() == 1
    assert page.locator('g.node[data-abb="EST"]').count() == 0
    assert "appeared" in page.inner_text("#diff")
    shot(page, "timeline-1914")
    page.evaluate("document.body.dataset.ready = ''")
    page.fill("#slider", "2025")
    page.dispatch_event("#slider", "input")
    page.wait_for_selector("body[data-ready='1']", timeout=30_000, state="attached")
    assert page.input_value("#f-on").startswith("2025-")
    assert page.locator('g.node[data-abb="EST"]').count() == 1
    assert "on=2025-" in page.url  # the permalink follows the slider
    shot(page, "timeline-2025")


def test_network_filters(server: str, page: Any) -> None:
    page.goto(f"{server}/network?on=1914-08-01&kind=guarantee")
    ready(page)
    assert page.locator('g.node[data-abb="BEL"]').count() == 1
    assert page.locator(".links line").count() > 0
    shot(page, "network-1914-guarantees")
    page.goto(f"{server}/network?on=2025-01-01&kind=defense&region=europe")
    ready(page)
    assert page.locator('g.node[data-abb="POL"]').count() == 1
    shot(page, "network-2025-europe-defense")


def test_scenario_builder(server: str, page: Any) -> None:
    page.goto(f"{server}/scenario")
    page.wait_for_selector(".attack .attacker")
    page.fill(".attack .attacker", "RUS")
    page.fill(".attack .target", "EST")
    page.fill("#f-draws", "2000")
    page.click("#run")
    ready(page)
    rounds = page.locator("ol.rounds li.round")
    assert rounds.count() >= 2
    assert "USA" in rounds.nth(1).inner_text()
    assert "P(enter)" in page.inner_text("#result")
    assert "spec=" in page.url
    shot(page, "scenario-rus-est-2025")
    # the permalink reproduces the run
    page.goto(page.url)
    ready(page)
    assert "USA" in page.locator("ol.rounds li.round").nth(1).inner_text()


def test_guarantor_finder(server: str, page: Any) -> None:
    page.goto(f"{server}/guarantors?target=UKR&on=2025-01-01&threats=RUS")
    page.wait_for_selector("body[data-ready]", timeout=30_000, state="attached")
    status = page.evaluate("document.body.dataset.ready")
    if status == "1":
        assert page.locator("table.candidates tbody tr").count() > 0
        assert "capability" in page.inner_text("table.candidates")
        assert "Russia" in page.inner_text("#result")  # the threat named in the URL
        page.wait_for_selector("body[data-coalitions='1']", timeout=60_000, state="attached")
        page.click("#show-gaps")
        page.wait_for_selector("table.gaps tbody tr", timeout=60_000)
        assert page.locator("table.gaps tbody tr").count() > 0
    else:  # the guarantor engine is not in this build: a clear message, no crash
        assert "engine not available in this build" in page.inner_text("#error")
    shot(page, "guarantors-ukraine-2025")


def test_instrument_and_state_pages(server: str, page: Any) -> None:
    page.goto(f"{server}/instrument/budapest-memorandum-1994")
    ready(page)
    text = page.inner_text("main")
    assert "political" in text and "Members" in text and "Sources" in text
    shot(page, "instrument-budapest")
    page.goto(f"{server}/state/AUS?on=1960-01-01")
    ready(page)
    assert "permanent neutrality" in page.inner_text("#status")
    shot(page, "state-austria-1960")


def test_atop_alliance_page(server: str, page: Any) -> None:
    page.goto(f"{server}/instrument/atop-3035")
    ready(page)
    text = page.inner_text("main")
    assert "Treaty of Friendship and Mutual Assistance between Poland and Yugoslavia" in text
    assert "coded by" in text and "ATOP 3035" in text and "POL" in text


def test_scenario_edit_usa_leaves_nato(server: str, page: Any) -> None:
    page.goto(f"{server}/scenario")
    page.wait_for_selector(".attack .attacker")
    page.click("#add-edit")
    page.select_option(".edit .op", "leave")
    page.fill(".edit .instrument", "nato")
    page.fill(".edit .state", "USA")
    page.fill("#f-draws", "500")
    page.click("#run")
    ready(page)
    first = page.locator("ol.rounds li.round").nth(1).locator(".entrant").all_inner_texts()
    assert "UKG" in first and "USA" not in first  # the US owes Estonia nothing but NATO
    shot(page, "scenario-usa-leaves-nato")


def test_dataset_builder_downloads(server: str, page: Any) -> None:
    page.goto(f"{server}/datasets")
    ready(page)
    page.select_option("#f-unit", "state_year")
    assert page.is_disabled('input[name=verb][value="alliances"]')
    page.check('input[name=verb][value="capabilities"]')
    page.fill("#f-years", "2000-2001")
    href = page.get_attribute("#download-link", "href")
    assert "add=capabilities" in href and "unit=state_year" in href
    r = page.request.get(server + href if href.startswith("/") else href)
    assert r.status == 200 and "cinc" in r.text().splitlines()[0]
    shot(page, "dataset-builder")


def _rows(page: Any, table: str) -> list[tuple[str, str, str, str, str]]:
    """Every row of a commitments table (shown or behind "show all") as
    (from, to, instrument, kind, article)."""
    if not page.locator(f"table#{table}").count():
        return []
    return sorted(tuple(r) for r in page.eval_on_selector_all(
        f"#{table} tbody tr",
        "rows => rows.map(r => [r.dataset.from, r.dataset.to, r.dataset.instrument, "
        "r.dataset.kind, r.dataset.article])"))


def _api_rows(page: Any, server: str, query: str, side: str) -> list[tuple[str, ...]]:
    data = page.request.get(f"{server}/api/v1/commitments?{query}").json()
    me = data["state"]["abb"]
    entries = data["commitments"] + data["presumed"]
    pick = [e for e in entries if (e["from"]["abb"] if side == "given" else e["to"]["abb"]) == me]
    return sorted((e["from"]["abb"], e["to"]["abb"], e["instrument"]["id"], e["kind"],
                   e.get("article") or "") for e in pick)


def test_map_france_1914_given(server: str, page: Any) -> None:
    """What France gives on 1 August 1914: its guarantees of Belgium (1839), Luxembourg
    (1867), Switzerland (1815) and Norway (1907) among them; every row as the API says."""
    query = "state=FRN&on=1914-08-01&direction=given"
    page.goto(f"{server}/map?{query}")
    ready(page)
    rows = _rows(page, "given-table")
    assert rows == _api_rows(page, server, query, "given")
    assert page.locator("#received-table").count() == 0
    to = {(r[1], r[2]) for r in rows}
    assert {("BEL", "treaty-of-london-1839"), ("LUX", "treaty-of-london-1867"),
            ("SWZ", "swiss-neutrality-1815"), ("NOR", "norway-integrity-treaty-1907")} <= to
    assert all(r[0] == "FRN" for r in rows)
    title = page.inner_text("#given-title")
    assert f"{len(rows)} commitments" in title


def test_map_france_1914_both(server: str, page: Any) -> None:
    query = "state=FRN&on=1914-08-01&direction=both"
    page.goto(f"{server}/map?{query}")
    ready(page)
    given, received = _rows(page, "given-table"), _rows(page, "received-table")
    assert given and received
    assert given == _api_rows(page, server, query, "given")
    assert received == _api_rows(page, server, query, "received")
    assert ("FRN", "BEL", "treaty-of-london-1839", "guarantee") in {r[:4] for r in given}
    assert any(r[0] == "RUS" and r[2] == "franco-russian-alliance-1894" for r in received)


def test_long_lists_are_paged(server: str, page: Any) -> None:
    """A long list shows 25 rows and a button for the rest (the timeline's diff listed
    hundreds of rows, 47,000 px of page)."""
    page.goto(f"{server}/timeline?state=FRN&on=1914-08-01&kind=defense,guarantee"
              "&from=1990-11-21&to=2025-01-01")
    ready(page)
    visible = page.locator("#appeared-table tbody:not([hidden]) tr").count()
    total = page.locator("#appeared-table tbody tr").count()
    assert visible == 25 and total > 100
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < 8000, height
    page.click("#diff button.show-more >> nth=0")
    assert page.locator("#appeared-table tbody:not([hidden]) tr").count() == total


PAGES = [  # (docs/images name, path, what to wait for)
    ("home", "/", None),
    ("map-france-1914-given", "/map?state=FRN&on=1914-08-01&direction=given", "ready"),
    ("map-estonia-2025", "/map?state=EST&on=2025-01-01", "ready"),
    ("network-2025", "/network?on=2025-01-01&kind=defense,guarantee", "ready"),
    ("timeline-1914", "/timeline?state=FRN&on=1914-08-01&kind=defense,guarantee", "ready"),
    ("guarantors-ukraine-2025", "/guarantors?target=UKR&on=2025-01-01&threats=RUS", "ready"),
    ("instruments", "/instruments?search=guarantee", "ready"),
    ("instrument-treaty-of-london-1839", "/instrument/treaty-of-london-1839", "ready"),
    ("state-france-1914", "/state/FRN?on=1914-08-01", "ready"),
    ("datasets", "/datasets", "ready"),
]


@pytest.mark.parametrize("name, path, wait", PAGES, ids=[p[0] for p in PAGES])
def test_page_screenshot_1280x800(server: str, browser: Any, name: str, path: str,
                                  wait: str | None) -> None:
    """Each page at 1280×800, as docs/web.md shows it (FOEDUS_UPDATE_SCREENSHOTS=1 writes
    docs/images/web-NAME.png; otherwise the shot goes to the test artifacts)."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    p = context.new_page()
    p.errors = []
    p.on("pageerror", lambda exc: p.errors.append(str(exc)))
    try:
        p.goto(server + path)
        if wait:
            ready(p, timeout=60_000)
        out = (Path(__file__).parents[2] / "docs" / "images"
               if os.environ.get("FOEDUS_UPDATE_SCREENSHOTS") == "1" else ARTIFACTS)
        out.mkdir(exist_ok=True)
        p.screenshot(path=str(out / f"web-{name}.png"), full_page=False)
    finally:
        context.close()


def test_scenario_screenshot_1280x800(server: str, browser: Any) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    p = context.new_page()
    p.errors = []
    try:
        p.goto(f"{server}/scenario")
        p.wait_for_selector(".attack .attacker")
        p.fill(".attack .attacker", "RUS")
        p.fill(".attack .target", "EST")
        p.fill("#f-draws", "1000")
        p.click("#run")
        ready(p, timeout=60_000)
        out = (Path(__file__).parents[2] / "docs" / "images"
               if os.environ.get("FOEDUS_UPDATE_SCREENSHOTS") == "1" else ARTIFACTS)
        out.mkdir(exist_ok=True)
        p.screenshot(path=str(out / "web-scenario-rus-est-2025.png"), full_page=False)
    finally:
        context.close()


def test_network_labels_do_not_overlap(server: str, page: Any) -> None:
    """The 2025 network: labels shown never overlap (the others wait in tooltips), and the
    states of one region sit together (their mean distance to each other is smaller than to
    the rest)."""
    page.goto(f"{server}/network?on=2025-01-01&kind=defense,guarantee")
    ready(page)
    boxes = page.eval_on_selector_all(
        "g.labels text", "ts => ts.filter(t => t.style.display !== 'none').map(t => {"
        "const b = t.getBoundingClientRect(); return [b.left, b.top, b.right, b.bottom]; })")
    assert len(boxes) > 20
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            overlap = min(a[2], b[2]) - max(a[0], b[0]), min(a[3], b[3]) - max(a[1], b[1])
            assert not (overlap[0] > 1 and overlap[1] > 1), (a, b)
    nodes = page.eval_on_selector_all(
        "g.node", "gs => gs.map(g => [g.__data__.region, g.__data__.x, g.__data__.y])")
    europe = [(x, y) for r, x, y in nodes if r == "europe"]
    others = [(x, y) for r, x, y in nodes if r != "europe"]

    def mean(pairs: list[tuple[tuple[float, float], tuple[float, float]]]) -> float:
        return sum(((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2) ** 0.5 for a, b in pairs) / len(pairs)

    inside = mean([(a, b) for i, a in enumerate(europe) for b in europe[i + 1:]])
    across = mean([(a, b) for a in europe for b in others])
    assert inside < 0.8 * across


def test_an_impossible_day_reads_as_a_sentence_and_the_form_recovers(server: str,
                                                                      page: Any) -> None:
    """The page's alert keeps the server's sentence (the date field cannot hold 2023-02-30:
    the browser empties it, and the script used to ask the API for '' instead); the form,
    given a real day, draws the map."""
    page.goto(f"{server}/map?state=EST&on=2023-02-30")
    page.wait_for_selector("body[data-ready='error']", timeout=30_000, state="attached")
    alert = page.inner_text("#error")
    assert "not a valid calendar date: '2023-02-30'" in alert, alert
    assert page.locator("path.country").count() == 0  # no map drawn for another question
    page.errors.clear()  # the console's note of the page's own 400
    page.fill("#f-on", "2025-01-01")
    page.click("#controls button[type=submit]")
    page.wait_for_selector("body[data-ready='1']", timeout=30_000, state="attached")
    ready(page)
    assert page.is_hidden("#error")
    assert page.get_attribute('path.country[data-iso3="USA"]', "fill") == "#c0392b"


def test_scenario_page_keeps_the_day_of_its_link(server: str, page: Any) -> None:
    page.goto(f"{server}/scenario?date=1914-07-28&draws=300&seed=3")
    page.wait_for_selector(".attack .attacker")
    assert page.input_value("#f-date") == "1914-07-28"
    assert page.input_value("#f-draws") == "300" and page.input_value("#f-seed") == "3"
