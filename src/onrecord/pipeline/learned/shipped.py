"""Weights files shipped inside the package (``onrecord/pipeline/models/*.npz``)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from onrecord.errors import ModelNotFoundError


def model_file(name: str, what: str, remedy: str) -> Path:
    """The path of ``models/<name>.npz``; a ModelNotFoundError saying ``remedy`` when it is missing."""
    path = Path(str(resources.files("onrecord.pipeline").joinpath("models", f"{name}.npz")))
    if not path.exists():
        raise ModelNotFoundError(
            f"{what} {name!r} are not installed (expected {path.name} in onrecord/pipeline/models); {remedy}"
        )
    return path
