"""Reports built directly from the model (no pipeline), for the renderer tests."""

from __future__ import annotations

from onrecord.models import Article, Attribution, Engine, Marker, Origin, Report, Sentence, Span, Speaker
from onrecord.summary import summarize

PAYLOADS = (
    "<script>alert(1)</script>",
    '" onmouseover="alert(1)',
    "' onfocus='alert(2)' autofocus='",
    "</span><img src=x onerror=alert(3)>",
    "[click](javascript:alert(4)) **bold** | pipe",
    "[bold red]rich markup[/]",
)


def build_report(payload: str = "", *, url: str | None = "https://example.org/news?id=1") -> Report:
    """A small report whose text, title, url, site, authors and speaker carry ``payload``."""
    s1 = f"Minister Anna {payload} Petrosyan said the base stays. "
    s2 = f"‘We will not move it {payload},’ she said, her voice steady. "
    s3 = "Sources close to the ministry reportedly confirmed the deal."
    text = s1 + s2 + s3
    o2 = len(s1)
    o3 = o2 + len(s2)

    def sp(sub: str, after: int = 0) -> Span:
        i = text.index(sub, after)
        return Span.of(text, i, i + len(sub))

    name = f"Anna {payload} Petrosyan"
    speaker = Speaker(
        id="S1",
        name=name,
        role=f"Minister {payload}",
        organization=f"Ministry {payload}",
        type="person",
        mentions=[sp(f"Minister Anna {payload} Petrosyan")],
    )
    anon = Speaker(
        id="S2",
        name="sources close to the ministry",
        type="anonymous",
        mentions=[sp("Sources close to the ministry")],
    )
    quote = sp(f"We will not move it {payload},", o2)
    atts = [
        Attribution(
            id="A1",
            source=sp(f"Minister Anna {payload} Petrosyan"),
            cue=sp("said"),
            content=sp("the base stays"),
            speaker=speaker,
            kind="indirect",
            source_type="named",
            sentence=0,
        ),
        Attribution(
            id="A2",
            source=sp("she", o2),
            cue=sp("said", o2),
            content=quote,
            speaker=speaker,
            kind="direct",
            source_type="named",
            sentence=1,
        ),
        Attribution(
            id="A3",
            source=sp("Sources close to the ministry"),
            cue=sp("confirmed"),
            content=sp("the deal"),
            speaker=anon,
            kind="indirect",
            source_type="anonymous",
            hearsay=True,
            sentence=2,
        ),
    ]
    sentences = [
        Sentence(index=0, span=Span.of(text, 0, len(s1) - 1), sourcing="named", attributions=["A1"]),
        Sentence(index=1, span=Span.of(text, o2, o3 - 1), sourcing="named", attributions=["A2"]),
        Sentence(index=2, span=Span.of(text, o3, len(text)), sourcing="anonymous", attributions=["A3"]),
    ]
    markers = [
        Marker(span=sp("her voice steady"), type="editorial", sentence=1),
        Marker(span=sp("reportedly"), type="hearsay", sentence=2),
        # overlaps the quote's end and the cue: must still render as flat segments
        Marker(span=Span.of(text, quote.end - 3, sp("said", o2).end), type="hedge", sentence=1),
    ]
    report = Report(
        article=Article(
            text=text,
            title=f"Title {payload}",
            url=url,
            site=f"site {payload}",
            authors=[f"Author {payload}"],
            origin=Origin(path=f"in/{payload}.txt"),
        ),
        attributions=atts,
        speakers=[speaker, anon],
        sentences=sentences,
        markers=markers,
        engine=Engine(onrecord="test", model="none"),
    )
    report.summary = summarize(report)
    return report


def _sp(text: str, sub: str, after: int = 0) -> Span:
    i = text.index(sub, after)
    return Span.of(text, i, i + len(sub))


def sheet_report(quote: str = "We will not move it", *, path: str | None = "news/a.txt") -> Report:
    """One direct quote by a named minister, one split quote by her, one unresolved 'officials'."""
    text = (
        f"“{quote},” Minister Anna Petrosyan said. "
        "“The base stays,” she said, “and that is final.” "
        "Officials reportedly said that talks would go on."
    )
    minister = _sp(text, "Minister Anna Petrosyan")
    anna = Speaker(
        id="S1",
        name="Anna Petrosyan",
        role="Minister of Defence",
        organization="Ministry of Defence",
        type="person",
        mentions=[minister],
    )
    first = Attribution(
        id="A1",
        source=minister,
        cue=_sp(text, "said"),
        content=_sp(text, quote),
        speaker=anna,
        kind="direct",
        source_type="named",
        confidence=0.91234,
        speaker_confidence=0.8,
        sentence=0,
    )
    split = Attribution(
        id="A2",
        source=_sp(text, "she"),
        cue=_sp(text, "said", text.index("she")),
        content=[_sp(text, "The base stays"), _sp(text, "and that is final.")],
        speaker=anna,
        kind="direct",
        source_type="named",
        speaker_confidence=0.6,
        needs_review=["pronoun resolved across a sentence", "two people share this surname"],
        sentence=1,
    )
    officials = Attribution(
        id="A3",
        source=_sp(text, "Officials"),
        cue=_sp(text, "reportedly said"),
        content=_sp(text, "that talks would go on"),
        kind="indirect",
        source_type="vague",
        hearsay=True,
        confidence=0.5,
        sentence=2,
    )
    return Report(
        article=Article(text=text, origin=Origin(path=path)),
        attributions=[first, split, officials],
        speakers=[anna],
    )
