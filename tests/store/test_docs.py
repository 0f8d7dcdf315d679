"""docs/store.md documents every table and column of the store."""

from __future__ import annotations

from pathlib import Path

import pytest

from onrecord.store.schema import COLUMNS, DERIVED_DDL

DOC = Path(__file__).resolve().parents[2] / "docs" / "store.md"


@pytest.mark.parametrize(
    ("table", "column"),
    [(t, c) for t, cols in COLUMNS.items() for c, _, _ in cols] + [(t, t) for t in DERIVED_DDL],
)
def test_documented(table: str, column: str) -> None:
    text = DOC.read_text(encoding="utf-8")
    assert f"`{table}`" in text and f"`{column}`" in text


@pytest.mark.parametrize("table", ["quote_index", "person_index", "band_index"])
def test_explorer_index_documented(table: str) -> None:
    from onrecord.store.explorer_index import TABLES

    assert table in TABLES and f"`{table}`" in DOC.read_text(encoding="utf-8")
