"""The one place where onrecord's spaCy components and Doc extensions are registered.

Importing this module registers the factories; :func:`onrecord.pipeline.load` adds them to a
pipeline. Each factory is small; the work lives in plain classes in their own modules.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from onrecord.pipeline.attribution import AttributionFinder
from onrecord.pipeline.learned import LearnedAttribution
from onrecord.pipeline.learned_model import WEIGHTS_BY_MODE
from onrecord.pipeline.nested import NestedQuotes
from onrecord.pipeline.quotes import find_quotes
from onrecord.pipeline.sourcing import SourcingLabeler
from onrecord.pipeline.speakers import SpeakerResolver
from onrecord.pipeline.statements import StatementFilter
from onrecord.pipeline.token_attrs import TokenAttributes
from onrecord.pipeline.types import doc_text

_EXTENSIONS: dict[str, Any] = {
    "quotes": None,
    "attributions": None,
    "speakers": None,
    "sentence_labels": None,
    "markers": None,
    "entities": None,
    "genre": "",
}

for _name, _default in _EXTENSIONS.items():
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)


@Language.component("onrecord_quotes")
def quotes_component(doc: Doc) -> Doc:
    doc._.quotes = find_quotes(doc_text(doc))
    return doc


@Language.factory("onrecord_attribution")
def make_attribution(nlp: Language, name: str) -> AttributionFinder:
    return AttributionFinder(nlp)


@Language.factory("onrecord_nested")
def make_nested(nlp: Language, name: str) -> NestedQuotes:
    return NestedQuotes(nlp)


@Language.factory("onrecord_statements", default_config={"threshold": None})
def make_statements(nlp: Language, name: str, threshold: float | None) -> StatementFilter:
    return StatementFilter(nlp, threshold)


@Language.factory("onrecord_speakers")
def make_speakers(nlp: Language, name: str) -> SpeakerResolver:
    return SpeakerResolver(nlp)


@Language.factory("onrecord_sourcing")
def make_sourcing(nlp: Language, name: str) -> SourcingLabeler:
    return SourcingLabeler(nlp)


@Language.factory("onrecord_token_attrs")
def make_token_attrs(nlp: Language, name: str) -> TokenAttributes:
    return TokenAttributes(nlp)


@Language.factory("onrecord_learned", default_config={"weights": list(WEIGHTS_BY_MODE["fast"])})
def make_learned(nlp: Language, name: str, weights: list[str]) -> LearnedAttribution:
    return LearnedAttribution(nlp, weights)


COMPONENTS: tuple[str, ...] = (
    "onrecord_quotes",
    "onrecord_attribution",
    "onrecord_learned",
    "onrecord_nested",
    "onrecord_statements",
    "onrecord_speakers",
    "onrecord_sourcing",
)


def components(mode: str = "fast") -> tuple[str, ...]:
    """The onrecord components a pipeline of ``mode`` runs, in order ("rules" skips the learned one)."""
    if mode == "rules":
        return tuple(c for c in COMPONENTS if c != "onrecord_learned")
    return COMPONENTS


def config(name: str, mode: str) -> dict[str, Any]:
    """The settings component ``name`` takes in a pipeline of ``mode`` (the tagger weights)."""
    if name == "onrecord_learned":
        return {"weights": list(WEIGHTS_BY_MODE[mode])}
    return {}
