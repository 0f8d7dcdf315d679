"""Read-side queries over the store, each returning a :class:`Result` (columns + rows).

Faces (the CLI, the web app) render results; these functions only ask DuckDB.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from onrecord.errors import StoreError, UsageError
from onrecord.settings import EXPORT_FORMATS
from onrecord.store.schema import COLUMNS

EXPORT_TABLES: tuple[str, ...] = (*COLUMNS, "people", "person_of")


@dataclass
class Result:
    columns: list[str]
    rows: list[tuple[Any, ...]] = field(default_factory=list)

    def records(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, r, strict=True)) for r in self.rows]


def _result(cur: duckdb.DuckDBPyConnection) -> Result:
    cols = [d[0] for d in (cur.description or [])]
    return Result(cols, [tuple(r) for r in cur.fetchall()])


def speakers(con: duckdb.DuckDBPyConnection, *, name: str | None = None, limit: int = 20) -> Result:
    """The most-quoted people across the corpus (one record per person, with the roles seen)."""
    pat = f"%{name}%" if name else None
    return _result(
        con.execute(
            "SELECT name, n_quotes AS quotes, n_articles AS articles, n_mentions AS mentions, "
            "array_to_string(roles, '; ') AS roles, array_to_string(names, '; ') AS names_seen, id AS person_id "
            "FROM people WHERE ?::VARCHAR IS NULL OR name ILIKE ? OR array_to_string(names, '|') ILIKE ? "
            "ORDER BY n_quotes DESC, n_articles DESC, name LIMIT ?",
            [pat, pat, pat, limit],
        )
    )


def quotes(
    con: duckdb.DuckDBPyConnection, *, speaker: str | None = None, kind: str | None = None, limit: int = 50
) -> Result:
    """Attributions, optionally of one speaker: ``speaker`` matches canonical names and any mention."""
    pat = f"%{speaker}%" if speaker else None
    return _result(
        con.execute(
            """
            SELECT coalesce(p.name, t.speaker_name) AS speaker, t.kind, t.source_type, t.content_text AS quote,
                   a.outlet, a.published, a.title, a.source, t.article_id, t.id AS attribution_id
            FROM attributions t
            JOIN articles a ON a.id = t.article_id
            LEFT JOIN person_of po ON po.article_id = t.article_id AND po.speaker_id = t.speaker_id
            LEFT JOIN people p ON p.id = po.person_id
            LEFT JOIN speakers s ON s.article_id = t.article_id AND s.id = t.speaker_id
            WHERE (?::VARCHAR IS NULL OR kind = ?)
              AND (?::VARCHAR IS NULL OR p.name ILIKE ? OR array_to_string(p.names, '|') ILIKE ?
                   OR s.name ILIKE ? OR s.mentions ILIKE ? OR t.source_text ILIKE ? OR t.speaker_name ILIKE ?)
            ORDER BY a.published_date NULLS LAST, a.seq, t.id
            LIMIT ?
            """,
            [kind, kind, pat, pat, pat, pat, pat, pat, pat, limit],
        )
    )


def sources(con: duckdb.DuckDBPyConnection, *, by: str = "outlet") -> Result:
    """The share of anonymous and vague sourcing per outlet or per month (attributions and sentences)."""
    keys = {
        "outlet": "coalesce(a.outlet, '(unknown)')",
        "month": "coalesce(strftime(a.published_date, '%Y-%m'), '(undated)')",
    }
    if by not in keys:
        raise UsageError(f"sources can be grouped by {' or '.join(keys)}, not {by!r}")
    key = keys[by]
    return _result(
        con.execute(
            f"""
            WITH att AS (
                SELECT {key} AS k, count(*) AS n,
                       count(*) FILTER (WHERE source_type = 'named') AS named,
                       count(*) FILTER (WHERE source_type = 'anonymous') AS anonymous,
                       count(*) FILTER (WHERE source_type = 'vague') AS vague
                FROM attributions t JOIN articles a ON a.id = t.article_id GROUP BY 1
            ), se AS (
                SELECT {key} AS k, count(*) AS n,
                       count(*) FILTER (WHERE sourcing IN ('anonymous', 'vague')) AS anon_vague
                FROM sentences s JOIN articles a ON a.id = s.article_id GROUP BY 1
            ), ar AS (SELECT {key} AS k, count(*) AS n FROM articles a GROUP BY 1)
            SELECT ar.k AS {by}, ar.n AS articles, coalesce(att.n, 0) AS attributions,
                   coalesce(att.named, 0) AS named, coalesce(att.anonymous, 0) AS anonymous,
                   coalesce(att.vague, 0) AS vague,
                   round(coalesce(att.anonymous / nullif(att.n, 0), 0), 3) AS share_anonymous,
                   round(coalesce(att.vague / nullif(att.n, 0), 0), 3) AS share_vague,
                   round(coalesce(se.anon_vague / nullif(se.n, 0), 0), 3) AS sentences_anon_vague_share
            FROM ar LEFT JOIN att ON att.k = ar.k LEFT JOIN se ON se.k = ar.k
            ORDER BY 1
            """
        )
    )


def sql(con: duckdb.DuckDBPyConnection, query: str) -> Result:
    """Any SQL over the store's tables (open the store read-only to keep it a query)."""
    try:
        return _result(con.execute(query))
    except duckdb.Error as exc:
        raise UsageError(f"the SQL did not run: {exc}") from exc


def export(con: duckdb.DuckDBPyConnection, out_dir: str | Path, fmt: str) -> list[Path]:
    """Write every table to ``out_dir/<table>.<ext>`` (parquet, jsonl or csv); returns the files."""
    if fmt not in EXPORT_FORMATS:
        raise UsageError(f"export formats are {', '.join(EXPORT_FORMATS)}, not {fmt!r}")
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"cannot create the export folder {out}: {exc}") from exc
    options = {"parquet": "FORMAT parquet", "jsonl": "FORMAT json", "csv": "FORMAT csv, HEADER"}[fmt]
    files = []
    for table in EXPORT_TABLES:
        path = out / f"{table}.{fmt}"
        quoted = str(path).replace("'", "''")
        order = "seq" if table == "articles" else "1"
        con.execute(f"COPY (SELECT * FROM {table} ORDER BY {order}) TO '{quoted}' ({options})")
        files.append(path)
    return files
