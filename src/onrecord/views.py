"""Views of a report: pure functions from a :class:`Report` to a smaller one."""

from __future__ import annotations

from onrecord.models import Report
from onrecord.settings import STATEMENT_THRESHOLD
from onrecord.summary import summarize


def statements_only(report: Report, min_score: float = STATEMENT_THRESHOLD) -> Report:
    """The report with only the attributions that report speech, writing or belief: those whose
    ``statement`` score is at least ``min_score`` (an attribution without a score stays)."""
    kept = [a for a in report.attributions if a.statement is None or a.statement >= min_score]
    ids = {a.id for a in kept}
    speaker_ids = {a.speaker.id for a in kept if a.speaker}
    sentences = [
        s.model_copy(update={"attributions": [i for i in s.attributions if i in ids]})
        for s in report.sentences
    ]
    out = report.model_copy(
        update={
            "attributions": kept,
            "sentences": sentences,
            "speakers": [s for s in report.speakers if s.id in speaker_ids],
        }
    )
    out.summary = summarize(out)
    return out
