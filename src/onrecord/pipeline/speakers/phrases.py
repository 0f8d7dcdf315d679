"""Who a source phrase names: a person (by name, title, apposition, pronoun or description), an
organisation, a group or an anonymous source. Used by :mod:`onrecord.pipeline.speakers.resolver`."""

from __future__ import annotations

from spacy.tokens import Span, Token

from onrecord.pipeline import lexicons
from onrecord.pipeline.quotes.cues import RELATIVES, relative_antecedent
from onrecord.pipeline.speakers import limits
from onrecord.pipeline.speakers.earlier import Earlier
from onrecord.pipeline.speakers.ent_spans import text_of
from onrecord.pipeline.speakers.mentions import Who
from onrecord.pipeline.speakers.roles import AGENT_NOUN

_DETS = {"the", "a", "an", "this", "that", "these", "those"}  # dropped from a speaker key ("the ministry")
_PLURAL_WORDS = {
    "some",
    "many",
    "several",
    "most",
    "few",
    "all",
    "both",
    "various",
    "numerous",
}  # make a group
_VAGUE_WORDS = {"some", "many", "several", "most", "few", "others", "those"}  # standing alone as a source
#: What the owner of a document may be, by its tag: "The Wrap's report" (a name: a person or an
#: organisation), "the researchers' calculations" (a plural noun: a group); "the state's website" no one.
_OWNER_TYPES = {"NNP": ("person", "organization"), "NNPS": ("organization",), "NNS": ("group",)}
_SUBJECT_RELATIVES = RELATIVES - {"whom"}  # relative pronouns that can be a subject


class Phrases(Earlier):
    """Resolve a source phrase to a speaker."""

    def _resolve(self, span: Span) -> Who | None:
        doc = self.doc
        root = span.root
        if root.lower_ in ("he", "she") and len(span) > 1 and any(c.dep_ == "conj" for c in root.children):
            return self._resolve(doc[root.i : root.i + 1])  # "he and his wife Kali": he, first named
        # a person named in the source
        keys = [self.person_tok[t.i] for t in span if t.i in self.person_tok]
        if keys:
            key = self._person_for(span, root, keys)
            if key is not None:
                shared = any(t.i in self.shared_tok for t in span)
                return Who(
                    key,
                    self.people[key].name,
                    "person",
                    doubts=["two people share this name"] if shared else [],
                )
        low = root.lower_
        # a relative pronoun speaks for its antecedent: "Trump, who said …"
        # ("WHO" in capitals is the World Health Organization, not a relative pronoun)
        ante = relative_antecedent(root) if low in _SUBJECT_RELATIVES and not root.is_upper else None
        if ante is not None:
            if ante.pos_ in ("NOUN", "PROPN", "PRON") and ante.lower_ not in _SUBJECT_RELATIVES:
                return self._resolve(doc[ante.left_edge.i : ante.i + 1])
            return None
        # pronouns
        if low in _VAGUE_WORDS and root.pos_ in ("PRON", "DET", "ADJ", "NOUN"):
            return Who("grp:" + " ".join(span.text.lower().split()), span.text, "group")  # "Some said …"
        if (root.pos_ == "PRON" or low in self.o.pronouns) and not (root.is_upper and len(root) > 1):
            return self._pronoun(root)
        lem = root.lemma_.lower()
        text = _phrase(span, self.text)
        text_low = text.lower()
        full_low = " ".join(span.text.lower().split())
        if lem in self.o.anonymous_heads or any(_has_phrase(full_low, a) for a in self.o.anonymous):
            return Who("anon:" + text_low, text, "anonymous")
        crowd = " ".join(doc[min(root.left_edge.i, span.start) : root.i + 1].text.split())
        if _strip_det(crowd.lower()) in lexicons.load("collective_places"):  # "Wall Street predicted …"
            return Who("grp:" + _strip_det(crowd.lower()), crowd, "group")
        ent = self.ent_at.get(root.i)
        if ent is not None and ent.label in ("ORG", "GPE", "FAC"):
            name = text_of(doc, ent)
            return Who("org:" + name.lower(), name, "organization")
        if ent is not None and ent.label == "NORP":
            return Who("grp:" + text_low, text, "group")
        # "The Senator from Alaska" is a description, "The Hollywood Reporter" a name
        titled = (
            lem in self.o.person_nouns
            and root.i > 0
            and doc[root.i - 1].lower_ == "the"
            and doc[root.i - 1].head.i == root.i
        )
        if root.pos_ == "PROPN" and root.text[:1].isupper() and not titled:
            first = text.split(maxsplit=1)
            business = False
            if len(first) == 2 and first[0][:1].isupper() and first[0][1:].islower():
                # a descriptive title before a name the model did not label: "Developer Valve"
                business = first[0].lower() in self.o.business_words and self.text.count(first[1]) > 1
                if business or first[0].lower() in self.o.descriptor_people:
                    text, text_low = first[1], first[1].lower()
            if business:
                return Who("org:" + text_low, text, "organization")
            if self._capitalised_people(span):  # "Republican Senators said"
                return Who("grp:" + text_low, text, "group")
            if self._proper_person(span):  # "Governor Ann Tull" the model did not label: "Ann Tull"
                if "," in text and len(text.rsplit(",", 1)[1].split()) >= 2:
                    text = text.rsplit(",", 1)[1].strip()  # "Malaysia's Prime Minister, Najib Razak"
                words = text.split()
                while len(words) > 2 and words[0].lower() in self.o.titles:
                    words = words[1:]
                text, text_low = " ".join(words), " ".join(words).lower()
            return (
                Who("per:" + text_low, text, "person")
                if self._proper_person(span)
                else Who("org:" + text_low, text, "organization")
            )
        if lem in lexicons.load("place_bodies") and _definite(root):
            place = self._recent_place(root)  # "The city reasoned": the city named just before
            if place is not None:
                return place
        if lem in self.o.org_nouns:
            named_before = any(t.pos_ == "PROPN" for t in span if t.i < root.i)
            if (_indefinite(root) or root.tag_ == "NNS") and not named_before:
                # "A team led by researchers at NASA has confirmed …", "a group of physicians
                # asked …", "Authorities say": people or bodies the article does not name, not an
                # organisation it names ("A NASA team" is NASA's)
                return Who("grp:" + text_low, text, "group")
            org = self._definite_org(root)
            if org is not None:
                return org
            company_compound = any(
                c.dep_ == "compound" and c.lemma_.lower() in lexicons.load("company_nouns")
                for c in root.children
            )
            if root.tag_ == "NN" and (company_compound or _definite(root)):
                # "the agency said", no organisation named "… Agency": the one named just before
                # (also "company management said")
                business = company_compound or lem in lexicons.load("company_nouns")
                recent = self._recent_org(root, within=limits.ORG_SENTENCES, products=business)
                if recent is None and business:
                    recent = self._article_company(root)
                if recent is not None:
                    recent.how = "description"
                    recent.doubts.append("description linked by salience")
                    return recent
            return Who("org:" + _strip_det(text_low), text, "organization")
        named = self._named_apposition(root)
        if named is not None:  # "another witness, former White House Russia adviser Fiona Hill"
            return named
        plural = root.tag_ in ("NNS", "NNPS") or any(c.lower_ in _PLURAL_WORDS for c in root.children)
        if lem in self.o.person_nouns or _age_description(root):
            if plural:
                return self._group(span, root, text, text_low)
            if any(c.dep_ == "det" and c.lower_ in lexicons.load("indefinites") for c in root.children) or (
                root.i > 0 and self.doc[root.i - 1].lower_ in lexicons.load("indefinites")
            ):
                who = Who("anon:" + text_low, text, "anonymous")
                self.indefinites.append(((root.i, lem), who))
                return who
            person = self._by_title(root)
            if person is not None:
                return Who(person, self.people[person].name, "person", "description")
            earlier = self._earlier_indefinite(root)
            if earlier is not None:
                return earlier
            salient = self._salient(root)  # "the actor said", no role named "actor"
            if salient is not None:
                return salient
            if any(c.dep_ == "poss" and c.pos_ == "PROPN" for c in root.children):
                # "Morrison's lawyer said": someone unnamed, known by whose they are
                return Who("anon:" + text_low, text, "anonymous", "named")
            # "the patient said", "his doctor assumed", no one named fits: someone the article does
            # not name — an unnamed source, as a reader would count it
            return Who(
                "anon:" + _strip_det(text_low),
                text,
                "anonymous",
                "description",
                ["description not linked to a name"],
            )
        if lem in lexicons.load("speech_nouns"):
            owner = next((c for c in root.children if c.dep_ == "poss"), None)
            if owner is not None:
                sub = doc[owner.left_edge.i : owner.i + 1]
                return self._resolve(sub)
            person = self._by_title(root)
            if person is not None:
                return Who(person, self.people[person].name, "person")
        if lem in self.o.doc_nouns:
            author = self._document_author(root)
            if author is not None:
                self.indefinites.append(((root.i, lem), author))  # "The report says …" later
                return author
            if _definite(root):
                earlier = self._earlier_indefinite(root)  # "the report" after "a report in the X"
                if earlier is not None:
                    return earlier
            owner = next((c for c in root.children if c.dep_ == "poss" and c.pos_ != "PRON"), None)
            if owner is not None:  # "The Wrap's report claims", "the researchers' calculations"
                found = self._resolve(doc[owner.left_edge.i : owner.i + 1])
                if found is not None and found.type in _OWNER_TYPES.get(owner.tag_, ()):
                    return found
            inside = next((e for e in self.orgs if span.start <= e.start and e.end <= span.end), None)
            if inside is not None:  # "a new ABC News poll shows", "the Pentagon's statement said"
                name = text_of(doc, inside)
                return Who("org:" + name.lower(), name, "organization")
        if lem in self.o.doc_nouns or root.pos_ != "NOUN":
            return Who("unk:" + text_low, text, "unknown")
        owner = next((c for c in root.children if c.dep_ == "poss"), None)
        if owner is not None and owner.pos_ == "PROPN" and root.tag_ == "NN" and AGENT_NOUN.search(lem):
            # "New York's chief medical examiner concluded": an official unnamed, of a named body
            return Who("anon:" + text_low, text, "anonymous", "named")
        if root.tag_ == "NN" and AGENT_NOUN.search(lem) and _indefinite(root):
            return Who("anon:" + text_low, text, "anonymous")  # "one Weibo commenter said"
        if self.cue_lemma in self.o.speech_verbs and root.tag_ == "NN" and AGENT_NOUN.search(lem):
            # "…,” said the official": a definite description that speaks is somebody named before
            return self._salient(root)
        return None  # an abstract thing ("This distinction suggests …") is nobody's voice

    def _salient(self, root: Token) -> Who | None:
        """A definite description ("the actor") as the person the text is about at this point."""
        if not _definite(root):
            return None
        found = self._antecedent(root, self._noun_gender(root))
        if found is None:
            return None
        key, doubts = found
        person = self.people[key]
        if (
            person.role is not None
            and root.lower_ in self.o.titles
            and root.lower_ not in person.role.lower()
        ):
            return None  # "the Senator" is not the President the text is about
        if person.role is None and not _age_description(root):  # "the actor said" (not "the 56-year-old")
            person.role = " ".join(
                t.text for t in root.subtree if t.dep_ not in ("det", "punct") and t.i <= root.i
            )
        return Who(key, person.name, "person", "description", ["description linked by salience", *doubts])

    def _person_for(self, span: Span, root: Token, keys: list[str]) -> str | None:
        """The person named in a source phrase who is its speaker: "the foreign minister, Ararat
        Mirzoyan", "American academic and professor Marc Lamont Hill" — but not the owner or the
        object of a preposition ("Smith's lawyer", "a spokesman for Smith"), nor a name that only
        qualifies a common noun ("Obama administration officials")."""
        if root.i in self.person_tok:
            return self.person_tok[root.i]
        for t in span:
            if t.i not in self.person_tok:
                continue
            node, ok = t, True
            while node.i != root.i and node.head.i != node.i and span.start <= node.head.i < span.end:
                if node.dep_ in ("poss", "pobj", "dobj") or (
                    node.dep_ == "compound" and node.head.pos_ == "NOUN"
                ):
                    ok = False  # also "[Obama] administration officials": a name that only qualifies a noun
                    break
                node = node.head
            # the root, or a second root the parse left in the phrase after a title that is the
            # root ("what host [Tom Bergeron] described": "host" and the name both hang on the verb)
            if ok and (
                node.i == root.i
                or (
                    not span.start <= node.head.i < span.end
                    and root.i == t.i - 1
                    and root.lemma_.lower() in self.o.person_nouns
                )
            ):
                return self.person_tok[t.i]
        return None

    def _capitalised_people(self, span: Span) -> bool:
        """People by what they are, capitalised as a name: "Republican Senators", "Democratic Governors"."""
        last = span[-1]
        singular = last.lemma_.lower() if last.pos_ == "NOUN" else last.lower_.removesuffix("s")
        return last.tag_ in ("NNPS", "NNS") and singular in self.o.plural_people

    def _proper_person(self, span: Span) -> bool:
        """A capitalised name the model did not label: a person unless it looks like an organisation."""
        words = [t for t in span if t.pos_ == "PROPN"]
        if not words:
            return False
        first = words[0]
        if (
            first.i > 0
            and self.doc[first.i - 1].lower_ == "the"
            and first.lower_.rstrip(".") not in self.o.titles
        ):
            return False  # "The Wrap", "in the Argus Leader": a title, not a person's name ("the Rev. X" is)
        if self._capitalised_people(span):
            return False  # "Republican Senators": people by what they are, capitalised
        return not any(t.lemma_.lower() in self.o.org_nouns for t in words)

    def _group(self, span: Span, root: Token, text: str, text_low: str) -> Who:
        """ "The doctors, members of … Doctors for Camp Closure," speak for that organisation; "the
        doctors" later for whatever "doctors" spoke for before."""
        in_appos = [
            e
            for e in self.orgs
            for c in root.children
            if c.dep_ == "appos" and c.left_edge.i <= e.start and e.end <= c.right_edge.i + 1
        ]
        if in_appos:
            name = text_of(self.doc, in_appos[0])
            who = Who("org:" + name.lower(), name, "organization")
            lem = root.lemma_.lower()
            for _, head, before in self.group_heads:  # "the doctors" before they were named
                if head == lem and before.type == "group":
                    self.group_alias.setdefault(before.key, who)
        elif _definite(root) and (earlier := self._earlier_group(root)) is not None:
            return earlier
        else:
            who = Who("grp:" + text_low, text, "group")
        self.group_heads.append((root.i, root.lemma_.lower(), who))
        return who


def _age_description(root: Token) -> bool:
    """A person known by their age: "the 59-year-old said" (the parse's head is "old")."""
    return root.lower_ == "old" and any(
        c.dep_ == "npadvmod" and c.lemma_.lower() == "year" for c in root.children
    )


def _definite(root: Token) -> bool:
    """The noun has "the" for its determiner: "the company", "the report"."""
    return any(c.dep_ == "det" and c.lower_ == "the" for c in root.children)


def _indefinite(root: Token) -> bool:
    return any(
        c.dep_ in ("det", "nummod") and c.lower_ in lexicons.load("indefinites") for c in root.children
    ) or (root.i > 0 and root.doc[root.i - 1].lower_ in lexicons.load("indefinites"))


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
    doc = span.doc
    for t in span:  # "one resident on Weibo[, which is China's Twitter,]": set off, deeper down
        for c in t.children:
            if c.dep_ == "relcl" and c.left_edge.i > span.start and doc[c.left_edge.i - 1].text == ",":
                drop |= {d.i for d in c.subtree}
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
