"""Horizontal Unicode spaces read as plain spaces before spaCy tokenizes.

Web text puts no-break spaces (U+00A0), thin and narrow spaces and tabs between words. spaCy makes
each of them a whitespace token of its own ("are", "\xa0", "rapidly"), which breaks up the
tagger's paragraph chunks, the parse and the noun phrases. :class:`SpaceNormalizer` wraps the
tokenizer: it tokenizes the text with those characters replaced by a plain space (one character
for one, so every offset stays the same) and records the original text in
``doc.user_data["onrecord_text"]``, which :func:`onrecord.pipeline.types.doc_text` returns, so
reports quote the article exactly as given.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

SPACES = "\t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
"""The characters read as a plain space: tab, no-break, and the other horizontal Unicode spaces."""
_TABLE = str.maketrans(dict.fromkeys(SPACES, " "))


def plain_spaces(text: str) -> str:
    """``text`` with every character of :data:`SPACES` replaced by " " (same length)."""
    return text.translate(_TABLE)


class SpaceNormalizer:
    """A spaCy tokenizer that reads :data:`SPACES` as plain spaces (see the module docstring)."""

    def __init__(self, tokenizer: Callable[[str], Doc]) -> None:
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        plain = plain_spaces(text)
        doc = self.tokenizer(plain)
        if plain != text:
            doc.user_data["onrecord_text"] = text
        return doc

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:
        for text in texts:
            yield self(text)

    def __getattr__(self, name: str) -> Any:
        # serialisation and settings (to_bytes, from_disk, rules, ...) are the wrapped tokenizer's
        if name == "tokenizer":
            raise AttributeError(name)
        return getattr(self.tokenizer, name)


def install(nlp: Language) -> Language:
    """Wrap ``nlp``'s tokenizer in a :class:`SpaceNormalizer` (once)."""
    if not isinstance(nlp.tokenizer, SpaceNormalizer):
        nlp.tokenizer = SpaceNormalizer(nlp.tokenizer)
    return nlp
