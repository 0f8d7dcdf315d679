"""Speakers from the text around a quotation, where its source names none (mixed into the
resolver of :mod:`onrecord.pipeline.speakers.resolver`): the subject of a speech verb right after
it, "the words of X", a name after a closing dash, the speaker of the quote just before it, the
person the sentence before it is about, a quotation it repeats; and where an attribution's source
and cue lie against its content (a cue right after the quotation or opening it, "according to")."""

from __future__ import annotations

import bisect
import re

from spacy.tokens import Span

from onrecord.pipeline.quotes.marks import CLOSING_MARKS, OPENING_MARKS
from onrecord.pipeline.speakers import limits
from onrecord.pipeline.speakers.context import cue_subject, dash_name, trailing_subject, words_of
from onrecord.pipeline.speakers.mentions import Who
from onrecord.pipeline.speakers.phrases import Phrases
from onrecord.pipeline.types import Offsets, RawAttribution

_WORD = re.compile(r"\w+")


class Around(Phrases):
    """The speaker look-ups that read around an attribution rather than its source."""

    def _continues(self, prev: RawAttribution, a: RawAttribution) -> bool:
        """A cue-less quote right after a quote by someone, with no other name in between."""
        if not prev.content or not a.content:
            return False
        gap_lo = max(x[1] for x in [*prev.content, *(y for y in (prev.source, prev.cue) if y)])
        gap_hi = a.content[0][0]
        if gap_hi < gap_lo or gap_hi - gap_lo > limits.CONTINUATION_CHARS:
            return False
        gap = self.text[gap_lo:gap_hi]
        if gap.count("\n") > limits.CONTINUATION_NEWLINES:
            return False
        for k in range(
            bisect.bisect_left(self.ent_starts, gap_lo), bisect.bisect_left(self.ent_starts, gap_hi)
        ):
            e = self.ents[k]
            if e.label in ("PERSON", "ORG") and not self._in_quote(self.ent_starts[k]):
                return False
        # the quote's own paragraph holds nothing but the quote (and punctuation)
        para_lo = self.text.rfind("\n", 0, a.content[0][0]) + 1
        para_hi = self.text.find("\n", a.content[-1][1])
        para_hi = len(self.text) if para_hi < 0 else para_hi
        outside = self.text[para_lo : a.content[0][0]] + self.text[a.content[-1][1] : para_hi]
        if "\n" not in gap:
            return prev.kind in ("direct", "mixed")  # "“A,” X said. “B.”"
        return len(outside.split()) <= limits.CONTINUATION_WORDS  # a paragraph that is only the quote

    def _trailing(self, a: RawAttribution) -> Who | None:
        """The subject of a speech verb right after the quotation, or after one of its pieces
        ("“A,” X said. “B …”")."""
        ends = [a.content[-1][1]] + [hi for _, hi in a.content[:-1]]
        for end in ends:
            subj = trailing_subject(self.doc, end, self.o.speech_verbs)
            if subj is not None and not self._in_quote(subj.start_char):
                return self._resolve(subj)
        return None

    def _opener(self, a: RawAttribution) -> tuple[Who, Offsets] | None:
        """The subject of a speech verb that opens the quotation: "he asked about X and said, “…,”
        the sheriff's office said" (the clause after the quotation says who reported it)."""
        j = a.content[0][0]
        while j > 0 and (self.text[j - 1].isspace() or self.text[j - 1] in OPENING_MARKS):
            j -= 1
        if j < 2 or self.text[j - 1] not in ",:":
            return None
        verb = self.doc.char_span(j - 2, j - 1, alignment_mode="expand")
        if verb is None or not len(verb) or verb[-1].pos_ != "VERB":
            return None
        if verb[-1].lemma_.lower() not in self.o.speech_verbs:
            return None
        subj = cue_subject(self.doc, (verb[-1].idx, verb[-1].idx + len(verb[-1])))
        if subj is None or self._in_quote(subj.start_char):
            return None
        who = self._resolve(subj)
        return (who, (subj.start_char, subj.end_char)) if who is not None and who.type != "unknown" else None

    def _words_of(self, a: RawAttribution) -> Who | None:
        phrase = words_of(self.doc, a.content[0][0])
        if phrase is None or self._in_quote(phrase.start_char):
            return None
        return self._resolve(phrase)

    def _dash_speaker(self, a: RawAttribution) -> Who | None:
        """ "“…” — Matthew Ingram": the name after a dash that closes the quotation."""
        end = a.content[-1][1]
        at = dash_name(self.text, end if self.text[end : end + 1] not in CLOSING_MARKS else end + 1)
        if at is None:
            return None
        span = self.doc.char_span(at[0], at[1], alignment_mode="expand")
        who = self._resolve(span) if span is not None and len(span) else None
        if who is not None:
            who.how = "dash"
        return who

    def _lead_in(self, a: RawAttribution) -> Who | None:
        """A quotation with no cue right after a sentence, in its paragraph, whose subject is a person
        ("Alice turned to the crowd. “We are not leaving.”")."""
        lo = a.content[0][0]
        para = self.text.rfind("\n", 0, lo) + 1
        if lo - para < 3:
            # the quotation opens its paragraph: only a paragraph before ending in a colon leads in
            # ("X has called the ruling dangerous:\n\n“We face …”")
            before = self.text[:para].rstrip()
            if not before.endswith(":"):
                return None
            lo = len(before)
            para = self.text.rfind("\n", 0, lo) + 1
        while lo > para and (self.text[lo - 1].isspace() or self.text[lo - 1] in OPENING_MARKS):
            lo -= 1
        span = self.doc.char_span(para, lo, alignment_mode="contract")
        if span is None or not len(span) or span[-1].text not in (".", "!", ":"):
            return None  # the quotation must follow a whole sentence
        # the clause the final stop closes (the parse may join it to a quotation before it)
        root = span[-1].head if span[-1].head.pos_ in ("VERB", "AUX") else span[-1].sent.root
        while root.dep_ == "conj" and root.head.i >= span.start:
            root = root.head
        subj = next(
            (c for c in root.children if c.dep_ in ("nsubj", "nsubjpass") and c.i >= span.start), None
        )
        if subj is None or (
            subj.i not in self.person_tok
            and subj.lower_ not in ("he", "she")
            and not any(c.dep_ == "appos" and c.i in self.person_tok for c in subj.children)
        ):
            return None  # "The secretary general of CEI, Nunzio Galantino, has called it …:" leads in too
        who = self._resolve(self.doc[subj.left_edge.i : max(subj.i, subj.right_edge.i) + 1])
        if who is None or who.type != "person":
            return None
        who.how = "lead-in"
        who.doubts.append("quotation has no cue; speaker taken from the sentence before")
        return who

    def _quoted_words(self, a: RawAttribution) -> str:
        """The content's words, lower case, one space apart (" " at both ends: a phrase test)."""
        return (
            " " + " ".join(w for lo, hi in a.content for w in _WORD.findall(self.text[lo:hi].lower())) + " "
        )

    def _echoed(self, a: RawAttribution, said: list[tuple[str, Who]]) -> Who | None:
        """The speaker of another quotation that holds this one's words, or that this one holds: "Grisham,
        by her own accounting, has given “plenty of on-the-record statements …”" after her quote."""
        mine = self._quoted_words(a)
        if len(mine.split()) < limits.ECHO_WORDS:
            return None
        for words, who in said:
            if mine in words or (len(words.split()) >= limits.ECHO_WORDS and words in mine):
                return Who(who.key, who.name, who.type, "repeated", list(who.doubts))
        return None

    def _source_according_to(self, a: RawAttribution) -> bool:
        """The source is the one it came through: "…,” he said, according to the Gazette"."""
        return a.source is not None and self.text[
            max(0, a.source[0] - 14) : a.source[0]
        ].lower().rstrip().endswith("according to")

    def _source_in_later_sentence(self, a: RawAttribution, subj: Span) -> bool:
        """The tagger's source is in a sentence after the cue's, which has a subject of its own
        ("X — whose father … — promised to protect Medicaid … Edwards ran …": X, not Edwards)."""
        src = self._source_span(a)
        return src is not None and src.start > subj.end and src.sent.start > subj.sent.start

    def _ends_quoted(self, a: RawAttribution) -> bool:
        """The content ends at a quotation's end (a direct quote, or a mixed one whose last words are
        quoted), so a speech verb right after it is its cue: "… “no need” …, it acknowledged" is not."""
        if a.kind == "direct":
            return True
        end = a.content[-1][1]
        if end > 0 and self.text[end - 1 : end + 1].rstrip()[-1:] in CLOSING_MARKS:
            return True
        nxt = self.doc.char_span(end, min(len(self.text), end + 1), alignment_mode="expand")
        i = nxt.start if nxt is not None and len(nxt) else None
        while i is not None and i < len(self.doc) and (self.doc[i].is_punct or self.doc[i].is_space):
            i += 1
        # "…, said another witness, Fiona Hill": a speech verb before its subject
        return i is not None and i < len(self.doc) and self.doc[i].lemma_.lower() in self.o.speech_verbs

    def _according_to(self, a: RawAttribution) -> bool:
        return a.cue is not None and self.text[a.cue[0] : a.cue[1]].lower().startswith("according")

    def _source_span(self, a: RawAttribution) -> Span | None:
        """The tokens of an attribution's source, None when it has none."""
        if a.source is None:
            return None
        span = self.doc.char_span(a.source[0], a.source[1], alignment_mode="expand")
        return span if span is not None and len(span) else None

    def _source_text(self, a: RawAttribution) -> str | None:
        return None if a.source is None else self.text[a.source[0] : a.source[1]]

    def _cue_opens(self, a: RawAttribution) -> bool:
        """A speech verb right before the quotation opens it ("he said, “…,” the office said"): the
        quotation is the verb's subject's, and the clause after it says who reported it."""
        if a.cue is None or a.source is None or not a.content:
            return False
        if a.source[1] > a.cue[0] or a.cue[1] > a.content[0][0]:
            return False
        gap = self.text[a.cue[1] : a.content[0][0] + 1]  # and the content's first character
        if len(gap) > 5 or gap[:-1].strip(" ,:" + OPENING_MARKS) or not set(gap) & set(",:" + OPENING_MARKS):
            return False
        verb = self.doc.char_span(*a.cue, alignment_mode="expand")
        return verb is not None and any(t.lemma_.lower() in self.o.speech_verbs for t in verb)

    def _cue_after(self, a: RawAttribution) -> bool:
        """The cue follows the content within a few characters ("“…,” she said")."""
        return a.cue is not None and 0 <= a.cue[0] - a.content[-1][1] <= limits.CUE_AFTER_CHARS
