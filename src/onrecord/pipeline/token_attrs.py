"""Component ``onrecord_token_attrs``: the model's attribute ruler and lemmatizer, memoised.

In the English pipelines the attribute ruler (tag -> POS and morphology, plus word exceptions)
and the rule lemmatizer look at one token at a time: its word, tag and dependency label. They
run as Python over every token and cost about as much as the parser. This component gives every
token exactly what the two components would, from a table keyed by (word, tag, dep, is-space):
a word seen before costs a dictionary lookup; a new one runs the real components on a one-token
Doc and is remembered. The ruler's few multi-token patterns ("gon na", "there is") run as a
small matcher over the whole Doc, as in the original.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, cast

import numpy as np
from spacy.attrs import DEP, IS_SPACE, LEMMA, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, MorphAnalysis

_Key = tuple[int, int, int, int]
_Value = tuple[int, int, int, int, int]  # tag, dep, pos, morph, lemma
_MAX_CACHE = 100_000


class TokenAttributes:
    """Memoised attribute ruler + lemmatizer (outputs identical to the pair it replaces)."""

    def __init__(
        self, nlp: Language, ruler_name: str = "attribute_ruler", lemmatizer_name: str = "lemmatizer"
    ) -> None:
        self.vocab = nlp.vocab
        self.ruler: Any = nlp.get_pipe(ruler_name)
        self.lemmatizer: Any = nlp.get_pipe(lemmatizer_name)
        self.cache: dict[_Key, _Value] = {}
        self._context: Matcher | None = None  # built on first use: the ruler's patterns load after us
        self.context_attrs: list[tuple[int, dict[str, Any]]] = []

    @property
    def context(self) -> Matcher:
        """The ruler's multi-token patterns as a matcher (single-token ones are in the table)."""
        if self._context is None:
            self._context = Matcher(self.vocab)
            for pattern in cast(Any, self.ruler).patterns:
                if all(len(p) == 1 for p in pattern["patterns"]):
                    continue
                self._context.add(str(len(self.context_attrs)), pattern["patterns"])
                self.context_attrs.append((int(pattern.get("index", 0)), dict(pattern["attrs"])))
        return self._context

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        arr = doc.to_array([ORTH, TAG, DEP, IS_SPACE])
        keys: list[_Key] = list(map(tuple, arr.tolist()))
        cache = self.cache
        values = []
        for k, key in enumerate(keys):
            value = cache.get(key)
            if value is None:
                value = self._compute(doc, k)
                if len(cache) < _MAX_CACHE:
                    cache[key] = value
            values.append(value)
        out = np.array(values, dtype=np.uint64)
        doc.from_array([POS, MORPH, LEMMA], cast(Any, out[:, 2:]))  # uint64 hashes
        changed = np.nonzero((out[:, 0] != arr[:, 1]) | (out[:, 1] != arr[:, 2]))[0]
        for i in changed.tolist():  # the ruler rewrote the tag or label (whitespace tokens)
            doc[i].tag = int(out[i, 0])
            doc[i].dep = int(out[i, 1])
        if len(self.context):
            self._apply_context(doc)
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)

    def _compute(self, doc: Doc, i: int) -> _Value:
        tok = doc[i]
        one = Doc(self.vocab, words=[tok.text], spaces=[False])
        one[0].tag = tok.tag
        one[0].dep = tok.dep
        self.lemmatizer(self.ruler(one))
        t = one[0]
        return t.tag, t.dep, t.pos, int(cast(Any, t.morph).key), t.lemma

    def _apply_context(self, doc: Doc) -> None:
        for match_id, start, end in self.context(doc):
            index, attrs = self.context_attrs[int(self.vocab.strings[match_id])]
            tok = doc[start + index if index >= 0 else end + index]
            for attr, value in attrs.items():
                if attr == "LEMMA":
                    tok.lemma_ = value
                elif attr == "POS":
                    tok.pos_ = value
                elif attr == "TAG":
                    tok.tag_ = value
                elif attr == "DEP":
                    tok.dep_ = value
                elif attr == "MORPH":
                    tok.morph = MorphAnalysis(self.vocab, value)


def replace_in(nlp: Language) -> None:
    """Run the memoised component in place of the pipeline's attribute ruler + lemmatizer (rule
    mode): the two stay in the pipeline, disabled (it asks them about words it has not seen), so
    ``nlp.to_disk`` saves them and ``spacy.load`` brings the same pipeline back."""
    names = nlp.pipe_names
    if "attribute_ruler" not in names or "lemmatizer" not in names or "onrecord_token_attrs" in names:
        return
    if getattr(nlp.get_pipe("lemmatizer"), "mode", None) != "rule":
        return
    if names.index("lemmatizer") != names.index("attribute_ruler") + 1:
        return
    nlp.add_pipe("onrecord_token_attrs", after="lemmatizer")
    nlp.disable_pipe("attribute_ruler")
    nlp.disable_pipe("lemmatizer")
