"""The one place where onrecord's spaCy factories and its tokenizer are registered.

They are declared as entry points (``spacy_factories``, ``spacy_tokenizers``), so
``nlp.add_pipe("onrecord")`` and ``spacy.load`` of a saved onrecord pipeline work without importing
onrecord first. Each factory is small; the work lives in plain classes in their own modules.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import registry

from onrecord.settings import WEIGHTS_BY_MODE

if TYPE_CHECKING:
    from onrecord.pipeline.component import Onrecord
    from onrecord.pipeline.learned.tagger import LearnedAttribution
    from onrecord.pipeline.quotes.nested import NestedQuotes
    from onrecord.pipeline.quotes.rules import AttributionFinder
    from onrecord.pipeline.quotes.statements import StatementFilter
    from onrecord.pipeline.sourcing.labels import SourcingLabeler
    from onrecord.pipeline.speakers.resolver import SpeakerResolver
    from onrecord.pipeline.token_attrs import TokenAttributes

# The classes are imported when a component is made, not here: spaCy reads every installed
# package's factories whenever it loads a pipeline, and this module costs such a load nothing.

_SYNTAX = [
    "token.dep",
    "token.lemma",
    "token.tag",
    "token.is_sent_start",
]  # token.pos: the ruler declares none
_RESULTS = [
    "doc._.quotes",
    "doc._.attributions",
    "doc._.speakers",
    "doc._.entities",
    "doc._.sentence_labels",
    "doc._.markers",
    "doc._.genre",
    "doc.spans",
]


@Language.factory(
    "onrecord",
    requires=[*_SYNTAX, "doc.ents"],
    assigns=[*_RESULTS, "doc.ents"],
    default_config={"mode": "fast", "statement_threshold": None},
)
def make_onrecord(nlp: Language, name: str, mode: str, statement_threshold: float | None) -> Onrecord:
    from onrecord.pipeline.component import Onrecord

    return Onrecord(nlp, name, mode=mode, statement_threshold=statement_threshold)


@Language.component("onrecord_quotes", assigns=["doc._.quotes"])
def quotes_component(doc: Doc) -> Doc:
    from onrecord.pipeline.component import quotes_step

    return quotes_step(doc)


@Language.factory("onrecord_attribution", requires=["doc._.quotes", *_SYNTAX], assigns=["doc._.attributions"])
def make_attribution(nlp: Language, name: str) -> AttributionFinder:
    from onrecord.pipeline.quotes.rules import AttributionFinder

    return AttributionFinder(nlp)


@Language.factory(
    "onrecord_learned",
    requires=["doc._.quotes", "doc._.attributions", "token.tag", "token.dep"],
    assigns=["doc._.attributions"],
    default_config={"weights": list(WEIGHTS_BY_MODE["fast"])},
)
def make_learned(nlp: Language, name: str, weights: list[str]) -> LearnedAttribution:
    from onrecord.pipeline.learned.tagger import LearnedAttribution

    return LearnedAttribution(nlp, weights)


@Language.factory("onrecord_nested", requires=["doc._.attributions"], assigns=["doc._.attributions"])
def make_nested(nlp: Language, name: str) -> NestedQuotes:
    from onrecord.pipeline.quotes.nested import NestedQuotes

    return NestedQuotes(nlp)


@Language.factory(
    "onrecord_statements",
    requires=["doc._.attributions"],
    assigns=["doc._.attributions"],
    default_config={"threshold": None},
)
def make_statements(nlp: Language, name: str, threshold: float | None) -> StatementFilter:
    from onrecord.pipeline.quotes.statements import StatementFilter

    return StatementFilter(nlp, threshold)


@Language.factory(
    "onrecord_speakers",
    requires=["doc._.attributions", "doc.ents", *_SYNTAX],
    assigns=["doc._.speakers", "doc._.entities", "doc._.attributions"],
)
def make_speakers(nlp: Language, name: str) -> SpeakerResolver:
    from onrecord.pipeline.speakers.resolver import SpeakerResolver

    return SpeakerResolver(nlp)


@Language.factory(
    "onrecord_sourcing",
    requires=["doc._.attributions", *_SYNTAX],
    assigns=["doc._.sentence_labels", "doc._.markers", "doc._.genre", "doc._.attributions"],
)
def make_sourcing(nlp: Language, name: str) -> SourcingLabeler:
    from onrecord.pipeline.sourcing.labels import SourcingLabeler

    return SourcingLabeler(nlp)


@Language.component("onrecord_entities", requires=["doc._.entities"], assigns=["doc.ents"])
def entities_component(doc: Doc) -> Doc:
    from onrecord.pipeline.component import entities_step

    return entities_step(doc)


@Language.component(
    "onrecord_spans", requires=["doc._.attributions", "doc._.speakers"], assigns=["doc.spans"]
)
def spans_component(doc: Doc) -> Doc:
    from onrecord.pipeline.component import spans_step

    return spans_step(doc)


@Language.factory(
    "onrecord_token_attrs",
    requires=["token.tag", "token.dep"],
    assigns=["token.pos", "token.lemma", "token.morph"],
    default_config={"ruler": "attribute_ruler", "lemmatizer": "lemmatizer"},
)
def make_token_attrs(nlp: Language, name: str, ruler: str, lemmatizer: str) -> TokenAttributes:
    from onrecord.pipeline.token_attrs import TokenAttributes

    return TokenAttributes(nlp, ruler, lemmatizer)


@registry.tokenizers("onrecord.Tokenizer.v1")  # type: ignore[untyped-decorator]
def make_tokenizer() -> Callable[[Language], Any]:
    """spaCy's tokenizer reading no-break and other horizontal Unicode spaces as plain spaces."""
    from onrecord.pipeline.spaces import SpaceTokenizer

    return SpaceTokenizer.factory
