"""``http(s)://`` inputs: fetched only when asked (``fetch_urls``), never from private networks unless allowed.

Safety rules: the host name is resolved first and every address it resolves to must be a public
one -- loopback, private (RFC 1918, unique-local), link-local, multicast, reserved, unspecified
and shared (CGNAT) addresses are refused unless ``allow_private`` -- and the connection then goes
to that checked address (no second lookup a DNS rebinding could change). Redirects (at most
:data:`MAX_REDIRECTS`) are checked the same way. Bodies over :data:`MAX_ARTICLE_BYTES` are
refused; every socket operation times out after :data:`TIMEOUT_S` seconds.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
from urllib.parse import urljoin, urlsplit

from onrecord.ingest.charset import charset_from_content_type
from onrecord.ingest.common import MAX_ARTICLE_BYTES, error, too_big
from onrecord.ingest.html import article_from_html
from onrecord.ingest.txt import article_from_bytes
from onrecord.models import Article, IngestErrorRecord, Origin

TIMEOUT_S = 20.0
MAX_REDIRECTS = 5
USER_AGENT = "onrecord/0.1 (+https://onrecord.invalid)"

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class FetchRefused(Exception):
    """A URL that must not or cannot be fetched; the message says why."""


def is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


def address_problem(ip: IPAddress) -> str | None:
    """Why fetching from ``ip`` is refused by default, or None if it is a public address."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return address_problem(ip.ipv4_mapped)
    checks = (
        ("loopback", ip.is_loopback),
        ("link-local", ip.is_link_local),
        ("multicast", ip.is_multicast),
        ("unspecified", ip.is_unspecified),
        ("reserved", ip.is_reserved),
        ("private", ip.is_private),
        (
            "shared (carrier-grade NAT)",
            isinstance(ip, ipaddress.IPv4Address) and ip in ipaddress.ip_network("100.64.0.0/10"),
        ),
        ("non-global", not ip.is_global),
    )
    for name, hit in checks:
        if hit:
            return f"{name} address {ip}"
    return None


def resolve(host: str, port: int, *, allow_private: bool) -> str:
    """The address to connect to for ``host``; raises FetchRefused for private ones unless allowed."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise FetchRefused(f"cannot resolve host {host!r}: {exc.strerror}") from exc
    addrs = list(dict.fromkeys(str(info[4][0]) for info in infos))
    if not addrs:
        raise FetchRefused(f"host {host!r} has no address")
    if not allow_private:
        for a in addrs:
            problem = address_problem(ipaddress.ip_address(a.split("%")[0]))
            if problem:
                raise FetchRefused(
                    f"refused: {host} resolves to a {problem}; pass --allow-private to fetch it anyway"
                )
    return addrs[0]


class _PinnedHTTP(http.client.HTTPConnection):
    def __init__(self, host: str, ip: str, port: int, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self._ip = ip

    def connect(self) -> None:
        self.sock = socket.create_connection((self._ip, self.port), self.timeout)


class _PinnedHTTPS(http.client.HTTPSConnection):
    def __init__(self, host: str, ip: str, port: int, timeout: float) -> None:
        self._ctx = ssl.create_default_context()
        super().__init__(host, port, timeout=timeout, context=self._ctx)
        self._ip = ip

    def connect(self) -> None:
        sock = socket.create_connection((self._ip, self.port), self.timeout)
        self.sock = self._ctx.wrap_socket(sock, server_hostname=self.host)


def fetch(url: str, *, allow_private: bool = False, timeout: float = TIMEOUT_S) -> tuple[str, bytes, str]:
    """GET ``url``: ``(final url, body, content type)``. Raises FetchRefused with the reason."""
    for _ in range(MAX_REDIRECTS + 1):
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FetchRefused(f"not an http(s) URL: {url}")
        host = parts.hostname
        port = parts.port or (443 if parts.scheme == "https" else 80)
        ip = resolve(host, port, allow_private=allow_private)
        conn_cls = _PinnedHTTPS if parts.scheme == "https" else _PinnedHTTP
        conn = conn_cls(host, ip, port, timeout)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        try:
            conn.request(
                "GET",
                target,
                headers={
                    "User-Agent": USER_AGENT,
                    "Accept-Encoding": "identity",
                    "Accept": "text/html,text/plain;q=0.9,*/*;q=0.1",
                },
            )
            resp = conn.getresponse()
            if resp.status in (301, 302, 303, 307, 308):
                location = resp.getheader("Location")
                if not location:
                    raise FetchRefused(f"HTTP {resp.status} redirect without a Location header")
                url = urljoin(url, location)
                continue
            if resp.status != 200:
                raise FetchRefused(f"HTTP {resp.status} {resp.reason}")
            length = resp.getheader("Content-Length")
            if length and length.isdigit() and int(length) > MAX_ARTICLE_BYTES:
                raise FetchRefused(too_big(int(length)))
            body = resp.read(MAX_ARTICLE_BYTES + 1)
            if len(body) > MAX_ARTICLE_BYTES:
                raise FetchRefused(too_big())
            return url, body, resp.getheader("Content-Type") or ""
        except (OSError, http.client.HTTPException) as exc:
            if isinstance(exc, TimeoutError | socket.timeout):
                raise FetchRefused(f"timed out after {timeout:g} s") from exc
            raise FetchRefused(f"fetch failed: {exc}") from exc
        finally:
            conn.close()
    raise FetchRefused(f"more than {MAX_REDIRECTS} redirects")


def read_url(url: str, *, fetch_urls: bool, allow_private: bool) -> Article | IngestErrorRecord:
    if not fetch_urls:
        return error(url, "URLs are only fetched when asked: pass --fetch (fetch_urls=True in the API)")
    try:
        final, body, ctype = fetch(url, allow_private=allow_private)
    except FetchRefused as exc:
        return error(url, str(exc))
    origin = Origin(url=final)
    kind = ctype.split(";")[0].strip().lower()
    if kind in ("text/plain",):
        art = article_from_bytes(body, source=url, origin=origin)
        return art.model_copy(update={"url": final}) if isinstance(art, Article) else art
    if kind and "html" not in kind:
        return error(url, f"content type {kind!r} is not HTML or plain text")
    return article_from_html(
        body, source=url, origin=origin, url=final, charset=charset_from_content_type(ctype)
    )
