"""onrecord: who said this, in what capacity, and on whose authority?

The public API is small: :func:`analyze` (one article) and :func:`analyze_many` (a stream),
both returning :class:`Report` objects; the data model lives in :mod:`onrecord.models`.
Names load lazily, so ``import onrecord`` (and the CLI's start-up) does not import spaCy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from onrecord.api import DEFAULT_MODEL, Analyzer, analyze, analyze_many
    from onrecord.errors import InputError, ModelNotFoundError, OnrecordError
    from onrecord.models import Article, Attribution, Report, Span, Speaker

_LAZY = {
    "DEFAULT_MODEL": "onrecord.api",
    "Analyzer": "onrecord.api",
    "analyze": "onrecord.api",
    "analyze_many": "onrecord.api",
    "InputError": "onrecord.errors",
    "ModelNotFoundError": "onrecord.errors",
    "OnrecordError": "onrecord.errors",
    "Article": "onrecord.models",
    "Attribution": "onrecord.models",
    "Report": "onrecord.models",
    "Span": "onrecord.models",
    "Speaker": "onrecord.models",
}

__all__ = [
    "DEFAULT_MODEL",
    "Analyzer",
    "Article",
    "Attribution",
    "InputError",
    "ModelNotFoundError",
    "OnrecordError",
    "Report",
    "Span",
    "Speaker",
    "__version__",
    "analyze",
    "analyze_many",
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'onrecord' has no attribute {name!r}")
