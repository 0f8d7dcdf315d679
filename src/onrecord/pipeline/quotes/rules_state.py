"""The per-document state the rule passes of :mod:`.rules` share: quotations and tokens indexed,
the quotation each token lies in, and how a cue with its content becomes an attribution."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from onrecord.pipeline import lexicons
from onrecord.pipeline.quotes.cues import (
    agent_of,
    find_subject,
    is_hearsay,
    lemma,
    source_range,
    tok_range,
    trim,
)
from onrecord.pipeline.quotes.use import is_speech
from onrecord.pipeline.types import Offsets, Quote, RawAttribution, doc_text

if TYPE_CHECKING:
    from onrecord.pipeline.quotes.rules import AttributionFinder

_DEMONSTRATIVES = {"this", "that", "these", "those"}


@dataclass(slots=True)
class Cue:
    """A cue: tokens ``first`` to ``last``, ``anchor`` its verb; ``used`` once it gave an attribution."""

    first: int
    last: int
    anchor: Token
    phrase: bool = False
    used: bool = False


class RuleState:
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
        self.cue_by_anchor: dict[int, Cue] = {}
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

    # -- emitting ---------------------------------------------------------------------------------
    def _emit(self, cue: Cue, content: list[tuple[int, int]], kind: str, conf: float) -> None:
        spans = [tok_range(self.doc, a, b, self.text) for a, b in content]
        self._emit_chars(cue, spans, kind, conf)

    def _emit_chars(self, cue: Cue, spans: list[Offsets], kind: str, conf: float) -> None:
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
        return demonstrative or lemma(v) in lexicons.load("inference_verbs")
