"""The seed article's report shows every item of gold.json in every format (text, Markdown, HTML, JSON)."""

from __future__ import annotations

import json
from html import unescape
from typing import Any

import pytest

from onrecord.models import Report
from onrecord.report import render
from onrecord.report.markdown import md
from onrecord.report.terminal import render_text


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def outputs(seed_report: Report) -> dict[str, str]:
    html = render(seed_report, "html")
    # the report sections only (the annotated article repeats the whole text anyway)
    top = html[: html.index('class="card article"')]
    return {
        "text": _flat(render_text(seed_report, width=400)),
        "md": _flat(render(seed_report, "md")),
        "html": _flat(unescape(top)),
        "json": render(seed_report, "json"),
    }


def _shown(out: str, fmt: str, phrase: str) -> bool:
    if fmt == "json":
        return json.dumps(phrase, ensure_ascii=False)[1:-1] in out
    if fmt == "md":
        return md(phrase) in out
    return _flat(phrase) in out


FORMATS = ("text", "md", "html", "json")


@pytest.mark.parametrize("fmt", FORMATS)
def test_gold_items_in_every_format(seed_gold: dict[str, Any], outputs: dict[str, str], fmt: str) -> None:
    out = outputs[fmt]
    wanted = list(seed_gold["editorial_color"])
    wanted += [a["speaker"] for a in seed_gold["attributions"] if a["source_type"] in ("anonymous", "vague")]
    wanted += [s["name"] for s in seed_gold["speakers"]]
    markers = [
        "Behind closed doors",
        "In private meetings with Russian officials",
        "reportedly",
        "Behind the scenes",
        "privately",
    ]
    missing = [
        w for w in wanted + markers if not _shown(out, fmt, w) and not _shown(out, fmt, w[0].upper() + w[1:])
    ]
    assert missing == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_verdict_in_every_format(seed_report: Report, outputs: dict[str, str], fmt: str) -> None:
    assert _shown(outputs[fmt], fmt, seed_report.summary.verdict)


def test_html_labels_every_sentence(seed_report: Report) -> None:
    html = render(seed_report, "html")
    assert html.count('class="sent ') == len(seed_report.sentences)
