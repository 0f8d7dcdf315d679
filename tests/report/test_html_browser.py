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

    def on_dialog(d: Any) -> None:
        errors.append("dialog: " + d.message)
        d.dismiss()

    page.on("dialog", on_dialog)
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


CSP_ORIGIN = "http://report.test/"


@pytest.fixture(scope="module")
def seed_html() -> str:
    import onrecord
    from onrecord.ingest import read

    article = next(iter(read([str(SEED_TEXT)])))
    try:
        report = onrecord.analyze(article)  # type: ignore[arg-type]
    except ModelNotFoundError:
        report = onrecord.analyze(article, mode="rules")  # type: ignore[arg-type]
    assert len(report.attributions) >= 3
    return render(report, "html")


@pytest.fixture
def served(browser: Any, seed_html: str) -> Iterator[tuple[Any, list[str]]]:
    """The seed report served with the web app's Content-Security-Policy header; every console message
    and page error is logged."""
    from onrecord.web.limits import CONTENT_SECURITY_POLICY

    page = browser.new_page(viewport={"width": 1100, "height": 900})
    log: list[str] = []
    page.on("console", lambda msg: log.append(f"{msg.type}: {msg.text}"))
    page.on("pageerror", lambda exc: log.append(f"pageerror: {exc}"))
    page.route(
        CSP_ORIGIN + "**",
        lambda route: route.fulfill(
            status=200,
            body=seed_html,
            headers={
                "content-type": "text/html; charset=utf-8",
                "content-security-policy": CONTENT_SECURITY_POLICY,
            },
        ),
    )
    page.goto(CSP_ORIGIN)
    yield page, log
    assert not [m for m in log if m.startswith(("error", "pageerror")) or "Content Security Policy" in m], log
    page.close()


def _visible_rows(page: Any) -> list[str]:
    return [
        str(x)
        for x in page.eval_on_selector_all("table.atts tbody tr:not([hidden])", "rs => rs.map(r => r.id)")
    ]


def test_filter_table_to_one_speaker(served: tuple[Any, list[str]]) -> None:
    page, _ = served
    rows = page.eval_on_selector_all(
        "table.atts tbody tr", "rs => rs.map(r => [r.id, r.getAttribute('data-speaker')])"
    )
    key = rows[0][1]
    theirs = [rid for rid, k in rows if k == key]
    assert len(theirs) < len(rows)
    page.select_option("#f-speaker", key)
    assert _visible_rows(page) == theirs
    assert f"{len(theirs)} of {len(rows)} shown" in page.inner_text("#shown")
    page.select_option("#f-speaker", "")
    page.select_option("#f-kind", "direct")
    kinds = page.eval_on_selector_all(
        "table.atts tbody tr:not([hidden])", "rs => rs.map(r => r.dataset.kind)"
    )
    assert kinds and set(kinds) == {"direct"}
    page.select_option("#f-kind", "")
    assert len(_visible_rows(page)) == len(rows)


def test_sort_by_a_column(served: tuple[Any, list[str]]) -> None:
    page, _ = served

    def column(n: int) -> list[str]:
        return [
            str(x)
            for x in page.eval_on_selector_all(
                "table.atts tbody tr", f"rs => rs.map(r => r.cells[{n}].textContent.trim())"
            )
        ]

    ids = column(0)
    page.click('button.sort[data-col="0"]')  # ascending, numerically: A2 before A10
    assert column(0) == sorted(ids, key=lambda i: int(i[1:]))
    page.click('button.sort[data-col="0"]')
    assert column(0) == sorted(ids, key=lambda i: int(i[1:]), reverse=True)
    assert page.get_attribute("table.atts th:nth-child(1)", "aria-sort") == "descending"
    page.click('button.sort[data-col="2"]')  # by speaker: each speaker's rows together
    names = column(2)
    runs = [n for k, n in enumerate(names) if k == 0 or names[k - 1] != n]
    assert len(runs) == len(set(names))
    assert page.get_attribute("table.atts th:nth-child(3)", "aria-sort") == "ascending"


def test_row_link_lands_on_the_span_and_back(served: tuple[Any, list[str]]) -> None:
    page, _ = served
    last = page.locator("table.atts tbody tr td.aid a").last
    href = last.get_attribute("href")
    assert href and href.startswith("#a-")
    last.click()
    assert page.evaluate("location.hash") == href
    span = page.locator(href)
    assert span.is_visible()
    assert page.evaluate(
        "(sel) => { const r = document.querySelector(sel).getBoundingClientRect();"
        " return r.top >= 0 && r.bottom <= innerHeight; }",
        href,
    )
    # and back: the span's popup links to its row
    span.click()
    back = page.locator("#pop a.back").first
    assert back.is_visible()
    back.click()
    rid = "#row-" + href[3:]
    assert page.evaluate("location.hash") == rid
    assert page.locator(rid).is_visible()


def test_click_speaker_highlights_their_quotes(served: tuple[Any, list[str]]) -> None:
    page, _ = served
    who = page.locator("table.atts button.who").first
    key = who.get_attribute("data-speaker")
    ids = page.eval_on_selector_all(
        f'table.atts tbody tr[data-speaker="{key}"]', "rs => rs.map(r => r.id.slice(4))"
    )
    who.click()
    assert _visible_rows(page) == [f"row-{i}" for i in ids]
    lit = page.eval_on_selector_all(".text .hl", "es => es.map(e => e.getAttribute('data-a').split(' '))")
    assert lit, "no span highlighted"
    assert all(set(x) & set(ids) for x in lit)
    for i in ids:
        assert (
            page.locator(f'.text [data-a~="{i}"]').count()
            == page.locator(f'.text .hl[data-a~="{i}"]').count()
        )
    who.click()  # again: back to all
    assert page.locator(".text .hl").count() == 0


def test_sentence_labels_switch_off_and_popup_sits_below(served: tuple[Any, list[str]]) -> None:
    page, _ = served
    tag = page.locator(".text .tag").first
    assert tag.is_visible()
    page.uncheck("#show-labels")
    assert not tag.is_visible()
    page.check("#show-labels")
    assert tag.is_visible()
    quote = page.locator("[data-a].r-content").first
    quote.hover()
    box, pop = quote.bounding_box(), page.locator("#pop").bounding_box()
    assert box and pop and pop["y"] >= box["y"] + box["height"]  # never over the span it explains
