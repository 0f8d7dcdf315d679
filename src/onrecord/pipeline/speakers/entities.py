"""Correct the small model's named entities where it matters for speakers, by general rules.

The sm model makes characteristic mistakes: a place swallowed into a name after a title
("Ambassador to Armenia Sergey Kopyrkin" as one PERSON), a city as a PERSON ("Yerevan’s political
circles"), ordinals as ORG ("the 102nd base"), a quoted newspaper name as a PERSON, and one name
labelled differently in different sentences. :func:`correct_entities` returns a corrected list
(token spans) with a canonical full name for every person mention ("Kopyrkin" -> "Sergey Kopyrkin").
"""

from __future__ import annotations

import re
from collections import Counter

from spacy.tokens import Doc, Token

from onrecord.pipeline import lexicons
from onrecord.pipeline.speakers.animate import acting_people
from onrecord.pipeline.speakers.canonical import canonical_names
from onrecord.pipeline.speakers.ent_spans import (
    APOSTROPHES,
    Ent,
    descriptor_words,
    split_at_breaks,
    split_title_prefix,
    strip_descriptor,
    strip_det,
    strip_person_titles,
    text_of,
)
from onrecord.pipeline.speakers.missed_names import (
    add_described_names,
    add_missed_first_names,
    add_missed_surnames,
    surname_index,
)
from onrecord.pipeline.speakers.role_words import gender_words
from onrecord.pipeline.types import Quote, RawEntity, doc_text

_ORDINAL = re.compile(r"^\d+(st|nd|rd|th)?$", re.IGNORECASE)
_PLACE_PREPS = frozenset({"in", "from", "to", "at", "near", "across", "outside", "inside", "around"})
_NAME_LABELS = {"PERSON", "GPE", "LOC", "ORG", "NORP", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"}
_VOTE = ("PERSON", "GPE", "LOC", "ORG", "NORP")
_PREFER = {"GPE": 0, "ORG": 1, "LOC": 2, "PERSON": 3, "NORP": 4}


def _place_nouns() -> frozenset[str]:
    return lexicons.load("place_nouns")


def _media_nouns() -> frozenset[str]:
    return lexicons.load("media_nouns")


def correct_entities(doc: Doc, quotes: list[Quote] | None = None) -> list[Ent]:
    """The Doc's entities with the sm model's typical mistakes corrected (sorted, non-overlapping)."""
    titles = lexicons.load("titles")
    people_words, business_words = descriptor_words()
    ents = [p for e in doc.ents for p in split_at_breaks(doc, Ent(e.start, e.end, e.label_))]
    ents = [strip_det(doc, e) for e in ents]
    out: list[Ent] = []
    for e in ents:
        out.extend(split_title_prefix(doc, e, titles))
    for e in out:
        if e.label in _NAME_LABELS and all(_ORDINAL.match(doc[i].text) for i in range(e.start, e.end)):
            e.label = (
                "ORDINAL" if any(not doc[i].text.isdigit() for i in range(e.start, e.end)) else "CARDINAL"
            )
        if e.label == "PERSON":
            strip_person_titles(doc, e, titles)
        strip_descriptor(doc, e, people_words, business_words)
    lowered = {t.text for t in doc if t.is_lower}  # the words the text writes in lower case
    out = [e for e in out if e.end > e.start and not _common_word_opening(doc, e, lowered)]
    out = _media_names(doc, out, quotes or [])
    out = _named_after_org_noun(doc, out)
    out = add_described_names(doc, out, Ent)
    _fix_labels(doc, out)
    _acronym_orgs(doc, out)  # after the place votes: "at NASA" is not a place
    out = add_missed_surnames(doc, out, Ent, lowered)
    add_missed_first_names(doc, out, titles)
    canonical_names(doc, out)
    out.sort(key=lambda e: e.start)
    return out


def to_raw(doc: Doc, ents: list[Ent]) -> list[RawEntity]:
    """Character-offset records for ``doc._.entities``."""
    raw = []
    for e in ents:
        span = doc[e.start : e.end]
        raw.append(RawEntity(span.start_char, span.end_char, e.label, e.canonical))
    return raw


# -- rules ------------------------------------------------------------------------------------------
def _media_names(doc: Doc, ents: list[Ent], quotes: list[Quote]) -> list[Ent]:
    """A short quoted name after "newspaper", "magazine", "channel" … is an organisation."""
    media = _media_nouns()
    text = doc_text(doc)
    for q in quotes:
        inner = text[q.inner[0] : q.inner[1]].rstrip(",.;: ")
        words = inner.split()
        if not words or len(words) > 6 or not all(w[:1].isupper() or not w[:1].isalpha() for w in words):
            continue
        before = doc.char_span(q.start, q.start + 1, alignment_mode="expand")
        if before is None or before.start == 0:
            continue
        prev = doc[before.start - 1]
        if prev.lemma_.lower() not in media and prev.lower_ not in media:
            continue
        span = doc.char_span(q.inner[0], q.inner[0] + len(inner), alignment_mode="expand")
        if span is None:
            continue
        ents = [e for e in ents if e.end <= span.start or e.start >= span.end]
        ents.append(Ent(span.start, span.end, "ORG"))
    return ents


_NAME_JOINERS = {"for", "of", "and", "against", "in", "on", "the", "&"}


def _named_after_org_noun(doc: Doc, ents: list[Ent]) -> list[Ent]:
    """A capitalised name right after a lowercase organisation noun is that organisation, when the
    model labelled none of it: "a recently formed group Doctors for Camp Closure", "the campaign
    Parents Against Testing"."""
    org_nouns = lexicons.load("org_nouns")
    covered = {i for e in ents for i in range(e.start, e.end)}
    for t in doc:
        if not (t.is_lower and t.lemma_.lower() in org_nouns and t.pos_ == "NOUN"):
            continue
        end = t.i + 1
        while end < len(doc) and end not in covered:
            w = doc[end]
            capitalised = w.text[:1].isupper() and (w.is_alpha or w.text.isalnum()) and not w.is_sent_start
            joins = (
                w.lower_ in _NAME_JOINERS
                and end + 1 < len(doc)
                and doc[end + 1].text[:1].isupper()
                and end > t.i + 1
            )
            if not (capitalised or joins):
                break
            end += 1
        while end > t.i + 1 and doc[end - 1].lower_ in _NAME_JOINERS:
            end -= 1
        caps = [w for w in doc[t.i + 1 : end] if w.text[:1].isupper()]
        if len(caps) >= 2 and all(i not in covered for i in range(t.i + 1, end)):
            ents.append(Ent(t.i + 1, end, "ORG"))
            covered.update(range(t.i + 1, end))
    return ents


def _acronym_orgs(doc: Doc, ents: list[Ent]) -> None:
    """An all-capital name of three or more letters labelled a place is an organisation ("NASA"),
    unless it abbreviates a country (lexicons/country_acronyms.txt)."""
    countries = lexicons.load("country_acronyms")
    for e in ents:
        if e.label in ("GPE", "LOC") and e.end - e.start == 1:
            w = doc[e.start].text
            if len(w) >= 3 and w.isalpha() and w.isupper() and w.lower() not in countries:
                e.label = "ORG"


def _fix_labels(doc: Doc, ents: list[Ent]) -> None:
    # a name that a "who" clause follows is a person ("Montell Figgins, who represents Thomas,"), and
    # so is one described as a person ("Eswar Prasad, a trade professor at Cornell,")
    # (one word too, "Tommy — who goes by his first name —", unless the text uses it as a place)
    people_words = lexicons.person_words()
    placed = {t.lower_ for t in doc if t.i > 0 and doc[t.i - 1].lower_ in _PLACE_PREPS}
    for e in ents:
        if (
            e.label in ("ORG", "GPE", "NORP", "LOC", "FAC")
            and _name_shaped(doc, e)
            and (
                (
                    e.end - e.start >= 2
                    and (
                        _who_follows(doc, e)
                        or _described_as_person(doc, e, people_words)
                        or _title_before(doc, e, people_words)
                        or _names_person_word(doc, e, people_words)
                    )
                )
                or (
                    e.end - e.start == 1
                    and not doc[e.start].is_upper
                    and doc[e.start].lower_ not in placed
                    and (_who_follows(doc, e) or _names_person_word(doc, e, people_words))
                )
            )
        ):
            e.label = "PERSON"
    acting = acting_people(doc, ents, _PLACE_PREPS)  # "Santa's first wife", "Veronique laughed"
    for e in ents:
        if e.end - e.start == 1 and e.label != "PERSON" and doc[e.start].lower_ in acting:
            e.label = "PERSON"
    persons_multi = [e for e in ents if e.label == "PERSON" and e.end - e.start >= 2]
    name_parts = {doc[i].lower_ for e in persons_multi for i in (e.start, surname_index(doc, e.start, e.end))}
    surnames = {doc[surname_index(doc, e.start, e.end)].lower_ for e in persons_multi}
    # a surname of a named person is that person, whatever the label ("Mirzoyan" as NORP, "Menear
    # continued" as PRODUCT)
    for e in ents:
        if e.end - e.start == 1 and e.label in _NAME_LABELS and doc[e.start].lower_ in surnames:
            e.label = "PERSON"
    # a one-word PERSON used as a place ("in Yerevan", "Yerevan’s political circles") is a place
    places = _place_nouns()
    as_place: set[str] = set()
    for e in ents:
        if e.end - e.start != 1:
            continue
        word = doc[e.start].lower_
        if word in name_parts:
            continue
        prev = doc[e.start - 1] if e.start > 0 else None
        nxt = doc[e.end] if e.end < len(doc) else None
        after: list[Token] = list(doc[e.end + 1 : e.end + 4]) if e.end + 1 < len(doc) else []
        if (
            prev is not None
            and prev.lower_ in _PLACE_PREPS
            and not (nxt is not None and nxt.text in APOSTROPHES)
        ) or (nxt is not None and nxt.text in APOSTROPHES and any(t.lemma_.lower() in places for t in after)):
            as_place.add(word)
    # a one-word "person" written in camel case not as names are ("SpaceX", "WeWork"; not
    # "McKinley", "DeSantis") is a company, unless a full name ends in it
    for e in ents:
        word = doc[e.start].text
        if (
            e.label == "PERSON"
            and e.end - e.start == 1
            and word.lower() not in surnames
            and _camel_company(word)
        ):
            e.label = "ORG"
    # a one-word "place" that opens the name of an organisation and is never where something is
    # ("Emirates" beside "Emirates Airline", never "in Emirates") is that organisation
    org_openers = {doc[e.start].lower_ for e in ents if e.label == "ORG" and e.end - e.start >= 2}
    for e in ents:
        word = doc[e.start].lower_
        if e.label == "GPE" and e.end - e.start == 1 and word in org_openers and word not in placed:
            e.label = "ORG"
    # label vote per text: one name, one label
    votes: dict[str, Counter[str]] = {}
    for e in ents:
        if e.label in _VOTE:
            votes.setdefault(text_of(doc, e).lower(), Counter())[e.label] += 1
    for e in ents:
        if e.label not in _VOTE:
            continue
        key = text_of(doc, e).lower()
        if e.end - e.start == 1 and key in as_place and key not in name_parts:
            e.label = "GPE"
            continue
        counts = votes[key]
        if e.label == "PERSON" and e.end - e.start >= 2 and _team_not_person(doc, e, counts, ents):
            e.label = min((lb for lb in counts if lb != "PERSON"), key=lambda lb: _PREFER.get(lb, 9))
            continue
        if e.label == "PERSON" and (e.end - e.start >= 2 or key in surnames):
            continue
        best = sorted(counts.items(), key=lambda kv: (-kv[1], _PREFER.get(kv[0], 9)))[0][0]
        if counts[best] > counts[e.label] or (e.label == "PERSON" and best in ("GPE", "LOC")):
            e.label = best


_CAMEL = re.compile(r"^([A-Z][a-z]+)[A-Z]")


def _camel_company(word: str) -> bool:
    """ "SpaceX", "WeWork", "YouTube": a capital inside the word after a beginning that names do not
    have (``lexicons/name_prefixes.txt``: "Mc", "De" …)."""
    m = _CAMEL.match(word)
    return (
        m is not None
        and word[1:].lower() != word[1:]
        and m.group(1).lower() not in lexicons.load("name_prefixes")
    )


def _team_not_person(doc: Doc, e: Ent, counts: Counter[str], ents: list[Ent]) -> bool:
    """A name of two words or more the model took for a person here and, as often elsewhere, for a
    place (a club named for its town) or a body, whose last word the text never uses alone for a
    person: a club or a firm ("sacked by Manchester United" as PERSON, "managed … Manchester
    United" as GPE); a person the text names twice is called by their surname too."""
    others = sum(n for lb, n in counts.items() if lb != "PERSON")
    if not counts["GPE"] + counts["LOC"] or counts["PERSON"] > others:
        return False  # a person the model also took for a body ("Later Paul Hart" as ORG) stays one
    last = doc[e.end - 1].lower_
    return not any(x.label == "PERSON" and x.end - x.start == 1 and doc[x.start].lower_ == last for x in ents)


def _common_word_opening(doc: Doc, e: Ent, lowered: set[str]) -> bool:
    """A one-word name that is a common noun capitalised only because it opens the sentence, as the
    tagger reads it and as the text writes it elsewhere: "Border agents say …" after "the border"."""
    if e.end - e.start != 1 or e.label not in _NAME_LABELS:
        return False
    t = doc[e.start]
    opens = t.is_sent_start or (t.i > 0 and doc[t.i - 1].is_sent_start and doc[t.i - 1].is_punct)
    if not opens or t.pos_ != "NOUN" or not t.text[:1].isupper():
        return False
    return t.lower_ in lowered


def _name_shaped(doc: Doc, e: Ent) -> bool:
    """Capitalised proper nouns, joined by hyphens inside ("Eva-Marie Persson")."""
    return all(
        (doc[i].pos_ == "PROPN" and doc[i].text[:1].isupper())
        or (doc[i].tag_ == "HYPH" and e.start < i < e.end - 1)
        for i in range(e.start, e.end)
    )


def _title_before(doc: Doc, e: Ent, people_words: frozenset[str]) -> bool:
    """A lower-case title word in compound with the name: "executive chair [Marcelo Claure]"."""
    if e.start == 0:
        return False
    t = doc[e.start - 1]
    return (
        t.is_lower and t.pos_ == "NOUN" and t.lemma_.lower() in people_words and e.start <= t.head.i < e.end
    )


def _names_person_word(doc: Doc, e: Ent, people_words: frozenset[str]) -> bool:
    """The name is set off after a word for a person: "his wife, Kimberly,", "her brother, Tal,"."""
    root = doc[e.end - 1]
    head = root.head
    return (
        root.dep_ == "appos"
        and head.i < e.start
        and head.pos_ == "NOUN"
        and (head.lemma_.lower() in people_words or head.lower_ in gender_words())
    )


def _who_follows(doc: Doc, e: Ent) -> bool:
    nxt = doc[e.end : e.end + 2]
    return len(nxt) == 2 and nxt[0].text in (",", "—", "–") and nxt[1].lower_ == "who"


def _described_as_person(doc: Doc, e: Ent, people_words: frozenset[str]) -> bool:
    """ "X, a professor at Y," — an apposition after the name, with an indefinite article, whose
    head is a word for a person."""
    head = doc[e.end - 1]
    return any(
        c.dep_ == "appos"
        and c.i > head.i
        and c.lemma_.lower() in people_words
        and any(d.dep_ == "det" and d.lower_ in ("a", "an") for d in c.children)
        for c in head.children
    )
