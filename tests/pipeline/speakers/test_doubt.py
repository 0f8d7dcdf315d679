"""The learned speaker-doubt step (:mod:`onrecord.pipeline.speakers.doubt`): features over a
report, the shipped weights, and what it does to confidence and review reasons."""

from __future__ import annotations

import pytest

from onrecord import analyze
from onrecord.models import Article
from onrecord.pipeline import load
from onrecord.pipeline.assemble import doc_to_report
from onrecord.pipeline.speakers.doubt import FEATURES, REASON_PREFIX, _model, chance_wrong, features

TEXTS = [
    '"We are not leaving," Alice Moreno, the mayor of Dunmore, said on Monday.',
    'Congressman Peter Hale spoke first. His wife, Laura Hale, disagreed. "We need time," Hale said.',
    "Ben Ortiz met Carla Reyes and Dan Fisk at the port. Fisk spoke of the strike. Reyes said the "
    'union would wait. "Ortiz will decide," he said.',
]


def test_the_shipped_weights_fit_the_features() -> None:
    model = _model()
    assert tuple(model["features"]) == FEATURES and len(model["weights"]) == len(FEATURES)
    assert 0.0 < model["threshold"] < 1.0


@pytest.mark.parametrize("text", TEXTS)
def test_features_are_named_and_bounded(text: str) -> None:
    report = doc_to_report(load()(text), Article(text=text), doubt=False)
    for a in report.attributions:
        if a.speaker is None:
            continue
        f = features(report, a)
        assert set(f) <= set(FEATURES)
        assert all(-1e-9 <= v <= 10 for v in f.values()), f
        assert 0.0 <= chance_wrong(report, a) <= 1.0


@pytest.mark.parametrize("text", TEXTS)
def test_confidence_never_rises_and_a_reason_says_why(text: str) -> None:
    doc = load()(text)
    before = doc_to_report(doc, Article(text=text), doubt=False)
    after = doc_to_report(doc, Article(text=text))
    threshold = _model()["threshold"]
    for a0, a1 in zip(before.attributions, after.attributions, strict=True):
        if a0.speaker is None:
            assert a1.needs_review == a0.needs_review
            continue
        assert a1.speaker_confidence is not None and a0.speaker_confidence is not None
        assert a1.speaker_confidence <= a0.speaker_confidence
        p = chance_wrong(before, a0)
        added = [r for r in a1.needs_review if r.startswith(REASON_PREFIX)]
        assert bool(added) == (p >= threshold), (p, a1.needs_review)
        assert a1.needs_review[: len(a0.needs_review)] == a0.needs_review


def test_a_plain_named_speaker_is_not_doubted() -> None:
    a = analyze(TEXTS[0]).attributions[0]
    assert a.speaker is not None and a.speaker.name == "Alice Moreno"
    assert not a.needs_review and a.speaker_confidence is not None and a.speaker_confidence >= 0.8
