"""What kind of act an attribution reports (speech, writing or belief), and hearsay chains.

Pure functions over an analysed ``Doc`` and its :class:`RawAttribution` records, called by the
sourcing component once speakers are known:

- :meth:`Acts.act_of`: ``"writing"`` when the cue or the source is a document ("wrote",
  "tweeted", "a report found", "said in a statement"), ``"belief"`` for a mind ("believes",
  "wants", "fears"), else ``"speech"``. Word lists: ``act_writing``, ``act_belief``.
- :meth:`Acts.mark`: also the intermediary an attribution reached the reader through (``via``):
  a news outlet ("told Reuters", "in an interview with CBS", "was quoted by Interfax as saying")
  or another source whose report contains it ("South Africa said Mugabe had told Zuma that …");
  second-hand sources ("people familiar with his thinking") are hearsay.
"""

from __future__ import annotations

import bisect
import itertools

from spacy.tokens import Doc, Span, Token

from onrecord.pipeline import lexicons
from onrecord.pipeline.types import Offsets, RawAttribution, doc_text

_CHANNEL_PREPS = {"to", "with", "on", "in", "for", "by"}
_DOMAIN_ENDINGS = (".com", ".info", ".org", ".net", ".co.uk", ".news", ".io")


def cue_head(doc: Doc, cue: Offsets | None) -> Token | None:
    """The word that carries a cue: its first verb, else its first noun, else its first word."""
    if cue is None:
        return None
    span = doc.char_span(cue[0], cue[1], alignment_mode="expand")
    if span is None or not len(span):
        return None
    for pos in ("VERB", "NOUN"):
        tok = next((t for t in span if t.pos_ == pos), None)
        if tok is not None:
            return tok
    return span[0]


class Acts:
    """Act kinds and chains; the word lists are read once."""

    def __init__(self) -> None:
        self.writing = lexicons.load("act_writing")
        self.belief = lexicons.load("act_belief")
        self.documents = lexicons.load("document_nouns")
        self.media_nouns = lexicons.load("media_nouns")
        self.outlets = lexicons.load("media_outlets")
        self.news_only = lexicons.load("media_name_words_news")
        self.name_words = lexicons.load("media_name_words") | self.news_only
        self.medium_nouns = lexicons.load("medium_nouns")
        self.second_hand = lexicons.load_list("hearsay_sources")
        self.speech = lexicons.load("act_speech")

    # -- act ------------------------------------------------------------------------------------
    def act_of(self, doc: Doc, a: RawAttribution, head: Token | None) -> str:
        """``head``: the cue's :func:`cue_head`."""
        if a.source is not None:
            src = doc.char_span(a.source[0], a.source[1], alignment_mode="expand")
            if src is not None and len(src) and src.root.lemma_.lower() in self.documents:
                return "writing"
        if head is None:
            return "speech"
        lemma = head.lemma_.lower()
        if lemma in self.writing:
            return "writing"
        if lemma in self.belief:
            return "belief"
        if any(self._in_writing(c) for c in head.children):
            return "writing"  # "said in a statement", "wrote in a letter"
        return "speech"

    def _in_writing(self, child: Token) -> bool:
        if child.dep_ != "prep" or child.lower_ not in ("in", "via", "through"):
            return False
        obj = next((c for c in child.children if c.dep_ == "pobj"), None)
        return obj is not None and obj.lemma_.lower() in self.documents  # "said in a statement / an email"

    # -- chains ---------------------------------------------------------------------------------
    def outlet(self, tok: Token) -> Span | None:
        """The outlet a noun phrase headed by ``tok`` names, or None."""
        doc = tok.doc
        lo = tok.i
        while (
            lo > 0
            and doc[lo - 1].dep_ in ("compound", "det", "amod", "poss", "case")
            and doc[lo - 1].head.i >= lo - 1
        ):
            lo -= 1
        if lo < tok.i and doc[lo].dep_ == "case":
            lo += 1
        span = doc[lo : tok.i + 1]
        words = [t.lower_ for t in span if t.dep_ not in ("det", "case")]
        name = " ".join(words)
        last = tok.lower_
        if name in self.outlets or (" ".join(w for w in words if w != "'s") in self.outlets):
            return span
        if any(name.endswith(d) for d in _DOMAIN_ENDINGS):
            return span  # "told Polygraph.info"
        proper = tok.pos_ == "PROPN" or tok.ent_type_ == "ORG"
        if proper and last in self.name_words:
            if last in self.news_only and "news" not in words:
                return None
            return span
        if not proper and tok.lemma_.lower() in self.media_nouns and tok.lemma_.lower() != "agency":
            return span
        if tok.lemma_.lower() == "agency" and "news" in words:
            return span
        return None

    def via_outlet(self, head: Token | None) -> Span | None:
        """The outlet the cue whose :func:`cue_head` is ``head`` reached the reader through."""
        if head is None:
            return None
        heads = [head]
        if head.lower_ == "saying" and head.head.lemma_.lower() == "quote":
            heads.append(head.head)  # "was quoted by Interfax as saying"
        for h in heads:
            for c in h.children:
                found = self._through(c)
                if found is not None:
                    return found
        return None

    def _through(self, c: Token) -> Span | None:
        if c.dep_ in ("dobj", "dative", "iobj"):
            return self.outlet(c)
        if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ in _CHANNEL_PREPS):
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if obj is None:
                return None
            found = self.outlet(obj)
            if found is not None:
                return found
            if obj.lemma_.lower() in self.medium_nouns:  # "in an interview with CBS"
                for g in obj.children:
                    if g.dep_ == "prep" and g.lower_ in _CHANNEL_PREPS:
                        inner = next((x for x in g.children if x.dep_ == "pobj"), None)
                        if inner is not None and (found := self.outlet(inner)) is not None:
                            return found
                    if g.dep_ == "poss" and (found := self.outlet(g)) is not None:
                        return found  # "in a CNN interview" is compound; "in Fox's interview"
                    if g.dep_ == "compound" and (found := self.outlet(g)) is not None:
                        return found
        return None

    def second_hand_source(self, doc: Doc, a: RawAttribution) -> bool:
        if a.source is None:
            return False
        low = doc_text(doc)[a.source[0] : a.source[1]].lower()
        return any(p in low for p in self.second_hand)

    def mark(self, doc: Doc, attributions: list[RawAttribution]) -> None:
        """Set ``act``, ``via`` and ``hearsay`` on every attribution."""
        for a in attributions:
            head = cue_head(doc, a.cue)
            a.act = self.act_of(doc, a, head)
            outlet = self.via_outlet(head)
            if outlet is not None:
                a.via = (outlet.start_char, outlet.end_char)
            if self.second_hand_source(doc, a):
                a.hearsay = True
        _continued_interviews(attributions)
        _nested_chains(doc, attributions)
        for a in attributions:
            if not a.hearsay and a.kind != "direct" and self._reports_other(doc, a):
                a.hearsay = True

    def _reports_other(self, doc: Doc, a: RawAttribution) -> bool:
        """The content itself reports someone's words ("said Mugabe had told Zuma that …")."""
        for lo, hi in a.content:
            span = doc.char_span(lo, hi, alignment_mode="expand")
            for tok in span or ():
                if tok.pos_ != "VERB" or tok.lemma_.lower() not in self.speech:
                    continue
                subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                if subj is not None and subj.pos_ == "PROPN" and not _in_source(subj, a):
                    return True
        return False


def _continued_interviews(attributions: list[RawAttribution]) -> None:
    """Once a speaker has spoken through an outlet ("told Reuters"), that speaker's later words in
    the article came through it too, unless they name their own channel."""
    channel: dict[str, Offsets] = {}
    for a in sorted(attributions, key=lambda a: (a.cue or (a.content[0] if a.content else (0, 0)))[0]):
        if a.speaker_id is None:
            continue
        if a.via is not None:
            channel[a.speaker_id] = a.via
        elif a.speaker_id in channel:
            a.via = channel[a.speaker_id]


def _in_source(tok: Token, a: RawAttribution) -> bool:
    return a.source is not None and a.source[0] <= tok.idx < a.source[1]


def _nested_chains(doc: Doc, attributions: list[RawAttribution]) -> None:
    """An attribution reported inside another's content, from a different source, reached the
    reader through that other source: both are second-hand."""
    outers = sorted(
        (a for a in attributions if a.source is not None and a.content),
        key=lambda a: a.content[0][0],
    )
    starts = [o.content[0][0] for o in outers]
    # the furthest end so far
    reach = list(itertools.accumulate((max(hi for _, hi in o.content) for o in outers), max))
    for inner in attributions:
        if inner.cue is None or inner.source is None or inner.via is not None:
            continue
        at = inner.cue[0]
        # outers that can hold the cue start at or before it; none at or before index i reaches
        # past it once reach[i] <= at. Taken in order of start, as a scan of all would.
        i = bisect.bisect_right(starts, at) - 1
        holders = []
        while i >= 0 and reach[i] > at:
            if any(lo <= at < hi for lo, hi in outers[i].content):
                holders.append(outers[i])
            i -= 1
        for outer in reversed(holders):
            if outer is inner or _same_source(doc, inner, outer):
                continue
            inner.via = outer.source
            inner.hearsay = outer.hearsay = True
            break


def _same_source(doc: Doc, inner: RawAttribution, outer: RawAttribution) -> bool:
    if inner.speaker_id is not None and inner.speaker_id == outer.speaker_id:
        return True
    assert inner.source is not None and outer.source is not None
    text = doc_text(doc)[inner.source[0] : inner.source[1]].lower()
    if text in lexicons.first_person() or text in ("he", "she", "they", "him", "her", "them"):
        return inner.speaker_id is None  # a resolved pronoun with another speaker is another source
    return text == doc_text(doc)[outer.source[0] : outer.source[1]].lower()
