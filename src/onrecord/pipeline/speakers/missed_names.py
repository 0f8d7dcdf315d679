"""Person names the small model missed or cut, found by general rules (used by
:func:`onrecord.pipeline.speakers.entities.correct_entities`).

- a surname of a person named in full that the model did not tag ("… Waters said");
- a first name left outside the entity ("… Refugee Council [Enver] Solomon");
- a capitalised name described as a person that the model did not tag at all ("Eswar Prasad, a
  trade professor at Cornell, said", "Jeff Sanborn, president of Chapter & Verse, said").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from onrecord.pipeline import lexicons

if TYPE_CHECKING:
    from onrecord.pipeline.speakers.ent_spans import Ent

_MAX_NAME_TOKENS = 4


_PRONOUN_SURNAMES = {"He"}  # Chinese surnames the model reads as a pronoun at a sentence start


def surname_index(doc: Doc, start: int, end: int) -> int:
    """The token index of the surname of the name at ``[start, end)``: its last word, less a
    generational suffix ("James P. Kennedy Jr." -> "Kennedy")."""
    suffixes = lexicons.load("name_suffixes")
    i = end - 1
    while i > start and (doc[i].lower_ in suffixes or doc[i].text == ","):
        i -= 1
    return i


def surname_words(name: str) -> list[str]:
    """The lower-cased words of a full name without a generational suffix at its end."""
    words = name.lower().replace(",", " ").split()
    suffixes = lexicons.load("name_suffixes")
    while len(words) > 1 and words[-1] in suffixes:
        words.pop()
    return words


def add_missed_surnames(doc: Doc, ents: list[Ent], make: type[Ent], lowered: set[str]) -> list[Ent]:
    """A proper noun that is the surname of a person named in full, but that the model missed
    (``lowered``: the words the text writes in lower case)."""
    surnames = {
        doc[surname_index(doc, e.start, e.end)].text
        for e in ents
        if e.label == "PERSON" and e.end - e.start >= 2
    }
    covered = {i for e in ents for i in range(e.start, e.end)}
    for t in doc:
        # a proper noun, or a capitalised word the tagger took for a common noun mid-sentence
        # ("“…,” Petrides said") or for the bare subject of a sentence it opens ("Scissors, who
        # consults …, said"; not a word the text also uses in lower case)
        if (
            t.i not in covered
            and t.text in surnames
            and (
                t.pos_ == "PROPN"
                or (t.pos_ in ("NOUN", "ADJ") and not t.is_sent_start and t.text[:1].isupper())
                or (
                    t.pos_ == "NOUN"
                    and t.dep_ in ("nsubj", "nsubjpass", "poss")  # "Schiff’s assertion that …"
                    and t.lower_ not in lowered
                    and not any(c.dep_ in ("det", "amod", "compound", "poss") for c in t.children)
                )
            )
        ):
            nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
            if nxt is not None and nxt.pos_ == "PROPN":
                continue
            ents.append(make(t.i, t.i + 1, "PERSON"))
    return ents


def add_missed_first_names(doc: Doc, ents: list[Ent], titles: frozenset[str]) -> None:
    """A one-word person with a capitalised proper noun right before it that no entity holds:
    "… Refugee Council [Enver] Solomon" (the model took "the Refugee Council" and "Solomon"),
    "”[He] Jianxiong, the former …" (the surname read as a pronoun)."""
    covered = {i for e in ents for i in range(e.start, e.end)}
    for e in ents:
        if e.label != "PERSON" or e.end - e.start != 1 or e.start == 0:
            continue
        t = doc[e.start - 1]
        if (
            t.i not in covered
            and (t.pos_ == "PROPN" or t.text in _PRONOUN_SURNAMES)
            and t.text[:1].isupper()
            and t.text.isalpha()
            and t.lower_ not in titles
            and t.lower_.rstrip(".") not in lexicons.load("honorifics")
            # a sentence's first word only where it is a surname spelt like a pronoun ("He Jianxiong")
            and (
                not t.is_sent_start
                or (t.text in _PRONOUN_SURNAMES and t.dep_ == "compound" and t.head.i == e.start)
            )
        ):
            e.start -= 1
            covered.add(t.i)


def add_described_names(doc: Doc, ents: list[Ent], make: type[Ent]) -> list[Ent]:
    """Two to four capitalised proper nouns that no entity holds, followed by ", who" or by an
    apposition whose head is a word for a person or a title: a person the model missed."""
    people_words = lexicons.person_words()
    covered = {i for e in ents for i in range(e.start, e.end)}
    i = 0
    while i < len(doc):
        if i in covered or not _name_word(doc[i]):
            i += 1
            continue
        end = i
        while end < len(doc) and end not in covered and _name_word(doc[end]):
            end += 1
        if 2 <= end - i <= _MAX_NAME_TOKENS and _described(doc, i, end, people_words):
            ents.append(make(i, end, "PERSON"))
            covered.update(range(i, end))
        i = end
    return ents


def _name_word(t: Token) -> bool:
    return t.pos_ == "PROPN" and t.text[:1].isupper() and t.text.replace(".", "").isalpha()


def _described(doc: Doc, start: int, end: int, people_words: frozenset[str]) -> bool:
    head = doc[start:end].root
    if head.i != end - 1:
        return False
    nxt = doc[end : end + 2]
    if len(nxt) == 2 and nxt[0].text == "," and nxt[1].lower_ == "who":
        return True
    return any(
        c.dep_ == "appos" and c.i > head.i and c.pos_ == "NOUN" and c.lemma_.lower() in people_words
        for c in head.children
    )
