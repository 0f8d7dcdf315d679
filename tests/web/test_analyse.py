"""The analyse pages and API on real servers on loopback: pasted HTML, uploaded files, links (to a
loopback news site: refused by default, fetched with ``--allow-private``), the report page and its
downloads, the 4xx errors (an HTML page on the form, JSON under /api/), /docs and the favicon."""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from onrecord.models import Report
from onrecord.web.limits import SECURITY_HEADERS
from tests.ingest.helpers import PARAGRAPHS, article_html
from tests.web.linkserver import ARTICLE, QUOTE, SPEAKER, news_site
from tests.web.serving import serving

CHAR_LIMIT = 20_000
BODY_LIMIT = 300_000
TEXT = "\n\n".join(PARAGRAPHS)
TIMEOUT = 120


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    with news_site() as base:
        yield base


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """Links to private addresses allowed (the loopback news site); small limits."""
    options = ["--allow-private", "--max-chars", str(CHAR_LIMIT), "--max-body-bytes", str(BODY_LIMIT)]
    with serving(*options) as base:
        yield base


@pytest.fixture(scope="module")
def strict() -> Iterator[str]:
    """The default: links to loopback and private addresses refused."""
    with serving() as base:
        yield base


def post_form(base: str, **kwargs: Any) -> httpx.Response:
    """POST the form as a browser does (multipart), following the redirect to the report page."""
    files = kwargs.pop("files", None) or {"file": ("", b"", "application/octet-stream")}
    return httpx.post(base + "/analyze", files=files, timeout=TIMEOUT, follow_redirects=True, **kwargs)


def report_json(base: str, page: httpx.Response, n: int = 1) -> Report:
    path = page.url.path if re.search(r"/reports/[^/]+/\d+$", page.url.path) else f"{page.url.path}/{n}"
    res = httpx.get(f"{base}{path}.json", timeout=30)
    assert res.status_code == 200, res.text
    return Report.from_json(res.text)


def quotes(report: Report) -> list[str]:
    return [a.content_text() for a in report.attributions]


def assert_is_the_article(report: Report) -> None:
    assert any(QUOTE in q for q in quotes(report)), quotes(report)
    assert SPEAKER in {s.name for s in report.speakers}
    for q in quotes(report):
        assert "<" not in q and "Home" not in q, q  # no markup, no navigation
    assert "<p>" not in report.article.text and "All rights reserved" not in report.article.text


def test_the_form_offers_text_file_link_and_mode(server: str) -> None:
    res = httpx.get(server + "/")
    assert res.status_code == 200
    for needle in (
        'name="text"',
        'type="file"',
        'name="url"',
        'name="mode"',
        'formenctype="multipart/form-data"',
    ):
        assert needle in res.text
    for mode in ("fast", "accurate", "rules"):
        assert f'<option value="{mode}">' in res.text
    assert httpx.get(server + "/analyze").text == res.text


def test_pasted_html_is_extracted_not_analysed_as_prose(server: str) -> None:
    page = post_form(server, data={"text": article_html()})
    assert page.status_code == 200 and page.url.path.startswith("/reports/")
    assert QUOTE in page.text
    report = report_json(server, page)
    assert_is_the_article(report)
    assert report.article.title == "Council closes harbour bridge"


def test_pasted_html_through_the_api_too(server: str) -> None:
    for body in ({"text": article_html()}, {"html": article_html()}):
        res = httpx.post(server + "/api/analyze", json=body, timeout=TIMEOUT)
        assert res.status_code == 200, res.text
        assert_is_the_article(Report.from_json(res.text))


@pytest.mark.parametrize("mode", ["rules", "accurate"])
def test_the_mode_is_used(server: str, mode: str) -> None:
    page = post_form(server, data={"text": TEXT, "mode": mode})
    report = report_json(server, page)
    assert report.engine is not None and report.engine.mode == mode
    assert any(QUOTE in q for q in quotes(report))


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("bridge.txt", TEXT.encode("utf-8")),
        ("bridge.html.gz", gzip.compress(article_html().encode("utf-8"))),
        ("bridge.html", article_html().encode("utf-8")),
    ],
)
def test_upload_one_article(server: str, name: str, data: bytes) -> None:
    page = post_form(server, files={"file": (name, data)}, data={"title": "Uploaded"})
    assert page.status_code == 200, page.text
    report = report_json(server, page)
    assert any(QUOTE in q for q in quotes(report))
    assert report.article.origin.path == name and report.article.title == "Uploaded"
    api = httpx.post(server + "/api/analyze", files={"file": (name, data)}, timeout=TIMEOUT)
    assert api.status_code == 200 and any(QUOTE in q for q in quotes(Report.from_json(api.text)))


def _jsonl() -> bytes:
    lines = [
        {"text": "“The ferry will run all summer,” said Tom Berg, the harbour master.", "title": "Ferry"},
        {"html": article_html(), "url": "https://news.example/bridge"},
        "not json",
    ]
    return "\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines).encode("utf-8") + b"\n"


def test_upload_a_jsonl_of_a_few_articles(server: str) -> None:
    page = post_form(server, files={"file": ("few.jsonl", _jsonl())})
    assert page.status_code == 200
    assert "2 article(s) analysed" in page.text and "few.jsonl:3" in page.text  # the bad line named
    first, second = report_json(server, page, 1), report_json(server, page, 2)
    assert first.article.title == "Ferry" and "Tom Berg" in {s.name for s in first.speakers}
    assert_is_the_article(second)
    one = httpx.get(f"{server}{page.url.path}/2", timeout=30)
    assert one.status_code == 200 and QUOTE in one.text and f'href="{page.url.path}"' in one.text
    sheet = list(csv.DictReader(io.StringIO(httpx.get(f"{server}{page.url.path}.csv", timeout=30).text)))
    assert {r["article_source"] for r in sheet} == {"few.jsonl:1", "few.jsonl:2"}
    api = httpx.post(server + "/api/analyze", files={"file": ("few.jsonl", _jsonl())}, timeout=TIMEOUT)
    data = api.json()
    assert len(data["reports"]) == 2 and [e["source"] for e in data["errors"]] == ["few.jsonl:3"]


def test_the_report_page_links_back_and_to_the_downloads(server: str) -> None:
    page = post_form(server, data={"text": TEXT, "title": "Bridge"})
    base = page.url.path + "/1"
    for href in ('href="/analyze"', f'href="{base}.json"', f'href="{base}.csv"', f'href="{base}.html"'):
        assert href in page.text
    for name, value in SECURITY_HEADERS:
        assert page.headers.get(name) == value
    js = httpx.get(f"{server}{base}.json")
    assert js.headers["content-type"].startswith("application/json")
    assert "attachment" in js.headers["content-disposition"]
    report = Report.from_json(js.text)
    assert report.article.title == "Bridge" and any(QUOTE in q for q in quotes(report))
    sheet = httpx.get(f"{server}{base}.csv")
    assert sheet.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(sheet.text)))
    assert rows[0][:3] == ["article_id", "article_source", "attribution"]
    assert {"quote", "speaker", "role"} <= set(rows[0])
    quote_col = rows[0].index("quote")
    assert any(QUOTE in r[quote_col] for r in rows[1:])
    html = httpx.get(f"{server}{base}.html")
    assert html.text.startswith("<!doctype html>") and QUOTE in html.text
    assert "onrecord-bar" not in html.text  # the standalone report, without the page's bar


def test_link_is_analysed_with_allow_private(server: str, site: str) -> None:
    page = post_form(server, data={"url": site + ARTICLE})
    assert page.status_code == 200, page.text
    report = report_json(server, page)
    assert_is_the_article(report)
    assert report.article.origin.url == site + ARTICLE
    api = httpx.post(server + "/api/analyze", json={"url": site + "/go"}, timeout=TIMEOUT)  # a redirect
    assert api.status_code == 200 and any(QUOTE in q for q in quotes(Report.from_json(api.text)))


def test_link_to_loopback_is_refused_by_default(strict: str, site: str) -> None:
    api = httpx.post(strict + "/api/analyze", json={"url": site + ARTICLE}, timeout=TIMEOUT)
    assert api.status_code == 400
    detail = api.json()["detail"]
    assert "loopback address 127.0.0.1" in detail and "--allow-private" in detail
    page = post_form(strict, data={"url": site + ARTICLE})
    assert page.status_code == 400 and page.headers["content-type"].startswith("text/html")
    assert "loopback address 127.0.0.1" in page.text and 'href="/analyze"' in page.text


@pytest.mark.parametrize(
    ("path", "status", "needle"),
    [
        ("/nowhere.html", 502, "HTTP 404"),
        ("/logo.png", 415, "image/png"),
    ],
)
def test_link_that_cannot_be_fetched_or_read(
    server: str, site: str, path: str, status: int, needle: str
) -> None:
    api = httpx.post(server + "/api/analyze", json={"url": site + path}, timeout=TIMEOUT)
    assert api.status_code == status and needle in api.json()["detail"]
    page = post_form(server, data={"url": site + path})
    assert page.status_code == status and needle in page.text


def test_not_an_http_link(server: str) -> None:
    api = httpx.post(server + "/api/analyze", json={"url": "file:///etc/passwd"}, timeout=TIMEOUT)
    assert api.status_code == 400 and "only http:// and https://" in api.json()["detail"]


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
CASES = [
    ({"data": {"text": "  \n "}}, 400, "empty"),
    ({"data": {"title": "only a title"}}, 400, "nothing to analyse"),
    ({"data": {"text": "x" * (CHAR_LIMIT + 1)}}, 413, "limit"),
    ({"files": {"file": ("big.txt", b"word " * (BODY_LIMIT // 4))}}, 413, "limit"),
    ({"files": {"file": ("logo.png", PNG)}}, 415, "PNG image"),
    ({"files": {"file": ("page.txt", PNG)}}, 415, "PNG image"),
    ({"files": {"file": ("latin1.txt", "“Café,” she said.".encode("cp1252"))}}, 400, "not valid UTF-8"),
    ({"files": {"file": ("empty.txt", b"")}}, 400, "empty"),
    (
        {"files": {"file": ("broken.html.gz", gzip.compress(article_html().encode("utf-8"))[:300])}},
        400,
        "gzip",
    ),
    ({"files": {"file": ("crawl.warc.gz", b"x")}}, 400, "WARC"),
    ({"files": {"file": ("bad.jsonl", b"not json\n[1]\n")}}, 400, "not valid JSON"),
    ({"data": {"text": "“Yes,” she said.", "mode": "turbo"}}, 400, "fast, accurate, rules"),
    ({"data": {"text": "“Yes,” she said."}, "files": {"file": ("a.txt", b"Hello.")}}, 400, "one way"),
]
IDS = ["blank", "nothing", "chars", "body", "png", "png-as-txt", "cp1252", "empty-file", "gzip", "warc"]
IDS += ["jsonl", "mode", "two-ways"]


@pytest.mark.parametrize(("kwargs", "status", "needle"), CASES, ids=IDS)
def test_form_errors_are_pages(server: str, kwargs: dict[str, Any], status: int, needle: str) -> None:
    res = post_form(server, **kwargs)
    assert res.status_code == status, res.text[:500]
    assert res.headers["content-type"].startswith("text/html")
    assert needle in res.text and 'href="/analyze"' in res.text
    for name, value in SECURITY_HEADERS:
        assert res.headers.get(name) == value


@pytest.mark.parametrize(("kwargs", "status", "needle"), CASES, ids=IDS)
def test_api_errors_are_json(server: str, kwargs: dict[str, Any], status: int, needle: str) -> None:
    res = httpx.post(server + "/api/analyze", timeout=TIMEOUT, **kwargs)
    assert res.status_code == status, res.text[:500]
    assert needle in res.json()["detail"]


@pytest.mark.parametrize(
    ("body", "status", "needle"),
    [
        ({"text": ""}, 400, "empty"),
        ({"html": "   "}, 400, "empty"),
        ({"text": "x" * (CHAR_LIMIT + 1)}, 413, "limit"),
        ({"text": "“Yes,” she said.", "mode": "turbo"}, 400, "fast, accurate, rules"),
        ({"text": "“Yes,” she said.", "html": "<p>Hi</p>"}, 400, "one way"),
    ],
)
def test_api_json_errors(server: str, body: dict[str, Any], status: int, needle: str) -> None:
    res = httpx.post(server + "/api/analyze", json=body, timeout=TIMEOUT)
    assert res.status_code == status and needle in res.json()["detail"]


def test_an_unknown_report_is_a_clear_404(server: str) -> None:
    res = httpx.get(server + "/reports/no-such-id")
    assert res.status_code == 404 and "analyse the article again" in res.text
    assert res.headers["content-type"].startswith("text/html")


def test_docs_lists_every_route_and_loads_nothing_from_elsewhere(server: str) -> None:
    res = httpx.get(server + "/docs")
    assert res.status_code == 200 and res.headers["content-type"].startswith("text/html")
    for path in ("/api/analyze", "/analyze", "/api/schema", "/reports/{rid}/{n}.{fmt}"):
        assert f"<code>{path}</code>" in res.text or f">{path}</a>" in res.text, path
    assert 'href="/openapi.json"' in res.text
    urls = re.findall(r'(?:src|href|action)\s*=\s*["\']?([^"\'\s>]+)', res.text)
    assert urls and all(u.startswith("/") and not u.startswith("//") for u in urls), urls
    assert "http" not in "".join(urls) and "<script" not in res.text
    spec = httpx.get(server + "/openapi.json").json()
    body = spec["paths"]["/api/analyze"]["post"]["requestBody"]["content"]
    assert {"application/json", "multipart/form-data"} <= set(body)
    assert "/docs" not in spec["paths"] and "/favicon.ico" not in spec["paths"]


def test_favicon_is_not_a_404(server: str) -> None:
    res = httpx.get(server + "/favicon.ico")
    assert res.status_code in (200, 204)


def test_with_a_store_home_stays_the_explorer(tmp_path_factory: pytest.TempPathFactory) -> None:
    from onrecord.batch import ingest

    folder = tmp_path_factory.mktemp("analyse-db")
    src = folder / "one.jsonl"
    src.write_text(json.dumps({"text": TEXT, "title": "Bridge"}) + "\n", encoding="utf-8")
    ingest([str(src)], folder / "c.duckdb", workers=1, mode="rules")
    with serving("--db", str(folder / "c.duckdb")) as base:
        home = httpx.get(base + "/")
        assert home.status_code == 200 and 'name="q"' in home.text and 'type="file"' not in home.text
        assert 'type="file"' in httpx.get(base + "/analyze").text
        page = post_form(base, data={"text": TEXT})
        assert page.status_code == 200 and QUOTE in page.text
        blank = post_form(base, data={"text": " "})
        assert blank.status_code == 400 and blank.headers["content-type"].startswith("text/html")


def test_recent_results_are_bounded_by_count_and_bytes() -> None:
    from onrecord.web.analyse import Recent, Result
    from onrecord.web.inputs import Problem

    recent = Recent(max_items=3, max_bytes=100)
    ids = [recent.put(Result(("x" * 10,))) for _ in range(5)]
    assert len(recent) == 3 and len(set(ids)) == 5
    recent.get(ids[2])  # used: now the most recent
    recent.put(Result(("y" * 10,)))
    with pytest.raises(Problem) as gone:
        recent.get(ids[3])
    assert gone.value.status == 404 and "analyse the article again" in gone.value.detail
    assert recent.get(ids[2]).reports == ("x" * 10,)
    big = recent.put(Result(("z" * 95,)))  # over the byte bound with any other: only it stays
    assert len(recent) == 1 and recent.get(big).size == 95
