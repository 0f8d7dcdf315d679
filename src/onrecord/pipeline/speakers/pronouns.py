"""Pronoun sources: "he" / "she" to the person they refer to, "they" / "it" to a group, an
organisation or the people named before, "I" outside quotation marks to the narrator. Used by
:mod:`onrecord.pipeline.speakers.phrases`."""

from __future__ import annotations

import bisect

from spacy.tokens import Token

from onrecord.pipeline import lexicons
from onrecord.pipeline.speakers import limits
from onrecord.pipeline.speakers.ent_spans import text_of
from onrecord.pipeline.speakers.mentions import Mentions, Who

_SINGULAR_DETS = frozenset({"a", "an", "one", "the", "another"})  # open an unnamed source of one person


class Pronouns(Mentions):
    """Resolve a pronoun to a speaker."""

    def _pronoun(self, tok: Token) -> Who | None:
        low = tok.lower_
        gender, number = self.o.pronouns.get(low, ("x", "x"))
        if low in ("he", "she", "him", "her"):
            found = self._antecedent(tok, gender)  # again, now that earlier speakers are known
            unnamed = self._unnamed_speaker(tok, gender) if low in ("he", "she") else None
            if unnamed is not None and (found is None or self._last_mention(found[0], tok.i) < unnamed[0]):
                return unnamed[1]  # "A police spokesman said …. He added": not the mayor named before
            if found is not None:
                key, doubts = found
                p = self.people[key]
                p.gender = p.gender or gender
                return Who(key, p.name, "person", "pronoun", doubts)
        elif low in ("they", "them", "it"):
            group = self._plural_pronoun(tok, low, number)
            return (self._spokesperson(tok, group) if low == "they" else None) or group
        elif (
            low in lexicons.first_person(singular=True, possessive=False)
            and self.narrator is not None
            and not self._in_quote(tok.idx)
        ):
            p = self.people[self.narrator]
            return Who(
                self.narrator, p.name, "person", "first-person", ["first person taken as the narrator"]
            )
        return None  # "you", "I" outside a quote, a "he" with no one before it: left unresolved

    def _plural_pronoun(self, tok: Token, low: str, number: str) -> Who | None:
        """ "they" / "them" / "it": the people joined by "and" before it, the group or organisation
        that spoke last within reach, the people named since, or the organisation named last."""
        si = self._sent_index(tok.i)
        people = self._plural_people(tok) if low != "it" else None
        group_before = False  # a group spoke before the people "they" is taken for
        joint = self._joint_subject(tok) if low != "it" else None
        if (
            joint is not None
            and all(t_i < joint.start for t_i, _ in self.recent_groups if t_i < tok.i)
            and (people is None or people.start < joint.start)
        ):
            return self._resolve(joint)  # "Gov. Holcomb and leaders of … have avoided …. They said"
        for t_i, key in reversed(self.recent_groups):
            in_reach = t_i < tok.i and si - self._sent_index(t_i) <= limits.GROUP_SENTENCES
            if people is not None and people.start > t_i:
                group_before = in_reach
                break  # "… allowed researchers to see. They discovered": the people named since
            if in_reach:
                sp = self.others.get(key)
                name = sp.name if sp else key.split(":", 1)[-1]
                kind = (
                    "organization"
                    if key.startswith("org:")
                    else "group"
                    if key.startswith("grp:")
                    else "anonymous"
                )
                if low == "it" and kind != "organization":
                    continue
                return Who(key, name, kind, "pronoun")
        org = (
            self._recent_org_ent(tok, within=limits.ORG_SENTENCES, pronoun=True)
            if low == "it" or number == "pl"
            else None
        )
        if people is not None and (org is None or org.start < people.root.i or group_before):
            return Who("grp:" + " ".join(people.text.lower().split()), people.text, "group", "pronoun")
        if org is not None:
            name = text_of(self.doc, org)
            return Who("org:" + name.lower(), name, "organization", "pronoun")
        return None

    def _spokesperson(self, tok: Token, group: Who | None) -> Who | None:
        """A singular "they" for the one who spoke for the organisation: "Kym Lino, a spokesperson
        for Instagram, confirmed …. “We use …,” they said." Only the person who spoke last, in the
        sentence before or this one, whose gender the article never tells, and whose role names
        the organisation "they" would otherwise stand for (or who has a role, where "they" would
        stand for no one else)."""
        if group is not None and group.type != "organization":
            return None
        turn = next(((t_i, k) for t_i, k in reversed(self.speaker_turns) if t_i < tok.i), None)
        if turn is None or self._narrative_index(tok.i) - self._narrative_index(turn[0]) > 1:
            return None
        if any(turn[0] < g_i < tok.i for g_i, _ in self.recent_groups):
            return None
        p = self.people.get(turn[1])
        if p is None or p.gender is not None:
            return None
        speaks_for = " ".join(x for x in (p.organization, p.role) if x).lower()
        org = group.name.lower().removeprefix("the ") if group is not None else speaks_for
        if not org or org not in speaks_for:
            return None
        return Who(turn[1], p.name, "person", "pronoun")

    def _unnamed_speaker(self, tok: Token, gender: str) -> tuple[int, Who] | None:
        """The unnamed source of one person who spoke last, in this sentence or the one before, if
        the latest group, body or unnamed speaker is one ("a police spokesman", not "officials"),
        with its token."""
        si = self._narrative_index(tok.i)
        turn = next(((t_i, key) for t_i, key in reversed(self.recent_groups) if t_i < tok.i), None)
        if turn is None or si - self._narrative_index(turn[0]) > 1 or not turn[1].startswith("anon:"):
            return None
        words = turn[1].split(":", 1)[1].split()
        if not words or words[0] not in _SINGULAR_DETS or words[-1].endswith("s"):
            return None
        said = next((self.o.gender_words[w] for w in words if w in self.o.gender_words), None)
        if said is not None and gender in ("m", "f") and said != gender:
            return None  # "a spokeswoman said …. He added"
        sp = self.others.get(turn[1])
        name = sp.name if sp is not None else " ".join(words)
        return turn[0], Who(turn[1], name, "anonymous", "pronoun")

    def _last_mention(self, key: str, tok_i: int) -> int:
        """The token of the last mention of person ``key`` before ``tok_i`` (-1 if none)."""
        positions = self.people[key].positions
        k = bisect.bisect_left(positions, (tok_i, False, False))
        return positions[k - 1][0] if k > 0 else -1
