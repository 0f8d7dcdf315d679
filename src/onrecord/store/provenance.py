"""Quote provenance: the same quote carried by several articles is one cluster.

Each quote's content words get a MinHash signature (datasketch); the signature is cut into
``BANDS`` bands of ``ROWS`` values, each band hashed to one 64-bit key (classic LSH banding), plus
one key for the exact normalised text. The keys live in the ``quote_bands`` table, so finding
the candidates for a new quote is one join on the keys of the batch, never a pairwise pass over
the corpus. Candidates are confirmed with a word-level alignment (``difflib``); a new quote joins
the cluster of its best confirmed candidate, else starts its own. Clusters are assigned
incrementally, in the same transaction that writes the article.
"""

from __future__ import annotations

import hashlib
import inspect
from collections import defaultdict
from difflib import SequenceMatcher
from typing import Any

import duckdb
import pyarrow as pa
from datasketch import MinHash

from onrecord.store.names import content_words, quote_words

NUM_PERM, BANDS, ROWS, SEED = 64, 32, 2, 7
ACCEPT_RATIO, ACCEPT_CONTAINMENT, MIN_CONTAINED_WORDS = 0.6, 0.85, 4
MAX_CANDIDATES = 30
PER_CLUSTER = 3  # members of one cluster compared per band
# datasketch >= 2 names its permutation scheme; pin it so stored band keys stay comparable
_SCHEME: dict[str, Any] = {"scheme": "affine32"} if "scheme" in inspect.signature(MinHash).parameters else {}
_TEMPLATE = MinHash(num_perm=NUM_PERM, seed=SEED, **_SCHEME)


def _key(tag: bytes, data: bytes) -> int:
    return int.from_bytes(
        hashlib.blake2b(data, digest_size=8, person=tag.ljust(16, b"\0")[:16]).digest(), "big", signed=True
    )


def band_keys(words: list[str]) -> list[int]:
    """The LSH keys of a quote (normalised words): one per band, plus one for the exact text."""
    keys = [_key(b"exact", " ".join(words).encode())]
    cw = content_words(words)
    if len(cw) < 3:
        return keys
    mh = MinHash(num_perm=NUM_PERM, seed=SEED, permutations=_TEMPLATE.permutations, **_SCHEME)
    mh.update_batch([w.encode() for w in set(cw)])
    hv = mh.hashvalues
    for b in range(BANDS):
        keys.append(_key(b"band%d" % b, hv[b * ROWS : (b + 1) * ROWS].tobytes()))
    return keys


def similarity(a: list[str], b: list[str]) -> float:
    """How surely two word lists are the same quote: alignment ratio, or containment of the shorter."""
    if not a or not b:
        return 0.0
    sm = SequenceMatcher(None, a, b, autojunk=False)
    ratio = sm.ratio()
    shorter = min(len(a), len(b))
    if shorter >= MIN_CONTAINED_WORDS:
        matched = sum(m.size for m in sm.get_matching_blocks())
        if matched / shorter >= ACCEPT_CONTAINMENT:
            return max(ratio, ACCEPT_RATIO + (1 - ACCEPT_RATIO) * matched / shorter / 2)
    return ratio


def _candidates(con: duckdb.DuckDBPyConnection, keys: set[int]) -> dict[int, list[tuple[str, str, str]]]:
    """band key -> [(quote_id, cluster_id, norm)] of stored quotes sharing it."""
    out: dict[int, list[tuple[str, str, str]]] = defaultdict(list)
    if not keys:
        return out
    probe = pa.table({"band": pa.array(sorted(keys), pa.int64())})
    con.register("_probe_bands", probe)
    try:
        # a few members per cluster and band are enough to join a cluster: a quote carried by
        # thousands of articles must not make every later batch read all of them
        rows = con.execute(
            "SELECT b.band, q.quote_id, q.cluster_id, q.norm FROM quote_bands b "
            "JOIN _probe_bands p ON p.band = b.band JOIN quotes q ON q.quote_id = b.quote_id "
            "QUALIFY row_number() OVER (PARTITION BY b.band, q.cluster_id ORDER BY q.quote_id) <= ?",
            [PER_CLUSTER],
        ).fetchall()
    finally:
        con.unregister("_probe_bands")
    for band, qid, cid, norm in rows:
        out[band].append((qid, cid, norm))
    return out


def assign_clusters(con: duckdb.DuckDBPyConnection, quotes: list[dict[str, Any]]) -> None:
    """Set ``cluster_id`` on new quote rows (in ingest order) and write their band keys."""
    if not quotes:
        return
    index = _candidates(con, {k for q in quotes for k in q["bands"]})
    band_rows: dict[str, list[Any]] = {"band": [], "quote_id": []}
    for q in quotes:
        words = q["norm"].split()
        shared: dict[str, int] = defaultdict(int)
        info: dict[str, tuple[str, str]] = {}
        for k in q["bands"]:
            for qid, cid, norm in index.get(k, ()):
                shared[qid] += 1
                info[qid] = (cid, norm)
        best, best_score = None, 0.0
        for qid in sorted(shared, key=lambda i: -shared[i])[:MAX_CANDIDATES]:
            cid, norm = info[qid]
            score = similarity(words, norm.split())
            if score > best_score:
                best, best_score = cid, score
        q["cluster_id"] = best if best is not None and best_score >= ACCEPT_RATIO else q["quote_id"]
        for k in q["bands"]:
            members = index[k]
            if sum(1 for m in members if m[1] == q["cluster_id"]) < PER_CLUSTER:
                members.append((q["quote_id"], q["cluster_id"], q["norm"]))
            band_rows["band"].append(k)
            band_rows["quote_id"].append(q["quote_id"])
    tbl = pa.table(
        {
            "band": pa.array(band_rows["band"], pa.int64()),
            "quote_id": pa.array(band_rows["quote_id"], pa.string()),
        }
    )
    con.register("_new_bands", tbl)
    try:
        con.execute("INSERT INTO quote_bands SELECT band, quote_id FROM _new_bands")
    finally:
        con.unregister("_new_bands")


def _same_speaker(a: str | None, b: str | None) -> bool:
    if a == b:
        return True
    if not a or not b:
        return False
    return a.split()[-1] == b.split()[-1]


def word_diff(base: str, other: str) -> tuple[str, list[dict[str, str]]]:
    """A word-level difference: ('trimmed'|'extended'|'misquote'|'exact', [{op, from, to}])."""
    bt, ot = base.split(), other.split()
    bk = [" ".join(quote_words(t)) for t in bt]
    ok = [" ".join(quote_words(t)) for t in ot]
    ops: list[dict[str, str]] = []
    kinds: set[str] = set()
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, bk, ok, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        kinds.add(tag)
        ops.append({"op": tag, "from": " ".join(bt[i1:i2]), "to": " ".join(ot[j1:j2])})
    if not kinds:
        return "exact", ops
    if kinds == {"delete"}:
        return "trimmed", ops
    if kinds == {"insert"}:
        return "extended", ops
    return "misquote", ops


def diff_segments(base: str, other: str) -> list[tuple[str, str]]:
    """``other`` against ``base`` word by word: ("equal" | "removed" | "added", words), in order."""
    bt, ot = base.split(), other.split()
    bk = [" ".join(quote_words(t)) for t in bt]
    ok = [" ".join(quote_words(t)) for t in ot]
    out: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, bk, ok, autojunk=False).get_opcodes():
        if tag == "equal":
            out.append(("equal", " ".join(ot[j1:j2])))
            continue
        if i2 > i1:
            out.append(("removed", " ".join(bt[i1:i2])))
        if j2 > j1:
            out.append(("added", " ".join(ot[j1:j2])))
    return out


def diff_text(ops: list[dict[str, str]], base: str, other: str) -> str:
    """``other`` with the words removed from ``base`` as [-…-] and the words added as {+…+}."""
    marks = {"equal": "{}", "removed": "[-{}-]", "added": "{{+{}+}}"}
    return " ".join(marks[tag].format(words) for tag, words in diff_segments(base, other))


MEMBER_COLUMNS = [
    "quote_id",
    "article_id",
    "attribution_id",
    "text",
    "norm",
    "speaker",
    "speaker_norm",
    "outlet",
    "published",
    "seq",
    "title",
    "url",
    "source",
]
"""The columns of a cluster member, in the order of ``_CLUSTER_SQL``, as :func:`describe_cluster` reads them."""

_CLUSTER_SQL = """
SELECT q.quote_id, q.article_id, q.attribution_id, q.text, q.norm, q.speaker_name, q.speaker_norm,
       a.outlet, a.published, a.seq, a.title, a.url, a.source
FROM quotes q JOIN articles a ON a.id = q.article_id
WHERE q.cluster_id = ? ORDER BY a.published_date NULLS LAST, a.seq, q.attribution_id
"""


def cluster_detail(con: duckdb.DuckDBPyConnection, cluster_id: str) -> dict[str, Any]:
    """One cluster: its earliest appearance, the outlets that carried it, and each variant's diff."""
    rows = con.execute(_CLUSTER_SQL, [cluster_id]).fetchall()
    members = [dict(zip(MEMBER_COLUMNS, r, strict=True)) for r in rows]
    return describe_cluster(cluster_id, members)


def describe_cluster(cluster_id: str, members: list[dict[str, Any]]) -> dict[str, Any]:
    """A cluster from its members, earliest first (each a dict of the columns of ``_CLUSTER_SQL``):
    its earliest appearance, the outlets that carried it, and each variant's diff."""
    if not members:
        return {"cluster_id": cluster_id, "quotes": 0}
    first = members[0]
    variants = []
    diffs: dict[str, tuple[str, list[dict[str, str]], str, list[tuple[str, str]]]] = {}
    for m in members:
        if m["text"] not in diffs:  # a quote carried by many articles has few distinct texts
            kind, ops = word_diff(first["text"], m["text"])
            segments = diff_segments(first["text"], m["text"])
            diffs[m["text"]] = (kind, ops, diff_text(ops, first["text"], m["text"]), segments)
        kind, ops, as_text, segments = diffs[m["text"]]
        flags = [] if m is first else [kind]
        if m is not first and not _same_speaker(first["speaker_norm"], m["speaker_norm"]):
            flags.append("different speaker credited")
        variants.append(
            {
                "quote_id": m["quote_id"],
                "article_id": m["article_id"],
                "outlet": m["outlet"],
                "published": m["published"],
                "source": m["source"],
                "speaker": m["speaker"],
                "text": m["text"],
                "earliest": m is first,
                "kinds": flags,
                "diff": ops,
                "diff_text": as_text,
                "segments": segments,
            }
        )
    outlets = sorted({m["outlet"] or "(unknown)" for m in members})
    return {
        "cluster_id": cluster_id,
        "text": first["text"],
        "speaker": first["speaker"],
        "earliest": {
            k: first[k] for k in ("article_id", "outlet", "published", "seq", "title", "url", "source")
        },
        "articles": len({m["article_id"] for m in members}),
        "outlets": outlets,
        "speakers": sorted({m["speaker"] or "(unattributed)" for m in members}),
        "quotes": len(members),
        "variants": variants,
    }


def find_clusters(con: duckdb.DuckDBPyConnection, text: str, *, limit: int = 5) -> list[dict[str, Any]]:
    """The clusters whose quotes match ``text`` (near-duplicate or containing it), best first."""
    words = quote_words(text)
    if not words:
        return []
    index = _candidates(con, set(band_keys(words)))
    cands = {(qid, cid, norm) for hits in index.values() for qid, cid, norm in hits}
    needle = " ".join(words)
    cands.update(
        con.execute(
            "SELECT quote_id, cluster_id, norm FROM quotes WHERE contains(norm, ?) LIMIT 200", [needle]
        ).fetchall()
    )
    best: dict[str, float] = {}
    for _qid, cid, norm in cands:
        score = similarity(words, norm.split())
        if score >= ACCEPT_RATIO and score > best.get(cid, 0.0):
            best[cid] = score
    ranked = sorted(best, key=lambda c: -best[c])[:limit]
    return [dict(cluster_detail(con, cid), score=round(best[cid], 3)) for cid in ranked]


def top_clusters(con: duckdb.DuckDBPyConnection, *, limit: int = 20) -> list[dict[str, Any]]:
    """The clusters carried by the most articles (those seen in more than one article)."""
    rows = con.execute(
        "SELECT cluster_id, count(DISTINCT article_id) n FROM quotes GROUP BY cluster_id HAVING n > 1 "
        "ORDER BY n DESC, cluster_id LIMIT ?",
        [limit],
    ).fetchall()
    return [cluster_detail(con, cid) for cid, _ in rows]
