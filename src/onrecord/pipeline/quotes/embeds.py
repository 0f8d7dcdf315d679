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
#: A credit line: a source's name alone on its line, in square brackets or after a dash.
CREDIT = re.compile(
    r"^[ \t]*(?:\[[ \t]*(?P<name>[^\]\n]{1,60}?)[ \t]*\]|[—–][ \t]*(?P<dashed>[^\n]{1,60}?))[ \t]*$",
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


def credit_at(text: str, lo: int, hi: int) -> bool:
    """Whether ``text[lo:hi]`` is the name on a credit line ("[ The Verge ]" alone on its line)."""
    line_lo = text.rfind("\n", 0, lo) + 1
    line_hi = text.find("\n", hi)
    m = CREDIT.fullmatch(text, line_lo, len(text) if line_hi < 0 else line_hi)
    if m is None:
        return False
    g = "name" if m.group("name") else "dashed"
    return _name_shaped(m.group(g)) and m.start(g) <= lo and hi <= m.end(g)


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
        out.append(_written((lo, hi), (name_lo, name_hi)))
    return out


def credited_excerpts(text: str) -> list[RawAttribution]:
    """A direct attribution for each paragraph of an excerpt credited on a line of its own after it,
    as round-ups and review pages print them ("…⏎⏎[ The Verge ]", "“…”⏎⏎– Ana R."): the
    paragraphs back to the last credit, heading or introduction are the credited source's words.
    Only where the page credits so at least twice: one bracketed line is as likely a caption."""
    credits = [
        (m.start(), m.end(), m.start(g), m.end(g))
        for m in CREDIT.finditer(text)
        for g in ("name", "dashed")
        if m.group(g) and _name_shaped(m.group(g))
    ]
    if len(credits) < 2:
        return []
    out: list[RawAttribution] = []
    floor = 0
    for start, end, lo_name, hi_name in credits:
        name_lo, name_hi = _name(text, lo_name, hi_name)
        out += [_written(par, (name_lo, name_hi)) for par in _paragraphs_before(text, start, floor)]
        floor = end
    return out


def _written(content: tuple[int, int], source: tuple[int, int]) -> RawAttribution:
    """Words set out as someone's post or excerpt: a direct quotation with no cue."""
    return RawAttribution(
        cue=None, content=[content], source=source, kind="direct", confidence=_CONFIDENCE, act="writing"
    )


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
    lo, hi = _paragraph_before(text, sig_start, floor)
    m = _TRAILING_LINK.search(text, lo, hi)
    if m is not None and m.start() > lo:
        hi = m.start()
    while hi > lo and (text[hi - 1].isspace() or text[hi - 1] in ":"):
        hi -= 1
    return lo, hi


def _name(text: str, lo: int, hi: int) -> tuple[int, int]:
    """The display name less the emoji and marks after it ("Dianna E. Anderson 🏳️‍🌈"); a masked
    name keeps its stars ("Ali***")."""
    while hi > lo and not (text[hi - 1].isalnum() or text[hi - 1] in ".*"):
        hi -= 1
    return lo, hi


def _name_shaped(name: str) -> bool:
    """A credit names a source: a few words, the first capitalised, no sentence or handle in it."""
    words = name.split()
    return (
        0 < len(words) <= 6
        and name[0].isupper()
        and not any(c in name for c in "=:;?!@(/")
        and ". " not in name
    )


def _paragraph_before(text: str, end: int, floor: int) -> tuple[int, int]:
    """The paragraph that ends before ``end`` (after ``floor``), less the spaces around it."""
    hi = end
    while hi > floor and text[hi - 1].isspace():
        hi -= 1
    lo = text.rfind("\n\n", floor, hi)
    lo = floor if lo < 0 else lo + 2
    while lo < hi and text[lo].isspace():
        lo += 1
    return lo, hi


def _paragraphs_before(text: str, credit_start: int, floor: int) -> list[tuple[int, int]]:
    """The paragraphs between ``floor`` (the last credit) and a credit line, back to a heading or an
    introduction (a paragraph ending in a colon), each less its enclosing quotation marks; before
    the first credit with nothing to bound it, the nearest paragraph only."""
    out: list[tuple[int, int]] = []
    hi = credit_start
    while hi > floor:
        lo, hi = _paragraph_before(text, hi, floor)
        if hi <= lo or _heading(text[lo:hi]) or text[hi - 1] == ":":
            return out[::-1]
        out.append(_unquoted(text, lo, hi))
        hi = lo
    return out[:1] if floor == 0 else out[::-1]  # the first: no bound found, the nearest only


def _heading(par: str) -> bool:
    """A heading: one short line ending without a full stop, or with most words capitalised."""
    words = par.split()
    if "\n" in par or len(words) > 16:
        return False
    capitalised = sum(w[0].isupper() for w in words if w[0].isalpha())
    return par[-1] not in '.!?"”’' or capitalised >= 0.7 * len(words)


def _unquoted(text: str, lo: int, hi: int) -> tuple[int, int]:
    """A paragraph less the quotation marks around all of it."""
    if hi - lo > 2 and text[lo] in '“"' and text[hi - 1] in '”"' and text.count("“", lo + 1, hi - 1) == 0:
        return lo + 1, hi - 1
    return lo, hi
