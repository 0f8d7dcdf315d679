"""The web app: a thin FastAPI client of ``onrecord.analyze``, the report renderers and the store.

``create_app(model=..., db=...)`` returns the app; ``onrecord serve`` runs it with uvicorn.

- ``GET /analyze`` (and ``GET /`` when no store is served): a form to paste an article.
- ``POST /analyze`` (form field ``text``, optional ``title``, ``url``): the HTML report page.
- ``POST /api/analyze`` (JSON ``{"text": ..., "title": ..., "url": ...}``): the Report JSON.
- ``GET /api/schema``: the Report JSON Schema. ``GET /healthz``: ``ok``.
- with ``db``: the corpus explorer over that store (:mod:`onrecord.web.explorer`), ``GET /`` its
  quote search.

Limits (:class:`onrecord.web.limits.WebLimits`): a body over ``max_body_bytes`` or a text over
``max_chars`` gets 413, blank text 400, and a request that finds every analysis slot taken for
``wait_s`` gets 503, each with a JSON ``{"detail": reason}``. Every response carries the security
headers of :data:`onrecord.web.limits.SECURITY_HEADERS`.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from pydantic import BaseModel

from onrecord import __version__
from onrecord.api import DEFAULT_MODEL, analyze
from onrecord.models import Article, Report, report_json_schema
from onrecord.report import render
from onrecord.web.limits import DEFAULT_LIMITS, Busy, Guard, Slots, WebLimits

__all__ = ["WebLimits", "create_app"]

_FORM = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>onrecord</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{{font:16px/1.5 system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#1d2330}}
textarea{{width:100%;min-height:22rem;font:inherit;padding:.6rem;border:1px solid #b8c0cc;border-radius:6px}}
input{{font:inherit;padding:.3rem .5rem;width:100%;border:1px solid #b8c0cc;border-radius:6px}}
button{{font:inherit;padding:.5rem 1.2rem;border:0;border-radius:6px;background:#234e8c;color:#fff;cursor:pointer}}
label{{display:block;margin:.8rem 0 .2rem;font-weight:600}}
</style></head><body>
<h1>onrecord</h1><p>Who said this, in what capacity, and on whose authority? Paste an article.</p>
<form method="post" action="/analyze">
<label for="title">Title (optional)</label><input id="title" name="title">
<label for="text">Article text</label><textarea id="text" name="text" required></textarea>
<p><button type="submit">Analyse</button></p></form>
<p><small>onrecord {version} · model {model} · JSON API: <code>POST /api/analyze</code></small></p>
</body></html>"""


class AnalyzeRequest(BaseModel):
    text: str
    title: str | None = None
    url: str | None = None


def create_app(
    model: str = DEFAULT_MODEL, limits: WebLimits = DEFAULT_LIMITS, db: str | Path | None = None
) -> Guard:
    """The app (FastAPI, wrapped in the ASGI :class:`~onrecord.web.limits.Guard` of ``limits``);
    with ``db``, the corpus explorer over that store as well (opened read-only)."""
    app = FastAPI(title="onrecord", version=__version__)
    if db is not None:
        from onrecord.web.explorer import add_explorer

        add_explorer(app, db)
    slots = Slots(limits)

    def _report(text: str, title: str | None, url: str | None) -> Report:
        if not text.strip():
            raise HTTPException(400, "the article text is empty (or only whitespace); paste an article")
        if len(text) > limits.max_chars:
            raise HTTPException(
                413, f"the article text is {len(text):,} characters; the limit is {limits.max_chars:,}"
            )
        article = Article(text=text, title=title or None, url=url or None)
        with slots.slot():
            return analyze(article, model=model)

    @app.exception_handler(Busy)
    def busy(request: Request, exc: Busy) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=503, headers={"Retry-After": "5"})

    def form() -> str:
        return _FORM.format(version=escape(__version__), model=escape(model))

    app.add_api_route("/analyze", form, methods=["GET"], response_class=HTMLResponse)
    if db is None:
        app.add_api_route("/", form, methods=["GET"], response_class=HTMLResponse)

    @app.get("/healthz", response_class=PlainTextResponse)
    async def healthz() -> str:  # on the event loop: answers while every worker thread analyses
        return "ok"

    @app.post("/analyze", response_class=HTMLResponse)
    def analyze_form(text: str = Form(""), title: str = Form(""), url: str = Form("")) -> str:
        return render(_report(text, title, url), "html")

    @app.post("/api/analyze")
    def analyze_json(req: AnalyzeRequest) -> Response:
        return Response(_report(req.text, req.title, req.url).to_json(), media_type="application/json")

    @app.get("/api/schema")
    def schema() -> dict[str, Any]:
        return report_json_schema()

    return Guard(app, limits)
