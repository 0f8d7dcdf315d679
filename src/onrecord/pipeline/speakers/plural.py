"""What a plural pronoun ("they", "them") may stand for besides a group or organisation that spoke:
pure look-ups over a parsed Doc, used by :class:`onrecord.pipeline.speakers.mentions.Mentions`."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Span, Token

_ARGUMENT_DEPS = {"nsubj", "nsubjpass", "dobj", "appos"}
"""Where a noun stands that a later "they" may be about."""


def joint_subject_before(doc: Doc, tok: Token, lo: int, in_quote: Callable[[int], bool]) -> Span | None:
    """The latest subject between token ``lo`` and ``tok``, outside quotations, that joins a person
    (by name or as "he"/"she") and others with "and" ("Gov. Eric Holcomb and leaders of the
    Legislature have avoided …", "he and his wife Kali explained"):
    what a "they" in the sentences after it stands for."""
    for i in range(tok.i - 1, lo - 1, -1):
        t = doc[i]
        person = t.ent_type_ == "PERSON" or t.lower_ in ("he", "she")  # "he and his wife Kali explained"
        if t.dep_ not in ("nsubj", "nsubjpass") or not person or in_quote(t.idx):
            continue
        conj = next((c for c in t.children if c.dep_ == "conj"), None)
        if conj is not None and any(c.dep_ == "cc" and c.lower_ == "and" for c in t.children):
            return doc[t.left_edge.i : conj.right_edge.i + 1]
    return None


def plural_people_before(
    doc: Doc, tok: Token, lo: int, in_quote: Callable[[int], bool], words: frozenset[str]
) -> Span | None:
    """The latest plural noun for people (its lemma in ``words``: "researchers", "the striking
    teachers") between token ``lo`` and ``tok``, outside quotations, as a subject, object or
    apposition."""
    for i in range(tok.i - 1, lo - 1, -1):
        t = doc[i]
        if t.tag_ != "NNS" or t.lemma_.lower() not in words or in_quote(t.idx):
            continue
        if t.dep_ not in _ARGUMENT_DEPS or t.head.i == tok.i:
            continue  # "a network of physicians": not what the next sentence is about
        return doc[t.left_edge.i : t.i + 1]
    return None
