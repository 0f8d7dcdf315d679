"""Fuzzing the batch CLI: good articles among random and hostile inputs (random bytes, invalid
UTF-8, NUL bytes, deep-nested and surrogate JSONL, truncated gzip, empty files). Whatever the mix,
``onrecord extract`` and ``onrecord analyze`` exit 0 or 1, print no traceback, and every good
article comes out. Extraction runs per example (fast); analysis once on a fixed mix."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

GOOD = [f"“Step {i} is done,” the engineer said." for i in range(3)]

HOSTILE: dict[str, st.SearchStrategy[bytes]] = {
    ".txt": st.one_of(
        st.binary(max_size=300),
        st.binary(max_size=200).map(lambda b: b"text " + b + b"\xff\xfe"),
        st.just(b""),
        st.text(max_size=100).map(lambda t: (t + "\x00").encode("utf-8", "surrogatepass")),
    ),
    ".jsonl": st.one_of(
        st.integers(100, 20_000).map(lambda n: b"[" * n + b"]" * n),
        st.integers(100, 5_000).map(lambda n: b'{"text": ' + b"{" * n),
        st.sampled_from([b'{"text": "\\ud800"}', b'{"text": "a\\udc00b", "title": "\\udbff"}']),
        st.binary(max_size=200),
        st.just(b""),
    ),
    ".jsonl.gz": st.binary(min_size=1, max_size=200).map(
        lambda b: gzip.compress(json.dumps({"text": "x" * 500}).encode() + b)[: 10 + len(b) % 30]
    ),
    ".html": st.one_of(st.binary(max_size=300), st.integers(100, 10_000).map(lambda n: b"<div>" * n)),
}

inputs = st.lists(
    st.sampled_from(sorted(HOSTILE)).flatmap(lambda ext: HOSTILE[ext].map(lambda data: (ext, data))),
    min_size=1,
    max_size=6,
)


def _write(folder: Path, bad: list[tuple[str, bytes]]) -> None:
    """Good articles before, between and after the bad inputs (names keep that order)."""
    (folder / "000-good.txt").write_text(GOOD[0], encoding="utf-8")
    for i, (ext, data) in enumerate(bad):
        (folder / f"{i + 1:03d}-bad{ext}").write_bytes(data)
    lines = [json.dumps({"text": GOOD[1]}), "[" * 3000, json.dumps({"text": GOOD[2]})]
    (folder / "500-good.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "onrecord", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=300)


def _check(res: subprocess.CompletedProcess[str], field: str) -> None:
    assert res.returncode in (0, 1), res.stderr
    assert "Traceback" not in res.stderr, res.stderr
    found = [json.loads(line) for line in res.stdout.splitlines()]
    texts = [obj["text"] if field == "text" else obj["article"]["text"] for obj in found]
    assert [t for t in texts if t in GOOD] == GOOD


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(inputs)
def test_extract_keeps_every_good_article(bad: list[tuple[str, bytes]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        _write(Path(tmp), bad)
        _check(_run("extract", tmp), "text")


@settings(max_examples=1, deadline=None, database=None)
@given(st.lists(st.sampled_from(sorted(HOSTILE)), min_size=4, max_size=4, unique=True))
def test_analyze_keeps_every_good_article(exts: list[str]) -> None:
    bad = [(ext, data) for ext in exts for data in (b"\xff\x00\xfe", b'{"text": "\\ud800 said"}', b"")]
    with tempfile.TemporaryDirectory() as tmp:
        _write(Path(tmp), bad)
        _check(_run("analyze", tmp, "--format", "jsonl", "--mode", "rules"), "article")
