"""Whose "I" it is outside quotation marks: pure functions over the text.

- :func:`first_person_owner`: an interview's interviewee (named in the title line), the one who
  signs a letter, the one whose remarks a line introduces ("Below are the Speaker's remarks:"), or
  the narrator who names themself ("my name is …", "I'm …");
- :func:`addressed_narrator`: a first-person narrator named by how the others address them.

The byline author is the report's to give (:mod:`onrecord.pipeline.assemble`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from onrecord.pipeline.quotes.marks import CLOSING_MARKS, OPENING_MARKS
from onrecord.pipeline.speakers import limits
from onrecord.pipeline.types import Offsets

_INTERVIEW = re.compile(r"\binterview(s|ed)?\b", re.IGNORECASE)
_NARRATOR_REPLY = re.compile(r"[“\"][^”\"\n]{1,200}[”\"],?\s+I\s+[a-z]+")  # "“No,” I said."
#: A line that introduces a text in the first person of someone named before or in it: "Below are
#: the Speaker's remarks:", "Here is the full text of her statement:".
_TRANSCRIPT_INTRO = re.compile(
    r"\b(?:[Bb]elow|[Hh]ere|[Ff]ollowing) (?:are|is)\b[^.:\n]{0,80}?"
    r"\b(?:remarks|speech|statement|address|letter|testimony|transcript|text)\b[^.:\n]{0,60}:[ \t]*$",
    re.MULTILINE,
)
_GREETING = re.compile(r"^Dear [^\n]{1,60}[,:][ \t]*$", re.MULTILINE)  # "Dear Mom," opens a letter
#: A letter's close: a valediction line ending in a comma ("Love and faithful feelings,"), then the
#: signature, a name of one to four capitalised words, ending the text.
_SIGNATURE = re.compile(r"\n[^\n]{1,60},[ \t]*\n\s*([A-Z][\w.’'-]*(?:[ \t]+[A-Z][\w.’'-]*){0,3})\s*$")
_SELF_NAMING = re.compile(
    r"\b(?:[Mm]y name is|I'm|I’m|I am|[Tt]his is)\s+([A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?)"
)


def first_person_owner(text: str, people: Iterable[tuple[str, str, int]]) -> str | None:
    """The key of the person "I" is outside quotation marks, or None when nothing says who.

    ``people``: (key, name, first character offset) of every person named in the article.
    """
    people = list(people)
    first_line = text.split("\n", 1)[0]
    if _INTERVIEW.search(first_line) or first_line.rstrip().endswith("Q&A"):
        named = [p for p in people if p[2] < len(first_line)]
        if named:
            return min(named, key=lambda p: p[2])[0]
    signed = _SIGNATURE.search(text) if _GREETING.search(text) else None
    if signed is not None:  # "Dear Jean: … Love and faithful feelings,\n\nZora": the writer
        hit = _person_named(people, signed.group(1))
        if hit is not None:
            return hit
    for m in _TRANSCRIPT_INTRO.finditer(text):
        # the person it names, else the first named in its paragraph ("Speaker Nancy Pelosi delivered
        # remarks …. Below are the Speaker's remarks:")
        para = text.rfind("\n", 0, m.start()) + 1
        inside = [p for p in people if m.start() <= p[2] < m.end()]
        named = inside or [p for p in people if para <= p[2] < m.end()]
        if named:
            return min(named, key=lambda p: p[2])[0]
    for m in _SELF_NAMING.finditer(text):
        name = m.group(1)
        hit = _person_named(people, name)
        if hit is not None and not _is_vocative_context(text, m.start()):
            return hit
    return None


def addressed_narrator(
    text: str, people: Iterable[tuple[str, list[Offsets], bool]], first_person: int
) -> str | None:
    """The key of the person a first-person narrator is, from how the others address them: a name
    set off by a comma at a quotation's edge ("“Robert,” my mom says") that the text never uses
    outside quotation marks (the narrator is "I" there). Each paragraph that addresses them counts
    once, twice when the next paragraph is the narrator's reply ("“No,” I said."): one monologue
    addressing someone on the phone is not the narrator. None unless "I" narrates
    (``first_person``: how often "I" stands outside quotation marks) and one name leads.

    ``people``: (key, mention offsets, whether every mention is inside a quotation)."""
    if first_person < limits.NARRATOR_FIRST_PERSON:
        return None
    counts: dict[str, int] = {}
    for key, mentions, quoted_only in people:
        if not quoted_only:
            continue
        paragraphs: set[int] = set()
        for lo, hi in mentions:
            before, after = text[max(0, lo - 2) : lo], text[hi : hi + 1]
            opens = after in (",", "!", "?") and (
                any(m in before for m in OPENING_MARKS) or before.endswith(", ")
            )
            closes = before.endswith(", ") and (after in ("", ".", "!", "?") or after in CLOSING_MARKS)
            if opens or closes:  # "“Robert, …" / "“…, Robert.”"
                paragraphs.add(text.rfind("\n", 0, lo))
        for start in paragraphs:
            end = text.find("\n", start + 1)
            reply = text[end:].lstrip()[:200].split("\n", 1)[0] if end >= 0 else ""
            counts[key] = counts.get(key, 0) + (2 if _NARRATOR_REPLY.match(reply) else 1)
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if not ranked or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return ranked[0][0]


def _person_named(people: list[tuple[str, str, int]], name: str) -> str | None:
    words = name.lower().split()
    for key, full, _ in people:
        fw = full.lower().split()
        if fw == words or (words and words[0] in fw):
            return key
    return None


def _is_vocative_context(text: str, at: int) -> bool:
    """ "This is X" after "said," is somebody else introducing X; keep only the narrator's own voice."""
    return text[max(0, at - 3) : at].strip().endswith(",")
