"""The web app's limits and the headers every response carries, as data defined once.

:class:`~onrecord.settings.WebLimits` (in the light settings module, so the CLI builds its options
without importing the web stack) holds the bounds (request body, article length, analyses at once, how many
requests may wait for a free analysis slot and for how long); ``onrecord serve`` takes them as options. The ASGI
middleware :class:`Guard` refuses a body over the limit with 413 before it is read into memory
(by its ``Content-Length``, or by counting a chunked body as it arrives) and adds
:data:`SECURITY_HEADERS` to every response. :class:`Slots` bounds concurrent analyses and the
queue before them: a request that finds ``max_queued`` others already waiting gets 503 at once,
one that finds no slot free within ``wait_s`` gets 503 then, each with a JSON reason; never an
endless queue. Waiting holds no thread (it is on the event loop).
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import json
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from contextlib import asynccontextmanager
from importlib import resources
from typing import Any

from onrecord.settings import DEFAULT_WEB_LIMITS as DEFAULT_LIMITS
from onrecord.settings import WebLimits

__all__ = ["DEFAULT_LIMITS", "SECURITY_HEADERS", "Busy", "Guard", "Slots", "WebLimits"]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


class Busy(Exception):
    """No analysis slot came free in time."""


class Slots:
    """At most ``limits.max_concurrent`` analyses at once and ``limits.max_queued`` requests
    waiting for one, each for at most ``limits.wait_s``; first come, first served. For one event
    loop (the server's)."""

    def __init__(self, limits: WebLimits) -> None:
        self.limits = limits
        self._sem = asyncio.Semaphore(limits.max_concurrent)
        self._waiting = 0

    @asynccontextmanager
    async def slot(self) -> AsyncIterator[None]:
        lim = self.limits
        if not self._sem.locked():
            await self._sem.acquire()  # free: taken at once, before any other request can look
        else:
            if self._waiting >= lim.max_queued:
                raise Busy(
                    f"the server is busy: {lim.max_concurrent} analyses running and {self._waiting} "
                    "waiting, as many as it queues; try again shortly"
                )
            self._waiting += 1
            try:
                await asyncio.wait_for(self._sem.acquire(), lim.wait_s)
            except TimeoutError:
                raise Busy(
                    f"the server is busy: {lim.max_concurrent} analyses are running and none "
                    f"finished within {lim.wait_s:g} s; try again shortly"
                ) from None
            finally:
                self._waiting -= 1
        try:
            yield
        finally:
            self._sem.release()


def _script_hash(name: str) -> str:
    js = resources.files("onrecord.report").joinpath("assets", name).read_text(encoding="utf-8")
    return "'sha256-" + base64.b64encode(hashlib.sha256(js.encode("utf-8")).digest()).decode() + "'"


#: The pages are self-contained: inline CSS (and ``style`` attributes for the sourcing bar), one
#: inline script of the report (allowed by its hash; the report's data is a JSON block, never
#: run), forms posting back here, nothing loaded from anywhere, never framed.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; "
    f"script-src {_script_hash('report.js')}; "
    "style-src 'unsafe-inline'; "
    "img-src data:; "
    "form-action 'self'; "
    "base-uri 'none'; "
    "frame-ancestors 'none'"
)

SECURITY_HEADERS: tuple[tuple[str, str], ...] = (
    ("content-security-policy", CONTENT_SECURITY_POLICY),
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "no-referrer"),
    ("x-frame-options", "DENY"),
)


#: ``(path, status, detail)`` -> the HTML page of that error on that path, or None for JSON.
ErrorPage = Callable[[str, int, str], str | None]


def _error(status: int, detail: str, page: str | None = None) -> tuple[dict[str, Any], bytes]:
    if page is None:
        body, ctype = json.dumps({"detail": detail}).encode("utf-8"), b"application/json"
    else:
        body, ctype = page.encode("utf-8"), b"text/html; charset=utf-8"
    headers = [(b"content-type", ctype), (b"content-length", str(len(body)).encode())]
    return {"type": "http.response.start", "status": status, "headers": headers}, body


class Guard:
    """ASGI middleware: the body size limit, and the security headers on every response.

    Its 413 is ``{"detail": reason}``, or the page ``error_page`` makes for the request's path
    (the form's routes answer a browser with a page)."""

    def __init__(
        self, app: ASGIApp, limits: WebLimits = DEFAULT_LIMITS, error_page: ErrorPage | None = None
    ) -> None:
        self.app = app
        self.limits = limits
        self.error_page = error_page

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limits.max_body_bytes
        too_large = False

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS if k.encode() not in names]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        async def refuse(size: str) -> None:
            detail = f"request body {size}over the {limit:,}-byte limit; send at most {limit:,} bytes"
            page = self.error_page(scope.get("path", ""), 413, detail) if self.error_page else None
            start, body = _error(413, detail, page)
            await send_with_headers(start)
            await send({"type": "http.response.body", "body": body})

        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await refuse(f"of {int(declared):,} bytes is ")
            return
        seen = 0

        async def counted() -> Message:
            # a body without Content-Length (chunked) is counted as it arrives; over the limit the
            # app is told the client left, and whatever it answers is replaced by the 413
            nonlocal seen, too_large
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    too_large = True
                    return {"type": "http.disconnect"}
            return message

        async def send_unless_refused(message: Message) -> None:
            if not too_large:
                await send_with_headers(message)

        try:
            await self.app(scope, counted, send_unless_refused)
        except Exception:
            if not too_large:
                raise
        if too_large:
            await refuse("")
