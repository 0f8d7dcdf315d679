"""The web app's limits and headers, on real servers on loopback: blank text, body and text size,
concurrent analyses, and the security headers on every response."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from onrecord.web.limits import SECURITY_HEADERS
from tests.conftest import SEED_TEXT
from tests.web.serving import serving

BODY_LIMIT = 20_000
CHAR_LIMIT = 5_000


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """One analysis at a time, waiting at most 0.2 s for it; small body and text limits."""
    options = ["--max-concurrent", "1", "--wait", "0.2"]
    options += ["--max-body-bytes", str(BODY_LIMIT), "--max-chars", str(CHAR_LIMIT)]
    with serving(*options) as base:
        yield base


@pytest.mark.parametrize(
    ("path", "kwargs"),
    [
        ("/api/analyze", {"json": {"text": ""}}),
        ("/api/analyze", {"json": {"text": " \n\t\u00a0 "}}),
        ("/analyze", {"data": {"text": ""}}),
        ("/analyze", {"data": {"text": "   \n"}}),
        ("/analyze", {"data": {"title": "no text field"}}),
    ],
)
def test_blank_text_is_400_with_a_reason(server: str, path: str, kwargs: dict[str, Any]) -> None:
    """A JSON reason under /api/, an HTML page (with a way back to the form) on the form's route."""
    res = httpx.post(server + path, timeout=30, **kwargs)
    assert res.status_code == 400
    if path.startswith("/api/"):
        assert "empty" in res.json()["detail"]
    else:
        assert res.headers["content-type"].startswith("text/html")
        assert "empty" in res.text and 'href="/analyze"' in res.text


def test_a_form_body_over_the_limit_is_an_html_page(server: str) -> None:
    res = httpx.post(server + "/analyze", data={"text": "word " * (BODY_LIMIT // 4)}, timeout=30)
    assert res.status_code == 413 and res.headers["content-type"].startswith("text/html")
    assert f"{BODY_LIMIT:,}-byte limit" in res.text


@pytest.mark.parametrize(
    ("kwargs", "expected_status"),
    [
        ({"json": {"text": "x" * (CHAR_LIMIT + 1)}}, 413),  # text over the character limit
        ({"json": {"text": "word " * (BODY_LIMIT // 4)}}, 413),  # body over the byte limit
        ({"content": (b"a" * 4096 for _ in range(10)), "headers": {"content-type": "application/json"}}, 413),
        ({"json": {"text": "“Fine,” the mayor said."}}, 200),
    ],
    ids=["chars", "content-length", "chunked", "small"],
)
def test_size_limits(server: str, kwargs: dict[str, Any], expected_status: int) -> None:
    res = httpx.post(server + "/api/analyze", timeout=60, **kwargs)
    assert res.status_code == expected_status, res.text
    if expected_status == 413:
        assert "limit" in res.json()["detail"]


@pytest.mark.parametrize(
    ("method", "path", "kwargs"),
    [
        ("GET", "/", {}),
        ("GET", "/healthz", {}),
        ("GET", "/analyze", {}),
        ("GET", "/docs", {}),
        ("GET", "/favicon.ico", {}),
        ("GET", "/reports/unknown", {}),
        ("GET", "/api/schema", {}),
        ("GET", "/no/such/page", {}),
        ("POST", "/api/analyze", {"json": {"text": ""}}),
        ("POST", "/api/analyze", {"json": {"nope": 1}}),
        ("POST", "/api/analyze", {"content": b"x" * (BODY_LIMIT + 1)}),
        ("POST", "/analyze", {"data": {"text": "“Yes,” she said."}}),
        ("POST", "/analyze", {"data": {"text": "“Yes,” she said."}, "follow_redirects": True}),
        ("POST", "/analyze", {"data": {"text": " "}}),
        ("POST", "/analyze", {"files": {"file": ("x.png", b"\x89PNG\r\n\x1a\n")}}),
    ],
)
def test_security_headers_on_every_response(
    server: str, method: str, path: str, kwargs: dict[str, Any]
) -> None:
    res = httpx.request(method, server + path, timeout=60, **kwargs)
    for name, value in SECURITY_HEADERS:
        assert res.headers.get(name) == value, (name, res.status_code)
    assert "frame-ancestors 'none'" in res.headers["content-security-policy"]


def test_excess_analyses_get_503_promptly_and_healthz_stays_fast(server: str) -> None:
    text = SEED_TEXT.read_text(encoding="utf-8")[: CHAR_LIMIT - 1]
    results: list[tuple[int, float, str]] = []

    def post() -> None:
        t0 = time.monotonic()
        res = httpx.post(server + "/api/analyze", json={"text": text}, timeout=120)
        results.append((res.status_code, time.monotonic() - t0, res.text))

    threads = [threading.Thread(target=post) for _ in range(6)]
    for t in threads:
        t.start()
    time.sleep(0.05)
    t0 = time.monotonic()
    health = httpx.get(server + "/healthz", timeout=10)
    health_s = time.monotonic() - t0
    for t in threads:
        t.join()
    codes = sorted(code for code, _, _ in results)
    assert health.text == "ok" and health_s < 2.0
    assert codes[0] == 200 and codes[-1] == 503, codes
    assert set(codes) == {200, 503}
    for code, seconds, body in results:
        if code == 503:
            assert "busy" in httpx.Response(503, content=body).json()["detail"]
            assert seconds < 10


@pytest.fixture(scope="module")
def queued() -> Iterator[str]:
    """One analysis at a time and one request waiting for it, as long as it takes."""
    with serving("--max-concurrent", "1", "--max-queued", "1", "--wait", "120") as base:
        yield base


def test_requests_past_the_queue_get_503_at_once(queued: str) -> None:
    """One runs, one waits for it; the rest are refused without waiting, long before either answer."""
    text = "\n\n".join([SEED_TEXT.read_text(encoding="utf-8")] * 6)
    results: list[tuple[int, float, str]] = []

    def post() -> None:
        t0 = time.monotonic()
        res = httpx.post(queued + "/api/analyze", json={"text": text}, timeout=120)
        results.append((res.status_code, time.monotonic() - t0, res.text))

    threads = [threading.Thread(target=post) for _ in range(5)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(code for code, _, _ in results) == [200, 200, 503, 503, 503]
    refused = [(s, body) for code, s, body in results if code == 503]
    answered = [s for code, s, _ in results if code == 200]
    assert max(s for s, _ in refused) < min(answered)
    for _, body in refused:
        assert "1 waiting" in httpx.Response(503, content=body).json()["detail"]
