"""What kind of source an attribution has: ``named``, ``anonymous``, ``vague`` or ``none``, from the
source span, the parse and the resolved speaker (:func:`classify_source`)."""

from __future__ import annotations

import re
from functools import cache

from spacy.tokens import Doc, Span, Token

from onrecord.pipeline import lexicons
from onrecord.pipeline.quotes.cues import impersonal_passive, relative_antecedent
from onrecord.pipeline.quotes.marks import OPENING_MARKS
from onrecord.pipeline.types import Offsets, RawSpeaker, doc_text

_NAMED_PRONOUNS = {"i", "me", "we", "us", "you", "he", "him", "she", "her"}


_GROUP_PRONOUNS = {"they", "them"}


_THING_PRONOUNS = {"it"}


_NAMED_ENTS = {"PERSON", "ORG", "GPE", "FAC", "WORK_OF_ART", "PRODUCT", "LAW", "EVENT"}


_OPENERS = frozenset(OPENING_MARKS) | {":", "(", "—", "–", "-", "\n"}  # a capital after these starts a phrase


@cache
def _word_regex(name: str) -> re.Pattern[str]:
    phrases = sorted(lexicons.load(name), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(p) for p in phrases) + r")(?!\w)")


def norm_text(text: str) -> str:
    return text.lower().replace("’", "'").replace("‘", "'")


def classify_source(
    doc: Doc,
    source: Offsets | None,
    *,
    speaker: RawSpeaker | None = None,
    cue: Offsets | None = None,
) -> str:
    """``named`` / ``anonymous`` / ``vague`` / ``none`` for one attribution's source span."""
    if source is None:
        if speaker is None:  # "it is believed that …", "X is said to …": vague; else none at all
            return "vague" if cue is not None and impersonal_passive(doc, cue) else "none"
        return {"anonymous": "anonymous", "group": "vague", "unknown": "vague"}.get(speaker.type, "named")
    span = doc.char_span(source[0], source[1], alignment_mode="expand")
    text = norm_text(doc_text(doc)[source[0] : source[1]])
    if span is None or not len(span):
        return "named" if speaker is not None and speaker.type in ("person", "organization") else "vague"
    if _word_regex("anonymous_sources").search(text):
        return "anonymous"
    if speaker is not None and speaker.type == "anonymous":
        return "anonymous"  # "Morrison's lawyer", "a spokesperson who did not wish to be named"
    head = _head(span)
    ante = relative_antecedent(head)  # "Trump, who said …": the antecedent
    if ante is not None:
        if head.lower_ == "who" and ante.tag_ == "NN" and _is_indefinite(ante):
            return "anonymous"  # "an architect who said …": one unnamed person
        return classify_source(doc, np_offsets(ante), speaker=speaker, cue=cue)
    lemma = head.lemma_.lower()
    if lemma in lexicons.load("anonymous_heads") or head.lower_ in lexicons.load("anonymous_heads"):
        return "anonymous"
    if head.tag_ in ("NN",) and lemma in lexicons.load("anonymous_singular_heads") and _is_indefinite(head):
        return "anonymous"
    if _word_regex("vague_sources").search(text):
        return "vague"
    if head.pos_ == "PRON" or head.lower_ in _NAMED_PRONOUNS | _GROUP_PRONOUNS | _THING_PRONOUNS:
        return _pronoun(head, speaker)
    if speaker is not None and speaker.type in ("person", "organization") and head.tag_ != "NNS":
        return "named"
    if head.ent_type_ == "NORP" or (head.tag_ == "NNPS" and head.ent_type_ not in ("ORG", "GPE")):
        return "vague"  # "Republicans", "Democrats": a whole group
    if head.text[:1].isupper() and head.tag_ != "NNS" and head.text in _proper_words(doc):
        return "named"  # "Wines believes …" with "Sharon Wines" named earlier
    if head.pos_ == "PROPN" or head.ent_type_ in _NAMED_ENTS:
        return "named"
    has_named = any(t.ent_type_ in ("PERSON", "ORG") for t in span)
    if cue is not None and not has_named and lemma in lexicons.load("discourse_nouns"):
        cue_tok = doc.char_span(cue[0], cue[1], alignment_mode="expand")
        if (
            cue_tok is not None
            and len(cue_tok)
            and cue_tok[0].lemma_.lower() in lexicons.load("inference_cues")
        ):
            return "none"  # "This distinction suggests …": the author's own reading
    if head.tag_ == "NNS" or (lemma in lexicons.load("vague_heads") and head.tag_ != "NN"):
        named_as = speaker is not None and speaker.type in ("person", "organization")
        if (
            _is_definite(head)
            and lemma not in lexicons.load("vague_heads")
            and (named_as or lemma not in _people_nouns())
        ):
            return "named"  # "the two countries", "the doctors" of a group named before
        return "vague"  # "the US lawyers", "his doctors", "President Trump's advisers": no one named
    if _is_indefinite(head):
        return "named" if has_named else "vague"
    return "named"  # a definite or possessed role: "the president", "his spokesman", "the report"


def _head(span: Span) -> Token:
    return span.root


def np_offsets(tok: Token) -> Offsets:
    """The noun phrase of ``tok``: its subtree, cut before a relative clause or apposition after it."""
    left = min(t.idx for t in tok.subtree if t.i <= tok.i)
    right = tok.idx + len(tok)
    for c in tok.rights:
        if c.dep_ in ("relcl", "appos", "punct", "acl", "cc", "conj"):
            break
        right = c.right_edge.idx + len(c.right_edge)
    return left, right


@cache
def _people_nouns() -> frozenset[str]:
    return lexicons.person_words() | lexicons.load("occupations")


@cache
def _unnamed_number() -> frozenset[str]:
    return lexicons.load("indefinites") | lexicons.load("quantifiers")


def _is_indefinite(tok: Token) -> bool:
    words = _unnamed_number()
    return any(c.dep_ in ("det", "amod", "nummod", "quantmod") and c.lower_ in words for c in tok.children)


def _is_definite(tok: Token) -> bool:
    return any(
        (c.dep_ == "det" and c.lower_ in ("the", "these", "those", "this", "that")) or c.dep_ == "poss"
        for c in tok.children
    )


_PROPER_WORDS: list[tuple[Doc, frozenset[str]]] = []  # the last Doc's (every attribution asks)


def _proper_words(doc: Doc) -> frozenset[str]:
    """Capitalised words of PERSON / ORG names, and words capitalised in mid-sentence (names the tagger missed)."""
    if _PROPER_WORDS and _PROPER_WORDS[0][0] is doc:
        return _PROPER_WORDS[0][1]
    names: set[str] = set()
    for e in doc.ents:
        if e.label_ in ("PERSON", "ORG"):
            names.update(t.text for t in e if t.text[:1].isupper())
    for t in doc:
        mid = t.text[:1].isupper() and not t.is_sent_start and t.i > 0 and doc[t.i - 1].text not in _OPENERS
        if mid and t.pos_ in ("PROPN", "NOUN") and not t.is_stop:
            names.add(t.text)
    found = frozenset(names)
    _PROPER_WORDS[:] = [(doc, found)]
    return found


def _pronoun(head: Token, speaker: RawSpeaker | None) -> str:
    if speaker is not None:
        if speaker.type in ("person", "organization"):
            return "named"
        if speaker.type == "anonymous":
            return "anonymous"
        if speaker.type == "group":
            return "vague"  # "Those in favor of punishment", "Some"
    if head.lower_ in _GROUP_PRONOUNS:
        return "vague"
    return "named"
