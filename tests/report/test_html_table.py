"""The HTML report's attributions table: every attribution a row, the quote whole, hostile text escaped,
row ids and article anchors consistent."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from onrecord.models import Article, Attribution, Report, Span, Speaker
from onrecord.report import render
from onrecord.report.html_table import quote_text
from tests.report.fixtures import PAYLOADS, build_report, sheet_report


class _Table(HTMLParser):
    """Rows of table.atts (id, data attributes, cell texts) and every element id / href on the page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[dict[str, str | None]] = []
        self.cells: list[list[str]] = []
        self.ids: list[str] = []
        self.hrefs: list[str] = []
        self.attrs: list[dict[str, str | None]] = []
        self._in_table = False
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.attrs.append(a)
        if a.get("id"):
            self.ids.append(a["id"] or "")
        if tag == "a" and a.get("href"):
            self.hrefs.append(a["href"] or "")
        if tag == "table" and "atts" in (a.get("class") or ""):
            self._in_table = True
        if self._in_table and tag == "tr" and a.get("data-speaker") is not None:
            self.rows.append(a)
            self.cells.append([])
        if self._in_table and tag == "td":
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self._in_table = False
        if tag == "td" and self._cell is not None:
            self.cells[-1].append("".join(self._cell))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def table(report: Report) -> _Table:
    p = _Table()
    p.feed(render(report, "html"))
    p.close()
    return p


def _long_quote_report() -> Report:
    quote = "We will rebuild the bridge, " + "and every road to it, " * 30 + "before winter"
    text = f"\u201c{quote},\u201d the mayor said."
    i = text.index(quote)
    a = Attribution(
        id="A1",
        content=Span.of(text, i, i + len(quote)),
        cue=Span.of(text, text.index("said"), text.index("said") + 4),
        source=Span.of(text, text.index("the mayor"), text.index("the mayor") + 9),
        speaker=Speaker(id="S1", name="Ann Lee", role="mayor", type="person"),
        kind="direct",
        source_type="named",
    )
    return Report(article=Article(text=text), attributions=[a])


CASES = [
    pytest.param(
        build_report(),
        [
            ("A1", "the base stays", "Anna  Petrosyan", "indirect", "named"),
            ("A2", "\u201cWe will not move it ,\u201d", "Anna  Petrosyan", "direct", "named"),
            ("A3", "the deal", "sources close to the ministry", "indirect · hearsay", "anonymous"),
        ],
        id="fixture",
    ),
    pytest.param(
        sheet_report(),
        [
            ("A1", "\u201cWe will not move it\u201d", "Anna Petrosyan", "direct", "named"),
            ("A2", "\u201cThe base stays … and that is final.\u201d", "Anna Petrosyan", "direct", "named"),
            (
                "A3",
                "that talks would go on",
                "\u201cOfficials\u201d (unresolved)",
                "indirect · hearsay",
                "vague",
            ),
        ],
        id="split-and-unresolved",
    ),
    pytest.param(
        _long_quote_report(),
        [("A1", quote_text(_long_quote_report().attributions[0]), "Ann Lee", "direct", "named")],
        id="long-quote-whole",
    ),
]


@pytest.mark.parametrize(("report", "expected"), CASES)
def test_every_attribution_is_a_row_with_the_quote_whole(
    report: Report, expected: list[tuple[str, str, str, str, str]]
) -> None:
    p = table(report)
    got = [(c[0], c[1], c[2], c[5], c[6]) for c in p.cells]
    assert got == expected
    assert [r["id"] for r in p.rows] == [f"row-{a.id}" for a in report.attributions]
    assert [c[1] for c in p.cells] == [quote_text(a) for a in report.attributions]  # never clipped


@pytest.mark.parametrize(("report", "expected"), CASES)
def test_rows_and_anchors_are_consistent(report: Report, expected: object) -> None:
    p = table(report)
    ids = set(p.ids)
    assert len(p.ids) == len(ids), "duplicate element ids"
    for a in report.attributions:
        assert f"row-{a.id}" in ids
        assert f"a-{a.id}" in ids  # its place in the article
        assert f"#a-{a.id}" in p.hrefs
    for href in p.hrefs:
        if href.startswith("#"):
            assert href[1:] in ids, href
    # the anchor sits on the first content span of the attribution
    html = render(report, "html")
    for a in report.attributions:
        m = re.search(rf'<span id="a-{a.id}" class="([^"]*)" data-a="([^"]*)"', html)
        assert m and "r-content" in m.group(1) and a.id in m.group(2).split()


def test_filters_offer_every_speaker_kind_and_source_type() -> None:
    report = sheet_report()
    p = table(report)
    html = render(report, "html")
    for sel in ("f-speaker", "f-kind", "f-type"):
        assert f'id="{sel}"' in html
    options = [a.get("value") for a in p.attrs if "value" in a]
    for r in p.rows:
        assert r["data-speaker"] in options and r["data-kind"] in options and r["data-type"] in options


def test_review_flags_are_shown() -> None:
    p = table(sheet_report())
    assert p.cells[1][7] == "pronoun resolved across a sentence; two people share this surname"
    assert p.cells[0][7] == ""


@pytest.mark.parametrize("payload", PAYLOADS)
def test_hostile_text_is_escaped_in_the_table(payload: str) -> None:
    report = build_report(payload)
    p = table(report)
    html = render(report, "html")
    section = html[html.index('id="attributions-table"') : html.index('class="card article"')]
    assert "<script" not in section and "<img" not in section
    for a in p.attrs:
        assert not any(k.startswith("on") for k in a), a
    names = {c[2] for c in p.cells}
    assert report.speakers[0].name in names
    assert any(payload in c[1] for c in p.cells)  # the quote, whole and verbatim once unescaped
    assert any(c[3].startswith(f"Minister {payload}") for c in p.cells)


def test_no_attributions_no_table() -> None:
    html = render(Report(article=Article(text="Nothing here.")), "html")
    assert "No attributions found." in html and 'table class="atts"' not in html
