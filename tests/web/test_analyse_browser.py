"""The analyse form in real Chromium (Debian chromium + playwright): paste a news page's HTML and see
its quotes, upload a file, analyse a link to a loopback news site (server started with
``--allow-private``) and see the same link refused by a server without it; download the JSON and
go back to the form; no script error and no security-policy violation. Screenshots of the form and
of a report page go to a temporary folder, or to ``$ONRECORD_SCREENSHOTS`` when set."""

from __future__ import annotations

import gzip
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from onrecord.models import Report
from tests.ingest.helpers import article_html
from tests.report.test_html_browser import (
    CHROMIUM,
    browser,  # noqa: F401  (one Chromium per module)
)
from tests.web.linkserver import ARTICLE, QUOTE, SPEAKER
from tests.web.test_analyse import server, site, strict  # noqa: F401  (the module's servers)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian chromium at /usr/bin/chromium"),
]

Page = tuple[Any, list[str]]


@pytest.fixture
def tab(browser: Any) -> Iterator[Page]:  # noqa: F811  (the imported fixture)
    context = browser.new_context(viewport={"width": 1100, "height": 900}, accept_downloads=True)
    page = context.new_page()
    log: list[str] = []
    page.on("console", lambda msg: log.append(msg.text))
    page.on("pageerror", lambda exc: log.append(str(exc)))
    yield page, log
    context.close()


def _shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("ONRECORD_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _submit_and_wait(page: Any) -> None:
    page.click("button[type=submit]")
    page.wait_for_selector("#onrecord-bar", timeout=120_000)


def _report_text(page: Any) -> str:
    return str(page.inner_text("main"))


def test_paste_html_and_see_its_quotes(tab: Page, server: str, tmp_path: Path) -> None:  # noqa: F811
    page, log = tab
    page.goto(server + "/")
    page.fill("#text", article_html())
    page.screenshot(path=str(_shots(tmp_path) / "web-form.png"), full_page=True)
    _submit_and_wait(page)
    text = _report_text(page)
    assert QUOTE in text and SPEAKER in text
    assert "<p>" not in text and "Privacy policy" not in text  # the page's text, not its markup
    page.screenshot(path=str(_shots(tmp_path) / "web-report.png"), full_page=False)
    assert not log, log


def test_upload_a_file_then_download_and_go_back(tab: Page, server: str, tmp_path: Path) -> None:  # noqa: F811
    page, log = tab
    page.goto(server + "/analyze")
    gz = tmp_path / "bridge.html.gz"
    gz.write_bytes(gzip.compress(article_html().encode("utf-8")))
    page.set_input_files("#file", str(gz))
    page.select_option("#mode", "rules")
    _submit_and_wait(page)
    assert QUOTE in _report_text(page)
    with page.expect_download() as info:
        page.click("#onrecord-bar >> text=JSON")
    report = Report.from_json(Path(info.value.path()).read_text(encoding="utf-8"))
    assert report.article.origin.path == "bridge.html.gz" and report.engine and report.engine.mode == "rules"
    page.click("text=Analyse another article")
    page.wait_for_selector("#text")
    assert page.url.endswith("/analyze")
    assert not log, log


def test_upload_a_jsonl_and_open_one_article(tab: Page, server: str, tmp_path: Path) -> None:  # noqa: F811
    page, log = tab
    page.goto(server + "/analyze")
    path = tmp_path / "few.jsonl"
    records = [
        {"text": "“The ferry will run all summer,” said Tom Berg.", "title": "Ferry"},
        {"html": article_html()},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    page.set_input_files("#file", str(path))
    page.click("button[type=submit]")
    page.wait_for_selector("text=2 article(s) analysed")
    page.click("text=Ferry")
    page.wait_for_selector("#onrecord-bar")
    assert "Tom Berg" in _report_text(page)
    page.click("text=All articles of this upload")
    page.wait_for_selector("text=2 article(s) analysed")
    assert not log, log


def test_analyse_a_loopback_link_with_allow_private(tab: Page, server: str, site: str) -> None:  # noqa: F811
    page, log = tab
    page.goto(server + "/analyze")
    page.fill("#url", site + ARTICLE)
    _submit_and_wait(page)
    text = _report_text(page)
    assert QUOTE in text and SPEAKER in text
    assert not log, log


def test_a_loopback_link_is_refused_without_it(tab: Page, strict: str, site: str) -> None:  # noqa: F811
    page, log = tab
    page.goto(strict + "/analyze")
    page.fill("#url", site + ARTICLE)
    page.click("button[type=submit]")
    page.wait_for_selector("[role=alert]")
    alert = page.inner_text("[role=alert]")
    assert "400" in alert and "loopback address 127.0.0.1" in alert and "--allow-private" in alert
    page.click("text=Back to the form")
    page.wait_for_selector("#url")
    # the console logs the 400 of the refused page itself; nothing else may appear
    assert all("400" in m for m in log), log
