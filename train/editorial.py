"""Train the editorial-sentence scorer on hand-judged real-news sentences (dev split only).

    python train/editorial.py [--articles FILE] [--judged DIR] [--out src/onrecord/pipeline/models/editorial.json]

Runs the engine over every ``dev`` file of ``tests/data/realnews/sourcing`` (guide
``GUIDE-sourcing.md``), takes the features of :mod:`onrecord.pipeline.sourcing.editorial` for each
sentence and its judged label (editorial when a judged snippet starts in it), fits an L2
logistic regression (numpy, classes balanced), prints 5-fold figures cross-validated by article,
and writes the weights with the threshold. Held-out files are never read.
"""

from __future__ import annotations

import argparse
import bisect
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from onrecord.eval.sourcing import read_sourcing  # noqa: E402
from onrecord.pipeline import load  # noqa: E402
from onrecord.pipeline.sourcing.editorial import _EVIDENCE, FEATURES, EditorialScorer  # noqa: E402
from onrecord.pipeline.sourcing.markers import quoted_ranges  # noqa: E402

SHARED = ROOT / ".." / "shared" / "data"
AUTHOR = {"assertion", "editorial"}


def _fit(X: np.ndarray, y: np.ndarray, l2: float, steps: int = 3000) -> np.ndarray:
    w = np.where(y == 1, 0.5 / max(1, y.sum()), 0.5 / max(1, (1 - y).sum())) * len(y)
    theta = np.zeros(X.shape[1])
    for _ in range(steps):
        p = 1 / (1 + np.exp(-X @ theta))
        theta -= 0.5 * (X.T @ (w * (p - y)) / len(y) + l2 * np.r_[0.0, theta[1:]])
    return theta


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", default=str(SHARED / "article-extraction" / "ground-truth.json"))
    ap.add_argument("--judged", default=str(ROOT / "tests" / "data" / "realnews" / "sourcing"))
    ap.add_argument("--l2", type=float, default=0.01)
    ap.add_argument("--threshold", type=float, default=0.5)
    ap.add_argument("--out", default=None)
    args = ap.parse_args()
    nlp = load()
    scorer = EditorialScorer()
    rows, ys, names, author = [], [], [], []
    for d in read_sourcing(args.judged, args.articles, split="dev"):
        doc = nlp(d.text)
        sents = list(doc.sents)
        _, voice = (
            nlp.get_pipe("onrecord").step("sourcing").label_sentences(doc, doc._.attributions, doc._.markers)
        )
        reported = [not v for v in voice]
        X = scorer.features(doc, quoted_ranges(doc), reported)
        starts = [s.start_char for s in sents]
        gold = {bisect.bisect_right(starts, at) - 1 for at in d.editorial}
        for i in range(len(sents)):
            rows.append(X[i])
            ys.append(1.0 if i in gold else 0.0)
            names.append(d.name)
            author.append(not reported[i])
    X, y, names_a, own = np.array(rows), np.array(ys), np.array(names), np.array(author)
    print(f"{len(y)} sentences, {int(y.sum())} editorial, {int(own.sum())} in the author's voice")
    arts = sorted(set(names))
    probs = np.zeros(len(y))
    for k in range(5):
        test = np.isin(names_a, arts[k::5])
        th = _fit(X[~test & own], y[~test & own], args.l2)
        probs[test] = 1 / (1 + np.exp(-X[test] @ th))
    probs[~own] = 0.0
    probs[~X[:, _EVIDENCE].any(axis=1)] = 0.0
    for t in (0.3, 0.4, 0.5, 0.6, 0.7):
        pred = probs >= t
        tp = (pred & (y == 1)).sum()
        print(
            f"t={t:.1f} CV by article: precision {tp / max(1, pred.sum()):.3f} recall {tp / max(1, y.sum()):.3f} "
            f"({int(pred.sum())} predicted)"
        )
    full = _fit(X[own], y[own], args.l2)
    print("weights:", ", ".join(f"{FEATURES[i]} {full[i]:+.2f}" for i in np.argsort(-np.abs(full))))
    if args.out:
        old = json.loads(Path(args.out).read_text()) if Path(args.out).is_file() else {}
        Path(args.out).write_text(
            json.dumps(
                {
                    "features": list(FEATURES),
                    "weights": [round(float(v), 5) for v in full],
                    "threshold": args.threshold,
                    "genre_opinion_share": old.get("genre_opinion_share", 0.25),
                    "trained_on": "real-news judged sentences, dev split (tests/data/realnews/sourcing)",
                },
                indent=1,
            )
            + "\n"
        )
        print("wrote", args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
