"""The numpy MiniLM encoder: word-piece tokenizer, safetensors reader, forward pass, pooling."""

from __future__ import annotations

import json
import struct
from pathlib import Path

import numpy as np
import pytest

from onrecord.errors import ModelNotFoundError
from onrecord.pipeline.learned.encoder import Encoder, WordPiece, load_encoder, read_safetensors

_VOCAB = [
    "[PAD]",
    "[UNK]",
    "[CLS]",
    "[SEP]",
    "russia",
    "’",
    "s",
    "ko",
    "##py",
    "##rkin",
    "said",
    "«",
    "»",
    ",",
    "cafe",
    "un",
    "##able",
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russia’s", ["russia", "’", "s"]),  # lower-cased, split at punctuation
        ("Kopyrkin", ["ko", "##py", "##rkin"]),  # greedy longest match, continuation pieces
        ("«said»", ["«", "said", "»"]),
        ("Café", ["cafe"]),  # accents stripped
        ("unable", ["un", "##able"]),
        ("zzz", ["[UNK]"]),  # no piece covers the word
        ("x" * 101, ["[UNK]"]),  # over-long word
        ("\u200b", []),  # nothing but a format character
        ("", []),
    ],
)
def test_word_pieces(text: str, expected: list[str]) -> None:
    wp = WordPiece(_VOCAB)
    assert [_VOCAB[i] for i in wp(text)] == expected


def _tiny_weights() -> dict[str, np.ndarray]:
    """A two-layer BERT's tensors as a Hugging Face checkpoint names and lays them out."""
    rng = np.random.default_rng(0)
    dim, inter, n_layers = 8, 16, 2
    w: dict[str, np.ndarray] = {
        "embeddings.word_embeddings.weight": rng.normal(size=(len(_VOCAB), dim)),
        "embeddings.position_embeddings.weight": rng.normal(size=(64, dim)),
        "embeddings.token_type_embeddings.weight": rng.normal(size=(2, dim)),
        "embeddings.LayerNorm.weight": np.ones(dim),
        "embeddings.LayerNorm.bias": np.zeros(dim),
    }
    for i in range(n_layers):
        p = f"encoder.layer.{i}."
        for name in ("query", "key", "value"):
            w[p + f"attention.self.{name}.weight"] = rng.normal(size=(dim, dim)) / 3
            w[p + f"attention.self.{name}.bias"] = rng.normal(size=dim) / 3
        w[p + "attention.output.dense.weight"] = rng.normal(size=(dim, dim)) / 3
        w[p + "attention.output.dense.bias"] = np.zeros(dim)
        w[p + "intermediate.dense.weight"] = rng.normal(size=(inter, dim)) / 3
        w[p + "intermediate.dense.bias"] = np.zeros(inter)
        w[p + "output.dense.weight"] = rng.normal(size=(dim, inter)) / 3
        w[p + "output.dense.bias"] = np.zeros(dim)
        for ln in ("attention.output.LayerNorm", "output.LayerNorm"):
            w[p + ln + ".weight"] = np.ones(dim)
            w[p + ln + ".bias"] = np.zeros(dim)
    return {k: v.astype(np.float32) for k, v in w.items()}


def _tiny_encoder(layers: tuple[int, ...] = (1, 2)) -> Encoder:
    return Encoder(_tiny_weights(), _VOCAB, heads=2, layers=layers)


def test_padding_does_not_change_the_states() -> None:
    enc = _tiny_encoder()
    ids = np.array([[2, 4, 5, 6, 3]])
    alone = enc.states(ids, np.ones_like(ids, dtype=bool))
    padded = np.concatenate([ids, np.zeros((1, 3), dtype=np.int64)], axis=1)
    mask = np.arange(8)[None, :] < 5
    batch = np.concatenate([padded, np.array([[2, 10, 3, 0, 0, 0, 0, 0]])])
    both = enc.states(batch, np.concatenate([mask, np.arange(8)[None, :] < 3]))
    np.testing.assert_allclose(both[:, 0, :5], alone[:, 0], atol=1e-5)


def test_encode_pools_word_pieces_per_token_and_skips_spaces() -> None:
    enc = _tiny_encoder()
    texts = ["Russia’s", "Kopyrkin", "\n\n", "said"]
    out = enc.encode(texts, [(0, 2), (3, 4)], stack=True)
    assert out.shape == (4, 2, 8)
    assert not out[2].any()  # the whitespace token has no piece
    ids = np.array([[2, 4, 5, 6, 7, 8, 9, 10, 3]])  # both chunks fit one window
    states = enc.states(ids, np.ones_like(ids, dtype=bool))
    np.testing.assert_allclose(out[1], states[:, 0, 4:7].mean(1), atol=1e-5)
    np.testing.assert_allclose(enc.encode(texts, [(0, 2), (3, 4)]), out.mean(1), atol=1e-6)


def test_long_chunks_are_cut_into_windows() -> None:
    enc = _tiny_encoder()
    texts = ["Kopyrkin"] * 10  # 3 pieces each
    out = enc.encode(texts, [(0, 10)], window=7)
    assert out.shape == (10, 8)
    assert np.abs(out).sum(axis=1).min() > 0  # every token got a vector


def _write_safetensors(path: Path, tensors: dict[str, np.ndarray]) -> None:
    header: dict[str, object] = {"__metadata__": {"format": "pt"}}
    blobs, offset = [], 0
    for name, arr in tensors.items():
        raw = arr.astype(np.float32).tobytes()
        header[name] = {"dtype": "F32", "shape": list(arr.shape), "data_offsets": [offset, offset + len(raw)]}
        blobs.append(raw)
        offset += len(raw)
    head = json.dumps(header).encode()
    path.write_bytes(struct.pack("<Q", len(head)) + head + b"".join(blobs))


def test_read_safetensors(tmp_path: Path) -> None:
    a = np.arange(6, dtype=np.float32).reshape(2, 3)
    b = np.array([0.5, -1.5], dtype=np.float32)
    _write_safetensors(tmp_path / "m.safetensors", {"a": a, "b": b})
    got = read_safetensors(tmp_path / "m.safetensors")
    np.testing.assert_array_equal(got["a"], a)
    np.testing.assert_array_equal(got["b"], b)


def test_a_missing_encoder_says_how_to_get_it() -> None:
    with pytest.raises(ModelNotFoundError, match=r"encoder-nope.*not installed.*--mode fast"):
        load_encoder("nope", (1,))


# hidden states of layer 6 for "Moscow said no ." from the torch forward pass that fine-tuned the
# shipped encoder (train/finetune.py's Bert, float32, on the shipped weights)
_REF_MOSCOW = [-0.1358, 1.0849, -0.4307, 0.4855, -0.8684, -0.5482]
_REF_SAID = [-0.008, 0.1457, 0.1466, 0.7813, -1.3145, -0.8487]


def test_shipped_encoder_matches_a_torch_forward_pass() -> None:
    enc = load_encoder("minilm-l6-ft3", (6,))
    words = ["Moscow", "said", "no", "."]
    assert [enc.tokenizer(w) for w in words] == [[4924], [2056], [2053], [1012]]
    out = enc.encode(words, [(0, 4)])
    assert out.shape == (4, 384)
    np.testing.assert_allclose(out[0, :6], _REF_MOSCOW, atol=0.02)
    np.testing.assert_allclose(out[1, :6], _REF_SAID, atol=0.02)


def test_encode_many_gives_each_document_its_own_states() -> None:
    enc = _tiny_encoder()
    a = (["Russia’s", "Kopyrkin", "said"], [(0, 3)])
    b = (["«", "unable", "»", "\n", "cafe"], [(0, 3), (4, 5)])
    many = enc.encode_many([a, b], batch=1)
    np.testing.assert_allclose(many[0], enc.encode(*a), atol=1e-5)
    np.testing.assert_allclose(many[1], enc.encode(*b), atol=1e-5)


def test_convert_then_load_keeps_the_states(tmp_path: Path) -> None:
    from onrecord.pipeline.learned.encoder import convert, load_npz

    weights = _tiny_weights()
    weights["embeddings.word_embeddings.weight"][0] = 0.0  # an all-zero row survives int8
    enc = Encoder(weights, _VOCAB, heads=2, layers=(2,))
    _write_safetensors(tmp_path / "model.safetensors", weights)
    (tmp_path / "config.json").write_text(json.dumps({"num_attention_heads": 2, "num_hidden_layers": 2}))
    (tmp_path / "vocab.txt").write_text("\n".join(_VOCAB) + "\n", encoding="utf-8")
    convert(tmp_path, tmp_path / "enc.npz")
    back = load_npz(tmp_path / "enc.npz", (2,))
    assert not back.w["embeddings.word_embeddings.weight"][0].any()
    texts = ["Russia’s", "Kopyrkin", "said"]
    np.testing.assert_allclose(back.encode(texts, [(0, 3)]), enc.encode(texts, [(0, 3)]), atol=0.05)
    with pytest.raises(ModelNotFoundError, match="2 layers"):
        load_npz(tmp_path / "enc.npz", (3,))
