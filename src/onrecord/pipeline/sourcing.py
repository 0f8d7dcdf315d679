"""Label every sentence's sourcing and find hedge, hearsay, private-context and editorial markers.

Component ``onrecord_sourcing``. First pass: phrase lexicons (data files) matched on lower-cased
tokens, and the attributions found earlier decide named / anonymous / vague sentences.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from onrecord.pipeline import lexicons
from onrecord.pipeline.types import RawAttribution, RawMarker, RawSpeaker

_MARKER_LEXICONS = {
    "hedge": "hedges",
    "hearsay": "hearsay",
    "private_context": "private_context",
    "editorial": "editorial",
}


class SourcingLabeler:
    def __init__(self, nlp: Language) -> None:
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for mtype, lex in _MARKER_LEXICONS.items():
            self.matcher.add(mtype, [nlp.make_doc(p) for p in sorted(lexicons.load(lex))])
        self.anonymous = lexicons.load("anonymous_sources")
        self.vague = lexicons.load("vague_sources")

    def __call__(self, doc: Doc) -> Doc:
        markers: list[RawMarker] = []
        for match_id, start, end in self.matcher(doc):
            mtype = doc.vocab.strings[match_id]
            span = doc[start:end]
            if mtype == "hedge" and span[0].lower_ == "may" and span[0].ent_type_ == "DATE":
                continue  # May the month
            markers.append(RawMarker(span.start_char, span.end_char, mtype))
        markers.sort(key=lambda m: (m.start, -m.end))
        doc._.markers = markers
        attributions: list[RawAttribution] = doc._.attributions or []
        speakers = {s.id: s for s in (doc._.speakers or [])}
        for a in attributions:
            a.source_type = self._source_type(doc, a, speakers)
        labels: list[str] = []
        for sent in doc.sents:
            s, e = sent.start_char, sent.end_char
            inside = [a for a in attributions if a.cue and s <= a.cue[0] < e]
            types = {a.source_type for a in inside}
            mtypes = {m.type for m in markers if s <= m.start < e}
            if "hearsay" in mtypes:
                label = "hearsay"
            elif "named" in types:
                label = "named"
            elif "anonymous" in types:
                label = "anonymous"
            elif "vague" in types:
                label = "vague"
            elif "editorial" in mtypes:
                label = "editorial"
            else:
                label = "assertion"
            labels.append(label)
        doc._.sentence_labels = labels
        return doc

    def _source_type(self, doc: Doc, a: RawAttribution, speakers: dict[str, RawSpeaker]) -> str:
        sp = speakers.get(a.speaker_id or "")
        if sp is not None and sp.type in ("person", "organization"):
            return "named"
        if a.source is None:
            return "none" if sp is None else "named"
        text = doc.text[a.source[0] : a.source[1]].lower()
        if any(p in text for p in self.anonymous):
            return "anonymous"
        if any(text.startswith(p) or f" {p}" in text for p in self.vague):
            return "vague"
        return "named"
