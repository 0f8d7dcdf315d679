"""Rule 3 of :mod:`.rules`: each quotation no cue has taken looks for its cue right after it
("‘…,’ he said") or right before it ("He added: ‘…’")."""

from __future__ import annotations

import bisect

from onrecord.pipeline.quotes import limits
from onrecord.pipeline.quotes.marks import OPENING_MARKS
from onrecord.pipeline.quotes.rules_state import Cue, RuleState
from onrecord.pipeline.types import Offsets, Quote, RawAttribution

_SENT_END = {".", "!", "?"}


class QuotePass(RuleState):
    """Quotations looking for their cue."""

    def _quote_pass(self, cues: list[Cue]) -> None:
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
                if (
                    self._words_in(spans) >= limits.CUELESS_WORDS
                    and not self.text[q.inner[0] : q.inner[1]].isupper()
                ):
                    self.out.append(
                        RawAttribution(
                            cue=None, content=spans, source=None, kind="direct", confidence=limits.CUELESS
                        )
                    )
                continue
            if (
                self.doc[cue.first].idx > q.start
            ):  # "‘A,’ he said, ‘B.’": the quote right after the cue clause continues it
                spans.extend(self._continuation(last_q, cue))
            self._emit_chars(cue, spans, "direct", limits.DIRECT)

    def _words_in(self, spans: list[Offsets]) -> int:
        return sum(len(self.text[a:b].split()) for a, b in spans)

    def _cue_after(self, q: Quote, cues: list[Cue]) -> Cue | None:
        ti = self._tok_from(q.end)
        if ti is None:
            return None
        start_tok = self.doc[ti]
        limit = start_tok.i + limits.CUE_AFTER_TOKENS
        for t in self.doc[start_tok.i : min(limit, len(self.doc))]:
            if (
                t.text == "\n"
                or "\n" in t.text
                or (t.text in _SENT_END and t.i > start_tok.i)
                or self.in_quote[t.i] >= 0
            ):
                return None
            if t.text and t.text[0] in OPENING_MARKS and t.i > start_tok.i:
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

    def _cue_before(self, q: Quote, cues: list[Cue]) -> Cue | None:
        ti = self._tok_from(q.start)
        if ti is None:
            return None
        first_in = self.doc[ti]
        best = None
        lo = bisect.bisect_left(self.cue_firsts, first_in.i - limits.CUE_BEFORE_TOKENS)
        hi = bisect.bisect_left(self.cue_firsts, first_in.i)
        for c in cues[lo:hi]:
            if c.used or c.last >= first_in.i:
                continue
            gap = self.doc[c.last + 1 : first_in.i]
            gap_text = gap.text.strip()
            if len(gap) > limits.CUE_BEFORE_GAP or any(t.text in _SENT_END for t in gap):
                continue
            if "\n" in gap.text and not gap_text.endswith(":"):
                continue
            ok_end = gap_text == "" or gap_text.endswith((":", ",", "that")) or gap_text.lower() in ("that",)
            if ok_end and self._subject_or_agent(c.anchor) is not None:
                best = c
        return best

    def _continuation(self, q: Quote, cue: Cue) -> list[Offsets]:
        cue_end = self.doc[cue.last].idx + len(self.doc[cue.last])
        for qj in self._quotes_between(cue_end, cue_end + limits.CONTINUATION_CHARS):
            q2 = self.quotes[qj]
            if qj in self.used_q:
                continue
            between = self.text[cue_end : q2.start]
            first_inner = self.text[q.inner[0] : q.inner[1]].rstrip()
            if (
                "\n" in between
                or any(ch in between for ch in ".!?")
                or len(between.split()) > limits.CONTINUATION_WORDS
            ):
                return []
            if not (first_inner.endswith(",") or between.rstrip().endswith((",", ":"))):
                return []
            return self._quote_group(qj)
        return []
