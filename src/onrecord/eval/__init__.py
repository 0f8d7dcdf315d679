"""Evaluate the attribution engine against a BRAT standoff corpus (PolNeAR layout).

``evaluate(gold_dir, split=None, model=..., mode=...)`` runs the engine over every gold document
and returns an :class:`EvalResult` with token-level and exact-span precision/recall/F1 for source,
cue and content, and relation recall/precision (see :mod:`onrecord.eval.metrics`).
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from onrecord.api import DEFAULT_MODEL, analyze_many
from onrecord.eval.brat import ROLES, Fragments, GoldDoc, parse_ann, read_corpus
from onrecord.eval.metrics import PRF, Relation, Scores, Tokens, score_doc, to_token_sets
from onrecord.models import Attribution, Report

__all__ = ["ROLES", "EvalResult", "GoldDoc", "evaluate", "parse_ann", "predicted_spans", "read_corpus"]


@dataclass(slots=True)
class EvalResult:
    corpus: str
    split: str | None
    model: str
    mode: str
    documents: int
    words: int
    seconds: float
    scores: Scores = field(default_factory=Scores)

    @property
    def token(self) -> dict[str, PRF]:
        return self.scores.token

    @property
    def exact(self) -> dict[str, PRF]:
        return self.scores.exact

    @property
    def relation(self) -> Relation:
        return self.scores.relation

    def as_dict(self) -> dict[str, Any]:
        return {
            "corpus": self.corpus,
            "split": self.split,
            "model": self.model,
            "mode": self.mode,
            "documents": self.documents,
            "words": self.words,
            "seconds": round(self.seconds, 2),
            "words_per_second": round(self.words / self.seconds, 1) if self.seconds else None,
            "token": {r: self.token[r].as_dict() for r in ROLES},
            "exact_span": {r: self.exact[r].as_dict() for r in ROLES},
            "relation": self.relation.as_dict(),
        }

    def to_json(self) -> str:
        return json.dumps(self.as_dict(), indent=2)

    def format_text(self) -> str:
        head = f"{self.corpus}" + (f" [{self.split}]" if self.split else "")
        lines = [
            f"onrecord eval: {head}: {self.documents} documents, {self.words} words, "
            f"model {self.model}, mode {self.mode}, {self.seconds:.1f}s",
            "",
            f"{'role':<8} {'token P':>8} {'token R':>8} {'token F1':>8}   {'exact P':>8} {'exact R':>8} {'exact F1':>8}",
        ]
        for r in ROLES:
            t, e = self.token[r], self.exact[r]
            lines.append(
                f"{r:<8} {t.precision:>8.3f} {t.recall:>8.3f} {t.f1:>8.3f}   "
                f"{e.precision:>8.3f} {e.recall:>8.3f} {e.f1:>8.3f}"
            )
        rel = self.relation
        lines += [
            "",
            f"relation recall {rel.recall:.3f} ({rel.found}/{rel.n_gold} gold)   "
            f"precision {rel.precision:.3f} ({rel.correct}/{rel.n_pred} predicted)",
        ]
        return "\n".join(lines)


def predicted_spans(report: Report) -> tuple[dict[str, list[Fragments]], list[Fragments]]:
    """Spans per role and the content of each attribution of a report, as character fragments."""
    spans: dict[str, list[Fragments]] = {r: [] for r in ROLES}
    contents: list[Fragments] = []
    for a in report.attributions:
        for role in ("source", "cue"):
            s = getattr(a, role)
            if s is not None:
                spans[role].append(((s.start, s.end),))
        frags = _content(a)
        if frags:
            spans["content"].append(frags)
            contents.append(frags)
    return spans, contents


def _content(a: Attribution) -> Fragments:
    c = a.content
    if c is None:
        return ()
    parts = c if isinstance(c, list) else [c]
    return tuple(sorted((s.start, s.end) for s in parts))


def evaluate(
    gold_dir: str | Path,
    split: str | None = None,
    *,
    model: str = DEFAULT_MODEL,
    mode: str = "fast",
    limit: int | None = None,
) -> EvalResult:
    """Run the engine over the gold corpus ``gold_dir`` (``split`` sub-folder) and score it."""
    root = Path(gold_dir)
    docs = list(read_corpus(root, split, limit=limit))
    result = EvalResult(
        corpus=str(gold_dir), split=split, model=model, mode=mode, documents=len(docs), words=0, seconds=0.0
    )
    started = time.perf_counter()
    reports = analyze_many((d.text for d in docs), model=model, mode=mode)
    for doc, report in zip(docs, reports, strict=True):
        tokens = Tokens(doc.text)
        result.words += len(tokens.mids)
        gold = to_token_sets(tokens, doc.spans, [a.content for a in doc.attributions if a.content])
        spans, contents = predicted_spans(report)
        score_doc(result.scores, gold, to_token_sets(tokens, spans, contents))
    result.seconds = time.perf_counter() - started
    return result
