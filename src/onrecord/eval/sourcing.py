"""Judged sentences (real news): editorial sentences and hearsay chains.

Each file (``tests/data/realnews/sourcing/*.json``, guide ``GUIDE-sourcing.md``) lists, for one
article read sentence by sentence, the editorial sentences and the hearsay chains by a snippet.
A snippet falls in the engine's sentence that contains its first character.

- editorial: precision and recall of the engine's ``editorial`` sentences against the listed ones;
- hearsay: a chain is found when its sentence is labelled ``hearsay`` or holds a hearsay marker
  ("reportedly"), or an attribution there (by cue or content) is marked ``hearsay`` or has a ``via``;
- genre: the article genre guess against the judge's.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from onrecord.eval.realnews import find_snippet, judged_files
from onrecord.models import Report

# The judge's genre names -> the engine's (onrecord.summary genres).
GENRE_GROUPS = {"editorial": "opinion", "column": "opinion", "review": "opinion"}


@dataclass(slots=True)
class SourcingDocument:
    name: str
    text: str
    genre: str
    editorial: list[int]
    hearsay: list[tuple[int, str]]


@dataclass(slots=True)
class SourcingScores:
    editorial: Counter[str] = field(default_factory=Counter)
    hearsay: Counter[str] = field(default_factory=Counter)
    genres: Counter[str] = field(default_factory=Counter)
    missed: list[tuple[str, str, str]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        tp, fp, fn = (self.editorial[k] for k in ("tp", "fp", "fn"))
        found = self.hearsay["found"]
        chains = found + self.hearsay["missed"]
        return {
            "editorial_gold": tp + fn,
            "editorial_predicted": tp + fp,
            "editorial_precision": round(tp / (tp + fp), 3) if tp + fp else None,
            "editorial_recall": round(tp / (tp + fn), 3) if tp + fn else None,
            "hearsay_chains": chains,
            "hearsay_recall": round(found / chains, 3) if chains else None,
            "hearsay_by_type": {k[6:]: v for k, v in self.hearsay.items() if k.startswith("found:")},
            "genre_right": self.genres["right"],
            "genre_judged": self.genres["right"] + self.genres["wrong"],
        }


def read_sourcing(
    folder: str | Path, articles: str | Path | None, *, split: str | None = None
) -> list[SourcingDocument]:
    docs = []
    for f in judged_files(Path(folder), Path(articles) if articles else None, split=split):
        d = f.data
        docs.append(
            SourcingDocument(
                f.name,
                f.text,
                d.get("genre", ""),
                [find_snippet(f, e["snippet"]) for e in d.get("editorial", [])],
                [(find_snippet(f, h["snippet"]), h.get("type", "")) for h in d.get("hearsay", [])],
            )
        )
    return docs


def _chain_found(report: Report, sentence: int | None, at: int) -> bool:
    if sentence is None:
        return False
    if report.sentences[sentence].sourcing == "hearsay":
        return True
    index = report.sentences[sentence].index
    if any(m.type == "hearsay" and m.sentence == index for m in report.markers):
        return True
    for a in report.attributions:
        marked = a.hearsay or a.via is not None
        covers = any(s.start <= at < s.end for s in a.content_spans())
        if marked and (a.sentence == report.sentences[sentence].index or covers):
            return True
    return False


def score(docs: list[SourcingDocument], reports: Iterable[Report]) -> SourcingScores:
    s = SourcingScores()
    for doc, report in zip(docs, reports, strict=True):
        starts = [x.span.start for x in report.sentences]

        def sentence_at(at: int, starts: list[int] = starts) -> int | None:
            i = bisect.bisect_right(starts, at) - 1
            return i if i >= 0 else None

        gold = {i for i in (sentence_at(at) for at in doc.editorial) if i is not None}
        pred = {i for i, x in enumerate(report.sentences) if x.sourcing == "editorial"}
        s.editorial["tp"] += len(gold & pred)
        s.editorial["fp"] += len(pred - gold)
        s.editorial["fn"] += len(gold - pred)
        # --errors: editorial sentences missed, and sentences labelled editorial that are not
        wrong = [(i, "editorial") for i in sorted(gold - pred)] + [
            (i, "not-edit") for i in sorted(pred - gold)
        ]
        for k, what in wrong:
            sp = report.sentences[k].span
            s.missed.append((doc.name, what, doc.text[sp.start : sp.start + 70]))
        for at, kind in doc.hearsay:
            i = sentence_at(at)
            if _chain_found(report, i, at):
                s.hearsay["found"] += 1
                s.hearsay[f"found:{kind}"] += 1
            else:
                s.hearsay["missed"] += 1
                s.missed.append((doc.name, "hearsay", doc.text[at : at + 70]))
        if doc.genre:
            want = GENRE_GROUPS.get(doc.genre, doc.genre)
            s.genres["right" if report.summary.genre == want else "wrong"] += 1
    return s
