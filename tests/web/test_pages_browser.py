"""The served pages under their Content-Security-Policy in a real browser (Debian chromium driven by
playwright): the form posts, the report's popup script runs, and the browser reports no violation."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.report.test_html_browser import ARGS, CHROMIUM
from tests.web.serving import serving

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian chromium at /usr/bin/chromium"),
]


@pytest.fixture(scope="module")
def page_and_log() -> Iterator[tuple[Any, list[str], str]]:
    sync_api = pytest.importorskip("playwright.sync_api")
    with serving() as base, sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page(viewport={"width": 1100, "height": 900})
        log: list[str] = []
        page.on("console", lambda msg: log.append(msg.text))
        page.on("pageerror", lambda exc: log.append(str(exc)))
        yield page, log, base
        browser.close()


def test_form_to_report_under_the_csp(page_and_log: tuple[Any, list[str], str]) -> None:
    page, log, base = page_and_log
    res = page.goto(base + "/")
    assert "script-src" in res.headers["content-security-policy"]
    page.fill("#text", "“We will rebuild the bridge,” the mayor, Anna Petrosyan, said on Monday.")
    page.click("button[type=submit]")
    page.wait_for_selector("[data-a].r-content")
    page.hover("[data-a].r-content")
    assert page.locator("#pop").is_visible()
    assert "said" in page.locator("#pop").inner_text()
    assert not [m for m in log if "Content Security Policy" in m or "Refused" in m], log
