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
from onrecord.pipeline.types import Offsets, RawSpeaker, doc_text
from onrecord.summary import summarize


def doc_to_report(doc: Doc, article: Article, *, model: str, mode: str = "fast") -> Report:
    text = article.text
    if doc_text(doc) != text:
        raise ValueError("the Doc's text is not the article's text; offsets would not hold")

    def span(o: Offsets) -> Span:
        return Span.of(text, o[0], o[1])

    raw_speakers: list[RawSpeaker] = doc._.speakers or []
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
                speaker=by_id.get(a.speaker_id or ""),
                kind=a.kind,  # type: ignore[arg-type]
                source_type=a.source_type,  # type: ignore[arg-type]
                hearsay=a.hearsay,
                confidence=round(a.confidence, 3),
                speaker_confidence=None if a.speaker_confidence is None else round(a.speaker_confidence, 3),
                needs_review=list(a.needs_review),
                sentence=sentence_of(anchor),
            )
        )
    sentences = []
    for i, s in enumerate(sents):
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
    report.summary = summarize(report)
    return report
