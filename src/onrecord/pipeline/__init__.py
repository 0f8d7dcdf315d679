"""The analysis pipeline: a spaCy pipeline plus onrecord's component, and the Doc -> Report step.

``load(model)`` returns the pipeline (cached per process and model name); ``doc_to_report``
turns an analysed Doc into the :class:`onrecord.models.Report` the rest of onrecord uses. Names
load lazily, so that reading a record back (:mod:`onrecord.pipeline.types`) loads no component.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from onrecord.pipeline.assemble import doc_to_report
    from onrecord.pipeline.loading import load
    from onrecord.settings import DEFAULT_MODEL, MODES

__all__ = ["DEFAULT_MODEL", "MODES", "doc_to_report", "load"]

_LAZY = {
    "DEFAULT_MODEL": "onrecord.settings",
    "MODES": "onrecord.settings",
    "doc_to_report": "onrecord.pipeline.assemble",
    "load": "onrecord.pipeline.loading",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
