"""Features of one candidate attribution for the statement filter (:mod:`.statements`).

The filter asks of every attribution the taggers and rules found: does it report speech, writing
or belief, or is it an action, the author's own voice, a title or page furniture? Features are
read from the parse around the cue, the source and the content; the learned part is how often
the cue's lemma is a cue in PolNeAR train (``models/cue-lemmas.tsv``). One function computes them
for training (``train/statements.py``) and at run time, so the two cannot drift apart.
"""

from __future__ import annotations

import math
from functools import cache
from importlib import resources

import numpy as np
from numpy.typing import NDArray
from spacy.tokens import Doc, Token

from onrecord.pipeline import lexicons
from onrecord.pipeline.quotes.acts import cue_head
from onrecord.pipeline.quotes.marks import CLOSING_MARKS
from onrecord.pipeline.types import RawAttribution

FEATURES: tuple[str, ...] = (
    "bias",
    "no_cue",
    "pos_verb",
    "pos_noun",
    "pos_adj",
    "pos_adp",
    "pos_other",
    "lex_speech",
    "lex_belief",
    "lex_writing",
    "lex_cue_noun",
    "rate",
    "rate_unseen",
    "src_none",
    "src_first",
    "src_you",
    "src_pron3",
    "src_it",
    "src_person",
    "src_org",
    "src_noun",
    "content_none",
    "content_quoted",
    "content_clause",
    "content_that",
    "content_words",
    "negated",
    "modal",
    "passive_no_agent",
    "cue_in_quote",
    "dep_root",
    "dep_clause",
    "dep_nominal",
    "object_noun",
    "confidence",
    "cue_words",
    "no_final_punct",
    "author_voice",
    "head_rate",
    "np_content_unlisted",
    "src_none_nonfinite",
    "agent_by",
    "unlisted_low_rate",
)
_INDEX = {name: i for i, name in enumerate(FEATURES)}
_PRON3 = {"he", "she", "they", "him", "her", "them", "who", "this", "that"}
_MODALS = {"would", "could", "may", "might", "should", "can", "will", "must"}
_CLAUSE_DEPS = {"ccomp", "advcl", "xcomp", "conj", "pcomp"}
_NOMINAL_DEPS = {"acl", "relcl", "amod", "pobj", "compound", "dobj", "nsubj", "appos", "attr"}
_ORG_LABELS = {"ORG", "GPE", "NORP"}


@cache
def cue_lemmas() -> dict[str, tuple[int, int]]:
    """``POS:lemma`` -> (times inside a cue, times seen) in PolNeAR train."""
    raw = resources.files("onrecord.pipeline").joinpath("models/cue-lemmas.tsv").read_text(encoding="utf-8")
    out: dict[str, tuple[int, int]] = {}
    for line in raw.splitlines():
        if line and not line.startswith("#"):
            key, cue, total = line.split("\t")
            out[key] = (int(cue), int(total))
    return out


def lemma_key(tok: Token) -> str:
    return f"{tok.pos_}:{tok.lemma_.lower()}"


_PRIOR_RATE = 0.05  # about one verb in twenty is a cue in PolNeAR train
_PRIOR_WEIGHT = 5.0  # a rare lemma's rate is pulled toward the prior as if seen five more times


def rate(tok: Token) -> float | None:
    """Log-odds that a word with ``tok``'s part of speech and lemma is (part of) a cue, smoothed
    toward the prior for rare lemmas, or None for a lemma PolNeAR train never has."""
    seen = cue_lemmas().get(lemma_key(tok))
    if seen is None:
        return None
    cue, total = seen
    p = (cue + _PRIOR_RATE * _PRIOR_WEIGHT) / (total + _PRIOR_WEIGHT)
    return max(-6.0, min(6.0, math.log(p / (1 - p))))


class StatementFeatures:
    """Computes :data:`FEATURES` for attributions of one Doc; word lists read once."""

    def __init__(self) -> None:
        self.speech = lexicons.speech_verbs()
        self.belief = lexicons.load("act_belief")
        self.writing = lexicons.load("act_writing")
        self.cue_nouns = lexicons.load("cue_nouns")
        self.first_person = lexicons.first_person()

    def doc_context(self, doc: Doc, quoted: NDArray[np.bool_]) -> float:
        """Share of the sentences with a first-person subject outside quotations (the author's
        voice); ``quoted``: per token, inside a quotation
        (:func:`onrecord.pipeline.sourcing.markers.quoted_mask`)."""
        sents = list(doc.sents)
        if not sents:
            return 0.0
        hits = sum(
            1
            for s in sents
            if any(
                t.lower_ in self.first_person and t.dep_ in ("nsubj", "nsubjpass") and not quoted[t.i]
                for t in s
            )
        )
        return hits / len(sents)

    def vector(
        self, doc: Doc, a: RawAttribution, quoted: NDArray[np.bool_], author_voice: float
    ) -> NDArray[np.float64]:
        x = np.zeros(len(FEATURES))
        x[_INDEX["bias"]] = 1.0
        x[_INDEX["confidence"]] = a.confidence
        x[_INDEX["author_voice"]] = author_voice
        head = cue_head(doc, a.cue)
        if head is None:
            x[_INDEX["no_cue"]] = 1.0
        else:
            self._cue(doc, a, head, quoted, x)
        self._source(doc, a, x)
        self._content(doc, a, x)
        anchor = a.cue[0] if a.cue else (a.content[0][0] if a.content else 0)
        sent = doc.char_span(anchor, anchor + 1, alignment_mode="expand")
        if sent is not None and len(sent):
            s = sent[0].sent
            last = next((t for t in reversed(s) if not t.is_space), None)
            if last is not None and not (last.is_punct or last.text in CLOSING_MARKS):
                x[_INDEX["no_final_punct"]] = 1.0
        return x

    def _cue(
        self, doc: Doc, a: RawAttribution, head: Token, quoted: NDArray[np.bool_], x: NDArray[np.float64]
    ) -> None:
        assert a.cue is not None
        pos = {"VERB": "pos_verb", "AUX": "pos_verb", "NOUN": "pos_noun", "ADJ": "pos_adj", "ADP": "pos_adp"}
        x[_INDEX[pos.get(head.pos_, "pos_other")]] = 1.0
        lemma = head.lemma_.lower()
        x[_INDEX["lex_speech"]] = float(lemma in self.speech)
        x[_INDEX["lex_belief"]] = float(lemma in self.belief)
        x[_INDEX["lex_writing"]] = float(lemma in self.writing)
        x[_INDEX["lex_cue_noun"]] = float(lemma in self.cue_nouns)
        span = doc.char_span(a.cue[0], a.cue[1], alignment_mode="expand")
        rates = [r for t in (span or [head]) if t.is_alpha and (r := rate(t)) is not None]
        if rates:
            x[_INDEX["rate"]] = max(rates) / 6.0
        else:
            x[_INDEX["rate_unseen"]] = 1.0
        children = list(head.children)
        head_rate = rate(head)
        x[_INDEX["head_rate"]] = (head_rate if head_rate is not None else -6.0) / 6.0
        listed = (
            lemma in self.speech or lemma in self.belief or lemma in self.writing or lemma in self.cue_nouns
        )
        x[_INDEX["unlisted_low_rate"]] = float(not listed and (head_rate is None or head_rate < -2.0))
        x[_INDEX["cue_words"]] = min(len(span or [head]), 8) / 8.0
        x[_INDEX["src_none_nonfinite"]] = float(a.source is None and head.tag_ in ("VBG", "VBN", "TO", "VB"))
        x[_INDEX["agent_by"]] = float(any(c.dep_ == "agent" for c in children))
        x[_INDEX["negated"]] = float(any(c.dep_ == "neg" for c in children))
        x[_INDEX["modal"]] = float(any(c.dep_ == "aux" and c.lower_ in _MODALS for c in children))
        x[_INDEX["passive_no_agent"]] = float(
            any(c.dep_ in ("auxpass", "nsubjpass") for c in children)
            and not any(c.dep_ == "agent" for c in children)
        )
        x[_INDEX["cue_in_quote"]] = float(quoted[head.i])
        if head.dep_ == "ROOT":
            x[_INDEX["dep_root"]] = 1.0
        elif head.dep_ in _CLAUSE_DEPS:
            x[_INDEX["dep_clause"]] = 1.0
        elif head.dep_ in _NOMINAL_DEPS:
            x[_INDEX["dep_nominal"]] = 1.0
        x[_INDEX["object_noun"]] = float(
            any(c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN", "NUM") for c in children)
            and not any(c.dep_ in ("ccomp", "xcomp") for c in children)
        )

    def _source(self, doc: Doc, a: RawAttribution, x: NDArray[np.float64]) -> None:
        if a.source is None:
            x[_INDEX["src_none"]] = 1.0
            return
        span = doc.char_span(a.source[0], a.source[1], alignment_mode="expand")
        if span is None or not len(span):
            x[_INDEX["src_none"]] = 1.0
            return
        root = span.root
        low = root.lower_
        if low in self.first_person:
            x[_INDEX["src_first"]] = 1.0
        elif low in ("you", "your"):
            x[_INDEX["src_you"]] = 1.0
        elif low == "it":
            x[_INDEX["src_it"]] = 1.0
        elif low in _PRON3 or root.pos_ == "PRON":
            x[_INDEX["src_pron3"]] = 1.0
        elif any(t.ent_type_ == "PERSON" for t in span):
            x[_INDEX["src_person"]] = 1.0
        elif any(t.ent_type_ in _ORG_LABELS for t in span):
            x[_INDEX["src_org"]] = 1.0
        else:
            x[_INDEX["src_noun"]] = 1.0

    def _content(self, doc: Doc, a: RawAttribution, x: NDArray[np.float64]) -> None:
        spans = [
            s for lo, hi in a.content if (s := doc.char_span(lo, hi, alignment_mode="expand")) is not None
        ]
        words = sum(1 for s in spans for t in s if t.is_alpha)
        if not words:
            x[_INDEX["content_none"]] = 1.0
            return
        x[_INDEX["content_quoted"]] = float(a.kind in ("direct", "mixed"))
        x[_INDEX["content_words"]] = min(math.log1p(words) / math.log1p(60), 1.0)
        x[_INDEX["content_clause"]] = float(any(t.pos_ in ("VERB", "AUX") for s in spans for t in s))
        if (
            not x[_INDEX["content_clause"]]
            and not x[_INDEX["content_quoted"]]
            and not (
                x[_INDEX["lex_speech"]]
                or x[_INDEX["lex_belief"]]
                or x[_INDEX["lex_writing"]]
                or x[_INDEX["lex_cue_noun"]]
            )
        ):
            x[_INDEX["np_content_unlisted"]] = 1.0
        first = spans[0][0] if spans and len(spans[0]) else None
        x[_INDEX["content_that"]] = float(
            first is not None and first.lower_ in ("that", "whether", "if", "how", "why")
        )
