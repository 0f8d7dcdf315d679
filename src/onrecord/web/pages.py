"""The corpus explorer's HTML pages, from the plain data of :mod:`onrecord.store.explore`.

Every value from the store (article text, titles, quotes, names, outlets) is escaped with
:func:`html.escape`, and every link built from one is URL-quoted. No script: forms, links and
inline SVG charts (:mod:`onrecord.web.charts`), inside the security policy of
:mod:`onrecord.web.limits`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from html import escape
from typing import Any
from urllib.parse import quote, urlencode

from onrecord.models import Report
from onrecord.web import charts

CSS = """
body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:0 auto;padding:0 1rem 3rem;color:#1d2330}
nav{display:flex;flex-wrap:wrap;gap:.2rem 1rem;padding:.8rem 0;border-bottom:1px solid #d6dbe3;margin-bottom:1rem}
nav a{color:#234e8c;text-decoration:none;font-weight:600}
a{color:#234e8c}
form.search{display:flex;flex-wrap:wrap;gap:.4rem;margin:.6rem 0}
form.search input,form.search select{font:inherit;padding:.3rem .5rem;border:1px solid #b8c0cc;border-radius:6px}
form.search input[name=q]{flex:1 1 16rem}
button{font:inherit;padding:.3rem 1rem;border:0;border-radius:6px;background:#234e8c;color:#fff}
table{border-collapse:collapse;width:100%;font-size:.95rem}
th,td{text-align:left;padding:.35rem .4rem;border-bottom:1px solid #e3e7ee;vertical-align:top}
.quote{font-style:italic}
.meta{color:#4a5263;font-size:.9rem}
.tag{display:inline-block;padding:0 .4rem;border-radius:4px;background:#e8ecf3;font-size:.8rem;margin-right:.2rem}
.tag.misquote,.tag.different{background:#f6d8d1}
del{background:#f6d8d1;text-decoration:line-through}
ins{background:#d3ecd9;text-decoration:none}
.empty{color:#4a5263}
.wide{overflow-x:auto}
@media (max-width:40rem){th.opt,td.opt{display:none}}
"""

NAV = (("/", "Search quotes"), ("/verify", "Verify a quote"), ("/people", "People"), ("/outlets", "Outlets"))


def layout(title: str, body: str, *, analyse: bool = True) -> str:
    links = [*NAV, ("/analyze", "Analyse an article")] if analyse else list(NAV)
    nav = "".join(f'<a href="{href}">{escape(label)}</a>' for href, label in links)
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(title)} · onrecord</title>"
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<style>{CSS}</style></head><body><nav>{nav}</nav>{body}</body></html>"
    )


def href(path: str, **params: Any) -> str:
    query = urlencode({k: v for k, v in params.items() if v not in (None, "")})
    return path + ("?" + query if query else "")


def person_href(person_id: str) -> str:
    return "/people/" + quote(person_id, safe="")


def outlet_href(name: str) -> str:
    return "/outlets/" + quote(name, safe="")


def cluster_href(cluster_id: str) -> str:
    return "/clusters/" + quote(cluster_id, safe="")


def article_href(article_id: str) -> str:
    return "/articles/" + quote(article_id, safe="")


def _opt(value: Any) -> str:
    return "" if value is None else escape(str(value))


def _pager(path: str, result: Mapping[str, Any], params: Mapping[str, Any]) -> str:
    page, per, total = result["page"], result["per_page"], result["total"]
    last = max(1, -(-total // per))
    parts = [f'<p class="meta">{total:,} found · page {page} of {last}']
    if page > 1:
        parts.append(f' · <a rel="prev" href="{escape(href(path, **params, page=page - 1))}">previous</a>')
    if page < last:
        parts.append(f' · <a rel="next" href="{escape(href(path, **params, page=page + 1))}">next</a>')
    parts.append("</p>")
    return "".join(parts)


def _select(name: str, options: Iterable[str], current: str | None, blank: str) -> str:
    opts = [f'<option value="">{escape(blank)}</option>']
    for o in options:
        sel = " selected" if o == current else ""
        opts.append(f'<option value="{escape(o)}"{sel}>{escape(o)}</option>')
    return f'<select name="{name}" aria-label="{escape(blank)}">{"".join(opts)}</select>'


def quotes_page(result: Mapping[str, Any], filters: Mapping[str, Any], outlets: list[str]) -> str:
    f = {k: v for k, v in filters.items() if v}
    form = (
        '<form class="search" method="get" action="/">'
        f'<input name="q" value="{_opt(f.get("q"))}" placeholder="words of a quote" aria-label="quote words">'
        f'<input name="speaker" value="{_opt(f.get("speaker"))}" placeholder="speaker" aria-label="speaker">'
        + _select("outlet", outlets, f.get("outlet"), "any outlet")
        + _select("kind", ("direct", "mixed"), f.get("kind"), "any kind")
        + _select("source_type", ("named", "anonymous", "vague", "none"), f.get("source_type"), "any source")
        + f'<input name="since" type="date" value="{_opt(f.get("since"))}" aria-label="since">'
        f'<input name="until" type="date" value="{_opt(f.get("until"))}" aria-label="until">'
        '<button type="submit">Search</button></form>'
    )
    csv = escape(href("/quotes.csv", **f))
    rows = []
    for r in result["results"]:
        who = escape(r["speaker"] or "(unattributed)")
        if r["person_id"]:
            who = f'<a href="{escape(person_href(r["person_id"]))}">{who}</a>'
        role = f'<br><span class="meta">{escape(r["role"])}</span>' if r["role"] else ""
        outlet = (
            f'<a href="{escape(outlet_href(r["outlet"]))}">{escape(r["outlet"])}</a>' if r["outlet"] else ""
        )
        rows.append(
            "<tr>"
            f'<td class="quote"><a href="{escape(cluster_href(r["cluster_id"]))}">“{escape(r["text"])}”</a></td>'
            f"<td>{who}{role}</td><td>{outlet}"
            f'<br><span class="meta">{_opt(r["published"])}</span></td>'
            f'<td class="opt"><a href="{escape(article_href(r["article_id"]))}">{escape(r["title"] or "article")}'
            f'</a><br><span class="tag">{escape(r["kind"])}</span><span class="tag">{escape(r["source_type"])}'
            "</span></td></tr>"
        )
    table = (
        '<div class="wide"><table><thead><tr><th>Quote</th><th>Speaker</th><th>Outlet, date</th>'
        f'<th class="opt">Article</th></tr></thead><tbody>{"".join(rows)}</tbody></table></div>'
        if rows
        else '<p class="empty">No quote matches.</p>'
    )
    body = (
        f"<h1>Search quotes</h1>{form}{_pager('/', result, f)}{table}"
        f'<p class="meta"><a href="{csv}">CSV of every match</a> · JSON: '
        f'<a href="{escape(href("/api/quotes", **f))}">/api/quotes</a></p>'
    )
    return layout("Search quotes", body)


def _variant_groups(variants: list[Mapping[str, Any]]) -> list[list[Mapping[str, Any]]]:
    """Variants with the same words, speaker and kinds together, in order of first appearance."""
    groups: dict[tuple[Any, ...], list[Mapping[str, Any]]] = {}
    for v in variants:
        key = (v["text"], v["speaker"], tuple(v["kinds"]), v["earliest"])
        groups.setdefault(key, []).append(v)
    return list(groups.values())


def _variant(group: list[Mapping[str, Any]]) -> str:
    v = group[0]
    segs = []
    for tag, words in v["segments"]:
        w = escape(words)
        segs.append(f"<del>{w}</del>" if tag == "removed" else f"<ins>{w}</ins>" if tag == "added" else w)
    kinds = "".join(
        f'<span class="tag {escape(k.split()[0])}">{escape(k)}</span>'
        for k in (v["kinds"] or (["earliest"] if v["earliest"] else []))
    )
    outlets = sorted({m["outlet"] or "(unknown)" for m in group})
    shown = escape(", ".join(outlets[:3])) + (f" and {len(outlets) - 3} more" if len(outlets) > 3 else "")
    times = f'<br><span class="meta">{len(group)} articles</span>' if len(group) > 1 else ""
    return (
        f"<tr><td>{kinds}{times}</td><td class=quote>{' '.join(segs)}</td>"
        f"<td>{escape(v['speaker'] or '(unattributed)')}</td>"
        f"<td>{shown}<br><span class=meta>{_opt(v['published'])}</span></td>"
        f'<td class="opt"><a href="{escape(article_href(v["article_id"]))}">article</a></td></tr>'
    )


def cluster_block(c: Mapping[str, Any], *, heading: str = "h2") -> str:
    first = c["earliest"]
    others = sorted(
        {
            v["speaker"] or "(unattributed)"
            for v in c["variants"]
            if "different speaker credited" in v["kinds"]
        }
    )
    credited = f"<p><strong>Also credited to:</strong> {escape(', '.join(others))}</p>" if others else ""
    score = f' <span class="meta">match {c["score"]:.0%}</span>' if "score" in c else ""
    title = escape(first["title"] or "article")
    return (
        f'<section><{heading} class="quote">“{escape(c["text"])}”{score}</{heading}>'
        f"<p>Credited to <strong>{escape(c['speaker'] or '(unattributed)')}</strong>. First seen "
        f"{_opt(first['published']) or '(undated)'} in {_opt(first['outlet']) or '(unknown outlet)'}: "
        f'<a href="{escape(article_href(first["article_id"]))}">{title}</a>. Carried by '
        f"{c['articles']} article(s) in {len(c['outlets'])} outlet(s).</p>{credited}"
        '<div class="wide"><table><thead><tr><th>Variant</th><th>Words (against the earliest)</th>'
        '<th>Speaker</th><th>Outlet</th><th class="opt"></th></tr></thead><tbody>'
        + "".join(_variant(g) for g in _variant_groups(c["variants"]))
        + f'</tbody></table></div><p class="meta"><a href="{escape(cluster_href(c["cluster_id"]))}">'
        "this quote's page</a></p></section>"
    )


def verify_page(q: str, clusters: list[dict[str, Any]]) -> str:
    form = (
        '<form class="search" method="get" action="/verify">'
        f'<input name="q" value="{escape(q)}" placeholder="paste the quote as you heard it" '
        'aria-label="quote to verify"><button type="submit">Verify</button></form>'
    )
    if not q.strip():
        found = '<p class="meta">Paste a quote, even misremembered: onrecord finds where it was said.</p>'
    elif not clusters:
        found = (
            f'<p class="empty"><strong>Not found in this corpus:</strong> no quote like “{escape(q)}”.</p>'
        )
    else:
        found = "".join(cluster_block(c) for c in clusters)
    return layout("Verify a quote", f"<h1>Verify a quote</h1>{form}{found}")


def cluster_page(c: Mapping[str, Any]) -> str:
    return layout("Quote", cluster_block(c, heading="h1"))


def people_page(result: Mapping[str, Any]) -> str:
    q = result["q"]
    form = (
        '<form class="search" method="get" action="/people">'
        f'<input name="q" value="{escape(q)}" placeholder="name" aria-label="name">'
        '<button type="submit">Find</button></form>'
    )
    rows = "".join(
        f'<tr><td><a href="{escape(person_href(p["id"]))}">{escape(p["name"])}</a></td>'
        f'<td class="opt">{escape("; ".join(p["roles"][:3]))}</td><td>{p["n_quotes"]}</td>'
        f"<td>{p['n_articles']}</td></tr>"
        for p in result["results"]
    )
    table = (
        "<table><thead><tr><th>Name</th><th class=opt>Roles seen</th><th>Attributions</th>"
        f"<th>Articles</th></tr></thead><tbody>{rows}</tbody></table>"
        if rows
        else '<p class="empty">Nobody by that name.</p>'
    )
    csv = escape(href("/people.csv", q=q))
    body = (
        f"<h1>People</h1>{form}{_pager('/people', result, {'q': q})}{table}"
        f'<p class="meta"><a href="{csv}">CSV</a></p>'
    )
    return layout("People", body)


def person_page(p: Mapping[str, Any]) -> str:
    chart = charts.bars(
        [(m["month"], m["attributions"]) for m in p["months"]], title="attributions per month"
    )
    outlets = "".join(
        f'<tr><td><a href="{escape(outlet_href(o["outlet"]))}">{escape(o["outlet"])}</a></td>'
        f"<td>{o['articles']}</td><td>{o['attributions']}</td></tr>"
        for o in p["outlets"]
    )
    quotes = "".join(
        f'<li><a class="quote" href="{escape(cluster_href(q["cluster_id"]))}">“{escape(q["text"])}”</a> '
        f'<span class="meta">{q["articles"]} article(s), {q["outlets"]} outlet(s), first '
        f"{_opt(q['first_published']) or '(undated)'}</span></li>"
        for q in p["quotes"]
    )
    other = [n for n in p["names"] if n != p["name"]]
    body = (
        f"<h1>{escape(p['name'])}</h1>"
        + (f"<p><strong>Also named:</strong> {escape(', '.join(other))}</p>" if other else "")
        + (f"<p><strong>Roles seen:</strong> {escape('; '.join(p['roles']))}</p>" if p["roles"] else "")
        + f'<p class="meta">{p["n_quotes"]} attribution(s) in {p["n_articles"]} article(s)</p>'
        f"<h2>Over time</h2>{chart}<h2>Most carried quotes</h2>"
        + (f"<ul>{quotes}</ul>" if quotes else '<p class="empty">No direct quotes.</p>')
        + "<h2>Outlets quoting them</h2><table><thead><tr><th>Outlet</th><th>Articles</th>"
        f"<th>Attributions</th></tr></thead><tbody>{outlets}</tbody></table>"
        f'<p class="meta"><a href="{escape(person_href(p["id"]).replace("/people/", "/api/people/", 1))}">'
        'JSON</a> · <a href="' + escape(href("/", speaker=p["id"])) + '">all their quotes</a></p>'
    )
    return layout(p["name"], body)


_SHARE_KEYS = ("named", "anonymous", "vague", "other")


def _share_row(r: Mapping[str, Any]) -> dict[str, float]:
    n = r["attributions"] or 1
    return {k: r[k] / n for k in _SHARE_KEYS}


def _sourcing_table(rows: list[dict[str, Any]], key: str, link: bool) -> str:
    body = []
    for r in rows:
        name = escape(str(r[key]))
        if link:
            name = f'<a href="{escape(outlet_href(str(r[key])))}">{name}</a>'
        body.append(
            f"<tr><td>{name}</td><td>{r['articles']}</td><td>{r['attributions']}</td>"
            f"<td>{r['share_named']:.0%}</td><td>{r['share_anonymous']:.0%}</td><td>{r['share_vague']:.0%}</td>"
            f"<td class=opt>{r['hearsay']}</td><td class=opt>{r['editorial_sentences']}</td></tr>"
        )
    return (
        f'<div class="wide"><table><thead><tr><th>{escape(key)}</th><th>Articles</th><th>Attributions</th>'
        "<th>Named</th><th>Anonymous</th><th>Vague</th><th class=opt>Hearsay</th>"
        f"<th class=opt>Editorial sentences</th></tr></thead><tbody>{''.join(body)}</tbody></table></div>"
    )


def outlets_page(rows: list[dict[str, Any]]) -> str:
    chart = charts.shares([(r["outlet"], _share_row(r)) for r in rows], title="sourcing by outlet")
    body = (
        f"<h1>Outlets and sourcing</h1>{chart}{_sourcing_table(rows, 'outlet', True)}"
        '<p class="meta"><a href="/outlets.csv">CSV</a> · JSON: <a href="/api/outlets">/api/outlets</a></p>'
    )
    return layout("Outlets", body)


def outlet_page(o: Mapping[str, Any]) -> str:
    chart = charts.shares([(m["month"], _share_row(m)) for m in o["months"]], title="sourcing by month")
    people = "".join(
        f'<li><a href="{escape(person_href(p["person_id"]))}">{escape(p["name"])}</a> '
        f'<span class="meta">{p["attributions"]}</span></li>'
        for p in o["people"]
    )
    body = (
        f"<h1>{escape(o['outlet'])}</h1><p class=meta>{o['articles']} article(s), {o['attributions']} "
        f"attribution(s): {o['share_named']:.0%} named, {o['share_anonymous']:.0%} anonymous, "
        f"{o['share_vague']:.0%} vague; {o['hearsay']} hearsay, {o['editorial_sentences']} editorial "
        f"sentence(s)</p><h2>By month</h2>{chart}{_sourcing_table(o['months'], 'month', False)}"
        "<h2>Most quoted people</h2>"
        + (f"<ol>{people}</ol>" if people else '<p class="empty">No named people.</p>')
        + f'<p class="meta"><a href="{escape(href("/", outlet=o["outlet"]))}">all its quotes</a></p>'
    )
    return layout(o["outlet"], body)


def not_found(what: str) -> str:
    return layout("Not found", f'<h1>Not found</h1><p class="empty">{escape(what)}</p>')


def _safe_url(url: str | None) -> str | None:
    """A link target only for http(s) URLs (never ``javascript:`` or ``data:``)."""
    return url if url and url.lower().startswith(("http://", "https://")) else None


def article_page(
    report: Report, links: Mapping[str, Mapping[str, str | None]], meta: Mapping[str, Any]
) -> str:
    art = report.article
    url = _safe_url(art.url)
    source = f' · <a href="{escape(url)}" rel="noreferrer">source</a>' if url else ""
    outlet = meta.get("outlet")
    where = f'<a href="{escape(outlet_href(outlet))}">{escape(outlet)}</a>' if outlet else "(unknown outlet)"
    rows = []
    for a in report.attributions:
        link = links.get(a.id, {})
        who = escape(a.speaker.name if a.speaker else (a.source.text if a.source else "(no source)"))
        if link.get("person_id"):
            who = f'<a href="{escape(person_href(str(link["person_id"])))}">{who}</a>'
        role = a.speaker.role if a.speaker and a.speaker.role else ""
        content = escape(a.content_text() or "")
        if link.get("cluster_id"):
            content = f'<a href="{escape(cluster_href(str(link["cluster_id"])))}">{content}</a>'
        rows.append(
            f"<tr><td>{escape(a.id)}</td><td>{who}<br><span class=meta>{escape(role)}</span></td>"
            f"<td>{escape(a.cue.text if a.cue else '')}</td><td class=quote>{content}</td>"
            f'<td class="opt"><span class="tag">{escape(a.kind)}</span>'
            f'<span class="tag">{escape(a.source_type)}</span></td></tr>'
        )
    verdict = escape(report.summary.verdict) if report.summary else ""
    body = (
        f"<h1>{escape(art.title or 'Untitled article')}</h1>"
        f'<p class="meta">{where} · {_opt(meta.get("published")) or "(undated)"}{source} · '
        f'<a href="{escape(article_href(art.id))}/report">full report</a> · '
        f'<a href="/api{escape(article_href(art.id))}">JSON</a></p><p>{verdict}</p>'
        '<div class="wide"><table><thead><tr><th></th><th>Speaker</th><th>Cue</th><th>Content</th>'
        f'<th class="opt">Kind, source</th></tr></thead><tbody>{"".join(rows)}</tbody></table></div>'
    )
    return layout(art.title or "Article", body)
