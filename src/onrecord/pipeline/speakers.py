"""Resolve attribution sources to canonical speakers (component ``onrecord_speakers``).

First pass: PERSON entities give names; the words before a name in the source span give the
role ("Russian Ambassador to Armenia Sergey Kopyrkin"); pronouns go to the most recent person
named before them; surnames to the full name seen earlier. One record per person per article.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from onrecord.pipeline.types import RawAttribution, RawEntity, RawSpeaker

_PRONOUNS = {"he", "she", "him", "her", "his", "hers", "they", "them", "i", "we", "you", "it"}
_DETS = {"the", "a", "an", "this", "that", "these", "those"}


class SpeakerResolver:
    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp

    def __call__(self, doc: Doc) -> Doc:
        persons = self._persons(doc)
        doc._.entities = [RawEntity(e.start_char, e.end_char, e.label_, None) for e in doc.ents]
        speakers: dict[str, RawSpeaker] = {}
        by_surname: dict[str, str] = {}
        for p in persons:
            name = p.text
            key = name.lower()
            if key not in speakers:
                speakers[key] = RawSpeaker(id="", name=name, type="person")
                by_surname[name.split()[-1].lower()] = key
        last_person: str | None = None
        attributions: list[RawAttribution] = doc._.attributions or []
        for att in sorted(attributions, key=lambda a: (a.source or a.cue or (0, 0))[0]):
            if att.source is None:
                if last_person is not None:
                    att.speaker_id = last_person
                continue
            src = doc.char_span(*att.source, alignment_mode="expand")
            if src is None:
                continue
            key = self._resolve(doc, src, persons, by_surname, last_person)
            if key is None:
                text = doc.text[att.source[0] : att.source[1]]
                key = text.lower()
                if key not in speakers:
                    speakers[key] = RawSpeaker(id="", name=text, type="group")
            else:
                last_person = key
                self._set_role(doc, src, speakers[key])
            speakers[key].mentions.append(att.source)
            att.speaker_id = key
        # number the speakers that were used, in order of first mention
        used = [k for k in speakers if any(a.speaker_id == k for a in attributions)]
        ids = {k: f"S{i + 1}" for i, k in enumerate(used)}
        for a in attributions:
            a.speaker_id = ids.get(a.speaker_id or "")
        out = []
        for k in used:
            sp = speakers[k]
            sp.id = ids[k]
            sp.mentions = sorted(set(sp.mentions))
            out.append(sp)
        doc._.speakers = out
        return doc

    @staticmethod
    def _persons(doc: Doc) -> list[Span]:
        out = []
        for e in doc.ents:
            if e.label_ != "PERSON":
                continue
            propn = [t for t in e if t.pos_ == "PROPN"]
            if len(propn) >= 2:
                out.append(doc[propn[-2].i : propn[-1].i + 1])
        return out

    @staticmethod
    def _resolve(
        doc: Doc, src: Span, persons: list[Span], by_surname: dict[str, str], last: str | None
    ) -> str | None:
        for p in persons:
            if p.start >= src.start and p.end <= src.end:
                return p.text.lower()
        words = [t.lower_ for t in src if not t.is_punct]
        if words and words[-1] in by_surname:
            return by_surname[words[-1]]
        if len(words) == 1 and words[0] in _PRONOUNS and words[0] not in {"i", "we", "you", "it", "they"}:
            return last
        return None

    @staticmethod
    def _set_role(doc: Doc, src: Span, speaker: RawSpeaker) -> None:
        name_first = speaker.name.split()[0].lower()
        toks = list(src)
        idx = next((i for i, t in enumerate(toks) if t.lower_ == name_first), None)
        if idx is None or idx == 0:
            return
        role_toks = toks[:idx]
        while role_toks and role_toks[0].lower_ in _DETS:
            role_toks = role_toks[1:]
        if role_toks and speaker.role is None:
            start, end = role_toks[0].idx, role_toks[-1].idx + len(role_toks[-1])
            speaker.role = doc.text[start:end]
            speaker.mentions.append((start, src.end_char))

