"""Split titles and appositions off names: "Russian Ambassador to Armenia Sergey Kopyrkin" -> role
"Russian Ambassador to Armenia"; "Ararat Mirzoyan, the foreign minister," -> role "foreign minister".

Pure functions over a parsed Doc and a name's token span; the title words are data
(``lexicons/titles.txt``, ``lexicons/person_nouns.txt``).
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from onrecord.pipeline import lexicons
from onrecord.pipeline.speakers import limits
from onrecord.pipeline.speakers.role_words import (
    Role,
    is_title,
    make_role,
    role_gender,
    word_in,
)

AGENT_NOUN = re.compile(r"(er|or|ist|ian|ant|ent|man|woman|person|ee)$")
"""The endings of a noun that may be for someone who does something ("actor", "physician",
"spokesperson"; also "letter", "statement"): a hint, never enough alone to make a role. A definite
one that speaks is somebody named before ("said the official"); "the city reasoned" is not."""
_OCCUPATION_ENDING = re.compile(r"(ist|ian)$")  # "novelist", "historian": nouns for people
_LINK_PREPS = {"to", "of", "for", "at", "in", "on"}
_DETS = {"the", "a", "an", "his", "her", "their", "its", "our", "my"}  # dropped from a role ("his deputy")


def role_before(doc: Doc, name_start: int, stop: set[int] | None = None) -> Role | None:
    """The title words right before a name: "Armenian Prime Minister [Nikol Pashinyan]".

    ``stop``: token indices of other names, where the role cannot reach.
    """
    stop = stop or set()
    gender = None
    while name_start > 0 and doc[name_start - 1].lower_ in lexicons.load("honorifics"):
        gender = gender or role_gender(doc, name_start - 1, name_start)
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
            if not t.whitespace_ and not doc[i - 1].whitespace_ and doc[i - 1].is_alpha:
                first = i - 1  # one hyphenated word: "study co-author Anezina Solomonidou"
                i -= 2
                continue
            i -= 1
            continue
        if (
            t.lower_ in ("and", ",", "&")
            and first < name_start
            and i > 0
            and _is_office(doc[i - 1])
            and any(_is_office(x) for x in doc[first:name_start])
        ):
            i -= 1  # "chairman, CEO and president Craig Menear", "WeWork founder and former CEO …"
            continue
        if i in stop or not (_title_ish(t) or _agent_before(t, name_start)):
            break
        first = i
        i -= 1
    while first < name_start and (doc[first].lower_ in _LINK_PREPS or doc[first].is_punct):
        first += 1
    if first >= name_start:
        return Role(name_start, name_start, "", None, gender) if gender else None
    toks = doc[first:name_start]
    if not any(is_title(t) or _role_compound(t, name_start) or _agent_before(t, name_start) for t in toks):
        return Role(name_start, name_start, "", None, gender) if gender else None
    role = make_role(doc, first, name_start)
    role.gender = role.gender or gender
    return role


def _is_office(t: Token) -> bool:
    """A title of ``lexicons/titles.txt`` ("chairman", "CEO"), not any word for a person ("mother")."""
    return word_in(t, lexicons.load("titles"))


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


def _occupation(t: Token) -> bool:
    """A word for a person by what they do: a title, a person noun, an occupation
    (``lexicons/occupations.txt``) or a noun in -ist / -ian."""
    low = t.lemma_.lower()
    return is_title(t) or low in lexicons.load("occupations") or bool(_OCCUPATION_ENDING.search(low))


def _agent_before(t: Token, name_start: int) -> bool:
    """A lower-case noun for a person right before the name, which the parse left apart: "after the
    novelist [Jo Walton] explained" — not the thing of a clause the name is subject of ("the lawsuit
    [Smith] filed")."""
    if t.i != name_start - 1 or t.tag_ != "NN" or not t.is_lower or t.text.endswith("ing"):
        return False
    if not _occupation(t):
        return False
    doc = t.doc
    name_head = doc[name_start].head
    while name_head.dep_ in ("compound", "flat") and name_head.head.i != name_head.i:
        name_head = name_head.head
    return name_head.head.i != t.i or name_head.dep_ not in ("nsubj", "nsubjpass")


def _title_ish(t: Token) -> bool:
    if t.pos_ in ("VERB", "AUX", "DET", "PRON", "CCONJ", "SCONJ", "PUNCT", "NUM", "PART") and not is_title(t):
        return False
    if t.ent_type_ in ("DATE", "TIME", "CARDINAL") and not is_title(t):
        return False
    if is_title(t) or t.lower_ in lexicons.load("title_modifiers"):
        return True
    if t.text[:1].isupper() and t.pos_ in ("PROPN", "ADJ", "NOUN"):
        return True
    return t.pos_ in ("NOUN", "ADJ") and t.dep_ in ("compound", "amod")


def role_apposition(doc: Doc, name_start: int, name_end: int) -> Role | None:
    """ "Ararat Mirzoyan, the foreign minister," or "the foreign minister, Ararat Mirzoyan", else a
    relative clause that says what the person is or does: "Jack Scarola, who represents …"."""
    head = doc[name_start:name_end].root
    for c in head.children:
        if c.dep_ == "appos" and c.i >= name_end and c.pos_ in ("NOUN", "PROPN"):
            # an apposition to a person's name describes that person: "Omar Lamrani, a senior
            # military analyst at Stratfor," — any common noun will do, a proper noun only as a title;
            # a party and state in brackets ("Brian Babin (R-TX), ranking member of …") is passed over
            titled = c.left_edge.i > name_end and is_title(doc[c.left_edge.i])  # ", President Ascom USA,"
            role = _appos_role(doc, c, skip=None, any_noun=(c.pos_ == "NOUN" and not c.ent_type_) or titled)
            if role is not None:
                return role
        if c.i >= name_end and _one_of(c):  # "Beth Meacham, one of his editors at Tor,"
            return _weak(_appos_role(doc, c, skip=None, any_noun=True))
        if c.dep_ == "conj" and c.i >= name_end and _set_off(doc, c):
            # an apposition parsed as a conjunct: "Patrick Nielsen Hayden, Teresa's husband and Tor's
            # editor in chief, said"
            return _weak(_appos_role(doc, c, skip=None, any_noun=True))
    described = head.head
    if (
        head.dep_ == "appos"
        and described.i < name_start
        and (
            described.pos_ == "NOUN"
            or (described.pos_ == "PROPN" and not described.ent_type_ and is_title(described))
        )
    ):
        # "the mayor, Anna Petrosyan", "his aunt, Jane Starner", "The Prime Minister, Boris Johnson,":
        # a description before the name
        role = _appos_role(doc, described, skip=head, any_noun=described.tag_ == "NN")
        return role if role is None or is_title(described) else _weak(role)
    before = _described_before(doc, name_start, name_end)
    if before is not None:
        return before
    return _weak(role_relative(doc, head, name_end))


def _described_before(doc: Doc, name_start: int, name_end: int) -> Role | None:
    """A description set off before the name that the parse did not join to it: "according to his
    aunt, Jane Starner, “…”" (the name parsed as a phrase of its own). Only a word for a person
    ("aunt", "mayor", "spokeswoman"), and only where a comma closes the name too."""
    if name_start < 2 or doc[name_start - 1].text != "," or name_end >= len(doc) or doc[name_end].text != ",":
        return None
    noun = doc[name_start - 2]
    if noun.pos_ != "NOUN" or noun.tag_ != "NN" or not is_title(noun):
        return None
    role = _appos_role(doc, noun, skip=doc[name_start:name_end].root)
    return _weak(role) if role is not None and role.end <= name_start - 1 else None


def _weak(role: Role | None) -> Role | None:
    if role is not None:
        role.weak = True
    return role


def _one_of(t: Token) -> bool:
    return (
        t.lower_ == "one"
        and t.dep_ in ("appos", "conj")
        and any(c.dep_ == "prep" and c.lower_ == "of" for c in t.children)
    )


def _set_off(doc: Doc, t: Token) -> bool:
    """A singular common noun phrase between commas right after a name: ", Teresa's husband and …,"."""
    left, right = t.left_edge.i, max(x.i for x in t.subtree) + 1
    return (
        t.tag_ == "NN"
        and left > 0
        and doc[left - 1].text == ","
        and right < len(doc)
        and doc[right].text == ","
        and not any(x.dep_ == "cc" for x in t.head.children if x.i < t.i)
    )


def role_relative(doc: Doc, head: Token, name_end: int) -> Role | None:
    """ ", who is the chief executive", ", who was then serving as the President's physician", ",
    who represents some of the accusers" (a verb of ``lexicons/role_verbs.txt``)."""
    for verb in head.children:
        if verb.dep_ != "relcl" or verb.i < name_end or doc[name_end].text != ",":
            continue
        first = min(t.i for t in verb.subtree)
        if doc[first].lower_ != "who":
            continue
        lemma = verb.lemma_.lower()
        if lemma == "be":
            attr = next((c for c in verb.children if c.dep_ == "attr" and c.pos_ == "NOUN"), None)
            return _appos_role(doc, attr, skip=None) if attr is not None else None
        if lemma == "serve":
            prep = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"), None)
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
            return _appos_role(doc, obj, skip=None, any_noun=True) if obj is not None else None
        if lemma in lexicons.load("role_verbs") and verb.tag_ != "VBD":  # "who also managed Porto": once
            end = max(t.i for t in verb.subtree) + 1
            while end > verb.i + 1 and doc[end - 1].is_punct:
                end -= 1
            if end - verb.i <= limits.APPOSITION_TOKENS:
                return make_role(doc, verb.i, end)
    return None


def _appos_role(doc: Doc, noun: Token, skip: Token | None, any_noun: bool = False) -> Role | None:
    """The words of ``noun``'s phrase that run unbroken around it, less ``skip``'s phrase and any
    clause or apposition set off by a comma ("the mayor[, Anna Petrosyan,]", "president of Chapter &
    Verse[, a Spokane agency,]"); "the man who kidnapped the child" keeps its clause."""
    if not (is_title(noun) or any_noun):
        return None
    keep = {t.i for t in noun.subtree}
    if skip is not None:
        keep -= {t.i for t in skip.subtree}
    clauses: set[int] = set()  # restrictive relative clauses: "the man who kidnapped the child"
    for d in noun.subtree:
        left = d.left_edge.i
        if d.i != noun.i and d.dep_ in ("relcl", "appos") and left > 0 and doc[left - 1].text in (",", "("):
            keep -= {t.i for t in d.subtree}
        elif d.i != noun.i and d.dep_ == "relcl":
            clauses |= {t.i for t in d.subtree}
    if (
        keep - clauses
        and len([i for i in keep - clauses if not doc[i].is_punct and doc[i].lower_ not in _DETS]) > 1
    ):
        keep -= clauses  # "professor at Miami [who has studied …]": the clause is more than the role
    start = end = noun.i
    while start - 1 in keep:
        start -= 1
    while end + 1 in keep:
        end += 1
    end += 1
    while start < end and (
        doc[start].lower_ in _DETS
        or doc[start].is_punct
        or doc[start].is_space
        or doc[start].pos_ in ("SCONJ", "ADP", "CCONJ")
    ):
        start += 1
    while end > start and (
        doc[end - 1].is_punct
        or doc[end - 1].is_space
        or doc[end - 1].pos_ in ("CCONJ", "ADP", "DET")
        or doc[end - 1].lower_ in _LINK_PREPS
    ):
        end -= 1
    if end <= start or end - start > limits.APPOSITION_TOKENS:
        return None
    return make_role(doc, start, end)


def role_copula(doc: Doc, name_start: int, name_end: int) -> Role | None:
    """ "Hege is the CEO of DH": what the name is, when that is a title or a noun for a person."""
    head = doc[name_start:name_end].root
    verb = head.head
    if head.dep_ != "nsubj" or verb.lemma_ != "be":
        return None
    attr = next((c for c in verb.children if c.dep_ == "attr" and c.pos_ in ("NOUN", "PROPN")), None)
    if attr is None or not (is_title(attr) or (attr.tag_ == "NN" and _occupation(attr))):
        return None
    return _weak(_appos_role(doc, attr, skip=None, any_noun=True))


def _office(doc: Doc, role: Role) -> bool:
    """A role that names an office: its head is a title ("chairman of …"), or it says of, at or for
    which body ("ranking member of the House Science Committee", "member of the full committee") —
    not "the most quoted guest of the week"."""
    span = doc[role.start : role.end]
    root = span.root
    if _is_office(root) or root.lemma_.lower() in lexicons.load("occupations"):
        return True
    for prep in root.children:
        if prep.dep_ == "prep" and prep.lower_ in ("of", "at", "for"):
            for obj in prep.children:
                if obj.dep_ == "pobj" and (
                    obj.lemma_.lower() in lexicons.load("org_nouns")
                    or any(t.pos_ == "PROPN" or t.ent_type_ == "ORG" for t in obj.subtree)
                ):
                    return True
    return False


def _shared_title(doc: Doc, name_start: int, stop: set[int]) -> Role | None:
    """A plural title before the first of several names is each one's: "Singer-guitarists Tom
    Johnston and [Patrick Simmons]" -> "Singer-guitarist" (a singular title is the first's only)."""
    i = name_start - 1
    for _ in range(limits.SHARED_TITLE_NAMES):
        if i < 1 or doc[i].lower_ not in ("and", ",") or i - 1 not in stop:
            return None
        i -= 1
        while i - 1 in stop:
            i -= 1  # the start of the name before
        role = role_before(doc, i, stop - set(range(i, name_start)))
        if role is not None and role.text and doc[role.end - 1].tag_ in ("NNS", "NNPS"):
            return role
        i -= 1
    return None


def find_role(doc: Doc, name_start: int, name_end: int, stop: set[int] | None = None) -> Role | None:
    """The role of the name at ``[name_start, name_end)``: a title before it and an apposition (or
    relative clause) after it, both where both are given ("Representative, ranking member of …").

    A role with empty ``text`` carries only a gender (from "Mr.", "Ms." …).
    """
    before = role_before(doc, name_start, stop) or _shared_title(doc, name_start, stop or set())
    appos = role_apposition(doc, name_start, name_end)
    if appos is None:
        return before
    if before is None or not before.text:
        appos.gender = appos.gender or (before.gender if before else None)
        return appos
    if appos.start < before.end and before.start < appos.end:
        # one phrase read both ways: "CNN's chief medical correspondent [Dr. Sanjay Gupta]"
        longer = appos if appos.end - appos.start > before.end - before.start else before
        longer.gender = longer.gender or before.gender
        return longer
    if not _office(doc, appos):
        return before  # "Ambassador Gordon Sondland, the most anticipated witness": the title says it
    before.text = f"{before.text}, {appos.text}"
    before.organization = before.organization or appos.organization
    before.gender = before.gender or appos.gender
    return before
