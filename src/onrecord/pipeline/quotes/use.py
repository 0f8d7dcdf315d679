"""Whether the words between quotation marks are someone's speech, or a title, a term or a
heading ("the film “Parasite”", "the so-called “reset”", a subhead line "6. “The Gordon
problem”"). Pure functions over the text and a :class:`Quote`; word list ``quote_naming``."""

from __future__ import annotations

import re
from functools import lru_cache

from onrecord.pipeline import lexicons
from onrecord.pipeline.quotes import limits
from onrecord.pipeline.quotes.marks import QUOTE_MARKS
from onrecord.pipeline.types import Quote

_LIST_MARK = re.compile(r"^\s*(?:\d{1,3}[.)]|[-•*–—])?\s*$")
_END = ".?!…"


def _naming_before(text: str, q: Quote) -> bool:
    before = text[max(0, q.start - limits.NAMING_CHARS) : q.start].lower().replace("\n", " ")
    words = before.replace(",", " ").split()
    return any(" ".join(words[-n:]) in lexicons.load("quote_naming") for n in (1, 2, 3, 4))


def _alone_on_line(text: str, q: Quote) -> bool:
    line_start = text.rfind("\n", 0, q.start) + 1
    line_end = text.find("\n", q.end)
    line_end = len(text) if line_end < 0 else line_end
    return bool(_LIST_MARK.match(text[line_start : q.start])) and not text[q.end : line_end].strip()


def is_speech(text: str, q: Quote, *, min_words: int = 2) -> bool:
    """The quotation can be someone's words: long enough, not a capitalised title, not named as a
    title or term by the words before it, not a short unpunctuated line of its own unless its words
    come back later in the article (a subhead quoting what someone says below)."""
    inner = text[q.inner[0] : q.inner[1]]
    words = inner.split()
    if len(words) < min_words:
        return False
    punctuated = inner.rstrip()[-1:] in _END
    letters = [w for w in words if w[:1].isalpha()]
    titled = bool(letters) and all(w[:1].isupper() for w in letters)
    if titled and len(words) < limits.TITLE_MAX_WORDS and not punctuated:
        return False
    if _naming_before(text, q) and len(words) < limits.TITLE_MAX_WORDS:
        return False
    if len(words) < limits.HEADING_MAX_WORDS and not punctuated and _alone_on_line(text, q):
        return _recurs(text, q)  # a subhead quoting words the article gives someone later
    return True


@lru_cache(maxsize=1)
def _lower(text: str) -> str:
    return text.lower()  # once per text, however many of its quotations are asked about


def _recurs(text: str, q: Quote) -> bool:
    """The quotation's words appear again elsewhere in the text (case aside)."""
    words = text[q.inner[0] : q.inner[1]].strip(" ,." + "".join(QUOTE_MARKS)).lower()
    low = _lower(text)
    first = low.find(words)
    return bool(words) and (low.find(words, first + 1) >= 0 if first >= 0 else False)
