"""The one core: text or Article in, Report out. The CLI, the web app and the batch runner call this.

spaCy and the pipeline load on the first call, not on import, so that clients start fast.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from onrecord.errors import InputError, UsageError
from onrecord.models import Article, Report
from onrecord.settings import DEFAULT_MODEL, MODES

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["DEFAULT_MODEL", "Analyzer", "analyze", "analyze_many", "as_article", "preload"]


def as_article(item: str | Article) -> Article:
    """An Article from a plain string (taken exactly as given) or an Article itself."""
    if isinstance(item, Article):
        return item
    if isinstance(item, str):
        return Article(text=item)
    raise UsageError(f"analyze() takes a str or an onrecord.Article, not {type(item).__name__}")


class Analyzer:
    """One loaded pipeline (``model``, ``mode``) and what analyses with it.

    ``Analyzer.shared(model, mode)`` is the one per process that :func:`analyze` and
    :func:`analyze_many` use; ``Analyzer(nlp=...)`` wraps a spaCy pipeline of your own that has the
    ``onrecord`` component (``nlp.add_pipe("onrecord")``). The pipeline loads on first use.
    """

    def __init__(
        self, model: str = DEFAULT_MODEL, mode: str = "fast", *, nlp: Language | None = None
    ) -> None:
        if mode not in MODES:
            raise UsageError(f"unknown mode {mode!r}; use one of: {', '.join(MODES)}")
        if nlp is not None and "onrecord" not in nlp.pipe_names:
            raise UsageError(
                'the spaCy pipeline given has no onrecord component; nlp.add_pipe("onrecord") first'
            )
        self.model = model
        self.mode = mode
        self._nlp = nlp

    @staticmethod
    @lru_cache(maxsize=4)
    def shared(model: str = DEFAULT_MODEL, mode: str = "fast") -> Analyzer:
        return Analyzer(model, mode)

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            from onrecord.pipeline import load

            self._nlp = load(self.model, self.mode)
        return self._nlp

    def analyze(self, text_or_article: str | Article) -> Report:
        """Every attribution, speaker, sentence sourcing label and marker of one article."""
        from onrecord.pipeline import doc_to_report

        article = as_article(text_or_article)
        self._check_length(article)
        return doc_to_report(self.nlp(article.text), article, model=self.model, mode=self.mode)

    def analyze_many(self, items: Iterable[str | Article], *, batch_size: int = 16) -> Iterator[Report]:
        """Analyse a stream of articles lazily, in order, ``batch_size`` at a time through spaCy."""
        from onrecord.pipeline import doc_to_report

        nlp = self.nlp
        for buf in _batches((as_article(i) for i in items), batch_size):
            for art in buf:
                self._check_length(art)
            docs = nlp.pipe((a.text for a in buf), batch_size=batch_size)
            for doc, art in zip(docs, buf, strict=True):
                yield doc_to_report(doc, art, model=self.model, mode=self.mode)

    def _check_length(self, article: Article) -> None:
        """A text longer than the pipeline takes is refused with its own reason, not a spaCy error."""
        limit = self.nlp.max_length
        if len(article.text) > limit:
            raise InputError(
                article.source_label(),
                f"the text is {len(article.text):,} characters, more than the {limit:,} the pipeline "
                "takes at once; split it into articles (one per line of a JSONL file, for instance)",
            )


def preload(model: str = DEFAULT_MODEL) -> None:
    """Load the pipeline now (once per process), so a missing model fails early."""
    _ = Analyzer.shared(model, "fast").nlp


def analyze(text_or_article: str | Article, *, model: str = DEFAULT_MODEL, mode: str = "fast") -> Report:
    """Analyse one article: every attribution, speaker, sentence sourcing label and marker.

    ``mode``: "fast" (default: rules plus one learned tagger), "accurate" (rules plus two taggers
    that also read a small transformer encoder run with numpy: better spans, several times
    slower) or "rules" (the rule layer alone).
    """
    return Analyzer.shared(model, mode).analyze(text_or_article)


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
    if n_process <= 1:
        yield from Analyzer.shared(model, mode).analyze_many(items, batch_size=batch_size)
        return
    # each worker process analyses whole batches and sends back Reports, in order: the Report is
    # built where the Doc is, and is smaller to ship than the Doc spaCy's own n_process would send
    import multiprocessing

    articles = (as_article(i) for i in items)
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
    return list(Analyzer.shared(model, mode).analyze_many(batch, batch_size=len(batch)))
