"""The web app, served for real by uvicorn on loopback."""

from __future__ import annotations

import html
import json
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
    assert 'type="file"' in res.text and 'name="mode"' in res.text


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
    res = httpx.post(
        server + "/analyze", data={"text": text, "title": payload}, timeout=60, follow_redirects=True
    )
    assert res.status_code == 200 and res.url.path.startswith("/reports/")
    assert "<script>alert(1)</script>" not in res.text
    assert 'onmouseover="alert(1)' not in res.text


@pytest.mark.parametrize("payload", ["<img src=x onerror=alert(1)>", '" onmouseover="alert(1)'])
def test_upload_names_and_links_are_escaped_on_every_page(server: str, payload: str) -> None:
    """A hostile file name on the list of a JSONL upload and on an error page, a hostile link on
    its error page: shown as text, never as markup."""
    records = "".join(json.dumps({"text": t}) + "\n" for t in ("“Yes,” she said.", "“No,” he said.")).encode()
    pages = [
        httpx.post(
            server + "/analyze",
            files={"file": (f"{payload}.jsonl", records)},
            timeout=60,
            follow_redirects=True,
        ),
        httpx.post(server + "/analyze", files={"file": (f"{payload}.png", b"\x89PNG\r\n\x1a\n")}, timeout=60),
        httpx.post(
            server + "/analyze", files={"file": ("", b"")}, data={"url": f"http://x/{payload}"}, timeout=60
        ),
        httpx.post(
            server + "/analyze", files={"file": ("", b"")}, data={"url": f"ftp://{payload}"}, timeout=60
        ),
    ]
    assert [p.status_code for p in pages] == [200, 415, 502, 400]
    assert "alert(1)" in html.unescape(pages[0].text)  # the name is shown, as text
    for page in pages:
        assert payload not in page.text


def test_bad_requests_get_clear_errors(server: str) -> None:
    assert httpx.post(server + "/api/analyze", json={"nope": 1}).status_code == 422
    res = httpx.post(
        server + "/api/analyze", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert res.status_code == 422 and res.json()["detail"]
    assert httpx.get(server + "/api/schema").json()["title"] == "Report"


@pytest.mark.parametrize("path", ["/analyze", "/api/analyze"])
def test_a_long_multipart_text_field_meets_the_character_limit_not_a_parser_limit(
    server: str, path: str
) -> None:
    """A text field of 1.2 MB (over the multipart parser's default 1 MiB a part, under the body
    limit) is refused for its length in characters, the limit the user can act on."""
    res = httpx.post(server + path, data={"text": "я" * 600_000}, files={"file": ("", b"")}, timeout=60)
    assert res.status_code == 413 and "300,000" in res.text
