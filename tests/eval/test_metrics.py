"""BRAT reading and the attribution metrics, as (input, expected) tables."""

from __future__ import annotations

import pytest

from onrecord.eval.brat import parse_ann
from onrecord.eval.metrics import Scores, Tokens, score_doc, to_token_sets

TEXT = "Officials said that the plan was dead. “It is over,” she said, “for now.” Rain fell."
#       0         1         2         3         4         5         6         7         8
ANN = (
    "T1\tSource 0 9\tOfficials\n"
    "T2\tCue 10 14\tsaid\n"
    "T3\tContent 15 37\tthat the plan was dead\n"
    "T4\tAttribution 10 14\tsaid\n"
    "E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3\n"
    "T5\tContent 40 50;64 71\tIt is over for now\n"
    "T6\tSource 53 56\tshe\n"
    "T7\tCue 57 61\tsaid\n"
    "T8\tAttribution 57 61\tsaid\n"
    "E2\tAttribution:T8 Content:T5 Cue:T7 Source:T6\n"
    "T9\tDiscuss 75 84\tRain fell\n"
    "#1\tAnnotatorNotes T9\ta note\n"
)


def test_parse_ann_roles_and_split_content() -> None:
    spans, atts = parse_ann(ANN)
    assert spans["source"] == [((0, 9),), ((53, 56),)]
    assert spans["cue"] == [((10, 14),), ((57, 61),)]
    assert spans["content"] == [((15, 37),), ((40, 50), (64, 71))]
    assert len(atts) == 2 and atts[1].content == ((40, 50), (64, 71))


@pytest.mark.parametrize(
    ("ann", "n_content", "n_atts"),
    [
        ("T1\tContent 0 9\tOfficials\n", 1, 0),
        ("T1\tContent 0 9;10 14\tOfficials said\nE1\tAttribution-no-source:T1 Content:T1\n", 1, 1),
        ("T1\tContent 0 x\tbroken\nE1\tAttribution:T9\n", 0, 1),
        ("garbage line\n\n", 0, 0),
        (
            "T1\tContent 0 9\tA\nT2\tContent 15 19\tB\nE1\tAttribution:T3 Content:T1 Content2:T2\n",
            1,
            1,
        ),
    ],
)
def test_parse_ann_tolerates_odd_lines(ann: str, n_content: int, n_atts: int) -> None:
    spans, atts = parse_ann(ann)
    assert len(spans["content"]) == n_content
    assert len(atts) == n_atts


@pytest.mark.parametrize(
    ("frags", "words"),
    [
        (((0, 9),), ["Officials"]),
        (((0, 14),), ["Officials", "said"]),
        (((1, 13),), ["Officials", "said"]),  # a token counts when its middle lies inside
        (((40, 50), (64, 71)), ["It", "is", "over", "for", "now"]),
        (((38, 40),), []),  # punctuation is no word token
    ],
)
def test_tokens_of(frags: tuple[tuple[int, int], ...], words: list[str]) -> None:
    import re

    toks = [m.group() for m in re.finditer(r"\w+", TEXT)]
    assert [toks[i] for i in sorted(Tokens(TEXT).of(frags))] == words


def _score(pred_spans: dict[str, list[tuple[tuple[int, int], ...]]], pred_contents: list) -> Scores:  # type: ignore[type-arg]
    spans, atts = parse_ann(ANN)
    tokens = Tokens(TEXT)
    scores = Scores()
    gold = to_token_sets(tokens, spans, [a.content for a in atts if a.content])
    score_doc(scores, gold, to_token_sets(tokens, pred_spans, pred_contents))
    return scores


def test_perfect_prediction_scores_one() -> None:
    spans, atts = parse_ann(ANN)
    s = _score(spans, [a.content for a in atts if a.content])
    for role in ("source", "cue", "content"):
        assert s.token[role].f1 == 1.0
        assert s.exact[role].f1 == 1.0
    assert s.relation.recall == 1.0 and s.relation.precision == 1.0


@pytest.mark.parametrize(
    ("content", "token_p", "token_r", "exact_tp", "found", "correct"),
    [
        # quotation marks and full stops do not matter for an exact match
        ([((14, 38),), ((39, 51), (63, 72))], 1.0, 1.0, 2, 2, 2),
        # the split quote as two separate spans: tokens right, spans not exact, relation half each
        ([((15, 37),), ((40, 50),), ((64, 71),)], 1.0, 1.0, 1, 2, 3),
        # too short a content: 2 of 5 tokens found -> not found; its tokens all gold -> correct
        ([((15, 37),), ((40, 45),)], 1.0, 7 / 10, 1, 1, 2),
        # a content over the wrong sentence
        ([((75, 84),)], 0.0, 0.0, 0, 0, 0),
    ],
)
def test_content_scores(
    content: list[tuple[tuple[int, int], ...]],
    token_p: float,
    token_r: float,
    exact_tp: int,
    found: int,
    correct: int,
) -> None:
    s = _score({"source": [], "cue": [], "content": content}, content)
    assert s.token["content"].precision == pytest.approx(token_p)
    assert s.token["content"].recall == pytest.approx(token_r)
    assert s.exact["content"].tp == exact_tp
    assert s.relation.found == found and s.relation.n_gold == 2
    assert s.relation.correct == correct and s.relation.n_pred == len(content)
    assert s.token["source"].recall == 0.0 and s.token["source"].precision == 0.0
