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
def test_training_script_smoke(tmp_path: Path) -> None:
    pytest.importorskip("torch")
    data = shared_path("polnear")
    out = tmp_path / "w.npz"
    res = subprocess.run(
        [
            sys.executable,
            str(REPO / "train" / "train_attribution.py"),
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
