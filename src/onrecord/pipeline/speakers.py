"""Resolve attribution sources to canonical speakers (component ``onrecord_speakers``).

Runs after the rule layer and the learned tagger, over whatever ``doc._.attributions`` holds, and
may be run again after attributions change (it recomputes everything from the source spans).

- corrected entities (:mod:`onrecord.pipeline.entities`) go to ``doc._.entities``; persons are
  clustered by full name, so "Kopyrkin" is "Sergey Kopyrkin";
- a person's role comes from a title before any mention of the name or an apposition
  (:mod:`onrecord.pipeline.roles`);
- pronoun sources ("he said") go to the most salient earlier person: nearest sentence first, then
  subjects before other mentions, with gender agreement where the gender is known; "they" / "it"
  to the most recent group or organisation; "I" and "we" inside a quotation to the quotation's
  speaker; "who" / "which" / "that" to the antecedent of the relative clause; a pronoun that stays
  unresolved ("you", a "he" with no one before it) gets no speaker rather than one named "he";
- "the ambassador" goes to the person whose role has that title; "the ministry" to the organisation
  named earlier whose name ends in that noun;
- organisations, groups ("some analysts") and anonymous sources ("sources close to …") get one
  record per distinct phrase;
- a quote with no cue gets the speaker of the quote just before it when nothing else intervenes
  (a paragraph that is only a quote, right after a paragraph quoting someone).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from onrecord.pipeline import lexicons
from onrecord.pipeline.cues import RELATIVES, relative_antecedent
from onrecord.pipeline.entities import Ent, correct_entities, text_of, to_raw
from onrecord.pipeline.roles import find_role
from onrecord.pipeline.types import Offsets, Quote, RawAttribution, RawSpeaker, doc_text

_DETS = {"the", "a", "an", "this", "that", "these", "those"}
_INDEFINITE = {"a", "an", "one", "another", "some", "any"}
_PLURAL_WORDS = {"some", "many", "several", "most", "few", "all", "both", "various", "numerous"}
_SUBJECT_RELATIVES = RELATIVES - {"whom"}  # relative pronouns that can be a subject
_FIRST_PERSON = {"i", "we", "me", "us"}
_SPEECH_NOUNS = {
    "interview",
    "comment",
    "remark",
    "statement",
    "word",
    "speech",
    "letter",
    "tweet",
    "post",
    "testimony",
    "account",
    "claim",
    "assurance",
    "view",
    "argument",
    "announcement",
}


@dataclass(slots=True)
class _Person:
    name: str
    role: str | None = None
    organization: str | None = None
    gender: str | None = None
    mentions: list[Offsets] = field(default_factory=list)
    positions: list[tuple[int, bool, bool]] = field(default_factory=list)  # (token, is_subject, in_quote)


@dataclass(slots=True)
class _Who:
    key: str
    name: str
    type: str


class SpeakerResolver:
    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        self.pronouns = _pronoun_table()
        self.person_nouns = lexicons.load("person_nouns") | lexicons.load("titles")
        self.org_nouns = lexicons.load("org_nouns")
        self.doc_nouns = lexicons.load("document_nouns")
        self.anonymous_heads = lexicons.load("anonymous_heads")
        self.anonymous = tuple(sorted(lexicons.load("anonymous_sources"), key=len, reverse=True))

    def __call__(self, doc: Doc) -> Doc:
        quotes: list[Quote] = doc._.quotes or []
        ents = correct_entities(doc, quotes)
        doc._.entities = to_raw(doc, ents)
        attributions: list[RawAttribution] = doc._.attributions or []
        _Resolution(self, doc, ents, quotes).run(attributions)
        return doc


def _pronoun_table() -> dict[str, tuple[str, str]]:
    out = {}
    for line in lexicons.load("pronouns"):
        parts = line.split()
        if len(parts) == 3:
            out[parts[0]] = (parts[1], parts[2])
    return out


class _Resolution:
    def __init__(self, owner: SpeakerResolver, doc: Doc, ents: list[Ent], quotes: list[Quote]) -> None:
        self.o = owner
        self.doc = doc
        self.text = doc_text(doc)
        self.ents = ents
        self.quote_ranges = sorted((q.inner[0], q.inner[1]) for q in quotes)
        self.sent_starts = [s.start for s in doc.sents]
        self.person_tok: dict[int, str] = {}
        self.people = self._people()
        self.orgs = [e for e in ents if e.label == "ORG"]
        self.ent_at = {i: e for e in ents for i in range(e.start, e.end)}
        self.ent_starts = [doc[e.start].idx for e in ents]
        self.others: dict[str, RawSpeaker] = {}
        self.recent_groups: list[tuple[int, str]] = []  # (token, key) of group / organisation speakers

    # -- persons in the article -------------------------------------------------------------------
    def _people(self) -> dict[str, _Person]:
        doc = self.doc
        people: dict[str, _Person] = {}
        stop = {i for e in self.ents if e.label == "PERSON" for i in range(e.start, e.end)}
        for e in self.ents:
            if e.label != "PERSON" or not e.canonical:
                continue
            key = e.canonical.lower()
            p = people.setdefault(key, _Person(name=e.canonical))
            span = doc[e.start : e.end]
            p.mentions.append((span.start_char, span.end_char))
            root = span.root
            p.positions.append(
                (
                    e.start,
                    root.dep_ in ("nsubj", "nsubjpass") or root.head.dep_ in ("nsubj",),
                    self._in_quote(span.start_char),
                )
            )
            for i in range(e.start, e.end):
                self.person_tok[i] = key
            role = find_role(doc, e.start, e.end, stop - set(range(e.start, e.end)))
            if role is not None:
                p.gender = p.gender or role.gender
                if role.text and p.role is None:
                    p.role = role.text
                    p.organization = role.organization
                if role.text and role.end == e.start:
                    p.mentions.append((doc[role.start].idx, span.end_char))
        return people

    def _in_quote(self, char: int) -> bool:
        i = bisect.bisect_right(self.quote_ranges, (char, 10**12)) - 1
        while i >= 0:
            lo, hi = self.quote_ranges[i]
            if lo <= char < hi:
                return True
            if hi < char - 5000:
                break
            i -= 1
        return False

    def _sent_index(self, tok_i: int) -> int:
        return bisect.bisect_right(self.sent_starts, tok_i) - 1

    # -- main -------------------------------------------------------------------------------------
    def run(self, attributions: list[RawAttribution]) -> None:
        doc = self.doc
        order = sorted(attributions, key=lambda a: _anchor(a))
        who_of: dict[int, _Who | None] = {}
        prev: RawAttribution | None = None
        used_mentions: dict[str, list[Offsets]] = {}
        for a in order:
            who: _Who | None = None
            if a.source is not None:
                span = doc.char_span(a.source[0], a.source[1], alignment_mode="expand")
                if span is not None and len(span):
                    who = self._resolve(span)
            elif (
                a.cue is None
                and prev is not None
                and who_of.get(id(prev)) is not None
                and self._continues(prev, a)
            ):
                who = who_of[id(prev)]
            who_of[id(a)] = who
            if who is not None:
                if a.source is not None:
                    used_mentions.setdefault(who.key, []).append(a.source)
                if who.type in ("organization", "group", "anonymous"):
                    self.recent_groups.append((_tok_at(doc, _anchor(a)), who.key))
            prev = a
        # "I" and "we" inside a quotation are its speaker: "“I told them no,” Smith said"
        for a in order:
            if who_of.get(id(a)) is not None or a.source is None or not self._first_person(a.source):
                continue
            quoted_by = next(
                (
                    who_of[id(b)]
                    for b in order
                    if b is not a
                    and who_of.get(id(b)) is not None
                    and any(lo <= a.source[0] < hi for lo, hi in b.content)
                ),
                None,
            )
            if quoted_by is not None:
                who_of[id(a)] = quoted_by
                used_mentions.setdefault(quoted_by.key, []).append(a.source)
        # records, numbered in order of first attribution
        ids: dict[str, str] = {}
        speakers: list[RawSpeaker] = []
        for a in order:
            who = who_of.get(id(a))
            if who is None:
                a.speaker_id = None
                continue
            if who.key not in ids:
                ids[who.key] = f"S{len(ids) + 1}"
                speakers.append(self._record(who, ids[who.key], used_mentions.get(who.key, [])))
            a.speaker_id = ids[who.key]
        doc._.speakers = speakers

    def _record(self, who: _Who, sid: str, sources: list[Offsets]) -> RawSpeaker:
        p = self.people.get(who.key) if who.type == "person" else None
        mentions = set(sources)
        if p is not None:
            mentions.update(p.mentions)
            return RawSpeaker(sid, p.name, p.role, p.organization, "person", sorted(mentions))
        return RawSpeaker(sid, who.name, None, None, who.type, sorted(mentions))

    def _continues(self, prev: RawAttribution, a: RawAttribution) -> bool:
        """A cue-less quote right after a quote by someone, with no other name in between."""
        if not prev.content or not a.content:
            return False
        gap_lo = max(x[1] for x in [*prev.content, *(y for y in (prev.source, prev.cue) if y)])
        gap_hi = a.content[0][0]
        if gap_hi < gap_lo or gap_hi - gap_lo > 600:
            return False
        gap = self.text[gap_lo:gap_hi]
        if gap.count("\n") > 2:
            return False
        for k in range(
            bisect.bisect_left(self.ent_starts, gap_lo), bisect.bisect_left(self.ent_starts, gap_hi)
        ):
            e = self.ents[k]
            if e.label in ("PERSON", "ORG") and not self._in_quote(self.ent_starts[k]):
                return False
        # the quote's own paragraph holds nothing but the quote (and punctuation)
        para_lo = self.text.rfind("\n", 0, a.content[0][0]) + 1
        para_hi = self.text.find("\n", a.content[-1][1])
        para_hi = len(self.text) if para_hi < 0 else para_hi
        outside = self.text[para_lo : a.content[0][0]] + self.text[a.content[-1][1] : para_hi]
        if "\n" not in gap:
            return prev.kind in ("direct", "mixed")  # "“A,” X said. “B.”"
        return len(outside.split()) <= 2  # a paragraph that is only the quote

    def _first_person(self, source: Offsets) -> bool:
        return self.text[source[0] : source[1]].strip().lower() in _FIRST_PERSON

    # -- one source -------------------------------------------------------------------------------
    def _resolve(self, span: Span) -> _Who | None:
        doc = self.doc
        root = span.root
        # a person named in the source
        keys = [self.person_tok[t.i] for t in span if t.i in self.person_tok]
        if keys:
            key = self._person_for(span, root, keys)
            if key is not None:
                return _Who(key, self.people[key].name, "person")
        low = root.lower_
        # a relative pronoun speaks for its antecedent: "Trump, who said …"
        ante = relative_antecedent(root) if low in _SUBJECT_RELATIVES else None
        if ante is not None:
            if ante.pos_ in ("NOUN", "PROPN", "PRON") and ante.lower_ not in _SUBJECT_RELATIVES:
                return self._resolve(doc[ante.left_edge.i : ante.i + 1])
            return None
        # pronouns
        if root.pos_ == "PRON" or low in self.o.pronouns:
            return self._pronoun(root)
        lem = root.lemma_.lower()
        text = _phrase(span, self.text)
        text_low = text.lower()
        full_low = " ".join(span.text.lower().split())
        if lem in self.o.anonymous_heads or any(_has_phrase(full_low, a) for a in self.o.anonymous):
            return _Who("anon:" + text_low, text, "anonymous")
        ent = self.ent_at.get(root.i)
        if ent is not None and ent.label in ("ORG", "GPE", "FAC"):
            name = text_of(doc, ent)
            return _Who("org:" + name.lower(), name, "organization")
        if ent is not None and ent.label == "NORP":
            return _Who("grp:" + text_low, text, "group")
        if root.pos_ == "PROPN" and root.text[:1].isupper():
            return (
                _Who("per:" + text_low, text, "person")
                if self._proper_person(span)
                else _Who("org:" + text_low, text, "organization")
            )
        if lem in self.o.org_nouns:
            org = self._definite_org(root)
            if org is not None:
                return org
            return _Who("org:" + _strip_det(text_low), text, "organization")
        if lem in self.o.person_nouns:
            plural = root.tag_ in ("NNS", "NNPS") or any(c.lower_ in _PLURAL_WORDS for c in root.children)
            if plural:
                return _Who("grp:" + text_low, text, "group")
            if any(c.dep_ == "det" and c.lower_ in _INDEFINITE for c in root.children):
                return _Who("anon:" + text_low, text, "anonymous")
            person = self._by_title(root)
            if person is not None:
                return _Who(person, self.people[person].name, "person")
            return _Who("per:" + _strip_det(text_low), text, "person")
        if lem in _SPEECH_NOUNS:
            owner = next((c for c in root.children if c.dep_ == "poss"), None)
            if owner is not None:
                sub = doc[owner.left_edge.i : owner.i + 1]
                return self._resolve(sub)
            person = self._by_title(root)
            if person is not None:
                return _Who(person, self.people[person].name, "person")
        if lem in self.o.doc_nouns or root.pos_ != "NOUN":
            return _Who("unk:" + text_low, text, "unknown")
        return None  # an abstract thing ("This distinction suggests …") is nobody's voice

    def _person_for(self, span: Span, root: Token, keys: list[str]) -> str | None:
        if root.i in self.person_tok:
            return self.person_tok[root.i]
        lem = root.lemma_.lower()
        # "the foreign minister, Ararat Mirzoyan" / "Russian Ambassador … Kopyrkin": the name is the speaker
        if lem in self.o.person_nouns or lem in _SPEECH_NOUNS or root.pos_ == "PROPN":
            if lem in self.o.person_nouns and any(
                c.dep_ == "poss" and c.i in self.person_tok for c in root.children
            ):
                return None  # "Smith's lawyer" is not Smith
            return keys[0]
        return None

    def _proper_person(self, span: Span) -> bool:
        """A capitalised name the model did not label: a person unless it looks like an organisation."""
        words = [t for t in span if t.pos_ == "PROPN"]
        if not words:
            return False
        return not any(t.lemma_.lower() in self.o.org_nouns for t in words)

    def _pronoun(self, tok: Token) -> _Who | None:
        low = tok.lower_
        gender, number = self.o.pronouns.get(low, ("x", "x"))
        if low in ("he", "she", "him", "her"):
            key = self._antecedent(tok, gender)
            if key is not None:
                p = self.people[key]
                p.gender = p.gender or gender
                return _Who(key, p.name, "person")
        elif low in ("they", "them", "it"):
            si = self._sent_index(tok.i)
            for t_i, key in reversed(self.recent_groups):
                if t_i < tok.i and si - self._sent_index(t_i) <= 3:
                    sp = self.others.get(key)
                    name = sp.name if sp else key.split(":", 1)[-1]
                    kind = (
                        "organization"
                        if key.startswith("org:")
                        else "group"
                        if key.startswith("grp:")
                        else "anonymous"
                    )
                    if low == "it" and kind != "organization":
                        continue
                    return _Who(key, name, kind)
            org = self._recent_org(tok, within=2) if low == "it" or number == "pl" else None
            if org is not None:
                return org
        return None  # "you", "I" outside a quote, a "he" with no one before it: left unresolved

    def _antecedent(self, tok: Token, gender: str) -> str | None:
        si = self._sent_index(tok.i)
        in_q = self._in_quote(tok.idx)
        best: tuple[int, int, int, int] | None = None
        best_key = None
        for key, p in self.people.items():
            if p.gender and gender in ("m", "f") and p.gender != gender:
                continue
            for pos, subj, quoted in p.positions:
                if pos >= tok.i:
                    continue
                dist = si - self._sent_index(pos)
                if dist > 6:
                    continue
                score = (dist, int(quoted and not in_q), 0 if subj else 1, -pos)
                if best is None or score < best:
                    best, best_key = score, key
        return best_key

    def _by_title(self, root: Token) -> str | None:
        """ "the ambassador" -> the person whose role has that title, most recently named."""
        title = root.lemma_.lower()
        best_pos, best = -1, None
        for key, p in self.people.items():
            if p.role and title in p.role.lower().split():
                before = [pos for pos, _, _ in p.positions if pos < root.i]
                pos = max(before) if before else -1
                if before and pos > best_pos:
                    best_pos, best = pos, key
        return best

    def _definite_org(self, root: Token) -> _Who | None:
        """ "the ministry" -> "Russian Foreign Ministry" named before."""
        lem = root.lemma_.lower()
        for e in reversed(self.orgs):
            if e.start < root.i and self.doc[e.end - 1].lemma_.lower() == lem:
                name = text_of(self.doc, e)
                return _Who("org:" + name.lower(), name, "organization")
        return None

    def _recent_org(self, tok: Token, within: int) -> _Who | None:
        si = self._sent_index(tok.i)
        for e in reversed(self.orgs):
            if e.start < tok.i and si - self._sent_index(e.start) <= within:
                name = text_of(self.doc, e)
                return _Who("org:" + name.lower(), name, "organization")
        return None


def _anchor(a: RawAttribution) -> int:
    return (a.source or a.cue or (a.content[0] if a.content else (0, 0)))[0]


def _tok_at(doc: Doc, char: int) -> int:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span.start if span is not None and len(span) else 0


def _phrase(span: Span, text: str) -> str:
    """The source phrase without relative clauses, trailing appositions or punctuation."""
    root = span.root
    drop = {
        t.i for c in root.children if c.dep_ in ("relcl", "appos", "acl") and c.i > root.i for t in c.subtree
    }
    if any(c.dep_ == "acl" and c.lemma_.lower() in ("close", "familiar") for c in root.children):
        drop = {
            t.i for c in root.children if c.dep_ in ("relcl", "appos") and c.i > root.i for t in c.subtree
        }
    toks = [t for t in span if t.i not in drop]
    while toks and (toks[-1].is_punct or toks[-1].is_space):
        toks.pop()
    while toks and (toks[0].is_punct or toks[0].is_space):
        toks.pop(0)
    if not toks:
        return span.text
    return text[toks[0].idx : toks[-1].idx + len(toks[-1])]


def _strip_det(text: str) -> str:
    words = text.split()
    while words and words[0] in _DETS:
        words = words[1:]
    return " ".join(words) or text


def _has_phrase(text: str, phrase: str) -> bool:
    return text == phrase or text.startswith(phrase + " ") or f" {phrase} " in f" {text} "
