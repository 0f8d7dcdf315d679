"""Cue lexicons and small parse helpers shared by the attribution rules.

Everything here is a pure function over spaCy tokens plus the lexicon data files in
``lexicons/`` (cue verbs by the kind of complement they take, cue phrases, cue nouns).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Span, Token

from onrecord.pipeline import lexicons
from onrecord.pipeline.types import Offsets

SUBJ = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass"})
RELATIVES = frozenset({"who", "which", "that", "whom"})
_TRIM_CHARS = ",;:—–-"


@dataclass(frozen=True, slots=True)
class CueLexicon:
    """The cue word lists, loaded once."""

    verbs: frozenset[str]
    object_verbs: frozenset[str]
    intent_verbs: frozenset[str]
    framing_verbs: frozenset[str]
    nouns: frozenset[str]
    phrases: tuple[tuple[str, ...], ...]
    hearsay_words: frozenset[str]


@cache
def cue_lexicon() -> CueLexicon:
    obj = lexicons.load("cue_verbs_object")
    intent = lexicons.load("cue_verbs_intent")
    framing = lexicons.load("cue_verbs_framing")
    phrases = tuple(
        tuple(p.lower().split()) for p in lexicons.load_list("cue_phrases") if p.lower() != "according to"
    )
    one_word = frozenset(h for h in lexicons.load("hearsay") if " " not in h)  # "reportedly"
    hearsay = one_word | lexicons.load("hearsay_adverbs")
    return CueLexicon(
        verbs=lexicons.speech_verbs() | obj | intent | framing,
        object_verbs=obj,
        intent_verbs=intent,
        framing_verbs=framing,
        nouns=lexicons.load("cue_nouns"),
        phrases=tuple(sorted(set(phrases), key=len, reverse=True)),
        hearsay_words=hearsay,
    )


def lemma(tok: Token) -> str:
    return tok.lemma_.lower()


def trim(text: str, start: int, end: int) -> Offsets:
    """Shrink a character range to exclude surrounding spaces and dangling punctuation."""
    while start < end and (text[start].isspace() or text[start] in _TRIM_CHARS):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in _TRIM_CHARS):
        end -= 1
    return start, end


def tok_range(doc: Doc, first: int, last: int, text: str) -> Offsets:
    """Character offsets of tokens ``first..last`` inclusive, trimmed (``text`` is ``doc.text``, passed
    in because ``Doc.text`` is rebuilt from the tokens on every access)."""
    if last < first:
        return (doc[first].idx, doc[first].idx)
    return trim(text, doc[first].idx, doc[last].idx + len(doc[last]))


def subtree_range(tok: Token, *, skip: set[int] | None = None) -> tuple[int, int]:
    """First and last token index of ``tok``'s subtree (optionally without some children's subtrees).

    From the parse's edges (``left_edge``/``right_edge``, kept by spaCy), never by walking the
    subtree: a walk costs the subtree's size, and on a sentence thousands of tokens long (a run of
    quotation marks the parser reads as one sentence) every cue would walk all of it. The
    subtree is the token and its children's subtrees, so without ``skip`` children its range is
    the token's edges, and with them the edges of the children kept.
    """
    if not skip:
        return tok.left_edge.i, tok.right_edge.i
    first = last = tok.i
    for c in tok.children:
        if c.i not in skip:
            first = min(first, c.left_edge.i)
            last = max(last, c.right_edge.i)
    return first, last


def find_subject(verb: Token) -> Token | None:
    """The subject of ``verb``, looking up through xcomp / conj / participle chains."""
    cur: Token | None = verb
    for _ in range(4):
        if cur is None:
            return None
        subj = next((c for c in cur.children if c.dep_ in SUBJ), None)
        if subj is not None:
            return subj
        if cur.dep_ in ("xcomp", "conj", "acomp") or (cur.dep_ == "advcl" and cur.tag_ == "VBG"):
            if _reporting_participle(cur):
                cur = cur.head.head  # "X said Y had concluded Z, saying …": X says it, not Y
                continue
            cur = cur.head if cur.head.i != cur.i else None
            continue
        if cur.dep_ == "acl" and cur.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return cur.head  # "officials speaking on condition of anonymity said"
        return None
    return None


def _reporting_participle(tok: Token) -> bool:
    """A participle of speaking after a comma that the parse hangs on the clause someone reports
    ("Pompeo said Washington had concluded …, saying he trusted …"): it goes with the speech verb
    that reports that clause, as a reader takes it."""
    head = tok.head
    return (
        tok.dep_ == "advcl"
        and tok.tag_ == "VBG"
        and lemma(tok) in lexicons.load("cue_verbs")
        and tok.i > 0
        and tok.doc[tok.i - 1].text == ","
        and head.dep_ == "ccomp"
        and head.head.i < head.i
        and lemma(head.head) in lexicons.load("cue_verbs")
        and any(c.dep_ in SUBJ for c in head.head.children)
    )


def agent_of(verb: Token) -> Token | None:
    """The ``by``-agent of a passive verb: "it was confirmed by the ministry"."""
    for c in verb.children:
        if c.dep_ == "agent":
            return next((g for g in c.children if g.dep_ == "pobj"), None)
    return None


def impersonal_passive(doc: Doc, cue: Offsets) -> bool:
    """Whether the cue is a passive that names no source: "which is thought to harbor …",
    "X is said to be …", "it is believed that …" (a verb of ``cue_verbs_impersonal``, passive,
    no "by X", with a "to" infinitive or the expletive "it"). Its subject is what is reported on."""
    span = doc.char_span(cue[0], cue[1], alignment_mode="expand")
    if span is None or not len(span):
        return False
    verb = span.root
    if verb.tag_ != "VBN" or lemma(verb) not in lexicons.load("cue_verbs_impersonal"):
        return False
    kids = list(verb.children)
    deps = {c.dep_ for c in kids}
    if "auxpass" not in deps or "agent" in deps:
        return False
    if any(c.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children) for c in kids):
        return True
    return any(c.dep_ == "nsubjpass" and c.lower_ == "it" for c in kids) and "ccomp" in deps


def np_range(tok: Token) -> tuple[int, int]:
    """A noun phrase without its relative clauses or trailing clauses after a comma."""
    skip = {c.i for c in tok.children if c.dep_ in ("relcl", "acl") and c.i > tok.i}
    first, last = subtree_range(tok, skip=skip)
    # cut at a comma followed by a clause-like apposition? keep appositions (roles live there)
    return first, last


def relative_antecedent(tok: Token) -> Token | None:
    """What a relative pronoun stands for: "Trump" in "Trump, who said …", the copula's subject in
    "Kaine is a former lawyer who …"; None for any other token."""
    if tok.lower_ not in RELATIVES or tok.head.dep_ != "relcl" or tok.head.head.i == tok.i:
        return None
    ante = tok.head.head
    if ante.dep_ == "attr":
        ante = next((c for c in ante.head.children if c.dep_ == "nsubj"), ante)
    return ante


def source_range(subj: Token) -> tuple[int, int] | None:
    """Token range of the source for a subject token (antecedent for relative pronouns)."""
    if subj.lower_ in RELATIVES and subj.head.dep_ == "relcl":
        ante = subj.head.head
        return np_range(ante)
    if subj.dep_ == "expl" or subj.lower_ in ("there",):
        return None
    return subtree_range(subj)


def is_hearsay(verb: Token, lex: CueLexicon) -> bool:
    """'X has reportedly stressed', 'X is said to', 'according to reports'."""
    for c in verb.children:
        if c.lower_ in lex.hearsay_words:
            return True
    head = verb.head
    return verb.dep_ == "xcomp" and head.lemma_ == "say" and any(c.dep_ == "auxpass" for c in head.children)


def sentence_of(doc: Doc, i: int) -> Span:
    return doc[i].sent


def clause_range(c: Token) -> tuple[int, int]:
    """A clause's subtree without a trailing ", a move that ..." apposition."""
    doc = c.doc
    skip = set()
    kids = [k for k in c.children if k.i > c.i]
    if kids:
        k = kids[-1]
        if (
            k.dep_ in ("npadvmod", "appos", "dep")
            and k.pos_ in ("NOUN", "PROPN")
            and any(g.dep_ == "relcl" for g in k.children)
            and any(t.text == "," for t in doc[max(c.i, k.left_edge.i - 2) : k.left_edge.i])
        ):
            skip.add(k.i)
    return subtree_range(c, skip=skip)


def np_content(np: Token) -> tuple[int, int]:
    """A noun phrase without a relative clause set off by a comma."""
    doc = np.doc
    skip = {
        c.i for c in np.children if c.dep_ == "relcl" and c.i > np.i and doc[c.left_edge.i - 1].text == ","
    }
    return subtree_range(np, skip=skip)


def outside_of(v: Token) -> list[tuple[int, int]]:
    """The head clause of ``v`` minus ``v``'s own subtree: one or two token ranges of 2+ words."""
    h_first, h_last = subtree_range(v.head)
    v_first, v_last = subtree_range(v)
    out = []
    if v_first - 1 >= h_first:
        out.append((h_first, v_first - 1))
    if h_last >= v_last + 1:
        out.append((v_last + 1, h_last))
    return [r for r in out if words(v.doc, r) >= 2]


def words(doc: Doc, r: tuple[int, int]) -> int:
    """Number of word tokens in the inclusive token range ``r``."""
    return sum(1 for t in doc[r[0] : r[1] + 1] if not t.is_punct and not t.is_space)
