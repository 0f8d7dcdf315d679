"""A name set off by commas right after a description of its bearer.

*According to his aunt, Jane Starner, “He was brilliant …”*: the parse often leaves "Jane Starner"
outside the phrase "his aunt", and the attribution taggers then end the source at "aunt" and open
the content with the name. :func:`apposed_name_end` finds such a name; :func:`take_apposed_names`
moves it from the content into the source.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from onrecord.pipeline.learned.merge import kind_of_offsets
from onrecord.pipeline.types import Offsets, RawAttribution, doc_text


def apposed_name_end(doc: Doc, after: int) -> int | None:
    """The token index past ", NAME," when it starts at token ``after`` (a comma), else None.

    NAME is a run of proper nouns holding a person the model tagged; the comma after it closes the
    apposition. Nothing else is taken: ", Jones, Smith and Brown said" opens with no such run.
    """
    if after >= len(doc) or doc[after].text != ",":
        return None
    j = after + 1
    while j < len(doc) and doc[j].pos_ == "PROPN" and doc[j].ent_type_ in ("PERSON", ""):
        j += 1
    if j == after + 1 or j >= len(doc) or doc[j].text != ",":
        return None
    if not any(doc[k].ent_type_ == "PERSON" for k in range(after + 1, j)):
        return None
    return j


def describes(span: Span) -> bool:
    """Whether a phrase is a description ("his aunt", "the mayor"), not a name: it ends in a common
    noun and holds no person's name."""
    return len(span) > 0 and span[-1].pos_ == "NOUN" and not any(t.ent_type_ == "PERSON" for t in span)


def with_apposed_name(doc: Doc, phrase: Span) -> Span:
    """``phrase`` with the name apposed to it ("his aunt" → "his aunt, Jane Starner")."""
    if not describes(phrase):
        return phrase
    end = apposed_name_end(doc, phrase.end)
    return doc[phrase.start : end] if end is not None else phrase


def take_apposed_names(doc: Doc, attributions: list[RawAttribution]) -> None:
    """Extend each description source by the name apposed to it, cutting that name (and its
    commas) from the front of the content where the content began with it."""
    for a in attributions:
        if a.source is None:
            continue
        phrase = doc.char_span(*a.source, alignment_mode="expand")
        if phrase is None:
            continue
        longer = with_apposed_name(doc, phrase)
        if longer.end == phrase.end:
            continue
        a.source = (a.source[0], longer.end_char)
        content = _cut_front(doc, a.content, phrase.end_char, doc[longer.end].idx + 1)
        if content != a.content:
            a.content = content
            a.kind = kind_of_offsets(doc, content, doc._.quotes or [])


def _cut_front(doc: Doc, content: list[Offsets], start: int, past: int) -> list[Offsets]:
    """Content fragments without the characters ``start``..``past`` (the name and its commas); a
    fragment that starts before them is left whole."""
    text = doc_text(doc)
    out = []
    for lo, hi in content:
        if lo < past and hi > start:
            if lo >= start and hi > past:
                rest = past
                while rest < hi and text[rest].isspace():
                    rest += 1
                if rest < hi:
                    out.append((rest, hi))
                continue
            if lo < start:
                out.append((lo, hi))  # the name sits inside it: leave it alone
            continue
        out.append((lo, hi))
    return out
