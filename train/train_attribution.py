"""Train the learned attribution tagger and write its weights into the package.

    python train/train_attribution.py [--data PATH_TO_POLNEAR] [--config train/attribution.cfg]

Reads PolNeAR ``train`` (BRAT standoff), parses it with the spaCy model named in the config,
turns each document into token features (``onrecord.pipeline.learned.features``) and O/B/I tags
for source, cue and content, trains a small BiLSTM tagger with torch on the CPU (fixed seed;
early stopping on a held-out slice of train, never on dev), and saves the weights as
``src/onrecord/pipeline/models/<name>.npz`` (float16), checking that the numpy forward pass used
at run time gives the torch model's probabilities. Needs torch (``pip install torch``) for
training only; the shipped engine runs on numpy.

The accurate mode's taggers are trained together with the encoder they read: see
``train/finetune.py`` and ``train/finetune_data.py``.
"""

from __future__ import annotations

import argparse
import json
import pickle
import random
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from common import TokenF1, held_out, log, read_config, seed_all, tagger_params  # noqa: E402

from onrecord.eval.brat import ROLES, read_corpus  # noqa: E402
from onrecord.pipeline import registry, spaces  # noqa: E402,F401  (registry registers onrecord_quotes)
from onrecord.pipeline.learned.features import CATEGORICAL, N_FLAGS, Featurizer, default_vocab  # noqa: E402
from onrecord.pipeline.learned.model import TaggerNet  # noqa: E402


def token_labels(doc, spans):  # type: ignore[no-untyped-def]
    """O/B/I (0/1/2) per token and role; a later fragment of a split span starts with I."""
    n = len(doc)
    mids = np.array([t.idx + max(len(t) - 1, 0) / 2 for t in doc])
    labels = np.zeros((n, len(ROLES)), dtype=np.int64)
    for r, role in enumerate(ROLES):
        for frags in spans[role]:
            first = True
            for start, end in frags:
                idx = np.nonzero((mids >= start) & (mids < end))[0]
                idx = [i for i in idx if not doc[i].is_space]
                if not idx:
                    continue
                for i in idx:
                    if labels[i, r] == 0:
                        labels[i, r] = 2
                if first:
                    labels[idx[0], r] = 1
                    first = False
    return labels


def featurize(nlp, docs, featurizer):  # type: ignore[no-untyped-def]
    out = []
    texts = [d.text for d in docs]
    for k, (gold, doc) in enumerate(zip(docs, nlp.pipe(texts, batch_size=16), strict=True)):
        f = featurizer(doc)
        out.append((gold.name, f, token_labels(doc, gold.spans)))
        if k % 100 == 0:
            log(f"  featurized {k}/{len(docs)}")
    return out


def build_torch(cfg, sizes):  # type: ignore[no-untyped-def]
    import torch
    from torch import nn

    m = cfg["model"]

    class Net(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.embs = nn.ModuleList([nn.Embedding(sizes[c], int(m[f"emb_{c}"])) for c in CATEGORICAL])
            n_in = sum(int(m[f"emb_{c}"]) for c in CATEGORICAL) + N_FLAGS + 96
            self.inp = nn.Linear(n_in, int(m["hidden_in"]))
            self.drop = nn.Dropout(float(m["dropout"]))
            self.lstm = nn.LSTM(
                int(m["hidden_in"]),
                int(m["hidden_lstm"]),
                num_layers=int(m.get("layers", "1")),
                dropout=float(m["dropout"]) if int(m.get("layers", "1")) > 1 else 0.0,
                batch_first=True,
                bidirectional=True,
            )
            self.out = nn.Linear(2 * int(m["hidden_lstm"]), 9)

        def forward(self, cats, flags, tensor, lens):  # type: ignore[no-untyped-def]
            e = [emb(cats[..., i]) for i, emb in enumerate(self.embs)]
            x = torch.relu(self.inp(torch.cat([*e, flags, tensor], dim=-1)))
            x = self.drop(x)
            packed = nn.utils.rnn.pack_padded_sequence(x, lens, batch_first=True, enforce_sorted=False)
            h, _ = self.lstm(packed)
            h, _ = nn.utils.rnn.pad_packed_sequence(h, batch_first=True, total_length=x.shape[1])
            return self.out(self.drop(h)).view(h.shape[0], h.shape[1], 3, 3)

    return Net()


def make_chunks(data):  # type: ignore[no-untyped-def]
    items = []
    for _, f, y in data:
        for lo, hi in f.chunks:
            items.append((f.cats[lo:hi], f.flags[lo:hi], f.tensor[lo:hi], y[lo:hi]))
    return items


def batches(items, size, rng):  # type: ignore[no-untyped-def]
    import torch

    order = sorted(range(len(items)), key=lambda i: (len(items[i][0]), rng.random()))
    groups = [order[i : i + size] for i in range(0, len(order), size)]
    rng.shuffle(groups)
    for g in groups:
        t = max(len(items[i][0]) for i in g)
        b = len(g)
        cats = np.zeros((b, t, len(CATEGORICAL)), dtype=np.int64)
        flags = np.zeros((b, t, N_FLAGS), dtype=np.float32)
        tens = np.zeros((b, t, 96), dtype=np.float32)
        ys = np.full((b, t, 3), -100, dtype=np.int64)
        lens = []
        for k, i in enumerate(g):
            c, fl, te, y = items[i]
            n = len(c)
            cats[k, :n], flags[k, :n], tens[k, :n], ys[k, :n] = c, fl, te, y
            lens.append(n)
        yield (
            torch.from_numpy(cats),
            torch.from_numpy(flags),
            torch.from_numpy(tens),
            torch.tensor(lens),
            torch.from_numpy(ys),
        )


def token_f1(net, items):  # type: ignore[no-untyped-def]
    import torch

    net.eval()
    f1 = TokenF1()
    with torch.no_grad():
        for cats, flags, tens, lens, ys in batches(items, 64, random.Random(0)):
            f1.add(net(cats, flags, tens, lens).argmax(-1).numpy(), ys.numpy())
    net.train()
    return f1.result()


def export(net, cfg, vocab, path: Path) -> None:  # type: ignore[no-untyped-def]
    sd = {k: v.detach().numpy() for k, v in net.state_dict().items()}
    layers = int(cfg["model"].get("layers", "1"))
    params = tagger_params(sd, CATEGORICAL, layers)
    meta = {
        "name": cfg["model"]["name"],
        "spacy_model": cfg["model"]["spacy_model"],
        "hidden_lstm": int(cfg["model"]["hidden_lstm"]),
        "layers": layers,
        "vocab": vocab.as_dict(),
        "roles": list(ROLES),
    }
    arrays = {k: v.astype(np.float16) for k, v in params.items()}
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(path, meta=np.array(json.dumps(meta)), **arrays)


def load_data(spacy_model: str, data_dir: Path, cache_dir: Path, limit: int | None):  # type: ignore[no-untyped-def]
    """The spaCy pipeline, feature tables, PolNeAR train documents and their (name, features,
    tags), parsed once and cached in ``cache_dir``."""
    import spacy

    nlp = spacy.load(spacy_model, config=spaces.TOKENIZER_CONFIG)  # as the engine tokenizes
    nlp.add_pipe("onrecord_quotes")
    vocab = default_vocab(dict(nlp.pipe_labels))
    featurizer = Featurizer(vocab, nlp.vocab.strings)
    docs = list(read_corpus(data_dir, "train", limit=limit))
    cache_dir.mkdir(parents=True, exist_ok=True)  # before the parse, not after it
    cache = cache_dir / f"onrecord-{spacy_model}-train{len(docs)}-v2.pkl"
    if cache.exists():
        data = pickle.loads(cache.read_bytes())
        log(f"features from cache {cache}")
    else:
        log(f"parsing and featurizing {len(docs)} training documents")
        data = featurize(nlp, docs, featurizer)
        cache.write_bytes(pickle.dumps(data))
    return nlp, vocab, docs, data


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(ROOT / ".." / "shared" / "data" / "polnear"))
    ap.add_argument("--config", default=str(ROOT / "train" / "attribution.cfg"))
    ap.add_argument("--out", default=None, help="weights file (default: the package's models folder)")
    ap.add_argument("--cache", default=tempfile.gettempdir(), help="folder for the parsed-features cache")
    ap.add_argument("--limit", type=int, default=None, help="train on the first N documents (smoke test)")
    ap.add_argument("--epochs", type=int, default=None, help="override max_epochs of the config")
    ap.add_argument("--holdout", type=int, default=None, help="override holdout_docs of the config")
    args = ap.parse_args()

    import torch

    cfg = read_config(args.config, epochs=args.epochs, holdout=args.holdout)
    tr = cfg["training"]
    seed = int(tr["seed"])
    seed_all(seed)
    torch.set_num_threads(int(tr["threads"]))
    started = time.time()

    _, vocab, _, data = load_data(cfg["model"]["spacy_model"], Path(args.data), Path(args.cache), args.limit)
    log(f"features ready ({time.time() - started:.0f}s)")

    held = held_out((d[0] for d in data), tr)
    train_items = make_chunks([d for d in data if d[0] not in held])
    held_items = make_chunks([d for d in data if d[0] in held])
    log(f"{len(train_items)} training chunks, {len(held_items)} held-out chunks ({len(held)} docs)")

    net = build_torch(cfg, vocab.sizes())
    opt = torch.optim.Adam(net.parameters(), lr=float(tr["learn_rate"]))
    loss_fn = torch.nn.CrossEntropyLoss(ignore_index=-100)
    rng = random.Random(seed)
    out = (
        Path(args.out)
        if args.out
        else ROOT / "src" / "onrecord" / "pipeline" / "models" / f"{cfg['model']['name']}.npz"
    )
    best, best_state, bad = -1.0, None, 0
    decay = float(tr.get("lr_decay", "1.0"))
    for epoch in range(int(tr["max_epochs"])):
        t0 = time.time()
        for group in opt.param_groups:  # learning rate times lr_decay per epoch after the first
            group["lr"] = float(tr["learn_rate"]) * decay**epoch
        total = 0.0
        for cats, flags, tens, lens, ys in batches(train_items, int(tr["batch_chunks"]), rng):
            opt.zero_grad()
            logits = net(cats, flags, tens, lens)
            loss = loss_fn(logits.reshape(-1, 3), ys.reshape(-1))
            loss.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), 5.0)
            opt.step()
            total += loss.item()
        f1 = token_f1(net, held_items)
        score = sum(f1.values()) / 3
        log(f"epoch {epoch + 1}: loss {total:.1f}, held-out token F1 {f1} ({time.time() - t0:.0f}s)")
        if score > best:
            best, bad = score, 0
            best_state = {k: v.clone() for k, v in net.state_dict().items()}
            export(net, cfg, vocab, out)  # a usable model after every improving epoch
            log(f"  saved {out}")
        else:
            bad += 1
            if bad >= int(tr["patience"]):
                break
    assert best_state is not None
    net.load_state_dict(best_state)
    net.eval()
    export(net, cfg, vocab, out)
    # the numpy forward pass must give the torch probabilities
    tagger = TaggerNet.load(out)
    _, f, _ = next(d for d in data if d[0] in held)
    probs = tagger(f)
    lo, hi = f.chunks[0]
    with torch.no_grad():
        ref = (
            net(
                torch.from_numpy(f.cats[None, lo:hi]),
                torch.from_numpy(f.flags[None, lo:hi]),
                torch.from_numpy(f.tensor[None, lo:hi]),
                torch.tensor([hi - lo]),
            )
            .softmax(-1)[0]
            .numpy()
        )
    diff = float(np.abs(ref - probs[lo:hi]).max())
    log(f"numpy vs torch max prob difference {diff:.4f} (float16 weights)")
    log(
        f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB); best held-out mean token F1 {best:.4f}; "
        f"total {(time.time() - started) / 60:.1f} min"
    )
    return 0 if diff < 0.05 else 1


if __name__ == "__main__":
    raise SystemExit(main())
