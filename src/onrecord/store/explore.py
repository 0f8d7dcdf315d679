"""Read-only queries behind the corpus explorer (``onrecord serve --db``): quote search, people,
outlets and their sourcing. Each returns plain dicts and lists (JSON-ready), never HTML.

Quote search matches the quote's normalised words (:func:`onrecord.store.names.quote_words`):
every word of the query must be a word of the quote, in any order; filters narrow by speaker (a person
id or part of the credited name), outlet, publication dates, kind and source type.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import duckdb

from onrecord.errors import UsageError
from onrecord.store.names import quote_words
from onrecord.store.provenance import (
    ACCEPT_RATIO,
    MEMBER_COLUMNS,
    band_keys,
    describe_cluster,
    similarity,
)

PER_PAGE = 20
MAX_PER_PAGE = 200
KINDS = ("direct", "mixed")
SOURCE_TYPES = ("named", "anonymous", "vague", "none")

_QUOTES = """
SELECT quote_id, cluster_id, text, speaker, role, person_id, outlet, published, published_date, article_id,
       title, url, kind, source_type
FROM quote_index WHERE {where} ORDER BY rank LIMIT ? OFFSET ?
"""


def _page(page: int, per_page: int) -> tuple[int, int]:
    if page < 1:
        raise UsageError(f"page numbers start at 1, not {page}")
    if not 1 <= per_page <= MAX_PER_PAGE:
        raise UsageError(f"per_page is between 1 and {MAX_PER_PAGE}, not {per_page}")
    return page, per_page


def _date(value: str | None, name: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{name} is a date as YYYY-MM-DD, not {value!r}") from None


def search_quotes(
    con: duckdb.DuckDBPyConnection,
    q: str | None = None,
    *,
    speaker: str | None = None,
    outlet: str | None = None,
    since: str | None = None,
    until: str | None = None,
    kind: str | None = None,
    source_type: str | None = None,
    page: int = 1,
    per_page: int = PER_PAGE,
) -> dict[str, Any]:
    """Quotes matching ``q`` and the filters, newest first, one page of them with the total."""
    page, per_page = _page(page, per_page)
    where: list[str] = ["true"]
    params: list[Any] = []
    for word in quote_words(q or ""):
        where.append("contains(terms, ?)")  # whole words: "land" is not in "island"
        params.append(f" {word} ")
    if speaker:
        where.append("(person_id = ? OR speaker ILIKE ?)")
        params += [speaker, f"%{speaker}%"]
    if outlet:
        where.append("outlet = ?")
        params.append(outlet)
    for value, op, name in ((since, ">=", "since"), (until, "<=", "until")):
        day = _date(value, name)
        if day is not None:
            where.append(f"published_date {op} ?")
            params.append(day)
    if kind:
        if kind not in KINDS:
            raise UsageError(f"kind is one of {', '.join(KINDS)}, not {kind!r}")
        where.append("kind = ?")
        params.append(kind)
    if source_type:
        if source_type not in SOURCE_TYPES:
            raise UsageError(f"source_type is one of {', '.join(SOURCE_TYPES)}, not {source_type!r}")
        where.append("source_type = ?")
        params.append(source_type)
    cond = " AND ".join(where)
    cur = con.execute(_QUOTES.format(where=cond), [*params, per_page, (page - 1) * per_page])
    cols = [d[0] for d in cur.description]
    rows = [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]
    if page == 1 and len(rows) < per_page:
        total = len(rows)
    else:
        count = con.execute(f"SELECT count(*) FROM quote_index WHERE {cond}", params).fetchone()
        total = int(count[0]) if count else 0
    for r in rows:
        r["published_date"] = r["published_date"].isoformat() if r["published_date"] else None
    return {"q": q or "", "total": total, "page": page, "per_page": per_page, "results": rows}


def people(
    con: duckdb.DuckDBPyConnection, q: str | None = None, *, page: int = 1, per_page: int = PER_PAGE
) -> dict[str, Any]:
    """People across the corpus, most quoted first; ``q`` matches any of their names."""
    page, per_page = _page(page, per_page)
    where, params = "true", []
    if q:
        where = "(name ILIKE ? OR array_to_string(names, chr(10)) ILIKE ?)"
        params = [f"%{q}%", f"%{q}%"]
    cur = con.execute(
        f"SELECT id, name, names, roles, n_articles, n_quotes, n_mentions, count(*) OVER () AS total "
        f"FROM people WHERE {where} ORDER BY n_quotes DESC, n_articles DESC, name LIMIT ? OFFSET ?",
        [*params, per_page, (page - 1) * per_page],
    )
    cols = [d[0] for d in cur.description]
    rows = [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]
    total = rows[0]["total"] if rows else 0
    for r in rows:
        r.pop("total")
        r["names"], r["roles"] = list(r["names"] or []), list(r["roles"] or [])
    return {"q": q or "", "total": total, "page": page, "per_page": per_page, "results": rows}


def person(con: duckdb.DuckDBPyConnection, person_id: str, *, top: int = 10) -> dict[str, Any] | None:
    """One person: names and roles seen, attributions per month, outlets quoting them and their
    most-carried quotes (clusters by the number of articles carrying them). None if unknown."""
    row = con.execute(
        "SELECT id, name, names, roles, n_articles, n_quotes, n_mentions FROM people WHERE id = ?",
        [person_id],
    ).fetchone()
    if row is None:
        return None
    cols = ["id", "name", "names", "roles", "n_articles", "n_quotes", "n_mentions"]
    out: dict[str, Any] = dict(zip(cols, row, strict=True))
    out["names"], out["roles"] = list(out["names"] or []), list(out["roles"] or [])
    out["months"] = [
        {"month": m, "attributions": n}
        for m, n in con.execute(
            "SELECT month, count(*) FROM person_index WHERE person_id = ? AND month IS NOT NULL "
            "GROUP BY 1 ORDER BY 1",
            [person_id],
        ).fetchall()
    ]
    out["outlets"] = [
        {"outlet": o, "articles": a, "attributions": n}
        for o, a, n in con.execute(
            "SELECT outlet, count(DISTINCT article_id), count(*) FROM person_index WHERE person_id = ? "
            "GROUP BY 1 ORDER BY 3 DESC, 1",
            [person_id],
        ).fetchall()
    ]
    out["quotes"] = [
        {"cluster_id": c, "text": text, "articles": n, "outlets": o, "first_published": first}
        for c, text, n, o, first in con.execute(
            """
            SELECT cluster_id, arg_min(text, seq), count(DISTINCT article_id) n, count(DISTINCT outlet),
                   min(published)
            FROM person_quotes WHERE person_id = ? GROUP BY 1 ORDER BY n DESC, 1 LIMIT ?
            """,
            [person_id, top],
        ).fetchall()
    ]
    return out


_SOURCING = """
SELECT {key} AS k, count(*) AS attributions,
       count(*) FILTER (WHERE t.source_type = 'named') AS named,
       count(*) FILTER (WHERE t.source_type = 'anonymous') AS anonymous,
       count(*) FILTER (WHERE t.source_type = 'vague') AS vague,
       count(*) FILTER (WHERE t.source_type NOT IN ('named', 'anonymous', 'vague')) AS other,
       count(*) FILTER (WHERE t.hearsay) AS hearsay
FROM attributions t JOIN articles ar ON ar.id = t.article_id {where} GROUP BY 1
"""
_SENTENCES = """
SELECT {key} AS k, count(*) FILTER (WHERE s.sourcing = 'editorial') AS editorial
FROM sentences s JOIN articles ar ON ar.id = s.article_id {where} GROUP BY 1
"""
_OUTLET = "coalesce(ar.outlet, '(unknown)')"
_MONTH = "coalesce(strftime(ar.published_date, '%Y-%m'), '(undated)')"


def _sourcing(
    con: duckdb.DuckDBPyConnection, key: str, where: str, params: list[Any]
) -> list[dict[str, Any]]:
    articles = dict(
        con.execute(f"SELECT {key}, count(*) FROM articles ar {where} GROUP BY 1", params).fetchall()
    )
    editorial = dict(con.execute(_SENTENCES.format(key=key, where=where), params).fetchall())
    cur = con.execute(_SOURCING.format(key=key, where=where), params)
    cols = [d[0] for d in cur.description]
    stats = {r[0]: dict(zip(cols[1:], r[1:], strict=True)) for r in cur.fetchall()}
    out = []
    for k in sorted(articles):
        s = stats.get(k, dict.fromkeys(cols[1:], 0))
        n = s["attributions"]
        out.append(
            {
                "key": k,
                "articles": articles[k],
                **s,
                "editorial_sentences": editorial.get(k, 0),
                **{f"share_{t}": round(s[t] / n, 3) if n else 0.0 for t in ("named", "anonymous", "vague")},
            }
        )
    return out


def outlets(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """Per outlet: articles, attributions by source type (counts and shares), hearsay, editorial."""
    return [dict(r, outlet=r.pop("key")) for r in _sourcing(con, _OUTLET, "", [])]


def outlet(con: duckdb.DuckDBPyConnection, name: str, *, top: int = 10) -> dict[str, Any] | None:
    """One outlet: its sourcing figures, per month, and its most-quoted people. None if unknown."""
    where = f"WHERE {_OUTLET} = ?"
    total = _sourcing(con, _OUTLET, where, [name])
    if not total:
        return None
    months = [dict(r, month=r.pop("key")) for r in _sourcing(con, _MONTH, where, [name])]
    top_people = [
        {"person_id": p, "name": n, "attributions": c}
        for p, n, c in con.execute(
            f"""
            SELECT po.person_id, any_value(pe.name), count(*) c
            FROM attributions t JOIN articles ar ON ar.id = t.article_id
            JOIN person_of po ON po.article_id = t.article_id AND po.speaker_id = t.speaker_id
            JOIN people pe ON pe.id = po.person_id
            {where} GROUP BY 1 ORDER BY c DESC, 2 LIMIT ?
            """,
            [name, top],
        ).fetchall()
    ]
    figures = dict(total[0])
    figures.pop("key")
    return {"outlet": name, **figures, "months": months, "people": top_people}


def article_links(con: duckdb.DuckDBPyConnection, article_id: str) -> dict[str, dict[str, str | None]]:
    """For each attribution of an article: its quote cluster and the person credited (ids or None)."""
    rows = con.execute(
        """
        SELECT t.id, q.cluster_id, po.person_id
        FROM attributions t
        LEFT JOIN quotes q ON q.article_id = t.article_id AND q.attribution_id = t.id
        LEFT JOIN person_of po ON po.article_id = t.article_id AND po.speaker_id = t.speaker_id
        WHERE t.article_id = ?
        """,
        [article_id],
    ).fetchall()
    return {aid: {"cluster_id": c, "person_id": p} for aid, c, p in rows}


_MEMBERS = """
SELECT quote_id, article_id, attribution_id, text, norm, speaker, speaker_norm, outlet, published, seq, title,
       url, source
FROM quote_index WHERE cluster_id = ? ORDER BY published_date NULLS LAST, seq, attribution_id
"""


def cluster(con: duckdb.DuckDBPyConnection, cluster_id: str) -> dict[str, Any]:
    """One quote cluster: earliest appearance, outlets, each variant diffed against the earliest."""
    rows = con.execute(_MEMBERS, [cluster_id]).fetchall()
    return describe_cluster(cluster_id, [dict(zip(MEMBER_COLUMNS, r, strict=True)) for r in rows])


def verify(con: duckdb.DuckDBPyConnection, text: str, *, limit: int = 5) -> list[dict[str, Any]]:
    """The clusters whose quotes match ``text`` (near-duplicate or containing it), best first, each
    with its match score: :func:`onrecord.store.provenance.find_clusters` over the explorer's index."""
    words = quote_words(text)
    if not words:
        return []
    cands = con.execute(
        """
        SELECT DISTINCT cluster_id, norm FROM band_index WHERE band IN (SELECT unnest(?))
        UNION
        SELECT * FROM (SELECT DISTINCT cluster_id, norm FROM quote_index WHERE contains(norm, ?) LIMIT 200)
        """,
        [band_keys(words), " ".join(words)],
    ).fetchall()
    best: dict[str, float] = {}
    for cid, norm in cands:
        score = similarity(words, norm.split())
        if score >= ACCEPT_RATIO and score > best.get(cid, 0.0):
            best[cid] = score
    ranked = sorted(best, key=lambda c: (-best[c], c))[:limit]
    return [dict(cluster(con, cid), score=round(best[cid], 3)) for cid in ranked]
