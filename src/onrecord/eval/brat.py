"""Read BRAT standoff attribution corpora (PolNeAR layout).

Layout: ``ROOT/[SPLIT/]text/NAME.txt`` and ``ROOT/[SPLIT/]attributions/NAME_ANNOTATOR.ann``; when a
document has several annotator files, the first by file name is used. ``T`` lines carry the
``Source``, ``Cue`` and ``Content`` spans (discontinuous spans as ``START END;START END``); ``E``
lines tie them into attributions (``Content2`` continues a content).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from onrecord.errors import InputError

ROLES: tuple[str, ...] = ("source", "cue", "content")
Fragments = tuple[tuple[int, int], ...]


@dataclass(slots=True)
class GoldAttribution:
    source: Fragments | None
    cue: Fragments | None
    content: Fragments | None


@dataclass(slots=True)
class GoldDoc:
    name: str
    text: str
    spans: dict[str, list[Fragments]] = field(default_factory=dict)
    attributions: list[GoldAttribution] = field(default_factory=list)


def parse_ann(ann: str) -> tuple[dict[str, list[Fragments]], list[GoldAttribution]]:
    """Spans per role and the attributions of one ``.ann`` file's text."""
    tspans: dict[str, tuple[str, Fragments]] = {}
    events: list[dict[str, list[str]]] = []
    for line in ann.splitlines():
        parts = line.split("\t")
        if len(parts) < 2 or not parts[0]:
            continue
        if parts[0][0] == "T":
            head = parts[1].split(" ", 1)
            if len(head) != 2:
                continue
            pieces: list[tuple[int, int]] = []
            try:
                for piece in head[1].split(";"):
                    a, b = piece.split()
                    pieces.append((int(a), int(b)))
            except ValueError:
                continue
            tspans[parts[0]] = (head[0], tuple(pieces))
        elif parts[0][0] == "E":
            roles: dict[str, list[str]] = {}
            for arg in parts[1].split():
                if ":" in arg:
                    role, tid = arg.split(":", 1)
                    roles.setdefault(role.rstrip("0123456789").lower(), []).append(tid)
            events.append(roles)
    spans: dict[str, list[Fragments]] = {r: [] for r in ROLES}
    in_event: set[str] = set()
    attributions: list[GoldAttribution] = []
    for ev in events:
        got: dict[str, Fragments | None] = {}
        for role in ROLES:
            frags_all: list[tuple[int, int]] = []
            for tid in ev.get(role, []):
                if tid in tspans:
                    frags_all.extend(tspans[tid][1])
                    in_event.add(tid)
            joined = tuple(sorted(frags_all))
            got[role] = joined or None
            if joined:
                spans[role].append(joined)
        attributions.append(GoldAttribution(got["source"], got["cue"], got["content"]))
    for tid, (label, frags) in tspans.items():
        role = label.lower()
        if role in ROLES and tid not in in_event:
            spans[role].append(frags)
    for role in ROLES:
        spans[role] = sorted(set(spans[role]))
    return spans, attributions


def corpus_dir(root: Path, split: str | None = None) -> Path:
    """The folder holding ``text/`` and ``attributions/`` for ``split`` (or ``root`` itself)."""
    base = root / split if split else root
    if not (base / "text").is_dir() or not (base / "attributions").is_dir():
        where = f"{root} (split {split!r})" if split else str(root)
        hint = ""
        if not split and root.is_dir():
            subs = sorted(p.name for p in root.iterdir() if (p / "text").is_dir())
            if subs:
                hint = f"; pass --split with one of: {', '.join(subs)}"
        raise InputError(where, f"expected text/ and attributions/ folders (BRAT standoff corpus){hint}")
    return base


def read_corpus(root: Path, split: str | None = None, limit: int | None = None) -> Iterator[GoldDoc]:
    """The gold documents of a corpus, sorted by name; documents without annotations are skipped."""
    base = corpus_dir(root, split)
    anns: dict[str, Path] = {}
    for ann in sorted((base / "attributions").glob("*.ann")):
        stem = ann.stem
        name = stem.rsplit("_", 1)[0] if "_" in stem else stem
        if not (base / "text" / f"{name}.txt").exists():
            name = stem
        anns.setdefault(name, ann)
    count = 0
    for name in sorted(anns):
        if limit is not None and count >= limit:
            return
        txt = base / "text" / f"{name}.txt"
        if not txt.exists():
            continue
        with txt.open(encoding="utf-8", newline="") as fh:
            text = fh.read()
        spans, atts = parse_ann(anns[name].read_text(encoding="utf-8"))
        count += 1
        yield GoldDoc(name=name, text=text, spans=spans, attributions=atts)
