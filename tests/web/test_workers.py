"""The analyses in worker processes, on a real server on loopback: one process per analysis slot,
and a worker that dies fails only its own request (503 with a reason), the next one is answered."""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import SEED_TEXT
from tests.web.serving import server_process

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")


def workers_of(pid: int) -> list[int]:
    """The worker processes of the server ``pid`` (its spawned children, not the resource tracker)."""
    children: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        children += [int(c) for c in (task / "children").read_text().split()]
    out = []
    for child in children:
        try:
            cmdline = Path(f"/proc/{child}/cmdline").read_bytes().replace(b"\0", b" ")
        except FileNotFoundError:
            continue
        if b"multiprocessing.spawn" in cmdline and b"resource_tracker" not in cmdline:
            out.append(child)
    return sorted(out)


@pytest.fixture(scope="module")
def server() -> Iterator[tuple[str, int]]:
    with server_process("--max-concurrent", "2") as (base, proc):
        yield base, proc.pid


def test_one_worker_process_per_slot_loaded_before_the_server_answers(server: tuple[str, int]) -> None:
    base, pid = server
    assert len(workers_of(pid)) == 2
    res = httpx.post(base + "/api/analyze", json={"text": SEED_TEXT.read_text(encoding="utf-8")}, timeout=60)
    assert res.status_code == 200 and res.json()["attributions"]
    assert res.json()["article"]["text"].startswith("In a rare")


def test_a_worker_killed_mid_analysis_fails_that_request_only(server: tuple[str, int]) -> None:
    base, pid = server
    text = "\n\n".join([SEED_TEXT.read_text(encoding="utf-8")] * 12)  # seconds of work
    result: list[httpx.Response] = []
    thread = threading.Thread(
        target=lambda: result.append(httpx.post(base + "/api/analyze", json={"text": text}, timeout=120))
    )
    thread.start()
    time.sleep(1.0)
    before = workers_of(pid)
    for child in before:
        os.kill(child, signal.SIGKILL)
    thread.join()
    assert result[0].status_code == 503, result[0].text
    assert "worker stopped" in result[0].json()["detail"]
    res = httpx.post(base + "/api/analyze", json={"text": "“Fine,” the mayor said."}, timeout=120)
    assert res.status_code == 200 and res.json()["attributions"]
    after = workers_of(pid)
    assert after and not set(after) & set(before)


def test_the_workers_exit_when_the_server_is_killed() -> None:
    with server_process("--max-concurrent", "1") as (_, proc):
        workers = workers_of(proc.pid)
        assert len(workers) == 1
        proc.kill()
        proc.wait()
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and any(Path(f"/proc/{w}").exists() for w in workers):
            time.sleep(0.2)
        assert not any(Path(f"/proc/{w}").exists() for w in workers)
