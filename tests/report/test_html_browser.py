"""The HTML report in a real browser (Debian chromium driven by playwright): the quote popup shows the
speaker, role and cue; nothing from the article runs. Skips where /usr/bin/chromium is absent.

``ONRECORD_UPDATE_SCREENSHOT=1 pytest tests/report/test_html_browser.py`` rewrites docs/img/seed-report.png.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from onrecord.errors import ModelNotFoundError
from onrecord.report import render
from tests.conftest import REPO, SEED_TEXT
from tests.report.fixtures import build_report

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="needs Debian chromium at /usr/bin/chromium (apt-get install chromium)"
    ),
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


def open_page(browser: Any, html: str, path: Path) -> tuple[Any, list[str]]:
    path.write_text(html, encoding="utf-8")
    page = browser.new_page(viewport={"width": 1100, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("dialog", lambda d: (errors.append("dialog: " + d.message), d.dismiss()))
    page.goto(path.as_uri())
    return page, errors


def test_popup_shows_speaker_and_nothing_from_the_article_runs(browser: Any, tmp_path: Path) -> None:
    payload = '<script>window.__pwned=1</script>" onmouseover="window.__pwned=2" x="'
    report = build_report(payload, url="javascript:window.__pwned=3")
    page, errors = open_page(browser, render(report, "html"), tmp_path / "report.html")
    assert page.locator("#pop").is_hidden()
    page.hover('[data-a~="A2"].r-content')
    pop = page.locator("#pop")
    assert pop.is_visible()
    text = pop.inner_text()
    assert report.speakers[0].name.split()[0] in text and "Petrosyan" in text
    assert "said" in text and "Minister" in text
    # click pins it; Escape hides it (first let go of the hovered popup, which may cover A3)
    page.mouse.move(1, 1)
    page.keyboard.press("Escape")
    page.click('[data-a~="A3"].r-source')
    assert "sources close to the ministry" in page.locator("#pop").inner_text()
    page.keyboard.press("Escape")
    assert page.locator("#pop").is_hidden()
    for el in page.locator(".text span").all()[:60]:
        el.hover()
    page.click("a") if page.locator("a").count() else None
    assert page.evaluate("window.__pwned === undefined")
    assert errors == []


def test_seed_report_screenshot(browser: Any, tmp_path: Path) -> None:
    import onrecord
    from onrecord.ingest import read

    article = next(iter(read([str(SEED_TEXT)])))
    assert not hasattr(article, "reason")
    try:
        report = onrecord.analyze(article)  # type: ignore[arg-type]
    except ModelNotFoundError:  # learned weights not built here: the rule layer alone
        report = onrecord.analyze(article, mode="rules")  # type: ignore[arg-type]
    page, errors = open_page(browser, render(report, "html"), tmp_path / "seed.html")
    assert page.locator(".sent").count() == len(report.sentences)
    first_quote = page.locator("[data-a].r-content").first
    first_quote.hover()
    assert page.locator("#pop").is_visible()
    assert "Kopyrkin" in page.locator("#pop").inner_text()
    shot = tmp_path / "seed-report.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    assert errors == []
    if os.environ.get("ONRECORD_UPDATE_SCREENSHOT"):
        target = REPO / "docs" / "img" / "seed-report.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(shot.read_bytes())
