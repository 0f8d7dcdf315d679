"""Renderers: every format, escaping of article text and metadata, overlapping spans, the dispatch."""

from __future__ import annotations

import itertools
import json
import re
from html import unescape
from html.parser import HTMLParser

import pytest

from onrecord import analyze
from onrecord.errors import UsageError
from onrecord.models import Article, Attribution, Report, Span, Speaker
from onrecord.report import FORMATS, render
from onrecord.report.common import segments, speaker_label
from onrecord.report.markdown import md
from onrecord.report.terminal import render_text
from tests.report.fixtures import PAYLOADS, build_report


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text_div_depth = 0
        self.article_text: list[str] = []
        self._stack: list[str] = []
        self._in_tag = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag in ("br", "meta", "img", "hr", "input", "link"):
            return
        cls = (a.get("class") or "").split()
        self._stack.append("text" if "text" in cls and tag == "div" else ("tag" if "tag" in cls else tag))

    def handle_endtag(self, tag: str) -> None:
        if self._stack:
            self._stack.pop()

    def handle_data(self, data: str) -> None:
        if "text" in self._stack and "tag" not in self._stack:
            self.article_text.append(data)


def parse(html: str) -> _Collect:
    p = _Collect()
    p.feed(html)
    p.close()
    return p


@pytest.mark.parametrize("payload", PAYLOADS)
def test_html_escapes_text_and_metadata(payload: str) -> None:
    report = build_report(payload, url=f"https://example.org/{payload}")
    html = render(report, "html")
    p = parse(html)
    scripts = [a for t, a in p.tags if t == "script"]
    assert len(scripts) == 2  # the JSON data and our own script, nothing from the article
    assert not [t for t, _ in p.tags if t == "img"]
    for _tag, attrs in p.tags:
        assert not any(k.startswith("on") for k in attrs), attrs
        assert "autofocus" not in attrs
        for key in ("href", "src", "action", "formaction"):
            assert not (attrs.get(key) or "").strip().lower().startswith(("javascript:", "data:"))
    assert "<script>alert" not in html
    # the article text comes back exactly, with all its payload characters
    assert "".join(p.article_text).startswith(report.article.text)


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "data:text/html,<script>alert(1)</script>", ' " onclick="x']
)
def test_html_links_only_http_urls(url: str) -> None:
    html = render(build_report("", url=url), "html")
    p = parse(html)
    hrefs = [a.get("href") or "" for t, a in p.tags if t == "a"]
    assert [h for h in hrefs if not h.startswith("#a-")] == []  # only the table's links into the page
    assert "<script>alert" not in html


def test_html_popup_data_is_inert_json() -> None:
    report = build_report("</script><script>alert(1)</script>")
    html = render(report, "html")
    start = html.index('id="attributions">') + len('id="attributions">')
    raw = html[start : html.index("</script>", start)]
    assert "<" not in raw and ">" not in raw
    data = json.loads(raw)
    assert data["A2"]["speaker"] == report.speakers[0].name
    assert data["A2"]["cue"] == "said"


def test_html_is_self_contained() -> None:
    html = render(build_report(), "html")
    p = parse(html)
    for tag, attrs in p.tags:
        assert not (tag == "script" and attrs.get("src")), "external script"
        assert tag != "link", "external stylesheet"
        assert not (tag == "img" and not (attrs.get("src") or "").startswith("data:"))
    assert "http://" not in html.replace("https://example.org/news?id=1", "")
    assert "cdn" not in html.lower()


def test_segments_cover_text_with_overlaps() -> None:
    report = build_report("x")
    segs = segments(report)
    text = report.article.text
    assert "".join(text[s.start : s.end] for s in segs) == text
    assert all(a.end == b.start for a, b in itertools.pairwise(segs))
    # the hedge overlaps the end of the quote and the cue: some segment has content + hedge, another cue + hedge
    assert any("content" in s.roles and "hedge" in s.markers for s in segs)
    assert any("cue" in s.roles and "hedge" in s.markers for s in segs)


def test_html_overlapping_spans_render_every_type() -> None:
    html = render(build_report("x"), "html")
    assert 'class="r-content m-hedge"' in html
    assert 'class="r-cue m-hedge"' in html
    assert 'class="m-editorial"' in html
    assert html.count("<span") == html.count("</span>")


@pytest.mark.parametrize("payload", PAYLOADS)
def test_markdown_escapes(payload: str) -> None:
    out = render(build_report(payload), "md")
    assert "<script>" not in out and "<img" not in out
    assert not re.search(r"(?<!\\)\]\(javascript:", out)  # a bracket that could close a link is escaped
    assert md(payload) in out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a|b", "a\\|b"),
        ("<b>", "&lt;b&gt;"),
        ("[x](y)", "\\[x\\](y)"),
        ("*a* _b_ `c`", "\\*a\\* \\_b\\_ \\`c\\`"),
        ("two\nlines", "two lines"),
        ("A&E", "A&E"),  # a bare "&" is literal in Markdown: shown as written
        ("&lt;script&gt; &#60;", "&amp;lt;script&amp;gt; &amp;#60;"),  # a character reference is not
        (None, ""),
    ],
)
def test_md_escape(text: str | None, expected: str) -> None:
    assert md(text) == expected


@pytest.mark.parametrize("payload", PAYLOADS)
def test_terminal_prints_markup_literally(payload: str) -> None:
    out = render(build_report(payload), "text")
    assert "Speakers" in out and "Attributions (" in out
    assert " ".join(out.split()).count(payload.strip()) >= 1 or "[bold red]" not in payload


def test_terminal_keeps_rich_markup_text() -> None:
    out = render(build_report("[bold red]rich markup[/]"), "text")
    assert "[bold red]rich markup[/]" in out


def test_json_round_trip() -> None:
    report = build_report('" onmouseover="alert(1)')
    assert Report.from_json(render(report, "json")) == report
    assert "\n" not in render(report, "jsonl").strip()


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_has_the_verdict(fmt: str) -> None:
    report = build_report()
    out = render_text(report, width=400) if fmt == "text" else render(report, fmt)
    verdict = report.summary.verdict
    assert (
        verdict in out
        or md(verdict) in out
        or json.dumps(verdict)[1:-1] in out
        or verdict in " ".join(out.split())
    )


def test_unknown_format() -> None:
    with pytest.raises(UsageError, match="use one of"):
        render(build_report(), "pdf")


def test_article_text_unescapes_back() -> None:
    report = build_report("<&>\"'")
    html = render(report, "html")
    assert unescape(html).count(report.article.text[:20]) >= 1


@pytest.mark.parametrize(
    ("source", "speaker", "expected"),
    [
        ("he", "Sergey Kopyrkin", "Sergey Kopyrkin"),
        ("you", None, "“you” (unresolved)"),
        (None, None, "–"),
    ],
)
def test_speaker_label_marks_an_unresolved_source(
    source: str | None, speaker: str | None, expected: str
) -> None:
    text = "A. you said he said it."
    src = None if source is None else Span.of(text, text.index(source), text.index(source) + len(source))
    sp = None if speaker is None else Speaker(id="S1", name=speaker, type="person")
    a = Attribution(id="A1", source=src, speaker=sp, content=Span.of(text, 0, 2))
    assert speaker_label(a) == expected
    report = Report(article=Article(text=text), attributions=[a])
    assert expected in render(report, "md")


def test_needs_review_is_shown_in_every_report() -> None:
    from onrecord import analyze
    from onrecord.report import render

    report = analyze(
        'Congressman Peter Hale spoke first. His wife, Laura Hale, disagreed. "We need time," Hale said.'
    )
    assert any(a.needs_review for a in report.attributions)
    for fmt in ("md", "text", "html"):
        assert "two people share this name" in render(report, fmt), fmt


NOT_ENGLISH = (
    "Nesta página você encontra sempre a tabela atualizada do campeonato até a última rodada. "
    "Coloque nos seus favoritos e volte sempre para conferir. Carlos: Estou aqui ao lado do Eugênio, "
    "que já é de casa. Eugênio: Por sua causa, Carlos. Eu fico até emocionado, porque o Miguel foi um "
    "grande parceiro durante muitos anos, e a Suzete, que é a viúva dele, vai ficar muito feliz."
)


@pytest.mark.parametrize("fmt", ["text", "md", "html"])
def test_a_text_not_analysed_shows_why_and_no_empty_tables(fmt: str) -> None:
    out = render(analyze(NOT_ENGLISH), fmt)
    assert "Not analysed: the text does not read as English prose" in out
    assert "Sentences by sourcing" not in out and "Speakers" not in out
