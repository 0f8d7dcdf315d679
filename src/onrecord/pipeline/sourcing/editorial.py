"""The author's own voice: which sentences are editorial, and the article's genre.

A sentence is editorial when, in the author's voice (not reporting what someone said), it
judges, recommends, predicts or characterises with loaded words. :class:`EditorialScorer` reads
features of each sentence outside its quotations (questions and exclamations, the author's "I"
and "we", the reader's "you", "should"/"must", stance adverbs and verdict frames from
``lexicons/editorial_voice``, evaluative adjectives and adverbs weighted by VADER's valence
lexicon (MIT, the ``vaderSentiment`` package), superlatives, numbers) and of the article as a
whole (how much of it is the author's voice), and scores them with a logistic regression trained
by ``train/editorial.py`` on hand-judged real-news sentences (dev split; weights in
``models/editorial.json``). :func:`genre` guesses the article's genre from the same evidence.
"""

from __future__ import annotations

import math
import re
from functools import cache
from importlib import resources
from typing import Any

import numpy as np
from numpy.typing import NDArray
from spacy.tokens import Doc, Span

from onrecord.pipeline import lexicons
from onrecord.pipeline.learned.shipped import linear_model
from onrecord.pipeline.quotes.marks import CLOSING_MARKS
from onrecord.pipeline.sourcing import limits
from onrecord.pipeline.sourcing.markers import quoted_mask
from onrecord.pipeline.types import Offsets, doc_text

EVIDENCE: tuple[str, ...] = (
    "question", "exclamation", "first_singular", "first_plural", "second_person", "imperative",
    "obligation", "prediction", "voice_words", "valence_adj", "evaluative", "superlative",
    "starts_discourse",
)  # fmt: skip
"""Features that are evidence of the author's voice in the sentence itself: a sentence with
none of them is never editorial, whatever its article."""
FEATURES: tuple[str, ...] = (
    "bias", *EVIDENCE, "valence_any", "numbers", "length", "quoted_share", "reported",
    "doc_voice", "doc_reported", "doc_first_singular",
)  # fmt: skip
_INDEX = {name: i for i, name in enumerate(FEATURES)}
_EVIDENCE = [_INDEX[k] for k in EVIDENCE]
_OBLIGATION = {"should", "must", "ought", "need", "needs", "have to", "has to"}
_PREDICTION = {"will", "would", "may", "might", "could", "wo"}
_TRAILING = CLOSING_MARKS + ")"  # what may stand after the last word of a sentence
_DISCOURSE = {"but", "and", "yet", "instead", "which", "so", "still", "worse", "indeed", "far"}
_VOICE_SIGNAL = [
    _INDEX[k]
    for k in ("question", "first_singular", "second_person", "obligation", "voice_words", "valence_adj")
]  # what makes an article's own voice, averaged over its unreported sentences
_TIMESTAMP = re.compile(r"^(\d{1,2}[:.]\d{2}\s*(am|pm|a\.m\.|p\.m\.)?|updated\b)")


@cache
def valence() -> dict[str, float]:
    """VADER's word -> mean valence (-4..4); empty if the package is missing."""
    try:
        raw = resources.files("vaderSentiment").joinpath("vader_lexicon.txt").read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        return {}
    out: dict[str, float] = {}
    for line in raw.splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and parts[0].isalpha():
            try:
                out[parts[0]] = float(parts[1])
            except ValueError:
                continue
    return out


@cache
def _model() -> dict[str, Any]:
    return linear_model("editorial.json", FEATURES, "train/editorial.py")


class EditorialScorer:
    def __init__(self) -> None:
        self.voice = lexicons.load_list("editorial_voice")
        self.evaluative = lexicons.load("evaluative_adjectives")
        self.valence = valence()

    def features(self, doc: Doc, quoted: list[Offsets], reported: list[bool]) -> NDArray[np.float64]:
        """One row of :data:`FEATURES` per sentence of ``doc``; ``reported[i]``: sentence i
        carries an attribution (or is mostly attributed content)."""
        sents = list(doc.sents)
        X = np.zeros((len(sents), len(FEATURES)))
        mask = quoted_mask(doc, quoted)
        for i, sent in enumerate(sents):
            self._sentence(sent, mask, reported[i], X[i])
        if len(sents):
            own = [i for i in range(len(sents)) if not reported[i]]
            voice_rows = X[own] if own else X
            signal = voice_rows[:, _VOICE_SIGNAL]
            X[:, _INDEX["doc_voice"]] = float(np.clip(signal, 0, 1).mean()) if len(signal) else 0.0
            X[:, _INDEX["doc_reported"]] = sum(reported) / len(sents)
            X[:, _INDEX["doc_first_singular"]] = float(X[:, _INDEX["first_singular"]].mean())
        X[:, _INDEX["bias"]] = 1.0
        return X

    def _sentence(self, sent: Span, mask: NDArray[np.bool_], reported: bool, x: NDArray[np.float64]) -> None:
        own = [t for t in sent if not mask[t.i]]
        words = [t for t in own if t.is_alpha]
        x[_INDEX["reported"]] = float(reported)
        total = sum(1 for t in sent if t.is_alpha)
        x[_INDEX["quoted_share"]] = 1 - len(words) / total if total else 0.0
        if not words:
            return
        text = " " + " ".join(t.lower_ for t in own) + " "
        last = next((t for t in reversed(own) if not t.is_space and t.text not in _TRAILING), None)
        x[_INDEX["question"]] = float(last is not None and last.text == "?")
        x[_INDEX["exclamation"]] = float(last is not None and last.text == "!")
        subj = [t.lower_ for t in own if t.dep_ in ("nsubj", "nsubjpass")]
        x[_INDEX["first_singular"]] = float("i" in subj or " me " in text or " my " in text)
        x[_INDEX["first_plural"]] = float("we" in subj or " us " in text or " our " in text)
        x[_INDEX["second_person"]] = float(any(w in text for w in (" you ", " your ", " you'", " you’")))
        first = words[0]
        x[_INDEX["imperative"]] = float(first.tag_ == "VB" and first.dep_ == "ROOT")
        x[_INDEX["obligation"]] = float(
            any(t.lower_ in _OBLIGATION and t.tag_ == "MD" for t in own)
            or " have to " in text
            or " need to " in text
        )
        x[_INDEX["prediction"]] = float(any(t.lower_ in _PREDICTION and t.tag_ == "MD" for t in own))
        x[_INDEX["voice_words"]] = min(sum(text.count(f" {p} ") for p in self.voice), 3) / 3.0
        adj = [abs(self.valence.get(t.lower_, 0.0)) for t in words if t.pos_ in ("ADJ", "ADV")]
        x[_INDEX["valence_adj"]] = min(sum(adj) / 4.0, 1.0)
        anyv = [abs(self.valence.get(t.lower_, 0.0)) for t in words]
        x[_INDEX["valence_any"]] = min(sum(anyv) / (2.0 * math.sqrt(len(words))), 1.0)
        x[_INDEX["evaluative"]] = float(any(t.lower_ in self.evaluative for t in words))
        x[_INDEX["superlative"]] = float(any(t.tag_ in ("JJS", "RBS") for t in words))
        x[_INDEX["numbers"]] = float(
            any(t.like_num or t.ent_type_ in ("DATE", "MONEY", "PERCENT", "CARDINAL") for t in own)
        )
        x[_INDEX["length"]] = min(math.log1p(len(words)) / math.log1p(50), 1.0)
        x[_INDEX["starts_discourse"]] = float(first.lower_ in _DISCOURSE)

    def scores(self, X: NDArray[np.float64]) -> NDArray[np.float64]:
        """Per sentence, how likely it is editorial; 0 for a sentence without a word of evidence of
        its own (a question, "I", "you", "should", a stance word, an evaluative word …)."""
        w = np.asarray(_model()["weights"], dtype=np.float64)
        out: NDArray[np.float64] = 1.0 / (1.0 + np.exp(-(X @ w)))
        out[~X[:, _EVIDENCE].any(axis=1)] = 0.0
        return out

    @staticmethod
    def threshold() -> float:
        return float(_model()["threshold"])


def genre(doc: Doc, X: NDArray[np.float64], editorial: list[bool]) -> str:
    """The article's genre from its sentences: Q&A lines make an interview, timestamped entries a
    live blog, release boilerplate a press release, a body of editorial sentences opinion."""
    text = doc_text(doc)
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    if lines and sum(1 for ln in lines if _qa_line(ln)) >= max(3, len(lines) // 6):
        return "interview"
    if lines and sum(1 for ln in lines if _timestamp_line(ln)) >= max(3, len(lines) // 8):
        return "live blog"
    low = text.lower()
    if "for immediate release" in low or ("media contact" in low and "about " in low):
        return "press release"
    n = len(editorial)
    if n and sum(editorial) / n >= _model()["genre_opinion_share"]:
        return "opinion"
    if (
        n
        and X[0, _INDEX["doc_first_singular"]] >= limits.OPINION_FIRST_PERSON
        and sum(editorial) / n >= limits.OPINION_WITH_FIRST_PERSON
    ):
        return "opinion"
    return "news"


def _qa_line(line: str) -> bool:
    head = line.split(":", 1)[0] if ":" in line[:30] else ""
    return head in ("Q", "A") or (bool(head) and head.isupper() and len(head.split()) <= 3)


def _timestamp_line(line: str) -> bool:
    return bool(_TIMESTAMP.match(line.lower()))


_URL_GENRES = (
    (
        "opinion",
        (
            "/opinion",
            "/commentisfree",
            "/comment/",
            "/columnists",
            "/column",
            "/editorial",
            "/op-ed",
            "/views/",
        ),
    ),
    ("analysis", ("/analysis",)),
    ("live blog", ("/live/", "/live-", "/liveblog")),
    ("interview", ("/interview",)),
)


def article_genre(url: str | None, guessed: str) -> str:
    """The genre the article's URL states (``/opinion/``, ``/commentisfree/``, ``/analysis/``,
    ``/live/``), else the one guessed from the text."""
    path = (url or "").lower().split("?", 1)[0]
    for name, marks in _URL_GENRES:
        if any(m in path for m in marks):
            return name
    return guessed
