"""Find attributions (source, cue, content) in a parsed Doc.

First pass: rules over the dependency parse, the quotation marks and the cue lexicons.
Direct quotes are tied to a cue verb in their sentence (or the neighbouring one); indirect
speech is a cue verb with a subject and a clausal complement; "according to X" and
nominal cues are phrase patterns.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from onrecord.pipeline import lexicons
from onrecord.pipeline.types import Offsets, Quote, RawAttribution

_SUBJ = {"nsubj", "nsubjpass", "csubj"}
_CONTENT_DEPS = {"ccomp", "xcomp", "dobj", "advcl", "oprd"}


def _subtree_offsets(tok: Token) -> Offsets:
    left = tok.left_edge.idx
    right = tok.right_edge.idx + len(tok.right_edge)
    return left, right


def _trim(doc: Doc, start: int, end: int) -> Offsets:
    """Shrink a character range to exclude surrounding spaces and trailing punctuation."""
    text = doc.text
    while start < end and (text[start].isspace() or text[start] in ",;:"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    return start, end


class AttributionFinder:
    """Rule-based attribution finder (component ``onrecord_attribution``)."""

    def __init__(self, nlp: Language) -> None:
        self.cue_lemmas = lexicons.load("cue_verbs")

    def __call__(self, doc: Doc) -> Doc:
        quotes: list[Quote] = doc._.quotes if doc._.quotes is not None else []
        found: list[RawAttribution] = []
        used_quotes: set[int] = set()
        for sent in doc.sents:
            found.extend(self._sentence(doc, sent, quotes, used_quotes))
        found.sort(key=lambda a: (a.content[0][0] if a.content else (a.cue or (0, 0))[0]))
        doc._.attributions = found
        return doc

    # -- one sentence ---------------------------------------------------------------------
    def _sentence(self, doc: Doc, sent: Span, quotes: list[Quote], used: set[int]) -> list[RawAttribution]:
        out: list[RawAttribution] = []
        s_start, s_end = sent.start_char, sent.end_char
        sent_quotes = [
            (i, q)
            for i, q in enumerate(quotes)
            if q.start >= s_start and q.start < s_end and i not in used and self._is_speech(doc, q)
        ]
        for tok in sent:
            if tok.pos_ not in ("VERB", "AUX") or tok.lemma_.lower() not in self.cue_lemmas:
                continue
            subj = next((c for c in tok.children if c.dep_ in _SUBJ), None)
            if subj is None and tok.dep_ in ("conj", "xcomp"):
                subj = next((c for c in tok.head.children if c.dep_ in _SUBJ), None)
            cue = (tok.idx, tok.idx + len(tok))
            # quotes around this cue in the same sentence → direct (possibly split)
            near = [(i, q) for i, q in sent_quotes if i not in used]
            contents: list[Offsets] = []
            kind = "indirect"
            comp = next((c for c in tok.children if c.dep_ in _CONTENT_DEPS and c.i != tok.i), None)
            if near and (comp is None or all(self._quote_outside(q, comp) for _, q in near)):
                for i, q in near:
                    used.add(i)
                    contents.append(_trim(doc, *q.inner))
                kind = "direct"
            elif comp is not None:
                contents.append(_trim(doc, *_subtree_offsets(comp)))
                if any(q.start >= contents[0][0] and q.end <= contents[0][1] + 1 for _, q in near):
                    kind = "mixed"
                    for i, q in near:
                        if q.start >= contents[0][0]:
                            used.add(i)
            if not contents:
                continue
            source = _trim(doc, *_subtree_offsets(subj)) if subj is not None else None
            out.append(RawAttribution(cue=cue, content=contents, source=source, kind=kind, confidence=0.6))
        # according to X
        for tok in sent:
            if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
                to = doc[tok.i + 1]
                pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
                if pobj is None:
                    continue
                src = _subtree_offsets(pobj)
                rest_start = src[1]
                before = _trim(doc, s_start, tok.idx)
                after = _trim(doc, rest_start, s_end)
                content = before if before[1] - before[0] > after[1] - after[0] else after
                if content[1] > content[0]:
                    out.append(
                        RawAttribution(
                            cue=(tok.idx, to.idx + len(to)), content=[content], source=src, confidence=0.6
                        )
                    )
        return out

    @staticmethod
    def _quote_outside(q: Quote, comp: Token) -> bool:
        start, end = _subtree_offsets(comp)
        return not (q.start >= start and q.end <= end + 1)

    @staticmethod
    def _is_speech(doc: Doc, q: Quote) -> bool:
        """Quotes of a few capitalised words are titles or names, not speech."""
        inner = doc.text[q.inner[0] : q.inner[1]]
        words = inner.split()
        if len(words) < 4 and all(w[:1].isupper() for w in words if w[:1].isalpha()):
            return False
        return len(words) >= 2
