"""Find attributions (source, cue, content) in a parsed Doc: the rule layer.

Rules over the dependency parse, the quotation marks and the cue lexicons (data files):

1. cues: cue verbs (``cue_verbs*.txt``, any tense and voice) and cue phrases ("made it clear",
   "was quick to clarify"); cue words inside quotation marks are the speaker's own words, not cues;
2. a cue whose complement holds a quotation gives a direct quote (the complement is the quote) or a
   mixed one (reported speech with a quoted fragment);
3. each remaining quotation looks for its cue right after it ("‘…,’ he said") or right before it
   ("He added: ‘…’"); a quote split around its cue, or running over several paragraphs, is one
   attribution with several content spans; a quote with no cue is kept with no source (the speaker
   step gives it the speaker of the surrounding quotes where the text makes that clear);
4. the remaining cues give indirect speech: a clausal complement, an infinitive for intentions
   ("wants to"), "X views Y as Z", a noun-phrase object for stance verbs ("denied the claims"),
   parentheticals ("the economy, he said, is improving") and "as X made clear, Y";
5. "according to X", nominal cues ("in a statement", "in an interview with …", "X's claim that …").
"""

from __future__ import annotations

import bisect

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Token

from onrecord.pipeline import lexicons
from onrecord.pipeline.quotes import limits
from onrecord.pipeline.quotes.cues import (
    CueLexicon,
    cue_lexicon,
    lemma,
    source_range,
    subtree_range,
    tok_range,
    trim,
    words,
)
from onrecord.pipeline.quotes.marks import find_quotes
from onrecord.pipeline.quotes.rules_cues import CuePass
from onrecord.pipeline.quotes.rules_quotes import QuotePass
from onrecord.pipeline.quotes.rules_state import Cue
from onrecord.pipeline.types import Quote, RawAttribution, doc_text


class AttributionFinder:
    """Rule-based attribution finder (component ``onrecord_attribution``)."""

    def __init__(self, nlp: Language) -> None:
        self.lex: CueLexicon = cue_lexicon()
        self.matcher = Matcher(nlp.vocab)
        for phrase in self.lex.phrases:
            self.matcher.add("CUE", [[{"LOWER": w} for w in phrase]])
        self.person_nouns = lexicons.person_words()
        self.org_nouns = lexicons.load("org_nouns")
        self.doc_nouns = lexicons.load("document_nouns")

    def __call__(self, doc: Doc) -> Doc:
        quotes: list[Quote] = doc._.quotes if doc._.quotes is not None else find_quotes(doc_text(doc))
        doc._.attributions = _Finder(self, doc, quotes).run()
        return doc


class _Finder(CuePass, QuotePass):
    """One document's worth of state (:mod:`.rules_state`) and the passes over it: cues and their
    content (:mod:`.rules_cues`), quotations looking for their cue (:mod:`.rules_quotes`), then
    here the phrase patterns and the clean-up."""

    # -- main ---------------------------------------------------------------------------------------
    def run(self) -> list[RawAttribution]:
        if not len(self.doc):
            return []
        cues = self._cues()
        deferred: list[tuple[Cue, list[tuple[int, int]]]] = []
        for cue in cues:
            content = self._in_paragraph(cue, self._content(cue))
            if not content:
                continue
            q_in = self._quotes_in(content)
            if q_in:
                if content[0][0] < cue.first or self._fronted_quote(cue):
                    continue  # a fronted or split quote: the quote pass ties it to this cue
                self._quoted(cue, content, q_in)
            else:
                deferred.append((cue, content))
        self._quote_pass(cues)
        for cue, content in deferred:
            if not cue.used:
                self._emit(cue, content, "indirect", limits.INDIRECT)
        self._according_to()
        self._nominal(cues)
        self._truncate_nested()
        self.out.sort(key=lambda a: a.content[0][0] if a.content else (a.cue or (0, 0))[0])
        return self.out

    # -- phrase patterns --------------------------------------------------------------------------
    def _according_to(self) -> None:
        doc = self.doc
        for tok in doc:
            if tok.lower_ != "according" or tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ != "to":
                continue
            if self.in_quote[tok.i] >= 0:
                continue
            to = doc[tok.i + 1]
            pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
            if pobj is None:
                continue
            s_first, s_last = subtree_range(pobj)
            sent = tok.sent
            # within the cue's paragraph: the parse may run a sentence over a paragraph break
            breaks = [i for i in range(sent.start, sent.end - 1) if "\n" in doc[i].text_with_ws]
            start = max((i + 1 for i in breaks if i < tok.i), default=sent.start)
            end = min((i - doc[i].is_space for i in breaks if i > s_last), default=sent.end - 1)
            before = (start, tok.i - 1)
            after = (s_last + 1, end)
            content = before if words(self.doc, before) >= words(self.doc, after) else after
            if words(self.doc, content) < 2:
                continue
            src = tok_range(doc, s_first, s_last, self.text)
            hearsay = lemma(pobj) in lexicons.load("hearsay_nouns") and not pobj.ent_type_
            self.out.append(
                RawAttribution(
                    cue=tok_range(doc, tok.i, to.i, self.text),
                    content=[tok_range(doc, *content, self.text)],
                    source=src,
                    kind="mixed" if self._quotes_in([content]) else "indirect",
                    confidence=limits.ACCORDING_TO,
                    hearsay=hearsay,
                )
            )

    def _nominal(self, cues: list[Cue]) -> None:
        """'X's claim that …'; 'In a statement, X rejected …' where the main verb is no cue."""
        doc = self.doc
        cue_anchors = {c.anchor.i for c in cues if c.used}
        for tok in doc:
            if tok.pos_ != "NOUN" or lemma(tok) not in self.lex.nouns or self.in_quote[tok.i] >= 0:
                continue
            # X's claim that ...
            poss = next((c for c in tok.children if c.dep_ == "poss"), None)
            clause = next(
                (
                    c
                    for c in tok.children
                    if c.dep_ in ("acl", "ccomp")
                    and any(m.lower_ == "that" and m.dep_ == "mark" for m in c.children)
                ),
                None,
            )
            if poss is not None and clause is not None and poss.lower_ not in ("its",):
                p_first, p_last = subtree_range(poss)
                while p_last > p_first and doc[p_last].dep_ == "case":
                    p_last -= 1
                self._add_nominal(tok, tok, (p_first, p_last), [subtree_range(clause)])
                continue
            # in a statement / in an interview (with …), X <verb> …
            prep = tok.head
            if tok.dep_ != "pobj" or prep.lower_ != "in" or prep.head.pos_ not in ("VERB", "AUX"):
                continue
            if any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children):
                continue
            verb = prep.head
            if verb.i in cue_anchors or lemma(verb) in self.lex.verbs:
                continue
            subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if (
                subj is None
                or subj.pos_ not in ("PROPN", "NOUN", "PRON")
                or subj.lower_ in ("it", "there", "this")
            ):
                continue
            first, last = subtree_range(verb)
            skip = {t.i for t in prep.subtree} | {t.i for t in subj.subtree}
            body = [t.i for t in doc[first : last + 1] if t.i not in skip and t.i >= verb.i - 3]
            body = [i for i in body if i >= min(subj.i + 1, verb.i)]
            if len(body) < 3:
                continue
            self._add_nominal(prep, tok, source_range(subj) or subtree_range(subj), [(min(body), max(body))])

    def _add_nominal(
        self, first: Token, last: Token, src: tuple[int, int], content: list[tuple[int, int]]
    ) -> None:
        spans = [tok_range(self.doc, a, b, self.text) for a, b in content]
        if any(a.cue and first.idx <= a.cue[0] < last.idx + len(last) for a in self.out):
            return
        self.out.append(
            RawAttribution(
                cue=tok_range(self.doc, first.i, last.i, self.text),
                content=spans,
                source=tok_range(self.doc, *src, self.text),
                kind="mixed" if self._quotes_in(content) else "indirect",
                confidence=limits.NOMINAL,
            )
        )

    # -- clean-up ---------------------------------------------------------------------------------
    def _truncate_nested(self) -> None:
        """Content must not run into another attribution's own source and cue (", a move that analysts view as")."""
        with_cue = sorted(
            (b for b in self.out if b.cue is not None and b.source is not None),
            key=lambda b: b.cue[0] if b.cue else 0,
        )
        cue_starts = [b.cue[0] if b.cue else 0 for b in with_cue]
        for a in self.out:
            if a.kind == "direct" or not a.content:
                continue
            new = []
            for s in a.content:
                lo, hi = s
                for b in with_cue[bisect.bisect_left(cue_starts, lo) : bisect.bisect_left(cue_starts, hi)]:
                    if b is a or b.cue is None or b.source is None:
                        continue
                    if lo < b.source[0] < hi and lo < b.cue[0] < hi and b.source[0] < b.cue[0]:
                        cut = self._clause_start(b.source[0])
                        if lo < cut < hi:
                            hi = cut
                            break  # every later cue starts after b's, so at or past the new end
                new.append(trim(self.text, lo, hi))
            a.content = [s for s in new if s[1] > s[0]] or a.content

    def _clause_start(self, char: int) -> int:
        """Start of the noun phrase a relative clause hangs on, or ``char`` itself."""
        span = self.doc.char_span(char, char + 1, alignment_mode="expand")
        if span is None:
            return char
        t = span[0]
        for _ in range(limits.MAX_CLIMB):
            if t.dep_ in ("relcl", "ROOT") or t.head.i == t.i or t.head.i <= t.i - 20:
                break
            if t.head.dep_ == "relcl":
                first = subtree_range(t.head.head, skip={t.head.i})[0]
                return int(self.doc[first].idx)
            t = t.head
        return char
