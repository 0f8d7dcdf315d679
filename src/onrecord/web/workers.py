"""The web app's analyses, in worker processes: ``limits.max_concurrent`` of them.

spaCy holds the GIL while it analyses, so analyses in threads of the server's process run one at
a time however many there are (two threads analysed 60 real articles no faster than one) and the
event loop waits for the GIL behind them. In processes they run in parallel, one core each, and
the server's process only moves requests and answers. Each worker loads the pipeline when it
starts (:meth:`Workers.start`, from the app's lifespan, before the server answers). A worker that
dies (killed, out of memory) fails only the analyses it had: the pool is replaced and they get 503.
Workers exit when the server's process does, even killed.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from onrecord.api import analyze, preload
from onrecord.errors import InputError
from onrecord.models import Article

__all__ = ["WorkerLost", "Workers"]


class WorkerLost(Exception):
    """The worker process analysing an article died before it answered."""


def _start(model: str, server: int) -> None:
    """In a new worker: load the pipeline, and exit when the server's process ``server`` is gone
    (killed, it could not stop its workers; they would sit idle with a pipeline each)."""

    def watch() -> None:
        while os.getppid() == server:
            time.sleep(1.0)
        os._exit(0)

    threading.Thread(target=watch, name="onrecord-server-watch", daemon=True).start()
    preload(model)


def _ready() -> bool:
    return True


def _analyze(article: Article, model: str, mode: str) -> tuple[bool, str]:
    """In a worker: ``(True, report JSON)``, or ``(False, reason)`` for an input the pipeline refuses."""
    try:
        return True, analyze(article, model=model, mode=mode).to_json()
    except InputError as exc:
        return False, exc.reason


class Workers:
    """``size`` worker processes with ``model`` loaded. The caller bounds how many analyses are
    asked at once (:class:`~onrecord.web.limits.Slots`), so none waits inside the pool."""

    def __init__(self, model: str, size: int) -> None:
        self.model = model
        self.size = size
        self._pool: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()

    def _executor(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._pool is None:
                self._pool = ProcessPoolExecutor(
                    self.size,
                    # spawned, not forked: the server's process has threads (and locks held in them)
                    mp_context=multiprocessing.get_context("spawn"),
                    initializer=_start,
                    initargs=(self.model, os.getpid()),
                )
            return self._pool

    def start(self) -> None:
        """Start the workers and wait until they have loaded the pipeline."""
        pool = self._executor()
        for future in [pool.submit(_ready) for _ in range(self.size)]:
            future.result()

    async def analyze(self, article: Article, mode: str) -> str:
        """The Report JSON of ``article`` (awaited on the event loop, no thread held);
        :class:`~onrecord.errors.InputError` as ``analyze`` raises it, :class:`WorkerLost` if the
        worker died (the next call gets fresh workers)."""
        pool = self._executor()
        try:
            ok, value = await asyncio.wrap_future(pool.submit(_analyze, article, self.model, mode))
        except BrokenProcessPool as exc:
            with self._lock:
                if self._pool is pool:
                    self._pool = None
            pool.shutdown(wait=False, cancel_futures=True)
            raise WorkerLost(
                "the analysis worker stopped before it answered (the server restarts it); try again"
            ) from exc
        if not ok:
            raise InputError(article.source_label(), value)
        return value

    def close(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
