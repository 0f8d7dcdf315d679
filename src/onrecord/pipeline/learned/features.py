"""Token features for the learned attribution tagger (shared by training and the component).

A Doc parsed by the spaCy pipeline (with ``doc._.quotes`` set) becomes, per token: the tok2vec
tensor of the spaCy model, a few categorical ids (word hash bucket, POS, tag, dep, head dep,
entity, the dependency route to the nearest cue-verb ancestor, signed distance to the nearest cue
verb) and binary flags (inside quotation marks, quote mark, cue lemma, paragraph/sentence start,
punctuation, capitalised). Tokens are grouped into chunks (paragraphs, split at sentence ends when
long) that the tagger reads one at a time; whitespace tokens belong to no chunk.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray
from spacy.attrs import DEP, ENT_TYPE, HEAD, IDX, IS_PUNCT, IS_SPACE, LEMMA, LOWER, ORTH, POS, SENT_START, TAG
from spacy.tokens import Doc

from onrecord.pipeline import lexicons
from onrecord.pipeline.quotes.marks import QUOTE_MARKS
from onrecord.pipeline.types import Quote

N_BUCKETS = 1 << 14
MAX_CHUNK = 160
CATEGORICAL = ("word", "pos", "tag", "dep", "head_dep", "ent", "route", "cue_dist")
N_FLAGS = 9
_DIST_MAX = 8
_MAX_CACHE = 100_000


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
    enc: NDArray[np.float32] | None = None  # (tokens, encoder layers, dim) when a tagger reads an encoder


class Featurizer:
    """Doc -> Features, with numpy over ``Doc.to_array`` columns (no per-token Python objects)."""

    def __init__(self, vocab: Vocab, strings: object) -> None:
        self.vocab = vocab
        self.strings: Any = strings
        self.cue_lemmas = lexicons.load("cue_verbs")
        self._pos = self._table(vocab.pos, strings)
        self._tag = self._table(vocab.tag, strings)
        self._dep = self._table(vocab.dep, strings)
        self._ent = self._table(vocab.ent, strings)
        self._n_dep = len(vocab.dep) + 1
        store: Any = strings
        self._cue_pos = np.array([store.add(p) for p in ("VERB", "AUX", "NOUN")], dtype=np.uint64)
        self._subj = np.array([store.add(d) for d in ("nsubj", "nsubjpass")], dtype=np.uint64)
        self._according = np.uint64(store.add("according"))
        self._to = np.uint64(store.add("to"))
        self._is_cue_lemma: dict[int, bool] = {}
        self._orth_flags: dict[int, tuple[bool, bool, bool]] = {}  # quote mark, capitalised, has newline

    @staticmethod
    def _table(labels: Sequence[str], strings: object) -> dict[int, int]:
        store = strings  # spaCy StringStore: hashes of label strings
        return {store.add(lab): i + 1 for i, lab in enumerate(labels)}  # type: ignore[attr-defined]

    def _lookup(self, column: NDArray[np.uint64], table: dict[int, int]) -> NDArray[np.int64]:
        uniq, inverse = np.unique(column, return_inverse=True)
        return np.array([table.get(int(h), 0) for h in uniq], dtype=np.int64)[inverse.reshape(-1)]

    def _per_string(self, column: NDArray[np.uint64], cache: dict[int, Any], fn: Any) -> list[Any]:
        uniq, inverse = np.unique(column, return_inverse=True)
        values = []
        for h in uniq.tolist():
            v = cache.get(h)
            if v is None:
                v = fn(self.strings[h])
                if len(cache) < _MAX_CACHE:
                    cache[h] = v
            values.append(v)
        return [values[k] for k in inverse.reshape(-1).tolist()]

    def __call__(self, doc: Doc) -> Features:
        n = len(doc)
        cats = np.zeros((n, len(CATEGORICAL)), dtype=np.int64)
        flags = np.zeros((n, N_FLAGS), dtype=np.float32)
        if not n:
            return Features(np.zeros((0, 96), np.float32), cats, flags, [])
        attrs = [LOWER, POS, TAG, DEP, ENT_TYPE, ORTH, LEMMA, HEAD, SENT_START, IS_PUNCT, IS_SPACE]
        arr: NDArray[np.uint64] = np.asarray(doc.to_array(attrs), dtype=np.uint64)
        lower, pos, dep, orth = arr[:, 0], arr[:, 1], arr[:, 3], arr[:, 5]
        cats[:, 0] = (lower % np.uint64(N_BUCKETS)).astype(np.int64)
        cats[:, 1] = self._lookup(pos, self._pos)
        cats[:, 2] = self._lookup(arr[:, 2], self._tag)
        deps = self._lookup(dep, self._dep)
        cats[:, 3] = deps
        cats[:, 5] = self._lookup(arr[:, 4], self._ent)
        heads = np.arange(n, dtype=np.int64) + arr[:, 7].astype(np.int64)
        cats[:, 4] = deps[heads]
        cue_lemmas = self.cue_lemmas
        lemma_ok = np.array(
            self._per_string(arr[:, 6], self._is_cue_lemma, lambda s: s.lower() in cue_lemmas), dtype=bool
        )
        is_cue = np.isin(pos, self._cue_pos) & lemma_ok
        cats[:, 6] = self._routes(heads.tolist(), deps.tolist(), is_cue.tolist())
        sent_start = arr[:, 8].astype(np.int64) == 1
        cats[:, 7] = _cue_distance(is_cue, sent_start)
        quotes: list[Quote] = doc._.quotes or []
        if quotes:
            starts = doc.to_array([IDX]).astype(np.int64).reshape(-1)
            for q in quotes:
                lo, hi = np.searchsorted(starts, [q.inner[0], q.inner[1]])
                flags[lo:hi, 0] = 1.0
        per_orth = np.array(
            self._per_string(
                orth, self._orth_flags, lambda s: (s in QUOTE_MARKS, s[:1].isupper(), "\n" in s)
            ),
            dtype=bool,
        ).reshape(n, 3)
        flags[:, 1] = per_orth[:, 0]
        flags[:, 2] = is_cue
        new_line = np.zeros(n, dtype=bool)
        new_line[0] = True
        new_line[1:] = per_orth[:-1, 2]
        flags[:, 3] = new_line
        flags[:, 4] = sent_start
        flags[:, 5] = arr[:, 9] == 1
        flags[:, 6] = per_orth[:, 1]
        according = lower == self._according
        according_to = according.copy()
        according_to[1:] |= (lower[1:] == self._to) & according[:-1]
        flags[:, 7] = according_to
        flags[:, 8] = np.isin(dep, self._subj) & is_cue[heads]
        tensor = (
            doc.tensor if doc.tensor is not None and len(doc.tensor) == n else np.zeros((n, 96), np.float32)
        )
        is_space = (arr[:, 10] == 1).tolist()
        return Features(
            np.asarray(tensor, dtype=np.float32),
            cats,
            flags,
            chunks(is_space, new_line.tolist(), sent_start.tolist()),
        )

    def _routes(self, heads: list[int], deps: list[int], is_cue: list[bool]) -> list[int]:
        """Dep of the child of the nearest cue ancestor on the way up (n_dep: the cue itself)."""
        route = [0] * len(heads)
        for i in range(len(heads)):
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
        return route


def _cue_distance(is_cue: NDArray[np.bool_], sent_start: NDArray[np.bool_]) -> NDArray[np.int64]:
    """Signed distance (clipped) to the nearest cue token in the same sentence; far/none = last id."""
    n = len(is_cue)
    out = np.full(n, 2 * _DIST_MAX + 2, dtype=np.int64)
    bounds = [*np.nonzero(sent_start)[0].tolist(), n]
    if bounds[0] != 0:
        bounds.insert(0, 0)
    for start, end in itertools.pairwise(bounds):
        cues = start + np.nonzero(is_cue[start:end])[0]
        if not len(cues):
            continue
        # the nearest cue by binary search, the one before on a tie: O(n log cues), where a
        # token-by-cue matrix costs the square of a sentence thousands of tokens long
        pos = np.arange(start, end)
        after = np.searchsorted(cues, pos)  # first cue at or after each token
        left = cues[np.maximum(after - 1, 0)] - pos
        right = cues[np.minimum(after, len(cues) - 1)] - pos
        take_left = (after > 0) & ((after == len(cues)) | (-left <= right))
        best = np.where(take_left, left, right)
        out[start:end] = np.clip(best, -_DIST_MAX, _DIST_MAX) + _DIST_MAX
    return out


def chunks(is_space: list[bool], new_line: list[bool], sent_start: list[bool]) -> list[tuple[int, int]]:
    """Paragraph chunks of non-space tokens, split at sentence starts when over MAX_CHUNK tokens."""
    out: list[tuple[int, int]] = []
    start: int | None = None
    for i, space in enumerate(is_space):
        if space:
            if start is not None:
                out.append((start, i))
                start = None
            continue
        if start is None:
            start = i
        elif new_line[i] and not is_space[i - 1]:
            out.append((start, i))
            start = i
    if start is not None:
        out.append((start, len(is_space)))
    final: list[tuple[int, int]] = []
    for lo, hi in out:
        while hi - lo > MAX_CHUNK:
            cut = next(
                (i for i in range(lo + MAX_CHUNK, lo + MAX_CHUNK // 3, -1) if sent_start[i]),
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
