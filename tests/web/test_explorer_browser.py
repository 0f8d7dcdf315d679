"""The corpus explorer in real Chromium (Debian chromium + playwright): search, open a quote,
verify a misquote and see the diff, open a person and see their chart; no script error and no
security-policy violation. Screenshots of the verify and person pages go to a temporary folder,
or to ``$ONRECORD_SCREENSHOTS`` when set (``docs/img`` holds the README's)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.report.test_html_browser import ARGS, CHROMIUM
from tests.web.test_explorer import server  # noqa: F401  (the module's store and server)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian chromium at /usr/bin/chromium"),
]


@pytest.fixture(scope="module")
def browser_page(server: str) -> Iterator[tuple[Any, list[str], str]]:  # noqa: F811
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page(viewport={"width": 420, "height": 900})  # a phone's width
        log: list[str] = []
        page.on("console", lambda msg: log.append(msg.text))
        page.on("pageerror", lambda exc: log.append(str(exc)))
        yield page, log, server
        browser.close()


def _shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("ONRECORD_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_search_then_open_the_quote(browser_page: tuple[Any, list[str], str]) -> None:
    page, log, base = browser_page
    page.goto(base + "/")
    page.fill("input[name=q]", "inch of our land")
    page.click("button[type=submit]")
    page.wait_for_selector("td.quote a")
    assert "4 found" in page.inner_text("body")
    page.click("td.quote a >> nth=0")
    page.wait_for_selector("h1.quote")
    assert "Carried by 4 article(s)" in page.inner_text("body")
    assert not log, log


def test_verify_a_misquote_and_see_the_diff(browser_page: tuple[Any, list[str], str], tmp_path: Path) -> None:
    page, log, base = browser_page
    page.goto(base + "/verify")
    page.fill("input[name=q]", "we will never give up an inch of our land")
    page.click("button[type=submit]")
    page.wait_for_selector("ins")
    assert page.locator("ins").first.inner_text() == "never"
    body = page.inner_text("body")
    assert "trimmed" in body and "different speaker credited" in body and "Also credited to" in body
    page.screenshot(path=str(_shots(tmp_path) / "explorer-verify.png"), full_page=True)
    assert not log, log


def test_open_a_person_and_see_their_chart(browser_page: tuple[Any, list[str], str], tmp_path: Path) -> None:
    page, log, base = browser_page
    page.goto(base + "/people")
    page.click("text=Nikol Pashinyan")
    page.wait_for_selector("svg.chart rect")
    assert page.locator("svg.chart rect").count() >= 3  # three months with attributions
    box = page.locator("svg.chart").bounding_box()
    assert box and box["width"] <= 420  # fits a phone's width
    page.screenshot(path=str(_shots(tmp_path) / "explorer-person.png"), full_page=True)
    assert not log, log
