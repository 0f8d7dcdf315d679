"""Real-news judgement files: one JSON file per article of an article collection.

Every judged set (speakers, attributions, sourcing) stores only judgements and snippets; the
texts stay in the collection (``{ID: {"articleBody": TEXT}}``, e.g. the article-extraction
ground truth). :func:`judged_files` pairs each file with its article's text.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from onrecord.api import analyze_many
from onrecord.errors import InputError
from onrecord.models import Report


@dataclass(slots=True)
class JudgedFile:
    path: Path
    data: dict[str, Any]
    text: str

    @property
    def name(self) -> str:
        return self.path.stem


def load_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(str(path), f"cannot read JSON: {exc}") from exc


def judged_files(folder: Path, articles: Path | None, *, split: str | None = None) -> list[JudgedFile]:
    """The judgement files of ``folder`` (of ``split`` when given) with their article texts."""
    if articles is None:
        raise InputError(
            str(folder),
            "real-news gold needs the article texts: pass articles= (--articles ground-truth.json)",
        )
    bodies = load_json(articles)
    if not isinstance(bodies, dict):
        raise InputError(str(articles), 'expected an object {ID: {"articleBody": TEXT}}')
    out = []
    for f in sorted(folder.glob("*.json")):
        d = load_json(f)
        if not isinstance(d, dict):
            raise InputError(str(f), "expected a JSON object with an 'article' id")
        if split is not None and d.get("split") != split:
            continue
        entry = bodies.get(d.get("article", ""))
        if not isinstance(entry, dict) or "articleBody" not in entry:
            raise InputError(str(f), f"article {d.get('article')!r} is not in {articles}")
        out.append(JudgedFile(f, d, entry["articleBody"]))
    if not out:
        raise InputError(
            str(folder), "no gold files (*.json) here" + (f" for split {split!r}" if split else "")
        )
    return out


def find_snippet(f: JudgedFile, snippet: str) -> int:
    """Where ``snippet`` first occurs in the article; an :class:`InputError` when it does not."""
    at = f.text.find(snippet)
    if at < 0:
        raise InputError(str(f.path), f"snippet not in the article text: {snippet!r}")
    return at


def gold_kind(path: Path) -> str | None:
    """Which judged set a folder holds: "speakers", "attributions", "sourcing", or None."""
    files = sorted(path.glob("*.json")) if path.is_dir() else []
    if not files:
        return None
    try:
        d = json.loads(files[0].read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return None
    if not isinstance(d, dict):
        return None
    for key, kind in (("quotes", "speakers"), ("items", "attributions"), ("editorial", "sourcing")):
        if key in d:
            return kind
    return None


def reports(texts: Iterable[str], *, model: str, mode: str, statements: bool = False) -> Iterator[Report]:
    """The engine's reports of ``texts``; with ``statements`` the statements-only view."""
    from onrecord.views import statements_only

    for r in analyze_many(texts, model=model, mode=mode):
        yield statements_only(r) if statements else r
