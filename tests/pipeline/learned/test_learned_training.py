"""The training script runs end to end on a few PolNeAR documents (slow; needs torch)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from onrecord.pipeline.learned.model import TaggerNet, weights_path
from tests.conftest import REPO, shared_path


def test_shipped_weights_load_and_are_small() -> None:
    path = weights_path()
    assert path.stat().st_size < 20_000_000
    net = TaggerNet.load(path)
    assert net.meta["roles"] == ["source", "cue", "content"]


@pytest.mark.slow
@pytest.mark.parametrize("config", ["attribution.cfg"])
def test_training_script_smoke(tmp_path: Path, config: str) -> None:
    pytest.importorskip("torch")
    data = shared_path("polnear")
    out = tmp_path / "w.npz"
    res = subprocess.run(
        [
            sys.executable,
            str(REPO / "train" / "train_attribution.py"),
            "--config",
            str(REPO / "train" / config),
            "--data",
            str(data),
            "--limit",
            "6",
            "--epochs",
            "1",
            "--holdout",
            "2",
            "--out",
            str(out),
            "--cache",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert res.returncode == 0, res.stdout + res.stderr
    assert "numpy vs torch max prob difference" in res.stdout
    net = TaggerNet.load(out)
    assert all(np.isfinite(e).all() for e in net.emb)


def test_accurate_mode_reads_the_shipped_encoder() -> None:
    from onrecord.pipeline.learned.model import TaggerEnsemble
    from onrecord.settings import WEIGHTS_BY_MODE

    net = TaggerEnsemble.load(WEIGHTS_BY_MODE["accurate"])
    assert net.encoders == {"minilm-l6-ft3": (2, 4, 6)}
    assert all(not m.reads_tensor for m in net.members)
    path = weights_path("encoder-minilm-l6-ft3")
    assert path.stat().st_size < 40_000_000  # int8 word pieces, float16 matrices


def _tagger(name: str, **meta: object) -> TaggerNet:
    with np.load(weights_path(name), allow_pickle=False) as data:
        base = json.loads(str(data["meta"]))
        params = {k: data[k].astype(np.float32) for k in data.files if k != "meta"}
    return TaggerNet(params, {**base, **meta})


def test_an_ensemble_gives_each_member_the_states_of_its_own_encoder() -> None:
    from onrecord.pipeline.learned.features import CATEGORICAL, N_FLAGS, Features
    from onrecord.pipeline.learned.model import TaggerEnsemble

    a = _tagger("attribution-v6-ft-h0", encoder="enc-a")
    b = _tagger("attribution-v6-ft-h1", encoder="enc-b", encoder_layers=[2, 4, 6])
    ens = TaggerEnsemble([a, b])
    assert ens.encoders == {"enc-a": (2, 4, 6), "enc-b": (2, 4, 6)}
    rng = np.random.default_rng(0)

    def features(enc: np.ndarray | None = None) -> Features:
        return Features(
            np.zeros((5, 96), np.float32),
            np.ones((5, len(CATEGORICAL)), np.int64),
            np.zeros((5, N_FLAGS), np.float32),
            [(0, 5)],
            enc,
        )

    sa, sb = (rng.normal(size=(5, 3, 384)).astype(np.float32) for _ in range(2))
    got = ens(features(), {"enc-a": sa, "enc-b": sb})
    want = (a(features(sa)) + b(features(sb))) / 2
    np.testing.assert_allclose(got, want, atol=1e-6)
    assert not np.allclose(got, (a(features(sa)) + b(features(sa))) / 2, atol=1e-4)


def _tiny_base(path: Path) -> None:
    """A two-layer, eight-wide encoder with the shipped word-piece vocabulary, in convert()'s layout."""
    with np.load(weights_path("encoder-minilm-l6-ft3"), allow_pickle=False) as data:
        meta = json.loads(str(data["meta"]))
    rng = np.random.default_rng(1)
    dim, n = 8, len(meta["vocab"])

    def w(*shape: int) -> np.ndarray:
        return (rng.normal(size=shape) * 0.2).astype(np.float16)

    arrays: dict[str, np.ndarray] = {
        "embeddings.word_embeddings.weight.int8": rng.integers(-127, 128, size=(n, dim)).astype(np.int8),
        "embeddings.word_embeddings.weight.scale": np.full((n, 1), 0.01, np.float32),
        "embeddings.position_embeddings.weight": w(512, dim),
        "embeddings.token_type_embeddings.weight": w(2, dim),
        "embeddings.LayerNorm.weight": np.ones(dim, np.float16),
        "embeddings.LayerNorm.bias": np.zeros(dim, np.float16),
    }
    for i in range(2):
        p = f"encoder.layer.{i}."
        for name, (o, k) in {
            "attention.self.query": (dim, dim),
            "attention.self.key": (dim, dim),
            "attention.self.value": (dim, dim),
            "attention.output.dense": (dim, dim),
            "intermediate.dense": (4 * dim, dim),
            "output.dense": (dim, 4 * dim),
        }.items():
            arrays[p + name + ".weight"], arrays[p + name + ".bias"] = w(o, k), w(o)
        for ln in ("attention.output.LayerNorm", "output.LayerNorm"):
            arrays[p + ln + ".weight"], arrays[p + ln + ".bias"] = (
                np.ones(dim, np.float16),
                np.zeros(dim, np.float16),
            )
    meta = {"heads": 2, "layers": 2, "vocab": meta["vocab"]}
    np.savez_compressed(path, meta=np.array(json.dumps(meta)), **arrays)  # type: ignore[arg-type]


@pytest.mark.slow
def test_fine_tuning_scripts_smoke(tmp_path: Path) -> None:
    """prepare -> finetune (CPU) -> merge, on a tiny encoder: merge checks numpy against torch."""
    pytest.importorskip("torch")
    data = shared_path("polnear")
    base = tmp_path / "base.npz"
    _tiny_base(base)
    train = REPO / "train"

    def run(*args: str) -> str:
        res = subprocess.run([sys.executable, *args], capture_output=True, text=True, timeout=900)
        assert res.returncode == 0, res.stdout + res.stderr
        return res.stdout + res.stderr

    pack = tmp_path / "pack.npz"
    run(
        str(train / "finetune_data.py"),
        "prepare",
        "--data",
        str(data),
        "--limit",
        "6",
        "--base",
        str(base),
        "--out",
        str(pack),
        "--cache",
        str(tmp_path),
    )

    def finetune(out: str, tag: str, holdout: int) -> str:
        return run(
            str(train / "finetune.py"),
            *("--pack", str(pack), "--encoder", str(base), "--config", str(train / "attribution-ft.cfg")),
            *("--out", str(tmp_path / out), "--tag", tag, "--holdout", str(holdout), "--epochs", "1"),
            *("--device", "cpu", "--set", "model.encoder_layers=1,2"),
        )

    finetune("out", "t", 2)
    log = run(
        str(train / "finetune_data.py"),
        "merge",
        str(tmp_path / "out" / "t"),
        "--data",
        str(data),
        "--base",
        str(base),
        "--models",
        str(tmp_path / "models"),
    )
    assert "numpy vs torch" in log
    assert sorted(p.name for p in (tmp_path / "models").iterdir()) == [
        "attribution-v6-ft-h0.npz",
        "attribution-v6-ft-h1.npz",
        "encoder-minilm-l6-ft3.npz",
    ]
    head = TaggerNet.load(tmp_path / "models" / "attribution-v6-ft-h0.npz")
    assert sorted(head.crf) == [0, 1]  # source and cue decode with the learned CRF scores
    assert all(start.shape == (3,) and trans.shape == (3, 3) for start, trans in head.crf.values())
    # with no held-out documents it trains the configured epochs on all and keeps the last
    assert "trained on all 6 documents" in finetune("all", "a", 0)
    assert (tmp_path / "all" / "a-heads.npz").exists()


def test_a_tagger_that_reads_the_encoder_says_so_without_its_states() -> None:
    from onrecord.errors import ModelNotFoundError
    from onrecord.pipeline.learned.features import CATEGORICAL, N_FLAGS, Features
    from onrecord.settings import WEIGHTS_BY_MODE

    name = next(n for n in WEIGHTS_BY_MODE["accurate"] if TaggerNet.load(weights_path(n)).encoder)
    net = TaggerNet.load(weights_path(name))
    f = Features(
        np.zeros((3, 96), np.float32),
        np.zeros((3, len(CATEGORICAL)), np.int64),
        np.zeros((3, N_FLAGS), np.float32),
        [(0, 3)],
    )
    with pytest.raises(ModelNotFoundError, match="encoder"):
        net(f)


def test_a_missing_weights_file_says_how_to_get_it() -> None:
    from onrecord.errors import ModelNotFoundError

    with pytest.raises(ModelNotFoundError, match=r"attribution-v0-none.*train_attribution\.py.*--mode rules"):
        weights_path("attribution-v0-none")


def test_a_tagger_naming_crf_roles_without_scores_says_so() -> None:
    from onrecord.errors import ModelNotFoundError
    from onrecord.settings import WEIGHTS_BY_MODE

    with np.load(weights_path(WEIGHTS_BY_MODE["accurate"][0]), allow_pickle=False) as data:
        meta = json.loads(str(data["meta"]))
        params = {
            k: data[k].astype(np.float32) for k in data.files if k not in ("meta", "crf_start", "crf_trans")
        }
    assert meta["crf_decode"] == ["source", "cue"]
    with pytest.raises(ModelNotFoundError, match=r"no CRF scores.*finetune_data\.py merge"):
        TaggerNet(params, meta)
