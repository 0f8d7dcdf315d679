"""Text that is not English prose is not analysed (:mod:`onrecord.pipeline.prose`): no invented
speakers from Portuguese or German capitalised words, and a reason a program can read."""

from __future__ import annotations

import pytest
from spacy.tokens import DocBin

import onrecord
from onrecord.pipeline import load
from onrecord.pipeline.prose import MIN_WORDS, not_prose

PORTUGUESE = (
    "Nesta página você encontra sempre a tabela atualizada do campeonato até a última rodada. "
    "Coloque nos seus favoritos e volte sempre para conferir. Carlos: Estou aqui ao lado do Eugênio, "
    "que já é de casa. Eugênio: Por sua causa, Carlos. Eu fico até emocionado, porque o Miguel foi um "
    "grande parceiro durante muitos anos, e a Suzete, que é a viúva dele, vai ficar muito feliz."
)
GERMAN = (
    "Die elektronische Patientenakte wird seit Jahren intensiv diskutiert. In Deutschland liegen "
    "Patientendaten in internen Systemen vor, sei es in Krankenhäusern oder Arztpraxen. Zur "
    "Sicherheitsinfrastruktur gehört eine Zwei-Faktor-Authentifizierung aus registriertem Smartphone "
    "und Passworteingabe, bevor der Versicherte Zugriff erhält. Damit trägt der Patient selbst Verantwortung."
)
ENGLISH = (
    '"We will not give up," said Mayor Ana Ruiz on Tuesday, after the council voted to close the '
    "bridge for repairs. Residents said the detour would add an hour to their commute, and some "
    "analysts warned that shops on the east side could lose customers for months. The city said it "
    "would pay for extra buses while the work went on."
)


@pytest.mark.parametrize(("text", "analysed"), [(PORTUGUESE, False), (GERMAN, False), (ENGLISH, True)])
def test_only_english_prose_is_analysed(text: str, analysed: bool) -> None:
    report = onrecord.analyze(text)
    assert (report.summary.not_analysed == "") is analysed
    if not analysed:
        assert report.attributions == [] and report.speakers == [] and report.sentences == []
        assert report.summary.verdict.startswith("Not analysed: the text does not read as English prose")
    else:
        assert report.attributions


def test_a_short_text_is_always_analysed() -> None:
    doc = load()(" ".join(["Bom dia"] * (MIN_WORDS // 4)))
    assert not_prose(doc) == ""


def test_the_reason_travels_with_the_doc() -> None:
    nlp = load()
    doc = nlp(GERMAN)
    docs = list(DocBin(docs=[doc], store_user_data=True).get_docs(nlp.vocab))
    assert docs[0]._.not_analysed == doc._.not_analysed != ""
