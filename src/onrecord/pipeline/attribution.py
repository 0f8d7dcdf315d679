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
from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Token

from onrecord.pipeline import lexicons
from onrecord.pipeline.cues import (
    CueLexicon,
    agent_of,
    clause_range,
    cue_lexicon,
    find_subject,
    is_hearsay,
    lemma,
    np_content,
    outside_of,
    source_range,
    subtree_range,
    tok_range,
    trim,
    words,
)
from onrecord.pipeline.quote_use import is_speech
from onrecord.pipeline.quotes import find_quotes
from onrecord.pipeline.types import Offsets, Quote, RawAttribution, doc_text

_CLAUSE_MARKS = {"that", "whether", "if", "how", "why", "what", "when", "where"}
_INFERENCE = {
    "suggest",
    "hint",
    "indicate",
    "show",
    "mean",
    "imply",
    "signal",
    "reflect",
    "underline",
    "reveal",
}
_DEMONSTRATIVES = {"this", "that", "these", "those"}
_SENT_END = {".", "!", "?"}
#: Most head steps taken from a source up to the relative clause it sits in. In PolNeAR dev, 100
#: train articles and the seed the longest climb is 21 steps; a run of quotation marks the parser
#: reads as one sentence thousands of tokens long would otherwise climb all of it for every source.
_MAX_CLIMB = 32
_OPEN_MARKS = "“‘«„‹\"'"


@dataclass(slots=True)
class _Cue:
    first: int
    last: int
    anchor: Token
    phrase: bool = False
    used: bool = False


class AttributionFinder:
    """Rule-based attribution finder (component ``onrecord_attribution``)."""

    def __init__(self, nlp: Language) -> None:
        self.lex: CueLexicon = cue_lexicon()
        self.matcher = Matcher(nlp.vocab)
        for phrase in self.lex.phrases:
            self.matcher.add("CUE", [[{"LOWER": w} for w in phrase]])
        self.person_nouns = lexicons.load("person_nouns") | lexicons.load("titles")
        self.org_nouns = lexicons.load("org_nouns")
        self.doc_nouns = lexicons.load("document_nouns")

    def __call__(self, doc: Doc) -> Doc:
        quotes: list[Quote] = doc._.quotes if doc._.quotes is not None else find_quotes(doc_text(doc))
        doc._.attributions = _Finder(self, doc, quotes).run()
        return doc


class _Finder:
    """One document's worth of state."""

    def __init__(self, owner: AttributionFinder, doc: Doc, quotes: list[Quote]) -> None:
        self.o = owner
        self.lex = owner.lex
        self.doc = doc
        self.text = doc_text(doc)
        self.quotes = [q for q in quotes if 0 <= q.start < q.end <= len(self.text)]
        self.quotes.sort(key=lambda q: (q.start, -q.end))
        self.q_starts = [q.start for q in self.quotes]
        self.nested = self._nested()
        self.tok_starts = [t.idx for t in doc]
        self.used_q: set[int] = set()
        self.in_quote = self._quote_map()
        self.out: list[RawAttribution] = []
        self.cue_by_anchor: dict[int, _Cue] = {}
        self.cue_firsts: list[int] = []

    def _nested(self) -> list[bool]:
        """For each quote, whether it lies inside an earlier (outer) quote."""
        out = []
        reach = -1
        for q in self.quotes:
            out.append(q.end <= reach)
            reach = max(reach, q.end)
        return out

    def _tok_from(self, char: int) -> int | None:
        """Index of the first token starting at or after ``char``."""
        i = bisect.bisect_left(self.tok_starts, char)
        return i if i < len(self.tok_starts) else None

    def _quotes_between(self, lo: int, hi: int) -> range:
        """Indices of quotes that start in ``[lo, hi)``."""
        return range(bisect.bisect_left(self.q_starts, lo), bisect.bisect_left(self.q_starts, hi))

    # -- setup ------------------------------------------------------------------------------------
    def _quote_map(self) -> list[int]:
        """For each token, the index of the outermost quote (of 3+ words) it lies in, else -1."""
        qmap = [-1] * len(self.doc)
        for qi, q in enumerate(self.quotes):
            if len(self.text[q.inner[0] : q.inner[1]].split()) < 3:
                continue
            span = self.doc.char_span(q.inner[0], q.inner[1], alignment_mode="expand")
            if span is None:
                continue
            for t in span:
                if qmap[t.i] == -1:
                    qmap[t.i] = qi
        return qmap

    def _cues(self) -> list[_Cue]:
        cues: list[_Cue] = []
        taken: set[int] = set()
        for _, start, end in self.o.matcher(self.doc):
            toks = self.doc[start:end]
            if any(self.in_quote[t.i] >= 0 or t.i in taken for t in toks):
                continue
            anchor = next((t for t in toks if t.pos_ in ("VERB", "AUX")), toks[0])
            cues.append(_Cue(start, end - 1, anchor, phrase=True))
            taken.update(range(start, end))
        for t in self.doc:
            if t.i in taken or self.in_quote[t.i] >= 0 or t.pos_ != "VERB" or lemma(t) not in self.lex.verbs:
                continue
            if t.dep_ in ("amod", "compound", "acl") and t.tag_ == "VBN":
                continue  # "the said plan", "a plan announced on Monday"
            first, last = t.i, t.i
            prt = [c.i for c in t.children if c.dep_ == "prt"]
            if prt:
                last = max(last, *prt)
            if t.dep_ == "xcomp" and t.head.pos_ == "ADJ" and t.head.dep_ == "acomp" and t.head.head.i < t.i:
                first = t.head.head.i  # "was quick to clarify"
            cues.append(_Cue(first, last, t))
        cues.sort(key=lambda c: c.first)
        return cues

    # -- main ---------------------------------------------------------------------------------------
    def run(self) -> list[RawAttribution]:
        if not len(self.doc):
            return []
        cues = self._cues()
        deferred: list[tuple[_Cue, list[tuple[int, int]]]] = []
        for cue in cues:
            content = self._content(cue)
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
                self._emit(cue, content, "indirect", 0.6)
        self._according_to()
        self._nominal(cues)
        self._truncate_nested()
        self.out.sort(key=lambda a: a.content[0][0] if a.content else (a.cue or (0, 0))[0])
        return self.out

    # -- content of a cue -------------------------------------------------------------------------
    def _content(self, cue: _Cue) -> list[tuple[int, int]]:
        """Token ranges of the content of a cue (empty when the cue reports nothing here)."""
        doc, v = self.doc, cue.anchor
        in_cue = set(range(cue.first, cue.last + 1))
        heads = [doc[i] for i in sorted(in_cue)]
        # "As X made clear, Y" / "Y, as X said"
        if (
            v.dep_ == "advcl"
            and any(c.lower_ == "as" and c.dep_ == "mark" for c in v.children)
            and not any(
                c.dep_ in ("dobj", "xcomp", "ccomp", "prep") and c.i not in in_cue for c in v.children
            )
        ):
            return outside_of(v)
        # parenthetical "the economy, he said, is improving"
        if v.dep_ == "parataxis" and v.head.i != v.i and self._subject_or_agent(v) is not None:
            return outside_of(v)
        clausal = [
            c
            for h in heads
            for c in h.children
            if c.i not in in_cue
            and (
                c.dep_ == "ccomp"
                or (
                    c.dep_ in ("advcl", "dep", "xcomp")
                    and any(m.dep_ == "mark" and m.lower_ in _CLAUSE_MARKS for m in c.children)
                )
            )
        ]
        right = [c for c in clausal if c.i > cue.last]
        # before the cue only a complement clause is reported ("The economy is fine, he said"); a
        # fronted adverbial clause frames the report ("If they failed, the state could deny them …")
        left = [c for c in clausal if c.i < cue.first and c.dep_ == "ccomp"]
        if right:
            c = right[0]
            first, last = clause_range(c)
            if doc[first].lower_.endswith(("self", "selves")):
                return []
            return [(first, last)]
        if left and self._subject_or_agent(v) is not None:
            c = left[-1]
            first, last = subtree_range(c)
            if last < cue.first:
                return [(first, last)]
        lem = lemma(v)
        if lem in self.lex.intent_verbs:
            x = next((c for c in v.children if c.dep_ == "xcomp" and c.i > cue.last), None)
            if x is not None:
                return [subtree_range(x)]
        dobj = next((c for c in v.children if c.dep_ in ("dobj", "obj") and c.i > cue.last), None)
        if lem in self.lex.framing_verbs:
            as_kids = [
                c
                for c in v.children
                if c.i > cue.last
                and (c.dep_ == "oprd" or (c.lower_ == "as" and c.dep_ in ("prep", "conj", "advmod")))
            ]
            if as_kids:
                if dobj is not None and dobj.tag_ == "PRP":
                    return []  # "casting himself as …"
                start = (
                    dobj.i
                    if dobj is not None and dobj.lower_ not in ("that", "which", "who")
                    else as_kids[0].i
                )
                first = min(subtree_range(doc[start])[0], start)
                last = max(subtree_range(c)[1] for c in as_kids)
                return [(first, last)]
        if dobj is not None and (lem in self.lex.object_verbs or cue.phrase) and dobj.pos_ not in ("PRON",):
            return [np_content(dobj)]
        if cue.phrase:
            last_tok = doc[cue.last]
            pobj = next((c for c in last_tok.children if c.dep_ in ("pobj", "pcomp")), None)
            if pobj is not None:
                return [subtree_range(pobj)]
            nxt = cue.last + 1
            end = v.right_edge.i
            if nxt < len(doc) and end - nxt >= 2 and doc[nxt].sent == v.sent:
                return [(nxt, end)]
        return []

    def _subject_or_agent(self, v: Token) -> Token | None:
        subj = find_subject(v)
        if subj is None or (subj.lower_ == "it" and subj.dep_ == "nsubjpass"):
            return agent_of(v)
        return subj

    # -- quotes -----------------------------------------------------------------------------------
    def _speech(self, qi: int, *, min_words: int = 2) -> bool:
        return is_speech(self.text, self.quotes[qi], min_words=min_words)

    def _quotes_in(self, content: list[tuple[int, int]]) -> list[int]:
        """Quotes (2+ words, not inside another) at least half inside the content ranges."""
        found = []
        lo_all = self.doc[content[0][0]].idx - 1
        hi_all = self.doc[content[-1][1]].idx + len(self.doc[content[-1][1]])
        for qi in self._quotes_between(max(0, lo_all - 1), hi_all):
            q = self.quotes[qi]
            if qi in self.used_q or self.nested[qi] or not self._speech(qi):
                continue
            for r in content:
                lo, hi = self.doc[r[0]].idx, self.doc[r[1]].idx + len(self.doc[r[1]])
                inside = max(0, min(hi, q.inner[1]) - max(lo, q.inner[0]))
                if inside * 2 >= q.inner[1] - q.inner[0]:
                    found.append(qi)
                    break
        return found

    def _fronted_quote(self, cue: _Cue) -> bool:
        """A quote ends right before the cue ("“A,” Jones said, “B.”")."""
        cue_start = self.doc[cue.first].idx
        for qi in self._quotes_between(max(0, cue_start - 3000), cue_start):
            q = self.quotes[qi]
            if qi in self.used_q or q.end > cue_start or not self._speech(qi):
                continue
            gap = self.text[q.end : cue_start]
            if len(gap.split()) <= 6 and not any(ch in gap for ch in ".!?\n"):
                return True
        return False

    def _quoted(self, cue: _Cue, content: list[tuple[int, int]], q_in: list[int]) -> None:
        """A cue whose complement holds quotes: direct when the quote is the complement, else mixed."""
        lo, hi = self.doc[content[0][0]].idx, self.doc[content[-1][1]].idx + len(self.doc[content[-1][1]])
        stripped = self.text[lo:hi]
        for mark in ("that ", "whether ", ": ", ", "):
            if stripped.lower().startswith(mark):
                stripped = stripped[len(mark) :]
        quoted = sum(self.quotes[qi].end - self.quotes[qi].start for qi in q_in)
        if quoted >= 0.8 * len(stripped.strip()):
            spans = []
            for qi in q_in:
                spans.extend(self._quote_group(qi))
            self._emit_chars(cue, spans, "direct", 0.8)
        else:
            for qi in q_in:
                self.used_q.add(qi)
            self._emit(cue, content, "mixed", 0.7)

    def _quote_group(self, qi: int) -> list[Offsets]:
        """Inner spans of a quote and its continuation paragraphs (multi-paragraph quotes)."""
        idxs = self._group_indices(qi)
        self.used_q.update(idxs)
        spans = [trim(self.text, *self.quotes[j].inner) for j in idxs]
        return [s for s in spans if s[1] > s[0]]

    def _group_indices(self, qi: int) -> list[int]:
        idxs = [qi]
        cur = qi
        while not self.quotes[cur].closed:
            nxt = next(
                (j for j in range(cur + 1, len(self.quotes)) if self.quotes[j].start >= self.quotes[cur].end),
                None,
            )
            if nxt is None:
                break
            between = self.text[self.quotes[cur].end : self.quotes[nxt].start]
            if between.strip() or "\n" not in between:
                break
            idxs.append(nxt)
            cur = nxt
        return idxs

    def _quote_pass(self, cues: list[_Cue]) -> None:
        self.cue_by_anchor = {c.anchor.i: c for c in cues}
        self.cue_firsts = [c.first for c in cues]
        covered = sorted(s for a in self.out for s in a.content)
        cov_starts = [s[0] for s in covered]
        for qi, q in enumerate(self.quotes):
            if qi in self.used_q or self.nested[qi] or not self._speech(qi, min_words=3):
                continue
            k = bisect.bisect_right(cov_starts, q.inner[0]) - 1
            if any(
                covered[j][0] <= q.inner[0] and q.inner[1] <= covered[j][1] + 1
                for j in range(max(0, k - 3), k + 1)
            ):
                continue
            last_q = self.quotes[self._group_indices(qi)[-1]]
            spans = self._quote_group(qi)
            cue = self._cue_after(last_q, cues) or self._cue_before(q, cues)
            if cue is None:
                if self._words_in(spans) >= 6 and not self.text[q.inner[0] : q.inner[1]].isupper():
                    self.out.append(
                        RawAttribution(cue=None, content=spans, source=None, kind="direct", confidence=0.4)
                    )
                continue
            if (
                self.doc[cue.first].idx > q.start
            ):  # "‘A,’ he said, ‘B.’": the quote right after the cue clause continues it
                spans.extend(self._continuation(last_q, cue))
            self._emit_chars(cue, spans, "direct", 0.8)

    def _words_in(self, spans: list[Offsets]) -> int:
        return sum(len(self.text[a:b].split()) for a, b in spans)

    def _cue_after(self, q: Quote, cues: list[_Cue]) -> _Cue | None:
        ti = self._tok_from(q.end)
        if ti is None:
            return None
        start_tok = self.doc[ti]
        limit = start_tok.i + 12
        for t in self.doc[start_tok.i : min(limit, len(self.doc))]:
            if (
                t.text == "\n"
                or "\n" in t.text
                or (t.text in _SENT_END and t.i > start_tok.i)
                or self.in_quote[t.i] >= 0
            ):
                return None
            if t.text and t.text[0] in _OPEN_MARKS and t.i > start_tok.i:
                return None
            cue = self.cue_by_anchor.get(t.i)
            if cue is not None and cue.used:
                cue = None
            if cue is not None:
                inner = self.text[q.inner[0] : q.inner[1]].rstrip()
                ends_open = inner[-1:] in (",", "?", "!", "—", "–", "-", "…") or (
                    inner[-1:] == "."
                    and (t.i == start_tok.i or start_tok.is_lower or start_tok.pos_ in ("PRON", "PROPN"))
                )
                if ends_open and self._subject_or_agent(cue.anchor) is not None:
                    return cue
                return None
            if t.pos_ in ("VERB",) and t.dep_ not in ("amod", "compound", "acl", "relcl"):
                return None
        return None

    def _cue_before(self, q: Quote, cues: list[_Cue]) -> _Cue | None:
        ti = self._tok_from(q.start)
        if ti is None:
            return None
        first_in = self.doc[ti]
        best = None
        lo = bisect.bisect_left(self.cue_firsts, first_in.i - 16)
        hi = bisect.bisect_left(self.cue_firsts, first_in.i)
        for c in cues[lo:hi]:
            if c.used or c.last >= first_in.i:
                continue
            gap = self.doc[c.last + 1 : first_in.i]
            gap_text = gap.text.strip()
            if len(gap) > 10 or any(t.text in _SENT_END for t in gap):
                continue
            if "\n" in gap.text and not gap_text.endswith(":"):
                continue
            ok_end = gap_text == "" or gap_text.endswith((":", ",", "that")) or gap_text.lower() in ("that",)
            if ok_end and self._subject_or_agent(c.anchor) is not None:
                best = c
        return best

    def _continuation(self, q: Quote, cue: _Cue) -> list[Offsets]:
        cue_end = self.doc[cue.last].idx + len(self.doc[cue.last])
        for qj in self._quotes_between(cue_end, cue_end + 400):
            q2 = self.quotes[qj]
            if qj in self.used_q:
                continue
            between = self.text[cue_end : q2.start]
            first_inner = self.text[q.inner[0] : q.inner[1]].rstrip()
            if "\n" in between or any(ch in between for ch in ".!?") or len(between.split()) > 8:
                return []
            if not (first_inner.endswith(",") or between.rstrip().endswith((",", ":"))):
                return []
            return self._quote_group(qj)
        return []

    # -- emitting ---------------------------------------------------------------------------------
    def _emit(self, cue: _Cue, content: list[tuple[int, int]], kind: str, conf: float) -> None:
        spans = [tok_range(self.doc, a, b, self.text) for a, b in content]
        self._emit_chars(cue, spans, kind, conf)

    def _emit_chars(self, cue: _Cue, spans: list[Offsets], kind: str, conf: float) -> None:
        spans = [s for s in spans if s[1] > s[0]]
        if not spans:
            return
        v = cue.anchor
        raw = find_subject(v)
        expletive = raw is not None and raw.lower_ == "it" and raw.dep_ == "nsubjpass"  # "it is said that"
        subj = self._subject_or_agent(v)
        source: Offsets | None = None
        if subj is not None:
            rng = source_range(subj)
            if rng is not None:
                source = tok_range(self.doc, *rng, self.text)
                if self._drop_source(subj, v):
                    return
        if source is not None and any(s[0] < source[1] and source[0] < s[1] for s in spans):
            return  # source and content overlap: a misparse ("one pastor supporting Mr. Cruz")
        if expletive and subj is None:
            source = None
        hearsay = is_hearsay(v, self.lex) or (expletive and subj is None)
        cue.used = True
        self.out.append(
            RawAttribution(
                cue=tok_range(self.doc, cue.first, cue.last, self.text),
                content=spans,
                source=source,
                kind=kind,
                confidence=conf,
                hearsay=hearsay,
            )
        )

    def _drop_source(self, subj: Token, v: Token) -> bool:
        """Abstract things are no speakers: "This distinction suggests that …"."""
        if subj.pos_ not in ("NOUN",) or subj.ent_type_:
            return False
        lem = lemma(subj)
        if lem in self.o.person_nouns or lem in self.o.org_nouns or lem in self.o.doc_nouns:
            return False
        demonstrative = any(c.dep_ == "det" and c.lower_ in _DEMONSTRATIVES for c in subj.children)
        return demonstrative or lemma(v) in _INFERENCE

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
            before = (sent.start, tok.i - 1)
            after = (s_last + 1, sent.end - 1)
            content = before if words(self.doc, before) >= words(self.doc, after) else after
            if words(self.doc, content) < 2:
                continue
            src = tok_range(doc, s_first, s_last, self.text)
            hearsay = lemma(pobj) in ("report", "rumor", "rumour", "account") and not pobj.ent_type_
            self.out.append(
                RawAttribution(
                    cue=tok_range(doc, tok.i, to.i, self.text),
                    content=[tok_range(doc, *content, self.text)],
                    source=src,
                    kind="mixed" if self._quotes_in([content]) else "indirect",
                    confidence=0.7,
                    hearsay=hearsay,
                )
            )

    def _nominal(self, cues: list[_Cue]) -> None:
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
                confidence=0.5,
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
        for _ in range(_MAX_CLIMB):
            if t.dep_ in ("relcl", "ROOT") or t.head.i == t.i or t.head.i <= t.i - 20:
                break
            if t.head.dep_ == "relcl":
                first = subtree_range(t.head.head, skip={t.head.i})[0]
                return int(self.doc[first].idx)
            t = t.head
        return char
