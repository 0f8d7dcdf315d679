"""Sources that stand for someone named or met before: the place just named ("the city"), the
one a document is from ("a report in the Argus Leader"), the group or unnamed source of the same
words earlier ("the expert" after "one legal expert"), a name set off after the source. A layer of
:class:`onrecord.pipeline.speakers.phrases.Phrases`."""

from __future__ import annotations

from spacy.tokens import Token

from onrecord.pipeline.speakers import limits
from onrecord.pipeline.speakers.ent_spans import text_of
from onrecord.pipeline.speakers.mentions import Who
from onrecord.pipeline.speakers.pronouns import Pronouns


class Earlier(Pronouns):
    """Look-ups of what the article named before a source phrase."""

    def _recent_place(self, root: Token) -> Who | None:
        si = self._sent_index(root.i)
        for e in reversed(self.ents):
            if e.start >= root.i or e.label != "GPE":
                continue
            if si - self._sent_index(e.start) > limits.PLACE_SENTENCES:
                break
            name = text_of(self.doc, e)
            return Who(
                "org:" + name.lower(), name, "organization", "description", ["description linked by salience"]
            )
        return None

    def _document_author(self, root: Token) -> Who | None:
        """Who a document speaks for: the one it is from or signed by ("a statement from the
        ministry", "the letter signed by seven physicians")."""
        for c in root.children:
            by = c if c.dep_ == "prep" and c.lower_ in ("from", "by", "in") else None
            if by is None and c.dep_ == "acl":  # "signed by", "issued by", "released by"
                by = next((g for g in c.children if g.dep_ == "agent"), None)
            obj = next((g for g in by.children if g.dep_ == "pobj"), None) if by is not None else None
            if obj is not None:
                ent = self.ent_at.get(obj.i)
                if c.lower_ == "in" and not (ent.label == "ORG" if ent else obj.pos_ == "PROPN"):
                    continue  # "a report in the Argus Leader" is the paper's, "a report in May" no one's
                end = obj.i if c.lower_ == "in" else obj.right_edge.i  # less "… of Sioux Falls"
                who = self._resolve(self.doc[obj.left_edge.i : end + 1])
                if who is not None and who.type != "unknown":
                    return who
        return None

    def _earlier_group(self, root: Token) -> Who | None:
        lem = root.lemma_.lower()
        for i, head, who in reversed(self.group_heads):
            if i < root.i and head == lem:
                return Who(who.key, who.name, who.type, "description")
        return None

    def _named_apposition(self, root: Token) -> Who | None:
        for c in root.children:
            if c.dep_ == "appos" and c.i > root.i:
                key = next((self.person_tok[t.i] for t in c.subtree if t.i in self.person_tok), None)
                if key is not None and (c.i in self.person_tok or c.pos_ in ("NOUN", "PROPN")):
                    return Who(key, self.people[key].name, "person")
        return None

    def _earlier_indefinite(self, root: Token) -> Who | None:
        """ "the expert warned" after "said one legal expert": the same anonymous source."""
        lem = root.lemma_.lower()
        for key, who in reversed(self.indefinites):
            if key[0] < root.i and key[1] == lem:
                return Who(who.key, who.name, who.type, "description")
        return None
