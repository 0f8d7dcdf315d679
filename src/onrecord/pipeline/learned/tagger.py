"""Learned attribution tagger (component ``onrecord_learned``), run after the rule layer.

The tagger (:mod:`onrecord.pipeline.learned.model`, trained on PolNeAR by
``train/train_attribution.py``) gives each token O/B/I for source, cue and content. A structure
step turns the tags into spans (:mod:`onrecord.pipeline.learned.decoding`: content tags by a Viterbi pass
over tag-transition statistics of PolNeAR train, source and cue tags of a tagger trained with a
CRF by Viterbi over its learned scores; a content tag resuming after a gap continues the same
content, as in "‘A,’ he said, ‘B.’"), groups each content with its nearest cue and each cue with
its nearest source, and sets the kind from the quotation marks. A source must hold a noun, proper
noun, pronoun or number, and a cue with no source a verb or noun; other tagged spans are dropped.
A cue is trimmed of punctuation unless it is a colon alone ("Poll: Voters abandon …").
The result is merged with the rule layer's ``doc._.attributions`` (:func:`.merge.merge`: split rule
quotations stand, learned attributions come next, and rule quotations no learned content covers
are added). The final list replaces ``doc._.attributions``.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable, Iterator, Sequence

import numpy as np
from numpy.typing import NDArray
from spacy.attrs import IS_PUNCT, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from onrecord.pipeline.learned import limits
from onrecord.pipeline.learned.decoding import CONTENT, CUE, SOURCE, TagTransitions, TokenSpan, decode
from onrecord.pipeline.learned.encoder import load_encoder
from onrecord.pipeline.learned.features import Featurizer
from onrecord.pipeline.learned.merge import merge, quote_kind
from onrecord.pipeline.learned.model import DEFAULT_WEIGHTS, TaggerEnsemble
from onrecord.pipeline.types import Offsets, Quote, RawAttribution

_NOMINAL = frozenset({"NOUN", "PROPN", "PRON", "NUM"})
_CUE_HEAD = frozenset({"VERB", "AUX", "NOUN", "PROPN"})


def _has_pos(doc: Doc, span: TokenSpan, tags: frozenset[str]) -> bool:
    return any(doc[i].pos_ in tags for i in span.tokens())


def _breaks(doc: Doc) -> NDArray[np.bool_]:
    """Tokens a split content may not skip: word tokens that start a sentence.

    "‘A,’ he said, ‘B.’" is one content in two fragments; in "‘A,’ Carson said of the ban. But,
    Carson added, B" the second piece is a new report with its own cue.
    """
    arr = doc.to_array([SENT_START, IS_PUNCT]).astype(np.int64).reshape(-1, 2)
    out: NDArray[np.bool_] = (arr[:, 0] == 1) & (arr[:, 1] == 0)
    out[:1] = False
    return out


def split_unbridged(contents: list[TokenSpan], cues: list[TokenSpan]) -> list[TokenSpan]:
    """Split a content whose fragments each sit by a different cue.

    A content resumes after a gap around its own cue: in "‘A,’ he said, ‘B.’" both fragments
    touch "said". In "confirmed that A in 2024, a move that analysts view as B" or "framed A.
    ‘B,’ he emphasized" each fragment has a cue of its own, so they are two contents.
    """
    out: list[TokenSpan] = []
    for span in contents:
        cur = TokenSpan([span.frags[0]], span.score)
        out.append(cur)
        for prev, frag in itertools.pairwise(span.frags):
            mine, theirs = _adjacent_cues(prev, cues), _adjacent_cues(frag, cues)
            if mine and theirs and not mine & theirs:
                cur = TokenSpan([frag], span.score)
                out.append(cur)
            else:
                cur.frags.append(frag)
    return out


def _adjacent_cues(frag: tuple[int, int], cues: list[TokenSpan]) -> set[int]:
    """Cues ending up to 3 tokens before the fragment or starting up to 5 tokens after it."""
    lo, hi = frag
    before, after = limits.CUE_BEFORE_FRAGMENT, limits.CUE_AFTER_FRAGMENT
    return {k for k, c in enumerate(cues) if 0 <= lo - c.end <= before or 0 <= c.start - hi <= after}


class _Window:
    """The spans of a pool that can lie within ``reach`` tokens of a target, found by bisection on
    their starts (a pool's longest span bounds how far back one can start), in pool order."""

    def __init__(self, pool: list[TokenSpan]) -> None:
        self.order = sorted(range(len(pool)), key=lambda k: pool[k].start)
        self.starts = [pool[k].start for k in self.order]
        self.longest = max((s.end - s.start for s in pool), default=0)

    def near(self, target: TokenSpan, reach: int) -> list[int]:
        lo = bisect.bisect_left(self.starts, target.start - reach - self.longest)
        hi = bisect.bisect_right(self.starts, target.end + reach)
        return sorted(self.order[lo:hi])


def _distance(a: TokenSpan, b: TokenSpan) -> int:
    """Token distance between two spans (0 when one lies in a gap of the other or they touch)."""
    best = 10**9
    for alo, ahi in a.frags:
        for blo, bhi in b.frags:
            if ahi <= blo:
                best = min(best, blo - ahi)
            elif bhi <= alo:
                best = min(best, alo - bhi)
            else:
                best = 0
    return best


class LearnedAttribution:
    """Component ``onrecord_learned``: learned tagger + structure step + merge with the rules."""

    def __init__(self, nlp: Language, weights: Sequence[str] = DEFAULT_WEIGHTS) -> None:
        self.net = TaggerEnsemble.load(weights)
        self.featurizer = Featurizer(self.net.vocab, nlp.vocab.strings)
        self.encoders = {name: load_encoder(name, layers) for name, layers in self.net.encoders.items()}
        # contents are decoded with Viterbi over counted tag statistics, the roles the taggers were
        # trained with a CRF for with its scores (exact F1 measured better on held-out train for both)
        self.decoders: dict[int, TagTransitions | None] = {
            SOURCE: None,
            CUE: None,
            CONTENT: TagTransitions.shipped(),
        }
        for role, (start, transitions) in self.net.crf.items():
            self.decoders[role] = TagTransitions.crf(start, transitions)

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 32) -> Iterator[Doc]:
        """Tag a batch of Docs in one recurrent pass (the per-step Python loop is the cost)."""
        batch: list[Doc] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= batch_size:
                yield from self._batch(batch)
                batch = []
        if batch:
            yield from self._batch(batch)

    def _batch(self, docs: list[Doc]) -> list[Doc]:
        live = [d for d in docs if len(d)]
        features = [self.featurizer(d) for d in live]
        states = {}
        if self.encoders:
            words = [([t.text for t in d], f.chunks) for d, f in zip(live, features, strict=True)]
            states = {name: enc.encode_many(words, stack=True) for name, enc in self.encoders.items()}
        for doc, f, probs in zip(live, features, self.net.batch(features, states), strict=True):
            learned = self.structure(doc, probs, f.chunks)
            doc._.attributions = merge(doc, doc._.attributions or [], learned)
        for d in docs:
            if not len(d):
                d._.attributions = d._.attributions or []
        return docs

    def structure(
        self, doc: Doc, probs: NDArray[np.float32], chunks: list[tuple[int, int]]
    ) -> list[RawAttribution]:
        # a source names someone: an adjective alone ("This assertion, while diplomatic, hints at")
        sources = [
            s
            for s in (_trim(doc, s) for s in decode(probs, chunks, SOURCE, hmm=self.decoders[SOURCE]))
            if s and _has_pos(doc, s, _NOMINAL)
        ]
        cues = [
            s
            for s in (
                _trim(doc, s) or _colon(doc, s) for s in decode(probs, chunks, CUE, hmm=self.decoders[CUE])
            )
            if s
        ]
        contents = [
            s
            for s in (
                _trim(doc, s) for s in decode(probs, chunks, CONTENT, _breaks(doc), self.decoders[CONTENT])
            )
            if s
        ]
        contents = split_unbridged(contents, cues)
        para = _paragraph_ids(doc)
        quotes: list[Quote] = doc._.quotes or []
        out: list[RawAttribution] = []
        used_cues: set[int] = set()

        windows = {id(p): _Window(p) for p in (sources, cues)}

        def nearest(target: TokenSpan, pool: list[TokenSpan], reach: int) -> int | None:
            best, best_d = None, reach + 1
            for k in windows[id(pool)].near(target, reach):  # only spans that can be within reach
                cand = pool[k]
                if para[cand.start] != para[target.start] and para[cand.start] != para[target.end - 1]:
                    continue
                d = _distance(target, cand)
                if d < best_d:
                    best, best_d = k, d
            return best

        def source_for(cue: TokenSpan) -> TokenSpan | None:
            k = nearest(cue, sources, limits.SOURCE_REACH)
            return sources[k] if k is not None else None

        for content in contents:
            k = nearest(content, cues, limits.CUE_REACH)
            cue = cues[k] if k is not None else None
            if k is not None:
                used_cues.add(k)
            src = source_for(cue) if cue is not None else None
            if cue is not None and src is None and not _has_pos(doc, cue, _CUE_HEAD):
                continue  # a lone preposition or adverb with no source ("about", "reportedly") cues nothing
            out.append(
                RawAttribution(
                    cue=_offsets(doc, cue) if cue else None,
                    content=[_frag_offsets(doc, lo, hi) for lo, hi in content.frags],
                    source=_offsets(doc, src) if src else None,
                    kind=quote_kind(doc, content, quotes),
                    confidence=round(content.score, 3),
                )
            )
        for k, cue in enumerate(cues):
            if k in used_cues:
                continue
            src = source_for(cue)
            if src is None:
                continue
            out.append(
                RawAttribution(
                    cue=_offsets(doc, cue),
                    content=[],
                    source=_offsets(doc, src),
                    kind="indirect",
                    confidence=round(cue.score, 3),
                )
            )
        return out


def _paragraph_ids(doc: Doc) -> list[int]:
    ids, cur = [], 0
    for t in doc:
        ids.append(cur)
        if "\n" in t.text_with_ws:
            cur += 1
    return ids


def _trim(doc: Doc, span: TokenSpan) -> TokenSpan | None:
    """Drop punctuation and spaces at the edges of each fragment (and empty fragments)."""
    frags = []
    for lo, hi in span.frags:
        while lo < hi and (doc[lo].is_punct or doc[lo].is_space):
            lo += 1
        while hi > lo and (doc[hi - 1].is_punct or doc[hi - 1].is_space):
            hi -= 1
        if hi > lo:
            frags.append((lo, hi))
    if not frags:
        return None
    return TokenSpan(frags, span.score)


def _colon(doc: Doc, span: TokenSpan) -> TokenSpan | None:
    """A tagged cue of punctuation alone is kept where it is a colon: "Poll: Voters abandon …",
    "PENCE: We will …" (PolNeAR's convention; other punctuation is trimmed away)."""
    colons = [i for i in sorted(span.tokens()) if doc[i].text == ":"]
    return TokenSpan([(colons[0], colons[0] + 1)], span.score) if colons else None


def _frag_offsets(doc: Doc, lo: int, hi: int) -> Offsets:
    return doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1])


def _offsets(doc: Doc, span: TokenSpan) -> Offsets:
    return _frag_offsets(doc, span.start, span.end)
