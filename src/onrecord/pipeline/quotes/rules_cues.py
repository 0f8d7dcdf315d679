"""Rules 1, 2 and 4 of :mod:`.rules`: the cues of a Doc and the content each cue reports; a cue
whose complement holds a quotation gives a direct or a mixed quote."""

from __future__ import annotations

from onrecord.pipeline.quotes import limits
from onrecord.pipeline.quotes.cues import (
    clause_range,
    lemma,
    np_content,
    outside_of,
    subtree_range,
)
from onrecord.pipeline.quotes.rules_state import Cue, RuleState

_CLAUSE_MARKS = {"that", "whether", "if", "how", "why", "what", "when", "where"}


class CuePass(RuleState):
    """Cues and their content."""

    def _cues(self) -> list[Cue]:
        cues: list[Cue] = []
        taken: set[int] = set()
        for _, start, end in self.o.matcher(self.doc):
            toks = self.doc[start:end]
            if any(self.in_quote[t.i] >= 0 or t.i in taken for t in toks):
                continue
            anchor = next((t for t in toks if t.pos_ in ("VERB", "AUX")), toks[0])
            cues.append(Cue(start, end - 1, anchor, phrase=True))
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
            cues.append(Cue(first, last, t))
        cues.sort(key=lambda c: c.first)
        return cues

    # -- content of a cue -------------------------------------------------------------------------
    def _content(self, cue: Cue) -> list[tuple[int, int]]:
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

    def _in_paragraph(self, cue: Cue, content: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """A content after its cue ends with the cue's paragraph (the parse may run a sentence over
        a paragraph break: "it said it submitted a proposal …¶“Using the lift …,” Jim Chilton …
        said"), unless a quotation left open there goes on in the next one."""
        doc, out = self.doc, []
        for first, last in content:
            brk = next((i for i in range(first, last + 1) if "\n" in doc[i].text_with_ws), None)
            if first <= cue.last or brk is None:
                out.append((first, last))
                continue
            at = doc[brk].idx + doc[brk].text_with_ws.index("\n")
            if any(not q.closed and q.start < at and not self.text[q.end : at].strip() for q in self.quotes):
                out.append((first, last))
                continue
            end = brk - 1 if doc[brk].is_space else brk
            while end >= first and doc[end].is_space:
                end -= 1
            if end >= first:
                out.append((first, end))
            break
        return out

    def _fronted_quote(self, cue: Cue) -> bool:
        """A quote ends right before the cue ("“A,” Jones said, “B.”")."""
        cue_start = self.doc[cue.first].idx
        for qi in self._quotes_between(max(0, cue_start - limits.FRONTED_CHARS), cue_start):
            q = self.quotes[qi]
            if qi in self.used_q or q.end > cue_start or not self._speech(qi):
                continue
            gap = self.text[q.end : cue_start]
            if len(gap.split()) <= limits.FRONTED_WORDS and not any(ch in gap for ch in ".!?\n"):
                return True
        return False

    def _quoted(self, cue: Cue, content: list[tuple[int, int]], q_in: list[int]) -> None:
        """A cue whose complement holds quotes: direct when the quote is the complement, else mixed."""
        lo, hi = self.doc[content[0][0]].idx, self.doc[content[-1][1]].idx + len(self.doc[content[-1][1]])
        stripped = self.text[lo:hi]
        for mark in ("that ", "whether ", ": ", ", "):
            if stripped.lower().startswith(mark):
                stripped = stripped[len(mark) :]
        quoted = sum(self.quotes[qi].end - self.quotes[qi].start for qi in q_in)
        if quoted >= limits.DIRECT_SHARE * len(stripped.strip()):
            spans = []
            for qi in q_in:
                spans.extend(self._quote_group(qi))
            self._emit_chars(cue, spans, "direct", limits.DIRECT)
        else:
            for qi in q_in:
                self.used_q.add(qi)
            self._emit(cue, content, "mixed", limits.MIXED)
