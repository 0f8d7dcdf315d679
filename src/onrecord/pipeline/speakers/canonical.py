"""One full name for every person mention (:func:`canonical_names`): "Kopyrkin" is "Sergey
Kopyrkin"; a surname two people share goes to the one named just before; "Mr." and "Mrs." keep a
man and a woman of one surname apart."""

from __future__ import annotations

from spacy.tokens import Doc

from onrecord.pipeline import lexicons
from onrecord.pipeline.speakers import limits
from onrecord.pipeline.speakers.ent_spans import APOSTROPHES, Ent, text_of
from onrecord.pipeline.speakers.missed_names import surname_words
from onrecord.pipeline.speakers.role_words import gender_words


def canonical_names(doc: Doc, ents: list[Ent]) -> None:
    """Every person mention gets the full name in the article that it is part of.

    A surname (or first name) shared by two full names goes to the one named in the last two
    sentences before it, else to the one the article named first (who it is about); it is marked
    ``shared`` where that was a guess (none of them, or several, named in those sentences).
    "Mr." and "Mrs." keep a man and a woman of one surname apart where the full name carries the
    title too.
    """
    persons = [e for e in ents if e.label == "PERSON"]
    # longest first, then alphabetical: a set's order changes with the interpreter's hash seed
    full = sorted(
        {_clean(text_of(doc, e)) for e in persons if e.end - e.start >= 2}, key=lambda n: (-len(n), n)
    )
    first_seen: dict[str, int] = {}
    seen_at: dict[str, list[int]] = {}
    for e in persons:
        name = _clean(text_of(doc, e))
        if name in full:
            first_seen.setdefault(name, e.start)
            seen_at.setdefault(name, []).append(e.start)
    sent_of = {s.start: k for k, s in enumerate(doc.sents)}
    sent_index = [0] * len(doc)
    k = -1
    for i in range(len(doc)):
        k = sent_of.get(i, k)
        sent_index[i] = k
    for e in persons:
        name = _clean(text_of(doc, e))
        words = surname_words(name)
        matches = [
            f
            for f in full
            if len(surname_words(f)) > len(words)
            and (
                surname_words(f)[-len(words) :] == words
                or (len(words) == 1 and words[0] == surname_words(f)[0])
            )
        ]
        if not matches and len(words) == 1 and len(words[0]) >= 4:
            # a surname misspelt by one letter at its end ("Water said" after "Kathryn Waters")
            matches = [f for f in full if _near(surname_words(f)[-1], words[0])]
        e.canonical = name
        if not matches:
            continue
        title = _title_gender(doc, e.start)
        if title and len(matches) > 1:
            agreeing = [f for f in matches if _full_gender(doc, persons, f) in (title, None)]
            matches = agreeing or matches
        if len(matches) == 1:
            e.canonical = matches[0]
            continue
        since = sent_index[e.start] - limits.SURNAME_SENTENCES  # the first sentence "just before"
        recent = [
            (max(p for p in seen_at.get(f, []) if p < e.start), f)
            for f in matches
            if any(p < e.start and sent_index[p] >= since for p in seen_at.get(f, []))
        ]
        # a doubt where the rule had to guess: no one of them named just before, or several
        e.shared = len(recent) != 1
        if recent:
            e.canonical = max(recent)[1]
        else:
            e.canonical = min(matches, key=lambda f: (first_seen.get(f, 10**9), f))


def _near(surname: str, word: str) -> bool:
    return (
        surname != word
        and abs(len(surname) - len(word)) == 1
        and (surname.startswith(word) or word.startswith(surname))
    )


def _title_gender(doc: Doc, start: int) -> str | None:
    if start == 0:
        return None
    word = doc[start - 1].lower_
    return gender_words().get(word) if word in lexicons.load("honorifics") else None


def _full_gender(doc: Doc, persons: list[Ent], full: str) -> str | None:
    for e in persons:
        if _clean(text_of(doc, e)) == full:
            g = _title_gender(doc, e.start)
            if g:
                return g
    return None


def _clean(name: str) -> str:
    for a in APOSTROPHES:
        if name.endswith(a):
            name = name[: -len(a)]
    return " ".join(name.split())
