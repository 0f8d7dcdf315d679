"""Run the engine over judged attributions or judged sentences and format the result."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from onrecord.api import DEFAULT_MODEL
from onrecord.eval import attributions, sourcing
from onrecord.eval.realnews import reports


@dataclass(slots=True)
class JudgedEvalResult:
    what: str
    gold: str
    model: str
    mode: str
    documents: int
    seconds: float
    scores: attributions.AttributionScores | sourcing.SourcingScores

    def as_dict(self) -> dict[str, Any]:
        return {
            "gold": self.gold,
            "model": self.model,
            "mode": self.mode,
            "documents": self.documents,
            "seconds": round(self.seconds, 2),
            self.what: self.scores.as_dict(),
        }

    def to_json(self) -> str:
        return json.dumps(self.as_dict(), indent=2)

    def format_text(self, *, errors: bool = False) -> str:
        head = (
            f"onrecord eval ({self.what}): {self.gold}: {self.documents} documents, "
            f"model {self.model}, mode {self.mode}, {self.seconds:.1f}s"
        )
        d = self.scores.as_dict()
        lines = [head, "", *(f"{k:<22}{v}" for k, v in d.items())]
        if errors and isinstance(self.scores, attributions.AttributionScores):
            lines.append("")
            for doc, outcome, a, item in self.scores.listed:
                why = item.why if item is not None else ""
                cue = a.cue.text if a.cue else "-"
                lines.append(f"{outcome:<9} {why or '':<11} {doc}  cue {cue!r}: {a.content_text()[:70]!r}")
        elif errors and isinstance(self.scores, sourcing.SourcingScores):
            lines.append("")
            lines += [f"{what:<9} {doc}  {text!r}" for doc, what, text in self.scores.missed]
        return "\n".join(lines)


def evaluate_judged(
    what: str,
    gold: str | Path,
    *,
    articles: str | Path | None = None,
    split: str | None = None,
    model: str = DEFAULT_MODEL,
    mode: str = "fast",
    limit: int | None = None,
    statements: bool = False,
) -> JudgedEvalResult:
    """Score the engine against judged ``attributions`` or ``sourcing`` files."""
    started = time.perf_counter()
    if what == "attributions":
        adocs = attributions.read_judged(gold, articles, split=split)[:limit]
        scores: attributions.AttributionScores | sourcing.SourcingScores = attributions.score(
            adocs, reports((d.text for d in adocs), model=model, mode=mode, statements=statements)
        )
        n = len(adocs)
    else:
        sdocs = sourcing.read_sourcing(gold, articles, split=split)[:limit]
        scores = sourcing.score(
            sdocs, reports((d.text for d in sdocs), model=model, mode=mode, statements=statements)
        )
        n = len(sdocs)
    return JudgedEvalResult(what, str(gold), model, mode, n, time.perf_counter() - started, scores)
