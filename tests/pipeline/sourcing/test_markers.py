"""Hedge, hearsay, private-context and editorial markers: (text, expected) tables over the real pipeline."""

from __future__ import annotations

import json
from importlib import resources

import pytest
from spacy.language import Language

from onrecord.pipeline import lexicons, load
from onrecord.pipeline.sourcing.colour import union
from onrecord.pipeline.sourcing.markers import load_patterns, merge_markers
from onrecord.pipeline.types import RawMarker


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load(mode="rules")  # the sourcing component is the same in every mode


def markers(nlp: Language, text: str) -> set[tuple[str, str]]:
    doc = nlp(text)
    return {(m.type, text[m.start : m.end]) for m in doc._.markers}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The deal may collapse next week.", ("hedge", "may")),
        ("The talks could resume on Monday.", ("hedge", "could")),
        ("The figures suggest that growth is slowing.", ("hedge", "suggest")),
        ("This assertion hints at a broader strategic calculus.", ("hedge", "hints at")),
        ("The minister appears to have left the capital.", ("hedge", "appears to")),
        ("The ruling is likely to be appealed.", ("hedge", "is likely to")),
        ("The ruling will likely be appealed.", ("hedge", "likely")),
        ("The minister reportedly resigned on Friday.", ("hearsay", "reportedly")),
        ("The president is said to be furious about the leak.", ("hearsay", "is said to")),
        ("According to reports, the talks failed.", ("hearsay", "According to reports")),
        ("The general was reported to have fled.", ("hearsay", "was reported to")),
        ("Behind closed doors, the ministers agreed on a deal.", ("private_context", "Behind closed doors")),
        ("Behind the scenes, aides drafted the plan.", ("private_context", "Behind the scenes")),
        (
            "In private meetings with donors, she was blunt about the risks.",
            ("private_context", "In private meetings with donors"),
        ),
        ("Officials privately expressed doubts about the plan.", ("private_context", "privately")),
        ("‘No,’ he said, his voice steady, ‘we stay.’", ("editorial", "his voice steady")),
        (
            "He paused, his words carefully chosen to avoid any hint of a threat.",
            ("editorial", "his words carefully chosen to avoid any hint of a threat"),
        ),
        (
            "The base is a symbol of a deeper geopolitical chess game.",
            ("editorial", "a deeper geopolitical chess game"),
        ),
        (
            "Speaking with the confidence of a veteran, the mayor outlined the plan.",
            ("editorial", "Speaking with the confidence of a veteran"),
        ),
        (
            "The decision sparked quiet speculation in the capital's political circles.",
            ("editorial", "sparked quiet speculation in the capital's political circles"),
        ),
        ("In a rare interview, the general spoke about the war.", ("editorial", "In a rare interview")),
        (
            "The report offered an unfiltered glimpse into the ministry.",
            ("editorial", "an unfiltered glimpse"),
        ),
        (
            "But in the shadows of the old city's corridors, nothing is settled.",
            ("editorial", "in the shadows of the old city's corridors"),
        ),
        ("The country is walking a tightrope between two powers.", ("editorial", "a tightrope")),
    ],
)
def test_marker_found(nlp: Language, text: str, expected: tuple[str, str]) -> None:
    assert expected in markers(nlp, text)


@pytest.mark.parametrize(
    ("text", "mtype", "word"),
    [
        ("The summit was held in May.", "hedge", "May"),
        ("The summit will be held on May 3.", "hedge", "May"),
        ("He could not be reached for comment.", "hedge", "could"),
        ("He suggested a meeting on Friday.", "hedge", "suggested"),
        ("‘We may leave the talks soon,’ he said.", "hedge", "may"),
        ("Speaking to reporters on Monday, the mayor outlined the plan.", "editorial", "Speaking"),
        ("The patient has a rare disease.", "editorial", "rare"),
        ("The border with Turkey is volatile.", "editorial", "volatile"),
        ("The plan is sound, his campaign said.", "editorial", "his campaign"),
        ("‘It is a chess game,’ the minister said.", "editorial", "chess game"),
    ],
)
def test_marker_not_found(nlp: Language, text: str, mtype: str, word: str) -> None:
    assert not any(t == mtype and word in s for t, s in markers(nlp, text))


@pytest.mark.parametrize(
    "name",
    [
        "hedges",
        "hearsay",
        "private_context",
        "anonymous_sources",
        "vague_sources",
        "editorial",
        "evaluative_adjectives",
        "framing_adjectives",
        "rare_nouns",
        "manner_nouns",
        "manner_verbs",
        "reaction_phrases",
        "transitions",
        "background_phrases",
        "vague_heads",
        "vague_impersonal",
        "anonymous_heads",
        "anonymous_singular_heads",
        "discourse_nouns",
        "inference_cues",
    ],
)
def test_lexicon_files_load(name: str) -> None:
    entries = lexicons.load(name)
    assert entries, f"{name}.txt is empty"
    assert all(e == e.strip().lower() for e in entries)


def test_reaction_phrases_are_pairs() -> None:
    assert all(len(line.split()) == 2 for line in lexicons.load("reaction_phrases"))


def test_token_patterns_are_valid(nlp: Language) -> None:
    from spacy.matcher import Matcher

    raw = resources.files(lexicons.__name__).joinpath("sourcing_patterns.jsonl").read_text(encoding="utf-8")
    assert all(json.loads(line)["label"] for line in raw.splitlines() if line.strip())
    matcher = Matcher(nlp.vocab)
    for i, (label, pattern) in enumerate(load_patterns()):
        assert label in ("hedge", "hearsay", "private_context")
        matcher.add(f"{label}{i}", [list(pattern)])  # raises on an invalid pattern


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ([(0, 5, "hedge"), (0, 5, "hedge")], [(0, 5, "hedge")]),
        ([(0, 10, "private_context"), (0, 18, "private_context")], [(0, 18, "private_context")]),
        ([(3, 6, "hedge"), (0, 10, "hedge")], [(0, 10, "hedge")]),
        ([(0, 5, "hedge"), (0, 5, "hearsay")], [(0, 5, "hearsay"), (0, 5, "hedge")]),
    ],
)
def test_merge_markers(given: list[tuple[int, int, str]], expected: list[tuple[int, int, str]]) -> None:
    out = merge_markers([RawMarker(*m) for m in given])
    assert [(m.start, m.end, m.type) for m in out] == expected


def test_union_joins_overlapping_colour() -> None:
    out = union(
        [RawMarker(0, 10, "editorial"), RawMarker(5, 20, "editorial"), RawMarker(25, 30, "editorial")]
    )
    assert [(m.start, m.end) for m in out] == [(0, 20), (25, 30)]
