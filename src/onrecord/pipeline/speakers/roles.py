"""Split titles and appositions off names: "Russian Ambassador to Armenia Sergey Kopyrkin" -> role
"Russian Ambassador to Armenia"; "Ararat Mirzoyan, the foreign minister," -> role "foreign minister".

Pure functions over a parsed Doc and a name's token span; the title words are data
(``lexicons/titles.txt``, ``lexicons/person_nouns.txt``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Token

from onrecord.pipeline import lexicons
from onrecord.pipeline.speakers import limits

_LINK_PREPS = {"to", "of", "for", "at", "in", "on"}
_DETS = {"the", "a", "an", "his", "her", "their", "its", "our", "my"}  # dropped from a role ("his deputy")


@dataclass(slots=True)
class Role:
    """A role as a token span ``[start, end)`` and the organisation named in it, if any."""

    start: int
    end: int
    text: str
    organization: str | None = None
    gender: str | None = None


def _titles() -> frozenset[str]:
    return lexicons.load("titles") | lexicons.load("person_nouns")


def _is_title(tok: Token) -> bool:
    t = _titles()
    low = tok.lower_
    return low in t or low.rstrip(".") in t or tok.lemma_.lower() in t


def _gender(doc: Doc, start: int, end: int) -> str | None:
    genders = gender_words()
    for t in doc[start:end]:
        g = genders.get(t.lower_)
        if g:
            return g
    return None


@cache
def gender_words() -> dict[str, str]:
    """WORD -> m / f from ``lexicons/gender_words.txt``."""
    return {w: g for w, (g,) in lexicons.load_table("gender_words").items()}


def role_before(doc: Doc, name_start: int, stop: set[int] | None = None) -> Role | None:
    """The title words right before a name: "Armenian Prime Minister [Nikol Pashinyan]".

    ``stop``: token indices of other names, where the role cannot reach.
    """
    stop = stop or set()
    gender = None
    while name_start > 0 and doc[name_start - 1].lower_ in lexicons.load("honorifics"):
        gender = gender or _gender(doc, name_start - 1, name_start)
        name_start -= 1
    i = name_start - 1
    first = name_start
    while i >= 0 and name_start - i <= limits.ROLE_TOKENS:
        t = doc[i]
        if t.is_space or "\n" in t.text:
            break
        if t.lower_ in _LINK_PREPS:
            # "Ambassador to Armenia": a preposition between two title-ish words
            if first < name_start and i > 0 and _title_ish(doc[i - 1]) and doc[first].text[:1].isupper():
                i -= 1
                continue
            break
        if t.text in ("-", "–") and i > 0:
            i -= 1
            continue
        if i in stop or not _title_ish(t):
            break
        first = i
        i -= 1
    while first < name_start and (doc[first].lower_ in _LINK_PREPS or doc[first].is_punct):
        first += 1
    if first >= name_start:
        return Role(name_start, name_start, "", None, gender) if gender else None
    toks = doc[first:name_start]
    if not any(_is_title(t) or _role_compound(t, name_start) for t in toks):
        return Role(name_start, name_start, "", None, gender) if gender else None
    role = _make(doc, first, name_start)
    role.gender = role.gender or gender
    return role


def _role_compound(t: Token, name_start: int) -> bool:
    """A lower-case common noun in compound with the name it precedes: "host Tom Bergeron",
    "Wild defenseman Ryan Suter"."""
    return (
        t.pos_ == "NOUN"
        and t.is_lower
        and not t.text.endswith("ing")
        and (
            (t.dep_ in ("compound", "nmod", "amod") and t.head.i >= name_start)
            or (t.i == name_start - 1 and t.tag_ == "NN")  # parsed apart: "what host Tom Bergeron described"
        )
    )


def _title_ish(t: Token) -> bool:
    if t.pos_ in ("VERB", "AUX", "DET", "PRON", "CCONJ", "SCONJ", "PUNCT", "NUM", "PART") and not _is_title(
        t
    ):
        return False
    if t.ent_type_ in ("DATE", "TIME", "CARDINAL") and not _is_title(t):
        return False
    if _is_title(t) or t.lower_ in lexicons.load("title_modifiers"):
        return True
    if t.text[:1].isupper() and t.pos_ in ("PROPN", "ADJ", "NOUN"):
        return True
    return t.pos_ in ("NOUN", "ADJ") and t.dep_ in ("compound", "amod")


def role_apposition(doc: Doc, name_start: int, name_end: int) -> Role | None:
    """ "Ararat Mirzoyan, the foreign minister," or "the foreign minister, Ararat Mirzoyan"."""
    head = doc[name_start:name_end].root
    for c in head.children:
        if c.dep_ == "appos" and c.i >= name_end and c.pos_ in ("NOUN", "PROPN"):
            # an apposition to a person's name describes that person: "Omar Lamrani, a senior
            # military analyst at Stratfor," — any common noun will do, a proper noun only as a title
            return _appos_role(doc, c, skip=None, any_noun=c.pos_ == "NOUN" and not c.ent_type_)
    if head.dep_ == "appos" and head.head.i < name_start and head.head.pos_ in ("NOUN",):
        return _appos_role(doc, head.head, skip=head)
    return None


def _appos_role(doc: Doc, noun: Token, skip: Token | None, any_noun: bool = False) -> Role | None:
    if not (_is_title(noun) or any_noun):
        return None
    idxs = [t.i for t in noun.subtree]
    if skip is not None:
        drop = {t.i for t in skip.subtree}
        idxs = [i for i in idxs if i not in drop]
    drop_rel = {
        t.i for d in noun.subtree if d.i != noun.i and d.dep_ in ("relcl", "appos") for t in d.subtree
    }
    idxs = [i for i in idxs if i not in drop_rel]
    if not idxs:
        return None
    start, end = min(idxs), max(idxs) + 1
    while start < end and (doc[start].lower_ in _DETS or doc[start].is_punct):
        start += 1
    while end > start and doc[end - 1].is_punct:
        end -= 1
    if end <= start or end - start > limits.APPOSITION_TOKENS:
        return None
    return _make(doc, start, end)


def _make(doc: Doc, start: int, end: int) -> Role:
    span = doc[start:end]
    org = next((e.text for e in span.ents if e.label_ == "ORG"), None)
    if org is not None and org.lower().startswith("the "):
        org = org[4:]
    return Role(start, end, spelled_out(span.text), org, _gender(doc, start, end))


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


def role_copula(doc: Doc, name_start: int, name_end: int) -> Role | None:
    """ "Hege is the CEO of DH": what the name is, when that is a title or a noun for a person."""
    head = doc[name_start:name_end].root
    verb = head.head
    if head.dep_ != "nsubj" or verb.lemma_ != "be":
        return None
    attr = next((c for c in verb.children if c.dep_ == "attr" and c.pos_ in ("NOUN", "PROPN")), None)
    if attr is None or not _is_title(attr):
        return None
    return _appos_role(doc, attr, skip=None)


def find_role(doc: Doc, name_start: int, name_end: int, stop: set[int] | None = None) -> Role | None:
    """The role of the name at ``[name_start, name_end)``: a title before it, else an apposition.

    A role with empty ``text`` carries only a gender (from "Mr.", "Ms." …).
    """
    before = role_before(doc, name_start, stop)
    if before is not None and before.text:
        return before
    appos = role_apposition(doc, name_start, name_end)
    if appos is not None:
        appos.gender = appos.gender or (before.gender if before else None)
        return appos
    return before
