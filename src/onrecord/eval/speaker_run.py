"""Run the engine over speaker gold (:mod:`onrecord.eval.speakers`) and format the result."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from onrecord.api import DEFAULT_MODEL
from onrecord.eval.realnews import reports
from onrecord.eval.speakers import OUTCOMES, SpeakerScores, read_gold, score


@dataclass(slots=True)
class SpeakerEvalResult:
    gold: str
    model: str
    mode: str
    documents: int
    seconds: float
    scores: SpeakerScores

    def as_dict(self) -> dict[str, Any]:
        return {
            "gold": self.gold,
            "model": self.model,
            "mode": self.mode,
            "documents": self.documents,
            "seconds": round(self.seconds, 2),
            "speakers": self.scores.as_dict(),
        }

    def to_json(self) -> str:
        return json.dumps(self.as_dict(), indent=2)

    def format_text(self, *, errors: bool = False) -> str:
        d = self.scores.as_dict()
        n = d["quotes"]

        def pct(k: str) -> str:
            return f"{d[k]:>5}  ({d[k] / n:.3f})" if n else f"{d[k]:>5}"

        lines = [
            f"onrecord eval (speakers): {self.gold}: {self.documents} documents, {n} gold quotes, "
            f"model {self.model}, mode {self.mode}, {self.seconds:.1f}s",
            "",
            *(f"{k:<11}{pct(k)}" for k in OUTCOMES),
            "",
            f"quotes found        {d['found']}",
            f"end-to-end accuracy {d['end_to_end']}   (speaker right / gold quotes)",
            f"role accuracy       {d['role_accuracy']}   ({d['roles_judged']} right speakers with a gold role)",
            f"source type         {d['source_type_accuracy']}   ({d['source_types_judged']} found quotes "
            "with a gold named/anonymous/vague)",
        ]
        if d["review_catches_errors"] is not None or d["review_flags_right"] is not None:
            lines.append(
                f"needs_review        flags {d['review_catches_errors']} of wrong/unresolved "
                f"({d['review_catches_wrong']} of wrong), {d['review_flags_right']} of right"
            )
        if len(d["by_genre"]) > 1:
            lines.append("")
            lines += [
                f"  {g:<12} {v['right']:>4}/{v['quotes']:<4} {v['right'] / v['quotes']:.3f}"
                for g, v in d["by_genre"].items()
                if v["quotes"]
            ]
        if errors:
            lines.append("")
            for j in self.scores.judged:
                if j.outcome != "right" or j.role_right is False:
                    what = j.outcome if j.outcome != "right" else "role"
                    gold = j.gold.names[0] if j.gold.names else f"({j.gold.speaker_type})"
                    if what == "role":
                        lines.append(
                            f"{what:<10} {j.gold.doc[:24]:<24} {gold!r}: gold role {j.gold.role!r} "
                            f"got {j.predicted_role!r}: {j.gold.text[:50]!r}"
                        )
                        continue
                    lines.append(
                        f"{what:<10} {j.gold.doc[:24]:<24} gold {gold!r} got {j.predicted!r}"
                        f"{' [review]' if j.needs_review else ''}: {j.gold.text[:70]!r}"
                    )
        return "\n".join(lines)


def evaluate_speakers(
    gold: str | Path,
    *,
    articles: str | Path | None = None,
    split: str | None = None,
    model: str = DEFAULT_MODEL,
    mode: str = "fast",
    limit: int | None = None,
    statements: bool = False,
) -> SpeakerEvalResult:
    """Run the engine over every gold document and judge each gold quote's speaker."""
    docs = read_gold(gold, articles=articles, split=split)
    if limit is not None:
        docs = docs[:limit]
    started = time.perf_counter()
    scores = score(docs, reports((d.text for d in docs), model=model, mode=mode, statements=statements))
    return SpeakerEvalResult(str(gold), model, mode, len(docs), time.perf_counter() - started, scores)
