"""Score the engine on the held-out slice of PolNeAR train used for model selection (not dev).

    python train/holdout_eval.py [--mode fast|accurate|rules] [--data PATH_TO_POLNEAR]

Rebuilds the same held-out document list as ``train_attribution.py`` (seeded shuffle), links
those documents into a temporary corpus and runs ``onrecord.eval.evaluate`` on it. The shipped
accurate taggers train on all of PolNeAR train, these documents included: to score the accurate
recipe, train it with ``--holdout 60`` and merge that run under a ``--suffix``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from common import held_out, read_config  # noqa: E402

from onrecord.eval import evaluate  # noqa: E402
from onrecord.eval.brat import read_corpus  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(ROOT / ".." / "shared" / "data" / "polnear"))
    ap.add_argument("--config", default=str(ROOT / "train" / "attribution.cfg"))
    ap.add_argument("--mode", default="fast")
    args = ap.parse_args()
    held = held_out(
        (d.name for d in read_corpus(Path(args.data), "train")), read_config(args.config)["training"]
    )
    base = Path(args.data) / "train"
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        (out / "text").mkdir()
        (out / "attributions").mkdir()
        for name in sorted(held):
            (out / "text" / f"{name}.txt").symlink_to((base / "text" / f"{name}.txt").resolve())
            ann = sorted((base / "attributions").glob(f"{name}_*.ann"))[0]
            (out / "attributions" / ann.name).symlink_to(ann.resolve())
        print(evaluate(out, mode=args.mode).format_text())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
