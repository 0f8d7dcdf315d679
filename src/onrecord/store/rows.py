"""A Report as table rows (dicts keyed by the columns in :mod:`onrecord.store.schema`).

This runs where the analysis runs (a pool worker, a Dask worker), so the single writer only
inserts; it includes each quote's normalised words and MinHash band keys.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any
from urllib.parse import urlsplit

from onrecord.models import Article, IngestErrorRecord, Report
from onrecord.store.names import quote_words, role_before, split_name
from onrecord.store.provenance import band_keys

Rows = dict[str, list[dict[str, Any]]]


def empty_rows() -> Rows:
    return {
        t: [] for t in ("articles", "attributions", "speakers", "sentences", "markers", "quotes", "errors")
    }


def outlet_of(article: Article) -> str | None:
    if article.site:
        return article.site
    for url in (article.url, article.origin.url):
        if url:
            host = urlsplit(url).hostname or ""
            return host.removeprefix("www.") or None
    return None


def parse_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def error_row(err: IngestErrorRecord, stage: str = "read") -> dict[str, Any]:
    return {"source": err.source, "reason": err.reason, "stage": stage, "seen_at": _now()}


def report_rows(report: Report, into: Rows | None = None) -> Rows:
    """Append the rows of one report (all its tables) to ``into`` (or a fresh set) and return it."""
    rows = into if into is not None else empty_rows()
    art = report.article
    aid = art.id
    o = art.origin
    rows["articles"].append(
        {
            "id": aid,
            "seq": None,
            "source": art.source_label(),
            "title": art.title,
            "url": art.url,
            "site": art.site,
            "outlet": outlet_of(art),
            "authors": list(art.authors),
            "published": art.published,
            "published_date": parse_date(art.published),
            "language": art.language,
            "origin_path": o.path,
            "origin_url": o.url,
            "warc_record_id": o.warc_record_id,
            "warc_offset": o.warc_offset,
            "jsonl_line": o.jsonl_line,
            "text": art.text,
            "n_chars": len(art.text),
            "n_words": len(art.text.split()),
            "n_sentences": len(report.sentences),
            "n_attributions": len(report.attributions),
            "verdict": report.summary.verdict,
            "summary": report.summary.model_dump_json(),
            "model": report.engine.model if report.engine else None,
            "onrecord_version": report.engine.onrecord if report.engine else None,
            "ingested_at": _now(),
        }
    )
    for sp in report.speakers:
        key, display, roles = split_name(sp.name)
        for role in (sp.role, *(role_before(art.text, m.start) for m in sp.mentions[:3])):
            if role and role not in roles:
                roles.append(role)
        toks = key.split() if key else []
        rows["speakers"].append(
            {
                "article_id": aid,
                "id": sp.id,
                "name": sp.name,
                "role": sp.role,
                "organization": sp.organization,
                "type": sp.type,
                "mentions": json.dumps([[m.start, m.end, m.text] for m in sp.mentions], ensure_ascii=False),
                "n_mentions": len(sp.mentions),
                "norm": key if sp.type != "anonymous" else None,
                "display": display if key else None,
                "surname": toks[-1] if toks and sp.type != "anonymous" else None,
                "n_name_tokens": len(toks),
                "roles": roles,
            }
        )
    for a in report.attributions:
        spans = a.content_spans()
        speaker_name = a.speaker.name if a.speaker else (a.source.text if a.source else None)
        rows["attributions"].append(
            {
                "article_id": aid,
                "id": a.id,
                "sentence": a.sentence,
                "kind": a.kind,
                "source_type": a.source_type,
                "hearsay": a.hearsay,
                "confidence": a.confidence,
                "source_start": a.source.start if a.source else None,
                "source_end": a.source.end if a.source else None,
                "source_text": a.source.text if a.source else None,
                "cue_start": a.cue.start if a.cue else None,
                "cue_end": a.cue.end if a.cue else None,
                "cue_text": a.cue.text if a.cue else None,
                "content_text": a.content_text() if spans else None,
                "content_spans": json.dumps([[s.start, s.end] for s in spans]),
                "speaker_id": a.speaker.id if a.speaker else None,
                "speaker_name": speaker_name,
                "speaker_confidence": a.speaker_confidence,
                "needs_review": list(a.needs_review),
                "act": a.act,
                "statement": a.statement,
                "via_start": a.via.start if a.via else None,
                "via_end": a.via.end if a.via else None,
                "via_text": a.via.text if a.via else None,
            }
        )
        if a.kind in ("direct", "mixed") and spans:
            text = a.content_text(" ")
            words = quote_words(text)
            if not words:
                continue
            skey = split_name(speaker_name)[0] if speaker_name and a.source_type == "named" else None
            rows["quotes"].append(
                {
                    "quote_id": f"{aid}:{a.id}",
                    "article_id": aid,
                    "attribution_id": a.id,
                    "text": text,
                    "norm": " ".join(words),
                    "n_words": len(words),
                    "speaker_name": speaker_name,
                    "speaker_norm": skey,
                    "bands": band_keys(words),
                    "cluster_id": None,
                }
            )
    for s in report.sentences:
        rows["sentences"].append(
            {
                "article_id": aid,
                "idx": s.index,
                "start_char": s.span.start,
                "end_char": s.span.end,
                "text": s.span.text,
                "sourcing": s.sourcing,
                "attributions": list(s.attributions),
            }
        )
    for m in report.markers:
        rows["markers"].append(
            {
                "article_id": aid,
                "type": m.type,
                "start_char": m.span.start,
                "end_char": m.span.end,
                "text": m.span.text,
                "sentence": m.sentence,
            }
        )
    return rows
