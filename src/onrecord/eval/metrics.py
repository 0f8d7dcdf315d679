"""Attribution metrics: token-level and exact-span P/R/F1 per role, relation recall and precision.

Tokens are word tokens (runs of letters and digits); punctuation never counts, so a span that
differs from the gold one only by a quotation mark or a full stop still matches exactly. A token
lies inside a span when its middle character does.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from onrecord.eval.brat import ROLES, Fragments

_WORD = re.compile(r"\w+")


@dataclass(slots=True)
class PRF:
    tp: int = 0
    n_pred: int = 0
    n_gold: int = 0

    @property
    def precision(self) -> float:
        return self.tp / self.n_pred if self.n_pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.n_gold if self.n_gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "n_pred": self.n_pred,
            "n_gold": self.n_gold,
        }


@dataclass(slots=True)
class Relation:
    found: int = 0
    n_gold: int = 0
    correct: int = 0
    n_pred: int = 0

    @property
    def recall(self) -> float:
        return self.found / self.n_gold if self.n_gold else 0.0

    @property
    def precision(self) -> float:
        return self.correct / self.n_pred if self.n_pred else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "recall": round(self.recall, 4),
            "precision": round(self.precision, 4),
            "n_gold": self.n_gold,
            "n_pred": self.n_pred,
        }


@dataclass(slots=True)
class Scores:
    token: dict[str, PRF] = field(default_factory=lambda: {r: PRF() for r in ROLES})
    exact: dict[str, PRF] = field(default_factory=lambda: {r: PRF() for r in ROLES})
    relation: Relation = field(default_factory=Relation)


class Tokens:
    """Word-token index of one text: maps character spans to sets of token numbers."""

    def __init__(self, text: str) -> None:
        self.mids = [(m.start() + m.end() - 1) // 2 for m in _WORD.finditer(text)]

    def of(self, frags: Iterable[tuple[int, int]]) -> frozenset[int]:
        out: set[int] = set()
        for start, end in frags:
            lo = bisect.bisect_left(self.mids, start)
            hi = bisect.bisect_left(self.mids, end)
            out.update(range(lo, hi))
        return frozenset(out)


@dataclass(slots=True)
class DocSpans:
    """One document's spans per role and attribution contents, as token sets."""

    spans: dict[str, list[frozenset[int]]]
    contents: list[frozenset[int]]


def to_token_sets(
    tokens: Tokens, spans: Mapping[str, Sequence[Fragments]], contents: Sequence[Fragments]
) -> DocSpans:
    by_role = {r: [t for t in {tokens.of(f) for f in spans.get(r, [])} if t] for r in ROLES}
    cont = [t for t in (tokens.of(f) for f in contents) if t]
    return DocSpans(by_role, cont)


def score_doc(scores: Scores, gold: DocSpans, pred: DocSpans) -> None:
    """Add one document's counts to ``scores``."""
    for role in ROLES:
        g_union = frozenset().union(*gold.spans[role]) if gold.spans[role] else frozenset()
        p_union = frozenset().union(*pred.spans[role]) if pred.spans[role] else frozenset()
        tok = scores.token[role]
        tok.tp += len(g_union & p_union)
        tok.n_gold += len(g_union)
        tok.n_pred += len(p_union)
        ex = scores.exact[role]
        g_set, p_set = set(gold.spans[role]), set(pred.spans[role])
        ex.tp += len(g_set & p_set)
        ex.n_gold += len(g_set)
        ex.n_pred += len(p_set)
    rel = scores.relation
    for g in gold.contents:
        rel.n_gold += 1
        if any(2 * len(g & p) >= len(g) for p in pred.contents):
            rel.found += 1
    for p in pred.contents:
        rel.n_pred += 1
        if any(2 * len(p & g) >= len(p) for g in gold.contents):
            rel.correct += 1
