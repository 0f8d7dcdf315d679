"""The store's tables: one column list per table, from which the DuckDB DDL and the Arrow schema
(used for Parquet shards and for bulk inserts) are both made, so the two never drift apart.

Documented in ``docs/store.md``; ``STORE_VERSION`` is bumped when a table changes.
"""

from __future__ import annotations

import pyarrow as pa

STORE_VERSION = "1"

# (column, DuckDB type, Arrow type)
Column = tuple[str, str, pa.DataType]

_S, _I, _B = pa.string(), pa.int64(), pa.bool_()

COLUMNS: dict[str, list[Column]] = {
    "articles": [
        ("id", "VARCHAR", _S),
        ("seq", "BIGINT", _I),
        ("source", "VARCHAR", _S),
        ("title", "VARCHAR", _S),
        ("url", "VARCHAR", _S),
        ("site", "VARCHAR", _S),
        ("outlet", "VARCHAR", _S),
        ("authors", "VARCHAR[]", pa.list_(_S)),
        ("published", "VARCHAR", _S),
        ("published_date", "DATE", pa.date32()),
        ("language", "VARCHAR", _S),
        ("origin_path", "VARCHAR", _S),
        ("origin_url", "VARCHAR", _S),
        ("warc_record_id", "VARCHAR", _S),
        ("warc_offset", "BIGINT", _I),
        ("jsonl_line", "BIGINT", _I),
        ("text", "VARCHAR", _S),
        ("n_chars", "BIGINT", _I),
        ("n_words", "BIGINT", _I),
        ("n_sentences", "BIGINT", _I),
        ("n_attributions", "BIGINT", _I),
        ("verdict", "VARCHAR", _S),
        ("summary", "VARCHAR", _S),
        ("model", "VARCHAR", _S),
        ("onrecord_version", "VARCHAR", _S),
        ("ingested_at", "TIMESTAMP", pa.timestamp("us")),
    ],
    "attributions": [
        ("article_id", "VARCHAR", _S),
        ("id", "VARCHAR", _S),
        ("sentence", "BIGINT", _I),
        ("kind", "VARCHAR", _S),
        ("source_type", "VARCHAR", _S),
        ("hearsay", "BOOLEAN", _B),
        ("confidence", "DOUBLE", pa.float64()),
        ("source_start", "BIGINT", _I),
        ("source_end", "BIGINT", _I),
        ("source_text", "VARCHAR", _S),
        ("cue_start", "BIGINT", _I),
        ("cue_end", "BIGINT", _I),
        ("cue_text", "VARCHAR", _S),
        ("content_text", "VARCHAR", _S),
        ("content_spans", "VARCHAR", _S),
        ("speaker_id", "VARCHAR", _S),
        ("speaker_name", "VARCHAR", _S),
        ("speaker_confidence", "DOUBLE", pa.float64()),
        ("needs_review", "VARCHAR[]", pa.list_(_S)),
        ("act", "VARCHAR", _S),
        ("statement", "DOUBLE", pa.float64()),
        ("via_start", "BIGINT", _I),
        ("via_end", "BIGINT", _I),
        ("via_text", "VARCHAR", _S),
    ],
    "speakers": [
        ("article_id", "VARCHAR", _S),
        ("id", "VARCHAR", _S),
        ("name", "VARCHAR", _S),
        ("role", "VARCHAR", _S),
        ("organization", "VARCHAR", _S),
        ("type", "VARCHAR", _S),
        ("mentions", "VARCHAR", _S),
        ("n_mentions", "BIGINT", _I),
        ("norm", "VARCHAR", _S),
        ("display", "VARCHAR", _S),
        ("surname", "VARCHAR", _S),
        ("n_name_tokens", "BIGINT", _I),
        ("roles", "VARCHAR[]", pa.list_(_S)),
    ],
    "sentences": [
        ("article_id", "VARCHAR", _S),
        ("idx", "BIGINT", _I),
        ("start_char", "BIGINT", _I),
        ("end_char", "BIGINT", _I),
        ("text", "VARCHAR", _S),
        ("sourcing", "VARCHAR", _S),
        ("attributions", "VARCHAR[]", pa.list_(_S)),
    ],
    "markers": [
        ("article_id", "VARCHAR", _S),
        ("type", "VARCHAR", _S),
        ("start_char", "BIGINT", _I),
        ("end_char", "BIGINT", _I),
        ("text", "VARCHAR", _S),
        ("sentence", "BIGINT", _I),
    ],
    "quotes": [
        ("quote_id", "VARCHAR", _S),
        ("article_id", "VARCHAR", _S),
        ("attribution_id", "VARCHAR", _S),
        ("text", "VARCHAR", _S),
        ("norm", "VARCHAR", _S),
        ("n_words", "BIGINT", _I),
        ("speaker_name", "VARCHAR", _S),
        ("speaker_norm", "VARCHAR", _S),
        ("bands", "BIGINT[]", pa.list_(_I)),
        ("cluster_id", "VARCHAR", _S),
    ],
    "errors": [
        ("source", "VARCHAR", _S),
        ("reason", "VARCHAR", _S),
        ("stage", "VARCHAR", _S),
        ("seen_at", "TIMESTAMP", pa.timestamp("us")),
    ],
}

# tables written per article (in shards and by the writer), in insertion order
ARTICLE_TABLES: tuple[str, ...] = ("articles", "attributions", "speakers", "sentences", "markers", "quotes")
# tables the store derives itself (never in shards)
DERIVED_DDL: dict[str, str] = {
    "quote_bands": "CREATE TABLE IF NOT EXISTS quote_bands (band BIGINT, quote_id VARCHAR)",
    "people": (
        "CREATE TABLE IF NOT EXISTS people (id VARCHAR, name VARCHAR, names VARCHAR[], roles VARCHAR[], "
        "n_articles BIGINT, n_quotes BIGINT, n_mentions BIGINT)"
    ),
    "person_of": "CREATE TABLE IF NOT EXISTS person_of (article_id VARCHAR, speaker_id VARCHAR, person_id VARCHAR)",
    "meta": "CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)",
}
ALL_TABLES: tuple[str, ...] = (*COLUMNS, *DERIVED_DDL)

_KEYS = {"articles": "PRIMARY KEY (id)", "errors": "PRIMARY KEY (source)"}


def ddl(table: str) -> str:
    cols = [f'"{name}" {typ}' for name, typ, _ in COLUMNS[table]]
    if table in _KEYS:
        cols.append(_KEYS[table])
    return f"CREATE TABLE IF NOT EXISTS {table} ({', '.join(cols)})"


def arrow_schema(table: str) -> pa.Schema:
    return pa.schema([(name, typ) for name, _, typ in COLUMNS[table]])


def column_names(table: str) -> list[str]:
    return [name for name, _, _ in COLUMNS[table]]


def to_arrow(table: str, rows: list[dict[str, object]]) -> pa.Table:
    """Rows (dicts keyed by column) as an Arrow table with the table's exact schema."""
    return pa.Table.from_pylist(rows, schema=arrow_schema(table))
