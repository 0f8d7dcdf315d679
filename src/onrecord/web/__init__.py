"""The web app: a thin FastAPI client of ``onrecord.analyze`` and the report renderers.

``create_app(model=...)`` returns the app; ``onrecord serve`` runs it with uvicorn.

- ``GET /``: a form to paste an article.
- ``POST /analyze`` (form field ``text``, optional ``title``, ``url``): the HTML report page.
- ``POST /api/analyze`` (JSON ``{"text": ..., "title": ..., "url": ...}``): the Report JSON.
- ``GET /api/schema``: the Report JSON Schema. ``GET /healthz``: ``ok``.
"""

from __future__ import annotations

from html import escape
from typing import Any

from fastapi import FastAPI, Form, HTTPException
from fastapi.responses import HTMLResponse, PlainTextResponse, Response
from pydantic import BaseModel, Field

from onrecord import __version__
from onrecord.api import DEFAULT_MODEL, analyze
from onrecord.models import Article, report_json_schema
from onrecord.report import render

MAX_CHARS = 2_000_000

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
    text: str = Field(max_length=MAX_CHARS)
    title: str | None = None
    url: str | None = None


def create_app(model: str = DEFAULT_MODEL) -> FastAPI:
    app = FastAPI(title="onrecord", version=__version__)

    def _article(text: str, title: str | None, url: str | None) -> Article:
        if len(text) > MAX_CHARS:
            raise HTTPException(413, f"article text is {len(text)} characters; the limit is {MAX_CHARS}")
        return Article(text=text, title=title or None, url=url or None)

    @app.get("/", response_class=HTMLResponse)
    def index() -> str:
        return _FORM.format(version=escape(__version__), model=escape(model))

    @app.get("/healthz", response_class=PlainTextResponse)
    def healthz() -> str:
        return "ok"

    @app.post("/analyze", response_class=HTMLResponse)
    def analyze_form(text: str = Form(...), title: str = Form(""), url: str = Form("")) -> str:
        return render(analyze(_article(text, title, url), model=model), "html")

    @app.post("/api/analyze")
    def analyze_json(req: AnalyzeRequest) -> Response:
        report = analyze(_article(req.text, req.title, req.url), model=model)
        return Response(report.to_json(), media_type="application/json")

    @app.get("/api/schema")
    def schema() -> dict[str, Any]:
        return report_json_schema()

    return app
