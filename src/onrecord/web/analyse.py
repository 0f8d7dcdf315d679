"""The analyse pages and API: an article pasted, uploaded or linked in, its report out.

- ``GET /analyze``: the form (text or HTML pasted, a file, or a link; a mode).
- ``POST /analyze`` (multipart or url-encoded form: ``text``, ``file``, ``url``, ``title``,
  ``mode``): analyses, keeps the result in :class:`Recent` and redirects (303) to its page,
  ``GET /reports/{id}``: the HTML report with a bar linking back to the form and to the
  downloads ``/reports/{id}/{n}.json`` (the Report), ``.csv`` (its quote sheet) and ``.html``
  (the standalone report). A JSONL upload's page lists its articles, each with its own page
  ``/reports/{id}/{n}`` and downloads, and ``/reports/{id}.csv`` is the sheet of them all.
- ``POST /api/analyze``: a JSON body ``{"text" | "html" | "url": ..., "title", "mode"}`` or a
  multipart form as above; answers the Report JSON, or for a ``.jsonl`` upload
  ``{"reports": [...], "errors": [...]}``.

The results are kept in memory, in a bounded least-recently-used store keyed by random ids (see
:class:`Recent`), not in a database: the server stays stateless across restarts, and a download
never analyses the article again (a fetched page could have changed, an upload would have to be
sent again). An input problem is a :class:`~onrecord.web.inputs.Problem`: an HTML error page on
the form's routes, ``{"detail": ...}`` under ``/api/``.
"""

from __future__ import annotations

import json
import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from pydantic import BaseModel, ConfigDict, ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile as StarletteUpload

from onrecord import __version__
from onrecord.errors import InputError
from onrecord.models import Article, IngestErrorRecord, Report
from onrecord.report import render
from onrecord.report.common import display_title
from onrecord.report.sheet import render_csv
from onrecord.web import forms
from onrecord.web.inputs import (
    TAKES,
    Item,
    Problem,
    check_mode,
    from_html,
    from_link,
    from_text,
    from_upload,
    is_multi,
)
from onrecord.web.limits import Slots, WebLimits
from onrecord.web.workers import Workers

KEEP_RESULTS = 64
"""Most results :class:`Recent` keeps."""
KEEP_BYTES = 64 * 1024 * 1024
"""Most bytes of report JSON :class:`Recent` keeps, all results together."""


@dataclass(frozen=True)
class Result:
    """One request's analyses: the reports (as their JSON), the inputs that yielded none, and
    whether the input was a multi-article file (its page is then a list)."""

    reports: tuple[str, ...]
    errors: tuple[IngestErrorRecord, ...] = ()
    several: bool = False

    @property
    def size(self) -> int:
        return sum(len(r) for r in self.reports)


class Recent:
    """The last results, at most ``max_items`` and ``max_bytes`` of report JSON; the least recently
    used go first. Ids are random (``secrets.token_urlsafe``), so one user cannot guess another's."""

    def __init__(self, max_items: int = KEEP_RESULTS, max_bytes: int = KEEP_BYTES) -> None:
        self.max_items = max_items
        self.max_bytes = max_bytes
        self._items: OrderedDict[str, Result] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def put(self, result: Result) -> str:
        rid = secrets.token_urlsafe(12)
        with self._lock:
            self._items[rid] = result
            self._bytes += result.size
            while len(self._items) > 1 and (
                len(self._items) > self.max_items or self._bytes > self.max_bytes
            ):
                _, old = self._items.popitem(last=False)
                self._bytes -= old.size
        return rid

    def get(self, rid: str) -> Result:
        with self._lock:
            result = self._items.get(rid)
            if result is None:
                raise Problem(
                    404,
                    f"no report {rid[:40]!r} here: the server keeps the last {self.max_items} results "
                    "in memory only (and none across a restart); analyse the article again",
                )
            self._items.move_to_end(rid)
            return result

    def __len__(self) -> int:
        return len(self._items)


class AnalyzeRequest(BaseModel):
    """The JSON body of ``POST /api/analyze``: one of ``text``, ``html`` or ``url`` (fetched when
    it comes alone; with text or HTML it is the article's address)."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = None
    html: str | None = None
    url: str | None = None
    title: str | None = None
    mode: str | None = None


@dataclass(frozen=True)
class Given:
    """What one request gave to analyse (``data``: an uploaded file's bytes, or None)."""

    text: str = ""
    html: str = ""
    data: bytes | None = None
    filename: str | None = None
    url: str = ""
    title: str = ""
    mode: str = ""


def _items(given: Given, *, allow_private: bool) -> list[Item]:
    """The article(s) of one request: exactly one of text, HTML or a file; else a link to fetch
    (with one of those, the link is the article's address)."""
    has = (bool(given.text.strip()), bool(given.html.strip()), given.data is not None)
    ways = [w for w, g in zip(("text", "HTML", "a file"), has, strict=True) if g]
    title = given.title.strip() or None
    url = given.url.strip()
    if len(ways) > 1:
        raise Problem(400, f"give the article one way, not {' and '.join(ways)}: clear all but one of them")
    if given.data is not None:
        return from_upload(given.filename, given.data, title=title)
    if given.html.strip():
        return [from_html(given.html, title=title, url=url or None)]
    if given.text.strip() or (given.text and not url):
        return [from_text(given.text, title=title, url=url or None)]
    if url:
        return [from_link(url, allow_private=allow_private, title=title)]
    raise Problem(
        400, f"nothing to analyse: the article text is empty and no file or link was given; {TAKES}"
    )


def add_analyse(
    app: FastAPI,
    *,
    model: str,
    limits: WebLimits,
    workers: Workers,
    allow_private: bool = False,
    home: bool = True,
) -> Callable[[str, int, str], str | None]:
    """Add the analyse routes to ``app`` (``GET /`` too when ``home``), analysing in ``workers``;
    returns the function that renders an error of the form's routes as a page (None elsewhere),
    for the :class:`~onrecord.web.limits.Guard` and the 503 of a busy server."""
    slots = Slots(limits)
    recent = Recent()

    def prepare(given: Given) -> tuple[str, list[Item]]:
        """The mode and the article(s) given (in a thread: a link is fetched, a page extracted)."""
        mode = check_mode(given.mode)
        items = _items(given, allow_private=allow_private)
        chars = sum(len(i.text) for i in items if isinstance(i, Article))
        if chars > limits.max_chars:
            raise Problem(
                413,
                f"the article text is {chars:,} characters; the limit is {limits.max_chars:,} "
                "(send a shorter article, or fewer articles at once)",
            )
        return mode, items

    async def run(given: Given) -> tuple[list[str], list[IngestErrorRecord]]:
        """The Report JSON of each article given, and the inputs that yielded none. The analyses
        take one slot (waited for on the event loop) and run in a worker process."""
        mode, items = await run_in_threadpool(prepare, given)
        try:
            async with slots.slot():
                reports = [await workers.analyze(i, mode) for i in items if isinstance(i, Article)]
        except InputError as exc:
            raise Problem(413, str(exc)) from exc
        return reports, [i for i in items if isinstance(i, IngestErrorRecord)]

    def form() -> str:
        return forms.form_page(
            version=__version__, model=model, max_chars=limits.max_chars, max_bytes=limits.max_body_bytes
        )

    def links(rid: str, n: int) -> forms.Links:
        base = f"/reports/{rid}/{n}"
        return forms.Links(page=base, json=base + ".json", csv=base + ".csv", html=base + ".html")

    def report_of(rid: str, n: int) -> Report:
        result = recent.get(rid)
        if not 1 <= n <= len(result.reports):
            raise Problem(404, f"result {rid} has {len(result.reports)} report(s), not a number {n}")
        return Report.from_json(result.reports[n - 1])

    def report_page(rid: str, n: int) -> str:
        up = f"/reports/{rid}" if recent.get(rid).several else None
        return forms.with_bar(render(report_of(rid, n), "html"), links(rid, n), up=up)

    def list_page(rid: str, result: Result) -> str:
        rows = []
        for n, raw in enumerate(result.reports, 1):
            r = Report.from_json(raw)
            rows.append(
                forms.Row(display_title(r), r.article.source_label(), len(r.attributions), links(rid, n))
            )
        return forms.batch_page(rows, result.errors, sheet=f"/reports/{rid}.csv")

    app.add_api_route(
        "/analyze",
        form,
        methods=["GET"],
        response_class=HTMLResponse,
        summary="The form: paste, upload or link",
    )
    if home:
        app.add_api_route("/", form, methods=["GET"], response_class=HTMLResponse, summary="The form (home)")

    async def given_of(request: Request) -> Given:
        """The form's fields (multipart or url-encoded); a text field may be as long as a body."""
        fields = await request.form(max_part_size=limits.max_body_bytes)
        upload = fields.get("file")
        data = name = None
        if isinstance(upload, StarletteUpload) and (upload.filename or upload.size):
            data, name = await upload.read(), upload.filename
        strings = {k: v for k in ("text", "url", "title", "mode") if isinstance(v := fields.get(k), str)}
        return Given(**strings, data=data, filename=name)

    @app.post(
        "/analyze",
        summary="Analyse the form's article; 303 to its report page",
        openapi_extra={"requestBody": _request_body(json_body=False)},
    )
    async def analyze_form(request: Request) -> Response:
        given = await given_of(request)
        reports, errors = await run(given)
        several = given.data is not None and is_multi(given.filename)
        rid = recent.put(Result(tuple(reports), tuple(errors), several=several))
        return RedirectResponse(f"/reports/{rid}", status_code=303)

    # the downloads first: "/reports/{rid}" would take "abc.csv" as an id
    @app.get("/reports/{rid}.csv", summary="The quote sheet (CSV) of every report of a result")
    def result_sheet(rid: str) -> Response:
        reports = [Report.from_json(r) for r in recent.get(rid).reports]
        return _download(render_csv(reports), "csv", f"onrecord-{rid}")

    @app.get("/reports/{rid}/{n}.{fmt}", summary="Download one report: .json, .csv (quote sheet), .html")
    def one_download(rid: str, n: int, fmt: str) -> Response:
        if fmt not in _TYPES:
            raise Problem(404, f"no download .{fmt[:20]}; use .json, .csv or .html")
        report = report_of(rid, n)
        return _download(render(report, fmt), fmt, f"onrecord-{report.article.id}")

    @app.get("/reports/{rid}", response_class=HTMLResponse, summary="The page of a result")
    def result_page(rid: str) -> str:
        result = recent.get(rid)
        return list_page(rid, result) if result.several else report_page(rid, 1)

    @app.get("/reports/{rid}/{n}", response_class=HTMLResponse, summary="The page of one report of a result")
    def one_page(rid: str, n: int) -> str:
        return report_page(rid, n)

    @app.post(
        "/api/analyze",
        summary="Analyse an article: JSON {text | html | url}, or a multipart form with a file",
        openapi_extra={"requestBody": _request_body()},
    )
    async def analyze_api(request: Request) -> Response:
        ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if ctype in ("multipart/form-data", "application/x-www-form-urlencoded"):
            given = await given_of(request)
        else:
            try:
                req = AnalyzeRequest.model_validate_json(await request.body())
            except ValidationError as exc:
                return JSONResponse({"detail": json.loads(exc.json(include_url=False))}, status_code=422)
            given = Given(**{k: v for k, v in req.model_dump().items() if v is not None})

        reports, errors = await run(given)
        if given.data is not None and is_multi(given.filename):
            errs = json.dumps([e.model_dump(mode="json") for e in errors])
            body = '{"reports": [' + ", ".join(reports) + '], "errors": ' + errs + "}"
            return Response(body, media_type="application/json")
        return Response(reports[0], media_type="application/json")

    def html_error(path: str, status: int, detail: str) -> str | None:
        return forms.error_page(status, detail) if _is_form_route(path) else None

    @app.exception_handler(Problem)
    def problem(request: Request, exc: Problem) -> Response:
        page = html_error(request.url.path, exc.status, exc.detail)
        if page is not None:
            return HTMLResponse(page, status_code=exc.status)
        return JSONResponse({"detail": exc.detail}, status_code=exc.status)

    return html_error


_TYPES = {
    "json": "application/json",
    "csv": "text/csv; charset=utf-8",
    "html": "text/html; charset=utf-8",
}


def _is_form_route(path: str) -> bool:
    return path == "/analyze" or path.startswith("/reports/")


def _download(body: str, fmt: str, stem: str) -> Response:
    headers = {"content-disposition": f'attachment; filename="{stem}.{fmt}"'}
    return Response(body, media_type=_TYPES[fmt], headers=headers)


def _request_body(*, json_body: bool = True) -> dict[str, Any]:
    """The OpenAPI request body of the analyse routes (they read it themselves)."""
    form = {
        "type": "object",
        "properties": {
            "file": {"type": "string", "format": "binary"},
            **{k: {"type": "string"} for k in ("text", "url", "title", "mode")},
        },
    }
    content: dict[str, Any] = {
        "multipart/form-data": {"schema": form},
        "application/x-www-form-urlencoded": {"schema": form},
    }
    if json_body:
        content["application/json"] = {"schema": AnalyzeRequest.model_json_schema()}
    return {"required": True, "content": content}
