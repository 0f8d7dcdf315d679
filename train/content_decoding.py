"""Write the content decoder's tag-transition statistics (``models/content-decoding.json``).

    python train/content_decoding.py [--pack .ftpack/pack.npz] [--weight 0.5]

Content spans are decoded with a Viterbi pass instead of per-token argmax: each token's
log-probability of O/B/I from the tagger, less ``weight`` times the log prior of the tag, plus
``weight`` times the log-probability of the tag after the previous one (HMM-style smoothing that
keeps a content from fraying at its edges). The prior, the first-tag and the transition
probabilities are counted from the content tags of PolNeAR train (the pack of
``train/finetune_data.py prepare``), leaving out the held-out documents of ``--config``;
``weight`` 0.5 was chosen on those documents for the v6 accurate taggers (0.3 and 0.8 were also
tried; 0.3 had been best, over 0.15 and 0.5, for the taggers before them).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
from common import held_out, read_config

ROOT = Path(__file__).resolve().parents[1]
CONTENT = 2


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pack", default=str(ROOT / ".ftpack" / "pack.npz"))
    ap.add_argument("--weight", type=float, default=0.5)
    ap.add_argument(
        "--config", default=str(ROOT / "train" / "attribution.cfg"), help="gives the held-out slice"
    )
    ap.add_argument(
        "--out", default=str(ROOT / "src" / "onrecord" / "pipeline" / "models" / "content-decoding.json")
    )
    args = ap.parse_args()
    with np.load(args.pack, allow_pickle=False) as z:
        names = json.loads(str(z["meta"]))["names"]
        labels, tok_off = z["labels"][:, CONTENT], z["tok_off"]
        chunks, chunk_off = z["chunks"], z["chunk_off"]
    skip = held_out(names, read_config(args.config)["training"])
    prior, first, pairs = np.ones(3), np.ones(3), np.ones((3, 3))  # add-one counts
    for d, name in enumerate(names):
        if name in skip:
            continue
        tags = labels[tok_off[d] : tok_off[d + 1]]
        for lo, hi in chunks[chunk_off[d] : chunk_off[d + 1]]:
            y = tags[lo:hi]
            np.add.at(prior, y, 1)
            first[y[0]] += 1
            np.add.at(pairs, (y[:-1], y[1:]), 1)
    out = {
        "weight": args.weight,
        "prior": np.log(prior / prior.sum()).round(4).tolist(),
        "first": np.log(first / first.sum()).round(4).tolist(),
        "transitions": np.log(pairs / pairs.sum(1, keepdims=True)).round(4).tolist(),
        "tags": ["O", "B", "I"],
        "documents": len(names) - len(skip),
    }
    Path(args.out).write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
