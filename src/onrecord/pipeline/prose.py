"""Is this English prose? onrecord reads English news; on other text its steps find "speakers" in
whatever capitalised words there are ("Eu fico até emocionado", "Zur Sicherheitsinfrastruktur").

:func:`not_prose` gives the reason a text is not analysed, or "" when it is: among its first
:data:`SAMPLE_WORDS` words, fewer than :data:`MIN_COMMON_SHARE` are common English words (spaCy's
English stop words: "the", "of", "said" …). On the 181 real pages of the article-extraction set,
English articles have 0.29 or more; Portuguese, German, Italian, Indonesian, Russian and Korean
pages have 0.09 or less, and so does a page that is a results table of names.
"""

from __future__ import annotations

from spacy.tokens import Doc

MIN_COMMON_SHARE = 0.15
"""Least share of common English words in English prose (see the module docstring)."""
MIN_WORDS = 40
"""Shorter texts are always analysed: too few words to tell."""
SAMPLE_WORDS = 2000
"""Words read to decide (the first ones)."""


def common_share(doc: Doc) -> tuple[float, int]:
    """(share of common English words, words read) over the first :data:`SAMPLE_WORDS` words."""
    words = common = 0
    for t in doc:
        if not t.is_alpha:
            continue
        words += 1
        common += t.is_stop
        if words >= SAMPLE_WORDS:
            break
    return (common / words if words else 0.0), words


def not_prose(doc: Doc) -> str:
    """Why ``doc`` is not analysed ("" when it is)."""
    share, words = common_share(doc)
    if words < MIN_WORDS or share >= MIN_COMMON_SHARE:
        return ""
    return (
        f"the text does not read as English prose ({share:.0%} of its words are common English "
        f"words; English prose has over {MIN_COMMON_SHARE:.0%}): onrecord reads English news, so no "
        "attributions or sourcing are reported"
    )
