"""Editorial colour: evaluation or narrative with no informational content, found as spans.

General patterns over the parse, each with its word list in ``lexicons/``:

- metaphors and stock phrases (``editorial.txt``: "in the shadows of", "chess game", "tightrope"),
  widened to their noun phrase or prepositional phrase;
- evaluative / dramatic adjectives on a noun (``evaluative_adjectives.txt``: "an unfiltered glimpse"),
  and framing adjectives on a narrative noun (``framing_adjectives.txt`` × ``rare_nouns.txt``:
  "a rare and highly confidential interview");
- absolute constructions after a comma: possessive + noun + adjective/participle
  (", his voice steady", ", his words carefully chosen to …");
- manner adjuncts: a participle of speaking with a manner noun
  ("Speaking with the kind of authority that …": ``manner_verbs.txt`` × ``manner_nouns.txt``);
- unsourced reactions told as narrative: verb + object pairs (``reaction_phrases.txt``:
  "sparked quiet speculation in …").

Colour inside quotation marks is the speaker's, not the author's, and is left out.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from onrecord.pipeline import lexicons
from onrecord.pipeline.quotes.marks import QUOTE_MARKS
from onrecord.pipeline.sourcing import limits
from onrecord.pipeline.sourcing.markers import inside_any, quoted_ranges
from onrecord.pipeline.types import RawMarker

_PREPS = {"in", "into", "from", "behind", "at", "on", "amid", "within", "inside", "under"}
_CLAUSE_END = {",", ";", ".", "!", "?", ":", "—", "–", "(", ")"}


def _reaction_pairs() -> frozenset[tuple[str, str]]:
    pairs = set()
    for line in lexicons.load("reaction_phrases"):
        parts = line.split()
        if len(parts) == 2:
            pairs.add((parts[0], parts[1]))
    return frozenset(pairs)


def _trim(doc: Doc, lo: int, hi: int) -> Span:
    while hi - 1 > lo and (doc[hi - 1].is_punct or doc[hi - 1].text in QUOTE_MARKS):
        hi -= 1
    while lo < hi - 1 and doc[lo].is_punct:
        lo += 1
    return doc[lo:hi]


def noun_phrase(noun: Token) -> Span:
    """The noun with everything to its left in its subtree ("a deeper geopolitical chess game"),
    plus a sentence-initial preposition that governs it ("In a rare … interview")."""
    doc = noun.doc
    left = min((t.i for t in noun.subtree if t.i <= noun.i), default=noun.i)
    head = noun.head
    if noun.dep_ == "pobj" and head.dep_ == "prep" and head.i == left - 1 and head.i == head.sent.start:
        left = head.i
    return _trim(doc, left, noun.i + 1)


def _pp_span(prep: Token) -> Span:
    sub = list(prep.subtree)
    return _trim(prep.doc, sub[0].i, sub[-1].i + 1)


def _to_clause_end(doc: Doc, lo: int, start_scan: int) -> Span:
    hi = start_scan
    sent_end = doc[lo].sent.end
    while hi < sent_end and doc[hi].text not in _CLAUSE_END and doc[hi].text not in QUOTE_MARKS:
        hi += 1
        if hi - lo > limits.COLOUR_MAX_TOKENS:
            break
    return _trim(doc, lo, hi)


class ColourFinder:
    """Finds editorial-colour spans in a parsed Doc (returns markers of type ``editorial``)."""

    def __init__(self, nlp: Language) -> None:
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.phrases.add("editorial", [nlp.make_doc(p) for p in sorted(lexicons.load("editorial"))])
        self.evaluative = lexicons.load("evaluative_adjectives")
        self.framing = lexicons.load("framing_adjectives")
        self.rare_nouns = lexicons.load("rare_nouns")
        self.manner_nouns = lexicons.load("manner_nouns")
        self.manner_verbs = lexicons.load("manner_verbs")
        self.cue_verbs = lexicons.speech_verbs()
        self.reactions = _reaction_pairs()

    def __call__(self, doc: Doc) -> list[RawMarker]:
        spans: list[Span] = []
        for _, start, end in self.phrases(doc):
            spans.append(self._widen_phrase(doc[start:end]))
        for tok in doc:
            spans.extend(self._adjective(tok))
            spans.extend(self._absolute(tok))
            spans.extend(self._manner(tok))
            spans.extend(self._reaction(tok))
        quoted = quoted_ranges(doc)
        out = [
            RawMarker(s.start_char, s.end_char, "editorial")
            for s in spans
            if len(s) and not inside_any(s.start_char, s.end_char, quoted)
        ]
        return union(out)

    # -- patterns ---------------------------------------------------------------------------
    def _widen_phrase(self, span: Span) -> Span:
        first, last = span[0], span[-1]
        if first.lower_ in _PREPS and first.dep_ == "prep":
            pp = _pp_span(first)
            if pp.end >= span.end and len(pp) <= limits.COLOUR_MAX_TOKENS:
                return pp
        if last.lower_ == "of":  # "the specter of war"
            obj = next((c for c in last.children if c.dep_ == "pobj"), None)
            if obj is not None:
                return _trim(span.doc, span.start, obj.right_edge.i + 1)
        if last.pos_ in ("NOUN", "PROPN"):
            np = noun_phrase(last)
            if np.start <= span.start:
                return np
        return span

    def _adjective(self, tok: Token) -> list[Span]:
        if tok.pos_ != "ADJ" or tok.dep_ not in ("amod", "conj"):
            return []
        noun = tok.head
        while noun.dep_ == "conj" and noun.pos_ == "ADJ":  # "rare and highly confidential"
            noun = noun.head
        if noun.pos_ not in ("NOUN", "PROPN"):
            return []
        forms = {tok.lower_, tok.lemma_.lower()}
        if forms & self.evaluative or (forms & self.framing and noun.lemma_.lower() in self.rare_nouns):
            return [noun_phrase(noun)]
        return []

    def _absolute(self, tok: Token) -> list[Span]:
        """ ", his voice steady" / ", his words carefully chosen to avoid …" (possessive NP + predicate)."""
        doc = tok.doc
        if tok.tag_ != "PRP$" or tok.i == 0 or doc[tok.i - 1].text not in (",", "—", "–"):
            return []
        i = tok.i + 1
        while i < len(doc) and doc[i].pos_ == "ADJ" and doc[i].i < tok.i + 3:
            i += 1
        if i >= len(doc) or doc[i].pos_ != "NOUN":
            return []
        j = i + 1
        while j < len(doc) and doc[j].pos_ == "ADV":
            j += 1
        if j >= len(doc):
            return []
        pred = doc[j]
        if pred.tag_ not in ("JJ", "VBN") or pred.lemma_.lower() in self.cue_verbs:
            return []
        if any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") and c.i > pred.i for c in pred.children):
            return []
        return [_to_clause_end(doc, tok.i, j + 1)]

    def _manner(self, tok: Token) -> list[Span]:
        """ "Speaking with the kind of authority that …," — a participle of speaking + a manner noun."""
        if tok.tag_ != "VBG" or tok.lemma_.lower() not in self.manner_verbs:
            return []
        if tok.dep_ not in ("advcl", "ROOT", "csubj") and tok.i != tok.sent.start:
            return []
        for prep in tok.children:
            if prep.dep_ != "prep" or prep.lower_ not in ("with", "in"):
                continue
            for obj in prep.children:
                if obj.dep_ != "pobj":
                    continue
                nouns = [
                    obj,
                    *(g for p in obj.children if p.lower_ == "of" for g in p.children if g.dep_ == "pobj"),
                ]
                if any(n.lemma_.lower() in self.manner_nouns for n in nouns):
                    sub = list(tok.subtree)
                    return [_trim(tok.doc, sub[0].i, sub[-1].i + 1)]
        return []

    def _reaction(self, tok: Token) -> list[Span]:
        if tok.pos_ not in ("VERB", "AUX"):
            return []
        verb = tok.lemma_.lower()
        for obj in tok.children:
            if obj.dep_ in ("dobj", "attr") and (verb, obj.lemma_.lower()) in self.reactions:
                hi = obj.right_edge.i + 1
                for c in tok.children:
                    if c.dep_ == "prep" and c.i > obj.i:
                        hi = max(hi, c.right_edge.i + 1)
                return [_trim(tok.doc, tok.i, hi)]
        return []


def union(markers: list[RawMarker]) -> list[RawMarker]:
    """Overlapping editorial spans joined into one, sorted."""
    out: list[RawMarker] = []
    for m in sorted(markers, key=lambda m: (m.start, m.end)):
        if out and m.start < out[-1].end:
            out[-1].end = max(out[-1].end, m.end)
        else:
            out.append(RawMarker(m.start, m.end, m.type))
    return out
