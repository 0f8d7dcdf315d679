"""Load test of the web app's analyses, on loopback: a steady load, then a burst past its limits.

    python bench/web_load.py                       # 300 requests at concurrency 8, then 100 at 32
    python bench/web_load.py --requests 300 --concurrency 8 --burst-requests 100 --burst-concurrency 32 \\
        --max-concurrent 2 --wait 5

Starts ``onrecord serve`` on a free loopback port (with the limit options given here), then POSTs
the real articles of ``../shared/data/article-extraction/ground-truth.json`` (their
``articleBody``, read there) as ``{"text": ...}`` to ``/api/analyze``: first ``--requests`` at
``--concurrency``, then ``--burst-requests`` at ``--burst-concurrency``. During each phase a
separate thread asks ``/healthz`` every ``--healthz-every`` seconds. Prints, per phase: requests/s,
latency of the answered (200) requests p50/p95/p99, responses by status, client timeouts, how
fast the refused ones (503/429) were refused, and ``/healthz`` latency.

Exits 1 unless the steady phase has no 5xx and no timeout, and the burst has no 5xx but the
refusals (503), no timeout, every refusal within ``--wait`` + 1 s and ``/healthz`` p95 under 200 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))
from _common import extraction_articles, percentile  # noqa: E402

REFUSED = (429, 503)
HEALTHZ_P95_MS = 200.0


@dataclass
class Phase:
    """What one phase measured: each request's status (0: no answer) and seconds, /healthz's."""

    name: str
    concurrency: int
    wall_s: float = 0.0
    results: list[tuple[int, float]] = field(default_factory=list)
    timeouts: int = 0
    errors: int = 0
    healthz: list[float] = field(default_factory=list)
    healthz_failed: int = 0

    def seconds(self, statuses: tuple[int, ...]) -> list[float]:
        return [s for code, s in self.results if code in statuses]

    @property
    def codes(self) -> Counter[int]:
        return Counter(code for code, _ in self.results if code)

    @property
    def server_errors(self) -> int:
        """5xx answers other than the refusals of a busy server."""
        return sum(n for code, n in self.codes.items() if code >= 500 and code not in REFUSED)


def _poll_healthz(base: str, every: float, phase: Phase, stop: threading.Event) -> None:
    import httpx

    with httpx.Client(timeout=10) as client:
        while not stop.is_set():
            t = time.perf_counter()
            try:
                ok = client.get(base + "/healthz").text == "ok"
            except httpx.HTTPError:
                ok = False
            took = time.perf_counter() - t
            phase.healthz.append(took)
            phase.healthz_failed += not ok
            stop.wait(max(0.0, every - took))


async def _load(base: str, texts: list[str], phase: Phase, mode: str, timeout: float) -> None:
    import httpx

    queue: asyncio.Queue[str] = asyncio.Queue()
    for t in texts:
        queue.put_nowait(t)

    async def worker(client: httpx.AsyncClient) -> None:
        while not queue.empty():
            text = queue.get_nowait()
            t = time.perf_counter()
            code = 0
            try:
                res = await client.post(base + "/api/analyze", json={"text": text, "mode": mode})
                code = res.status_code
            except httpx.TimeoutException:
                phase.timeouts += 1
            except httpx.HTTPError:
                phase.errors += 1
            phase.results.append((code, time.perf_counter() - t))

    limits = httpx.Limits(max_connections=phase.concurrency, max_keepalive_connections=phase.concurrency)
    async with httpx.AsyncClient(timeout=timeout, limits=limits) as client:
        await asyncio.gather(*(worker(client) for _ in range(phase.concurrency)))


def run_phase(base: str, name: str, texts: list[str], concurrency: int, args: argparse.Namespace) -> Phase:
    phase = Phase(name, concurrency)
    stop = threading.Event()
    poller = threading.Thread(target=_poll_healthz, args=(base, args.healthz_every, phase, stop))
    poller.start()
    t = time.perf_counter()
    try:
        asyncio.run(_load(base, texts, phase, args.mode, args.timeout))
    finally:
        phase.wall_s = time.perf_counter() - t
        stop.set()
        poller.join()
    return phase


def _ms(values: list[float], p: float) -> str:
    v = percentile(values, p)
    return "-" if v != v else f"{v * 1e3:.0f}"


def table(phases: list[Phase]) -> str:
    rows: list[tuple[str, list[str]]] = [
        ("requests", [str(len(p.results)) for p in phases]),
        ("wall s", [f"{p.wall_s:.1f}" for p in phases]),
        ("requests/s", [f"{len(p.results) / p.wall_s:.2f}" for p in phases]),
        ("analysed (200)/s", [f"{p.codes[200] / p.wall_s:.2f}" for p in phases]),
        ("200 p50 ms", [_ms(p.seconds((200,)), 50) for p in phases]),
        ("200 p95 ms", [_ms(p.seconds((200,)), 95) for p in phases]),
        ("200 p99 ms", [_ms(p.seconds((200,)), 99) for p in phases]),
    ]
    for code in (200, 413, 429, 503):
        rows.append((f"status {code}", [str(p.codes[code]) for p in phases]))
    rows += [
        (
            "other 4xx",
            [
                str(sum(n for c, n in p.codes.items() if 400 <= c < 500 and c not in (413, 429)))
                for p in phases
            ],
        ),
        ("5xx (not 503)", [str(p.server_errors) for p in phases]),
        ("timeouts", [str(p.timeouts) for p in phases]),
        ("connection errors", [str(p.errors) for p in phases]),
        ("refused p50 ms", [_ms(p.seconds(REFUSED), 50) for p in phases]),
        ("refused p95 ms", [_ms(p.seconds(REFUSED), 95) for p in phases]),
        ("refused max ms", [_ms(p.seconds(REFUSED), 100) for p in phases]),
        ("/healthz polls", [str(len(p.healthz)) for p in phases]),
        ("/healthz p50 ms", [_ms(p.healthz, 50) for p in phases]),
        ("/healthz p95 ms", [_ms(p.healthz, 95) for p in phases]),
        ("/healthz max ms", [_ms(p.healthz, 100) for p in phases]),
        ("/healthz failed", [str(p.healthz_failed) for p in phases]),
    ]
    head = f"{'':18}" + "".join(f"{p.name:>14}" for p in phases)
    return "\n".join([head, *(f"{label:18}" + "".join(f"{v:>14}" for v in vals) for label, vals in rows)])


def verdict(steady: Phase | None, burst: Phase | None, wait_s: float) -> list[str]:
    """What fails the issue's Done-when (empty: it holds)."""
    fails = []
    if steady is not None:
        fives = sum(n for code, n in steady.codes.items() if code >= 500)
        if fives or steady.timeouts or steady.errors:
            fails.append(
                f"{steady.name}: {fives} 5xx, {steady.timeouts} timeouts, {steady.errors} connection errors"
            )
    if burst is not None:
        if burst.server_errors or burst.timeouts or burst.errors:
            fails.append(
                f"{burst.name}: {burst.server_errors} 5xx besides 503, {burst.timeouts} timeouts, "
                f"{burst.errors} connection errors"
            )
        late = [s for s in burst.seconds(REFUSED) if s > wait_s + 1.0]
        if late:
            fails.append(f"{burst.name}: {len(late)} refusals slower than --wait + 1 s ({wait_s + 1:g} s)")
    for p in (steady, burst):
        if p is None:
            continue
        p95 = percentile(p.healthz, 95) * 1e3
        if p.healthz_failed or not p95 < HEALTHZ_P95_MS:
            fails.append(f"{p.name}: /healthz p95 {p95:.0f} ms, {p.healthz_failed} failed")
    return fails


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--requests", type=int, default=300, help="requests of the steady phase (0: skip it)")
    ap.add_argument("--concurrency", type=int, default=8, help="clients at once in the steady phase")
    ap.add_argument("--burst-requests", type=int, default=100, help="requests of the burst (0: skip it)")
    ap.add_argument("--burst-concurrency", type=int, default=32, help="clients at once in the burst")
    ap.add_argument("--mode", default="fast", help="analysis mode sent with each article")
    ap.add_argument("--timeout", type=float, default=60.0, help="client timeout per request, seconds")
    ap.add_argument("--healthz-every", type=float, default=0.1, help="seconds between /healthz polls")
    ap.add_argument("--articles", type=Path, help="folder with ground-truth.json (default ../shared/data/…)")
    ap.add_argument("--seed", type=int, default=19)
    serve = ap.add_argument_group("server limits (passed to onrecord serve; its defaults when not given)")
    serve.add_argument("--max-concurrent", type=int)
    serve.add_argument("--wait", type=float)
    serve.add_argument("--max-queued", type=int)
    serve.add_argument("--max-chars", type=int)
    serve.add_argument("--max-body-bytes", type=int)
    serve.add_argument("--model")
    args = ap.parse_args()

    from tests.web.serving import serving

    from onrecord.settings import DEFAULT_WEB_LIMITS

    texts = [a["text"] for a in extraction_articles(args.articles)]
    rng = random.Random(args.seed)
    options: list[str] = []
    for name in ("max_concurrent", "wait", "max_queued", "max_chars", "max_body_bytes", "model"):
        if getattr(args, name) is not None:
            options += ["--" + name.replace("_", "-"), str(getattr(args, name))]
    wait_s = DEFAULT_WEB_LIMITS.wait_s if args.wait is None else args.wait

    def draw(n: int) -> list[str]:
        return [rng.choice(texts) for _ in range(n)]

    phases: list[Phase] = []
    steady = burst = None
    with serving(*options) as base:
        run_phase(base, "warm-up", draw(4), 1, args)
        if args.requests > 0:
            steady = run_phase(base, f"c={args.concurrency}", draw(args.requests), args.concurrency, args)
            phases.append(steady)
        if args.burst_requests > 0:
            burst = run_phase(
                base, f"c={args.burst_concurrency}", draw(args.burst_requests), args.burst_concurrency, args
            )
            phases.append(burst)
    shown = " ".join(options) or "(defaults)"
    print(f"onrecord serve {shown}; {len(texts)} real articles, mode {args.mode}")
    print(table(phases))
    fails = verdict(steady, burst, wait_s)
    print("Done-when: holds" if not fails else "Done-when: FAILS: " + "; ".join(fails))
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
