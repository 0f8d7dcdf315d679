"""The corpus explorer: read-only pages, JSON and CSV over a store (``onrecord serve --db``).

Pages (HTML, no script) and their JSON twins:

- ``/`` and ``/api/quotes``: quote search (``q``, ``speaker``, ``outlet``, ``since``, ``until``,
  ``kind``, ``source_type``, ``page``, ``per_page``); ``/quotes.csv`` every match;
- ``/verify`` and ``/api/verify?q=``: the clusters a pasted quote matches, each variant diffed
  against the earliest; ``/clusters/{id}`` and ``/api/clusters/{id}``: one quote's provenance;
- ``/people``, ``/api/people``, ``/people.csv``; ``/people/{id}`` and ``/api/people/{id}``;
- ``/outlets``, ``/api/outlets``, ``/outlets.csv``; ``/outlets/{name}`` and ``/api/outlets/{name}``;
- ``/articles/{id}`` (attributions with links), ``/articles/{id}/report`` (the HTML report,
  rebuilt from the store, no re-analysis) and ``/api/articles/{id}`` (the Report JSON).

The store is opened read-only once; each request reads through its own cursor, from the narrow
sorted tables of :mod:`onrecord.store.explorer_index` (rebuilt by every ingest, and at start-up
if missing). DuckDB lets one process write a file at a time, so the explorer serves the store as
it was when the server started: stop it to ingest into the same file, or serve a copy.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import json
import os
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Annotated, Any, ParamSpec, TypeVar

import anyio
import anyio.to_thread
import duckdb
from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from onrecord.errors import StoreError, UsageError
from onrecord.report import render
from onrecord.report.sheet import csv_cell
from onrecord.store import Store
from onrecord.store import explore as ex
from onrecord.store.reports import stored_report
from onrecord.web import pages

CSV_LIMIT = 100_000  # rows in one CSV download
# requests reading the store at one time: one per core (DuckDB runs each query on one thread); more
# only contend for the GIL (a 2-core machine at concurrency 16: 82 req/s with 40, 100 with 2)
READERS = max(2, min(os.cpu_count() or 2, 16))

P = ParamSpec("P")
R = TypeVar("R")


@dataclass
class QuoteFilters:
    """The quote search's query parameters (see :func:`onrecord.store.explore.search_quotes`)."""

    q: str = ""
    speaker: str = ""
    outlet: str = ""
    since: str = ""
    until: str = ""
    kind: str = ""
    source_type: str = ""


async def quote_filters(
    q: str = "",
    speaker: str = "",
    outlet: str = "",
    since: str = "",
    until: str = "",
    kind: str = "",
    source_type: str = "",
) -> QuoteFilters:
    """The filters of a request (async: a dependency run on the event loop takes no thread)."""
    return QuoteFilters(q, speaker, outlet, since, until, kind, source_type)


def add_explorer(app: FastAPI, db: str | Path) -> Store:
    """Add the explorer's routes to ``app``, over the store at ``db`` (opened read-only; its index
    is brought up to date first if it is missing or older than the store's last article)."""
    _index(db)
    store = Store(db, read_only=True)
    # many requests at a time, each query on one thread: the cores are shared out between requests,
    # and at most READERS of them hold a thread (and contend for the GIL) while the rest queue
    store.con.execute("SET threads = 1")
    readers = anyio.CapacityLimiter(READERS)

    def offload(endpoint: Callable[P, R]) -> Callable[P, Awaitable[R]]:
        """``endpoint`` run in a thread of the explorer's own pool of :data:`READERS`."""

        @functools.wraps(endpoint)
        async def run(*args: P.args, **kwargs: P.kwargs) -> R:
            return await anyio.to_thread.run_sync(
                functools.partial(endpoint, *args, **kwargs), limiter=readers
            )

        return run

    @contextmanager
    def cursor() -> Iterator[duckdb.DuckDBPyConnection]:
        cur = store.con.cursor()
        try:
            yield cur
        finally:
            cur.close()

    def html_or_json(request: Request, status: int, detail: str) -> Response:
        if request.url.path.startswith("/api/") or request.method != "GET":
            return JSONResponse({"detail": detail}, status_code=status)
        return HTMLResponse(
            pages.not_found(detail) if status == 404 else pages.layout("Error", _p(detail)), status
        )

    @app.exception_handler(HTTPException)
    def http_error(request: Request, exc: HTTPException) -> Response:
        return html_or_json(request, exc.status_code, str(exc.detail))

    @app.exception_handler(UsageError)
    def usage(request: Request, exc: UsageError) -> Response:
        return html_or_json(request, 400, str(exc))

    def search(params: dict[str, Any], per_page: int | None = None) -> dict[str, Any]:
        with cursor() as con:
            return ex.search_quotes(con, **{**params, **({"per_page": per_page} if per_page else {})})

    def outlet_names() -> list[str]:
        with cursor() as con:
            rows = con.execute("SELECT DISTINCT outlet FROM articles WHERE outlet IS NOT NULL ORDER BY 1")
            return [r[0] for r in rows.fetchall()]

    @app.get("/", response_class=HTMLResponse)
    @offload
    def quotes_page(filters: Annotated[QuoteFilters, Depends(quote_filters)], page: int = 1) -> str:
        found = search({**asdict(filters), "page": page})
        return pages.quotes_page(found, asdict(filters), outlet_names())

    @app.get("/api/quotes", response_model=dict[str, Any])
    @offload
    def quotes_json(
        filters: Annotated[QuoteFilters, Depends(quote_filters)], page: int = 1, per_page: int = ex.PER_PAGE
    ) -> Response:
        return _json(search({**asdict(filters), "page": page}, per_page))

    @app.get("/quotes.csv")
    @offload
    def quotes_csv(filters: Annotated[QuoteFilters, Depends(quote_filters)]) -> Response:
        rows = _every_page(lambda page: search({**asdict(filters), "page": page}, ex.MAX_PER_PAGE)["results"])
        return _csv(rows, "quotes.csv")

    @app.get("/verify", response_class=HTMLResponse)
    @offload
    def verify_page(q: str = "") -> str:
        return pages.verify_page(q, verify(q))

    @app.get("/api/verify", response_model=dict[str, Any])
    @offload
    def verify_json(q: str = "") -> Response:
        clusters = verify(q)
        return _json({"q": q, "found": bool(clusters), "clusters": clusters})

    def verify(q: str) -> list[dict[str, Any]]:
        if not q.strip():
            return []
        with cursor() as con:
            return ex.verify(con, q)

    def cluster(cluster_id: str) -> dict[str, Any]:
        with cursor() as con:
            c = ex.cluster(con, cluster_id)
        if not c.get("quotes"):
            raise HTTPException(404, f"no quote cluster {cluster_id!r} in this store")
        return c

    @app.get("/clusters/{cluster_id}", response_class=HTMLResponse)
    @offload
    def cluster_page(cluster_id: str) -> str:
        return pages.cluster_page(cluster(cluster_id))

    @app.get("/api/clusters/{cluster_id}", response_model=dict[str, Any])
    @offload
    def cluster_json(cluster_id: str) -> Response:
        return _json(cluster(cluster_id))

    @app.get("/people", response_class=HTMLResponse)
    @offload
    def people_page(q: str = "", page: int = 1) -> str:
        with cursor() as con:
            return pages.people_page(ex.people(con, q, page=page))

    @app.get("/api/people", response_model=dict[str, Any])
    @offload
    def people_json(q: str = "", page: int = 1, per_page: int = ex.PER_PAGE) -> Response:
        with cursor() as con:
            return _json(ex.people(con, q, page=page, per_page=per_page))

    @app.get("/people.csv")
    @offload
    def people_csv(q: str = "") -> Response:
        with cursor() as con:
            rows = _every_page(lambda page: ex.people(con, q, page=page, per_page=ex.MAX_PER_PAGE)["results"])
        return _csv(rows, "people.csv")

    def one_person(person_id: str) -> dict[str, Any]:
        with cursor() as con:
            p = ex.person(con, person_id)
        if p is None:
            raise HTTPException(404, f"no person {person_id!r} in this store")
        return p

    @app.get("/people/{person_id}", response_class=HTMLResponse)
    @offload
    def person_page(person_id: str) -> str:
        return pages.person_page(one_person(person_id))

    @app.get("/api/people/{person_id}", response_model=dict[str, Any])
    @offload
    def person_json(person_id: str) -> Response:
        return _json(one_person(person_id))

    def all_outlets() -> list[dict[str, Any]]:
        with cursor() as con:
            return ex.outlets(con)

    @app.get("/outlets", response_class=HTMLResponse)
    @offload
    def outlets_page() -> str:
        return pages.outlets_page(all_outlets())

    @app.get("/api/outlets", response_model=list[dict[str, Any]])
    @offload
    def outlets_json() -> Response:
        return _json(all_outlets())

    @app.get("/outlets.csv")
    @offload
    def outlets_csv() -> Response:
        return _csv(all_outlets(), "outlets.csv")

    def one_outlet(name: str) -> dict[str, Any]:
        with cursor() as con:
            o = ex.outlet(con, name)
        if o is None:
            raise HTTPException(404, f"no outlet {name!r} in this store")
        return o

    @app.get("/api/outlets/{name:path}", response_model=dict[str, Any])
    @offload
    def outlet_json(name: str) -> Response:
        return _json(one_outlet(name))

    @app.get("/outlets/{name:path}", response_class=HTMLResponse)
    @offload
    def outlet_page(name: str) -> str:
        return pages.outlet_page(one_outlet(name))

    def article(article_id: str) -> tuple[Any, dict[str, Any], dict[str, Any]]:
        with cursor() as con:
            report = stored_report(con, article_id)
            if report is None:
                raise HTTPException(404, f"no article {article_id!r} in this store")
            links = ex.article_links(con, article_id)
            row = con.execute("SELECT outlet, published FROM articles WHERE id = ?", [article_id]).fetchone()
        return report, links, {"outlet": row[0], "published": row[1]} if row else {}

    @app.get("/articles/{article_id}", response_class=HTMLResponse)
    @offload
    def article_page(article_id: str) -> str:
        return pages.article_page(*article(article_id))

    @app.get("/articles/{article_id}/report", response_class=HTMLResponse)
    @offload
    def article_report(article_id: str) -> str:
        return render(article(article_id)[0], "html")

    @app.get("/api/articles/{article_id}")
    @offload
    def article_json(article_id: str) -> Response:
        return Response(article(article_id)[0].to_json(), media_type="application/json")

    return store


def _index(db: str | Path) -> None:
    with Store(db, read_only=True) as store:
        if not store.explorer_stale():
            return
    try:
        with Store(db) as writable:
            writable.refresh_people()
            writable.refresh_explorer()
    except StoreError as exc:
        raise StoreError(
            f"the store {db} has no up-to-date explorer index and cannot be written now ({exc}); "
            "let the ingest finish, then start the server again"
        ) from exc


def _json(data: Any) -> Response:
    """``data`` (the plain dicts and lists of :mod:`onrecord.store.explore`) as JSON, encoded at
    once: FastAPI's own encoding of a returned dict walks it in Python, 10 ms for a verify of a
    170-article cluster against 1 ms here."""
    body = json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":"), default=_iso)
    return Response(body.encode("utf-8"), media_type="application/json")


def _iso(value: Any) -> str:
    if isinstance(value, dt.date):  # datetime is a date too
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON")


def _p(text: str) -> str:
    from html import escape

    return f'<h1>Not possible</h1><p class="empty">{escape(text)}</p>'


def _every_page(fetch: Callable[[int], list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """Pages 1, 2, ... of ``ex.MAX_PER_PAGE`` rows until a short page, at most :data:`CSV_LIMIT` rows."""
    rows: list[dict[str, Any]] = []
    page = 1
    while len(rows) < CSV_LIMIT:
        got = fetch(page)
        rows.extend(got)
        if len(got) < ex.MAX_PER_PAGE:
            break
        page += 1
    return rows


def _csv(rows: list[dict[str, Any]], name: str) -> Response:
    buf = io.StringIO()
    if rows:
        writer = csv.DictWriter(buf, fieldnames=list(rows[0]), extrasaction="ignore")
        writer.writeheader()
        for r in rows:
            writer.writerow({k: _cell(v) for k, v in r.items()})
    return Response(
        buf.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"content-disposition": f'attachment; filename="{name}"'},
    )


def _cell(value: Any) -> Any:
    """Lists joined; text neutralised as in the quote sheet (no cell a spreadsheet runs as a formula)."""
    if isinstance(value, list):
        value = "; ".join(str(v) for v in value)
    return csv_cell(value)
