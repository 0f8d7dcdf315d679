"""Horizontal Unicode spaces read as plain spaces before spaCy tokenizes.

Web text puts no-break spaces (U+00A0), thin and narrow spaces and tabs between words. spaCy makes
each of them a whitespace token of its own ("are", "\xa0", "rapidly"), which breaks up the
tagger's paragraph chunks, the parse and the noun phrases. :class:`SpaceTokenizer` is spaCy's
tokenizer that tokenizes the text with those characters replaced by a plain space (one character
for one, so every offset stays the same) and records the original text in
``doc.user_data["onrecord_text"]``, which :func:`onrecord.pipeline.types.doc_text` returns, so
reports quote the article exactly as given.

spaCy strips prefixes and suffixes off a space-free stretch one at a time, each time copying the
rest, so its time grows with the square of the stretch: 20,000 quotation marks in a row took minutes
(fuzzing, issue 19). A stretch longer than :data:`LONGEST_CHUNK` is tokenized in pieces of that
length, which keeps the time linear in the text; no word of running prose is that long.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

from onrecord.pipeline import lexicons

SPACES = "\t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
"""The characters read as a plain space: tab, no-break, and the other horizontal Unicode spaces."""
_TABLE = str.maketrans(dict.fromkeys(SPACES, " "))

LONGEST_CHUNK = 256
"""The most characters without a space that spaCy's tokenizer is given in one piece (see above)."""
_LONG_STRETCH = re.compile(r"\S{" + str(LONGEST_CHUNK + 1) + ",}")


def keep_titles_whole(tokenizer: Tokenizer) -> None:
    """Abbreviated titles as one token ("Lt.", "Col.", "Capt.": spaCy's English exceptions split off
    their period, which cuts "Lt. Col. Alexander Vindman" into a sentence end), from
    ``lexicons/title_abbreviations.txt``, as tokenizer special cases."""
    for abbr in lexicons.load_table("title_abbreviations"):
        if abbr.endswith(".") and abbr[:-1].isalpha():
            word = abbr[:1].upper() + abbr[1:]
            tokenizer.add_special_case(word, [{ORTH: word}])


def plain_spaces(text: str) -> str:
    """``text`` with every character of :data:`SPACES` replaced by " " (same length)."""
    return text.translate(_TABLE)


class SpaceTokenizer(Tokenizer):  # type: ignore[misc]
    """spaCy's tokenizer, reading :data:`SPACES` as plain spaces (see the module docstring) and
    keeping abbreviated titles whole (:func:`keep_titles_whole`).

    Registered as ``onrecord.Tokenizer.v1``: a pipeline saved with it (``nlp.to_disk``) names it in
    its config and loads back with it. Rules, prefixes and exceptions are the language's and the
    saved pipeline's, as with ``spacy.Tokenizer.v1``, plus the title exceptions.
    """

    def __call__(self, text: str) -> Doc:
        plain = plain_spaces(text)
        doc = self._tokenize(plain)
        if plain != text:
            doc.user_data["onrecord_text"] = text
        return doc

    def _tokenize(self, text: str) -> Doc:
        """spaCy's tokenization of ``text``, a stretch without spaces longer than
        :data:`LONGEST_CHUNK` cut into pieces of that length (its trailing space kept with its last
        piece, so the tokens and their whitespace are those of the whole text)."""
        if len(text) <= LONGEST_CHUNK or not _LONG_STRETCH.search(text):
            whole: Doc = super().__call__(text)
            return whole
        docs: list[Doc] = []
        pos = 0
        for m in _LONG_STRETCH.finditer(text):
            if m.start() > pos:
                docs.append(super().__call__(text[pos : m.start()]))
            end = m.end() + 1 if text[m.end() : m.end() + 1] == " " else m.end()
            for start in range(m.start(), m.end(), LONGEST_CHUNK):
                piece_end = start + LONGEST_CHUNK
                docs.append(super().__call__(text[start : end if piece_end >= m.end() else piece_end]))
            pos = end
        if pos < len(text):
            docs.append(super().__call__(text[pos:]))
        doc: Doc = Doc.from_docs(docs, ensure_whitespace=False)
        return doc

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:
        for text in texts:
            yield self(text)

    def from_disk(self, path: Any, **kwargs: Any) -> SpaceTokenizer:
        super().from_disk(path, **kwargs)
        keep_titles_whole(self)  # a saved pipeline's own exceptions replace the rules: add them again
        return self

    def from_bytes(self, bytes_data: bytes, **kwargs: Any) -> SpaceTokenizer:
        super().from_bytes(bytes_data, **kwargs)
        keep_titles_whole(self)
        return self

    @classmethod
    def factory(cls, nlp: Language) -> SpaceTokenizer:
        """The tokenizer for ``nlp``'s language, built as ``spacy.Tokenizer.v1`` builds it."""
        d = nlp.Defaults
        tokenizer = cls(
            nlp.vocab,
            rules=d.tokenizer_exceptions,
            prefix_search=compile_prefix_regex(d.prefixes).search if d.prefixes else None,
            suffix_search=compile_suffix_regex(d.suffixes).search if d.suffixes else None,
            infix_finditer=compile_infix_regex(d.infixes).finditer if d.infixes else None,
            token_match=d.token_match,
            url_match=d.url_match,
        )
        keep_titles_whole(tokenizer)
        return tokenizer


TOKENIZER_CONFIG = {"nlp": {"tokenizer": {"@tokenizers": "onrecord.Tokenizer.v1"}}}
"""The config override that gives a loaded pipeline this tokenizer (``spacy.load(name, config=...)``)."""
