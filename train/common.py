"""What the training scripts share: logging, the config with its overrides, seeding, the held-out
slice of PolNeAR train, and the torch-to-numpy naming of a tagger's weights.

Imports neither spaCy nor onrecord (nor torch at import time), so ``finetune.py`` can use it on a
machine with only torch and numpy.
"""

from __future__ import annotations

import configparser
import random
import time
from collections.abc import Iterable, Mapping, Sequence

import numpy as np


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)


def read_config(
    path: str, overrides: Iterable[str] = (), epochs: int | None = None, holdout: int | None = None
) -> configparser.ConfigParser:
    """A training config, with ``section.key=value`` overrides and the --epochs/--holdout options."""
    cfg = configparser.ConfigParser()
    cfg.read(path)
    for item in overrides:
        key, value = item.split("=", 1)
        section, name = key.split(".", 1)
        cfg[section][name] = value
    if epochs is not None:
        cfg["training"]["max_epochs"] = str(epochs)
    if holdout is not None:
        cfg["training"]["holdout_docs"] = str(holdout)
    return cfg


def seed_all(seed: int) -> None:
    import torch

    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def held_out(names: Iterable[str], training: Mapping[str, str]) -> set[str]:
    """The held-out documents that choose epochs and settings (never dev): ``holdout_docs`` names
    after a shuffle seeded with ``split_seed`` (else ``seed``) of the config's training section."""
    order = sorted(names)
    random.Random(int(training.get("split_seed", training["seed"]))).shuffle(order)
    return set(order[: int(training["holdout_docs"])])


def tagger_params(
    state: Mapping[str, np.ndarray], categorical: Sequence[str], layers: int
) -> dict[str, np.ndarray]:
    """A torch tagger's state dict (embeddings, dense input layer, BiLSTM, output layer) under the
    names that ``onrecord.pipeline.learned.model.TaggerNet`` reads."""
    params = {f"emb_{c}": state[f"embs.{i}.weight"] for i, c in enumerate(categorical)}
    params["in_w"], params["in_b"] = state["inp.weight"], state["inp.bias"]
    for layer in range(layers):
        pre = "lstm" if layer == 0 else f"lstm{layer}"
        for d in ("", "_reverse"):
            for k in ("w_ih", "w_hh", "b_ih", "b_hh"):
                torch_name = f"lstm.{k.replace('w_', 'weight_').replace('b_', 'bias_')}_l{layer}{d}"
                params[f"{pre}_{k}{d}"] = state[torch_name]
    params["out_w"], params["out_b"] = state["out.weight"], state["out.bias"]
    return params


class TokenF1:
    """Token-level F1 per role (source, cue, content) of O/B/I predictions, counted batch by batch:
    a token belongs to a role when its tag is B or I; padding labels (< 0) are skipped."""

    def __init__(self) -> None:
        self.tp, self.npred, self.ngold = np.zeros(3), np.zeros(3), np.zeros(3)

    def add(self, pred: np.ndarray, labels: np.ndarray) -> None:
        """``pred`` and ``labels``: (chunks, tokens, 3 roles) tag indices."""
        valid = labels >= 0
        p, g = (pred > 0) & valid, (labels > 0) & valid
        self.tp += (p & g).sum(axis=(0, 1))
        self.npred += p.sum(axis=(0, 1))
        self.ngold += g.sum(axis=(0, 1))

    def result(self) -> dict[str, float]:
        f1 = 2 * self.tp / np.maximum(self.npred + self.ngold, 1)
        return {r: round(float(f1[i]), 4) for i, r in enumerate(("source", "cue", "content"))}
