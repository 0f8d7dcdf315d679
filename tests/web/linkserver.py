"""A news site on loopback for the link tests: ``http.server`` in a thread, serving an article page
(``/news/bridge.html``), a redirect to it (``/go``), plain text, an image and a 404."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler

from tests.ingest.helpers import article_html
from tests.loopback import loopback_server

ARTICLE = "/news/bridge.html"
QUOTE = "We cannot take any risks with public safety"
SPEAKER = "Maria Lindqvist"

_PAGES: dict[str, tuple[int, str, bytes]] = {
    ARTICLE: (200, "text/html; charset=utf-8", article_html().encode("utf-8")),
    "/plain.txt": (200, "text/plain; charset=utf-8", "“It is open,” the mayor said.".encode()),
    "/logo.png": (200, "image/png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 32),
}


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/go":
            self.send_response(302)
            self.send_header("Location", ARTICLE)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        status, ctype, body = _PAGES.get(self.path, (404, "text/plain", b"no such page"))
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass


@contextmanager
def news_site() -> Iterator[str]:
    """The base URL (``http://127.0.0.1:PORT``) of the site, stopped afterwards."""
    with loopback_server(_Handler) as base:
        yield base
