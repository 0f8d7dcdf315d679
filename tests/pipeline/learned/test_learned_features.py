"""Token features of the learned tagger, checked against the Doc's own token attributes."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from onrecord.pipeline import load
from onrecord.pipeline.learned.features import chunks
from onrecord.pipeline.quotes.marks import QUOTE_MARKS

TEXTS = [
    "“We will stay,” the ambassador said on Tuesday.\n\nAccording to the ministry, talks went on.",
    "Officials have privately expressed doubts. Some analysts view it as a signal.",
    "",
    "\n\n",
    "Headline\nBy Jane Doe\n\n‘A,’ he said, ‘B.’",
]


def _doc(text: str) -> Doc:
    nlp = load()
    with nlp.select_pipes(disable=["onrecord"]):
        doc = nlp(text)
    return nlp.get_pipe("onrecord").run([doc], skip=("learned", "speakers", "sourcing", "spans"))[0]


@pytest.mark.parametrize("text", TEXTS)
def test_flags_agree_with_token_attributes(text: str) -> None:
    doc = _doc(text)
    f = load().get_pipe("onrecord").step("learned").featurizer(doc)
    assert f.cats.shape == (len(doc), 8) and f.flags.shape == (len(doc), 9) and len(f.tensor) == len(doc)
    for t in doc:
        row = f.flags[t.i]
        assert row[1] == (t.text in QUOTE_MARKS)
        assert row[3] == (t.i == 0 or "\n" in doc[t.i - 1].text_with_ws)
        assert row[4] == bool(t.is_sent_start)
        assert row[5] == t.is_punct
        assert row[6] == t.text[:1].isupper()
        according = t.lower_ == "according" or (
            t.lower_ == "to" and t.i and doc[t.i - 1].lower_ == "according"
        )
        assert row[7] == according
    new_line = [t.i == 0 or "\n" in doc[t.i - 1].text_with_ws for t in doc]
    assert f.chunks == chunks([t.is_space for t in doc], new_line, [bool(t.is_sent_start) for t in doc])


def test_cue_and_quote_features() -> None:
    doc = _doc("“We will stay,” the ambassador said.")
    f = load().get_pipe("onrecord").step("learned").featurizer(doc)
    said = next(t.i for t in doc if t.text == "said")
    we = next(t.i for t in doc if t.text == "We")
    assert f.flags[said, 2] == 1.0  # a cue lemma
    assert f.flags[we, 0] == 1.0 and f.flags[said, 0] == 0.0  # inside the quotation or not
    subj = next(t.i for t in doc if t.text == "ambassador")
    assert f.flags[subj, 8] == 1.0  # subject of a cue verb
