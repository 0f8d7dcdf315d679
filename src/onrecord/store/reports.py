"""Stored articles read back as :class:`~onrecord.models.Report` objects, for what is made from a
report (the quote sheet of ``onrecord export --sheet``), so a store and a fresh analysis give the
same output from the same code.

A rebuilt report holds the article (text and metadata) and its attributions with their speakers
(name, role, organisation, type); every span is cut from the stored text by its stored offsets.
Sentences, markers, entities and speakers' mentions are left out, except by :func:`stored_report`
(one article, for the explorer's article page), which adds sentences, markers and the summary.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import duckdb

from onrecord.models import Article, Attribution, Marker, Origin, Report, Sentence, Span, Speaker
from onrecord.summary import summarize

_ARTICLES = (
    "SELECT id, text, title, url, site, authors, published, language, origin_path, origin_url, "
    "warc_record_id, warc_offset, jsonl_line FROM articles ORDER BY seq"
)

# columns an older store may lack (read as empty)
_LATER = ("speaker_confidence", "needs_review", "act", "statement", "via_start", "via_end")

_ATTRIBUTIONS = """
SELECT t.article_id, t.id, t.sentence, t.kind, t.source_type, t.hearsay, t.confidence,
       t.source_start, t.source_end, t.cue_start, t.cue_end, t.content_spans, {later},
       s.id, s.name, s.role, s.organization, s.type
FROM attributions t
LEFT JOIN speakers s ON s.article_id = t.article_id AND s.id = t.speaker_id
WHERE t.article_id IN (SELECT unnest(?))
ORDER BY t.article_id, length(t.id), t.id
"""


def _later_columns(con: duckdb.DuckDBPyConnection) -> str:
    have = {
        r[0]
        for r in con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'attributions'"
        ).fetchall()
    }
    return ", ".join(f"t.{c}" if c in have else f"NULL AS {c}" for c in _LATER)


def stored_report(con: duckdb.DuckDBPyConnection, article_id: str) -> Report | None:
    """One stored article as a full report: attributions, sentences with their sourcing, markers
    and the summary (no re-analysis). None when no article has that id."""
    row = con.execute(_ARTICLES.replace("ORDER BY seq", "WHERE id = ?"), [article_id]).fetchone()
    if row is None:
        return None
    query = _ATTRIBUTIONS.format(later=_later_columns(con))
    report = _report(row, con.execute(query, [[article_id]]).fetchall())
    text = report.article.text
    report.sentences = [
        Sentence(index=i, span=Span.of(text, a, b), sourcing=src, attributions=list(ids or []))
        for i, a, b, src, ids in con.execute(
            "SELECT idx, start_char, end_char, sourcing, attributions FROM sentences "
            "WHERE article_id = ? ORDER BY idx",
            [article_id],
        ).fetchall()
    ]
    report.markers = [
        Marker(span=Span.of(text, a, b), type=kind, sentence=sent)
        for kind, a, b, sent in con.execute(
            "SELECT type, start_char, end_char, sentence FROM markers WHERE article_id = ? ORDER BY start_char",
            [article_id],
        ).fetchall()
    ]
    report.summary = summarize(report)
    return report


def stored_reports(con: duckdb.DuckDBPyConnection, *, batch_size: int = 100) -> Iterator[Report]:
    """Every stored article, in the order stored, as a report of its attributions (streamed:
    ``batch_size`` articles are read at a time)."""
    query = _ATTRIBUTIONS.format(later=_later_columns(con))
    articles = con.cursor()  # its own cursor: the attribution queries run while it is read
    try:
        articles.execute(_ARTICLES)
        while batch := articles.fetchmany(batch_size):
            by_article: dict[str, list[tuple[Any, ...]]] = {}
            for row in con.execute(query, [[r[0] for r in batch]]).fetchall():
                by_article.setdefault(row[0], []).append(row)
            for r in batch:
                yield _report(r, by_article.get(r[0], []))
    finally:
        articles.close()


def _report(r: tuple[Any, ...], attributions: list[tuple[Any, ...]]) -> Report:
    aid, text, title, url, site, authors, published, language, path, o_url, warc_id, warc_off, line = r
    article = Article(
        id=aid,
        text=text,
        title=title,
        url=url,
        site=site,
        authors=list(authors or []),
        published=published,
        language=language,
        origin=Origin(path=path, url=o_url, warc_record_id=warc_id, warc_offset=warc_off, jsonl_line=line),
    )
    return Report(article=article, attributions=[_attribution(text, a) for a in attributions])


def _span(text: str, start: int | None, end: int | None) -> Span | None:
    return Span.of(text, start, end) if start is not None and end is not None else None


def _attribution(text: str, row: tuple[Any, ...]) -> Attribution:
    (_, aid, sentence, kind, source_type, hearsay, confidence, s0, s1, c0, c1, content) = row[:12]
    speaker_confidence, needs_review, act, statement, v0, v1, sp_id, name, role, org, sp_type = row[12:]
    parts = [Span.of(text, a, b) for a, b in json.loads(content or "[]")]
    return Attribution(
        id=aid,
        source=_span(text, s0, s1),
        cue=_span(text, c0, c1),
        content=parts[0] if len(parts) == 1 else (parts or None),
        speaker=Speaker(id=sp_id, name=name, role=role, organization=org, type=sp_type)
        if sp_id is not None
        else None,
        kind=kind,
        source_type=source_type,
        hearsay=bool(hearsay),
        confidence=confidence if confidence is not None else 1.0,
        speaker_confidence=speaker_confidence,
        needs_review=list(needs_review or []),
        act=act,
        statement=statement,
        via=_span(text, v0, v1),
        sentence=sentence,
    )
