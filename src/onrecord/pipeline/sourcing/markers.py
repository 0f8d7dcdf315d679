"""Hedge, hearsay and private-context markers: phrase lexicons and token patterns, checked on the parse.

Pure functions over a parsed Doc; the word lists are data files in ``lexicons/`` (``hedges.txt``,
``hearsay.txt``, ``private_context.txt``) and the token patterns are spaCy Matcher patterns in
``lexicons/sourcing_patterns.jsonl``. Editorial colour lives in :mod:`onrecord.pipeline.sourcing.colour`.

Where a plain word match would overfire, the parse decides:

- ``may`` / ``might`` / ``could`` are hedges only as modal verbs (tag ``MD``): "May" the month is not;
  "could not" / "couldn't" is inability ("could not be reached"), not a hedge;
- ``suggest`` / ``hint at`` / ``indicate`` are speech acts, not hedges, when a person is the subject
  ("He suggested a meeting");
- markers inside quotation marks are the speaker's words, not the author's, and are left out.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from importlib import resources
from typing import Any

import numpy as np
from numpy.typing import NDArray
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span, Token

from onrecord.pipeline import lexicons
from onrecord.pipeline.sourcing import limits
from onrecord.pipeline.types import Offsets, Quote, RawMarker, doc_text

PHRASE_LEXICONS: dict[str, str] = {
    "hedge": "hedges",
    "hearsay": "hearsay",
    "private_context": "private_context",
}
_MODALS = {"may", "might", "could"}
_PERSON_PRONOUNS = {"i", "we", "you", "he", "she", "they"}
_PREPOSITIONS = {"in", "at", "behind", "during", "on", "off", "out", "away"}


@cache
def load_patterns(name: str = "sourcing_patterns") -> tuple[tuple[str, tuple[dict[str, Any], ...]], ...]:
    """Token patterns of ``lexicons/NAME.jsonl``: one JSON object per line with ``label`` and ``pattern``."""
    raw = resources.files(lexicons.__name__).joinpath(f"{name}.jsonl").read_text(encoding="utf-8")
    out: list[tuple[str, tuple[dict[str, Any], ...]]] = []
    for line in raw.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        obj = json.loads(line)
        out.append((str(obj["label"]), tuple(obj["pattern"])))
    return tuple(out)


def quoted_ranges(doc: Doc) -> list[Offsets]:
    """Inner ranges of the quotations found by ``onrecord_quotes`` (speech the author reports)."""
    quotes: list[Quote] = doc._.quotes or []
    out = []
    for q in quotes:
        inner = doc_text(doc)[q.inner[0] : q.inner[1]]
        if len(inner.split()) >= 4:  # titles and names in quotation marks are not speech
            out.append(q.inner)
    return out


def quoted_mask(doc: Doc, ranges: list[Offsets]) -> NDArray[np.bool_]:
    """Per token: its first character lies inside one of ``ranges`` (e.g. :func:`quoted_ranges`)."""
    starts = np.fromiter((t.idx for t in doc), dtype=np.int64, count=len(doc))
    mask = np.zeros(len(doc), dtype=bool)
    for lo, hi in ranges:
        mask[np.searchsorted(starts, lo, "left") : np.searchsorted(starts, hi, "left")] = True
    return mask


def inside_any(start: int, end: int, ranges: Iterable[Offsets]) -> bool:
    return any(lo <= start and end <= hi for lo, hi in ranges)


class MarkerFinder:
    """Finds hedge, hearsay and private-context markers in a parsed Doc."""

    def __init__(self, nlp: Language) -> None:
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        for mtype, lex in PHRASE_LEXICONS.items():
            self.phrases.add(mtype, [nlp.make_doc(p) for p in sorted(lexicons.load(lex))])
        self.patterns = Matcher(nlp.vocab)
        for i, (label, pattern) in enumerate(load_patterns()):
            if label in PHRASE_LEXICONS:
                self.patterns.add(f"{label}#{i}", [list(pattern)])

    def __call__(self, doc: Doc) -> list[RawMarker]:
        quoted = quoted_ranges(doc)
        found: list[tuple[str, Span]] = []
        for match_id, start, end in self.phrases(doc):
            found.append((doc.vocab.strings[match_id], doc[start:end]))
        for match_id, start, end in self.patterns(doc):
            found.append((doc.vocab.strings[match_id].split("#", 1)[0], doc[start:end]))
        out: list[RawMarker] = []
        for mtype, span in found:
            if mtype == "hedge" and not self._is_hedge(span):
                continue
            if mtype == "private_context":
                span = self._widen_pp(span)
            if inside_any(span.start_char, span.end_char, quoted):
                continue
            out.append(RawMarker(span.start_char, span.end_char, mtype))
        return merge_markers(out)

    @staticmethod
    def _is_hedge(span: Span) -> bool:
        first = span[0]
        low = first.lower_
        if low in _MODALS and len(span) == 1:
            if first.tag_ != "MD" or first.ent_type_ == "DATE":
                return False  # "May" the month, "might" the noun
            nxt = first.nbor(1) if first.i + 1 < len(first.doc) else None
            # "could not be reached" is inability, not a hedge
            return not (low == "could" and nxt is not None and nxt.lower_ in ("not", "n't"))
        if first.lemma_.lower() in lexicons.load("hedge_speech_acts"):
            return not _has_person_subject(first)
        return True

    @staticmethod
    def _widen_pp(span: Span) -> Span:
        """ "In private meetings" → "In private meetings with Russian officials" (the whole PP)."""
        first = span[0]
        if first.lower_ not in _PREPOSITIONS or first.dep_ != "prep":
            return span
        sub = list(first.subtree)
        lo, hi = sub[0].i, sub[-1].i + 1
        if lo != first.i or hi - lo > limits.PP_MAX_TOKENS or hi < span.end:
            return span
        while hi - 1 > lo and first.doc[hi - 1].is_punct:
            hi -= 1
        return first.doc[lo:hi]


def _has_person_subject(verb: Token) -> bool:
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None and verb.dep_ in ("conj", "xcomp"):
        subj = next((c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None:
        return False
    if subj.lower_ in _PERSON_PRONOUNS:
        return True
    return subj.ent_type_ in ("PERSON", "ORG", "NORP") or subj.lemma_.lower() in lexicons.load("vague_heads")


def merge_markers(markers: list[RawMarker]) -> list[RawMarker]:
    """Sorted, without duplicates: a marker inside a longer one of the same type is dropped."""
    markers = sorted(markers, key=lambda m: (m.start, -m.end, m.type))
    out: list[RawMarker] = []
    for m in markers:
        if any(o.type == m.type and o.start <= m.start and m.end <= o.end for o in out):
            continue
        # a longer one of the same type that starts later cannot contain m (sorted by start)
        out = [o for o in out if not (o.type == m.type and m.start <= o.start and o.end <= m.end)]
        out.append(m)
    out.sort(key=lambda m: (m.start, -m.end, m.type))
    return out
