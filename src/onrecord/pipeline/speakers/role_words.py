"""The words of a role: the :class:`Role` record, which words are titles or nouns for people,
the gender a role's own words give, and abbreviated titles spelled out. Used by
:mod:`onrecord.pipeline.speakers.roles`; data in ``lexicons/titles.txt``, ``person_nouns.txt``,
``occupations.txt``, ``title_abbreviations.txt`` and ``gender_words.txt``."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Span, Token

from onrecord.pipeline import lexicons


@dataclass(slots=True)
class Role:
    """A role as a token span ``[start, end)`` and the organisation named in it, if any."""

    start: int
    end: int
    text: str
    organization: str | None = None
    gender: str | None = None
    weak: bool = False  # read from a clause, a conjunct or "is a …": a title or apposition elsewhere wins


@cache
def titles() -> frozenset[str]:
    return (
        lexicons.load("titles")
        | lexicons.load("person_nouns")
        | lexicons.load("occupations")
        | frozenset(_abbreviations())
    )


def word_in(tok: Token, words: frozenset[str]) -> bool:
    """``tok`` as written, without its final period, or as its lemma, is one of ``words``."""
    low = tok.lower_
    return low in words or low.rstrip(".") in words or tok.lemma_.lower() in words or singular(tok) in words


def singular(tok: Token) -> str:
    """A plural noun's singular, lower case ("Senators", which the model leaves as its own lemma
    when it tags it a proper noun, -> "senator"); any other word as it is."""
    lem = tok.lemma_.lower()
    if tok.tag_ in ("NNS", "NNPS") and lem == tok.lower_ and lem.endswith("s") and not lem.endswith("ss"):
        return lem[:-1]
    return lem


def is_title(tok: Token) -> bool:
    return word_in(tok, titles())


def role_gender(doc: Doc, start: int, end: int) -> str | None:
    """The gender a role's own words give ("spokeswoman", "his wife"); a pronoun in it is someone
    else's ("one of his editors")."""
    genders = gender_words()
    for t in doc[start:end]:
        if t.pos_ == "PRON" or t.dep_ == "poss":
            continue
        g = genders.get(t.lower_)
        if g:
            return g
    return None


@cache
def gender_words() -> dict[str, str]:
    """WORD -> m / f from ``lexicons/gender_words.txt``."""
    return {w: g for w, (g,) in lexicons.load_table("gender_words").items()}


def _body_after_title(span: Span) -> str | None:
    """ "President [Ascom North America]": the proper nouns that follow a title to its end, when the
    model tagged no organisation there."""
    i = 0
    while i < len(span) and is_title(span[i]):
        i += 1
    rest = span[i:]
    if i > 0 and len(rest) >= 1 and all(t.pos_ == "PROPN" and not is_title(t) for t in rest):
        return rest.text
    return None


def make_role(doc: Doc, start: int, end: int) -> Role:
    span = doc[start:end]
    if any(t.like_url or "\n" in t.text for t in span):
        # a link or a line break is no part of a role: "https://t.co/… ⏎⏎— Cooper Lund (@…)"
        return Role(start, end, "", None, None)
    org = next((e.text for e in span.ents if e.label_ == "ORG" and not all(is_title(t) for t in e)), None)
    if org is not None and org.lower().startswith("the "):
        org = org[4:]
    if org is not None:
        org = next((org[: -len(a)] for a in ("’s", "'s") if org.endswith(a)), org)
    if org is None:
        org = _body_after_title(span)
    text = span.text
    last = span[-1]
    one = singular(last)
    if last.tag_ in ("NNS", "NNPS") and span.root.i == last.i and one and one != last.lower_:
        # one person's role of a title shared by several: "Singer-guitarists Tom Johnston and …"
        text = doc[start : end - 1].text_with_ws + (
            one[:1].upper() + one[1:] if last.text[:1].isupper() else one
        )
    return Role(start, end, spelled_out(text), org, role_gender(doc, start, end))


@cache
def _abbreviations() -> dict[str, str]:
    return {w: full for w, (full,) in lexicons.load_table("title_abbreviations").items()}


def spelled_out(role: str) -> str:
    """ "Republican Gov." -> "Republican Governor", "Sen." -> "Senator": abbreviated titles in full."""
    words = role.split(" ")
    table = _abbreviations()
    out = []
    for w in words:
        full = table.get(w.lower())
        out.append(full.capitalize() if full and w[:1].isupper() else full or w)
    return " ".join(out)
