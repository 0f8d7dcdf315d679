"""The HTML of the analyse pages: the form, the error page, the bar above a report, the list of a
multi-article upload, and the self-contained API page at ``/docs``. Every value shown is escaped
here; nothing is loaded from anywhere (the server's content-security policy forbids it)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from typing import Any

from onrecord.models import IngestErrorRecord
from onrecord.settings import MODES

_CSS = """
body{font:16px/1.5 system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#1d2330}
textarea{width:100%;min-height:16rem;font:inherit;padding:.6rem;border:1px solid #b8c0cc;border-radius:6px;box-sizing:border-box}
input[type=text],input[type=url],select{font:inherit;padding:.3rem .5rem;width:100%;border:1px solid #b8c0cc;border-radius:6px;box-sizing:border-box}
button{font:inherit;padding:.5rem 1.2rem;border:0;border-radius:6px;background:#234e8c;color:#fff;cursor:pointer}
label{display:block;margin:.9rem 0 .2rem;font-weight:600}
fieldset{border:1px solid #d5dae2;border-radius:6px;margin:1rem 0;padding:.4rem 1rem 1rem}
legend{font-weight:600;padding:0 .3rem}
.hint{color:#5a6272;font-size:.9rem;margin:.2rem 0}
.error{border-left:4px solid #b3261e;background:#fbeeed;padding:.6rem 1rem;border-radius:4px}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #e3e6eb;padding:.35rem .5rem;text-align:left;vertical-align:top}
code{background:#f2f4f7;padding:0 .25rem;border-radius:3px}
"""

#: The bar put above a report page: back to the form, and the downloads.
_BAR_CSS = (
    "#onrecord-bar{font:15px/1.4 system-ui,sans-serif;background:#eef2f8;border-bottom:1px solid #cfd6e2;"
    "padding:.5rem 1rem;display:flex;flex-wrap:wrap;gap:.4rem 1.2rem;align-items:center}"
    "#onrecord-bar a{color:#234e8c}"
)
_BODY = re.compile(r"<body\b[^>]*>", re.I)
_HEAD_END = re.compile(r"</head\s*>", re.I)


def page(title: str, body: str) -> str:
    """A whole page around ``body`` (already HTML)."""
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)} · onrecord</title><style>{_CSS}</style></head><body>{body}</body></html>\n"
    )


def form_page(*, version: str, model: str, max_chars: int, max_bytes: int) -> str:
    # the multipart encoding (for the file) is the submit button's formenctype, which implicit
    # submission (Enter in a field) uses too; the <form> tag itself stays as it always was
    modes = "".join(f'<option value="{escape(m)}">{escape(m)}</option>' for m in MODES)
    body = f"""<h1>onrecord</h1>
<p>Who said this, in what capacity, and on whose authority? Give an article: paste it, upload it, or link to it.</p>
<form method="post" action="/analyze">
<fieldset><legend>The article — one of these</legend>
<label for="text">Paste its text, or the page's HTML</label>
<textarea id="text" name="text" placeholder="Paste the article here (HTML is detected and its main text extracted)"></textarea>
<label for="file">…or upload a file</label>
<input id="file" name="file" type="file" accept=".txt,.text,.html,.htm,.gz,.jsonl,.ndjson">
<p class="hint">.txt (UTF-8), .html, .html.gz, or .jsonl with a few articles (one <code>{{"text": …}}</code> or
<code>{{"html": …}}</code> object a line).</p>
<label for="url">…or give a link to fetch</label>
<input id="url" name="url" type="url" placeholder="https://example.com/news/article">
<p class="hint">With pasted text or a file, the link is kept as the article's address and not fetched.</p>
</fieldset>
<label for="title">Title (optional)</label><input id="title" name="title" type="text">
<label for="mode">Mode</label><select id="mode" name="mode">{modes}</select>
<p class="hint">fast: rules and one learned tagger · accurate: two taggers reading a small transformer
(better spans, slower) · rules: the rule layer alone.</p>
<p><button type="submit" formenctype="multipart/form-data">Analyse</button></p></form>
<p class="hint">Up to {max_chars:,} characters of article text and {max_bytes:,} bytes per request.
onrecord {escape(version)} · model {escape(model)} · API: <code>POST /api/analyze</code>,
described at <a href="/docs">/docs</a>.</p>"""
    return page("Analyse an article", body)


def error_page(status: int, detail: str) -> str:
    body = (
        f'<h1>Not analysed</h1><div class="error" role="alert"><p><strong>{status}</strong> · '
        f"{escape(detail)}</p></div>"
        '<p><a href="/analyze">← Back to the form</a> (your browser\'s back button keeps what you entered)</p>'
    )
    return page("Not analysed", body)


@dataclass(frozen=True)
class Links:
    """Where one stored report is: its page and its three downloads."""

    page: str
    json: str
    csv: str
    html: str


def _download(href: str, label: str) -> str:
    return f'<a href="{escape(href)}" download>{escape(label)}</a>'


def with_bar(report_html: str, links: Links, *, up: str | None = None) -> str:
    """The standalone report page with a bar above it: back to the form (and to the list of the
    upload, ``up``), and the downloads."""
    back = '<a href="/analyze">← Analyse another article</a>'
    if up:
        back += f' <a href="{escape(up)}">↑ All articles of this upload</a>'
    bar = (
        f'<nav id="onrecord-bar" aria-label="onrecord">{back}<span>Download: '
        f"{_download(links.json, 'JSON (the report)')} · {_download(links.csv, 'CSV (quote sheet)')} · "
        f"{_download(links.html, 'HTML (standalone)')}</span></nav>"
    )
    out = _HEAD_END.sub(lambda m: f"<style>{_BAR_CSS}</style>{m.group(0)}", report_html, count=1)
    found = _BODY.search(out)
    if found is None:  # pragma: no cover - render_html always writes a <body>
        return bar + out
    return out[: found.end()] + bar + out[found.end() :]


@dataclass(frozen=True)
class Row:
    """One article of a multi-article upload."""

    title: str
    source: str
    attributions: int
    links: Links


def batch_page(rows: Sequence[Row], errors: Sequence[IngestErrorRecord], *, sheet: str) -> str:
    cells = "".join(
        f'<tr><td>{n}</td><td><a href="{escape(r.links.page)}">{escape(r.title)}</a>'
        f'<br><span class="hint">{escape(r.source)}</span></td><td>{r.attributions}</td>'
        f"<td>{_download(r.links.json, 'JSON')} · {_download(r.links.csv, 'CSV')} · "
        f"{_download(r.links.html, 'HTML')}</td></tr>"
        for n, r in enumerate(rows, 1)
    )
    body = (
        f"<h1>{len(rows)} article(s) analysed</h1>"
        f'<p><a href="/analyze">← Analyse another</a> · Download the quote sheet of all of them: '
        f"{_download(sheet, 'CSV')}</p>"
        "<table><thead><tr><th>#</th><th>Article</th><th>Attributions</th><th>Downloads</th></tr></thead>"
        f"<tbody>{cells}</tbody></table>"
    )
    if errors:
        items = "".join(f"<li><code>{escape(e.source)}</code>: {escape(e.reason)}</li>" for e in errors)
        body += f'<h2>Not read ({len(errors)})</h2><ul class="error">{items}</ul>'
    return page(f"{len(rows)} articles", body)


def docs_page(spec: dict[str, Any]) -> str:
    """Every path, method and summary of the OpenAPI document ``spec``, on one page of its own."""
    rows = []
    for path, item in sorted(spec.get("paths", {}).items()):
        for method, op in item.items():
            if not isinstance(op, dict):
                continue
            shown = escape(path)
            if method == "get" and "{" not in path:
                shown = f'<a href="{escape(path)}">{shown}</a>'
            summary = escape(str(op.get("summary", "")))
            desc = str(op.get("description", "")).strip().split("\n\n")[0]
            detail = f'<br><span class="hint">{escape(desc)}</span>' if desc else ""
            rows.append(
                f"<tr><td><code>{escape(method.upper())}</code></td><td><code>{shown}</code></td>"
                f"<td>{summary}{detail}</td></tr>"
            )
    info = spec.get("info", {})
    body = (
        f"<h1>{escape(str(info.get('title', 'API')))} API</h1>"
        f"<p>Version {escape(str(info.get('version', '')))} · the machine-readable description: "
        '<a href="/openapi.json">/openapi.json</a> (OpenAPI) · the Report schema: '
        '<a href="/api/schema">/api/schema</a> · <a href="/analyze">the form</a></p>'
        "<table><thead><tr><th>Method</th><th>Path</th><th>What it does</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
    return page("API", body)
