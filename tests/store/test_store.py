"""The DuckDB store with hand-built reports: idempotent writes, people, queries, export."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from onrecord.errors import StoreError, UsageError
from onrecord.models import IngestErrorRecord
from onrecord.store import Store, empty_rows, error_row, export, quotes, report_rows, sources, speakers, sql
from tests.store.helpers import quote_report

ARTICLES = [
    (
        'Nikol Pashinyan said: "Peace is near."',
        "Peace is near.",
        "Nikol Pashinyan",
        "2024-01-10",
        "a.example",
        "named",
    ),
    ('Pashinyan said: "Talks go on."', "Talks go on.", "Pashinyan", "2024-01-20", "a.example", "named"),
    (
        'Armenian PM Nikol Pashinyan said: "We are ready."',
        "We are ready.",
        "Nikol Pashinyan",
        "2024-02-02",
        "b.example",
        "named",
    ),
    ('Officials said: "It is over."', "It is over.", "Officials", "2024-02-05", "b.example", "anonymous"),
    ('Ilham Aliyev said: "No comment."', "No comment.", "Ilham Aliyev", None, "b.example", "named"),
]


def _rows():  # type: ignore[no-untyped-def]
    rows = empty_rows()
    for text, quote, speaker, published, site, st in ARTICLES:
        report = quote_report(
            text,
            quote,
            speaker,
            published=published,
            site=site,
            source_type=st,
            sourcing="anonymous" if st == "anonymous" else "named",
        )
        if text.startswith("Armenian PM"):  # the speaker phrase with its role, as a pipeline may give it
            report.speakers[0].name = "Armenian PM Nikol Pashinyan"
        report_rows(report, rows)
    return rows


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store(tmp_path / "c.duckdb")
    s.write(_rows())
    s.refresh_people()
    return s


def test_write_is_idempotent(store: Store) -> None:
    before = {t: store.count(t) for t in ("articles", "attributions", "speakers", "sentences", "quotes")}
    result = store.write(_rows())
    assert (result.written, result.skipped) == (0, len(ARTICLES))
    assert (
        {t: store.count(t) for t in before}
        == before
        == {
            "articles": 5,
            "attributions": 5,
            "speakers": 5,
            "sentences": 5,
            "quotes": 5,
        }
    )


def test_duplicates_within_one_batch_are_stored_once(tmp_path: Path) -> None:
    rows = _rows()
    for table in rows:
        rows[table] = rows[table] + [dict(r) for r in rows[table]]
    with Store(tmp_path / "d.duckdb") as s:
        r = s.write(rows)
        assert (r.written, r.skipped, s.count("articles"), s.count("attributions")) == (5, 5, 5, 5)


def test_errors_upserted_then_cleared_by_success(tmp_path: Path) -> None:
    with Store(tmp_path / "e.duckdb") as s:
        rows = empty_rows()
        rows["errors"] = [error_row(IngestErrorRecord(source="x.txt", reason="unreadable"))]
        s.write(rows)
        s.write(rows)
        assert s.count("errors") == 1
        ok = report_rows(quote_report('Ann Lee said: "Fine."', "Fine.", "Ann Lee"))
        ok["articles"][0]["source"] = "x.txt"
        s.write(ok)
        assert s.count("errors") == 0


def test_seq_is_ingest_order(store: Store) -> None:
    assert [r[0] for r in store.con.execute("SELECT seq FROM articles ORDER BY seq").fetchall()] == [
        1,
        2,
        3,
        4,
        5,
    ]


def test_one_person_across_articles(store: Store) -> None:
    res = speakers(store.con).records()
    pash = [r for r in res if "Pashinyan" in r["name"]]
    assert len(pash) == 1
    assert (pash[0]["name"], pash[0]["quotes"], pash[0]["articles"]) == ("Nikol Pashinyan", 3, 3)
    assert pash[0]["roles"] == "Armenian PM"
    assert {r["name"] for r in res} == {"Nikol Pashinyan", "Ilham Aliyev"}  # officials are no person


@pytest.mark.parametrize(
    ("speaker", "n"), [("Pashinyan", 3), ("nikol", 3), ("Armenian PM", 3), ("Aliyev", 1), (None, 5)]
)
def test_quotes_by_speaker(store: Store, speaker: str | None, n: int) -> None:
    res = quotes(store.con, speaker=speaker).records()
    assert len(res) == n
    if speaker == "Pashinyan":
        assert {r["speaker"] for r in res} == {"Nikol Pashinyan"}


def test_sources_per_outlet_and_month(store: Store) -> None:
    by_outlet = {r["outlet"]: r for r in sources(store.con, by="outlet").records()}
    assert by_outlet["a.example"]["share_anonymous"] == 0
    assert by_outlet["b.example"]["share_anonymous"] == pytest.approx(1 / 3, abs=1e-3)
    assert by_outlet["b.example"]["sentences_anon_vague_share"] == pytest.approx(1 / 3, abs=1e-3)
    by_month = {r["month"]: r["articles"] for r in sources(store.con, by="month").records()}
    assert by_month == {"2024-01": 2, "2024-02": 2, "(undated)": 1}
    with pytest.raises(UsageError):
        sources(store.con, by="year")


def test_sql_and_bad_sql(store: Store) -> None:
    assert sql(store.con, "SELECT count(*) AS n FROM articles").records() == [{"n": 5}]
    with pytest.raises(UsageError, match="did not run"):
        sql(store.con, "SELECT nope FROM nowhere")


@pytest.mark.parametrize("fmt", ["parquet", "jsonl", "csv"])
def test_export(store: Store, tmp_path: Path, fmt: str) -> None:
    files = export(store.con, tmp_path / "out", fmt)
    names = {f.name for f in files}
    assert {f"articles.{fmt}", f"attributions.{fmt}", f"quotes.{fmt}", f"people.{fmt}"} <= names
    art = tmp_path / "out" / f"articles.{fmt}"
    if fmt == "jsonl":
        lines = art.read_text().splitlines()
        assert len(lines) == 5 and json.loads(lines[0])["seq"] == 1
    else:
        reader = "read_parquet" if fmt == "parquet" else "read_csv"
        assert duckdb.sql(f"SELECT count(*) FROM {reader}('{art}')").fetchall() == [(5,)]


def test_read_only_missing_store_says_how(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="onrecord ingest"):
        Store(tmp_path / "none.duckdb", read_only=True)


def test_people_staleness(store: Store) -> None:
    assert not store.people_stale()
    store.write(report_rows(quote_report('Ann Lee said: "Fine."', "Fine.", "Ann Lee")))
    assert store.people_stale()
    store.refresh_people()
    assert not store.people_stale()
