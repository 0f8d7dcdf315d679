"""Token features for the learned attribution tagger (shared by training and the component).

A Doc parsed by the spaCy pipeline (with ``doc._.quotes`` set) becomes, per token: the tok2vec
tensor of the spaCy model, a few categorical ids (word hash bucket, POS, tag, dep, head dep,
entity, the dependency route to the nearest cue-verb ancestor, signed distance to the nearest cue
verb) and binary flags (inside quotation marks, quote mark, cue lemma, paragraph/sentence start,
punctuation, capitalised). Tokens are grouped into chunks (paragraphs, split at sentence ends when
long) that the tagger reads one at a time; whitespace tokens belong to no chunk.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from spacy.attrs import DEP, ENT_TYPE, LOWER, POS, TAG
from spacy.tokens import Doc

from onrecord.pipeline import lexicons
from onrecord.pipeline.types import Quote

N_BUCKETS = 1 << 14
MAX_CHUNK = 160
QUOTE_CHARS = frozenset("\"'“”‘’«»„‹›")
CATEGORICAL = ("word", "pos", "tag", "dep", "head_dep", "ent", "route", "cue_dist")
N_FLAGS = 9
_DIST_MAX = 8


@dataclass(slots=True)
class Vocab:
    """String tables for the categorical features (index 0 is 'unknown')."""

    pos: list[str]
    tag: list[str]
    dep: list[str]
    ent: list[str]

    def sizes(self) -> dict[str, int]:
        n_dep = len(self.dep) + 1
        return {
            "word": N_BUCKETS,
            "pos": len(self.pos) + 1,
            "tag": len(self.tag) + 1,
            "dep": n_dep,
            "head_dep": n_dep,
            "ent": len(self.ent) + 1,
            "route": n_dep + 2,
            "cue_dist": 2 * _DIST_MAX + 3,
        }

    def as_dict(self) -> dict[str, list[str]]:
        return {"pos": self.pos, "tag": self.tag, "dep": self.dep, "ent": self.ent}


@dataclass(slots=True)
class Features:
    """Per-token features of one Doc, and its chunks as (start, end) token ranges."""

    tensor: NDArray[np.float32]
    cats: NDArray[np.int64]
    flags: NDArray[np.float32]
    chunks: list[tuple[int, int]]


class Featurizer:
    def __init__(self, vocab: Vocab, strings: object) -> None:
        self.vocab = vocab
        self.cue_lemmas = lexicons.load("cue_verbs")
        self._pos = self._table(vocab.pos, strings)
        self._tag = self._table(vocab.tag, strings)
        self._dep = self._table(vocab.dep, strings)
        self._ent = self._table(vocab.ent, strings)
        self._n_dep = len(vocab.dep) + 1

    @staticmethod
    def _table(labels: Sequence[str], strings: object) -> dict[int, int]:
        store = strings  # spaCy StringStore: hashes of label strings
        return {store.add(lab): i + 1 for i, lab in enumerate(labels)}  # type: ignore[attr-defined]

    def __call__(self, doc: Doc) -> Features:
        n = len(doc)
        arr = (
            doc.to_array([LOWER, POS, TAG, DEP, ENT_TYPE]).astype(np.uint64)
            if n
            else np.zeros((0, 5), np.uint64)
        )
        cats = np.zeros((n, len(CATEGORICAL)), dtype=np.int64)
        cats[:, 0] = (arr[:, 0] % np.uint64(N_BUCKETS)).astype(np.int64)
        pos_t, tag_t, dep_t, ent_t = self._pos, self._tag, self._dep, self._ent
        cats[:, 1] = [pos_t.get(int(h), 0) for h in arr[:, 1]]
        cats[:, 2] = [tag_t.get(int(h), 0) for h in arr[:, 2]]
        deps = [dep_t.get(int(h), 0) for h in arr[:, 3]]
        cats[:, 3] = deps
        cats[:, 5] = [ent_t.get(int(h), 0) for h in arr[:, 4]]
        heads = [t.head.i for t in doc]
        cats[:, 4] = [deps[h] for h in heads]
        is_cue = np.zeros(n, dtype=bool)
        cue_lemmas = self.cue_lemmas
        for t in doc:
            if t.pos_ in ("VERB", "AUX", "NOUN") and t.lemma_.lower() in cue_lemmas:
                is_cue[t.i] = True
        # route: dep of the child of the nearest cue ancestor on the way up (n_dep = is the cue itself)
        route = np.zeros(n, dtype=np.int64)
        for i in range(n):
            if is_cue[i]:
                route[i] = self._n_dep
                continue
            child, j = i, heads[i]
            for _ in range(10):
                if j == child:
                    break
                if is_cue[j]:
                    route[i] = deps[child]
                    break
                child, j = j, heads[j]
            else:
                route[i] = self._n_dep + 1
        cats[:, 6] = route
        cats[:, 7] = _cue_distance(is_cue, doc)
        flags = np.zeros((n, N_FLAGS), dtype=np.float32)
        quotes: list[Quote] = doc._.quotes or []
        starts = np.array([t.idx for t in doc], dtype=np.int64)
        for q in quotes:
            lo, hi = np.searchsorted(starts, [q.inner[0], q.inner[1]])
            flags[lo:hi, 0] = 1.0
        flags[:, 2] = is_cue
        for t in doc:
            i = t.i
            text = t.text
            if text in QUOTE_CHARS:
                flags[i, 1] = 1.0
            if i == 0 or "\n" in doc[i - 1].text_with_ws:
                flags[i, 3] = 1.0
            if t.is_sent_start:
                flags[i, 4] = 1.0
            if t.is_punct:
                flags[i, 5] = 1.0
            if text[:1].isupper():
                flags[i, 6] = 1.0
            if t.lower_ == "according" or (t.lower_ == "to" and i and doc[i - 1].lower_ == "according"):
                flags[i, 7] = 1.0
            if t.dep_ in ("nsubj", "nsubjpass") and is_cue[t.head.i]:
                flags[i, 8] = 1.0
        tensor = (
            doc.tensor if doc.tensor is not None and len(doc.tensor) == n else np.zeros((n, 96), np.float32)
        )
        return Features(np.asarray(tensor, dtype=np.float32), cats, flags, chunks(doc))


def _cue_distance(is_cue: NDArray[np.bool_], doc: Doc) -> NDArray[np.int64]:
    """Signed distance (clipped) to the nearest cue token in the same sentence; far/none = last id."""
    n = len(is_cue)
    out = np.full(n, 2 * _DIST_MAX + 2, dtype=np.int64)
    for sent in doc.sents:
        idx = [i for i in range(sent.start, sent.end) if is_cue[i]]
        if not idx:
            continue
        cues = np.array(idx)
        pos = np.arange(sent.start, sent.end)
        d = cues[None, :] - pos[:, None]
        best = d[np.arange(len(pos)), np.abs(d).argmin(axis=1)]
        out[sent.start : sent.end] = np.clip(best, -_DIST_MAX, _DIST_MAX) + _DIST_MAX
    return out


def chunks(doc: Doc) -> list[tuple[int, int]]:
    """Paragraph chunks of non-space tokens, split at sentence starts when over MAX_CHUNK tokens."""
    out: list[tuple[int, int]] = []
    start: int | None = None
    for t in doc:
        if t.is_space:
            if start is not None:
                out.append((start, t.i))
                start = None
            continue
        if start is None:
            start = t.i
        elif "\n" in doc[t.i - 1].text_with_ws and not doc[t.i - 1].is_space:
            out.append((start, t.i))
            start = t.i
    if start is not None:
        out.append((start, len(doc)))
    final: list[tuple[int, int]] = []
    for lo, hi in out:
        while hi - lo > MAX_CHUNK:
            cut = next(
                (i for i in range(lo + MAX_CHUNK, lo + MAX_CHUNK // 3, -1) if doc[i].is_sent_start),
                lo + MAX_CHUNK,
            )
            final.append((lo, cut))
            lo = cut
        final.append((lo, hi))
    return final


def default_vocab(nlp_labels: dict[str, Sequence[str]]) -> Vocab:
    from spacy.parts_of_speech import IDS

    pos = sorted(k for k in IDS if k and k.isupper())
    return Vocab(
        pos=pos,
        tag=list(nlp_labels.get("tagger", [])),
        dep=list(nlp_labels.get("parser", [])),
        ent=list(nlp_labels.get("ner", [])),
    )
