"""The unit of work that runs in a worker (pool process or Dask worker): articles in, rows out."""

from __future__ import annotations

from typing import Any

from threadpoolctl import threadpool_limits

from onrecord.api import analyze, analyze_many
from onrecord.errors import InputError, ModelNotFoundError, UsageError
from onrecord.ingest.common import internal_error
from onrecord.models import Article, IngestErrorRecord
from onrecord.store import Rows, empty_rows, error_row, report_rows

_FATAL = (ModelNotFoundError, UsageError)
_init_error: BaseException | None = None
_limits: Any = None


def one_thread_per_worker() -> None:
    """Keep numpy's BLAS to one thread in a worker process: the workers already fill the cores."""
    global _limits
    if _limits is None:
        _limits = threadpool_limits(limits=1)


def warm_up(model: str, mode: str) -> None:
    """Load the pipeline once in this process (a pool initializer). A failure is kept and raised by
    the first chunk, so that the pool does not restart a worker that can never start."""
    global _init_error
    one_thread_per_worker()
    try:
        analyze("Warm up.", model=model, mode=mode)
    except Exception as exc:
        _init_error = exc


def analyse_chunk(articles: list[Article], model: str, mode: str = "fast") -> Rows:
    """The rows of every article analysed; an article whose analysis fails becomes an error row."""
    if _init_error is not None:
        raise _init_error
    rows = empty_rows()
    if not articles:
        return rows
    try:
        for report in analyze_many(articles, model=model, mode=mode, batch_size=max(1, len(articles))):
            report_rows(report, rows)
        return rows
    except _FATAL:
        raise
    except Exception:  # one bad article must not lose the chunk: redo them one by one
        rows = empty_rows()
    for art in articles:
        try:
            report_rows(analyze(art, model=model, mode=mode), rows)
        except InputError as exc:  # this article cannot be analysed as it is ("too long")
            rows["errors"].append(
                error_row(IngestErrorRecord(source=exc.source, reason=exc.reason), "analyse")
            )
        except _FATAL:
            raise
        except Exception as exc:
            rows["errors"].append(error_row(internal_error(art.source_label(), exc, "analysing"), "analyse"))
    return rows
