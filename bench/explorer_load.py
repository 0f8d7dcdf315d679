"""Load test of the corpus explorer on a large store, on loopback.

Two steps::

    python bench/explorer_load.py build --out /tmp/big.duckdb --copies 400
    python bench/explorer_load.py run --db /tmp/big.duckdb --requests 2000 --concurrency 16

``build`` analyses the real articles of ``../shared/data`` (the 181 article-extraction pages and
the PolNeAR texts) into a store, then multiplies it in SQL into ``--copies`` copies of every
article, each copy with its own id, a publication date spread over three years, one of 40
outlets, and one quote word in ten changed in a third of the copies (variants for verify). Quote
clusters, people and sourcing are those of the originals, as the store would compute them.

``run`` starts ``onrecord serve --db`` on a free loopback port and sends a bounded load
(``--requests`` at ``--concurrency``) of quote searches, verify requests and person pages drawn
from the store, then prints p50/p95/p99 latency, requests/s and errors per kind. Keep the store
out of the repository.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))
from _common import EXTRACTION, extraction_articles  # noqa: E402

SHARED = REPO / ".." / "shared" / "data"

OUTLETS = [f"outlet{i:02d}.example" for i in range(40)]


def _texts() -> list[dict[str, str]]:
    out = extraction_articles() if (EXTRACTION / "ground-truth.json").exists() else []
    for split in ("train", "dev"):
        folder = SHARED / "polnear" / split / "text"
        out += [{"text": p.read_text(encoding="utf-8"), "url": ""} for p in sorted(folder.glob("*.txt"))]
    if not out:
        sys.exit(f"no real articles under {SHARED}")
    return out


def build(args: argparse.Namespace) -> None:
    from onrecord.batch import ingest
    from onrecord.store import Store

    out = Path(args.out)
    base = out.with_suffix(".base.duckdb")
    if not base.exists():
        src = out.with_suffix(".jsonl")
        recs = _texts()[: args.articles]
        src.write_text("\n".join(json.dumps(r) for r in recs) + "\n", encoding="utf-8")
        t = time.perf_counter()
        ingest([str(src)], base, mode=args.mode)
        print(f"analysed {len(recs)} articles in {time.perf_counter() - t:.0f} s -> {base}")
    if out.exists():
        out.unlink()
    t = time.perf_counter()
    with Store(out) as store:
        con = store.con
        con.execute(f"ATTACH '{base}' AS b (READ_ONLY)")
        con.execute(f"CREATE TEMP TABLE k AS SELECT range AS k FROM range({args.copies})")
        outlets = ", ".join(f"'{o}'" for o in OUTLETS)
        con.execute(
            f"""
            INSERT INTO articles SELECT a.* REPLACE (
                a.id || '-' || k.k AS id, a.seq * {args.copies} + k.k AS seq,
                ([{outlets}])[1 + (hash(a.id || k.k) % 40)::INT] AS outlet,
                (DATE '2022-01-01' + INTERVAL (hash(k.k || a.id) % 1095) DAY)::DATE AS published_date,
                strftime(DATE '2022-01-01' + INTERVAL (hash(k.k || a.id) % 1095) DAY, '%Y-%m-%d') AS published)
            FROM b.articles a, k
            """
        )
        for table in ("attributions", "speakers", "sentences", "markers"):
            con.execute(
                f"INSERT INTO {table} SELECT t.* REPLACE (t.article_id || '-' || k.k AS article_id) "
                f"FROM b.{table} t, k"
            )
        con.execute(
            """
            INSERT INTO quotes SELECT q.* REPLACE (
                q.quote_id || '-' || k.k AS quote_id, q.article_id || '-' || k.k AS article_id,
                CASE WHEN k.k % 3 = 1 AND q.n_words > 5
                     THEN regexp_replace(q.norm, '^(\\S+ \\S+ \\S+) \\S+', '\\1 variant') ELSE q.norm END AS norm,
                CASE WHEN k.k % 3 = 1 AND q.n_words > 5
                     THEN regexp_replace(q.text, '^(\\S+ \\S+ \\S+) \\S+', '\\1 variant') ELSE q.text END AS text)
            FROM b.quotes q, k
            """
        )
        con.execute("INSERT INTO quote_bands SELECT band, quote_id || '-' || k.k FROM b.quote_bands, k")
        con.execute("DETACH b")
        store.refresh_people()
        n = store.count("articles")
    print(f"{n:,} articles in {out} ({out.stat().st_size / 1e9:.2f} GB) in {time.perf_counter() - t:.0f} s")


def _requests(db: str, n: int, seed: int = 7) -> list[tuple[str, str, dict[str, str]]]:
    import duckdb

    con = duckdb.connect(db, read_only=True)
    quotes = [
        r[0]
        for r in con.execute(
            "SELECT text FROM quotes USING SAMPLE reservoir(400 ROWS) REPEATABLE (7)"
        ).fetchall()
    ]
    people = [r[0] for r in con.execute("SELECT id FROM people ORDER BY n_quotes DESC LIMIT 200").fetchall()]
    con.close()
    rng = random.Random(seed)
    out: list[tuple[str, str, dict[str, str]]] = []
    for i in range(n):
        words = rng.choice(quotes).split()
        if i % 3 == 0:
            part = " ".join(words[: rng.randint(2, 4)])
            out.append(("search", "/api/quotes", {"q": part}))
        elif i % 3 == 1:
            out.append(("verify", "/api/verify", {"q": " ".join(words[:12])}))
        else:
            out.append(("person", "/api/people/" + rng.choice(people), {}))
    return out


async def _load(
    base: str, reqs: list[tuple[str, str, dict[str, str]]], concurrency: int
) -> dict[str, list[float]]:
    import httpx

    times: dict[str, list[float]] = {}
    errors: dict[str, int] = {}
    queue: asyncio.Queue[tuple[str, str, dict[str, str]]] = asyncio.Queue()
    for r in reqs:
        queue.put_nowait(r)

    async def worker(client: httpx.AsyncClient) -> None:
        while not queue.empty():
            kind, path, params = queue.get_nowait()
            t = time.perf_counter()
            try:
                res = await client.get(base + path, params=params, timeout=60)
                ok = res.status_code == 200
            except httpx.HTTPError:
                ok = False
            times.setdefault(kind, []).append(time.perf_counter() - t)
            if not ok:
                errors[kind] = errors.get(kind, 0) + 1

    async with httpx.AsyncClient() as client:
        await asyncio.gather(*(worker(client) for _ in range(concurrency)))
    times["_errors"] = [float(errors.get(k, 0)) for k in ("search", "verify", "person")]
    return times


def run(args: argparse.Namespace) -> None:
    from tests.web.serving import serving

    reqs = _requests(args.db, args.requests)
    with serving("--db", args.db) as base:
        asyncio.run(_load(base, reqs[:50], 4))  # warm-up
        t = time.perf_counter()
        times = asyncio.run(_load(base, reqs, args.concurrency))
        wall = time.perf_counter() - t
    errors = dict(zip(("search", "verify", "person"), times.pop("_errors"), strict=True))
    print(
        f"{len(reqs)} requests at concurrency {args.concurrency} in {wall:.1f} s ({len(reqs) / wall:.0f} req/s)"
    )
    print(f"{'kind':8} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>7}")
    for kind, ts in sorted(times.items()):
        q = statistics.quantiles(ts, n=100)
        print(
            f"{kind:8} {len(ts):5d} {q[49] * 1e3:8.0f} {q[94] * 1e3:8.0f} {q[98] * 1e3:8.0f} {errors[kind]:7.0f}"
        )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("build")
    b.add_argument("--out", required=True)
    b.add_argument("--copies", type=int, default=400)
    b.add_argument("--articles", type=int, default=0, help="real articles to analyse (0: all)")
    b.add_argument("--mode", default="fast")
    b.set_defaults(func=build)
    r = sub.add_parser("run")
    r.add_argument("--db", required=True)
    r.add_argument("--requests", type=int, default=2000)
    r.add_argument("--concurrency", type=int, default=16)
    r.set_defaults(func=run)
    args = ap.parse_args()
    if getattr(args, "articles", 1) == 0:
        args.articles = 10**9
    args.func(args)


if __name__ == "__main__":
    main()
