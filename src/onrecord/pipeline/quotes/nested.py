"""Quotations inside quotations (component ``onrecord_nested``), run after the attribution layers.

A witness quoted in full often quotes someone else: *“I heard President Trump ask, quote, ‘So he's
going to do it?’” Holmes testified.* The outer quotation is Holmes's; the inner one is Trump's,
with its own cue and speaker. Neither attribution layer looks for cues inside a quotation, so the
inner quote would otherwise be read as Holmes's words. This step adds, for each inner quotation
that no attribution already has as its content, a direct attribution whose cue is a speech verb
next to it inside the outer quotation (before it, "Sondland replied that ‘…’", or after it,
"‘…,’ she said") and whose source is that verb's subject. An inner quotation with no such verb
(a term, a title, scare quotes) is left alone.

Posts embedded in the page ("…⏎— Display Name (@handle) November 18, 2019") are the poster's
words (:mod:`onrecord.pipeline.quotes.embeds`); what the layers made of them gives way.

Speech reported inside an indirect report is found the same way (:meth:`NestedQuotes.find_reported`):
*Afterward, Vance said he had relayed that …, Price testified* gives Vance's attribution besides
Price's, which the sourcing step marks second-hand, through Price.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from onrecord.pipeline import lexicons
from onrecord.pipeline.datelines import after_dateline
from onrecord.pipeline.quotes import limits
from onrecord.pipeline.quotes.cues import agent_of, find_subject, subtree_range, tok_range
from onrecord.pipeline.quotes.embeds import credited_excerpts, embedded_posts, without_inner
from onrecord.pipeline.quotes.marks import QUOTE_MARKS
from onrecord.pipeline.types import Quote, RawAttribution, doc_text

#: Tokens that may stand between a speech verb and the inner quotation it introduces.
_BRIDGE = {",", ":", "quote", "that", "—", "–", "-"}


def _passive(verb: Token) -> bool:
    """ "That being said, “…”": a passive speech verb's subject is what is said, not who says it."""
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


def _after_noun(verb: Token) -> Token | None:
    """The subject of a speech verb the parse left without one after a subordinator it took for a
    preposition: "after employees of a car dealership said he tried …" ("employees" its object)."""
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children) or verb.i == 0:
        return None
    cur = verb.doc[verb.i - 1]
    while cur.dep_ == "pobj" and cur.head.dep_ == "prep" and cur.head.head.pos_ == "NOUN":
        cur = cur.head.head  # "employees of a car dealership": up to "employees"
    if cur.pos_ == "NOUN" and cur.dep_ == "pobj" and cur.head.lower_ in lexicons.load("subordinators"):
        return cur
    return None


def _inner_quote(doc: Doc, text: str, verb: Token, source: tuple[int, int], q: Quote) -> RawAttribution:
    """The direct attribution of quotation ``q`` inside other words, to the subject (tokens
    ``source``) of ``verb``: second-hand, through whoever the outer words are."""
    return RawAttribution(
        cue=tok_range(doc, verb.i, verb.i, text),
        content=[q.inner],
        source=tok_range(doc, source[0], source[1], text),
        kind="direct",
        confidence=limits.NESTED,
        hearsay=True,
    )


class NestedQuotes:
    """Attribute quotations inside quotations to the speaker their own cue names."""

    def __init__(self, nlp: Language) -> None:
        self.verbs = lexicons.speech_verbs()
        self.writing = lexicons.load("act_writing")
        self.people = lexicons.person_words() | lexicons.load("vague_heads")

    def __call__(self, doc: Doc) -> Doc:
        quotes: list[Quote] = doc._.quotes or []
        attributions: list[RawAttribution] = list(doc._.attributions or [])
        text = doc_text(doc)
        for a in attributions:  # "VIENNA — The house … will be turned …, the minister said"
            if a.content and a.kind == "indirect":
                lo, hi = a.content[0]
                a.content[0] = (after_dateline(text, lo, hi), hi)
        posts = embedded_posts(text) + credited_excerpts(text)
        if posts:  # an embedded post's words are the poster's, whatever the layers made of them
            attributions = without_inner(attributions, posts) + posts
        added = list(self.find(doc, quotes, attributions))
        added += self.find_in_reports(doc, quotes, attributions + added)
        added += self.find_reported(doc, attributions + added)
        if added or posts:
            attributions.extend(added)
            attributions.sort(key=lambda a: a.content[0][0] if a.content else (a.cue or (0, 0))[0])
            doc._.attributions = attributions
        return doc

    def find(self, doc: Doc, quotes: list[Quote], attributions: list[RawAttribution]) -> list[RawAttribution]:
        text = doc_text(doc)
        have = {tuple(c) for a in attributions for c in a.content}
        out: list[RawAttribution] = []
        outer: Quote | None = None
        for q in sorted(quotes, key=lambda q: (q.start, -q.end)):
            if outer is None or q.start >= outer.end:
                outer = q
                continue
            if not (outer.inner[0] <= q.start and q.end <= outer.inner[1] + 1) or q.inner in have:
                continue
            if len(text[q.inner[0] : q.inner[1]].split()) < 2:
                continue
            inner = doc.char_span(q.inner[0], q.inner[1], alignment_mode="expand")
            box = doc.char_span(outer.inner[0], outer.inner[1], alignment_mode="expand")
            if inner is None or box is None or not len(inner):
                continue
            found = self._cue(doc, inner, box)
            if found is None:
                continue
            verb, subj = found
            lo, hi = subtree_range(subj)
            while subj.dep_ == "compound" and lo > box.start and doc[lo - 1].pos_ == "PROPN":
                lo -= 1  # "President Trump" of a mistagged verb: the name's words are its compounds
            out.append(_inner_quote(doc, text, verb, (lo, hi), q))
        return out

    def find_in_reports(
        self, doc: Doc, quotes: list[Quote], attributions: list[RawAttribution]
    ) -> list[RawAttribution]:
        """A quotation inside an indirect report with a speech verb of its own next to it:
        "According to AFP, one user on Weibo posted: “…”" — the user's words, which the sourcing
        step marks second-hand, through AFP (not AFP's own words)."""
        text = doc_text(doc)
        have = {tuple(c) for a in attributions for c in a.content}
        cues = {a.cue for a in attributions if a.cue}
        out: list[RawAttribution] = []
        for q in quotes:
            if q.inner in have or len(text[q.inner[0] : q.inner[1]].split()) < 2:
                continue
            box_range = next(
                (
                    (lo, hi)
                    for a in attributions
                    if a.kind != "direct" and a.source is not None
                    for lo, hi in a.content
                    if lo < q.start < hi  # the content may stop short inside the quotation
                ),
                None,
            )
            if box_range is None:
                continue
            inner = doc.char_span(q.inner[0], q.inner[1], alignment_mode="expand")
            box = doc.char_span(box_range[0], max(box_range[1], q.end), alignment_mode="expand")
            if inner is None or box is None or not len(inner):
                continue
            found = self._cue(doc, inner, box)
            if found is None or tok_range(doc, found[0].i, found[0].i, text) in cues:
                continue
            verb, subj = found
            lo, hi = subtree_range(subj)
            hi = next((t.i - 1 for t in doc[subj.i : hi + 1] if t.text == ","), hi)  # less ", which …"
            out.append(_inner_quote(doc, text, verb, (lo, hi), q))
        return out

    def find_reported(self, doc: Doc, attributions: list[RawAttribution]) -> list[RawAttribution]:
        """Speech reported inside a report: in "Afterward, Sondland said he had relayed …, Morrison
        testified" Morrison's content holds Sondland's own cue, subject and clause. For each speech
        verb in an indirect content with a subject of its own (a name or people by what they are,
        or the "by X" of a passive; not the outer source) and a clause of its own that no
        attribution has as its cue yet, an indirect attribution of its own (the sourcing step
        marks it second-hand, through the outer source)."""
        text = doc_text(doc)
        cues = {i for a in attributions if a.cue for i in range(a.cue[0], a.cue[1])}
        out: list[RawAttribution] = []
        for a in attributions:
            if a.kind == "direct" or a.source is None or not a.content:
                continue
            for lo, hi in a.content:
                span = doc.char_span(lo, hi, alignment_mode="contract")
                for tok in span or ():
                    if not self._speech(tok) or tok.idx in cues or tok.pos_ != "VERB":
                        continue
                    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None) or _after_noun(tok)
                    clause = next((c for c in tok.children if c.dep_ == "ccomp" and c.i > tok.i), None)
                    by = agent_of(tok)
                    if subj is None and by is not None:  # "employees were told by WeWork to sign …"
                        subj = by
                        clause = clause or next(
                            (c for c in tok.children if c.dep_ == "xcomp" and c.i > tok.i), None
                        )
                    if (
                        subj is None
                        or clause is None
                        or not self._reporter(subj)
                        or a.source[0] <= subj.idx < a.source[1]
                        or subj.idx < lo
                    ):
                        continue
                    c_lo, c_hi = subtree_range(clause)
                    while c_hi > c_lo and (
                        doc[c_hi].idx >= hi or (doc[c_hi].is_punct and doc[c_hi].text not in QUOTE_MARKS)
                    ):
                        c_hi -= 1  # within the outer content: "…, according to X" is not the clause's
                    if c_hi - c_lo < 2 or (
                        tok.lemma_.lower() in lexicons.load("act_belief")
                        and any(t.text in QUOTE_MARKS for t in doc[c_lo : c_hi + 1])
                    ):
                        # "Pompeo said Washington had concluded it was 'not … inconsistent'": the
                        # words quoted of a mind are the reporter's (of a speech verb, the speaker's)
                        continue
                    s_lo, s_hi = subtree_range(subj)
                    cues.add(tok.idx)
                    out.append(
                        RawAttribution(
                            cue=tok_range(doc, tok.i, tok.i, text),
                            content=[tok_range(doc, c_lo, c_hi, text)],
                            source=tok_range(doc, s_lo, s_hi, text),
                            kind="indirect",
                            confidence=limits.NESTED,
                        )
                    )
        return out

    def _reporter(self, subj: Token) -> bool:
        """A subject that can report speech of its own: a name ("Sondland said he had …") or
        people by what they are ("employees of a car dealership said he tried to steal a van")."""
        if subj.pos_ == "PROPN" or subj.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
            return True
        return subj.pos_ == "NOUN" and subj.lemma_.lower() in self.people

    def _cue(self, doc: Doc, inner: Span, box: Span) -> tuple[Token, Token] | None:
        """The speech verb next to ``inner`` inside ``box`` and its subject, if there is one."""
        i = inner.start - 1
        steps = 0
        while (
            i >= box.start and steps < limits.NESTED_REACH and (doc[i].is_punct or doc[i].lower_ in _BRIDGE)
        ):
            i, steps = i - 1, steps + 1
        if i >= box.start and (self._speech(doc[i]) or self._writes(doc, doc[i])) and not _passive(doc[i]):
            subj = find_subject(doc[i])
            if subj is not None and box.start <= subj.i < inner.start:
                return doc[i], subj
        if i > box.start and self._mistagged(doc[i]) and doc[i - 1].pos_ in ("PROPN", "PRON"):
            return doc[i], doc[i - 1]  # "heard President Trump ask, ‘…’" with "ask" tagged a name
        j = inner.end
        while j < box.end and j - inner.end < limits.NESTED_REACH and doc[j].is_punct:
            j += 1
        for k in range(j, min(j + limits.NESTED_REACH, box.end)):
            verb = doc[k]  # "‘…,’ she said", "‘…,’ Ambassador Sondland said", "‘…,’ said Smith"
            if not self._speech(verb):
                if verb.is_punct:
                    break
                continue
            subj = find_subject(verb)
            if subj is not None and j <= subj.i < box.end and subj.i <= k + limits.NESTED_REACH:
                return verb, subj
            break
        return None

    def _writes(self, doc: Doc, tok: Token) -> bool:
        """A verb of writing that a colon joins to the quotation: "posted: “…”" (not "posted photos")."""
        return (
            tok.pos_ == "VERB"
            and tok.lemma_.lower() in self.writing
            and tok.i + 1 < len(doc)
            and doc[tok.i + 1].text == ":"
        )

    def _mistagged(self, tok: Token) -> bool:
        """A lower-case speech verb the tagger took for a noun or a name."""
        return tok.is_lower and tok.pos_ in ("NOUN", "PROPN") and tok.lower_ in self.verbs

    def _speech(self, tok: Token) -> bool:
        return tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in self.verbs
