"""The DuckDB store: one file, one writer, whole articles per transaction.

``Store(path)`` opens (and creates) the database; ``write(rows)`` inserts the rows of a batch of
analysed articles in one transaction, skipping articles whose content hash is already stored, and
assigns quote clusters in that same transaction; ``merge_shards(dir)`` does the same for Parquet
shards written by Dask workers; ``refresh_people()`` recomputes the cross-article speaker table.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb
import pyarrow.parquet as pq

from onrecord.errors import StoreError
from onrecord.settings import DEFAULT_DB
from onrecord.store.provenance import assign_clusters
from onrecord.store.rows import Rows, empty_rows
from onrecord.store.schema import (
    ARTICLE_TABLES,
    COLUMNS,
    DERIVED_DDL,
    STORE_VERSION,
    column_names,
    ddl,
    to_arrow,
)


@dataclass
class WriteResult:
    written: int = 0
    skipped: int = 0
    errors: int = 0


class Store:
    """A DuckDB file holding the analysed corpus (see ``docs/store.md`` for the tables)."""

    def __init__(self, path: str | Path = DEFAULT_DB, *, read_only: bool = False) -> None:
        self.path = Path(path)
        if read_only and not self.path.exists():
            raise StoreError(
                f"no store at {self.path}; create one with `onrecord ingest SOURCES --db {self.path}`"
            )
        try:
            # DuckDB draws a progress bar on the terminal for long queries; a library never prints
            self.con = duckdb.connect(str(self.path), read_only=read_only)
            self.con.execute("SET enable_progress_bar = false")
        except duckdb.Error as exc:
            raise StoreError(
                f"cannot open the store {self.path}: {exc} (is another onrecord ingest writing to it? "
                "DuckDB allows one writing process at a time)"
            ) from exc
        self.read_only = read_only
        if not read_only:
            self._create()
        elif not self._has_table("articles"):
            raise StoreError(f"{self.path} is not an onrecord store (no articles table)")

    def _has_table(self, name: str) -> bool:
        return bool(
            self.scalar("SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [name])
        )

    def scalar(self, query: str, params: list[Any] | None = None) -> Any:
        """The first value of the first row of ``query`` (None when there is no row)."""
        rows = self.con.execute(query, params or []).fetchall()
        return rows[0][0] if rows else None

    def _create(self) -> None:
        for table in COLUMNS:
            self.con.execute(ddl(table))
        self._add_new_columns()
        for stmt in DERIVED_DDL.values():
            self.con.execute(stmt)
        self.con.execute("INSERT OR IGNORE INTO meta VALUES ('store_version', ?)", [STORE_VERSION])

    def _add_new_columns(self) -> None:
        """Give a store made by an earlier onrecord the columns added since (empty for its rows)."""
        have = set(
            self.con.execute("SELECT table_name, column_name FROM information_schema.columns").fetchall()
        )
        for table, cols in COLUMNS.items():
            for name, typ, _ in cols:
                if (table, name) not in have:
                    self.con.execute(f'ALTER TABLE {table} ADD COLUMN "{name}" {typ}')

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, et: type[BaseException] | None, ev: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    # -- reading -----------------------------------------------------------------------------
    def stored_ids(self, ids: Iterable[str]) -> set[str]:
        """Those of ``ids`` already in the store (a cheap key lookup: check before analysing)."""
        wanted = list(dict.fromkeys(ids))
        if not wanted:
            return set()
        rows = self.con.execute("SELECT id FROM articles WHERE id IN (SELECT unnest(?))", [wanted]).fetchall()
        return {r[0] for r in rows}

    def count(self, table: str) -> int:
        if table not in COLUMNS and table not in DERIVED_DDL:
            raise StoreError(f"no table {table!r}; the tables are {', '.join((*COLUMNS, *DERIVED_DDL))}")
        return int(self.scalar(f"SELECT count(*) FROM {table}"))

    # -- writing -----------------------------------------------------------------------------
    def _insert(self, table: str, rows: list[dict[str, Any]], *, replace: bool = False) -> None:
        if not rows:
            return
        cols = ", ".join(f'"{c}"' for c in column_names(table))
        self.con.register("_new_rows", to_arrow(table, rows))
        try:
            verb = "INSERT OR REPLACE" if replace else "INSERT"
            self.con.execute(f"{verb} INTO {table} ({cols}) SELECT {cols} FROM _new_rows")
        finally:
            self.con.unregister("_new_rows")

    def write(self, rows: Rows) -> WriteResult:
        """Insert a batch of whole articles (all their rows) and errors in one transaction."""
        if self.read_only:
            raise StoreError(f"{self.path} was opened read-only")
        result = WriteResult()
        self.con.begin()
        try:
            seen = self.stored_ids(r["id"] for r in rows["articles"])
            new_articles = []
            for r in rows["articles"]:
                if r["id"] in seen:
                    result.skipped += 1
                    continue
                seen.add(r["id"])
                new_articles.append(r)
            new_ids = {r["id"] for r in new_articles}
            if new_articles:
                seq = int(self.scalar("SELECT coalesce(max(seq), 0) FROM articles"))
                for i, r in enumerate(new_articles, 1):
                    r["seq"] = seq + i
                self._insert("articles", new_articles)
                for table in ARTICLE_TABLES[1:]:
                    keep = _unique(table, (r for r in rows.get(table, []) if r["article_id"] in new_ids))
                    if table == "quotes":
                        order = {r["id"]: r["seq"] for r in new_articles}
                        keep.sort(key=lambda q: order[q["article_id"]])
                        assign_clusters(self.con, keep)
                    self._insert(table, keep)
                sources = [r["source"] for r in new_articles]
                self.con.execute("DELETE FROM errors WHERE source IN (SELECT unnest(?))", [sources])
            errors = {e["source"]: e for e in rows.get("errors", [])}
            self._insert("errors", list(errors.values()), replace=True)
            result.errors = len(errors)
            result.written = len(new_articles)
            self.con.commit()
        except BaseException:
            self.con.rollback()
            raise
        return result

    def merge_partition(self, part: str | Path) -> WriteResult:
        """Merge one finished shard folder (``part-NNNNNN/`` with one Parquet file per table)."""
        part = Path(part)
        if not (part / "_SUCCESS").exists():
            raise StoreError(
                f"{part} is not a finished shard (no _SUCCESS marker); re-run the ingest to finish it"
            )
        rows = empty_rows()
        for table in rows:
            f = part / f"{table}.parquet"
            if f.exists():
                rows[table] = pq.read_table(f).to_pylist()
        return self.write(rows)

    def merge_shards(self, shard_dir: str | Path) -> WriteResult:
        """Merge every finished shard under ``shard_dir`` (already stored articles are skipped)."""
        total = WriteResult()
        root = Path(shard_dir)
        if not root.is_dir():
            raise StoreError(f"no shard folder at {root}")
        for part in sorted(p for p in root.iterdir() if (p / "_SUCCESS").exists()):
            r = self.merge_partition(part)
            total.written += r.written
            total.skipped += r.skipped
            total.errors += r.errors
        return total

    # -- people ------------------------------------------------------------------------------
    def people_stale(self) -> bool:
        built = self.scalar("SELECT value FROM meta WHERE key = 'people_seq'")
        latest = self.scalar("SELECT coalesce(max(seq), 0) FROM articles")
        return built is None or int(built) != int(latest)

    def explorer_stale(self) -> bool:
        """Whether the explorer's index is missing or older than the last article stored."""
        from onrecord.store.explorer_index import has_explorer_index

        if not has_explorer_index(self.con) or self.people_stale():
            return True
        built = self.scalar("SELECT value FROM meta WHERE key = 'explorer_seq'")
        return built is None or int(built) != int(self.scalar("SELECT coalesce(max(seq), 0) FROM articles"))

    def refresh_explorer(self) -> None:
        """Rebuild the explorer's index tables (:mod:`onrecord.store.explorer_index`)."""
        from onrecord.store.explorer_index import refresh_explorer_index

        refresh_explorer_index(self.con)

    def refresh_people(self) -> int:
        """Recompute ``people`` and ``person_of`` from all speakers; returns the number of people."""
        self.con.begin()
        try:
            self.con.execute("DELETE FROM person_of")
            self.con.execute("DELETE FROM people")
            self.con.execute(_PERSON_OF_SQL)
            self.con.execute(_PEOPLE_SQL)
            self.con.execute(
                "INSERT OR REPLACE INTO meta SELECT 'people_seq', CAST(coalesce(max(seq), 0) AS VARCHAR) FROM articles"
            )
            self.con.commit()
        except BaseException:
            self.con.rollback()
            raise
        return self.count("people")


# the identity of a row within its article: the same article analysed twice in one batch counts once
_ROW_KEYS: dict[str, tuple[str, ...]] = {
    "attributions": ("article_id", "id"),
    "speakers": ("article_id", "id"),
    "sentences": ("article_id", "idx"),
    "markers": ("article_id", "type", "start_char", "end_char"),
    "quotes": ("quote_id",),
}


def _unique(table: str, rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    cols = _ROW_KEYS[table]
    seen: set[tuple[Any, ...]] = set()
    out = []
    for r in rows:
        key = tuple(r[c] for c in cols)
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out


# A one-word name ("Pashinyan") joins the full name with that surname when exactly one is known.
_PERSON_OF_SQL = """
INSERT INTO person_of
WITH named AS (
    SELECT article_id, id, norm, surname, n_name_tokens FROM speakers WHERE norm IS NOT NULL AND norm <> ''
), fulls AS (
    SELECT surname, min(norm) AS norm, count(DISTINCT norm) AS k FROM named WHERE n_name_tokens >= 2 GROUP BY surname
)
SELECT n.article_id, n.id, CASE WHEN n.n_name_tokens = 1 AND f.k = 1 THEN f.norm ELSE n.norm END
FROM named n LEFT JOIN fulls f ON f.surname = n.surname
"""

_PEOPLE_SQL = """
INSERT INTO people
WITH q AS (
    SELECT po.person_id, count(*) AS n FROM attributions a
    JOIN person_of po ON po.article_id = a.article_id AND po.speaker_id = a.speaker_id GROUP BY 1
)
SELECT po.person_id,
       coalesce(mode(s.display) FILTER (WHERE s.norm = po.person_id), mode(s.display)),
       list_sort(list(DISTINCT s.name)),
       list_sort(list_distinct(flatten(list(s.roles)))),
       count(DISTINCT s.article_id), coalesce(any_value(q.n), 0), sum(s.n_mentions)
FROM person_of po
JOIN speakers s ON s.article_id = po.article_id AND s.id = po.speaker_id
LEFT JOIN q ON q.person_id = po.person_id
GROUP BY po.person_id
"""
