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
