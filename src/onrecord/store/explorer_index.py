"""The explorer's index: tables derived from the store at the end of every ingest, so that the
explorer's pages answer from one narrow, sorted table each instead of joining the big ones.

- ``quote_index``: one row per quote with what a search result shows (speaker, role, person,
  outlet, date, article, kind, source type, cluster), ``rank`` 1 = the newest; sorted by
  cluster, so a cluster's quotes lie together (a search reads every row anyway).
- ``person_index``: one row per attribution of a known person (its month, outlet, article and
  quote cluster), sorted by person, so a person's page reads a few row groups.
- ``person_quotes``: the quotes of known people (cluster, text, article, outlet, date), sorted by
  person, for a person's most carried quotes.
- ``band_index``: each quote band key (:mod:`onrecord.store.provenance`) with the distinct
  (cluster, normalised text) pairs that carry it, sorted by key, so the near-duplicate probe of a
  verify reads only the row groups of the probed keys.

Rebuilt whole (a few seconds per 100,000 articles); ``meta.explorer_seq`` records the articles
they cover, and the explorer refuses a store whose index is missing.
"""

from __future__ import annotations

import duckdb

QUOTE_INDEX_SQL = """
CREATE OR REPLACE TABLE quote_index AS
SELECT row_number() OVER (
           ORDER BY ar.published_date DESC NULLS LAST, ar.seq DESC, length(q.attribution_id), q.attribution_id
       ) AS rank,
       q.quote_id, q.cluster_id, q.text, q.norm, ' ' || q.norm || ' ' AS terms, coalesce(sp.name, q.speaker_name) AS speaker, sp.role,
       po.person_id, ar.outlet, ar.published, ar.published_date, ar.seq, ar.id AS article_id, ar.title,
       ar.url, ar.source, t.kind, t.source_type, q.speaker_norm, q.attribution_id
FROM quotes q
JOIN attributions t ON t.article_id = q.article_id AND t.id = q.attribution_id
JOIN articles ar ON ar.id = q.article_id
LEFT JOIN speakers sp ON sp.article_id = t.article_id AND sp.id = t.speaker_id
LEFT JOIN person_of po ON po.article_id = t.article_id AND po.speaker_id = t.speaker_id
ORDER BY cluster_id, rank
"""

PERSON_INDEX_SQL = """
CREATE OR REPLACE TABLE person_index AS
SELECT po.person_id, t.article_id, t.id AS attribution_id, strftime(ar.published_date, '%Y-%m') AS month,
       coalesce(ar.outlet, '(unknown)') AS outlet, ar.published, ar.seq
FROM person_of po
JOIN attributions t ON t.article_id = po.article_id AND t.speaker_id = po.speaker_id
JOIN articles ar ON ar.id = t.article_id
ORDER BY po.person_id, ar.seq
"""

PERSON_QUOTES_SQL = """
CREATE OR REPLACE TABLE person_quotes AS
SELECT person_id, cluster_id, text, seq, article_id, outlet, published
FROM quote_index WHERE person_id IS NOT NULL
ORDER BY person_id, cluster_id
"""

BAND_INDEX_SQL = """
CREATE OR REPLACE TABLE band_index AS
SELECT DISTINCT b.band, qi.cluster_id, qi.norm
FROM quote_bands b JOIN quote_index qi ON qi.quote_id = b.quote_id
ORDER BY b.band
"""

# an ART index: a verify probes a few dozen keys, each a point lookup (8 ms, not 20, per verify on
# a 102,000-article store: bench/explorer_load.py)
BAND_INDEX_KEY_SQL = "CREATE INDEX band_index_band ON band_index (band)"

TABLES = ("quote_index", "person_index", "person_quotes", "band_index")


def refresh_explorer_index(con: duckdb.DuckDBPyConnection) -> None:
    """Rebuild the explorer's tables (one transaction)."""
    con.begin()
    try:
        con.execute(QUOTE_INDEX_SQL)
        con.execute(PERSON_INDEX_SQL)
        con.execute(PERSON_QUOTES_SQL)
        con.execute(BAND_INDEX_SQL)
        con.execute(BAND_INDEX_KEY_SQL)
        con.execute(
            "INSERT OR REPLACE INTO meta SELECT 'explorer_seq', CAST(coalesce(max(seq), 0) AS VARCHAR) FROM articles"
        )
        con.commit()
    except BaseException:
        con.rollback()
        raise


def has_explorer_index(con: duckdb.DuckDBPyConnection) -> bool:
    names = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    return all(t in names for t in TABLES)
