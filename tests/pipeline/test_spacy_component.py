"""onrecord as a spaCy user meets it: ``add_pipe("onrecord")`` in a process that never imported
onrecord, Docs through ``DocBin`` and ``nlp.pipe(n_process=2)``, ``to_disk`` -> ``spacy.load``;
each gives the same Report as :func:`onrecord.analyze`.

The spaCy side runs in a fresh Python process (no ``import onrecord``: spaCy finds the component
through its entry point) and writes its Docs to a DocBin file; this process reads them back and
compares their Reports with ``analyze``'s.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc, DocBin

from onrecord import analyze
from onrecord.pipeline import DEFAULT_MODEL, doc_to_report, load
from tests.conftest import SEED_TEXT

TEXTS = [
    SEED_TEXT.read_text(encoding="utf-8"),
    "“We will not leave,” Defence Minister Anna Berg told reporters on Monday. She said the talks "
    "would go on.\n\nSources close to the ministry said the deal was off, according to Reuters.",
    "",
]
NBSP = "“The base stays,”\u00a0the ambassador\u00a0said. Some analysts doubt it."


def _fresh(script: str, tmp_path: Path, texts: list[str]) -> list[Doc]:
    """Run ``script`` in a new interpreter (``texts`` and ``out`` given); read the DocBin it wrote."""
    (tmp_path / "texts.json").write_text(json.dumps(texts), encoding="utf-8")
    out = tmp_path / "docs.spacy"
    prelude = textwrap.dedent(f"""
        import json, sys
        texts = json.load(open({str(tmp_path / "texts.json")!r}, encoding="utf-8"))
        out = {str(out)!r}
    """)
    proc = subprocess.run(
        [sys.executable, "-c", prelude + textwrap.dedent(script)],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=tmp_path,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    nlp = spacy.blank("en")
    return list(DocBin(store_user_data=True).from_disk(out).get_docs(nlp.vocab))


def _same_reports(docs: list[Doc], texts: list[str], mode: str = "fast") -> None:
    assert len(docs) == len(texts)
    for doc, text in zip(docs, texts, strict=True):
        got = doc_to_report(doc, mode=mode).model_dump(mode="json")
        assert got == analyze(text, mode=mode).model_dump(mode="json")


ADD_PIPE = f"""
    import spacy
    from spacy.tokens import DocBin
    nlp = spacy.load({DEFAULT_MODEL!r})
    # the script never imports onrecord: spaCy finds the component through its entry point
    # (srsly may have read the record codec's module, which holds no component)
    assert "onrecord.pipeline.component" not in sys.modules
    nlp.add_pipe("onrecord")
    assert not nlp.analyze_pipes()["problems"]["onrecord"]
    docs = list(nlp.pipe(texts, n_process=N_PROCESS))
    bin = DocBin(store_user_data=True)
    for doc in docs:
        assert doc._.attributions is not None and doc.spans["onrecord"] is not None
        bin.add(doc)
    bin.to_disk(out)
"""


def test_add_pipe_in_a_fresh_process_gives_the_report_of_analyze(tmp_path: Path) -> None:
    _same_reports(_fresh(ADD_PIPE.replace("N_PROCESS", "1"), tmp_path, TEXTS), TEXTS)


def test_nlp_pipe_with_two_processes(tmp_path: Path) -> None:
    texts = TEXTS * 2
    _same_reports(_fresh(ADD_PIPE.replace("N_PROCESS", "2"), tmp_path, texts), texts)


def test_to_disk_then_spacy_load_in_a_fresh_process(tmp_path: Path) -> None:
    for mode in ("fast", "rules"):
        saved = tmp_path / f"pipeline-{mode}"
        load(DEFAULT_MODEL, mode).to_disk(saved)
        script = f"""
            import spacy
            from spacy.tokens import DocBin
            nlp = spacy.load({str(saved)!r})
            assert type(nlp.tokenizer).__name__ == "SpaceTokenizer"
            bin = DocBin(store_user_data=True)
            for doc in nlp.pipe(texts):
                bin.add(doc)
            bin.to_disk(out)
        """
        texts = [*TEXTS, NBSP]
        (tmp_path / mode).mkdir()
        _same_reports(_fresh(script, tmp_path / mode, texts), texts, mode)


def test_the_tokenizer_is_a_config_setting(tmp_path: Path) -> None:
    """A spaCy user's pipeline reads no-break spaces as onrecord does with one config override."""
    script = f"""
        import spacy
        from spacy.tokens import DocBin
        tokenizer = {{"nlp": {{"tokenizer": {{"@tokenizers": "onrecord.Tokenizer.v1"}}}}}}
        nlp = spacy.load({DEFAULT_MODEL!r}, config=tokenizer)
        nlp.add_pipe("onrecord")
        bin = DocBin(store_user_data=True)
        bin.add(nlp(texts[0]))
        bin.to_disk(out)
    """
    _same_reports(_fresh(script, tmp_path, [NBSP]), [NBSP])


def test_doc_to_bytes_keeps_every_record() -> None:
    nlp = load()
    doc = nlp(TEXTS[1])
    back = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    for name in ("quotes", "attributions", "speakers", "markers", "entities", "sentence_labels", "genre"):
        assert getattr(back._, name) == getattr(doc._, name), name
    assert doc_to_report(back) == doc_to_report(doc)


def test_spans_and_entities_as_spacy_data() -> None:
    doc = load()(TEXTS[1])
    report = doc_to_report(doc)
    spans = {(s.id_, s.label_): s.text for s in doc.spans["onrecord"]}
    for a in report.attributions:
        assert a.cue is None or spans[(a.id, "CUE")] == a.cue.text
        assert a.source is None or spans[(a.id, "SOURCE")] == a.source.text
    assert ("A1", "CONTENT") in spans
    assert {s.id_ for s in doc.spans["onrecord_speakers"]} == {s.id for s in report.speakers}
    berg = [e for e in doc.ents if e.label_ == "PERSON"]
    assert berg and berg[0].kb_id_ == "Anna Berg"
    html = spacy.displacy.render(doc, style="span", options={"spans_key": "onrecord"})
    assert "CUE" in html


@pytest.mark.parametrize("name", ["onrecord_quotes", "onrecord_attribution", "onrecord_speakers"])
def test_every_step_is_a_factory_with_requires_and_assigns(name: str) -> None:
    from spacy.language import Language

    meta = Language.get_factory_meta(name)
    assert meta.assigns
    assert name == "onrecord_quotes" or meta.requires


def test_a_step_by_name_and_a_wrong_name() -> None:
    from onrecord.errors import UsageError

    component = load().get_pipe("onrecord")
    assert component.step("speakers") is not None
    with pytest.raises(UsageError, match="it has quotes, attribution"):
        component.step("coref")
    with pytest.raises(UsageError, match="learned"):
        load(mode="rules").get_pipe("onrecord").step("learned")
