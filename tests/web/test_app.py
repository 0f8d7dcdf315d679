"""The web app, served for real by uvicorn on loopback."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from tests.conftest import SEED_TEXT
from tests.web.serving import serving


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with serving() as base:
        yield base


def test_form_page(server: str) -> None:
    res = httpx.get(server + "/")
    assert res.status_code == 200 and "<form" in res.text


def test_api_analyze_returns_the_report(server: str) -> None:
    res = httpx.post(
        server + "/api/analyze", json={"text": SEED_TEXT.read_text(encoding="utf-8")}, timeout=60
    )
    assert res.status_code == 200
    data = res.json()
    assert data["article"]["text"].startswith("In a rare")
    assert data["attributions"]


@pytest.mark.parametrize("payload", ["<script>alert(1)</script>", '" onmouseover="alert(1)'])
def test_html_report_escapes_article_and_title(server: str, payload: str) -> None:
    text = f"“{payload} is fine,” the mayor said. {payload}"
    res = httpx.post(server + "/analyze", data={"text": text, "title": payload}, timeout=60)
    assert res.status_code == 200
    assert "<script>alert(1)</script>" not in res.text
    assert 'onmouseover="alert(1)' not in res.text


def test_bad_requests_get_clear_errors(server: str) -> None:
    assert httpx.post(server + "/api/analyze", json={"nope": 1}).status_code == 422
    assert httpx.get(server + "/api/schema").json()["title"] == "Report"
