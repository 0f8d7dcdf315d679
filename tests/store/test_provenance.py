"""Quote clusters: the same statement carried by several articles, with small changes and other speakers."""

from __future__ import annotations

from pathlib import Path

import pytest

from onrecord.store import Store, empty_rows, find_clusters, report_rows
from onrecord.store.provenance import word_diff
from tests.store.helpers import quote_report

Q = "We will not give up a single inch of our land, whatever the cost."
ARTICLES = [
    # (text, quote, speaker, published, site)
    (
        f'Armenian PM Nikol Pashinyan said on Monday: "{Q}"',
        Q,
        "Nikol Pashinyan",
        "2024-03-02",
        "armenpress.am",
    ),
    (
        'Pashinyan said: "We will never give up a single inch of our land, whatever the cost."',
        "We will never give up a single inch of our land, whatever the cost.",
        "Pashinyan",
        "2024-03-03",
        "daily-a.example",
    ),
    (
        'Nikol Pashinyan said "We will not give up a single inch of our land" in Yerevan.',
        "We will not give up a single inch of our land",
        "Nikol Pashinyan",
        "2024-03-04",
        "daily-b.example",
    ),
    (f'Azerbaijan\'s leader Ilham Aliyev said: "{Q}"', Q, "Ilham Aliyev", "2024-03-05", "daily-c.example"),
    (f'On Friday Pashinyan said: "{Q}" to reporters.', Q, "Pashinyan", "2024-03-01", "first.example"),
    (
        'The ministry said: "The economy grew by four percent last year, driven by exports."',
        "The economy grew by four percent last year, driven by exports.",
        "ministry",
        "2024-03-02",
        "daily-a.example",
    ),
]


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store(tmp_path / "p.duckdb")
    # two transactions and a reopen: clusters are kept up incrementally
    for batch in (ARTICLES[:3], ARTICLES[3:]):
        rows = empty_rows()
        for text, quote, speaker, published, site in batch:
            report_rows(quote_report(text, quote, speaker, published=published, site=site), rows)
        s.write(rows)
        s.close()
        s = Store(tmp_path / "p.duckdb")
    return s


def test_one_cluster_for_the_statement(store: Store) -> None:
    clusters = dict(store.con.execute("SELECT cluster_id, count(*) FROM quotes GROUP BY 1").fetchall())
    assert sorted(clusters.values()) == [1, 5]


def test_variants_earliest_and_outlets(store: Store) -> None:
    [c] = find_clusters(store.con, "give up a single inch of our land")
    assert c["earliest"]["outlet"] == "first.example" and c["earliest"]["published"] == "2024-03-01"
    assert c["outlets"] == [
        "armenpress.am",
        "daily-a.example",
        "daily-b.example",
        "daily-c.example",
        "first.example",
    ]
    kinds = {v["outlet"]: v["kinds"] for v in c["variants"]}
    assert kinds == {
        "first.example": [],
        "armenpress.am": ["exact"],
        "daily-a.example": ["misquote"],
        "daily-b.example": ["trimmed"],
        "daily-c.example": ["exact", "different speaker credited"],
    }
    mis = next(v for v in c["variants"] if v["outlet"] == "daily-a.example")
    assert mis["diff"] == [{"op": "replace", "from": "not", "to": "never"}]
    assert "[-not-] {+never+}" in mis["diff_text"]


@pytest.mark.parametrize(
    ("query", "found"),
    [
        (Q, True),
        ("we will NOT give up a single inch of our land whatever the cost", True),
        ("The economy grew by four percent last year", True),
        ("Nobody expected the bridge to collapse this winter", False),
    ],
)
def test_find_clusters(store: Store, query: str, found: bool) -> None:
    assert bool(find_clusters(store.con, query)) is found


@pytest.mark.parametrize(
    ("base", "other", "kind"),
    [
        ("we will not give up", "we will not give up", "exact"),
        ("we will not give up our land", "we will not give up", "trimmed"),
        ("we will not give up", "we will not give up our land", "extended"),
        ("we will not give up", "we will never give up", "misquote"),
        ("We will not give up.", "we will not give up", "exact"),
    ],
)
def test_word_diff(base: str, other: str, kind: str) -> None:
    assert word_diff(base, other)[0] == kind


def test_undated_earliest_is_first_ingested(tmp_path: Path) -> None:
    with Store(tmp_path / "u.duckdb") as s:
        for text, quote, speaker, _, site in ARTICLES[:2]:
            rows = report_rows(quote_report(text, quote, speaker, site=site))
            s.write(rows)
        [c] = find_clusters(s.con, Q)
        assert c["earliest"]["outlet"] == "armenpress.am"
