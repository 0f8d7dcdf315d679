"""How likely a named speaker is wrong, learned from the speakers the resolver got wrong.

The resolver's own confidence (:mod:`.review`) counts the doubts it met on the way; on real news
it flags a quarter of the wrong speakers. This step reads each attribution of a finished
:class:`~onrecord.models.Report` the way a checker would — how the speaker was named (a name in
the source, a pronoun, a description, nothing), how far back and past whom the speaker was last
mentioned, whether the speaker is named inside the quotation, how much of the article the speaker
speaks, the resolver's doubts — and a logistic regression over those features (trained by
``train/speaker_doubt.py`` on the hand-judged real-news **dev** articles; weights, threshold and
what it was trained on in ``models/speaker-doubt.json``) gives the chance the speaker is wrong.
``speaker_confidence`` becomes one minus that chance where that is lower than the resolver's own
figure; at or above the threshold the attribution
gets the review reason :data:`REASON`.

Pure functions over the report's data model: :func:`features` (also used for training) and
:func:`review_speakers`.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np

from onrecord.models import Attribution, Report, Speaker
from onrecord.pipeline.learned.shipped import linear_model
from onrecord.pipeline.speakers import limits
from onrecord.pipeline.speakers.review import PRONOUNS

MODEL_FILE = "speaker-doubt.json"
REASON_PREFIX = "speaker often wrong in cases like this"
_WORD = re.compile(r"\w+", re.UNICODE)
_SAYING = re.compile(r"\b(said|says|say|told|tells|tell|added|adds|asked|asks)\b")
_DETERMINERS = ("the", "a", "an", "his", "her", "their", "its")

#: The resolver's review reasons read as features, by their start ("pronoun could also be X").
REASONS: tuple[str, ...] = (
    "source is not the subject of the cue",
    "description linked by salience",
    "description not linked to a name",
    "two people share this name",
    "source names no one",
    "antecedent far away",
    "pronoun could also be",
    "the source is the one asked or accused",
    "quotation has no cue",
    "first person taken as",
)
_KINDS = ("direct", "indirect", "mixed")
#: how the resolver found the speaker, read back from its confidence before doubts (limits.CONFIDENCE)
_FOUND = ("named", "dash", "pronoun or description", "first-person", "lead-in", "other")
_TYPES = ("person", "organization", "group", "anonymous", "unknown")
_SOURCE_TYPES = ("named", "anonymous", "vague", "none")

FEATURES: tuple[str, ...] = (
    "bias",
    *(f"kind:{k}" for k in _KINDS),
    *(f"type:{t}" for t in _TYPES),
    *(f"source_type:{t}" for t in _SOURCE_TYPES),
    "no source",
    "source is a pronoun",
    "source holds the name",
    "source is a description",
    "source is plural",
    "source words",
    "no cue",
    "cue is a saying verb",
    "cue is according to",
    "resolver confidence",
    *(f"found:{h}" for h in _FOUND),
    "attribution confidence",
    "statement score",
    *(f"reason:{r}" for r in REASONS),
    "reasons",
    "name inside the content",
    "another person inside the content",
    "people in the article",
    "speaker's share of attributions",
    "distance to the last mention",
    "no mention before",
    "people mentioned in between",
    "pronoun past other people",
    "hearsay",
    "via",
    "content in parts",
    "content length",
)


def _surname(name: str) -> str:
    words = [w for w in _WORD.findall(name) if len(w) > 2]
    return words[-1] if words else ""


def _found(confidence: float, reasons: int) -> str:
    base = round(confidence + limits.DOUBT_PENALTY * reasons, 2)
    for how in ("named", "dash", "pronoun", "first-person", "lead-in"):
        if abs(base - limits.CONFIDENCE[how]) < 0.005:
            return "pronoun or description" if how == "pronoun" else how
    return "other"


@dataclass(slots=True)
class _Facts:
    """What every attribution's features read from the whole report, gathered once."""

    people: list[Speaker]  # the person speakers
    surnames: dict[str, str]  # person id -> surname
    said: Counter[str]  # speaker id -> attributions
    mention_starts: list[int]  # every person mention's start, sorted
    attributions: int

    @classmethod
    def of(cls, report: Report) -> _Facts:
        people = [s for s in report.speakers if s.type == "person"]
        said = Counter(a.speaker.id for a in report.attributions if a.speaker is not None)
        starts = sorted(m.start for s in people for m in s.mentions)
        return cls(people, {s.id: _surname(s.name) for s in people}, said, starts, len(report.attributions))


def features(report: Report, a: Attribution, facts: _Facts | None = None) -> dict[str, float]:
    """The features of ``a``'s speaker (``a.speaker`` must be set), by the names of :data:`FEATURES`;
    ``facts``: the report's, when scoring many attributions of one report."""
    facts = facts or _Facts.of(report)
    sp: Speaker | None = a.speaker
    assert sp is not None
    f: dict[str, float] = {"bias": 1.0, f"kind:{a.kind}": 1.0, f"type:{sp.type}": 1.0}
    f[f"source_type:{a.source_type}"] = 1.0
    src = (a.source.text if a.source else "").strip()
    low = src.lower()
    spans = a.content_spans()
    c_start = min((s.start for s in spans), default=a.cue.start if a.cue else 0)
    c_end = max((s.end for s in spans), default=c_start)
    content = " ".join(s.text for s in spans)
    sur = _surname(sp.name)
    holds_name = bool(sur) and sur in src
    f["no source"] = float(a.source is None)
    f["source is a pronoun"] = float(low in PRONOUNS)
    f["source holds the name"] = float(holds_name)
    f["source is a description"] = float(bool(low) and low.split()[0] in _DETERMINERS and not holds_name)
    f["source is plural"] = float(bool(low) and low.split()[-1].endswith("s") and not holds_name)
    f["source words"] = min(len(src.split()), 10) / 10
    cue = a.cue.text.lower() if a.cue else ""
    f["no cue"] = float(a.cue is None)
    f["cue is a saying verb"] = float(bool(_SAYING.search(cue)))
    f["cue is according to"] = float("according" in cue)
    f["resolver confidence"] = a.speaker_confidence or 0.0
    f[f"found:{_found(a.speaker_confidence or 0.0, len(a.needs_review))}"] = 1.0
    f["attribution confidence"] = a.confidence
    f["statement score"] = 0.5 if a.statement is None else a.statement
    reasons = [r for r in a.needs_review if not r.startswith(REASON_PREFIX)]
    for r in REASONS:
        if any(x.startswith(r) for x in reasons):
            f[f"reason:{r}"] = 1.0
    f["reasons"] = float(len(reasons))
    f["name inside the content"] = float(bool(sur) and sur in content)
    f["another person inside the content"] = float(
        any(n in content for pid, n in facts.surnames.items() if pid != sp.id and n)
    )
    f["people in the article"] = math.log1p(len(facts.people))
    f["speaker's share of attributions"] = facts.said[sp.id] / max(1, facts.attributions)
    before = [m.start for m in sp.mentions if m.start <= c_end]
    last = max(before) if before else None
    f["distance to the last mention"] = math.log1p(abs(c_start - last) if last is not None else 5000) / 9
    f["no mention before"] = float(last is None)
    between = 0
    if last is not None and last < c_start:
        # person mentions strictly between: none of them the speaker's (``last`` is its latest)
        starts = facts.mention_starts
        between = bisect.bisect_left(starts, c_start) - bisect.bisect_right(starts, last)
    f["people mentioned in between"] = min(between, 5) / 5
    f["pronoun past other people"] = f["source is a pronoun"] * f["people mentioned in between"]
    f["hearsay"] = float(a.hearsay)
    f["via"] = float(a.via is not None)
    f["content in parts"] = float(len(spans) > 1)
    f["content length"] = math.log1p(c_end - c_start) / 8
    return f


def vector(f: dict[str, float]) -> np.ndarray:
    return np.array([f.get(name, 0.0) for name in FEATURES], dtype=np.float64)


@cache
def _model() -> dict[str, Any]:
    return linear_model(MODEL_FILE, FEATURES, "train/speaker_doubt.py")


def chance_wrong(report: Report, a: Attribution, facts: _Facts | None = None) -> float:
    """The model's chance that ``a``'s speaker is wrong."""
    w = np.asarray(_model()["weights"], dtype=np.float64)
    z = float(vector(features(report, a, facts)) @ w)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def review_speakers(report: Report) -> None:
    """Lower each named speaker's ``speaker_confidence`` to the model's chance it is right, and add
    the review reason where the chance it is wrong reaches the threshold (in place)."""
    threshold = float(_model()["threshold"])
    facts = _Facts.of(report)
    scored = [(a, chance_wrong(report, a, facts)) for a in report.attributions if a.speaker is not None]
    for a, p in scored:  # all scored first: a reason added is no feature of another attribution
        heuristic = 1.0 if a.speaker_confidence is None else a.speaker_confidence
        a.speaker_confidence = round(min(heuristic, 1.0 - p), 3)
        if p >= threshold:
            a.needs_review.append(f"{REASON_PREFIX} (estimated {p:.0%} chance it is wrong)")
