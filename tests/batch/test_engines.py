"""One engine: the local and the Dask engine give identical stores on the same mixed inputs.

The inputs mix every format (txt, html, jsonl with a bad line, a WARC with an HTML response),
files a directory walk skips (a README, an image, a hidden file) and a URL given without
``fetch_urls``. Every table of both DuckDB stores is compared row for row; the only columns left
out are the wall-clock timestamps (``articles.ingested_at``, ``errors.seen_at``), which say when
a row was written and so differ between any two runs.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from onrecord.batch import ingest
from onrecord.batch.sources import estimate_total
from onrecord.ingest import read
from onrecord.models import IngestErrorRecord
from onrecord.store import Store
from onrecord.store.schema import ALL_TABLES
from tests.batch.corpus import PROVENANCE
from tests.ingest.helpers import Rec, article_html, write_warc

distributed = pytest.importorskip("distributed")

URL = "http://127.0.0.1:9/x"  # the discard port on loopback: never fetched without fetch_urls
# written at the wall clock: the only columns that legitimately differ between two runs
RUN_SPECIFIC = {"articles": {"ingested_at"}, "errors": {"seen_at"}}
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
)


def mixed_folder(root: Path) -> Path:
    root.mkdir(parents=True)
    (root / "a-article.txt").write_text(PROVENANCE[0], encoding="utf-8")
    (root / "b-page.html").write_text(article_html("Council closes harbour bridge"), encoding="utf-8")
    lines = [
        json.dumps({"text": PROVENANCE[1], "url": "https://news.example.org/one"}),
        '{"text": "an unterminated line',
        json.dumps({"text": PROVENANCE[2], "title": "Talks"}),
    ]
    (root / "c-feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    page = article_html("Ferry service considered", date="2024-03-07", site="The Ferry Gazette")
    write_warc(root / "d-crawl.warc.gz", [Rec("https://ferry.example.org/news/1", page.encode())], gz=True)
    (root / "README.md").write_text("# Inputs\n\nThe minister said the README is not news.\n")
    (root / "logo.png").write_bytes(PNG)
    (root / ".hidden.txt").write_text(PROVENANCE[3], encoding="utf-8")
    return root


def table_rows(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every table of the store, rows sorted, run-specific columns left out."""
    out: dict[str, list[tuple[Any, ...]]] = {}
    with Store(db, read_only=True) as s:
        for table in ALL_TABLES:
            cols = [r[0] for r in s.con.execute(f"DESCRIBE {table}").fetchall()]
            keep = [c for c in cols if c not in RUN_SPECIFIC.get(table, set())]
            select = ", ".join(f'"{c}"' for c in keep)
            rows = s.con.execute(f"SELECT {select} FROM {table}").fetchall()
            out[table] = sorted(rows, key=repr)
    return out


@pytest.mark.parametrize(
    ("fetch_urls", "allow_private", "url_error"),
    [
        (False, False, "URLs are only fetched when asked"),  # nothing fetched, nothing resolved
        (False, True, "URLs are only fetched when asked"),
        (True, False, "refused: 127.0.0.1 resolves to a"),  # refused before any connection
        (True, True, "fetch failed"),  # tried: nothing listens on the discard port
    ],
)
def test_local_and_dask_give_identical_stores(
    tmp_path: Path, scheduler: str, fetch_urls: bool, allow_private: bool, url_error: str
) -> None:
    folder = mixed_folder(tmp_path / "in")
    sources = [str(folder), URL]
    local, dask = tmp_path / "local.duckdb", tmp_path / "dask.duckdb"
    common: dict[str, Any] = dict(mode="rules", fetch_urls=fetch_urls, allow_private=allow_private)
    a = ingest(sources, local, workers=1, batch_size=2, **common)
    b = ingest(sources, dask, engine="dask", scheduler=scheduler, partition_size=1, **common)
    assert (a.written, a.errors, a.skipped) == (b.written, b.errors, b.skipped) == (5, 2, 0)
    assert a.total == b.total == estimate_total(sources)

    want = table_rows(local)
    got = table_rows(dask)
    assert set(got) == set(want) == set(ALL_TABLES)
    for table in ALL_TABLES:
        assert got[table] == want[table], table
    assert want["attributions"] and want["quotes"] and want["people"]

    # what both stores hold is what onrecord.ingest.read makes of the same sources
    items = list(read(sources, fetch_urls=fetch_urls, allow_private=allow_private))
    expected_errors = sorted((i.source, i.reason) for i in items if isinstance(i, IngestErrorRecord))
    with Store(dask, read_only=True) as s:
        errors = sorted(s.con.execute("SELECT source, reason FROM errors").fetchall())
        stored = {r[0] for r in s.con.execute("SELECT source FROM articles").fetchall()}
    assert errors == expected_errors
    assert [src for src, _ in errors] == sorted([f"{folder / 'c-feed.jsonl'}:2", URL])
    assert dict(errors)[URL].startswith(url_error)
    assert not any(Path(src).name in ("README.md", "logo.png", ".hidden.txt") for src in stored)
    assert len(stored) == 5
