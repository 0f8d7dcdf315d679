"""Dev benchmark of sentence sourcing (issue 4).

    .venv/bin/python bench/sourcing.py [--data ../shared/data/polnear/dev] [--limit N] [--sample-out FILE]

Prints two figures:

1. sourced-sentence rate: of the dev sentences that contain a gold attribution cue, the share NOT
   labelled assertion / editorial / background (aim >= 0.95);
2. precision of anonymous / vague: on the hand-labelled sample ``bench/data/source_labels.tsv`` (100 gold
   source spans from dev, labelled named / anonymous / vague by hand), the share of spans our
   classifier calls anonymous or vague that carry that same hand label (aim >= 0.90).

``--sample-out FILE`` writes a fresh random sample of gold source spans (seed 4) to label by hand.
The PolNeAR BRAT reader is a minimal one of its own (``read_brat``).
"""

from __future__ import annotations

import argparse
import bisect
import csv
import random
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO / ".." / "shared" / "data" / "polnear" / "dev"
LABELS = REPO / "bench" / "data" / "source_labels.tsv"
UNSOURCED = {"assertion", "editorial", "background"}


@dataclass
class GoldAttribution:
    cue: list[tuple[int, int]] = field(default_factory=list)
    source: list[tuple[int, int]] = field(default_factory=list)
    content: list[tuple[int, int]] = field(default_factory=list)


def _ranges(spec: str) -> list[tuple[int, int]]:
    out = []
    for part in spec.split(";"):
        lo, hi = part.split()
        out.append((int(lo), int(hi)))
    return out


def read_brat(ann: Path) -> list[GoldAttribution]:
    """Attributions of one BRAT .ann file (E lines joining Source / Cue / Content text-bound T lines)."""
    spans: dict[str, list[tuple[int, int]]] = {}
    events: list[str] = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        if line.startswith("T"):
            tid, mid, _text = ([*line.split("\t"), "", ""])[:3]
            _typ, _, rng = mid.partition(" ")
            spans[tid] = _ranges(rng)
        elif line.startswith("E"):
            events.append(line.split("\t")[1])
    out = []
    for ev in events:
        g = GoldAttribution()
        for arg in ev.split()[1:]:
            role, _, tid = arg.partition(":")
            role = role.rstrip("0123456789")
            if role == "Cue":
                g.cue.extend(spans.get(tid, []))
            elif role == "Source":
                g.source.extend(spans.get(tid, []))
            elif role == "Content":
                g.content.extend(spans.get(tid, []))
        out.append(g)
    return out


def documents(data: Path, limit: int | None) -> list[tuple[str, str, list[GoldAttribution]]]:
    docs = []
    for txt in sorted((data / "text").glob("*.txt"))[: limit or None]:
        ann = next((data / "attributions").glob(txt.stem + "*.ann"), None)
        if ann is None:
            continue
        docs.append((txt.stem, txt.read_text(encoding="utf-8"), read_brat(ann)))
    return docs


def sourced_rate(
    docs: list[tuple[str, str, list[GoldAttribution]]], mode: str
) -> tuple[int, int, Counter[str]]:
    import onrecord

    total = ok = 0
    misses: Counter[str] = Counter()
    for _name, text, gold in docs:
        report = onrecord.analyze(text, mode=mode)
        starts = [s.span.start for s in report.sentences]
        hit: set[int] = set()
        for g in gold:
            for lo, _hi in g.cue[:1]:
                i = bisect.bisect_right(starts, lo) - 1
                if i >= 0 and lo < report.sentences[i].span.end:
                    hit.add(i)
        for i in hit:
            total += 1
            label = report.sentences[i].sourcing
            if label in UNSOURCED:
                misses[label] += 1
            else:
                ok += 1
    return ok, total, misses


def precision(docs: list[tuple[str, str, list[GoldAttribution]]], mode: str) -> tuple[int, int, list[str]]:
    from onrecord.pipeline import load
    from onrecord.pipeline.sourcing.source_types import classify_source

    texts = {name: text for name, text, _ in docs}
    lines = [ln for ln in LABELS.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    rows = list(csv.DictReader(lines, delimiter="\t"))
    nlp = load(mode=mode)
    parsed = {}
    right = predicted = 0
    errors = []
    for row in rows:
        name = row["doc"]
        if name not in texts:
            continue
        if name not in parsed:
            parsed[name] = nlp(texts[name])
        doc = parsed[name]
        lo, hi = int(row["start"]), int(row["end"])
        cue = (int(row["cue_start"]), int(row["cue_end"])) if row.get("cue_start") else None
        pred = classify_source(doc, (lo, hi), cue=cue)
        if pred in ("anonymous", "vague"):
            predicted += 1
            if pred == row["label"]:
                right += 1
            else:
                errors.append(f"  {pred:9} (hand: {row['label']:9}) {row['text']!r}  [{name}]")
    return right, predicted, errors


def write_sample(docs: list[tuple[str, str, list[GoldAttribution]]], out: Path, n: int = 100) -> None:
    pool = [
        (name, g.source[0], (g.cue[0] if g.cue else None), text)
        for name, text, gold in docs
        for g in gold
        if g.source
    ]
    random.Random(4).shuffle(pool)
    with out.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(["doc", "start", "end", "cue_start", "cue_end", "label", "text", "context"])
        for name, (lo, hi), cue, text in pool[:n]:
            ctx = text[max(0, lo - 60) : hi + 60].replace("\n", " ").replace("\t", " ")
            w.writerow([name, lo, hi, cue[0] if cue else "", cue[1] if cue else "", "", text[lo:hi], ctx])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--mode", default="fast", help="engine mode: fast (default) or rules")
    ap.add_argument("--limit", type=int, default=None, help="first N documents only")
    ap.add_argument("--sample-out", type=Path, default=None)
    ap.add_argument("--skip-rate", action="store_true", help="only the precision figure")
    ap.add_argument("--skip-precision", action="store_true", help="only the sourced-sentence rate")
    args = ap.parse_args(argv)
    if not (args.data / "text").is_dir():
        print(
            f"no PolNeAR dev data at {args.data} (pass --data DIR with text/ and attributions/)",
            file=sys.stderr,
        )
        return 2
    docs = documents(args.data, args.limit)
    if args.sample_out:
        write_sample(docs, args.sample_out)
        print(f"wrote a sample of gold source spans to {args.sample_out}")
        return 0
    if not args.skip_rate:
        ok, total, misses = sourced_rate(docs, args.mode)
        rate = ok / total if total else 0.0
        print(f"documents: {len(docs)}")
        print(f"sentences with a gold attribution cue: {total}")
        print(f"  labelled assertion/editorial/background: {sum(misses.values())} {dict(misses)}")
        print(f"sourced-sentence rate (share NOT so labelled): {rate:.3f}  (aim >= 0.95)")
    if args.skip_precision:
        return 0
    right, predicted, errors = precision(documents(args.data, None), args.mode)
    prec = right / predicted if predicted else 0.0
    print(f"hand-labelled source spans: {LABELS.relative_to(REPO)}")
    print(f"anonymous/vague predicted: {predicted}, right: {right}")
    print(f"precision of anonymous/vague source_type: {prec:.3f}  (aim >= 0.90)")
    for e in errors:
        print(e)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
