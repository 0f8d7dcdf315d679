"""The web app: a thin FastAPI client of ``onrecord.analyze``, the report renderers and the store.

``create_app(model=..., db=...)`` returns the app; ``onrecord serve`` runs it with uvicorn.

- ``GET /analyze`` (and ``GET /`` when no store is served): the form — paste an article's text
  or HTML, upload a file (.txt, .html, .html.gz, .jsonl), or give a link; choose a mode.
- ``POST /analyze``: analyses and redirects to the report page ``/reports/{id}``, which links back
  to the form and to the JSON, CSV (quote sheet) and standalone HTML downloads.
- ``POST /api/analyze``: JSON ``{"text" | "html" | "url": ..., "title", "mode"}`` or a multipart
  form with a ``file``; answers the Report JSON. See :mod:`onrecord.web.analyse`.
- ``GET /api/schema``: the Report JSON Schema. ``GET /healthz``: ``ok``. ``GET /docs``: every
  route, on a page of its own (no external assets); ``GET /openapi.json``: the OpenAPI document.
- with ``db``: the corpus explorer over that store (:mod:`onrecord.web.explorer`), ``GET /`` its
  quote search.

Links are fetched as ``onrecord ingest --fetch`` fetches them: loopback, private, link-local and
reserved addresses are refused (after DNS resolution and on every redirect) unless
``allow_private``. Limits (:class:`onrecord.web.limits.WebLimits`): a body over
``max_body_bytes`` or a text over ``max_chars`` gets 413, blank text 400, and a request that
finds every analysis slot taken for ``wait_s`` gets 503 — an HTML page on the form's routes,
JSON ``{"detail": reason}`` elsewhere. The analyses run in ``max_concurrent`` worker processes
(:mod:`onrecord.web.workers`), started with the server: in parallel, and never holding the GIL
of the process that answers (``/healthz`` among the rest). Every response carries the security headers of
:data:`onrecord.web.limits.SECURITY_HEADERS`.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.concurrency import run_in_threadpool

from onrecord import __version__
from onrecord.api import DEFAULT_MODEL
from onrecord.models import report_json_schema
from onrecord.web.limits import DEFAULT_LIMITS, Busy, Guard, WebLimits

__all__ = ["WebLimits", "create_app"]


def create_app(
    model: str = DEFAULT_MODEL,
    limits: WebLimits = DEFAULT_LIMITS,
    db: str | Path | None = None,
    *,
    allow_private: bool = False,
) -> Guard:
    """The app (FastAPI, wrapped in the ASGI :class:`~onrecord.web.limits.Guard` of ``limits``);
    with ``db``, the corpus explorer over that store as well (opened read-only). ``allow_private``
    lets links to loopback and private addresses be fetched (for tests; never on a shared host)."""
    from onrecord.web import forms
    from onrecord.web.analyse import add_analyse
    from onrecord.web.workers import WorkerLost, Workers

    workers = Workers(model, limits.max_concurrent)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await run_in_threadpool(workers.start)  # the server answers once every worker is loaded
        try:
            yield
        finally:
            await run_in_threadpool(workers.close)

    app = FastAPI(title="onrecord", version=__version__, docs_url=None, redoc_url=None, lifespan=lifespan)
    if db is not None:
        from onrecord.web.explorer import add_explorer

        add_explorer(app, db)
    error_page = add_analyse(
        app, model=model, limits=limits, workers=workers, allow_private=allow_private, home=db is None
    )

    @app.exception_handler(Busy)
    @app.exception_handler(WorkerLost)
    def busy(request: Request, exc: Exception) -> Response:
        headers = {"Retry-After": "5"}
        page = error_page(request.url.path, 503, str(exc))
        if page is not None:
            return HTMLResponse(page, status_code=503, headers=headers)
        return JSONResponse({"detail": str(exc)}, status_code=503, headers=headers)

    @app.get("/healthz", response_class=PlainTextResponse, summary="ok when the server is up")
    async def healthz() -> str:  # on the event loop: answers while every worker thread analyses
        return "ok"

    @app.get("/api/schema", summary="The JSON Schema of a Report")
    def schema() -> dict[str, Any]:
        return report_json_schema()

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def docs() -> str:
        return forms.docs_page(app.openapi())

    @app.get("/favicon.ico", include_in_schema=False)
    async def favicon() -> Response:
        return Response(status_code=204, headers={"cache-control": "public, max-age=86400"})

    return Guard(app, limits, error_page=error_page)
