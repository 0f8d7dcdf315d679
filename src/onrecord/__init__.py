"""onrecord: who said this, in what capacity, and on whose authority?

The public API is small: :func:`analyze` (one article) and :func:`analyze_many` (a stream),
both returning :class:`Report` objects; the data model lives in :mod:`onrecord.models`.
"""

from __future__ import annotations

__version__ = "0.1.0"

from onrecord.api import DEFAULT_MODEL, analyze, analyze_many  # noqa: E402
from onrecord.errors import InputError, ModelNotFoundError, OnrecordError  # noqa: E402
from onrecord.models import Article, Attribution, Report, Span, Speaker  # noqa: E402

__all__ = [
    "DEFAULT_MODEL",
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
