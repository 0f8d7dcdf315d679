"""Train the speaker-doubt model: how likely is a named speaker wrong?

    python train/speaker_doubt.py dump [--judged DIR] [--articles FILE] --out FEATS.npz
    python train/speaker_doubt.py fit FEATS.npz [--out src/onrecord/pipeline/models/speaker-doubt.json]

``dump`` runs the engine (fast mode, the model itself off) over the hand-judged real-news articles
of the **dev** split (``tests/data/realnews/speakers``; held-out files are never read) and, for
each gold quotation found with a speaker named, writes the features of
:mod:`onrecord.pipeline.speakers.doubt` and whether the speaker is wrong (as ``onrecord eval``
judges it). ``fit`` trains an L2 logistic regression (numpy, Newton steps), reports
leave-one-article-out figures, picks the threshold at which the model's flags together with the
resolver's own ones mark at most ``--right-flags`` of the right speakers, and writes the weights.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from onrecord.eval.speakers import best_attribution, judge_speaker, read_gold  # noqa: E402
from onrecord.models import Article  # noqa: E402
from onrecord.pipeline import load  # noqa: E402
from onrecord.pipeline.assemble import doc_to_report  # noqa: E402
from onrecord.pipeline.speakers.doubt import FEATURES, features, vector  # noqa: E402

SHARED = ROOT / ".." / "shared" / "data"


def dump(judged: Path, articles: Path, out: Path) -> None:
    docs = read_gold(judged, articles=articles, split="dev")
    nlp = load()
    xs, ys, flagged, groups = [], [], [], []
    for doc in docs:
        report = doc_to_report(nlp(doc.text), Article(text=doc.text), doubt=False)
        for q in doc.quotes:
            a = best_attribution(q, report)
            j = judge_speaker(q, a)
            if a is None or a.speaker is None or j.outcome not in ("right", "wrong"):
                continue
            xs.append(vector(features(report, a)))
            ys.append(j.outcome == "wrong")
            flagged.append(bool(a.needs_review))
            groups.append(doc.id)
    np.savez(out, x=np.array(xs), y=np.array(ys), flagged=np.array(flagged), groups=np.array(groups))
    print(f"{out}: {len(ys)} speakers from {len(docs)} dev articles, {sum(ys)} wrong")


def _fit(x: np.ndarray, y: np.ndarray, l2: float) -> np.ndarray:
    w = np.zeros(x.shape[1])
    reg = l2 * np.eye(len(w))
    reg[0, 0] = 0.0  # the bias is not shrunk
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-(x @ w)))
        grad = x.T @ (p - y) + reg @ w
        hess = (x.T * (p * (1 - p))) @ x + reg + 1e-9 * np.eye(len(w))
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


def fit(feats: Path, out: Path, l2: float, right_flags: float) -> None:
    data = np.load(feats)
    x, y, flagged, groups = data["x"], data["y"].astype(float), data["flagged"], data["groups"]
    cv = np.zeros(len(y))
    for g in sorted(set(groups.tolist())):
        held = groups == g
        w = _fit(x[~held], y[~held], l2)
        cv[held] = 1.0 / (1.0 + np.exp(-(x[held] @ w)))
    wrong, right = y == 1, y == 0
    print(
        f"{len(y)} speakers, {int(wrong.sum())} wrong; the resolver's flags alone: "
        f"{flagged[wrong].mean():.3f} of wrong, {flagged[right].mean():.3f} of right"
    )
    threshold = 1.0
    for t in np.arange(0.05, 0.96, 0.01):
        flags = (cv >= t) | flagged
        if round(t * 100) % 5 == 0:
            print(
                f"  threshold {t:.2f}: flags {flags[wrong].mean():.3f} of wrong, {flags[right].mean():.3f} of right"
            )
        if flags[right].mean() <= right_flags and t < threshold:
            threshold = float(round(t, 2))
    flags = (cv >= threshold) | flagged
    print(
        f"threshold {threshold}: leave-one-article-out, flags {flags[wrong].mean():.3f} of wrong, "
        f"{flags[right].mean():.3f} of right"
    )
    w = _fit(x, y, l2)
    model = {
        "features": list(FEATURES),
        "weights": [round(float(v), 5) for v in w],
        "threshold": threshold,
        "trained_on": f"{len(y)} speakers of the real-news dev articles ({int(wrong.sum())} wrong), "
        f"L2 {l2}; leave-one-article-out flags {flags[wrong].mean():.3f} of wrong and "
        f"{flags[right].mean():.3f} of right with the resolver's own (python train/speaker_doubt.py)",
    }
    out.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {out}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("dump")
    d.add_argument("--judged", type=Path, default=ROOT / "tests" / "data" / "realnews" / "speakers")
    d.add_argument("--articles", type=Path, default=SHARED / "article-extraction" / "ground-truth.json")
    d.add_argument("--out", type=Path, required=True)
    f = sub.add_parser("fit")
    f.add_argument("feats", type=Path)
    f.add_argument(
        "--out", type=Path, default=ROOT / "src" / "onrecord" / "pipeline" / "models" / "speaker-doubt.json"
    )
    f.add_argument("--l2", type=float, default=2.0)
    f.add_argument("--right-flags", type=float, default=0.09, help="most share of right speakers flagged")
    args = ap.parse_args()
    if args.cmd == "dump":
        dump(args.judged, args.articles, args.out)
    else:
        fit(args.feats, args.out, args.l2, args.right_flags)


if __name__ == "__main__":
    main()
