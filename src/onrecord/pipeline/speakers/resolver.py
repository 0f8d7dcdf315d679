"""Resolve attribution sources to canonical speakers (component ``onrecord_speakers``).

Runs after the rule layer and the learned tagger, over whatever ``doc._.attributions`` holds, and
may be run again after attributions change (it recomputes everything from the source spans).

- corrected entities (:mod:`onrecord.pipeline.speakers.entities`) go to ``doc._.entities``; persons are
  clustered by full name, so "Kopyrkin" is "Sergey Kopyrkin";
- a person's role comes from a title before any mention of the name or an apposition
  (:mod:`onrecord.pipeline.speakers.roles`);
- pronoun sources ("he said") go to the most salient earlier person (:mod:`.mentions`):
  nearest sentence first, then the last speaker, then a person known to agree in gender (from the
  article's own he/she/Mr/Ms evidence), then subjects; never a name inside a quotation the pronoun
  is not in; every he/she subject counts as a mention of whom it refers to; "they" / "it" go to
  the most recent group or organisation; "I" and "we" inside a quotation to the quotation's
  speaker; "who" / "which" / "that" to the antecedent of the relative clause; a pronoun that stays
  unresolved gets no speaker (and the review reason "unresolved pronoun");
- "the ambassador" goes to the person whose role has that title, "said the actor" to the person
  the text is about, "the expert" to "one legal expert" before it, "the ministry" to the
  organisation named earlier whose name ends in that noun (:mod:`.phrases`);
- organisations, groups ("some analysts") and anonymous sources ("sources close to …") get one
  record per distinct phrase;
- where the source is missing or sits inside the subject's relative clause, the speech verb's own
  subject speaks, also after the verb and after the quotation; a name after a closing dash; the
  person the sentence before a cue-less quotation is about (:mod:`.around`, :mod:`.context`);
- a quote with no cue gets the speaker of the quote just before it when nothing else intervenes
  (a paragraph that is only a quote, right after a paragraph quoting someone), or of a quotation
  whose words it repeats;
- a source that is a description with a name set off after it takes the name (:mod:`.apposed`:
  "according to his aunt, Jane Starner, “…”"); a quotation opened by a speech verb ("he said,
  “…,” the office said") takes that verb's subject as its source and the clause after it as the
  one it came through (``via``, hearsay);
- each attribution gets a speaker confidence and ``needs_review`` reasons (:mod:`.review`).
"""

from __future__ import annotations

import bisect

from spacy.language import Language
from spacy.tokens import Doc, Span

from onrecord.pipeline import lexicons
from onrecord.pipeline.datelines import after_dateline
from onrecord.pipeline.quotes.cues import impersonal_passive
from onrecord.pipeline.quotes.embeds import credit_at, handle_follows
from onrecord.pipeline.quotes.marks import CLOSING_MARKS
from onrecord.pipeline.speakers.apposed import take_apposed_names
from onrecord.pipeline.speakers.around import Around
from onrecord.pipeline.speakers.context import cue_subject, patient_cue, trailing_subject
from onrecord.pipeline.speakers.ent_spans import descriptor_words
from onrecord.pipeline.speakers.entities import correct_entities, to_raw
from onrecord.pipeline.speakers.mentions import Person, Who
from onrecord.pipeline.speakers.plural import short_org_names
from onrecord.pipeline.speakers.review import OFF_SUBJECT_REASON, lowered, review
from onrecord.pipeline.speakers.role_words import gender_words
from onrecord.pipeline.speakers.unnamed import unnamed_role
from onrecord.pipeline.types import Offsets, Quote, RawAttribution, RawSpeaker

PATIENT_REASON = "the source is the one asked or accused, not the speaker"


class SpeakerResolver:
    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        self.pronouns = _pronoun_table()
        self.titles = lexicons.load("titles")
        self.person_nouns = lexicons.person_words()
        self.org_nouns = lexicons.load("org_nouns")
        self.doc_nouns = lexicons.load("document_nouns")
        self.anonymous_heads = lexicons.load("anonymous_heads")
        self.source_words = self.anonymous_heads | lexicons.load("vague_heads")  # "sources", "officials"
        self.anonymous = tuple(sorted(lexicons.load("anonymous_sources"), key=len, reverse=True))
        self.speech_verbs = lexicons.speech_verbs()
        self.gender_words = gender_words()
        self.patient_verbs = lexicons.load("cue_verbs_patient")
        self.descriptor_people, self.business_words = descriptor_words()
        self.plural_people = self.person_nouns | lexicons.load("occupations") | self.anonymous_heads
        self.outlets = lexicons.load("media_outlets")

    def __call__(self, doc: Doc) -> Doc:
        quotes: list[Quote] = doc._.quotes or []
        ents = correct_entities(doc, quotes)
        doc._.entities = to_raw(doc, ents)
        attributions: list[RawAttribution] = doc._.attributions or []
        take_apposed_names(doc, attributions)  # "according to his aunt, Jane Starner, …"
        _Resolution(self, doc, ents, quotes).run(attributions)
        return doc


def _pronoun_table() -> dict[str, tuple[str, str]]:
    return {w: (g, n) for w, (g, n) in lexicons.load_table("pronouns", 3).items()}


class _Resolution(Around):
    """Speakers for the attributions of one Doc."""

    def run(self, attributions: list[RawAttribution]) -> None:
        doc = self.doc
        for a in attributions:
            if a.source is not None:  # "BERLIN -- The agency said": the dateline is no part of it
                a.source = (after_dateline(self.text, a.source[0], a.source[1]), a.source[1])
        order = sorted(attributions, key=lambda a: _anchor(a))
        who_of: dict[int, Who | None] = {}
        prev: RawAttribution | None = None
        used_mentions: dict[str, list[Offsets]] = {}
        for a in order:
            who = self._speaker_of(a, prev, who_of.get(id(prev)) if prev is not None else None)
            who_of[id(a)] = who
            if who is not None:
                if a.source is not None:
                    used_mentions.setdefault(who.key, []).append(a.source)
                if who.type in ("organization", "group", "anonymous"):
                    self.recent_groups.append((_tok_at(doc, _anchor(a)), who.key))
                elif who.type == "person":
                    self._remember_unlabelled(who, a)
                    if who.key in self.people and not self.in_pull_quote(_anchor(a)):
                        self.speaker_turns.append((_tok_at(doc, _anchor(a)), who.key))
            prev = a
        # "I" and "we" inside a quotation are its speaker: "“I told them no,” Smith said"
        for a in order:
            if who_of.get(id(a)) is not None or a.source is None or not self._first_person(a.source):
                continue
            box = self._outer_quote(a.source[0])  # the quotation the "I" speaks in
            quoted_by = next(
                (
                    who_of[id(b)]
                    for b in order
                    if b is not a
                    and who_of.get(id(b)) is not None
                    and (
                        any(lo <= a.source[0] < hi for lo, hi in b.content)
                        or (
                            box is not None and any(lo <= box[0] + 2 and box[0] <= hi for lo, hi in b.content)
                        )
                    )
                ),
                None,
            )
            if quoted_by is not None:
                who_of[id(a)] = quoted_by
                used_mentions.setdefault(quoted_by.key, []).append(a.source)
        # a quotation with no cue that repeats one whose speaker is known is theirs (an echo, a pull quote)
        said = [
            (words, who) for a in order if (who := who_of.get(id(a))) and (words := self._quoted_words(a))
        ]
        for a in order:
            if who_of.get(id(a)) is None and a.cue is None and a.kind == "direct":
                echo = self._echoed(a, said)
                if echo is not None:
                    who_of[id(a)] = echo
        # records, numbered in order of first attribution
        ids: dict[str, str] = {}
        speakers: list[RawSpeaker] = []
        orgs = short_org_names(
            [w for w in (who_of.get(id(a)) for a in order) if w and w.type == "organization"]
        )
        for a in order:  # "The Chronicle" after "The San Francisco Chronicle": one organisation
            short = who_of.get(id(a))
            if short is not None and short.key in orgs:
                full = orgs[short.key]
                used_mentions.setdefault(full.key, []).extend(used_mentions.pop(short.key, []))
                who_of[id(a)] = Who(full.key, full.name, full.type, short.how, list(short.doubts))
        for a in order:
            who = who_of.get(id(a))
            if who is not None and who.key in self.group_alias:
                named = self.group_alias[who.key]
                used_mentions.setdefault(named.key, []).extend(used_mentions.pop(who.key, []))
                who = Who(named.key, named.name, named.type, "description", list(who.doubts))
            a.speaker_confidence, a.needs_review = review(who, self._source_text(a))
            if who is not None and id(a) in self.off_subject and a.speaker_confidence is not None:
                a.needs_review.append(OFF_SUBJECT_REASON)
                a.speaker_confidence = lowered(a.speaker_confidence)
            if who is None and id(a) in self.patient_sources:
                a.needs_review = [PATIENT_REASON]
            if who is None:
                a.speaker_id = None
                continue
            if who.key not in ids:
                ids[who.key] = f"S{len(ids) + 1}"
                speakers.append(self._record(who, ids[who.key], used_mentions.get(who.key, [])))
            a.speaker_id = ids[who.key]
        doc._.speakers = speakers

    def _speaker_of(self, a: RawAttribution, prev: RawAttribution | None, prev_who: Who | None) -> Who | None:
        """One attribution's speaker: its source phrase, else what the text around it says."""
        doc = self.doc
        who: Who | None = None
        self.cue_lemma = self._cue_lemma(a)
        self.content_people = self._people_in(a.content)
        if a.kind == "indirect" and a.cue is not None and impersonal_passive(doc, a.cue):
            # "SpaceX is widely believed to have …": no one is named as saying it, and the
            # passive subject (or a span the tagger took near it) is what is reported on (quoted
            # words are someone's: "X said although … are known to …, 'nobody has …'")
            a.source = None
            return None
        if a.cue is not None:
            patient, agent = patient_cue(doc, a.cue, self.o.patient_verbs)
            if patient:  # "When asked, the diplomat …": the one asked is not the one asking
                self.patient_sources.add(id(a))
                return self._resolve(agent) if agent is not None else None
        nested = bool(a.content) and self._nested(a)
        if not self._source_quoted(a):
            span = self._source_span(a)
            if span is not None:
                who = self._resolve(span)
                if (who is None or who.type == "unknown") and handle_follows(self.text, span.end_char):
                    who = Who("per:" + span.text.lower(), span.text, "person")  # a post's display name
                elif credit_at(self.text, span.start_char, span.end_char) and (
                    who is None or who.type == "unknown" or who.name != span.text
                ):
                    who = self._credited(span)
        if a.kind == "direct" and a.content and a.source is not None and a.source[0] >= a.content[-1][1]:
            # "… and said, “…,” the office said": the verb that opens the quotation names its speaker
            opener = self._opener(a)
            if opener is not None:  # the clause after the quotation is whom it came through
                a.via, a.hearsay = a.source, True
                who, a.source = opener
                return who
        opens = a.kind in ("direct", "mixed") and self._cue_opens(a)  # "he said, “…”"
        if (
            a.content
            and not nested
            and (
                (
                    a.kind in ("direct", "mixed")
                    and not self._cue_after(a)
                    and not opens
                    and self._ends_quoted(a)
                )
                # "“…,” he told X, according to a statement" (or "…, according to the Gazette"):
                # the quotation's own speech verb names its speaker, the rest is how it came
                or (
                    who is not None
                    and (who.type == "unknown" or self._according_to(a))
                    and self.text[a.content[-1][1] - 1] in CLOSING_MARKS
                )
            )
        ):
            who = self._trailing(a) or who  # "“…,” X said." although the attribution's cue is elsewhere
        elif opens and a.kind == "direct" and a.via is None:
            # "he said, “…,” the office said": the quotation came through the office
            reporter = trailing_subject(doc, a.content[-1][1], self.o.speech_verbs)
            if reporter is not None and not self._in_quote(reporter.start_char):
                a.via, a.hearsay = (reporter.start_char, reporter.end_char), True
        if a.cue is not None:
            subj = self._past_dateline(cue_subject(doc, a.cue))
            if (
                subj is not None
                and a.source is not None
                and not (subj.start_char < a.source[1] and a.source[0] < subj.end_char)
            ):
                self.off_subject.add(id(a))  # the tagger's source is not the cue's subject
            if (
                subj is not None
                and not self._in_quote(subj.start_char)
                and (
                    who is None
                    or who.type == "unknown"
                    or self._inside_subject_modifier(a, subj)
                    or self._owner_in_subject(a, subj)
                    or self._source_in_later_sentence(a, subj)
                    or (self._source_according_to(a) and not self._according_to(a))
                )
            ):
                # "“…,” he told settler leaders, according to a statement": the document the words
                # came through is not their speaker when the cue has a subject of its own
                who = self._resolve(subj) or who
        if who is None and a.content and a.kind in ("direct", "mixed"):
            who = self._dash_speaker(a) or self._words_of(a)
        # a source that names no one ("a Tuesday research report") leaves the quotation's speaker
        # open; a cue inside it (its article "a" tagged as one) is none
        cueless = a.cue is None or (
            a.source is not None and a.source[0] <= a.cue[0] and a.cue[1] <= a.source[1]
        )
        if (
            (who is None or who.type == "unknown")
            and cueless
            and prev is not None
            and prev_who is not None
            and self._continues(prev, a)
        ):
            who = Who(prev_who.key, prev_who.name, prev_who.type, "continuation", list(prev_who.doubts))
        if (who is None or who.type == "unknown") and cueless and a.content:
            who = self._lead_in(a) or who
        return who

    def _past_dateline(self, span: Span | None) -> Span | None:
        """A subject less the dateline the parser took for its head ("[OSLO --] The Council says")."""
        if span is None:
            return None
        lo = after_dateline(self.text, span.start_char, span.end_char)
        return (
            span if lo == span.start_char else self.doc.char_span(lo, span.end_char, alignment_mode="expand")
        )

    def _credited(self, span: Span) -> Who:
        """The source a credit line names, by the line's words ("[ Tom's Guide ]"): a person
        where the model tags one, else the outlet or body it credits."""
        person = any(e.label_ == "PERSON" for e in span.ents) and span.text.lower() not in self.o.outlets
        kind = "person" if person else "organization"
        return Who(("per:" if person else "org:") + span.text.lower(), span.text, kind)

    def _record(self, who: Who, sid: str, sources: list[Offsets]) -> RawSpeaker:
        p = self.people.get(who.key) if who.type == "person" else None
        mentions = set(sources)
        if p is not None:
            mentions.update(p.mentions)
            return RawSpeaker(sid, p.name, p.role, p.organization, "person", sorted(mentions))
        role = org = None
        if who.type in ("anonymous", "group") and sources:  # "a senior official at the Treasury"
            span = self.doc.char_span(*sources[0], alignment_mode="expand")
            if span is not None and len(span):
                role, org = unnamed_role(span, self.person_tok)
                if org is None or (
                    role is not None and span.root.lemma_.lower() in self.o.source_words and " " not in role
                ):
                    role = None  # "an official", "sources close to …": the words say no more than the name
        return RawSpeaker(sid, who.name, role, org, who.type, sorted(mentions))

    def _remember_unlabelled(self, who: Who, a: RawAttribution) -> None:
        """A speaker named in a source the model tagged no person in ("Claure said"): a person the
        pronouns after it can refer to, like those it tagged."""
        if who.how != "named" or not who.key.startswith("per:") or a.source is None:
            return
        p = self.people.setdefault(who.key, Person(who.name))
        at = _tok_at(self.doc, a.source[1] - 1)
        if all(pos != at for pos, _, _ in p.positions):
            bisect.insort(p.positions, (at, True, self._in_quote(self.doc[at].idx)))
            p.mentions.append(a.source)

    def _nested(self, a: RawAttribution) -> bool:
        """A quotation inside another quotation (its opening mark sits inside the outer one)."""
        return a.kind == "direct" and self._in_quote(a.content[0][0] - 2)

    def _source_quoted(self, a: RawAttribution) -> bool:
        """A direct quotation's source inside its own quotation marks ("“… They said, ‘…’”"): a
        cue inside the quotation, not who speaks it."""
        if a.kind != "direct" or a.source is None:
            return False
        return any(lo <= a.source[0] and a.source[1] <= hi for lo, hi in a.content)

    def _first_person(self, source: Offsets) -> bool:
        return self.text[source[0] : source[1]].strip().lower() in lexicons.first_person(possessive=False)

    def _inside_subject_modifier(self, a: RawAttribution, subj: Span) -> bool:
        """The learned source is a word inside the cue subject's relative clause or apposition
        ("a Syrian refugee who feared regime retaliation said": not "regime")."""
        src = self._source_span(a)
        if src is None:
            return False
        head = subj.root
        return (
            src.root.i != head.i
            and head.i not in range(src.start, src.end)
            and any(
                t.i == src.root.i
                for c in head.children
                if c.dep_ in ("relcl", "acl", "appos")
                for t in c.subtree
            )
        )

    def _owner_in_subject(self, a: RawAttribution, subj: Span) -> bool:
        """The learned source is the owner inside the cue's subject ("said The We Company's
        executive chair Marcelo Claure": not the company)."""
        src = self._source_span(a)
        if src is None:
            return False
        root = src.root
        return (
            root.dep_ == "poss"
            and root.head.i == subj.root.i
            and subj.root.i not in range(src.start, src.end)
        )

    def _people_in(self, ranges: list[Offsets]) -> set[str]:
        """People named inside these ranges: as tagged, or by their full name (the model may tag a
        name inside a quotation as something else)."""
        out: set[str] = set()
        for lo, hi in ranges:
            span = self.doc.char_span(lo, hi, alignment_mode="expand")
            if span is not None:
                out.update(self.person_tok[t.i] for t in span if t.i in self.person_tok)
            inner = self.text[lo:hi]
            out.update(k for k, p in self.people.items() if " " in p.name and p.name in inner)
        return out

    def _cue_lemma(self, a: RawAttribution) -> str:
        if a.cue is None:
            return ""
        span = self.doc.char_span(a.cue[0], a.cue[1], alignment_mode="expand")
        return span.root.lemma_.lower() if span is not None and len(span) else ""


def _anchor(a: RawAttribution) -> int:
    return (a.source or a.cue or (a.content[0] if a.content else (0, 0)))[0]


def _tok_at(doc: Doc, char: int) -> int:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span.start if span is not None and len(span) else 0
