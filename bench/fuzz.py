"""The long fuzz run of the batch CLI: thousands of hostile inputs, good articles among them.

Each batch is a folder of about ``--batch-size`` hostile inputs of every class below (random bytes,
invalid and mixed encodings, NUL bytes, 10k-deep HTML, HTML without a body, gzip bombs, truncated
gzip, corrupt WARC headers and lengths, empty files and records, huge lines, 10,000 quotation
marks, RTL and zero-width text, exotic Unicode, deep-nested and lone-surrogate JSONL, mutated real
articles and pages from ``../shared/data``, a handful of 50 MB inputs), with distinct good articles
before, between and after them: as their own .txt/.html/.warc.gz files, as lines of a JSONL file
among hostile lines and as records of a .warc.gz among hostile records. ``onrecord extract`` and
``onrecord analyze`` run over each folder as subprocesses (a batch over ``--timeout`` is a hang).
A batch passes when both exit 0 or 1 with no traceback, and every good article comes out once with
the text (extract) and the report (analyze) it has when analysed alone in its own process
(computed once; the input's path is the only field ignored). "internal error" records (a bug of
ours, caught) are counted apart; they are findings, not crashes. Seeded: ``--seed S --batch K``
re-runs batch K alone and keeps its folder. Inputs that only slow things down are made rarely:
10,000 quotation marks with no space between them take about a minute to analyse (spaCy's
tokenizer is quadratic in a run of punctuation), a gzip bomb of blank JSONL lines about 1 s per
million lines.

    .venv/bin/python bench/fuzz.py --inputs 10000 --seed 19
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from bisect import bisect_right
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from _fuzz_inputs import (  # noqa: E402
    CLASSES,
    MARKER,
    SHARED,
    WEIGHTS,
    big_input,
    good_html,
    good_text,
    good_warc,
    gz,
    jline,
    real_pool,
)

# ---- batches ------------------------------------------------------------------------------------

POOL = 16  # distinct good articles; a batch uses each at most once
FORMS = {".txt": "text", ".jsonl": "text", ".html": "html", ".html.gz": "html", ".warc.gz": "warc"}


class Plan:
    """What one batch folder holds: the good articles expected out, where each hostile input went."""

    def __init__(self) -> None:
        self.expected: dict[str, tuple[str, int, str]] = {}  # marker -> (form, pool index, placement)
        self.where: dict[str, tuple[list[int], list[str]]] = {}  # mixed file -> (line/offset starts, classes)
        self.generated: Counter[str] = Counter()
        self.mixed: Counter[str] = Counter()

    def good(self, i: int, form: str, place: str) -> None:
        self.expected[f"GA{i:04d}Z"] = (form, i, place)

    def class_of(self, label: str) -> str:
        name = label.rsplit("/", 1)[-1]
        if "-mixed" in name:
            m = re.search(r"[:@](\d+)$", name)
            if not m:
                return "mixed-file"
            starts, classes = self.where[name[: m.start()]]
            k = bisect_right(starts, int(m.group(1))) - 1
            return classes[k] if k >= 0 else "mixed-file"
        return name.split("-", 1)[-1].split(".")[0]


def good_file(i: int, ext: str) -> bytes:
    if ext == ".txt":
        return good_text(i).encode()
    if ext == ".jsonl":
        return jline({"text": good_text(i)})
    if ext == ".warc.gz":
        return gz(good_warc(i))
    return gz(good_html(i)) if ext == ".html.gz" else good_html(i)


def build(folder: Path, r: random.Random, n: int, big: bool, classes: list[str]) -> Plan:
    plan = Plan()
    weights = [WEIGHTS.get(c, 1.0) for c in classes]
    samples = [(c, *CLASSES[c](r)) for c in r.choices(classes, weights, k=n)]
    if big:
        samples[r.randrange(n)] = ("big-50mb", *big_input(r))
    goods = iter(r.sample(range(POOL), POOL))
    lines: list[tuple[str, bytes]] = []
    records: list[tuple[str, bytes]] = []
    files: list[tuple[str, str, bytes]] = []
    for cls, ext, data in samples:
        plan.generated[cls] += 1
        if (
            ext in (".jsonl", ".ndjson")
            and data.count(b"\n") == 1
            and data.endswith(b"\n")
            and r.random() < 0.4
        ):
            lines.append((cls, data))
        elif ext == ".warc" and r.random() < 0.4:
            records.append((cls, gz(data)))
        else:
            files.append((cls, ext, data))
    for cls, _ in lines + records:
        plan.mixed[cls] += 1
    names = [f"{2 * k + 1:04d}-{cls}{ext}" for k, (cls, ext, _) in enumerate(files)]
    for name, (_, _, data) in zip(names, files, strict=True):
        (folder / name).write_bytes(data)
    evens = r.sample(range(2, 2 * len(files) + 6, 2), min(len(files) + 2, n // 40 + 3, 8))
    first = next(goods)
    (folder / "0000-good.txt").write_bytes(good_file(first, ".txt"))
    plan.good(first, "text", "before")
    last = next(goods)
    (folder / "9999-good.html").write_bytes(good_file(last, ".html"))
    plan.good(last, "html", "after")
    for pos in evens[2:]:
        i, ext = next(goods), r.choice(tuple(FORMS))
        (folder / f"{pos:04d}-good{ext}").write_bytes(good_file(i, ext))
        plan.good(i, FORMS[ext], "between")
    for pos, items, kind in ((evens[0], lines, "jsonl"), (evens[1], records, "warc")):
        ext = (".jsonl" if r.random() < 0.6 else ".jsonl.gz") if kind == "jsonl" else ".warc.gz"
        name = f"{pos:04d}-mixed{ext}"
        cut = sorted(r.sample(range(len(items) + 1), 2)) if len(items) >= 1 else [0, 0]
        chunks: list[bytes] = []
        starts: list[int] = []
        tags: list[str] = []
        size = 0
        for k in range(len(items) + 1):
            if k in (0, *cut) or k == len(items):  # good ones before, between and after
                i = next(goods)
                plan.good(
                    i,
                    "text" if kind == "jsonl" else "warc",
                    f"{kind}-{'record' if kind == 'warc' else 'line'}",
                )
                good = jline({"text": good_text(i)}) if kind == "jsonl" else gz(good_warc(i))
                starts.append(len(chunks) + 1 if kind == "jsonl" else size)
                tags.append("good")
                chunks.append(good)
                size += len(good)
            if k < len(items):
                starts.append(len(chunks) + 1 if kind == "jsonl" else size)
                tags.append(items[k][0])
                chunks.append(items[k][1])
                size += len(items[k][1])
        body = b"".join(chunks)
        (folder / name).write_bytes(gz(body) if name.endswith(".jsonl.gz") else body)
        plan.where[name] = (starts, tags)
    return plan


# The command runs under this small launcher: a child forked from the (large) harness would report
# the harness's peak RSS as its own (Linux keeps the high-water mark across exec); the launcher's
# child reports only its own. It writes "exit-code peak-KiB" to the file named by its first argument.
LAUNCHER = (
    "import os, subprocess, sys\n"
    "p = subprocess.Popen(sys.argv[2:])\n"
    "_, status, usage = os.wait4(p.pid, 0)\n"
    "rc = os.waitstatus_to_exitcode(status)\n"
    "open(sys.argv[1], 'w').write(f'{rc} {usage.ru_maxrss}')\n"
    "sys.exit(0)\n"
)


def run_cli(cmd: list[str], out: Path, err: Path, timeout: float) -> tuple[int | None, float, int]:
    """(exit code or None on a hang, seconds, peak RSS in KiB) of one subprocess."""
    t0 = time.perf_counter()
    stat = out.with_suffix(".rc")
    stat.unlink(missing_ok=True)
    with open(out, "wb") as fo, open(err, "wb") as fe:
        proc = subprocess.Popen(
            [sys.executable, "-c", LAUNCHER, str(stat), *cmd], stdout=fo, stderr=fe, start_new_session=True
        )
    try:
        proc.wait(timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        return None, time.perf_counter() - t0, 0
    except BaseException:  # interrupted: leave no command running
        os.killpg(proc.pid, signal.SIGKILL)
        raise
    rc, rss = (int(v) for v in stat.read_text(encoding="utf-8").split())
    return rc, time.perf_counter() - t0, rss


def cli(command: str, path: Path, mode: str) -> list[str]:
    extra = ["--format", "jsonl", "--mode", mode] if command == "analyze" else []
    return [sys.executable, "-m", "onrecord", command, str(path), *extra]


def normal(obj: dict[str, Any]) -> dict[str, Any]:
    """An analyze JSONL record without what names the input (its path and origin)."""
    rest = {k: v for k, v in obj.items() if k != "path"}
    rest["article"] = {k: v for k, v in obj["article"].items() if k != "origin"}
    return rest


def solo_reports(work: Path, mode: str, timeout: float) -> dict[tuple[str, int], dict[str, Any]]:
    """Every pool article in every form, analysed alone in its own process (once per run)."""
    cache = work / f"solo-{mode}.json"
    if cache.exists():
        return {(f, int(i)): v for f, i, v in json.loads(cache.read_text(encoding="utf-8"))}
    solo: dict[tuple[str, int], dict[str, Any]] = {}
    folder = work / "solo"
    folder.mkdir(parents=True, exist_ok=True)
    for ext, form in ((".txt", "text"), (".html", "html"), (".warc.gz", "warc")):
        for i in range(POOL):
            src = folder / f"solo{ext}"
            src.write_bytes(good_file(i, ext))
            rc, _, _ = run_cli(cli("analyze", src, mode), folder / "out", folder / "err", timeout)
            lines = (folder / "out").read_text(encoding="utf-8").splitlines()
            if rc != 0 or len(lines) != 1:
                sys.exit(
                    f"good article {i} ({form}) alone: exit {rc}, {len(lines)} reports: "
                    + (folder / "err").read_text(encoding="utf-8")[-2000:]
                )
            solo[form, i] = normal(json.loads(lines[0]))
    cache.write_text(json.dumps([[f, i, v] for (f, i), v in solo.items()]), encoding="utf-8")
    return solo


# ---- checking and counting ----------------------------------------------------------------------

ERROR_LINE = re.compile(r"^onrecord: (.+?): (.*)$")
OTHER: set[str] = set()  # stderr lines that are no error record (library warnings), shown once


def check(
    command: str,
    out: Path,
    err: Path,
    plan: Plan,
    solo: dict[tuple[str, int], dict[str, Any]],
    tally: Counter[tuple[str, str]],
    totals: Counter[str],
    notes: list[str],
) -> bool:
    """Count one run's output; True when every good article came out once, as it does alone."""
    found: dict[str, list[dict[str, Any]]] = {}
    for raw in out.read_bytes().splitlines():
        try:
            obj = json.loads(raw)
            text = obj["text"] if command == "extract" else obj["article"]["text"]
        except (ValueError, KeyError, TypeError):
            totals["bad output lines"] += 1
            notes.append(f"{command}: unreadable output line {raw[:120]!r}")
            continue
        markers = [m for m in MARKER.findall(text) if m in plan.expected]
        for m in markers:
            found.setdefault(m, []).append(obj)
        if not markers and command == "analyze":
            tally[plan.class_of(obj["path"]), "articles"] += 1
    for line in err.read_text(encoding="utf-8", errors="replace").splitlines():
        m = ERROR_LINE.match(line)
        if not m:
            totals["other stderr lines"] += 1
            if line.strip() and line.strip() not in OTHER:
                OTHER.add(line.strip())
                notes.append(f"{command} stderr (first time seen): {line[:200]}")
            continue
        cls = plan.class_of(m.group(1))
        if command == "analyze":
            tally[cls, "errors"] += 1
        if "internal error" in m.group(2):
            tally[cls, "internal"] += 1
            totals["internal errors"] += 1
            notes.append(f"{command}: INTERNAL ERROR [{cls}] {line[:300]}")
    ok = True
    for marker, (form, i, place) in plan.expected.items():
        objs = found.get(marker, [])
        want = solo[form, i]
        if not objs:
            totals["good lost"] += 1
            notes.append(f"{command}: LOST {marker} ({form}, {place})")
        elif len(objs) > 1:
            totals["good doubled"] += 1
            notes.append(f"{command}: DOUBLED {marker} ({form}, {place}) x{len(objs)}")
        elif (
            (objs[0]["text"] != want["article"]["text"])
            if command == "extract"
            else (normal(objs[0]) != want)
        ):
            totals["good changed"] += 1
            notes.append(f"{command}: CHANGED {marker} ({form}, {place}) at {objs[0]['path']}")
        else:
            continue
        ok = False
    totals["good checked"] += len(plan.expected)
    return ok


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--inputs", type=int, default=10_000, help="hostile inputs in all (default 10000)")
    ap.add_argument("--batch-size", type=int, default=200, help="hostile inputs per batch folder")
    ap.add_argument("--seed", type=int, default=19)
    ap.add_argument("--big", type=int, default=4, help="50 MB inputs in the whole run")
    ap.add_argument("--timeout", type=float, default=300, help="seconds per command before it is a hang")
    ap.add_argument("--mode", default="fast", help="analyze --mode")
    ap.add_argument("--batch", type=int, default=None, help="run only batch K (and keep its folder)")
    ap.add_argument("--work", type=Path, default=Path("/tmp/onrecord-fuzz"))
    args = ap.parse_args()
    classes = list(CLASSES)
    if not real_pool():
        classes.remove("mutated-real")
        print(f"no real articles under {SHARED}: skipping the mutated-real class", flush=True)
    n_batches = -(-args.inputs // args.batch_size)
    big_at = {k * n_batches // args.big for k in range(args.big)} if args.big > 0 else set()
    args.work.mkdir(parents=True, exist_ok=True)
    solo = solo_reports(args.work, args.mode, args.timeout)
    tally: Counter[tuple[str, str]] = Counter()
    totals: Counter[str] = Counter()
    generated: Counter[str] = Counter()
    mixed: Counter[str] = Counter()
    peak = {"extract": 0, "analyze": 0}
    slowest = 0.0
    t_start = time.perf_counter()
    todo = [args.batch] if args.batch is not None else list(range(n_batches))
    signal.signal(signal.SIGTERM, signal.default_int_handler)  # kill PID: stop, print the counts so far
    try:
        for b in todo:
            r = random.Random(f"{args.seed}-{b}")
            n = min(args.batch_size, args.inputs - b * args.batch_size)
            folder = args.work / f"batch-{b:04d}"
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            plan = build(folder, r, n, b in big_at, classes)
            notes: list[str] = []
            good = True
            for command in ("extract", "analyze"):
                out, err = args.work / f"{command}.out", args.work / f"{command}.err"
                rc, took, rss = run_cli(cli(command, folder, args.mode), out, err, args.timeout)
                peak[command] = max(peak[command], rss)
                slowest = max(slowest, took)
                stderr = err.read_text(encoding="utf-8", errors="replace")
                if rc is None:
                    totals["hangs"] += 1
                    notes.append(f"{command}: HANG (killed after {args.timeout:.0f}s)")
                    good = False
                    continue
                if rc not in (0, 1) or "Traceback" in stderr:
                    totals["crashes"] += 1
                    notes.append(f"{command}: CRASH exit {rc}\n{stderr[-3000:]}")
                    good = False
                good = check(command, out, err, plan, solo, tally, totals, notes) and good
                print(
                    f"batch {b:>3}: {command:<7} exit {rc} {took:6.1f}s {rss / 1024:5.0f} MB | so far "
                    f"{sum(generated.values()) + n} inputs, {totals['crashes']} crashes, {totals['hangs']} hangs, "
                    f"{totals['good lost']} lost",
                    flush=True,
                )
            for note in notes:
                print(f"  {note}", flush=True)
            totals["batches"] += 1
            generated.update(plan.generated)
            mixed.update(plan.mixed)
            if good and args.batch is None:
                shutil.rmtree(folder)
            elif not good:
                print(f"  batch {b} kept in {folder} (re-run: --seed {args.seed} --batch {b})", flush=True)
    except KeyboardInterrupt:
        print(f"\nINTERRUPTED after {totals['batches']} of {len(todo)} batches: counts so far", flush=True)
    took = time.perf_counter() - t_start
    head = ("class", "inputs", "in files", "in mixed", "errors", "articles", "internal")
    print("\n{:<16} {:>7} {:>8} {:>8} {:>7} {:>8} {:>8}".format(*head))
    for cls in sorted(generated):
        g, mx = generated[cls], mixed[cls]
        t = [tally[cls, k] for k in ("errors", "articles", "internal")]
        print(f"{cls:<16} {g:>7} {g - mx:>8} {mx:>8} {t[0]:>7} {t[1]:>8} {t[2]:>8}")
    print(
        f"{'total':<16} {sum(generated.values()):>7} {sum(generated.values()) - sum(mixed.values()):>8} "
        f"{sum(mixed.values()):>8} {sum(tally[c, 'errors'] for c in generated):>7} "
        f"{sum(tally[c, 'articles'] for c in generated):>8} {totals['internal errors']:>8}"
    )
    print(
        "(errors: error records of analyze; articles: hostile inputs that analyze reported on; "
        "internal: 'internal error' records of extract and analyze, bugs of ours caught)"
    )
    bad = sum(
        totals[k]
        for k in ("crashes", "hangs", "good lost", "good doubled", "good changed", "bad output lines")
    )
    print(
        f"\n{sum(generated.values())} inputs in {len(generated)} classes, {totals['batches']} batches, "
        f"{totals['good checked']} good-article checks: {totals['crashes']} crashes, {totals['hangs']} hangs, "
        f"{totals['good lost']} good articles lost, {totals['good changed']} changed, {totals['good doubled']} "
        f"doubled, {totals['internal errors']} internal errors, {totals['bad output lines']} bad output lines; "
        f"peak RSS {peak['extract'] / 1024:.0f} MB (extract), {peak['analyze'] / 1024:.0f} MB (analyze); "
        f"slowest command {slowest:.1f}s; {took / 60:.1f} min"
    )
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
