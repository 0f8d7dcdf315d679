"""The learned attribution tagger's network, in plain numpy (inference only).

Per token: embeddings of the categorical features, the flags, the spaCy tok2vec tensor and (for
the accurate mode's taggers) a learned mix of encoder layers go through a dense layer and a
bidirectional LSTM over each chunk, then three softmax heads give O/B/I for source, cue and
content. Weights come from ``train/train_attribution.py`` (fast) and ``train/finetune.py``
(accurate), torch both, stored as ``.npz`` files inside the package; this module reproduces the
torch forward pass.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from onrecord.errors import ModelNotFoundError
from onrecord.pipeline.learned.features import CATEGORICAL, Features, Vocab
from onrecord.pipeline.learned.shipped import model_file
from onrecord.settings import WEIGHTS_BY_MODE

ROLES = ("source", "cue", "content")
DEFAULT_WEIGHTS = WEIGHTS_BY_MODE["fast"]

F32 = NDArray[np.float32]


def weights_path(name: str = DEFAULT_WEIGHTS[0]) -> Path:
    return model_file(
        name,
        "attribution weights",
        "reinstall onrecord, run `python train/train_attribution.py`, or use --mode rules",
    )


def _sigmoid(x: F32) -> F32:
    out: F32 = 0.5 * (1.0 + np.tanh(0.5 * x))
    return out


class TaggerNet:
    """Numpy forward pass of the trained tagger."""

    def __init__(self, params: dict[str, F32], meta: dict[str, Any]) -> None:
        self.meta = meta
        self.vocab = Vocab(**meta["vocab"])
        self.emb = [params[f"emb_{c}"] for c in CATEGORICAL]
        self.w_in, self.b_in = params["in_w"].T.copy(), params["in_b"]
        self.lstm: list[list[tuple[F32, F32, F32]]] = []  # per layer: forward, backward
        for layer in range(int(meta.get("layers", 1))):
            pre = "lstm" if layer == 0 else f"lstm{layer}"
            directions = []
            for d in ("", "_reverse"):
                w_ih, w_hh = params[f"{pre}_w_ih{d}"], params[f"{pre}_w_hh{d}"]
                bias = params[f"{pre}_b_ih{d}"] + params[f"{pre}_b_hh{d}"]
                directions.append((w_ih.T.copy(), w_hh.T.copy(), bias))
            self.lstm.append(directions)
        self.w_out, self.b_out = params["out_w"].T.copy(), params["out_b"]
        self.hidden = int(meta["hidden_lstm"])
        self.encoder: str | None = meta.get("encoder")
        self.encoder_layers: tuple[int, ...] = tuple(meta.get("encoder_layers", ()))
        self.enc_mix = params.get("enc_mix")  # weight per encoder layer (learned scalar mix)
        self.reads_tensor = bool(meta.get("tensor", True))  # the fine-tuned taggers read no spaCy tensor
        self.enc_index: list[int] = list(range(len(self.encoder_layers)))  # rows of Features.enc
        # roles decoded with the CRF scores learned with the tagger (finetune_data.py merge writes
        # which, as chosen on held-out): role index -> (start (3,), transitions (3, 3))
        crf_decode = list(meta.get("crf_decode", ()))
        if crf_decode and not {"crf_start", "crf_trans"} <= params.keys():
            raise ModelNotFoundError(
                f"attribution weights {meta.get('name')!r} name CRF roles {crf_decode} but hold no CRF "
                "scores; merge them again with `python train/finetune_data.py merge`"
            )
        self.crf: dict[int, tuple[F32, F32]] = {
            i: (params["crf_start"][i], params["crf_trans"][i]) for i in map(ROLES.index, crf_decode)
        }

    @classmethod
    def load(cls, path: Path) -> TaggerNet:
        with np.load(path, allow_pickle=False) as data:
            meta = json.loads(str(data["meta"]))
            params = {k: data[k].astype(np.float32) for k in data.files if k != "meta"}
        return cls(params, meta)

    def inputs(self, f: Features) -> F32:
        parts = [emb[f.cats[:, i]] for i, emb in enumerate(self.emb)]
        parts.append(f.flags)
        if self.reads_tensor:
            parts.append(f.tensor)
        if self.enc_mix is not None:
            if f.enc is None:
                raise ModelNotFoundError(
                    f"attribution weights {self.meta.get('name')!r} read the {self.encoder} encoder, "
                    "but the features carry no encoder states"
                )
            parts.append(np.einsum("nld,l->nd", f.enc[:, self.enc_index], self.enc_mix))
        x = np.concatenate(parts, axis=1).astype(np.float32)
        h: F32 = np.maximum(x @ self.w_in + self.b_in, 0.0)
        return h

    def __call__(self, f: Features) -> F32:
        """Probabilities of shape (n_tokens, 3 roles, 3 tags O/B/I); zero rows for unchunked tokens."""
        n = len(f.cats)
        probs = np.zeros((n, 3, 3), dtype=np.float32)
        if not f.chunks:
            return probs
        x = self.inputs(f)
        # chunks longest first, so that the sequences still running at step t are a prefix
        order = sorted(f.chunks, key=lambda c: c[0] - c[1])
        lens = np.array([hi - lo for lo, hi in order])
        t_max = int(lens[0])
        b = len(order)
        idx = np.zeros((b, t_max), dtype=np.int64)
        mask = np.arange(t_max)[None, :] < lens[:, None]
        idx_r = idx.copy()
        for k, (lo, hi) in enumerate(order):
            idx[k, : hi - lo] = np.arange(lo, hi)
            idx_r[k, : hi - lo] = np.arange(hi - 1, lo - 1, -1)
        active = (lens[None, :] > np.arange(t_max)[:, None]).sum(axis=1)
        tokens, tokens_r = idx[mask], idx_r[mask]
        for layer in range(len(self.lstm)):  # each layer reads the previous one's both directions
            feats = np.zeros((n, 2 * self.hidden), dtype=np.float32)
            feats[tokens, : self.hidden] = self._run(x, idx, active, layer, 0)[mask]
            feats[tokens_r, self.hidden :] = self._run(x, idx_r, active, layer, 1)[mask]
            x = feats
        logits = (feats[tokens] @ self.w_out + self.b_out).reshape(-1, 3, 3)
        logits -= logits.max(axis=2, keepdims=True)
        e = np.exp(logits)
        probs[tokens] = e / e.sum(axis=2, keepdims=True)
        return probs

    def batch(self, many: list[Features]) -> list[F32]:
        """``self(f)`` for several Docs at once: one recurrent pass over all their chunks."""
        if len(many) <= 1:
            return [self(f) for f in many]
        sizes = [len(f.cats) for f in many]
        offsets = np.cumsum([0, *sizes])
        joined = Features(
            np.concatenate([f.tensor for f in many]),
            np.concatenate([f.cats for f in many]),
            np.concatenate([f.flags for f in many]),
            [
                (lo + int(off), hi + int(off))
                for f, off in zip(many, offsets, strict=False)
                for lo, hi in f.chunks
            ],
            None if many[0].enc is None else np.concatenate([f.enc for f in many if f.enc is not None]),
        )
        probs = self(joined)
        return [probs[offsets[k] : offsets[k + 1]] for k in range(len(many))]

    def _run(
        self, x: F32, idx: NDArray[np.int64], active: NDArray[np.int64], layer: int, direction: int
    ) -> F32:
        """One LSTM direction over the sequences ``x[idx[k]]``; ``active[t]`` of them run at step t."""
        w_ih, w_hh, bias = self.lstm[layer][direction]
        b, t_max = idx.shape
        hsz = self.hidden
        gates_x = (x @ w_ih + bias)[idx]  # input projections once per token, then gathered
        h = np.zeros((b, hsz), dtype=np.float32)
        c = np.zeros((b, hsz), dtype=np.float32)
        out = np.zeros((b, t_max, hsz), dtype=np.float32)
        for t in range(t_max):
            k = int(active[t])
            g = gates_x[:k, t] + h[:k] @ w_hh
            s = _sigmoid(g)
            c[:k] = s[:, hsz : 2 * hsz] * c[:k] + s[:, :hsz] * np.tanh(g[:, 2 * hsz : 3 * hsz])
            h[:k] = s[:, 3 * hsz :] * np.tanh(c[:k])
            out[:k, t] = h[:k]
        return out


class TaggerEnsemble:
    """Several taggers trained alike (different seeds or depths); their probabilities averaged."""

    def __init__(self, members: list[TaggerNet]) -> None:
        if not members:
            raise ModelNotFoundError("an attribution tagger ensemble needs at least one weights file")
        first = members[0].vocab.as_dict()
        for m in members[1:]:
            if m.vocab.as_dict() != first:
                raise ModelNotFoundError(
                    f"attribution weights {m.meta.get('name')!r} use other feature tables than "
                    f"{members[0].meta.get('name')!r}; retrain them with the same spaCy model"
                )
        self.members = members
        self.vocab = members[0].vocab
        self.crf = members[0].crf
        """Role index -> CRF (start, transitions) to decode it with (the heads of one fine-tuning share them)."""
        self.encoders: dict[str, tuple[int, ...]] = {}
        """Encoder name -> the union of the layers its readers mix (what the component computes)."""
        for name in sorted({m.encoder for m in members if m.encoder}):
            readers = [m for m in members if m.encoder == name]
            layers = tuple(sorted({layer for m in readers for layer in m.encoder_layers}))
            self.encoders[name] = layers
            for m in readers:  # each member picks its layers out of the union
                m.enc_index = [layers.index(layer) for layer in m.encoder_layers]

    @classmethod
    def load(cls, names: Sequence[str]) -> TaggerEnsemble:
        return cls([TaggerNet.load(weights_path(n)) for n in names])

    def __call__(self, f: Features, states: Mapping[str, F32] | None = None) -> F32:
        return self.batch([f], None if states is None else {k: [v] for k, v in states.items()})[0]

    def batch(self, many: list[Features], states: Mapping[str, Sequence[F32]] | None = None) -> list[F32]:
        """Averaged probabilities per Doc. ``states`` gives, per encoder the members read, each Doc's
        stacked layers (``Encoder.encode_many(..., stack=True)``); with one encoder, ``Features.enc``
        may carry them instead."""
        per_member = []
        for m in self.members:
            if m.encoder and states is not None:
                for f, enc in zip(many, states[m.encoder], strict=True):
                    f.enc = enc
            per_member.append(m.batch(many))
        return [_mean([probs[k] for probs in per_member]) for k in range(len(many))]


def _mean(arrays: list[F32]) -> F32:
    if len(arrays) == 1:
        return arrays[0]
    out: F32 = np.mean(np.stack(arrays), axis=0, dtype=np.float32)
    return out
