"""The role and organisation of a source the article does not name, read from its own words: "a
senior official at the Treasury" is a senior official of the Treasury, "Obama administration
officials" officials of the Obama administration, "New York's chief medical examiner" New York's
chief medical examiner. A pure function over a parsed source phrase."""

from __future__ import annotations

from collections.abc import Container

from spacy.tokens import Span, Token

_MODIFIERS = ("amod", "compound", "nmod")
_ORG_PREPS = frozenset({"at", "for", "of", "with", "from", "in", "to"})  # "an adviser to", "close to"
_NOT_BODIES = frozenset({"PERSON", "NORP"})  # entity labels of proper nouns that name no body


def unnamed_role(span: Span, people: Container[int] = ()) -> tuple[str | None, str | None]:
    """(role, organisation) of an unnamed source phrase; None for what the phrase does not give.
    ``people``: the tokens of the Doc that name a person (beside the model's PERSON entities)."""
    root = span.root
    if root.pos_ != "NOUN":
        return None, None
    doc = span.doc
    role, org = [root], _flat_body(root)
    for c in sorted((c for c in root.lefts if c.dep_ in _MODIFIERS), key=lambda c: -c.i):
        if org is not None and c.dep_ == "compound":
            continue
        if org is None and _named(c, people):
            org = _text(doc[c.left_edge.i : c.right_edge.i + 1])  # "[Obama administration] officials"
        elif c.dep_ == "amod" or org is None:
            role[:0] = [t for t in c.subtree if not t.is_punct]  # "senior [Treasury] officials"
    if org is None:
        org = _owner(root, people) or _after(root, people)
    words = [
        t.lower_ if t.is_sent_start and t.pos_ == "NOUN" else t.text for t in role
    ]  # "[Sources] close to …"
    return " ".join(words), org


def _flat_body(root: Token) -> str | None:
    """ "[Obama administration] officials" parsed flat: proper-noun compounds then common-noun ones
    right before the head are a body's name, whoever the proper noun is."""
    i = root.i - 1
    while i >= 0 and root.doc[i].dep_ == "compound" and root.doc[i].head.i == root.i:
        i -= 1
    block = root.doc[i + 1 : root.i]
    kinds = ["PROPN" if _proper(t) else t.pos_ for t in block]
    if "PROPN" in kinds and kinds[-1] == "NOUN" and kinds.index("NOUN") > kinds.index("PROPN"):
        return block[kinds.index("PROPN") :].text
    return None


def _named(t: Token, people: Container[int]) -> bool:
    """A modifier that names a body: a proper noun that is no person's name ("Treasury"), or a
    common noun a proper noun qualifies ("Obama administration", "Kremlin sources")."""
    if _proper(t):  # not a nationality either: "Armenian officials"
        return t.ent_type_ not in _NOT_BODIES and t.i not in people
    return any(_proper(x) for x in t.subtree)


def _proper(t: Token) -> bool:
    """A proper noun, or a word the model took for a common one but names an entity ("Trump")."""
    return t.pos_ == "PROPN" or (bool(t.ent_type_) and t.text[:1].isupper())


def _owner(root: Token, people: Container[int]) -> str | None:
    """ "[New York]'s chief medical examiner": a named owner that is no person."""
    poss = next((c for c in root.children if c.dep_ == "poss"), None)
    if poss is None or not _named(poss, people):
        return None
    words = [t for t in poss.subtree if t.tag_ != "POS"]
    return _text(root.doc[words[0].i : words[-1].i + 1]) if words else None


def _after(root: Token, people: Container[int]) -> str | None:
    """ "a spokesperson for [the World Bank]", "sources close to [the Kremlin]": a named body
    after a preposition."""
    preps = [*root.rights, *(p for c in root.rights if c.dep_ == "amod" for p in c.rights)]  # "close to"
    for prep in preps:
        if prep.dep_ != "prep" or prep.lower_ not in _ORG_PREPS:
            continue
        obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if obj is not None and _named(obj, people):
            return _text(root.doc[obj.left_edge.i : obj.right_edge.i + 1])
    return None


def _text(span: Span) -> str:
    words = span.text.split()
    return " ".join(words[1:] if len(words) > 1 and words[0].lower() == "the" else words)
