"""Turn an analysed spaCy Doc into a :class:`onrecord.models.Report` (offsets into the article text)."""

from __future__ import annotations

from spacy.tokens import Doc

from onrecord import __version__
from onrecord.models import (
    Article,
    Attribution,
    Engine,
    Entity,
    Marker,
    Report,
    Sentence,
    Span,
    Speaker,
)
from onrecord.pipeline import lexicons
from onrecord.pipeline.sourcing.editorial import article_genre
from onrecord.pipeline.speakers import limits
from onrecord.pipeline.speakers.doubt import review_speakers
from onrecord.pipeline.types import Offsets, RawSpeaker, doc_text
from onrecord.settings import DEFAULT_MODEL
from onrecord.summary import summarize


def doc_to_report(
    doc: Doc,
    article: Article | None = None,
    *,
    model: str = DEFAULT_MODEL,
    mode: str = "fast",
    doubt: bool = True,
) -> Report:
    """The Report for a Doc the ``onrecord`` component has analysed; ``article`` is the article the
    Doc's text came from (by default an article of that text alone), ``model`` and ``mode`` the
    pipeline's, recorded in ``Report.engine``. ``doubt``: score each speaker with the learned
    speaker-doubt model (:mod:`onrecord.pipeline.speakers.doubt`; off only to train it)."""
    if article is None:
        article = Article(text=doc_text(doc))
    text = article.text
    if doc_text(doc) != text:
        raise ValueError("the Doc's text is not the article's text; offsets would not hold")

    def span(o: Offsets) -> Span:
        return Span.of(text, o[0], o[1])

    raw_speakers: list[RawSpeaker] = list(doc._.speakers or [])
    byline = _byline_first_person(doc, article, raw_speakers)
    speakers = [
        Speaker(
            id=s.id,
            name=s.name,
            role=s.role,
            organization=s.organization,
            type=s.type,  # type: ignore[arg-type]
            mentions=[span(m) for m in s.mentions],
        )
        for s in raw_speakers
    ]
    by_id = {s.id: s for s in speakers}
    sents = list(doc.sents)
    labels: list[str] = doc._.sentence_labels or ["assertion"] * len(sents)
    starts = [s.start_char for s in sents]

    def sentence_of(offset: int) -> int | None:
        import bisect

        i = bisect.bisect_right(starts, offset) - 1
        return i if i >= 0 else None

    attributions: list[Attribution] = []
    for i, a in enumerate(doc._.attributions or []):
        contents = [span(c) for c in a.content]
        anchor = (a.cue or (a.content[0] if a.content else (0, 0)))[0]
        attributions.append(
            Attribution(
                id=f"A{i + 1}",
                source=span(a.source) if a.source else None,
                cue=span(a.cue) if a.cue else None,
                content=contents[0] if len(contents) == 1 else (contents or None),
                speaker=by_id.get(byline.get(id(a), a.speaker_id or "")),
                kind=a.kind,  # type: ignore[arg-type]
                source_type=a.source_type,  # type: ignore[arg-type]
                hearsay=a.hearsay,
                act=a.act,  # type: ignore[arg-type]
                statement=None if a.statement is None else round(a.statement, 3),
                via=span(a.via) if a.via else None,
                confidence=round(a.confidence, 3),
                speaker_confidence=limits.BYLINE_CONFIDENCE
                if id(a) in byline
                else (None if a.speaker_confidence is None else round(a.speaker_confidence, 3)),
                needs_review=[BYLINE_REASON] if id(a) in byline else list(a.needs_review),
                sentence=sentence_of(anchor),
            )
        )
    sentences = []
    for i, s in enumerate(sents if not doc._.not_analysed else []):
        lo, hi = s.start_char, s.end_char
        while hi > lo and text[hi - 1].isspace():
            hi -= 1
        if hi <= lo:
            continue
        sentences.append(
            Sentence(
                index=i,
                span=span((lo, hi)),
                sourcing=labels[i],  # type: ignore[arg-type]
                attributions=[a.id for a in attributions if a.sentence == i],
            )
        )
    markers = [
        Marker(span=span((m.start, m.end)), type=m.type, sentence=sentence_of(m.start))  # type: ignore[arg-type]
        for m in (doc._.markers or [])
    ]
    entities = [
        Entity(span=span((e.start, e.end)), label=e.label, canonical=e.canonical)
        for e in (doc._.entities or [])
    ]
    report = Report(
        article=article,
        attributions=attributions,
        speakers=speakers,
        sentences=sentences,
        markers=markers,
        entities=entities,
        engine=Engine(onrecord=__version__, model=model, mode=mode),
    )
    if doubt:
        review_speakers(report)
    report.summary = summarize(
        report,
        genre="" if doc._.not_analysed else article_genre(article.url, doc._.genre or "news"),
        not_analysed=doc._.not_analysed or "",
    )
    return report


BYLINE_REASON = "first person taken as the byline author"


def _byline_first_person(doc: Doc, article: Article, speakers: list[RawSpeaker]) -> dict[int, str]:
    """In a column, "I" outside quotation marks is the author: where the article names its authors,
    an unresolved first-person source gets the first of them (a speaker record is added to
    ``speakers``). Returns the speaker id for each such attribution (by ``id()``)."""
    out: dict[int, str] = {}
    if not article.authors:
        return out
    text = article.text
    quotes = [q.inner for q in (doc._.quotes or [])]
    author: RawSpeaker | None = None
    for a in doc._.attributions or []:
        if a.speaker_id is not None or a.source is None:
            continue
        if text[a.source[0] : a.source[1]].strip().lower() not in lexicons.first_person(
            singular=True, possessive=False
        ):
            continue
        if any(lo <= a.source[0] < hi for lo, hi in quotes):
            continue
        if author is None:
            author = RawSpeaker(f"S{len(speakers) + 1}", article.authors[0], type="person")
            speakers.append(author)
        author.mentions.append(a.source)
        out[id(a)] = author.id
    return out
