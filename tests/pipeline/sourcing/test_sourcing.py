"""Sentence sourcing labels and attribution source types: (text, expected) tables over the real pipeline."""

from __future__ import annotations

import pytest
from spacy.language import Language

from onrecord.models import Article, Report
from onrecord.pipeline import doc_to_report, load
from onrecord.pipeline.sourcing.source_types import classify_source


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load(mode="rules")  # the sourcing component is the same in every mode


def labels(nlp: Language, text: str) -> list[str]:
    return list(nlp(text)._.sentence_labels)


def agrees(report: Report) -> list[str]:
    """Attributions whose source_type disagrees with their sentence's label."""
    by_index = {s.index: s for s in report.sentences}
    bad = []
    for a in report.attributions:
        s = by_index.get(a.sentence) if a.sentence is not None else None
        if s is None:
            continue
        ok = (
            a.source_type == s.sourcing
            or (s.sourcing == "hearsay" and a.hearsay)
            or (
                a.source_type == "none"
                and s.sourcing in ("assertion", "editorial", "background", "hearsay", "vague")
            )
            # a sentence with several sources takes the strongest (named > anonymous > vague)
            or any(
                o.source_type == s.sourcing
                for o in report.attributions
                if o.sentence == a.sentence and o is not a
            )
        )
        if not ok:
            bad.append(f"{a.id} {a.source_type} in a {s.sourcing} sentence: {s.span.text!r}")
    return bad


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Prime Minister Nikol Pashinyan said the base would stay.", "named"),
        ("‘The base stays,’ said Sergey Kopyrkin, the Russian ambassador.", "named"),
        ("Sources close to the ministry said the deal was off.", "anonymous"),
        ("A senior official who asked not to be named said the talks would continue.", "anonymous"),
        ("People familiar with the matter said the bid would fail.", "anonymous"),
        ("Some analysts said the move was a calculated signal.", "vague"),
        ("Critics say the plan is far too expensive.", "vague"),
        ("It is believed that the minister will resign.", "vague"),
        ("The minister is said to be furious about the leak.", "hearsay"),
        ("According to reports, the talks failed.", "hearsay"),
        ("The minister reportedly resigned on Friday.", "hearsay"),
        ("The bridge was built in 1932 and carries 40,000 cars a day.", "assertion"),
        (
            "But in the shadows of the old palace, a deeper geopolitical chess game is unfolding.",
            "editorial",
        ),
        ("Yet the reality is more complex.", "background"),
        ("Protesters were frustrated that the police kept the video.", "vague"),
        ("There has been much speculation about his health.", "vague"),
        ("A Bloomberg poll shows that wealthy voters have left the party.", "named"),
        ("Large parts of the city are divided by income, other studies have shown.", "vague"),
        ("WALLACE: Let’s start with the breaking news tonight.", "named"),
        ("This distinction suggests that Armenia is leaning toward the West.", "assertion"),
        ("Read the rest here.", "background"),
    ],
)
def test_sentence_label(nlp: Language, text: str, expected: str) -> None:
    assert labels(nlp, text)[0] == expected


def test_heading_and_byline_are_background(nlp: Language) -> None:
    text = "Russia Keeps Its Base in Armenia\n\nBy Anna Petrosyan\n\nThe base was opened in 1995 near Gyumri."
    doc = nlp.make_doc(text)
    for tok in doc[1:]:  # paragraphs are sentences (the parser keeps boundaries set before it)
        tok.is_sent_start = "\n" in doc[tok.i - 1].text
    for _name, proc in nlp.pipeline:
        doc = proc(doc)
    assert list(doc._.sentence_labels) == ["background", "background", "assertion"]


@pytest.mark.parametrize(
    ("text", "source", "expected"),
    [
        (
            "Sources close to the Russian Foreign Ministry have confirmed that the deal holds.",
            "Sources close to the Russian Foreign Ministry",
            "anonymous",
        ),
        ("A campaign operative said the plan had changed.", "A campaign operative", "anonymous"),
        ("Another source said the van left early.", "Another source", "anonymous"),
        ("Those close to him say he will run.", "Those close to him", "anonymous"),
        ("Armenian officials have privately expressed concerns.", "Armenian officials", "vague"),
        ("Some analysts view it as a signal.", "Some analysts", "vague"),
        ("Republicans said the bill would fail.", "Republicans", "vague"),
        ("Other studies found the same effect.", "Other studies", "vague"),
        ("No one could have predicted it, he said.", "No one", "vague"),
        ("Nikol Pashinyan confirmed that the level was reduced.", "Nikol Pashinyan", "named"),
        ("The president declined to comment on the report.", "The president", "named"),
        ("The two countries signed an agreement in 2011.", "The two countries", "named"),
        # people by what they are name no one, definite or not (without a speaker named for them)
        ("The US lawyers said the FBI should call him.", "The US lawyers", "vague"),
        ("His doctors said the bedding was to blame.", "His doctors", "vague"),
        ("The governor's advisers said the vote would pass.", "The governor's advisers", "vague"),
        ("The Charlotte Observer reported that police had the video.", "The Charlotte Observer", "named"),
        ("This distinction suggests that Armenia is navigating a tightrope.", "This distinction", "none"),
    ],
)
def test_classify_source(nlp: Language, text: str, source: str, expected: str) -> None:
    doc = nlp(text)
    start = text.index(source)
    cue_tok = doc.char_span(start, start + len(source), alignment_mode="expand")
    assert cue_tok is not None
    verb = cue_tok.root.head
    got = classify_source(doc, (start, start + len(source)), cue=(verb.idx, verb.idx + len(verb)))
    assert got == expected


def test_no_source_no_speaker_is_none(nlp: Language) -> None:
    assert classify_source(nlp("The bridge is old."), None) == "none"


@pytest.mark.parametrize(
    "text",
    [
        "On Monday, Prime Minister Nikol Pashinyan confirmed that the level had been reduced, a move that some analysts view as a signal.",
        "In private meetings, Ararat Mirzoyan has reportedly stressed that ‘Armenia has no question about the base.’",
        "Sources close to the ministry said the deal was off. Critics say the plan is far too expensive.",
    ],
)
def test_source_types_agree_with_sentences(nlp: Language, text: str) -> None:
    report = doc_to_report(nlp(text), Article(text=text), model="test")
    assert report.attributions, "the attribution layer found nothing to check"
    assert agrees(report) == []


def test_reportedly_named_quote_stays_named_and_hearsay(nlp: Language) -> None:
    text = "In private meetings, Ararat Mirzoyan has reportedly stressed that ‘Armenia has no question about the base.’"
    report = doc_to_report(nlp(text), Article(text=text), model="test")
    assert report.sentences[0].sourcing == "named"
    named = [a for a in report.attributions if a.source_type == "named"]
    assert named and all(a.hearsay for a in named)
    assert {m.type for m in report.markers} >= {"hearsay", "private_context"}
