"""Score speakers: does the engine name the right person for each quotation?

Two gold formats, both a quote -> speaker list:

- GUM's (``quotes/*/gold.json`` of the GUM data): ``{"docs": [{"id", "file", "quotes": [{"start",
  "end", "speaker", "speaker_aliases", "speaker_named", "evaluable", ...}]}]}``, with each
  document's text in ``file`` beside the gold file. Only ``evaluable`` quotes count; by default
  only those whose speaker is named (``speaker_named``).
- onrecord's real-news format: a folder of ``*.json`` files, one an article, each
  ``{"article": ID, "split", "genre", "quotes": [{"snippet", "kind", "speaker",
  "speaker_aliases", "speaker_type", "role", "organization", "source_type", ...}]}``; the article
  text is looked up by ID in a ``{ID: {"articleBody": ...}}`` file (``articles=``), and a
  snippet is an exact substring of it.

For each gold quote the predicted attribution whose content covers most of it is its match (of
equals, the shortest: a quotation inside a quotation is matched by its own attribution; none
covering half of it: the quote was not found). Its speaker is *right* when the predicted
speaker's name is one of the gold names (case, honorifics and punctuation aside); for an
anonymous or vague gold source, when the prediction labels the source anonymous or vague or
names an unnamed speaker (a group, an anonymous source). It is
*unresolved* when the prediction names no speaker (or only a phrase of unknown type), *wrong*
otherwise. End-to-end accuracy is right / gold quotes (missed quotes count against it).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from onrecord.errors import InputError
from onrecord.eval.realnews import find_snippet, judged_files, load_json
from onrecord.models import Attribution, Report

OUTCOMES = ("right", "wrong", "unresolved", "missed")
_HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "prof", "rev", "the"}
_ROLE_STOP = {"the", "a", "an", "of", "for", "to", "at", "in", "on", "and", "its", "his", "her", "their"}
_WORD = re.compile(r"[\w]+", re.UNICODE)


@dataclass(slots=True)
class GoldQuote:
    doc: str
    start: int
    end: int
    names: list[str]  # the speaker's name and aliases; [] for an anonymous / vague source
    speaker_type: str = "person"
    role: str | None = None
    kind: str = "direct"
    genre: str = ""
    text: str = ""
    source_type: str | None = None  # named / anonymous / vague, where the gold gives it


@dataclass(slots=True)
class GoldDocument:
    id: str
    text: str
    genre: str
    quotes: list[GoldQuote]


@dataclass(slots=True)
class Judged:
    gold: GoldQuote
    outcome: str
    predicted: str | None = None  # the predicted speaker's name (or source phrase)
    role_right: bool | None = None  # None: gold gives no role, or the speaker is not right
    needs_review: bool = False
    source_type_right: bool | None = None  # None: missed, or the gold gives no source type
    predicted_role: str | None = None  # the predicted speaker's role, where the speaker is right


@dataclass(slots=True)
class SpeakerScores:
    judged: list[Judged] = field(default_factory=list)

    def counts(self, genre: str | None = None) -> Counter[str]:
        return Counter(j.outcome for j in self.judged if genre is None or j.gold.genre == genre)

    def as_dict(self) -> dict[str, Any]:
        c = self.counts()
        n = sum(c.values())
        roles = [j.role_right for j in self.judged if j.role_right is not None]
        types = [j.source_type_right for j in self.judged if j.source_type_right is not None]
        right = [j for j in self.judged if j.outcome == "right"]
        wrong = [j for j in self.judged if j.outcome in ("wrong", "unresolved")]
        return {
            "quotes": n,
            **{k: c[k] for k in OUTCOMES},
            "found": round((n - c["missed"]) / n, 3) if n else None,
            "end_to_end": round(c["right"] / n, 3) if n else None,
            "wrong_rate": round(c["wrong"] / n, 3) if n else None,
            "source_type_accuracy": _share(types),
            "source_types_judged": len(types),
            "roles_judged": len(roles),
            "role_accuracy": round(sum(roles) / len(roles), 3) if roles else None,
            "review_catches_errors": _share([j.needs_review for j in wrong]),
            "review_catches_wrong": _share([j.needs_review for j in wrong if j.outcome == "wrong"]),
            "review_flags_right": _share([j.needs_review for j in right]),
            "by_genre": {
                g: {"quotes": sum(v.values()), "right": v["right"]}
                for g in sorted({j.gold.genre for j in self.judged})
                for v in [self.counts(g)]
            },
        }


def _share(flags: list[bool]) -> float | None:
    return round(sum(flags) / len(flags), 3) if flags else None


# -- reading gold -----------------------------------------------------------------------------------
def read_gum(path: Path, *, named_only: bool = True) -> list[GoldDocument]:
    data = load_json(path)
    if not isinstance(data, dict) or "docs" not in data:
        raise InputError(str(path), 'not a GUM quote gold file (expected an object with "docs")')
    docs = []
    for d in data["docs"]:
        text_path = path.parent / d["file"]
        try:
            text = text_path.read_text(encoding="utf-8")
        except OSError as exc:
            raise InputError(str(text_path), f"cannot read the document text named in {path}: {exc}") from exc
        quotes = [
            GoldQuote(
                doc=d["id"],
                start=q["start"],
                end=q["end"],
                names=[n for n in [q.get("speaker"), *q.get("speaker_aliases", [])] if n],
                speaker_type=q.get("speaker_etype") or "person",
                genre=d.get("genre", ""),
                text=q.get("text", ""),
            )
            for q in d["quotes"]
            if q.get("evaluable") and (q.get("speaker_named") or not named_only)
        ]
        docs.append(GoldDocument(d["id"], text, d.get("genre", ""), quotes))
    return docs


def read_realnews(folder: Path, articles: Path | None, *, split: str | None = None) -> list[GoldDocument]:
    docs = []
    for f in judged_files(folder, articles, split=split):
        d, text = f.data, f.text
        quotes = []
        for q in d["quotes"]:
            at = find_snippet(f, q["snippet"])
            quotes.append(
                GoldQuote(
                    doc=f.name,
                    start=at,
                    end=at + len(q["snippet"]),
                    names=[n for n in [q.get("speaker"), *q.get("speaker_aliases", [])] if n],
                    speaker_type=q.get("speaker_type") or "person",
                    role=q.get("role"),
                    kind=q.get("kind", "direct"),
                    genre=d.get("genre", ""),
                    text=q["snippet"],
                    source_type=q.get("source_type"),
                )
            )
        docs.append(GoldDocument(f.name, text, d.get("genre", ""), quotes))
    return docs


def read_gold(
    path: str | Path, *, articles: str | Path | None = None, split: str | None = None
) -> list[GoldDocument]:
    """GUM's gold file, or a folder of real-news gold files (with ``articles``, the texts)."""
    p = Path(path)
    if p.is_dir():
        if (p / "gold.json").is_file():
            return read_gum(p / "gold.json")
        return read_realnews(p, Path(articles) if articles else None, split=split)
    if p.is_file():
        return read_gum(p)
    raise InputError(str(p), "no such file or folder (a GUM gold.json or a folder of real-news gold files)")


# -- judging -----------------------------------------------------------------------------------------
def judge(doc: GoldDocument, report: Report) -> list[Judged]:
    return [_judge_one(q, report) for q in doc.quotes]


def _judge_one(q: GoldQuote, report: Report) -> Judged:
    best = best_attribution(q, report)
    j = judge_speaker(q, best)
    if best is not None and q.source_type in ("named", "anonymous", "vague"):
        j.source_type_right = best.source_type == q.source_type
    return j


def best_attribution(q: GoldQuote, report: Report) -> Attribution | None:
    best: Attribution | None = None
    best_key = (0, 0)
    for a in report.attributions:
        spans = a.content_spans()
        ov = sum(max(0, min(s.end, q.end) - max(s.start, q.start)) for s in spans)
        # most of the quote covered; of equals, the most specific (a quotation inside a quotation)
        key = (ov, -sum(s.end - s.start for s in spans))
        if ov > 0 and key > best_key:
            best, best_key = a, key
    if best is None or best_key[0] * 2 < q.end - q.start:
        return None
    return best


def judge_speaker(q: GoldQuote, best: Attribution | None) -> Judged:
    """The speaker of ``best``, the attribution that covers the quote (None: missed)."""
    if best is None:
        return Judged(q, "missed")
    sp = best.speaker
    review = bool(best.needs_review)
    if not q.names:  # an anonymous or vague source: labelled so, or given an unnamed speaker
        unnamed = sp is not None and sp.type in ("group", "anonymous")
        if best.source_type in ("anonymous", "vague") or (
            unnamed and q.speaker_type in ("group", "anonymous")
        ):
            return Judged(q, "right", sp.name if sp else None, needs_review=review)
        if sp is None or sp.type == "unknown":
            return Judged(q, "unresolved", None, needs_review=review)
        return Judged(q, "wrong", sp.name, needs_review=review)
    if sp is None or sp.type == "unknown":
        return Judged(q, "unresolved", sp.name if sp else None, needs_review=review)
    if not name_matches(sp.name, q.names):
        return Judged(q, "wrong", sp.name, needs_review=review)
    role_right = None if not q.role else role_matches(sp.role, q.role)
    return Judged(q, "right", sp.name, role_right, needs_review=review, predicted_role=sp.role)


def _norm_name(name: str) -> list[str]:
    words = [w.lower() for w in _WORD.findall(name.replace("’s", "").replace("'s", ""))]
    return [w for w in words if w not in _HONORIFICS]


def name_matches(predicted: str, gold_names: Iterable[str]) -> bool:
    """The predicted name is one of the gold names, ignoring case, honorifics, punctuation and
    middle initials ("Jonathan Stan" for "Jonathan M. Stan"), or a full name (two words or more)
    that ends one ("Nancy Pelosi" for "Speaker Nancy Pelosi")."""
    p = _norm_name(predicted)
    p_core = [w for w in p if len(w) > 1]
    for g in gold_names:
        n = _norm_name(g)
        if p and (p == n or p_core == [w for w in n if len(w) > 1]):
            return True
        if len(p_core) >= 2 and n[-len(p_core) :] == p_core:
            return True  # a full name that ends the gold name: "Nancy Pelosi" for "Speaker Nancy Pelosi"
    return False


def role_matches(predicted: str | None, gold: str) -> bool:
    """The predicted role shares at least half the content words of the shorter of the two
    ("Russian Ambassador to Armenia" for "ambassador" counts; "official" for "spokeswoman" does not)."""
    if not predicted:
        return False
    pw = {w.lower() for w in _WORD.findall(predicted)} - _ROLE_STOP
    gw = {w.lower() for w in _WORD.findall(gold)} - _ROLE_STOP
    # an abbreviated title is the title in full ("Rep." for "Representative", "Sen." for "Senator")
    common = pw & gw | {g for g in gw - pw if len(g) >= 3 and any(p.startswith(g) for p in pw - gw)}
    return bool(common) and len(common) * 2 >= min(len(gw), len(pw))


def score(docs: list[GoldDocument], reports: Iterable[Report]) -> SpeakerScores:
    out = SpeakerScores()
    for doc, report in zip(docs, reports, strict=True):
        out.judged.extend(judge(doc, report))
    return out
