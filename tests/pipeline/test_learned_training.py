"""The training script runs end to end on a few PolNeAR documents (slow; needs torch)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from tests.conftest import REPO, shared_path

from onrecord.pipeline.learned_model import TaggerNet, weights_path


def test_shipped_weights_load_and_are_small() -> None:
    path = weights_path()
    assert path.stat().st_size < 20_000_000
    net = TaggerNet.load(path)
    assert net.meta["roles"] == ["source", "cue", "content"]


@pytest.mark.slow
@pytest.mark.parametrize("config", ["attribution.cfg", "attribution-enc.cfg"])
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
    from onrecord.pipeline.encoder import ENCODERS
    from onrecord.pipeline.learned_model import WEIGHTS_BY_MODE, TaggerEnsemble

    net = TaggerEnsemble.load(WEIGHTS_BY_MODE["accurate"])
    assert net.encoder == "minilm-l6"
    assert net.encoder_layers and max(net.encoder_layers) <= 6
    path = weights_path(ENCODERS["minilm-l6"])
    assert path.stat().st_size < 40_000_000  # int8 word pieces, float16 matrices


def test_a_tagger_that_reads_the_encoder_says_so_without_its_states() -> None:
    from onrecord.errors import ModelNotFoundError
    from onrecord.pipeline.learned_features import CATEGORICAL, N_FLAGS, Features
    from onrecord.pipeline.learned_model import WEIGHTS_BY_MODE

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
