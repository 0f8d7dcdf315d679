"""The statement filter (component ``onrecord_statements``): drop candidate attributions that do
not report speech, writing or belief.

The rule layer and the PolNeAR-trained taggers also fire on actions ("imposed sanctions",
"agreed to a rescue"), the author's own voice ("We rate the statement Mostly True", "is widely
seen as") and page furniture. A logistic regression over :mod:`.statement_features` (trained by
``train/statements.py`` on PolNeAR train candidates and hand-judged real-news candidates, dev
split only; weights and threshold in ``models/statements.json``) scores each candidate; those
below the drop threshold (low: PolNeAR's attributions stay found) are dropped before speakers
are resolved, and so are those with no content scoring below ``limits.EMPTY_STATEMENT`` (a cue
and a source with nothing reported is weak evidence of a report), and every other keeps its score as ``statement``; the "statements only" view
(:func:`onrecord.views.statements_only`) keeps those at ``settings.STATEMENT_THRESHOLD`` or more.
A quotation that is a title, a term or a heading (:mod:`.use`) is never an attribution.
"""

from __future__ import annotations

import bisect
from functools import cache
from typing import Any

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc

from onrecord.pipeline import lexicons
from onrecord.pipeline.learned.shipped import linear_model
from onrecord.pipeline.quotes import limits
from onrecord.pipeline.quotes.statement_features import FEATURES, StatementFeatures
from onrecord.pipeline.quotes.use import is_speech
from onrecord.pipeline.sourcing.markers import quoted_mask, quoted_ranges
from onrecord.pipeline.types import Quote, RawAttribution, doc_text

MODEL_FILE = "statements.json"


def _names_a_work(doc: Doc, a: RawAttribution, quotes: list[Quote], starts: list[int]) -> bool:
    """A quotation-only content that is a title, a term or a heading, not anyone's words, with no
    cue or a cue that names it ("played", "so-called"): a real cue keeps its attribution.
    ``quotes`` are the Doc's quotations in order of start, ``starts`` their inner starts."""
    if a.kind not in ("direct", "mixed") or len(a.content) != 1:
        return False
    text = doc_text(doc)
    if a.cue is not None and text[a.cue[0] : a.cue[1]].lower() not in lexicons.load("quote_naming"):
        return False
    lo, hi = a.content[0]
    # the quotation the content fills (at least nine tenths of it) starts no earlier than this
    earliest = hi - 1 - (hi - lo) * 10 / 9
    found: Quote | None = None
    i = bisect.bisect_right(starts, lo) - 1
    while i >= 0 and starts[i] >= earliest:
        q = quotes[i]
        if hi <= q.inner[1] + 1 and (hi - lo) * 10 >= (q.inner[1] - q.inner[0]) * 9:
            found = q  # the earliest such quotation, as the order of the quotations gives it
        i -= 1
    return found is not None and not is_speech(text, found, min_words=1)


@cache
def _model() -> dict[str, Any]:
    return linear_model(MODEL_FILE, FEATURES, "train/statements.py")


def default_threshold() -> float:
    return float(_model()["threshold"])


class StatementFilter:
    def __init__(self, nlp: Language, threshold: float | None = None) -> None:
        self._threshold = threshold
        self.features = StatementFeatures()

    @property
    def weights(self) -> np.ndarray:
        return np.asarray(_model()["weights"], dtype=np.float64)

    @property
    def threshold(self) -> float:
        return default_threshold() if self._threshold is None else self._threshold

    @threshold.setter
    def threshold(self, value: float) -> None:
        self._threshold = value

    def scores(self, doc: Doc, attributions: list[RawAttribution]) -> list[float]:
        """How likely each attribution is a report of speech, writing or belief (0..1)."""
        if not attributions:
            return []
        quoted = quoted_mask(doc, quoted_ranges(doc))
        voice = self.features.doc_context(doc, quoted)
        X = np.stack([self.features.vector(doc, a, quoted, voice) for a in attributions])
        return list(1.0 / (1.0 + np.exp(-(X @ self.weights))))

    def __call__(self, doc: Doc) -> Doc:
        quotes = sorted(doc._.quotes or [], key=lambda q: q.inner[0])
        starts = [q.inner[0] for q in quotes]
        attributions = [a for a in (doc._.attributions or []) if not _names_a_work(doc, a, quotes, starts)]
        scores = self.scores(doc, attributions)
        for a, p in zip(attributions, scores, strict=True):
            a.statement = float(p)
        doc._.attributions = [
            a
            for a, p in zip(attributions, scores, strict=True)
            if p >= self.threshold and (p >= limits.EMPTY_STATEMENT or any(hi > lo for lo, hi in a.content))
        ]
        return doc
