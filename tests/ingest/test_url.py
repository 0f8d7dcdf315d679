from __future__ import annotations

import ipaddress
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler

import pytest

from onrecord.ingest import read
from onrecord.ingest.url import address_problem, is_url
from onrecord.models import Article, IngestErrorRecord
from tests.ingest.helpers import PARAGRAPHS, article_html
from tests.loopback import loopback_server


@pytest.mark.parametrize(
    ("ip", "problem"),
    [
        ("127.0.0.1", "loopback"),
        ("127.8.9.10", "loopback"),
        ("::1", "loopback"),
        ("10.1.2.3", "private"),
        ("172.16.0.1", "private"),
        ("192.168.1.1", "private"),
        ("fc00::1", "private"),
        ("169.254.169.254", "link-local"),  # cloud metadata endpoint
        ("fe80::1", "link-local"),
        ("0.0.0.0", "unspecified"),
        ("::", "unspecified"),
        ("224.0.0.1", "multicast"),
        ("240.0.0.1", "reserved"),
        ("100.64.0.1", "shared (carrier-grade NAT)"),
        ("::ffff:127.0.0.1", "loopback"),
        ("::ffff:10.0.0.1", "private"),
        ("8.8.8.8", None),
        ("93.184.215.14", None),
        ("2606:4700:4700::1111", None),
    ],
)
def test_address_problem(ip: str, problem: str | None) -> None:
    got = address_problem(ipaddress.ip_address(ip))
    if problem is None:
        assert got is None
    else:
        assert got is not None and got.startswith(problem)


@pytest.mark.parametrize(
    ("source", "expected"),
    [("http://x.org", True), ("HTTPS://x.org/a", True), ("ftp://x.org", False), ("x.html", False)],
)
def test_is_url(source: str, expected: bool) -> None:
    assert is_url(source) is expected


PAGE = article_html().encode()
PLAIN = b"  Plain text, exactly as served.\n"


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        routes: dict[str, tuple[int, str, bytes, dict[str, str]]] = {
            "/article": (200, "text/html; charset=utf-8", PAGE, {}),
            "/plain": (200, "text/plain; charset=utf-8", PLAIN, {}),
            "/image": (200, "image/png", b"\x89PNG\r\n\x1a\n", {}),
            "/moved": (302, "text/html", b"", {"Location": "/article"}),
            "/loop": (302, "text/html", b"", {"Location": "/loop"}),
            "/huge": (200, "text/html", b"<html></html>", {"Content-Length": str(50 * 1024 * 1024)}),
        }
        status, ctype, body, extra = routes.get(self.path, (404, "text/html", b"<h1>not found</h1>", {}))
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        if "Content-Length" not in extra:
            self.send_header("Content-Length", str(len(body)))
        for k, v in extra.items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with loopback_server(_Handler) as base:
        yield base


def test_urls_need_fetch(server: str) -> None:
    (err,) = read([f"{server}/article"])
    assert isinstance(err, IngestErrorRecord) and "--fetch" in err.reason


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_loopback_refused_by_default(server: str, host: str) -> None:
    url = server.replace("127.0.0.1", host) + "/article"
    (err,) = read([url], fetch_urls=True)
    assert isinstance(err, IngestErrorRecord)
    assert err.source == url
    assert "refused" in err.reason and "loopback" in err.reason and "--allow-private" in err.reason


def test_fetch_html_from_loopback(server: str) -> None:
    (art,) = read([f"{server}/article"], fetch_urls=True, allow_private=True)
    assert isinstance(art, Article)
    assert PARAGRAPHS[0] in art.text
    assert art.title == "Council closes harbour bridge"
    assert art.url == f"{server}/article" and art.origin.url == f"{server}/article"


def test_fetch_follows_redirects(server: str) -> None:
    (art,) = read([f"{server}/moved"], fetch_urls=True, allow_private=True)
    assert isinstance(art, Article) and art.url == f"{server}/article"


def test_fetch_plain_text_is_exact(server: str) -> None:
    (art,) = read([f"{server}/plain"], fetch_urls=True, allow_private=True)
    assert isinstance(art, Article) and art.text == PLAIN.decode()


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/missing", "HTTP 404"),
        ("/image", "content type 'image/png' is not HTML or plain text"),
        ("/loop", "more than 5 redirects"),
        ("/huge", "too large (50.0 MiB"),
    ],
)
def test_fetch_errors(server: str, path: str, reason: str) -> None:
    items = list(read([f"{server}{path}", f"{server}/plain"], fetch_urls=True, allow_private=True))
    assert isinstance(items[0], IngestErrorRecord) and reason in items[0].reason
    assert isinstance(items[1], Article)


def test_unresolvable_host() -> None:
    (err,) = read(["http://no-such-host.invalid/x"], fetch_urls=True)
    assert isinstance(err, IngestErrorRecord) and "cannot resolve host" in err.reason
