"""What the speaker resolver knows of an article before it reads any attribution: its people (full
names, roles, genders, mentions), the he/she chains that refer to them, and the antecedent of a
pronoun or a definite description. Used by :mod:`onrecord.pipeline.speakers.resolver`."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from onrecord.pipeline import lexicons
from onrecord.pipeline.speakers import limits
from onrecord.pipeline.speakers.context import pronoun_genders, pull_quote_paragraphs
from onrecord.pipeline.speakers.ent_spans import Ent, public_body, text_of
from onrecord.pipeline.speakers.narrator import addressed_narrator, first_person_owner
from onrecord.pipeline.speakers.plural import joint_subject_before, plural_people_before
from onrecord.pipeline.speakers.roles import find_role, role_copula
from onrecord.pipeline.types import Offsets, Quote, RawSpeaker, doc_text

if TYPE_CHECKING:
    from onrecord.pipeline.speakers.resolver import SpeakerResolver


_ROLE_WORDS = re.compile(r"[\s,]+")


@dataclass(slots=True)
class Person:
    name: str
    role: str | None = None
    organization: str | None = None
    role_weak: bool = False  # the role came from a clause or "is a …" (see roles.Role.weak)
    gender: str | None = None
    mentions: list[Offsets] = field(default_factory=list)
    positions: list[tuple[int, bool, bool]] = field(default_factory=list)  # (token, is_subject, in_quote)


@dataclass(slots=True)
class Who:
    key: str
    name: str
    type: str
    how: str = "named"  # how it was found: named, pronoun, description, continuation, first-person, …
    doubts: list[str] = field(default_factory=list)  # what a reader should check


class Mentions:
    """The people of one Doc and the pronoun and description look-ups over them."""

    def __init__(self, owner: SpeakerResolver, doc: Doc, ents: list[Ent], quotes: list[Quote]) -> None:
        self.o = owner
        self.doc = doc
        self.text = doc_text(doc)
        self.ents = ents
        self.quote_ranges = sorted((q.inner[0], q.inner[1]) for q in quotes)
        self.sent_starts = [s.start for s in doc.sents]
        self.sent_rank = self._narrative_ranks()
        self.pull_ranges = pull_quote_paragraphs(self.text, sorted(quotes, key=lambda q: q.start))
        self.person_tok: dict[int, str] = {}
        self.shared_tok: set[int] = set()
        self.people = self._people()
        for person in self.people.values():
            person.positions.sort()  # _nearest_position walks them by bisection
        self.orgs = [e for e in ents if e.label == "ORG"]
        self.org_starts = [e.start for e in self.orgs]
        self.products = [e for e in ents if e.label == "PRODUCT" and doc[e.start].text[:1].isupper()]
        self.org_mentions: dict[str, list[int]] = {}
        for e in self.orgs:
            self.org_mentions.setdefault(text_of(doc, e).lower(), []).append(e.start)
        self.ent_at = {i: e for e in ents for i in range(e.start, e.end)}
        self.ent_starts = [doc[e.start].idx for e in ents]
        self.others: dict[str, RawSpeaker] = {}
        self.recent_groups: list[tuple[int, str]] = []  # (token, key) of group / organisation speakers
        self.cue_lemma = ""  # the lemma of the cue of the attribution being resolved
        self.content_people: set[str] = set()  # people named inside that attribution's content
        self.patient_sources: set[int] = set()  # attributions whose source is the one asked / accused
        self.off_subject: set[int] = set()  # attributions whose source is not their cue's subject
        self.group_heads: list[tuple[int, str, Who]] = []  # (token, head lemma, speaker) of plural sources
        self.group_alias: dict[str, Who] = {}  # a group key -> the organisation it was later named as
        self.indefinites: list[tuple[tuple[int, str], Who]] = []  # ((token, head lemma), source)
        self.speaker_turns: list[tuple[int, str]] = []  # (token, person key) of resolved person speakers
        for key, g in pronoun_genders(doc, self.person_tok, self._in_quote, owner.gender_words).items():
            self.people[key].gender = self.people[key].gender or g
        self.narrator = first_person_owner(
            self.text,
            ((k, p.name, p.mentions[0][0]) for k, p in self.people.items() if p.mentions),
        ) or addressed_narrator(
            self.text,
            ((k, p.mentions, all(q for _, _, q in p.positions)) for k, p in self.people.items()),
            sum(1 for t in doc if t.text == "I" and not self._in_quote(t.idx)),
        )
        self._chain_pronouns()

    def _people(self) -> dict[str, Person]:
        doc = self.doc
        people: dict[str, Person] = {}
        stop = {i for e in self.ents if e.label == "PERSON" for i in range(e.start, e.end)}
        for e in self.ents:
            if e.label != "PERSON" or not e.canonical:
                continue
            key = e.canonical.lower()
            p = people.setdefault(key, Person(name=e.canonical))
            span = doc[e.start : e.end]
            p.mentions.append((span.start_char, span.end_char))
            root = span.root
            p.positions.append(
                (
                    e.start,
                    root.dep_ in ("nsubj", "nsubjpass") or root.head.dep_ in ("nsubj",),
                    self._in_quote(span.start_char) or self.in_pull_quote(span.start_char),
                )
            )
            for i in range(e.start, e.end):
                self.person_tok[i] = key
                if e.shared:
                    self.shared_tok.add(i)
            role = find_role(doc, e.start, e.end, stop - set(range(e.start, e.end)))
            if (role is None or not role.text) and (p.role is None or p.role_weak) and not p.positions[-1][2]:
                # what the article says someone is, not what a quotation calls them
                role = role_copula(doc, e.start, e.end) or role
            if role is not None:
                p.gender = p.gender or role.gender
                if role.text and (p.role is None or (p.role_weak and not role.weak)):
                    p.role, p.role_weak = role.text, role.weak
                    p.organization = role.organization
                if role.text and role.end == e.start:
                    p.mentions.append((doc[role.start].idx, span.end_char))
        return people

    def _chain_pronouns(self) -> None:
        """Resolve every he/she that is a subject, in reading order, and count each as a mention of
        the person it refers to: "He was arrested … He asked …" keeps to the man named before."""
        for tok in self.doc:
            low = tok.lower_
            if low not in ("he", "she") or tok.dep_ not in ("nsubj", "nsubjpass"):
                continue
            found = self._antecedent(tok, self.o.pronouns[low][0])
            if found is not None:
                p = self.people[found[0]]
                bisect.insort(p.positions, (tok.i, True, self._in_quote(tok.idx)))

    def in_pull_quote(self, char: int) -> bool:
        """Inside a paragraph that holds a pull quote (a repeated quotation set off from the text)."""
        i = bisect.bisect_right(self.pull_ranges, (char, 10**12)) - 1
        return i >= 0 and self.pull_ranges[i][0] <= char < self.pull_ranges[i][1]

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

    def _outer_quote(self, char: int) -> Offsets | None:
        """The outermost quotation (inner offsets) holding ``char``, if any."""
        found: Offsets | None = None
        i = bisect.bisect_right(self.quote_ranges, (char, 10**12)) - 1
        while i >= 0:
            lo, hi = self.quote_ranges[i]
            if lo <= char < hi and (found is None or lo <= found[0]):
                found = (lo, hi)
            if hi < char - 5000:
                break
            i -= 1
        return found

    def _narrative_ranks(self) -> list[int]:
        """For each sentence, how many sentences outside quotation marks end at or before it: a
        pronoun's distance to its antecedent does not count the sentences of a quotation between."""
        ranks, n = [], 0
        for s in self.doc.sents:
            words = [t for t in s if not (t.is_punct or t.is_space)]
            if not words or not (self._in_quote(words[0].idx) and self._in_quote(words[-1].idx)):
                n += 1
            ranks.append(n)
        return ranks

    def _narrative_index(self, tok_i: int) -> int:
        return self.sent_rank[self._sent_index(tok_i)] if self.sent_rank else 0

    def _sent_index(self, tok_i: int) -> int:
        return bisect.bisect_right(self.sent_starts, tok_i) - 1

    def _antecedent(self, tok: Token, gender: str) -> tuple[str, list[str]] | None:
        """The person a he/she refers to: agreeing in gender where the article tells it; never a name
        quoted inside a quotation (unless the pronoun is quoted too); nearest sentence first, then the
        person who spoke last, then subjects, then the nearest mention."""
        si = self._narrative_index(tok.i)
        in_q = self._in_quote(tok.idx)
        last_speaker = next((k for t_i, k in reversed(self.speaker_turns) if t_i < tok.i), None)
        scored: list[tuple[tuple[int, int, int, int, int, int], str]] = []
        for key, p in self.people.items():
            if p.gender and gender in ("m", "f") and p.gender != gender:
                continue
            near = self._nearest_position(p, tok.i, si, in_q)
            if near is not None:
                dist, subj, pos = near
                agrees = 0 if p.gender == gender else 1  # known to agree beats not known to disagree
                # a person named inside the quotation is rarely the one who says it
                inside = 1 if key in self.content_people else 0
                score = (dist, inside, 0 if key == last_speaker else 1, 0 if subj else 1, agrees, -pos)
                scored.append((score, key))
        if not scored:
            return None
        scored.sort()
        (score, key), rest = scored[0], scored[1:]
        doubts = []
        if score[0] >= limits.FAR_SENTENCES:
            doubts.append("antecedent far away")
        rival = next((k for sc, k in rest if sc[0] <= score[0] and not self.people[k].gender), None)
        if rival is not None and not self.people[key].gender:
            doubts.append(f"pronoun could also be {self.people[rival].name}")
        return key, doubts

    def _nearest_position(self, p: Person, tok_i: int, si: int, in_q: bool) -> tuple[int, bool, int] | None:
        """(sentence distance, is subject, token) of ``p``'s best mention before ``tok_i``: the
        nearest sentence, a subject there before any other mention, the latest of those. Walks back
        from ``tok_i`` over the sorted positions, so a pronoun costs what lies just before it."""
        k = bisect.bisect_left(p.positions, (tok_i, False, False))
        found: tuple[int, bool, int] | None = None
        for pos, subj, quoted in reversed(p.positions[max(0, k - limits.PRONOUN_MENTIONS) : k]):
            if quoted and not in_q:
                continue
            dist = si - self._narrative_index(pos)
            if dist > limits.PRONOUN_SENTENCES or (found is not None and dist > found[0]):
                break
            if found is None or (found[0] == dist and self._buried(found[2]) and not self._buried(pos)):
                found = (dist, subj, pos)  # at one distance, a name that is more than an owner
            if subj:
                return (dist, True, pos)
        return found

    def _buried(self, pos: int) -> bool:
        """The name at ``pos`` only owns a thing in a phrase that is not the subject ("three days at
        [Epstein’s] mansion"): less salient than another mention as far back."""
        t = self.doc[pos]
        while t.dep_ == "compound" and t.head.i != t.i:
            t = t.head
        return t.dep_ == "poss" and t.head.dep_ not in ("nsubj", "nsubjpass")

    def _noun_gender(self, root: Token) -> str:
        return self.o.gender_words.get(root.lower_, "x")

    def _by_title(self, root: Token) -> str | None:
        """ "the ambassador" -> the person whose role has that title, most recently named."""
        title = root.lemma_.lower()
        owner = next((c for c in root.children if c.dep_ == "poss" and c.pos_ == "PROPN"), None)
        of = owner.text.lower() if owner is not None else None  # "Salesforce's CEO"
        best_pos, best = -1, None
        for key, p in self.people.items():
            words = _ROLE_WORDS.split(p.role.lower()) if p.role else []
            if of is not None and of not in words and of not in (p.organization or "").lower().split():
                continue
            if title in words or any(w.endswith("-" + title) for w in words):  # co-CEO
                before = [pos for pos, _, _ in p.positions if pos < root.i]
                pos = max(before) if before else -1
                if before and pos > best_pos:
                    best_pos, best = pos, key
        return best if best is not None else self._later_by_title(root, title)

    def _later_by_title(self, root: Token, title: str) -> str | None:
        """ "Austria's interior minister said …" before "Interior Minister Wolfgang Peschorn": the
        one person named soon after whose role is that whole title (a modifier and the head)."""
        mods = [c.lower_ for c in root.children if c.dep_ in ("amod", "compound") and c.i < root.i]
        if not mods or not any(c.dep_ == "poss" or c.lower_ == "the" for c in root.children):
            return None
        phrase = " ".join([*mods, title])
        found = {
            key
            for key, p in self.people.items()
            if p.role
            and f" {phrase} " in " " + " ".join(_ROLE_WORDS.split(p.role.lower())) + " "
            and any(root.i < pos <= root.i + limits.CATAPHORA_TOKENS for pos, _, _ in p.positions)
        }
        return found.pop() if len(found) == 1 else None

    def _definite_org(self, root: Token) -> Who | None:
        """ "the ministry" -> "Russian Foreign Ministry" named before."""
        lem = root.lemma_.lower()
        for e in reversed(self.orgs):
            if e.start < root.i and self.doc[e.end - 1].lemma_.lower() == lem:
                name = text_of(self.doc, e)
                return Who("org:" + name.lower(), name, "organization")
            if e.start < root.i and self._named_as(e, lem):
                name = text_of(self.doc, e)  # "The group, WeWorkers Coalition, formed …": the group
                return Who("org:" + name.lower(), name, "organization")
        return None

    def _named_as(self, e: Ent, lem: str) -> bool:
        """An organisation in apposition to a noun of that lemma ("the group, X,", "X, the agency")."""
        head = self.doc[e.end - 1]
        for tok in (head, head.head):
            if tok.dep_ == "appos" and tok.head.lemma_.lower() == lem and tok.head.pos_ == "NOUN":
                return True
        return any(c.dep_ == "appos" and c.lemma_.lower() == lem and c.pos_ == "NOUN" for c in head.children)

    def _recent_org(self, tok: Token, within: int, products: bool = False) -> Who | None:
        e = self._recent_org_ent(tok, within, products)
        if e is None:
            return None
        name = text_of(self.doc, e)
        return Who("org:" + name.lower(), name, "organization")

    def _article_company(self, tok: Token) -> Who | None:
        """The business an article is about, for "the company" with none named close before: the
        organisation named most often before ``tok``, if no other is named as often ("Home Depot
        reported … Company management said", three sentences on; products do not count: a car
        review names more cars than carmakers)."""
        counts = {name: self.org_counts_before(name, tok.i) for name in self.org_mentions}
        ranked = sorted(counts.values(), reverse=True)
        if not ranked or not ranked[0] or (len(ranked) > 1 and ranked[1] == ranked[0]):
            return None
        top = max(counts, key=lambda name: counts[name])
        name = text_of(self.doc, self.ent_at[self.org_mentions[top][counts[top] - 1]])  # as named last
        return Who("org:" + name.lower(), name, "organization")

    def _recent_org_ent(
        self, tok: Token, within: int, products: bool = False, pronoun: bool = False
    ) -> Ent | None:
        """The organisation named within ``within`` sentences before ``tok`` that the text has named
        most often so far ("the agency" after NASA, named ten times, and the EUS once), the latest
        of those first; with ``products`` (a business: "the company") a name the model took for a
        product counts too ("The company confirmed" after "investigating WeWork") and a public
        body does not. For a ``pronoun`` ("it") too the subject just before comes first, and a name
        that only modifies a noun ("its order of 30 [Boeing] jets") is none."""
        si = self._sent_index(tok.i)
        orgs = self.orgs if not products else sorted(self.orgs + self.products, key=lambda e: e.start)
        starts = self.org_starts if not products else [e.start for e in orgs]
        k = bisect.bisect_left(starts, tok.i)
        spoke = {key for t_i, key in self.recent_groups if t_i < tok.i}
        best: tuple[tuple[bool, bool, int, int], int] | None = None
        for j in range(k - 1, -1, -1):
            e = orgs[j]
            if si - self._sent_index(e.start) > within:
                break
            name = text_of(self.doc, e).lower()
            if products and (public_body(self.doc, e) or name in lexicons.load("media_outlets")):
                continue  # "the company" is no ministry or court, nor the agency filing the story
            last = self.doc[e.end - 1]
            if pronoun and last.dep_ == "compound" and last.head.pos_ == "NOUN":
                continue  # "its order of 30 [Boeing] jets" is no antecedent of "it"
            # for a business or a pronoun, the subject of this sentence or the one before ("Amazon is
            # now letting you … The company published"; the model takes rockets and bills for
            # organisations too, so not for "the agency"), then one that has spoken ("The State
            # Police reported … entered the Statehouse, but the agency didn't estimate"), then the
            # one named most, then the latest
            subject = (
                (products or pronoun)
                and si - self._sent_index(e.start) <= 1
                and last.dep_ in ("nsubj", "nsubjpass")
            )
            score = (subject, "org:" + name in spoke, self.org_counts_before(name, tok.i), e.start)
            if best is None or score > best[0]:
                best = (score, j)
        return None if best is None else orgs[best[1]]

    def _resolve(self, span: Span) -> Who | None:
        raise NotImplementedError  # phrases.Phrases resolves a speaker phrase

    def _joint_subject(self, tok: Token) -> Span | None:
        """What a "they" stands for when people joined by "and" were the subject before it
        (:func:`~onrecord.pipeline.speakers.plural.joint_subject_before`)."""
        return joint_subject_before(self.doc, tok, self._group_window(tok), self._in_quote)

    def _plural_people(self, tok: Token) -> Span | None:
        """What else "they" may stand for: :func:`~onrecord.pipeline.speakers.plural.plural_people_before`."""
        return plural_people_before(
            self.doc, tok, self._group_window(tok), self._in_quote, self.o.plural_people
        )

    def _group_window(self, tok: Token) -> int:
        """The first token of the sentences a plural pronoun at ``tok`` may look back over."""
        return self.sent_starts[max(0, self._sent_index(tok.i) - limits.GROUP_SENTENCES)]

    def org_counts_before(self, name: str, tok_i: int) -> int:
        """How many times the organisation ``name`` (lower case) is named before token ``tok_i``."""
        starts = self.org_mentions.get(name, [])
        return bisect.bisect_left(starts, tok_i)
