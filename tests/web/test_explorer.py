"""The corpus explorer (``onrecord serve --db``) on a real store built by ``onrecord ingest``, served
for real on loopback: every page and its JSON, search filters, verify, people, outlets, CSV, escaping."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from onrecord.batch import ingest
from tests.batch.corpus import PROVENANCE, STATEMENT
from tests.conftest import SHARED
from tests.web.serving import serving

HOSTILE = '<script>alert("x")</script>'
HOSTILE_NAME = "Eve <b>Hacker</b>"


def _records() -> list[dict[str, Any]]:
    outlets = ["armenpress.am", "news.example", "daily.example", "news.example"]
    recs: list[dict[str, Any]] = [
        {
            "text": t,
            "url": f"https://{o}/story/{i}",
            "published": f"2024-0{i + 1}-1{i}",
            "title": f"Story {i}",
        }
        for i, (t, o) in enumerate(zip(PROVENANCE, outlets, strict=True))
    ]
    recs.append(
        {
            "text": f"“{HOSTILE} is my =SUM(A1) plan for the harbour,” said {HOSTILE_NAME} on Friday.",
            "title": "=cmd|" + HOSTILE,
            "url": "https://evil.example/x",
            "published": "2024-05-01",
        }
    )
    truth = SHARED / "data" / "article-extraction" / "ground-truth.json"
    if truth.exists():  # real articles beside the written ones
        gold = json.loads(truth.read_text(encoding="utf-8"))
        for key in sorted(gold)[:6]:
            body = gold[key].get("articleBody") or ""
            if body.strip():
                recs.append({"text": body, "url": gold[key].get("url"), "title": key})
    return recs


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("explorer")
    src = folder / "corpus.jsonl"
    src.write_text("\n".join(json.dumps(r) for r in _records()) + "\n", encoding="utf-8")
    db = folder / "corpus.duckdb"
    stats = ingest([str(src)], db, workers=1, mode="rules")
    assert stats.errors == 0 and stats.written >= 5
    with serving("--db", str(db)) as base:
        yield base


def get(base: str, path: str, **params: Any) -> httpx.Response:
    return httpx.get(base + path, params=params, timeout=60)


def test_search_finds_the_quote_in_every_article(server: str) -> None:
    data = get(server, "/api/quotes", q="inch of our land").json()
    assert data["total"] == 4
    assert {r["outlet"] for r in data["results"]} == {"armenpress.am", "news.example", "daily.example"}
    assert all("inch" in r["text"] for r in data["results"])
    first = data["results"][0]
    assert first["published_date"] >= data["results"][-1]["published_date"]  # newest first


@pytest.mark.parametrize(
    ("params", "total"),
    [
        ({"outlet": "news.example"}, 2),
        ({"since": "2024-02-01"}, 3),
        ({"since": "2024-02-01", "until": "2024-03-31"}, 2),
        ({"speaker": "Aliyev"}, 1),
        ({"kind": "direct"}, 4),
        ({"source_type": "anonymous"}, 0),
        ({"q": "never inch"}, 1),
        ({"q": "inc land"}, 0),  # whole words only
    ],
)
def test_search_filters(server: str, params: dict[str, str], total: int) -> None:
    data = get(server, "/api/quotes", **{"q": "inch land", **params}).json()
    assert data["total"] == total, data


def test_search_pages_and_csv(server: str) -> None:
    one = get(server, "/api/quotes", q="inch land", per_page=1, page=2).json()
    assert (one["total"], one["page"], len(one["results"])) == (4, 2, 1)
    page = get(server, "/", q="inch land")
    assert page.status_code == 200 and "4 found" in page.text and "/clusters/" in page.text
    res = get(server, "/quotes.csv", q="inch land")
    assert res.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(res.text)))
    assert len(rows) == 4 and {"text", "speaker", "outlet", "cluster_id"} <= set(rows[0])


@pytest.mark.parametrize(
    ("params", "needle"),
    [
        ({"since": "last week"}, "YYYY-MM-DD"),
        ({"kind": "shouted"}, "kind is one of"),
        ({"page": 0}, "start at 1"),
    ],
)
def test_bad_filters_say_what_would_work(server: str, params: dict[str, Any], needle: str) -> None:
    res = get(server, "/api/quotes", **params)
    assert res.status_code == 400 and needle in res.json()["detail"]
    assert needle in get(server, "/", **params).text


def test_verify_a_misremembered_quote(server: str) -> None:
    data = get(server, "/api/verify", q="we will never give up an inch of our land").json()
    assert data["found"]
    cluster = data["clusters"][0]
    assert cluster["text"] == STATEMENT and cluster["articles"] == 4 and len(cluster["outlets"]) == 3
    kinds = {k for v in cluster["variants"] for k in v["kinds"]}
    assert {"misquote", "trimmed", "different speaker credited"} <= kinds  # "not" -> "never"
    assert cluster["variants"][0]["earliest"]
    page = get(server, "/verify", q="we will never give up an inch of our land").text
    assert "<ins>never</ins>" in page and "trimmed" in page and "Ilham Aliyev" in page


def test_verify_says_plainly_when_nothing_matches(server: str) -> None:
    assert get(server, "/api/verify", q="bananas are blue on Tuesdays").json() == {
        "q": "bananas are blue on Tuesdays",
        "found": False,
        "clusters": [],
    }
    assert "Not found in this corpus" in get(server, "/verify", q="bananas are blue on Tuesdays").text


def test_people_and_a_person_page(server: str) -> None:
    people = get(server, "/api/people", q="pashinyan").json()
    assert people["total"] == 1
    pid = people["results"][0]["id"]
    res = get(server, f"/api/people/{pid}")
    assert res.status_code == 200, res.text[-2000:]
    person = res.json()
    assert person["name"] == "Nikol Pashinyan" and person["n_articles"] == 3
    assert [m["month"] for m in person["months"]] == ["2024-01", "2024-02", "2024-04"]
    assert {o["outlet"] for o in person["outlets"]} == {"armenpress.am", "news.example"}
    assert person["quotes"] and person["quotes"][0]["articles"] >= 2
    page = get(server, f"/people/{pid}").text
    assert "<svg" in page and "Nikol Pashinyan" in page and "attributions per month" in page
    assert "Nikol Pashinyan" in get(server, "/people").text
    assert "Nikol Pashinyan" in get(server, "/people.csv").text


def test_outlets_and_an_outlet_page(server: str) -> None:
    rows = {r["outlet"]: r for r in get(server, "/api/outlets").json()}
    news = rows["news.example"]
    assert news["articles"] == 2 and news["attributions"] >= 2
    assert 0 < news["share_named"] + news["share_anonymous"] + news["share_vague"] <= 1
    one = get(server, "/api/outlets/news.example").json()
    assert [m["month"] for m in one["months"]] == ["2024-02", "2024-04"]
    assert one["people"] and one["people"][0]["name"] == "Nikol Pashinyan"
    assert (
        "<svg" in get(server, "/outlets").text and "news.example" in get(server, "/outlets/news.example").text
    )
    assert "share_named" in get(server, "/outlets.csv").text.splitlines()[0]


def test_article_page_links_quotes_and_people(server: str) -> None:
    hit = get(server, "/api/quotes", q="inch land", outlet="armenpress.am").json()["results"][0]
    page = get(server, f"/articles/{hit['article_id']}").text
    assert "/clusters/" in page and "/people/" in page and "Story 0" in page
    report = get(server, f"/articles/{hit['article_id']}/report").text
    assert "Nikol Pashinyan" in report
    data = get(server, f"/api/articles/{hit['article_id']}").json()
    assert data["article"]["id"] == hit["article_id"] and data["sentences"] and data["attributions"]


def test_hostile_text_is_escaped_everywhere(server: str) -> None:
    hit = get(server, "/api/quotes", q="harbour plan").json()["results"][0]
    paths = [
        ("/", {"q": "harbour plan"}),
        ("/verify", {"q": f"{HOSTILE} is my plan for the harbour"}),
        (f"/articles/{hit['article_id']}", {}),
        (f"/articles/{hit['article_id']}/report", {}),
        (f"/clusters/{hit['cluster_id']}", {}),
        ("/people", {}),
        ("/", {"q": HOSTILE}),
    ]
    for path, params in paths:
        text = get(server, path, **params).text
        assert HOSTILE not in text and "<b>Hacker</b>" not in text, path
    (row,) = csv.DictReader(io.StringIO(get(server, "/quotes.csv", q="harbour plan").text))
    assert row["title"] == "'=cmd|" + HOSTILE  # a spreadsheet shows it, never runs it


def test_unknown_ids_are_404_pages_and_json(server: str) -> None:
    for path in ("/people/nobody", "/outlets/nowhere.example", "/articles/nope", "/clusters/nope"):
        res = get(server, path)
        assert res.status_code == 404 and "<html" in res.text and "in this store" in res.text
        api = get(server, "/api" + path)
        assert api.status_code == 404 and "in this store" in api.json()["detail"]


def test_the_paste_form_moves_to_analyze(server: str) -> None:
    res = get(server, "/analyze")
    assert res.status_code == 200 and '<form method="post" action="/analyze">' in res.text


def test_serve_refuses_a_missing_store(tmp_path: Path) -> None:
    import subprocess
    import sys

    res = subprocess.run(
        [sys.executable, "-m", "onrecord", "serve", "--db", str(tmp_path / "none.duckdb"), "--port", "9"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert res.returncode != 0 and "onrecord ingest" in res.stderr


def test_openapi_documents_every_json_endpoint(server: str) -> None:
    paths = set(get(server, "/openapi.json").json()["paths"])
    want = {"/api/quotes", "/api/verify", "/api/people", "/api/people/{person_id}", "/api/outlets"}
    assert want | {"/api/clusters/{cluster_id}", "/api/articles/{article_id}"} <= paths


def test_a_store_without_the_index_gets_it_at_start_up(tmp_path: Path) -> None:
    from onrecord.store import Store
    from onrecord.store.explorer_index import TABLES
    from onrecord.web import create_app

    src = tmp_path / "a.txt"
    src.write_text(PROVENANCE[0], encoding="utf-8")
    db = tmp_path / "old.duckdb"
    ingest([str(src)], db, workers=1, mode="rules")
    with Store(db) as store:  # as a store written before the explorer existed
        for table in TABLES:
            store.con.execute(f"DROP TABLE {table}")
        assert store.explorer_stale()
    create_app(db=db)
    with Store(db, read_only=True) as store:
        assert not store.explorer_stale()
