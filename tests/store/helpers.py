"""Reports built by hand for store tests: no pipeline, so the tests pin the store alone."""

from __future__ import annotations

from onrecord.models import Article, Attribution, Report, Sentence, Span, Speaker


def quote_report(
    text: str,
    quote: str,
    speaker: str,
    *,
    published: str | None = None,
    site: str | None = None,
    source_type: str = "named",
    sourcing: str = "named",
) -> Report:
    """An article whose one attribution credits ``quote`` (found in ``text``) to ``speaker`` (also in it)."""
    q = text.index(quote)
    s = text.index(speaker)
    cue = text.index("said")
    mention = Span.of(text, s, s + len(speaker))
    sp = Speaker(
        id="S1", name=speaker, type="person" if source_type == "named" else "anonymous", mentions=[mention]
    )
    att = Attribution(
        id="A1",
        source=mention,
        cue=Span.of(text, cue, cue + 4),
        content=Span.of(text, q, q + len(quote)),
        speaker=sp,
        kind="direct",
        source_type=source_type,  # type: ignore[arg-type]
        sentence=0,
    )
    return Report(
        article=Article(text=text, published=published, site=site),
        attributions=[att],
        speakers=[sp],
        sentences=[
            Sentence(index=0, span=Span.of(text, 0, len(text)), sourcing=sourcing, attributions=["A1"])
        ],  # type: ignore[arg-type]
    )
