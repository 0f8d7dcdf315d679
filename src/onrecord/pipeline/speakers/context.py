"""Where a speaker is found when the source span does not name one: pure functions over a parsed Doc.

- :func:`cue_subject`: the grammatical subject of the cue's verb, before or after it ("…, added
  KCNA"; "As Heald told The Huffington Post, …");
- :func:`dash_name`: a name after a dash that closes a quotation ("“…” — Matthew Ingram");
- :func:`words_of`: "in the words of X, “…”" and "according to X, “…”" before a quotation;
- :func:`pronoun_genders`: each person's gender from the article's own evidence — the he/she
  pronouns of the sentences where that person is the only one named;
- whose "I" is it outside quotation marks: :mod:`.narrator`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from functools import cache

from spacy.tokens import Doc, Span, Token

from onrecord.pipeline import lexicons
from onrecord.pipeline.quotes.marks import CLOSING_MARKS
from onrecord.pipeline.speakers import limits
from onrecord.pipeline.speakers.apposed import with_apposed_name
from onrecord.pipeline.types import Offsets, Quote, doc_text

_SUBJECTS = ("nsubj", "nsubjpass", "csubj")
_DASH = re.compile(r"^[.,!?…]?[" + re.escape(CLOSING_MARKS) + r"]?[ \t]*[—–-]{1,2}[ \t]*(?=[A-Z])")
_NOT_SUBJECT_POS = {"NUM", "X", "PUNCT", "SYM"}


def cue_subject(doc: Doc, cue: Offsets) -> Span | None:
    """The subject of the verb the cue belongs to, as a span (its noun phrase, no clauses)."""
    span = doc.char_span(cue[0], cue[1], alignment_mode="expand")
    if span is None or not len(span):
        return None
    verb = span.root
    for _ in range(3):
        subjects = [c for c in verb.children if c.dep_ in _SUBJECTS]
        # a footnote mark the parse made a second subject is not one: "[39] Hume argues"
        subj = next(
            (c for c in subjects if c.pos_ not in _NOT_SUBJECT_POS), subjects[0] if subjects else None
        )
        if subj is not None:
            return noun_phrase(doc, subj, keep_appos=True)
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        if agent is not None:  # "was quoted by the agency as saying"
            obj = next((c for c in agent.children if c.dep_ == "pobj"), None)
            if obj is not None:
                return noun_phrase(doc, obj)
        inverted = _inverted_subject(doc, verb)
        if inverted is not None:
            return noun_phrase(doc, inverted, keep_appos=True)
        if (
            verb.dep_ == "acl"
            and verb.tag_ in ("VBD", "VBZ")
            and verb.head.i < verb.i
            and verb.head.pos_ in ("NOUN", "PROPN")
        ):
            # a finite verb parsed as the modifier of the noun before it, past a long clause: "The
            # company, which is expected to …, confirmed on Monday that …"
            return noun_phrase(doc, verb.head, keep_appos=True)
        if verb.dep_ in ("xcomp", "conj", "advcl") and verb.head.i != verb.i:
            verb = verb.head  # "went on to say", "said and added"
            continue
        break
    return None


def _inverted_subject(doc: Doc, verb: Token) -> Token | None:
    """ "“…”, added KCNA." / "“…,” said the minister.": after a closing quotation the small model
    parses the subject as the verb's object (or the verb as the noun's modifier)."""
    before = doc[verb.i - 1] if verb.i > 0 else None
    if before is None or not (before.is_punct or before.is_quote):
        return None
    if verb.dep_ in ("amod", "acl") and verb.head.i > verb.i and verb.head.pos_ in ("PROPN", "NOUN"):
        return verb.head
    return next(
        (
            c
            for c in verb.rights
            if c.dep_ in ("dobj", "npadvmod", "attr", "dative") and c.pos_ in ("PROPN", "NOUN")
        ),
        None,
    )


def patient_cue(doc: Doc, cue: Offsets, patient_verbs: frozenset[str]) -> tuple[bool, Span | None]:
    """(is the cue's subject the one asked / accused rather than the speaker, the "by X" agent).

    "When asked whether …, the diplomat suggested" (a participle with no subject of its own),
    "was urged by Y" (a passive), "Pike accused of lying" (accuse with no object)."""
    span = doc.char_span(cue[0], cue[1], alignment_mode="expand")
    if span is None or not len(span):
        return False, None
    verb = span.root
    if verb.lemma_.lower() not in patient_verbs:
        return False, None
    deps = {c.dep_ for c in verb.children}
    passive = "auxpass" in deps or (
        verb.tag_ == "VBN" and "aux" not in deps and not deps & {"nsubj", "nsubjpass"} and verb.dep_ != "ROOT"
    )
    if (
        not passive
        and verb.lemma_.lower() in lexicons.load("cue_verbs_accusing")
        and not deps & {"dobj", "dative"}
    ):
        passive = True
    if not passive:
        return False, None
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    obj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
    return True, noun_phrase(doc, obj, keep_appos=True) if obj is not None else None


def noun_phrase(doc: Doc, head: Token, *, keep_appos: bool = False) -> Span:
    """The head's phrase without relative clauses, appositions (unless ``keep_appos``) or
    punctuation at its ends."""
    deps = ("relcl", "acl", "punct") if keep_appos else ("relcl", "acl", "appos", "punct")
    drop = {t.i for c in head.children if c.dep_ in deps for t in c.subtree}
    idx = [t.i for t in head.subtree if t.i not in drop] or [head.i]
    lo, hi = min(idx), max(idx) + 1
    return doc[lo:hi]


def trailing_subject(doc: Doc, end: int, speech_verbs: frozenset[str]) -> Span | None:
    """ "“…,” Khaled Al-Maeena, editor at large at the Saudi Gazette, said.": the subject of the speech
    verb that follows a quotation ending at ``end`` in its sentence, before or after the verb."""
    if doc_text(doc)[:end].rstrip(CLOSING_MARKS + " ").endswith("."):
        return None  # "“… our land.” Some analysts said …": the quotation ended its sentence
    text = doc_text(doc)
    # a content that ends with its own closing mark ("“…,” he told …" tagged with the marks)
    at = end + 1 if text[end : end + 1] == " " and text[end - 1 : end] in CLOSING_MARKS else end
    after = doc.char_span(at, min(at + 1, len(text)), alignment_mode="expand")
    if after is None or not len(after):
        return None
    i = after.start
    while i < len(doc) and (doc[i].is_punct or doc[i].is_quote) and doc[i].idx < end + 3:
        if doc[i].text in (".", ";", ":") and doc[i].idx >= end:
            return None  # the sentence ends with the quotation
        i += 1
    if i >= len(doc) or (i == after.start and doc[i].idx > end + 2) or doc[i].is_space:
        return None
    sent_end = doc[i].sent.end
    for t in doc[i : min(sent_end, i + limits.TRAILING_TOKENS)]:
        if t.is_quote:
            return None
        if t.pos_ == "VERB" and t.lemma_.lower() in speech_verbs:
            subj = next((c for c in t.children if c.dep_ in _SUBJECTS and c.i >= i), None)
            if subj is None:
                subj = _inverted_subject(doc, t)
            # the speaker clause follows the quotation directly: "…,” X said" / "…,” said X" — not
            # "… as “patently false,” and analysts told …"
            if subj is None or not (t.i == i or subj.left_edge.i == i):
                return None
            return noun_phrase(doc, subj, keep_appos=True)
    return None


def words_of(doc: Doc, start: int) -> Span | None:
    """ "in the words of the Crown prosecutor, Mark Tedeschi, QC, “…”" / "according to X, “…”": the
    phrase that introduces a quotation opening at ``start``, in the same sentence."""
    span = doc.char_span(max(0, start - 1), start, alignment_mode="expand")
    if span is None or not len(span):
        return None
    first = span.start
    lo = max(doc[first].sent.start, first - limits.WORDS_OF_TOKENS)
    for t in reversed(doc[lo:first]):
        if (t.lower_ == "of" and t.head.lower_ == "words") or (
            t.lower_ == "to" and t.head.lower_ == "according"
        ):
            obj = next((c for c in t.children if c.dep_ == "pobj"), None)
            return with_apposed_name(doc, noun_phrase(doc, obj, keep_appos=True)) if obj is not None else None
    return None


@cache
def _name_words() -> re.Pattern[str]:
    """Capitalised words, and the particles between them (``name_particles.txt``), from the start."""
    particles = "|".join(re.escape(p) for p in lexicons.load_list("name_particles"))
    return re.compile(r"([A-Z][\w.’'-]*(?:[ \t]+(?:[A-Z][\w.’'-]*|" + particles + r"))*)")


def dash_name(text: str, end: int) -> Offsets | None:
    """Offsets of "Matthew Ingram" in "“…” — Matthew Ingram" right after a quotation ending at ``end``."""
    tail = text[end : end + limits.DASH_CHARS]
    m = _DASH.match(tail)
    if m is None:
        return None
    rest = tail[m.end() :]
    words = _name_words().match(rest)
    if words is None:
        return None
    lo = end + m.end()
    return (lo, lo + len(words.group(1).rstrip(".")))


SUBJ_DEPS = ("nsubj", "nsubjpass")  # the subjects of a clause a person may be


def pronoun_genders(
    doc: Doc, person_at: dict[int, str], in_quote: Callable[[int], bool], gender_of: dict[str, str]
) -> dict[str, str]:
    """Gender per person key, from the pronouns in the sentences where they are the only person named
    (outside quotation marks) and the gendered nouns the text describes them with (``gender_of``:
    word -> m / f). Two to one or better."""
    votes: dict[str, Counter[str]] = {}
    sents = list(doc.sents)
    names = [_persons_in(s, person_at, in_quote) for s in sents]
    for k, s in enumerate(sents):
        if len(names[k]) != 1:
            continue
        (key,) = names[k]
        # the words of the person's own noun phrase: "Bea Lund, one of his editors," is not "his"
        own: set[int] = set()
        for t in s:
            if person_at.get(t.i) == key and person_at.get(t.head.i) != key:
                for ch in t.children:
                    if ch.dep_ in ("appos", "relcl", "acl"):
                        own.update(d.i for d in ch.subtree)
                if t.dep_ == "appos":  # "one of his editors, Bea Lund"
                    own.update(d.i for d in t.head.subtree)
        # the verbs the person is the subject of: their object is someone else ("Lund found him")
        verbs = {t.head.i for t in s if person_at.get(t.i) == key and t.dep_ in SUBJ_DEPS}
        # only pronouns in those verbs' clauses: "“…,” he guessed, and Rachel kissed him" is not Rachel's "he"
        reach = {d.i for v in verbs for d in doc[v].subtree}
        here: Counter[str] = Counter()
        for t in s:
            low = t.lower_
            obj_of = t.head.head.i if t.head.dep_ in ("prep", "agent") else t.head.i
            if (
                in_quote(t.idx)
                or t.i in own
                or (verbs and t.i not in reach)
                or (low in ("him", "her") and t.dep_ != "poss" and obj_of in verbs)
            ):
                continue
            if low in ("he", "his", "himself"):
                here["m"] += 1
            elif low in ("she", "her", "hers", "herself"):
                here["f"] += 1
        # only where the person is a subject ("Omar said she …"), not an owner or object ("the call
        # to Omar's office, in which he said …"), and no pronoun of the other gender is there
        subject = any(
            person_at.get(t.i) == key
            and (t.dep_ in SUBJ_DEPS or (t.dep_ == "compound" and t.head.dep_ in SUBJ_DEPS))
            for t in s
        )
        if subject and len(here) == 1:
            votes.setdefault(key, Counter()).update(here)
    # "Omar is one of the first two Muslim women elected", "Jane Roe, a mother of three,": the
    # article's own words for the person
    for t in doc:
        who = person_at.get(t.i)
        if who is None or in_quote(t.idx) or (t.i + 1 < len(doc) and person_at.get(t.i + 1) == who):
            continue  # the last word of the name only
        for noun in _described_as(t):
            g = gender_of.get(noun.lower_)
            if g:
                votes.setdefault(who, Counter())[g] += 2
    out = {}
    for key, c in votes.items():
        m, f = c["m"], c["f"]
        if m >= 2 * f and m > 0:
            out[key] = "m"
        elif f >= 2 * m and f > 0:
            out[key] = "f"
    return out


def _described_as(name: Token) -> list[Token]:
    """Nouns the text uses for the person whose name ends at ``name``: an apposition, or what the
    name is ("X is a mother", "X is one of the women")."""
    out = [c for c in name.children if c.dep_ == "appos"]
    head = name.head
    if name.dep_ == "nsubj" and head.lemma_ == "be":
        for c in head.children:
            if c.dep_ == "attr":
                out.append(c)
                out.extend(
                    p for prep in c.children if prep.dep_ == "prep" for p in prep.children if p.dep_ == "pobj"
                )
    return out


def _persons_in(s: Span, person_at: dict[int, str], in_quote: Callable[[int], bool]) -> set[str]:
    return {person_at[t.i] for t in s if t.i in person_at and not in_quote(t.idx)}


def pull_quote_paragraphs(text: str, quotes: list[Quote]) -> list[Offsets]:
    """Paragraphs that hold a pull quote: a quotation of six or more words whose words come again
    later in the article (the body copy). The earlier one is the pull quote, set off from the
    running text; the people it names are not the ones the sentences around it are about."""

    def key(q: Quote) -> str:
        return " ".join(text[q.inner[0] : q.inner[1]].lower().strip(" ,.;:!?…").split())

    keys = [key(q) for q in quotes]
    last = {k: i for i, k in enumerate(keys) if len(k.split()) >= limits.PULL_QUOTE_WORDS}
    out: list[Offsets] = []
    for i, (q, k) in enumerate(zip(quotes, keys, strict=True)):
        if len(k.split()) >= limits.PULL_QUOTE_WORDS and last[k] > i:
            lo = text.rfind("\n", 0, q.start) + 1
            hi = text.find("\n", q.end)
            out.append((lo, len(text) if hi < 0 else hi))
    return out
