"""Names the model took for places or organisations that the text treats as people.

The small English model tags unfamiliar first names and figures of fiction as places ("Veronique",
"Santa" as GPE); a place or a body is then never the antecedent of "she" or "he", and the quotes of
the person go unresolved. A one-word name the text never puts after a place preposition ("in X",
"from X") is a person when the text gives it what only people have: a family ("Santa's first
wife"), an act only a person does ("Veronique laughed"), or a "he"/"she" that takes it up as the
subject of the very next sentence, no one else being named in its own or the one before.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from onrecord.pipeline import lexicons
from onrecord.pipeline.speakers.context import SUBJ_DEPS
from onrecord.pipeline.speakers.ent_spans import Ent

_RELABEL = ("GPE", "LOC", "ORG", "NORP", "FAC")


def acting_people(doc: Doc, ents: list[Ent], place_preps: frozenset[str]) -> set[str]:
    """The lower-case one-word names of ``ents`` (not PERSON) that the text treats as people; a
    name the text writes after one of ``place_preps`` ("in X", not "in X's village") is none."""
    kin, animate = lexicons.load("kin_nouns"), lexicons.load("animate_verbs")
    placed = {
        t.lower_
        for t in doc
        if t.i > 0
        and doc[t.i - 1].lower_ in place_preps
        and not (t.i + 1 < len(doc) and (doc[t.i + 1].tag_ == "POS" or doc[t.i + 1].pos_ == "PROPN"))
    }  # "in Santa's village", "believed in Santa Claus": the place (if any) is another name
    persons = {i for e in ents if e.label == "PERSON" for i in range(e.start, e.end)}
    out: set[str] = set()
    for e in ents:
        if e.label not in _RELABEL or e.end - e.start != 1:
            continue
        tok = doc[e.start]
        word = tok.lower_
        if word in out or word in placed or tok.is_upper or not tok.text[:1].isupper():
            continue
        if (
            (tok.dep_ == "poss" and tok.head.lemma_.lower() in kin)
            or (tok.dep_ in SUBJ_DEPS and tok.head.lemma_.lower() in animate)
            or _taken_up_by_pronoun(doc, tok, persons)
        ):
            out.add(word)
    return out


def _taken_up_by_pronoun(doc: Doc, tok: Token, persons: set[int]) -> bool:
    """``tok`` is the subject of its sentence's main verb, neither that sentence nor the one before
    names a person, and the next sentence opens with "he" or "she" as its subject."""
    sent = tok.sent
    if tok.dep_ not in SUBJ_DEPS or tok.head.i != sent.root.i or sent.end >= len(doc):
        return False
    before = doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
    if any(i in persons for i in range(before, sent.end)):
        return False  # "Putin spoke. Russia will not accept it. He said …": he is Putin
    nxt = doc[sent.end].sent
    first = next((t for t in nxt if not (t.is_punct or t.is_space)), None)
    return first is not None and first.lower_ in ("he", "she") and first.dep_ in SUBJ_DEPS
