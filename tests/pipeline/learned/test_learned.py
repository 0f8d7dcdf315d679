"""The learned attribution component: decoding, merging with the rules, and end-to-end cases."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import onrecord
from onrecord.pipeline import load
from onrecord.pipeline.learned.decoding import CONTENT, CUE, TokenSpan, decode
from onrecord.pipeline.learned.merge import merge
from onrecord.pipeline.learned.tagger import _distance, _Window, split_unbridged
from onrecord.pipeline.types import RawAttribution


def _probs(tags: str, role: int) -> np.ndarray:
    """Probabilities putting all mass on the O/B/I letters of ``tags`` for ``role``."""
    p = np.zeros((len(tags), 3, 3), dtype=np.float32)
    p[:, :, 0] = 1.0
    for i, t in enumerate(tags):
        if t != "O":
            p[i, role] = 0.0
            p[i, role, "OBI".index(t)] = 1.0
    return p


@pytest.mark.parametrize(
    ("tags", "role", "chunks", "expected"),
    [
        ("OBIIO", CONTENT, [(0, 5)], [[(1, 4)]]),
        ("BIOOI", CONTENT, [(0, 5)], [[(0, 2), (4, 5)]]),  # I after a short gap continues the content
        ("BIOOI", CUE, [(0, 5)], [[(0, 2)], [(4, 5)]]),  # but not a cue
        ("BIBIO", CONTENT, [(0, 5)], [[(0, 2)], [(2, 4)]]),
        ("IIOOO", CONTENT, [(0, 5)], [[(0, 2)]]),  # a span may start with I
        ("BIIII", CONTENT, [(0, 2), (2, 5)], [[(0, 2)], [(2, 5)]]),  # chunks end spans
        ("OOOOO", CONTENT, [(0, 5)], []),
    ],
)
def test_decode(
    tags: str, role: int, chunks: list[tuple[int, int]], expected: list[list[tuple[int, int]]]
) -> None:
    assert [s.frags for s in decode(_probs(tags, role), chunks, role)] == expected


@pytest.mark.parametrize(
    ("tags", "breaks", "expected"),
    [
        ("BIOOI", "00000", [[(0, 2), (4, 5)]]),
        ("BIOOI", "00010", [[(0, 2)], [(4, 5)]]),  # a new sentence in the gap: a new content
        ("BIOOI", "00001", [[(0, 2), (4, 5)]]),  # the resumed fragment may start the sentence
    ],
)
def test_decode_does_not_bridge_a_sentence_start(
    tags: str, breaks: str, expected: list[list[tuple[int, int]]]
) -> None:
    marks = np.array([c == "1" for c in breaks])
    assert [s.frags for s in decode(_probs(tags, CONTENT), [(0, 5)], CONTENT, marks)] == expected


def _span(*frags: tuple[int, int]) -> TokenSpan:
    return TokenSpan(list(frags))


@pytest.mark.parametrize(
    ("content", "cues", "expected"),
    [
        # ‘A,’ he said, ‘B.’ : both fragments touch the same cue
        (_span((1, 5), (10, 15)), [_span((7, 8))], [[(1, 5), (10, 15)]]),
        # framed A. ‘B,’ he emphasized : a cue before A, another after B
        (_span((3, 8), (10, 15)), [_span((2, 3)), _span((18, 19))], [[(3, 8)], [(10, 15)]]),
        # no cue near either fragment: no evidence, the content stays whole
        (_span((1, 5), (10, 15)), [], [[(1, 5), (10, 15)]]),
    ],
)
def test_split_unbridged(
    content: TokenSpan, cues: list[TokenSpan], expected: list[list[tuple[int, int]]]
) -> None:
    assert [s.frags for s in split_unbridged([content], cues)] == expected


@pytest.mark.parametrize(
    ("text", "fragments", "kept"),
    [
        # closed on a comma: the next unquoted fragment is another clause
        (
            "Mirzoyan stressed that ‘Armenia has no question,’ a statement that mirrors Kopyrkin’s assurances.",
            ["that ‘Armenia has no question", "Kopyrkin’s assurances"],
            1,
        ),
        # closed inside the first fragment, a comma in the gap: the same
        (
            "Pashinyan confirmed that the government had ‘reduced the level’ in 2024, a move that "
            "some analysts view as a calculated signal.",
            [
                "that the government had ‘reduced the level’ in 2024",
                "move that some",
                "as a calculated signal",
            ],
            1,
        ),
    ],
)
def test_learned_content_stops_after_a_closed_quotation(text: str, fragments: list[str], kept: int) -> None:
    doc = load()(text)
    content = [(text.index(f), text.index(f) + len(f)) for f in fragments]
    a = RawAttribution(cue=(text.index(" ") + 1, text.index("that") - 1), content=content, kind="mixed")
    merge(doc, [], [a])
    assert a.content == content[:kept]


def test_merge_split_rule_quotes_then_learned_then_uncovered_rule_quotes() -> None:
    nlp = load()
    doc = nlp.make_doc("x")
    rule_split = RawAttribution(cue=(50, 54), content=[(10, 30), (60, 80)], source=None, kind="direct")
    rule_direct = RawAttribution(cue=(100, 104), content=[(106, 148)], source=(90, 99), kind="direct")
    rule_quote = RawAttribution(cue=(400, 404), content=[(406, 440)], source=(390, 399), kind="direct")
    rule_mixed = RawAttribution(cue=(300, 304), content=[(310, 330)], kind="mixed")
    rule_indirect = RawAttribution(cue=(200, 204), content=[(205, 230)], kind="indirect")
    learned_split = RawAttribution(cue=(50, 54), content=[(8, 82)], source=(45, 49), kind="direct")
    learned = RawAttribution(cue=None, content=[(105, 150)], kind="direct")
    rules = [rule_split, rule_direct, rule_indirect, rule_mixed, rule_quote]
    out = merge(doc, rules, [learned_split, learned])
    # the rules' reports that no learned content covers are left out, their quotations kept
    assert [a.content for a in out] == [[(10, 30), (60, 80)], [(105, 150)], [(406, 440)]]
    assert out[0].source == (45, 49)  # the split rule quote borrows the learned source
    assert out[1].cue == (100, 104) and out[1].source == (90, 99)  # the learned one the rule's


def test_merge_gives_a_rule_report_to_the_learned_cue_that_found_no_content() -> None:
    """A rule report no learned content covers stands only where the tagger found its cue."""
    doc = load().make_doc("x")
    rule_seen = RawAttribution(cue=(60, 64), content=[(65, 90)], source=(50, 59), kind="indirect")
    rule_unseen = RawAttribution(cue=(200, 204), content=[(205, 230)], source=(190, 199), kind="indirect")
    bare = RawAttribution(cue=(60, 64), content=[], source=(45, 59), kind="indirect")
    out = merge(doc, [rule_seen, rule_unseen], [bare])
    assert len(out) == 1 and out[0] is bare
    assert bare.content == [(65, 90)] and bare.source == (45, 59)  # the learned source span stands


def test_merge_takes_the_rule_cue_that_holds_the_learned_one() -> None:
    text = "Kopyrkin made it clear that the base stays in Armenia for years."
    doc = load().make_doc(text)
    span = lambda s: (text.index(s), text.index(s) + len(s))  # noqa: E731
    rule = RawAttribution(cue=span("made it clear"), content=[span("that the base stays in Armenia")])
    learned = RawAttribution(
        cue=span("it clear"),
        content=[span("that the base stays in Armenia for years")],
        source=span("Kopyrkin"),
    )
    out = merge(doc, [rule], [learned])
    assert [(a.cue, a.content) for a in out] == [(span("made it clear"), learned.content)]


CASES = [
    (
        "The senator said that the bill would pass next week.",
        [("The senator", "said", "the bill would pass next week", "indirect")],
    ),
    (
        "“We will not give up,” the mayor said on Tuesday.",
        [("the mayor", "said", "We will not give up", "direct")],
    ),
    (
        "According to the ministry, the talks collapsed after midnight.",
        [("the ministry", "According to", "the talks collapsed after midnight", "indirect")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_end_to_end(text: str, expected: list[tuple[str, str, str, str]]) -> None:
    report = onrecord.analyze(text)
    got = [
        (
            a.source.text if a.source else None,
            a.cue.text if a.cue else None,
            " ".join(
                c.text
                for c in (a.content if isinstance(a.content, list) else [a.content] if a.content else [])
            ),
            a.kind,
        )
        for a in report.attributions
        if a.content
    ]
    assert len(got) == len(expected), got
    for (src, cue, content, kind), (e_src, e_cue, e_content, e_kind) in zip(got, expected, strict=True):
        assert src == e_src and cue == e_cue and e_content in content and kind == e_kind


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\n  ",
        "“",
        "He said.",
        "“Unclosed quote\n\nNext paragraph,” she said.",
        "A\n" * 300,
        "x " * 3000,
    ],
)
def test_odd_texts_do_not_crash(text: str) -> None:
    report = onrecord.analyze(text)
    for a in report.attributions:
        for span in [a.source, a.cue, *(a.content if isinstance(a.content, list) else [a.content])]:
            if span is not None:
                assert text[span.start : span.end] == span.text


def _role_probs(n: int, **tags: dict[int, str]) -> np.ndarray:
    """O everywhere but the given token -> B/I letters per role (source, cue, content)."""
    p = np.zeros((n, 3, 3), dtype=np.float32)
    p[:, :, 0] = 1.0
    for role, marks in tags.items():
        r = ("source", "cue", "content").index(role)
        for i, t in marks.items():
            p[i, r] = 0.0
            p[i, r, "OBI".index(t)] = 1.0
    return p


@pytest.mark.parametrize(
    ("text", "tags", "expected"),
    [
        (  # control: a source, a verb cue, a content
            "Officials said the plan works.",
            {"source": {0: "B"}, "cue": {1: "B"}, "content": {2: "B", 3: "I", 4: "I"}},
            [("Officials", "said")],
        ),
        (  # an adjective alone names no one: the attribution stands without a source
            "This assertion, while diplomatic, hints at a broader calculus.",
            {"source": {4: "B"}, "cue": {6: "B", 7: "I"}, "content": {8: "B", 9: "I", 10: "I"}},
            [(None, "hints at")],
        ),
        (  # a lone preposition with no source cues nothing
            "There was talk about Armenia's partnerships.",
            {"cue": {3: "B"}, "content": {4: "B", 5: "I", 6: "I"}},
            [],
        ),
        (  # a colon can be the cue ("Poll: …"); a tagged comma is no cue
            "Poll: Wealthy voters abandon the party.",
            {"source": {0: "B"}, "cue": {1: "B"}, "content": {2: "B", 3: "I", 4: "I", 5: "I", 6: "I"}},
            [("Poll", ":")],
        ),
        (
            "Officials, the plan works.",
            {"source": {0: "B"}, "cue": {1: "B"}, "content": {2: "B", 3: "I", 4: "I"}},
            [],
        ),
    ],
)
def test_structure_needs_a_nominal_source_and_a_cue_that_can_report(
    text: str, tags: dict[str, dict[int, str]], expected: list[tuple[str | None, str]]
) -> None:
    nlp = load()
    with nlp.select_pipes(disable=["onrecord"]):  # parse and tag, but leave onrecord out
        doc = nlp(text)
    out = (
        nlp.get_pipe("onrecord")
        .step("learned")
        .structure(doc, _role_probs(len(doc), **tags), [(0, len(doc))])
    )
    got = [
        (text[a.source[0] : a.source[1]] if a.source else None, text[a.cue[0] : a.cue[1]])
        for a in out
        if a.cue
    ]
    assert got == expected


def _soft(rows: list[tuple[float, float, float]]) -> np.ndarray:
    return np.array(rows, dtype=np.float32)


@pytest.mark.parametrize(
    ("rows", "chunks", "expected"),
    [
        # a weak O inside a content no longer splits it in two
        (
            [
                (0.9, 0.05, 0.05),
                (0.1, 0.8, 0.1),
                (0.1, 0.1, 0.8),
                (0.55, 0.0, 0.45),
                (0.1, 0.1, 0.8),
                (0.9, 0.05, 0.05),
            ],
            [(0, 6)],
            [0, 1, 2, 2, 2, 0],
        ),
        # a clear O stays O
        ([(0.1, 0.8, 0.1), (0.1, 0.1, 0.8), (0.95, 0.0, 0.05), (0.1, 0.8, 0.1)], [(0, 4)], [1, 2, 0, 1]),
        # chunks are decoded apart; tokens outside them are O
        ([(0.1, 0.8, 0.1), (0.1, 0.1, 0.8), (0.1, 0.8, 0.1)], [(0, 1), (2, 3)], [1, 0, 1]),
        # a chunk that would open with I opens the content with B
        ([(0.1, 0.1, 0.8), (0.1, 0.1, 0.8)], [(0, 2)], [1, 2]),
        ([(0.1, 0.8, 0.1)], [], [0]),
    ],
)
def test_viterbi_smooths_content_tags(
    rows: list[tuple[float, float, float]], chunks: list[tuple[int, int]], expected: list[int]
) -> None:
    from onrecord.pipeline.learned.decoding import TagTransitions, viterbi

    assert viterbi(_soft(rows), chunks, TagTransitions.shipped()).tolist() == expected


def test_viterbi_with_no_weight_is_argmax() -> None:
    from onrecord.pipeline.learned.decoding import TagTransitions, viterbi

    rng = np.random.default_rng(0)
    probs = rng.dirichlet([1.0, 1.0, 1.0], size=40).astype(np.float32)
    hmm = TagTransitions.shipped()
    flat = TagTransitions(0.0, hmm.prior, hmm.first, hmm.transitions)
    assert (viterbi(probs, [(0, 17), (17, 40)], flat) == probs.argmax(axis=1)).all()


def test_shipped_tag_transitions_are_log_probabilities() -> None:
    from onrecord.pipeline.learned.decoding import TagTransitions

    hmm = TagTransitions.shipped()
    assert 0.0 < hmm.weight <= 1.0
    for dist in (hmm.prior, hmm.first, *hmm.transitions):
        assert abs(float(np.exp(dist).sum()) - 1.0) < 1e-3


# a CRF that never lets an I follow an O, nor a chunk start with I
_NO_O_TO_I = (np.array([0.0, 0.0, -20.0]), np.array([[0.0, 0.0, -20.0], [0.0, 0.0, 0.0], [0.0, 0.0, 0.0]]))


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        # argmax O I I: the first I cannot follow O, so the best path starts the span there (B)
        ([(0.9, 0.05, 0.05), (0.2, 0.3, 0.5), (0.1, 0.1, 0.8)], [0, 1, 2]),
        # a chunk cannot open with I either
        ([(0.1, 0.3, 0.6), (0.1, 0.1, 0.8)], [1, 2]),
        # allowed sequences stay the argmax
        ([(0.1, 0.8, 0.1), (0.1, 0.1, 0.8), (0.9, 0.05, 0.05)], [1, 2, 0]),
    ],
)
def test_viterbi_with_crf_scores_follows_the_learned_transitions(
    rows: list[tuple[float, float, float]], expected: list[int]
) -> None:
    from onrecord.pipeline.learned.decoding import TagTransitions, viterbi

    crf = TagTransitions.crf(*_NO_O_TO_I)
    assert crf.weight == 1.0 and not crf.prior.any()
    assert viterbi(_soft(rows), [(0, len(rows))], crf).tolist() == expected


def test_accurate_mode_decodes_source_and_cue_with_its_crf() -> None:
    from onrecord.pipeline.learned.decoding import SOURCE, TagTransitions

    comp = load(mode="accurate").get_pipe("onrecord").step("learned")
    for role in (SOURCE, CUE):
        crf = comp.decoders[role]
        assert crf is not None and crf.weight == 1.0 and crf.transitions.shape == (3, 3)
    hmm = comp.decoders[CONTENT]
    assert hmm is not None and hmm.weight == TagTransitions.shipped().weight
    # the fast mode's tagger was trained without a CRF: its source and cue tags are argmax
    fast = load(mode="fast").get_pipe("onrecord").step("learned")
    assert fast.decoders[SOURCE] is None and fast.decoders[CUE] is None


@given(
    st.lists(st.tuples(st.integers(0, 300), st.integers(1, 30)), min_size=0, max_size=40),
    st.tuples(st.integers(0, 300), st.integers(1, 30)),
    st.integers(0, 50),
)
def test_window_holds_every_span_within_reach(
    pool_spec: list[tuple[int, int]], target_spec: tuple[int, int], reach: int
) -> None:
    pool = [TokenSpan([(s, s + n)]) for s, n in pool_spec]
    target = TokenSpan([(target_spec[0], target_spec[0] + target_spec[1])])
    within = [k for k, c in enumerate(pool) if _distance(target, c) <= reach]
    near = _Window(pool).near(target, reach)
    assert set(within) <= set(near) and near == sorted(near)
