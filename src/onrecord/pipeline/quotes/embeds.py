"""Posts embedded in an article: the text of a tweet that a page shows as a paragraph followed by
its signature line, "— Display Name (@handle) November 18, 2019" (how an embedded post reads once
the page is reduced to text). The paragraph is the poster's own words, a direct quotation without
quotation marks; the display name is its source.

:func:`embedded_posts` finds them; :func:`without_inner` drops what the attribution layers made
of the post's own words (a cue-less quotation of a phrase in it, "I'm so grateful for" as a cue),
keeping speech the post itself reports ("X said …" inside the post has its own source there).
"""

from __future__ import annotations

import re

from onrecord.pipeline.types import RawAttribution

#: The signature line of an embedded post: a dash, the display name (any emoji after it), the
#: handle in brackets, and the date it was posted, alone on its line.
SIGNATURE = re.compile(
    r"^[—–]\s*(?P<name>[^\n()]{1,80}?)\s*\(@(?P<handle>\w{1,30})\)[ \t]*(?P<date>[A-Z][a-z]+\.? \d{1,2}, \d{4})?[ \t]*$",
    re.MULTILINE,
)
#: Links a post ends with (a shortened link, its picture).
_TRAILING_LINK = re.compile(r"(?:\s*(?:https?://\S+|pic\.twitter\.com/\S+))+\s*$")
#: A handle right after a display name ("tall glass of coquito 🎄 (@…)").
_HANDLE_AFTER = re.compile(r"[^\w\n()]{0,12}\(@\w{1,30}\)")
_CONFIDENCE = 0.9


def handle_follows(text: str, end: int) -> bool:
    """Whether a post's handle follows ``end`` ("tall glass of coquito (@…)"): a display name."""
    return _HANDLE_AFTER.match(text, end) is not None


def embedded_posts(text: str) -> list[RawAttribution]:
    """A direct attribution for each embedded post: its paragraph as the content, the display
    name as the source."""
    out: list[RawAttribution] = []
    prev_end = 0
    for m in SIGNATURE.finditer(text):
        lo, hi = _body(text, m.start(), prev_end)
        prev_end = m.end()
        name_lo, name_hi = _name(text, m.start("name"), m.end("name"))
        if hi <= lo or name_hi <= name_lo:
            continue
        out.append(
            RawAttribution(
                cue=None,
                content=[(lo, hi)],
                source=(name_lo, name_hi),
                kind="direct",
                confidence=_CONFIDENCE,
                act="writing",
            )
        )
    return out


def without_inner(attributions: list[RawAttribution], posts: list[RawAttribution]) -> list[RawAttribution]:
    """``attributions`` less those whose content starts inside a post and whose source (if any) is
    not inside it too."""
    boxes = [p.content[0] for p in posts]

    def inside(char: int) -> bool:
        return any(lo <= char < hi for lo, hi in boxes)

    kept = []
    for a in attributions:
        starts = a.content[0][0] if a.content else (a.cue or (-1, -1))[0]
        if inside(starts) and (a.source is None or not inside(a.source[0])):
            continue
        kept.append(a)
    return kept


def _body(text: str, sig_start: int, floor: int) -> tuple[int, int]:
    """The paragraph just before a signature line (after ``floor``), less its trailing links."""
    hi = sig_start
    while hi > floor and text[hi - 1].isspace():
        hi -= 1
    lo = text.rfind("\n\n", floor, hi)
    lo = floor if lo < 0 else lo + 2
    while lo < hi and text[lo].isspace():
        lo += 1
    m = _TRAILING_LINK.search(text, lo, hi)
    if m is not None and m.start() > lo:
        hi = m.start()
    while hi > lo and (text[hi - 1].isspace() or text[hi - 1] in ":"):
        hi -= 1
    return lo, hi


def _name(text: str, lo: int, hi: int) -> tuple[int, int]:
    """The display name less the emoji and marks after it ("Dianna E. Anderson 🏳️‍🌈")."""
    while hi > lo and not (text[hi - 1].isalnum() or text[hi - 1] == "."):
        hi -= 1
    return lo, hi
