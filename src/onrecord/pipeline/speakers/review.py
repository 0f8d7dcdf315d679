"""How sure a speaker is, and what a reader should check: ``review(who, source_text)``.

The confidence of a speaker depends on how it was found (a name in the source is surer than a
pronoun, a pronoun surer than a quotation with no cue taken from the sentence before); each doubt
found on the way lowers it and is given as a ``needs_review`` reason. The numbers are in
:mod:`.limits`.
"""

from __future__ import annotations

from typing import Protocol

from onrecord.pipeline import lexicons
from onrecord.pipeline.speakers import limits

#: The learned source and the speech verb's subject in the parse disagree: on the real-news dev
#: set this is true of 7 of 56 wrong speakers and 20 of 592 right ones.
OFF_SUBJECT_REASON = "source is not the subject of the cue"
# speakers that are not a named person or body: worth a reader's look at who stands behind them
TYPE_DOUBTS = {"unknown": "source names no one"}
PRONOUNS = frozenset(lexicons.load_table("pronouns", 3))


class _Found(Protocol):
    how: str
    doubts: list[str]
    type: str


def lowered(confidence: float) -> float:
    """``confidence`` less one doubt."""
    return max(limits.MIN_CONFIDENCE, round(confidence - limits.DOUBT_PENALTY, 3))


def review(who: _Found | None, source_text: str | None) -> tuple[float | None, list[str]]:
    """(speaker confidence, needs_review reasons) for one attribution's speaker."""
    if who is None:
        if source_text is not None and source_text.strip().lower() in PRONOUNS:
            return None, ["unresolved pronoun"]
        return None, ["no speaker found"]
    reasons = list(dict.fromkeys(who.doubts))
    if who.type in TYPE_DOUBTS:
        reasons.append(TYPE_DOUBTS[who.type])
    conf = limits.CONFIDENCE.get(who.how, limits.DEFAULT_CONFIDENCE) - limits.DOUBT_PENALTY * len(reasons)
    return max(limits.MIN_CONFIDENCE, round(conf, 3)), reasons
