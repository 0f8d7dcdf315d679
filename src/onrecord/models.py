"""onrecord's data model: what an analysis produces, as pydantic models.

Every :class:`Span` holds character offsets into :attr:`Article.text`, so that
``article.text[span.start:span.end] == span.text`` always holds. ``Report.to_json()``
is the one serialisation; ``Report.model_json_schema()`` is the checked-in schema
(``schema/report.schema.json``, printed by ``onrecord schema``).

This module knows nothing but pydantic and the standard library.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator, model_validator

SCHEMA_VERSION = "1.2"

Kind = Literal["direct", "indirect", "mixed"]
Act = Literal["speech", "writing", "belief"]
SourceType = Literal["named", "anonymous", "vague", "none"]
SpeakerType = Literal["person", "organization", "group", "anonymous", "unknown"]
Sourcing = Literal["named", "anonymous", "vague", "hearsay", "assertion", "editorial", "background"]
MarkerType = Literal["hedge", "hearsay", "private_context", "editorial"]

SOURCING_LABELS: tuple[str, ...] = (
    "named",
    "anonymous",
    "vague",
    "hearsay",
    "assertion",
    "editorial",
    "background",
)
MARKER_TYPES: tuple[str, ...] = ("hedge", "hearsay", "private_context", "editorial")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


_SURROGATE = re.compile("[\ud800-\udfff]")


def replace_surrogates(text: str) -> str:
    """``text`` with every lone surrogate code point (``"\\ud800"`` from a JSON escape, a str built
    in Python) replaced by U+FFFD: such text cannot be encoded as UTF-8, so it could not be analysed
    or written. One character for one, so offsets into the text are unchanged."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def _no_surrogates(value: Any) -> Any:
    if isinstance(value, str):
        return replace_surrogates(value)
    if isinstance(value, list):
        return [replace_surrogates(v) if isinstance(v, str) else v for v in value]
    return value


def article_id(text: str) -> str:
    """The stable content hash that identifies an article: sha256 of its UTF-8 text, 16 hex digits."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


class Span(_Model):
    """A stretch of the article text: ``text == article.text[start:end]``."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if self.end < self.start:
            raise ValueError(f"span end {self.end} is before its start {self.start}")
        if len(self.text) != self.end - self.start:
            raise ValueError(
                f"span text has {len(self.text)} characters but offsets {self.start}..{self.end} "
                f"cover {self.end - self.start}"
            )
        return self

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        """The span of ``text[start:end]``."""
        return cls(start=start, end=end, text=text[start:end])


class Origin(_Model):
    """Where an article came from, precisely enough to find it again."""

    path: str | None = None
    url: str | None = None
    warc_record_id: str | None = None
    warc_offset: int | None = None
    jsonl_line: int | None = None

    _clean = field_validator("path", "url", "warc_record_id", mode="before")(_no_surrogates)


class Article(_Model):
    """One news article: the exact text analysed plus its metadata."""

    id: str = ""
    text: str
    title: str | None = None
    url: str | None = None
    site: str | None = None
    authors: list[str] = Field(default_factory=list)
    published: str | None = Field(default=None, description="ISO 8601 date or datetime, as found")
    language: str | None = None
    origin: Origin = Field(default_factory=Origin)

    _clean = field_validator(
        "text", "title", "url", "site", "authors", "published", "language", mode="before"
    )(_no_surrogates)

    @model_validator(mode="after")
    def _fill_id(self) -> Article:
        if not self.id:
            self.id = article_id(self.text)
        return self

    def source_label(self) -> str:
        """How the article's input is named: path, path:line (JSONL), path@offset (WARC), URL or id."""
        o = self.origin
        if o.path and o.warc_offset is not None:
            return f"{o.path}@{o.warc_offset}"
        if o.path and o.jsonl_line is not None:
            return f"{o.path}:{o.jsonl_line}"
        return o.path or o.url or self.url or self.id


class Speaker(_Model):
    """A canonical speaker: one record per person (or body) per article, with all its mentions."""

    id: str = Field(description="stable within the report, e.g. 'S1'")
    name: str = Field(
        description="canonical full name, or the source phrase for groups and anonymous sources"
    )
    role: str | None = None
    organization: str | None = None
    type: SpeakerType = "unknown"
    mentions: list[Span] = Field(default_factory=list)


class Attribution(_Model):
    """One attribution: who (source) said (cue) what (content).

    ``content`` is one Span, or a list of Spans for a quote split around its cue.
    """

    id: str = Field(description="stable within the report, e.g. 'A1'")
    source: Span | None = None
    cue: Span | None = None
    content: Span | list[Span] | None = None
    speaker: Speaker | None = None
    kind: Kind = "indirect"
    source_type: SourceType = "none"
    hearsay: bool = Field(
        default=False,
        description="second-hand: 'reportedly', 'is said to', a source repeating another's words",
    )
    act: Act | None = Field(
        default=None, description="what the cue reports: speech, writing or belief (a mind)"
    )
    statement: float | None = Field(
        default=None,
        ge=0.0,
        le=1.0,
        description="how likely this reports speech, writing or belief rather than an action, the "
        "author's own voice or page furniture (the statement filter's score)",
    )
    via: Span | None = Field(
        default=None,
        description="the intermediary the words reached the reader through: an outlet "
        "('told Reuters') or the source whose report contains them",
    )
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)
    speaker_confidence: float | None = Field(
        default=None, ge=0.0, le=1.0, description="how sure the speaker is right (None: no speaker named)"
    )
    needs_review: list[str] = Field(
        default_factory=list,
        description="why a reader should check the speaker, e.g. 'unresolved pronoun', 'two people share this surname'",
    )
    sentence: int | None = Field(
        default=None, description="index into Report.sentences of the cue (or content)"
    )

    def content_spans(self) -> list[Span]:
        """The content as a list, whatever its shape."""
        if self.content is None:
            return []
        if isinstance(self.content, Span):
            return [self.content]
        return list(self.content)

    def content_text(self, sep: str = " … ") -> str:
        return sep.join(s.text for s in self.content_spans())


class Sentence(_Model):
    index: int
    span: Span
    sourcing: Sourcing = "assertion"
    attributions: list[str] = Field(default_factory=list, description="ids of attributions in this sentence")


class Marker(_Model):
    span: Span
    type: MarkerType
    sentence: int | None = None


class Entity(_Model):
    span: Span
    label: str
    canonical: str | None = None


class Summary(_Model):
    sentences: int = 0
    sourcing: dict[str, int] = Field(default_factory=dict, description="sentence counts by sourcing label")
    attributions: int = 0
    kinds: dict[str, int] = Field(default_factory=dict)
    source_types: dict[str, int] = Field(default_factory=dict)
    markers: dict[str, int] = Field(default_factory=dict)
    speakers: int = 0
    named_speakers: int = 0
    words_quoted: int = 0
    genre: str = Field(
        default="",
        description="the article's genre, guessed: news, opinion, interview, analysis, live blog, press release",
    )
    verdict: str = ""
    not_analysed: str = Field(
        default="",
        description="why the text was not analysed (it does not read as English prose); empty when it was",
    )


class Engine(_Model):
    """What produced the report, so results can be compared and reproduced."""

    onrecord: str
    model: str
    mode: str = "fast"


class Report(_Model):
    schema_version: str = SCHEMA_VERSION
    article: Article
    attributions: list[Attribution] = Field(default_factory=list)
    speakers: list[Speaker] = Field(default_factory=list)
    sentences: list[Sentence] = Field(default_factory=list)
    markers: list[Marker] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    summary: Summary = Field(default_factory=Summary)
    engine: Engine | None = None

    def to_json(self, *, indent: int | None = None) -> str:
        """The one serialisation of a report."""
        return self.model_dump_json(indent=indent)

    @classmethod
    def from_json(cls, data: str | bytes) -> Report:
        return cls.model_validate_json(data)

    def iter_spans(self) -> list[Span]:
        """Every span in the report (for checking the offset rule)."""
        out: list[Span] = []
        for a in self.attributions:
            out.extend(s for s in (a.source, a.cue, a.via) if s is not None)
            out.extend(a.content_spans())
            if a.speaker:
                out.extend(a.speaker.mentions)
        for sp in self.speakers:
            out.extend(sp.mentions)
        out.extend(s.span for s in self.sentences)
        out.extend(m.span for m in self.markers)
        out.extend(e.span for e in self.entities)
        return out


class IngestErrorRecord(_Model):
    """An input that yielded no article, and why."""

    source: str = Field(description="the input: path, path@offset (WARC), path:line (JSONL) or URL")
    reason: str

    _clean = field_validator("source", "reason", mode="before")(_no_surrogates)
    _traceback: str | None = PrivateAttr(default=None)

    @property
    def traceback(self) -> str | None:
        """For an internal error (a bug in onrecord), the traceback of the exception, else None."""
        return self._traceback

    def with_traceback(self, text: str) -> IngestErrorRecord:
        self._traceback = text
        return self


def report_json_schema() -> dict[str, object]:
    """The JSON Schema of :class:`Report` (what ``onrecord schema`` prints)."""
    schema = Report.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://onrecord.invalid/schema/report-{SCHEMA_VERSION}.json"
    return schema
