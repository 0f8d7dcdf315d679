"""Weights files shipped inside the package (``onrecord/pipeline/models/*.npz``)."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

from onrecord.errors import ModelNotFoundError


def model_file(name: str, what: str, remedy: str) -> Path:
    """The path of ``models/<name>.npz``; a ModelNotFoundError saying ``remedy`` when it is missing."""
    path = Path(str(resources.files("onrecord.pipeline").joinpath("models", f"{name}.npz")))
    if not path.exists():
        raise ModelNotFoundError(
            f"{what} {name!r} are not installed (expected {path.name} in onrecord/pipeline/models); {remedy}"
        )
    return path


def linear_model(file: str, features: tuple[str, ...], trainer: str) -> dict[str, Any]:
    """A shipped linear model ``models/<file>`` (JSON: ``features``, ``weights``, ``threshold`` …),
    checked against the ``features`` the code computes; ``trainer`` is the script that rebuilds it."""
    raw = resources.files("onrecord.pipeline").joinpath("models", file).read_text(encoding="utf-8")
    model: dict[str, Any] = json.loads(raw)
    if tuple(model["features"]) != features:
        raise ValueError(f"models/{file} was trained with other features; retrain with {trainer}")
    return model
