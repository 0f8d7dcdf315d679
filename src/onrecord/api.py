"""The one core: text or Article in, Report out. The CLI, the web app and the batch runner call this.

spaCy and the pipeline load on the first call, not on import, so that clients start fast.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from onrecord.errors import InputError, UsageError
from onrecord.models import Article, Report
from onrecord.settings import DEFAULT_MODEL

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["DEFAULT_MODEL", "analyze", "analyze_many", "as_article", "preload"]


def as_article(item: str | Article) -> Article:
    """An Article from a plain string (taken exactly as given) or an Article itself."""
    if isinstance(item, Article):
        return item
    if isinstance(item, str):
        return Article(text=item)
    raise UsageError(f"analyze() takes a str or an onrecord.Article, not {type(item).__name__}")


def preload(model: str = DEFAULT_MODEL) -> None:
    """Load the pipeline now (once per process), so a missing model fails early."""
    _pipeline(model, "fast")


def analyze(text_or_article: str | Article, *, model: str = DEFAULT_MODEL, mode: str = "fast") -> Report:
    """Analyse one article: every attribution, speaker, sentence sourcing label and marker.

    ``mode``: "fast" (default: rules plus one learned tagger), "accurate" (rules plus two taggers
    that also read a small transformer encoder run with numpy: better spans, several times
    slower) or "rules" (the rule layer alone).
    """
    from onrecord.pipeline import doc_to_report

    article = as_article(text_or_article)
    nlp = _pipeline(model, mode)
    _check_length(article, nlp)
    return doc_to_report(nlp(article.text), article, model=model, mode=mode)


def _check_length(article: Article, nlp: Language) -> None:
    """A text longer than the pipeline takes is refused with its own reason, not a spaCy error."""
    if len(article.text) > nlp.max_length:
        raise InputError(
            article.source_label(),
            f"the text is {len(article.text):,} characters, more than the {nlp.max_length:,} the pipeline "
            "takes at once; split it into articles (one per line of a JSONL file, for instance)",
        )


def analyze_many(
    items: Iterable[str | Article],
    *,
    model: str = DEFAULT_MODEL,
    n_process: int = 1,
    batch_size: int = 16,
    mode: str = "fast",
) -> Iterator[Report]:
    """Analyse a stream of articles lazily, in order; the pipeline loads once per process.

    ``n_process`` > 1 analyses batches of ``batch_size`` articles in that many worker processes.
    """
    articles = (as_article(i) for i in items)
    if n_process <= 1:
        nlp = _pipeline(model, mode)
        for buf in _batches(articles, batch_size):
            yield from _run(nlp, buf, model, batch_size, mode)
        return
    # each worker process analyses whole batches and sends back Reports, in order: the Report is
    # built where the Doc is, and is smaller to ship than the Doc spaCy's own n_process would send
    import multiprocessing

    with multiprocessing.get_context("spawn").Pool(n_process) as pool:
        jobs = ((batch, model, mode) for batch in _batches(articles, batch_size))
        for reports in pool.imap(_analyze_batch, jobs):
            yield from reports


def _batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    buf: list[Article] = []
    for art in articles:
        buf.append(art)
        if len(buf) >= size:
            yield buf
            buf = []
    if buf:
        yield buf


def _analyze_batch(job: tuple[list[Article], str, str]) -> list[Report]:
    batch, model, mode = job
    return list(analyze_many(batch, model=model, mode=mode, batch_size=len(batch)))


def _pipeline(model: str, mode: str) -> Language:
    from onrecord.pipeline import load

    return load(model, mode)


def _run(nlp: Language, buf: list[Article], model: str, batch_size: int, mode: str) -> Iterator[Report]:
    from onrecord.pipeline import doc_to_report

    for art in buf:
        _check_length(art, nlp)
    for doc, art in zip(nlp.pipe((a.text for a in buf), batch_size=batch_size), buf, strict=True):
        yield doc_to_report(doc, art, model=model, mode=mode)
