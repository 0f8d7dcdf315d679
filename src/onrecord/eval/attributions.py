"""Judged predicted attributions (real news): how many of the engine's attributions report
speech, writing or belief at all.

Each file (``tests/data/realnews/attributions/*.json``, guide ``GUIDE-attributions.md``) judges
every attribution the engine predicted at the time of judging as ``genuine`` (with its act) or
``spurious`` (with why). A new prediction is matched to a judged item by its cue offsets (exact,
else the judged cue it overlaps most), or by its content start when it has no cue; one that
matches nothing is *unjudged* and counted apart, never guessed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from onrecord.eval.realnews import judged_files
from onrecord.models import Attribution, Report

Offsets = tuple[int, int]


@dataclass(slots=True)
class JudgedItem:
    cue: Offsets | None
    content: Offsets | None
    verdict: str
    act: str | None
    why: str | None


@dataclass(slots=True)
class JudgedDocument:
    name: str
    text: str
    items: list[JudgedItem]


@dataclass(slots=True)
class AttributionScores:
    predicted: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)
    why: Counter[str] = field(default_factory=Counter)
    acts: Counter[str] = field(default_factory=Counter)
    judged_items: int = 0
    genuine_kept: int = 0
    genuine_judged: int = 0
    listed: list[tuple[str, str, Attribution, JudgedItem | None]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        judged = self.outcomes["genuine"] + self.outcomes["spurious"]
        acts = self.acts["right"] + self.acts["wrong"]
        return {
            "predicted": self.predicted,
            "genuine": self.outcomes["genuine"],
            "spurious": self.outcomes["spurious"],
            "unjudged": self.outcomes["unjudged"],
            "spurious_share": round(self.outcomes["spurious"] / judged, 3) if judged else None,
            "spurious_by_why": dict(self.why.most_common()),
            "genuine_kept": round(self.genuine_kept / self.genuine_judged, 3)
            if self.genuine_judged
            else None,
            "act_accuracy": round(self.acts["right"] / acts, 3) if acts else None,
        }


def read_judged(
    folder: str | Path, articles: str | Path | None, *, split: str | None = None
) -> list[JudgedDocument]:
    docs = []
    for f in judged_files(Path(folder), Path(articles) if articles else None, split=split):
        items = [
            JudgedItem(
                cue=tuple(it["cue"][:2]) if it.get("cue") else None,  # type: ignore[arg-type]
                content=tuple(it["content"][:2]) if it.get("content") else None,  # type: ignore[arg-type]
                verdict=it["verdict"],
                act=it.get("act"),
                why=it.get("why"),
            )
            for it in f.data["items"]
        ]
        docs.append(JudgedDocument(f.name, f.text, items))
    return docs


def _overlap(a: Offsets, b: Offsets) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def match(pred: Attribution, items: list[JudgedItem]) -> JudgedItem | None:
    """The judged item a predicted attribution is: same cue, else the cue it overlaps most, else
    (no cue) the item whose content starts where its content starts or overlaps it most."""
    if pred.cue is not None:
        cue = (pred.cue.start, pred.cue.end)
        exact = next((i for i in items if i.cue == cue), None)
        if exact is not None:
            return exact
        best = max(items, key=lambda i: _overlap(cue, i.cue) if i.cue else 0, default=None)
        return best if best is not None and best.cue and _overlap(cue, best.cue) else None
    spans = pred.content_spans()
    if not spans:
        return None
    content = (spans[0].start, spans[-1].end)
    uncued = [i for i in items if i.cue is None and i.content]
    same = next((i for i in uncued if i.content and i.content[0] == content[0]), None)
    if same is not None:
        return same
    best = max(uncued, key=lambda i: _overlap(content, i.content) if i.content else 0, default=None)
    return best if best is not None and best.content and _overlap(content, best.content) else None


def score(docs: list[JudgedDocument], reports: Iterable[Report]) -> AttributionScores:
    s = AttributionScores()
    for doc, report in zip(docs, reports, strict=True):
        s.judged_items += len(doc.items)
        seen: set[int] = set()
        for a in report.attributions:
            s.predicted += 1
            item = match(a, doc.items)
            outcome = item.verdict if item is not None else "unjudged"
            s.outcomes[outcome] += 1
            if item is not None:
                seen.add(id(item))
                if item.verdict == "spurious":
                    s.why[item.why or "other"] += 1
                elif item.act and a.act:
                    s.acts["right" if item.act == a.act else "wrong"] += 1
            if outcome != "genuine":
                s.listed.append((doc.name, outcome, a, item))
        genuine = [i for i in doc.items if i.verdict == "genuine"]
        s.genuine_judged += len(genuine)
        s.genuine_kept += sum(1 for i in genuine if id(i) in seen)
    return s
