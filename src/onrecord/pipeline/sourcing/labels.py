"""Label every sentence's sourcing and every attribution's source; find hedges, hearsay, private context, colour.

Component ``onrecord_sourcing`` (runs after attribution and speakers). It sets

- ``RawAttribution.source_type`` (named / anonymous / vague / none) from the source span and the
  parse (:func:`.source_types.classify_source`), and ``RawAttribution.hearsay`` when a hearsay
  marker qualifies it;
- ``doc._.markers``: hedge, hearsay, private_context (:mod:`onrecord.pipeline.sourcing.markers`) and
  editorial (:mod:`onrecord.pipeline.sourcing.colour`) spans;
- ``doc._.sentence_labels``: one label per ``doc.sents``, chosen in this order:

  1. the sentence holds attributions (their cue, or else most of its words are their content): the
     strongest source among them, ``named`` > ``anonymous`` > ``vague``; ``hearsay`` when a hearsay
     marker qualifies a sentence with no named or anonymous source;
  2. a hearsay marker → ``hearsay``; an impersonal source ("it is believed") → ``vague``;
  3. page furniture (headings, bylines, "Read more"), very short transitions → ``background``;
  4. editorial colour covering a good part of the sentence → ``editorial``;
  5. otherwise the author's own ``assertion``.

Every attribution's ``source_type`` agrees with its sentence: the label is the source type of one of
the sentence's attributions, or ``hearsay`` for hearsay-flagged ones, and sentences whose attributions
all have ``source_type == "none"`` fall through to the rules for unsourced sentences.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from onrecord.pipeline import lexicons
from onrecord.pipeline.quotes.acts import Acts
from onrecord.pipeline.quotes.marks import CLOSING_MARKS
from onrecord.pipeline.sourcing import limits
from onrecord.pipeline.sourcing.colour import ColourFinder
from onrecord.pipeline.sourcing.editorial import EditorialScorer, genre
from onrecord.pipeline.sourcing.markers import MarkerFinder, merge_markers, quoted_ranges
from onrecord.pipeline.sourcing.source_types import classify_source, norm_text, np_offsets
from onrecord.pipeline.types import Offsets, RawAttribution, RawMarker, doc_text
from onrecord.settings import STATEMENT_THRESHOLD

_RANK = {"named": 0, "anonymous": 1, "vague": 2}


_CUE_LEXICONS = (
    "cue_verbs",
    "cue_verbs_late",
    "cue_verbs_intent",
    "cue_verbs_framing",
    "cue_verbs_object",
    "stance_verbs",
)


def _optional(name: str) -> frozenset[str]:
    try:
        return lexicons.load(name)
    except FileNotFoundError:
        return frozenset()


class SourcingLabeler:
    """Component ``onrecord_sourcing``: source types, markers and sentence labels."""

    def __init__(self, nlp: Language) -> None:
        self.markers = MarkerFinder(nlp)
        self.acts = Acts()
        self.editorial = EditorialScorer()
        self.colour = ColourFinder(nlp)
        self.impersonal = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.impersonal.add("vague", [nlp.make_doc(p) for p in sorted(lexicons.load("vague_impersonal"))])
        self.background_starts = tuple(sorted(lexicons.load("background_phrases")))
        self.transitions = lexicons.load("transitions")
        self.cues = frozenset().union(*(_optional(n) for n in _CUE_LEXICONS))
        self.stances = lexicons.load("stance_adjectives")
        self.cue_nouns = _optional("cue_nouns")
        self.documents = _optional("document_nouns")

    def __call__(self, doc: Doc) -> Doc:
        markers = merge_markers(self.markers(doc) + self.colour(doc))
        doc._.markers = markers
        attributions: list[RawAttribution] = doc._.attributions or []
        speakers = {s.id: s for s in (doc._.speakers or [])}
        for a in attributions:
            a.source_type = classify_source(
                doc, a.source, speaker=speakers.get(a.speaker_id or ""), cue=a.cue
            )
        self.acts.mark(doc, attributions)
        labels, voice = self.label_sentences(doc, attributions, markers)
        X = self.editorial.features(doc, quoted_ranges(doc), [not v for v in voice])
        if len(labels):
            scores = self.editorial.scores(X)
            threshold = self.editorial.threshold()
            labels = [
                "editorial" if own and p >= threshold else lab
                for lab, own, p in zip(labels, voice, scores, strict=True)
            ]
        doc._.sentence_labels = labels
        doc._.genre = genre(doc, X, [lab == "editorial" for lab in labels])
        return doc

    def label_sentences(
        self, doc: Doc, attributions: list[RawAttribution], markers: list[RawMarker]
    ) -> tuple[list[str], list[bool]]:
        """Each sentence's sourcing label before the editorial step, and whether the sentence is
        in the author's own voice (nothing in it is attributed, or only by attributions unlikely
        to be statements): the sentences the editorial scorer may label."""
        impersonal = [(doc[s].idx, doc[e - 1].idx + len(doc[e - 1])) for _, s, e in self.impersonal(doc)]
        pairs = [self._label(doc, sent, attributions, markers, impersonal) for sent in doc.sents]
        return [p[0] for p in pairs], [p[1] for p in pairs]

    # -- one sentence ---------------------------------------------------------------------------
    def _label(
        self,
        doc: Doc,
        sent: Span,
        attributions: list[RawAttribution],
        markers: list[RawMarker],
        impersonal: list[Offsets],
    ) -> tuple[str, bool]:
        s, e = sent.start_char, sent.end_char
        inside = [m for m in markers if s <= m.start < e]
        hearsay = [m for m in inside if m.type == "hearsay"]
        atts = [a for a in attributions if _anchor(a) is not None and s <= _anchor(a) < e]  # type: ignore[operator]
        if not atts:
            atts = [a for a in attributions if _content_share(a, s, e) >= limits.CONTENT_SHARE]
        for a in atts:
            if any(not _in_content(a, m.start) for m in hearsay):
                a.hearsay = True
        sourced = [a for a in atts if a.source_type in _RANK]
        weak = all(a.statement is not None and a.statement < STATEMENT_THRESHOLD for a in atts)
        said_to = any(s <= lo < e for lo, _ in impersonal)  # "it is believed that …"
        if sourced:
            best = min((a.source_type for a in sourced), key=_RANK.__getitem__)
            if best == "vague" and hearsay and any(a.hearsay for a in sourced):
                return "hearsay", False
            return best, weak and not hearsay and not (best == "vague" and said_to)
        evidence = self._cue_evidence(doc, sent)
        if evidence is not None:
            return ("hearsay" if hearsay and evidence == "vague" else evidence), False
        if hearsay:
            return "hearsay", False
        if said_to:
            return "vague", False
        if self._is_background(doc, sent):
            return "background", False
        colour = sum(m.end - m.start for m in inside if m.type == "editorial")
        if colour and colour >= limits.EDITORIAL_SHARE * max(1, len(sent.text.strip())):
            return "editorial", weak
        return "assertion", weak

    def _cue_evidence(self, doc: Doc, sent: Span) -> str | None:
        """A reporting verb with a subject ("X believes that …") or "according to X" the attribution
        layer left without an attribution: the subject's source type, or None."""
        found: list[str] = []
        for tok in sent:
            subj: Token | None = None
            cue: Offsets = (tok.idx, tok.idx + len(tok))
            low = tok.lower_
            if tok.pos_ == "VERB" and (tok.lemma_.lower() in self.cues or _makes_clear(tok)):
                subj = _subject(tok)
                if subj is not None and subj.lower_ == "it" and any(c.dep_ == "expl" for c in tok.children):
                    subj = None
            elif low == "according" and tok.i + 1 < sent.end and doc[tok.i + 1].lower_ == "to":
                to = doc[tok.i + 1]
                subj = next((c for c in to.children if c.dep_ == "pobj"), None)
                if subj is None and tok.i + 2 < sent.end:  # a parse that hangs the source elsewhere
                    subj = _last_noun(doc[tok.i + 2 : sent.end])
            elif (
                low in self.stances
                and (tok.dep_ in ("acomp", "oprd") or tok.tag_ == "VBN")
                and _has_complement(tok)
            ):
                subj = _subject(tok) or next(
                    (c for c in tok.head.children if c.dep_ in ("nsubj", "nsubjpass")), None
                )
            elif tok.pos_ == "NOUN" and tok.lemma_.lower() in self.cue_nouns:
                # "a New York Times report that …", "Trump's claim that …", "media pronouncements that …"
                subj = next((c for c in tok.children if c.dep_ == "poss"), None)
                if subj is None and any(c.dep_ in ("acl", "ccomp", "relcl") for c in tok.children):
                    subj = next((c for c in tok.children if c.dep_ == "compound"), None)
            elif low in ("in", "per") and tok.dep_ == "prep":
                # "In this poll, …": a document as the source
                obj = next((c for c in tok.children if c.dep_ == "pobj"), None)
                if obj is not None and obj.lemma_.lower() in self.documents:
                    subj = obj
            if subj is None:
                continue
            stype = classify_source(doc, np_offsets(subj), cue=cue)
            if stype in _RANK:
                found.append(stype)
        speaker = _speaker_label(doc, sent)
        if speaker is not None:
            found.append(classify_source(doc, speaker))
        found = [f for f in found if f in _RANK]
        return min(found, key=_RANK.__getitem__) if found else None

    def _is_background(self, doc: Doc, sent: Span) -> bool:
        text = sent.text.strip()
        if not text:
            return True
        low = norm_text(text)
        words = [t for t in sent if t.is_alpha]
        if any(low.startswith(p) and (p != "by" or _is_byline(sent)) for p in self.background_starts):
            return True
        if _is_heading(doc, sent, words):
            return True
        return bool(
            len(words) <= limits.TRANSITION_MAX_WORDS
            and any(t.lower_ in self.transitions for t in sent)
            and not any(t.like_num or t.ent_type_ in ("DATE", "MONEY", "PERCENT", "CARDINAL") for t in sent)
        )


def _makes_clear(tok: Token) -> bool:
    """ "X made it clear that …" / "X makes clear …"."""
    return tok.lemma_.lower() == "make" and any(
        c.lower_ == "clear" or any(g.lower_ == "clear" for g in c.children) for c in tok.children
    )


def _subject(verb: Token) -> Token | None:
    """The subject of a verb, or of the verb it hangs from ("… can be heard yelling", "… tried to convince")."""
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "csubj")), None)
    if subj is None and verb.dep_ in ("conj", "xcomp", "advcl"):
        deps = ("nsubj", "nsubjpass") if verb.dep_ == "xcomp" else ("nsubj",)
        subj = next((c for c in verb.head.children if c.dep_ in deps), None)
    return subj


def _last_noun(span: Span) -> Token | None:
    nouns = [t for t in span if t.pos_ in ("NOUN", "PROPN") and not t.is_punct]
    return nouns[-1] if nouns else None


def _has_complement(tok: Token) -> bool:
    return any(c.dep_ in ("ccomp", "xcomp", "prep", "advcl") for c in tok.children)


def _speaker_label(doc: Doc, sent: Span) -> Offsets | None:
    """ "WALLACE: …" (a transcript) or "Pence: Flowers won't be at debate" (a headline): the name before
    a colon at the start of a line."""
    toks = [t for t in sent[:6] if not (t.is_space or t.is_quote)]
    colon = next((i for i, t in enumerate(toks) if t.text == ":"), None)
    if colon is None or colon == 0 or colon > 4:
        return None
    name = toks[:colon]
    first = name[0]
    line_start = first.idx == 0 or "\n" in doc_text(doc)[max(0, first.idx - 3) : first.idx]
    if not line_start or not all((t.text[:1].isupper() and t.is_alpha) or t.text == "." for t in name):
        return None
    return name[0].idx, name[-1].idx + len(name[-1])


def _is_byline(sent: Span) -> bool:
    toks = [t for t in sent if not t.is_space]
    return (
        len(toks) <= limits.BYLINE_MAX_TOKENS
        and len(toks) > 1
        and toks[1].pos_ == "PROPN"
        and not any(t.pos_ == "VERB" for t in toks)
    )


def _is_heading(doc: Doc, sent: Span, words: list[Token]) -> bool:
    """A line on its own with no final punctuation, or in title case: a headline or subheading."""
    text = sent.text.strip()
    if not words:
        return True
    end = sent.end_char
    rest = doc_text(doc)[end : end + 2]
    own_line = (sent.start_char == 0 or doc_text(doc)[sent.start_char - 1] == "\n") and (
        end >= len(doc_text(doc)) or "\n" in rest or doc_text(doc)[end - 1] == "\n"
    )
    if not own_line:
        return False
    if text[-1] not in ".!?" + CLOSING_MARKS and len(words) <= limits.HEADING_MAX_WORDS:
        return True
    caps = sum(1 for w in words if w.text[:1].isupper())
    return len(words) >= 3 and caps / len(words) >= limits.HEADING_CAPS_SHARE


def _anchor(a: RawAttribution) -> int | None:
    if a.cue:
        return a.cue[0]
    if a.source:
        return a.source[0]
    return a.content[0][0] if a.content else None


def _content_share(a: RawAttribution, s: int, e: int) -> float:
    covered = sum(max(0, min(hi, e) - max(lo, s)) for lo, hi in a.content)
    return covered / max(1, e - s)


def _in_content(a: RawAttribution, offset: int) -> bool:
    return any(lo <= offset < hi for lo, hi in a.content)
