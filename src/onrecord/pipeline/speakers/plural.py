"""What a plural pronoun ("they", "them") may stand for besides a group or organisation that spoke:
pure look-ups over a parsed Doc, used by :class:`onrecord.pipeline.speakers.mentions.Mentions`."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

if TYPE_CHECKING:  # mentions imports this module
    from onrecord.pipeline.speakers.mentions import Who

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


def short_org_names(orgs: list[Who]) -> dict[str, Who]:
    """Organisations that speak under a short form of a longer name that also speaks: "The
    Chronicle" for "The San Francisco Chronicle", "the Foreign Ministry" for "the Russian Foreign
    Ministry". Key of the short form -> the full one, where exactly one full name fits."""
    full: dict[str, Who] = {}
    for w in orgs:
        full.setdefault(w.key, w)
    out: dict[str, Who] = {}
    for key, w in full.items():
        short = _bare(w.name)
        longer = [o for k, o in full.items() if k != key and len(_bare(o.name)) > len(short)]
        fits = [o for o in longer if (" " + _bare(o.name)).endswith(" " + short)]
        if short and len(fits) == 1:
            out[key] = fits[0]
    return out


def _bare(name: str) -> str:
    low = " ".join(name.lower().split())
    return low[4:] if low.startswith("the ") else low
