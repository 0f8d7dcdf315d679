"""The corpus store: DuckDB tables of analysed articles, queries, exports and quote provenance.

Knows the data model and DuckDB, never the pipeline: it stores :class:`onrecord.models.Report`
objects made elsewhere. ``Store`` writes and reads; ``report_rows`` turns a Report into rows;
``query`` and ``provenance`` read; ``stored_reports`` reads stored articles back as Reports.
"""

from __future__ import annotations

from onrecord.settings import DEFAULT_DB, EXPORT_FORMATS
from onrecord.store.db import Store, WriteResult
from onrecord.store.provenance import cluster_detail, find_clusters, top_clusters
from onrecord.store.query import Result, export, quotes, sources, speakers, sql
from onrecord.store.reports import stored_reports
from onrecord.store.rows import Rows, empty_rows, error_row, report_rows
from onrecord.store.schema import ALL_TABLES, COLUMNS, STORE_VERSION

__all__ = [
    "ALL_TABLES",
    "COLUMNS",
    "DEFAULT_DB",
    "EXPORT_FORMATS",
    "STORE_VERSION",
    "Result",
    "Rows",
    "Store",
    "WriteResult",
    "cluster_detail",
    "empty_rows",
    "error_row",
    "export",
    "find_clusters",
    "quotes",
    "report_rows",
    "sources",
    "speakers",
    "sql",
    "stored_reports",
    "top_clusters",
]
