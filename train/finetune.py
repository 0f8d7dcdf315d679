"""Fine-tune the MiniLM encoder together with attribution tagger heads (torch, GPU or CPU).

    python train/finetune.py --pack PACK.npz --encoder ENCODER.npz --config train/attribution-ft.cfg \\
        --out DIR [--tag NAME] [--budget-s SECONDS] [--limit N] [--device cuda|cpu]

The accurate mode's taggers read a learned mix of encoder layers. Here the encoder is trained with
them (its word-piece table stays frozen, so the shipped int8 table is reused as is), and each
tagger head is the fast mode's BiLSTM without the spaCy tensor input. The pack
(``train/finetune_data.py prepare``) holds, per PolNeAR train document, the token features, the
O/B/I tags and the encoder's word-piece windows exactly as the engine builds them; this script
imports neither spaCy nor onrecord, so it runs wherever torch and numpy do.

The loss is each head's cross-entropy plus, for the roles in ``training.crf_roles``, the negative
log-likelihood of a linear-chain CRF over the head's log-probabilities (start and transition
scores shared by the heads; the engine decodes with them the roles ``decoding.crf_roles`` names).

Held-out documents (the same slice as ``train_attribution.py``: ``split_seed`` and
``holdout_docs`` of the config) choose the epoch. Writes into DIR, after every improving epoch:
``TAG-enc-a.npz`` and ``TAG-enc-b.npz`` (the fine-tuned encoder weights but the word-piece table,
float16, in two halves) and ``TAG-heads.npz`` (each head's tagger weights, prefixed ``hK_``, the
CRF scores, and the ensemble's probabilities on one held-out document, or the first training one,
for ``finetune_data.py merge`` to check the numpy engine against). With ``holdout_docs = 0`` it trains on every
document for ``stop_after`` epochs of the ``max_epochs`` schedule (the epoch a held-out run
chose) and writes after each (``--snapshots-from N`` keeps each from epoch N as ``TAG-eN``).
"""

from __future__ import annotations

import argparse
import configparser
import json
import math
import random
import time
from pathlib import Path

import numpy as np
import torch
from common import TokenF1, held_out, log, read_config, seed_all, tagger_params
from torch import nn
from torch.nn import functional as F

WORD = "embeddings.word_embeddings.weight"


class Pack:
    """The arrays of a pack, split per document."""

    def __init__(self, path: Path, limit: int | None = None) -> None:
        with np.load(path, allow_pickle=False) as z:
            self.meta = json.loads(str(z["meta"]))
            a = {k: z[k] for k in z.files if k != "meta"}
        names = self.meta["names"]
        n_docs = len(names) if limit is None else min(limit, len(names))
        self.docs = []
        for d in range(n_docs):
            t0, t1 = a["tok_off"][d], a["tok_off"][d + 1]
            c0, c1 = a["chunk_off"][d], a["chunk_off"][d + 1]
            w0, w1 = a["win_off"][d], a["win_off"][d + 1]
            p0 = a["piece_off"][w0]
            windows = []
            for w in range(w0, w1):
                lo, hi = a["piece_off"][w] - p0, a["piece_off"][w + 1] - p0
                windows.append((lo, hi))
            p1 = a["piece_off"][w1]
            self.docs.append(
                {
                    "name": names[d],
                    "cats": a["cats"][t0:t1].astype(np.int64),
                    "flags": a["flags"][t0:t1].astype(np.float32),
                    "labels": a["labels"][t0:t1].astype(np.int64),
                    "chunks": a["chunks"][c0:c1].tolist(),
                    "pieces": a["piece_ids"][p0:p1].astype(np.int64),
                    "owner": a["piece_owner"][p0:p1].astype(np.int64),
                    "windows": windows,
                }
            )


class Bert(nn.Module):
    """BERT as ``onrecord.pipeline.learned.encoder.Encoder`` computes it (tanh GELU), plus dropout."""

    def __init__(self, weights: dict[str, np.ndarray], heads: int, layers: int, dropout: float) -> None:
        super().__init__()
        self.heads, self.n_layers, self.dropout = heads, layers, dropout
        self.register_buffer("word", torch.from_numpy(weights[WORD]))  # frozen
        self.p = nn.ParameterDict(
            {k.replace(".", "__"): nn.Parameter(torch.from_numpy(v)) for k, v in weights.items() if k != WORD}
        )

    def w(self, name: str) -> torch.Tensor:
        return self.p[name.replace(".", "__")]

    def ln(self, x: torch.Tensor, pre: str) -> torch.Tensor:
        return F.layer_norm(x, x.shape[-1:], self.w(pre + ".weight"), self.w(pre + ".bias"), eps=1e-12)

    def lin(self, x: torch.Tensor, pre: str) -> torch.Tensor:
        return F.linear(x, self.w(pre + ".weight"), self.w(pre + ".bias"))

    def forward(self, ids: torch.Tensor, mask: torch.Tensor, keep: list[int]) -> torch.Tensor:
        """(batch, length) ids -> (len(keep), batch, length, dim) hidden states of the layers in keep."""
        b, n = ids.shape
        x = self.word[ids] + self.w("embeddings.position_embeddings.weight")[:n]
        x = x + self.w("embeddings.token_type_embeddings.weight")[0]
        x = F.dropout(self.ln(x, "embeddings.LayerNorm"), self.dropout, self.training)
        kept = [x] if 0 in keep else []
        h = self.heads
        d = x.shape[-1] // h
        att_mask = mask[:, None, None, :]
        for i in range(self.n_layers):
            p = f"encoder.layer.{i}."
            q, k, v = (
                self.lin(x, p + f"attention.self.{n_}").view(b, n, h, d).transpose(1, 2)
                for n_ in ("query", "key", "value")
            )
            ctx = F.scaled_dot_product_attention(
                q, k, v, attn_mask=att_mask, dropout_p=self.dropout if self.training else 0.0
            )
            ctx = ctx.transpose(1, 2).reshape(b, n, h * d)
            att = F.dropout(self.lin(ctx, p + "attention.output.dense"), self.dropout, self.training)
            x = self.ln(x + att, p + "attention.output.LayerNorm")
            inter = F.gelu(self.lin(x, p + "intermediate.dense"), approximate="tanh")
            out = F.dropout(self.lin(inter, p + "output.dense"), self.dropout, self.training)
            x = self.ln(x + out, p + "output.LayerNorm")
            if i + 1 in keep:
                kept.append(x)
        return torch.stack(kept)


class Head(nn.Module):
    """The fast mode's tagger (embeddings, flags, dense, BiLSTM, O/B/I per role) reading a mix of encoder layers."""

    def __init__(
        self,
        m: configparser.SectionProxy,
        sizes: dict[str, int],
        cats: list[str],
        n_flags: int,
        enc_dim: int,
        n_enc: int,
        layers: int,
    ) -> None:
        super().__init__()
        self.cats = cats
        self.embs = nn.ModuleList([nn.Embedding(sizes[c], int(m[f"emb_{c}"])) for c in cats])
        n_in = sum(int(m[f"emb_{c}"]) for c in cats) + n_flags + enc_dim
        self.mix = nn.Parameter(torch.zeros(n_enc))
        self.gamma = nn.Parameter(torch.ones(1))
        self.layers = layers
        self.inp = nn.Linear(n_in, int(m["hidden_in"]))
        self.drop = nn.Dropout(float(m["dropout"]))
        self.lstm = nn.LSTM(
            int(m["hidden_in"]),
            int(m["hidden_lstm"]),
            num_layers=layers,
            dropout=float(m["dropout"]) if layers > 1 else 0.0,
            batch_first=True,
            bidirectional=True,
        )
        self.out = nn.Linear(2 * int(m["hidden_lstm"]), 9)

    def mix_weights(self) -> torch.Tensor:
        return self.gamma * torch.softmax(self.mix, 0)

    def forward(
        self,
        cats: torch.Tensor,
        flags: torch.Tensor,
        enc: torch.Tensor,
        idx: torch.Tensor,
        lens: torch.Tensor,
    ) -> torch.Tensor:
        """Token inputs (T, ...) and chunk index (C, t_max) -> logits (C, t_max, 3, 3)."""
        e = [emb(cats[:, i]) for i, emb in enumerate(self.embs)]
        mixed = self.drop(torch.einsum("ltd,l->td", enc, self.mix_weights()))
        x = self.drop(torch.relu(self.inp(torch.cat([*e, flags, mixed], dim=-1))))
        x = x[idx]
        packed = nn.utils.rnn.pack_padded_sequence(x, lens.cpu(), batch_first=True, enforce_sorted=False)
        hid, _ = self.lstm(packed)
        hid, _ = nn.utils.rnn.pad_packed_sequence(hid, batch_first=True, total_length=x.shape[1])
        return self.out(self.drop(hid)).view(hid.shape[0], hid.shape[1], 3, 3)


class CRF(nn.Module):
    """Linear-chain CRF over each role's O/B/I tags (start scores and tag-to-tag transitions per role),
    read on top of a head's log-probabilities: the engine decodes the averaged probabilities of the
    heads with these scores (``viterbi`` with weight 1 and no prior)."""

    def __init__(self, roles: int = 3, tags: int = 3) -> None:
        super().__init__()
        self.start = nn.Parameter(torch.zeros(roles, tags))
        self.trans = nn.Parameter(torch.zeros(roles, tags, tags))

    def nll(self, emis: torch.Tensor, labels: torch.Tensor, roles: list[int]) -> torch.Tensor:
        """Summed negative log-likelihood of the gold tags; emis (C, T, R, K), labels (C, T, R) (-100 pads)."""
        emis, labels = emis[:, :, roles], labels[:, :, roles]
        start, trans = self.start[roles], self.trans[roles]
        mask = labels[:, :, 0] >= 0  # (C, T); every chunk has at least one token
        tags = labels.clamp(min=0)
        r = torch.arange(len(roles), device=emis.device)
        gold = start[r[None], tags[:, 0]].sum(-1)
        gold = gold + (emis.gather(-1, tags[..., None]).squeeze(-1) * mask[..., None]).sum((1, 2))
        step = trans[r[None, None], tags[:, :-1], tags[:, 1:]]  # (C, T-1, R)
        gold = gold + (step * mask[:, 1:, None]).sum((1, 2))
        alpha = start[None] + emis[:, 0]  # (C, R, K)
        for t in range(1, emis.shape[1]):
            nxt = torch.logsumexp(alpha[..., :, None] + trans[None] + emis[:, t, :, None, :], dim=-2)
            alpha = torch.where(mask[:, t, None, None], nxt, alpha)
        return (torch.logsumexp(alpha, -1).sum(-1) - gold).sum()


def make_batch(docs: list[dict], dev: torch.device, cls: int, sep: int) -> dict:
    """Windows, token inputs and chunk indices of several documents, tokens numbered across them."""
    windows, owners, cats, flags, labels, chunks = [], [], [], [], [], []
    off = 0
    for doc in docs:
        for lo, hi in doc["windows"]:
            windows.append(doc["pieces"][lo:hi])
            owners.append(doc["owner"][lo:hi] + off)
        cats.append(doc["cats"])
        flags.append(doc["flags"])
        labels.append(doc["labels"])
        chunks += [(a + off, b + off) for a, b in doc["chunks"]]
        off += len(doc["cats"])
    n = max(len(w) for w in windows) + 2
    ids = np.zeros((len(windows), n), dtype=np.int64)
    mask = np.zeros((len(windows), n), dtype=bool)
    pos, own = [], []
    for r, (w, o) in enumerate(zip(windows, owners, strict=True)):
        ids[r, : len(w) + 2] = [cls, *w, sep]
        mask[r, : len(w) + 2] = True
        pos.append(r * n + 1 + np.arange(len(w)))
        own.append(o)
    t_max = max(b - a for a, b in chunks)
    idx = np.zeros((len(chunks), t_max), dtype=np.int64)
    lab = np.full((len(chunks), t_max, 3), -100, dtype=np.int64)
    all_labels = np.concatenate(labels)
    for k, (a, b) in enumerate(chunks):
        idx[k, : b - a] = np.arange(a, b)
        lab[k, : b - a] = all_labels[a:b]
    t = lambda x: torch.from_numpy(x).to(dev)  # noqa: E731
    return {
        "ids": t(ids),
        "mask": t(mask),
        "pos": t(np.concatenate(pos)),
        "own": t(np.concatenate(own)),
        "n_tokens": off,
        "cats": t(np.concatenate(cats)),
        "flags": t(np.concatenate(flags)),
        "idx": t(idx),
        "lens": torch.tensor([b - a for a, b in chunks]),
        "labels": t(lab),
    }


class Model(nn.Module):
    def __init__(self, bert: Bert, heads: list[Head], keep: list[int]) -> None:
        super().__init__()
        self.bert, self.heads, self.keep = bert, nn.ModuleList(heads), keep
        self.crf = CRF()

    def token_states(self, batch: dict) -> torch.Tensor:
        """(layers, tokens, dim): each token the mean of its word pieces (zeros for none), as the engine."""
        hid = self.bert(batch["ids"], batch["mask"], self.keep)  # (L, W, n, d)
        flat = hid.reshape(hid.shape[0], -1, hid.shape[-1])[:, batch["pos"]]
        sums = torch.zeros(hid.shape[0], batch["n_tokens"], hid.shape[-1], device=hid.device)
        sums.index_add_(1, batch["own"], flat)
        counts = torch.bincount(batch["own"], minlength=batch["n_tokens"]).clamp(min=1)
        return sums / counts[None, :, None]

    def forward(self, batch: dict) -> list[torch.Tensor]:
        enc = self.token_states(batch)
        return [h(batch["cats"], batch["flags"], enc, batch["idx"], batch["lens"]) for h in self.heads]


def evaluate(model: Model, docs: list[dict], dev: torch.device, cls: int, sep: int) -> dict[str, float]:
    """Held-out token F1 per role of the heads' averaged probabilities."""
    model.eval()
    f1 = TokenF1()
    with torch.no_grad():
        for s in range(0, len(docs), 8):
            batch = make_batch(docs[s : s + 8], dev, cls, sep)
            probs = torch.stack([lg.softmax(-1) for lg in model(batch)]).mean(0)
            f1.add(probs.argmax(-1).cpu().numpy(), batch["labels"].cpu().numpy())
    model.train()
    return f1.result()


def export(
    model: Model,
    cfg: configparser.ConfigParser,
    pack: Pack,
    out: Path,
    tag: str,
    check_doc: dict,
    dev: torch.device,
    cls: int,
    sep: int,
) -> None:
    m = cfg["model"]
    enc = {
        k.replace("__", "."): v.detach().float().cpu().numpy().astype(np.float16)
        for k, v in model.bert.p.items()
    }
    half = model.bert.n_layers // 2
    part_a = {
        k: v for k, v in enc.items() if not k.startswith("encoder.layer.") or int(k.split(".")[2]) < half
    }
    part_b = {k: v for k, v in enc.items() if k not in part_a}
    np.savez_compressed(out / f"{tag}-enc-a.npz", **part_a)
    np.savez_compressed(out / f"{tag}-enc-b.npz", **part_b)
    arrays: dict[str, np.ndarray] = {}
    metas = []
    for k, head in enumerate(model.heads):
        sd = {n: v.detach().float().cpu().numpy() for n, v in head.state_dict().items()}
        params = tagger_params(sd, head.cats, head.layers)
        params["enc_mix"] = head.mix_weights().detach().float().cpu().numpy()
        arrays.update({f"h{k}_{n}": v.astype(np.float16) for n, v in params.items()})
        metas.append(
            {
                "name": f"{m['name']}-h{k}",
                "spacy_model": pack.meta["spacy_model"],
                "hidden_lstm": int(m["hidden_lstm"]),
                "layers": head.layers,
                "vocab": pack.meta["vocab"],
                "roles": ["source", "cue", "content"],
                "encoder": m["encoder"],
                "encoder_layers": model.keep,
                "tensor": False,
            }
        )
    model.eval()
    with torch.no_grad():
        batch = make_batch([check_doc], dev, cls, sep)
        probs = torch.stack([lg.softmax(-1) for lg in model(batch)]).mean(0)
        full = np.zeros((batch["n_tokens"], 3, 3), dtype=np.float32)
        full[batch["idx"].cpu().numpy()[batch["labels"].cpu().numpy()[..., 0] >= 0]] = probs.cpu().numpy()[
            batch["labels"].cpu().numpy()[..., 0] >= 0
        ]
    model.train()
    arrays["check_probs"] = full
    arrays["crf_start"] = model.crf.start.detach().float().cpu().numpy()
    arrays["crf_trans"] = model.crf.trans.detach().float().cpu().numpy()
    meta = {
        "heads": metas,
        "check_doc": check_doc["name"],
        "crf_roles": crf_roles(cfg),
        "config": {s: dict(cfg[s]) for s in cfg.sections()},
    }
    np.savez_compressed(out / f"{tag}-heads.npz", meta=np.array(json.dumps(meta)), **arrays)


ROLES = ("source", "cue", "content")


def crf_roles(cfg: configparser.ConfigParser) -> list[int]:
    """The roles whose tags the CRF is trained on (``training.crf_roles``, e.g. ``content`` or
    ``source,cue,content``; empty for none)."""
    names = [r.strip() for r in cfg["training"].get("crf_roles", "").split(",") if r.strip()]
    return [ROLES.index(r) for r in names]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pack", required=True)
    ap.add_argument("--encoder", required=True, help="the shipped encoder .npz to start from")
    ap.add_argument("--config", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--tag", default="ft")
    ap.add_argument(
        "--budget-s", type=float, default=1e9, help="stop starting epochs after this many seconds"
    )
    ap.add_argument("--limit", type=int, default=None, help="first N documents only (smoke test)")
    ap.add_argument("--epochs", type=int, default=None)
    ap.add_argument("--holdout", type=int, default=None)
    ap.add_argument(
        "--snapshots-from",
        type=int,
        default=None,
        help="with no held-out documents, keep every epoch from this one on as TAG-eEPOCH",
    )
    ap.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    ap.add_argument("--set", action="append", default=[], help="override a config value: section.key=value")
    args = ap.parse_args()
    started = time.time()

    cfg = read_config(args.config, args.set, args.epochs, args.holdout)
    m, tr = cfg["model"], cfg["training"]
    seed = int(tr["seed"])
    seed_all(seed)
    dev = torch.device(args.device)
    torch.backends.cuda.matmul.allow_tf32 = True
    torch.backends.cudnn.allow_tf32 = True

    pack = Pack(Path(args.pack), args.limit)
    # as onrecord.pipeline.learned.encoder.load_npz reads it (this script imports neither onrecord nor spaCy)
    with np.load(args.encoder, allow_pickle=False) as z:
        emeta = json.loads(str(z["meta"]))
        weights: dict[str, np.ndarray] = {}
        for k in z.files:
            if k == "meta" or k.endswith(".scale"):
                continue
            if k.endswith(".int8"):
                base = k[: -len(".int8")]
                weights[base] = z[k].astype(np.float32) * z[base + ".scale"]
            else:
                weights[k] = z[k].astype(np.float32)
    cls, sep = emeta["vocab"].index("[CLS]"), emeta["vocab"].index("[SEP]")
    keep = [int(x) for x in m["encoder_layers"].split(",")]
    bert = Bert(weights, int(emeta["heads"]), max(keep), float(m.get("enc_dropout", "0.1")))
    for k in list(bert.p.keys()):  # layers above the highest one read are never used
        if k.startswith("encoder__layer__") and int(k.split("__")[2]) >= max(keep):
            del bert.p[k]
    sizes = pack.meta["sizes"]
    heads = [
        Head(
            m,
            sizes,
            pack.meta["categorical"],
            int(pack.meta["n_flags"]),
            weights[WORD].shape[1],
            len(keep),
            int(n),
        )
        for n in m["heads"].split(",")
    ]
    model = Model(bert, heads, keep).to(dev)

    held_names = held_out((d["name"] for d in pack.docs), tr)
    train_docs = [d for d in pack.docs if d["name"] not in held_names]
    held_docs = [d for d in pack.docs if d["name"] in held_names]
    log(f"{len(train_docs)} training documents, {len(held_docs)} held out; device {dev}")

    per_step = int(tr["batch_docs"])
    epochs = int(tr["max_epochs"])
    steps_per_epoch = math.ceil(len(train_docs) / per_step)
    total = epochs * steps_per_epoch
    warm = max(1, int(float(tr["warmup"]) * total))
    enc_params = list(model.bert.parameters())
    head_params = [p for h in model.heads for p in h.parameters()] + list(model.crf.parameters())
    opt = torch.optim.AdamW(
        [
            {"params": enc_params, "lr": float(tr["lr_encoder"]), "weight_decay": 0.01},
            {"params": head_params, "lr": float(tr["lr_head"]), "weight_decay": 0.0},
        ]
    )
    base_lrs = [g["lr"] for g in opt.param_groups]
    sched = lambda step: min(1.0, (step + 1) / warm) * max(0.0, (total - step) / max(1, total - warm))  # noqa: E731
    loss_fn = nn.CrossEntropyLoss(ignore_index=-100)
    roles = crf_roles(cfg)
    crf_weight = float(tr.get("crf_weight", "1.0"))
    rng = random.Random(seed)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    best, bad, step = -1.0, 0, 0
    check_doc = held_docs[0] if held_docs else train_docs[0]
    stop_after = int(tr.get("stop_after", epochs))  # epochs run of the max_epochs schedule
    for epoch in range(min(epochs, stop_after)):
        if time.time() - started > args.budget_s:
            log("time budget reached")
            break
        t0 = time.time()
        order = train_docs[:]
        rng.shuffle(order)
        running = 0.0
        for s in range(0, len(order), per_step):
            for g, lr in zip(opt.param_groups, base_lrs, strict=True):
                g["lr"] = lr * sched(step)
            batch = make_batch(order[s : s + per_step], dev, cls, sep)
            logits = model(batch)
            y = batch["labels"].reshape(-1)
            loss = sum(loss_fn(lg.reshape(-1, 3), y) for lg in logits)
            if roles:
                n_tok = (batch["labels"][..., 0] >= 0).sum().clamp(min=1)
                loss = loss + sum(
                    crf_weight * model.crf.nll(lg.log_softmax(-1), batch["labels"], roles) / n_tok
                    for lg in logits
                )
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 5.0)
            opt.step()
            running += float(loss.detach())
            step += 1
        if not held_docs:  # a fixed number of epochs on every document: keep the last
            log(f"{args.tag} epoch {epoch + 1}: loss {running:.1f} ({time.time() - t0:.0f}s)")
            if args.snapshots_from is not None and epoch + 1 >= args.snapshots_from:
                export(model, cfg, pack, out, f"{args.tag}-e{epoch + 1}", check_doc, dev, cls, sep)
            else:
                export(model, cfg, pack, out, args.tag, check_doc, dev, cls, sep)
            continue
        f1 = evaluate(model, held_docs, dev, cls, sep)
        score = sum(f1.values()) / 3
        log(
            f"{args.tag} epoch {epoch + 1}: loss {running:.1f}, held-out token F1 {f1} mean {score:.4f} "
            f"({time.time() - t0:.0f}s)"
        )
        if score > best:
            best, bad = score, 0
            export(model, cfg, pack, out, args.tag, check_doc, dev, cls, sep)
            log(f"  saved {args.tag} to {out}")
        else:
            bad += 1
            if bad >= int(tr["patience"]):
                break
    total_min = (time.time() - started) / 60
    if held_docs:
        log(f"{args.tag}: best held-out mean token F1 {best:.4f}; total {total_min:.1f} min")
    else:
        log(f"{args.tag}: trained on all {len(train_docs)} documents; total {total_min:.1f} min")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
