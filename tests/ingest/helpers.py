"""Real input files for the ingest tests: HTML pages we write, and WARCs built with warcio."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

PARAGRAPHS = [
    "The city council voted on Tuesday to close the old harbour bridge to heavy traffic, "
    "after engineers found cracks in two of its steel supports during a routine inspection.",
    "“We cannot take any risks with public safety,” said Maria Lindqvist, the council’s head of "
    "transport, adding that repairs would begin in the spring and last at least four months.",
    "Local businesses on the north bank said the closure would hurt deliveries. A spokesperson "
    "for the chamber of commerce told reporters the decision had come without warning.",
    "According to officials familiar with the plan, a temporary ferry service is being considered "
    "for the duration of the works, though no budget has yet been approved by the council.",
]


def article_html(
    title: str = "Council closes harbour bridge",
    *,
    paragraphs: Sequence[str] = PARAGRAPHS,
    author: str | None = "Jane Doe",
    date: str | None = "2024-03-05",
    site: str | None = "The Harbour Times",
    lang: str = "en",
    charset: str | None = "utf-8",
) -> str:
    meta = []
    if charset:
        meta.append(f'<meta charset="{charset}">')
    if author:
        meta.append(f'<meta name="author" content="{author}">')
    if date:
        meta.append(f'<meta property="article:published_time" content="{date}T08:00:00Z">')
    if site:
        meta.append(f'<meta property="og:site_name" content="{site}">')
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    nav = "<nav><ul><li><a href='/'>Home</a></li><li><a href='/news'>News</a></li><li><a href='/sport'>Sport</a></li></ul></nav>"
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}"><head><title>{title}</title>{"".join(meta)}</head>'
        f"<body>{nav}<article><h1>{title}</h1>{body}</article>"
        "<footer><p>© 2024 Harbour Media. All rights reserved. Contact us. Privacy policy.</p></footer>"
        "</body></html>"
    )


@dataclass
class Rec:
    """One WARC record to write."""

    url: str
    body: bytes
    rec_type: str = "response"
    content_type: str = "text/html; charset=utf-8"
    status: str = "200 OK"


def write_warc(path: Path, records: Sequence[Rec], *, gz: bool) -> list[int]:
    """Write ``records`` (plus a request record after each response) and return each record's offset."""
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    offsets: list[int] = []
    for r in records:
        offsets.append(buf.tell())
        if r.rec_type == "response":
            headers = StatusAndHeaders(r.status, [("Content-Type", r.content_type)], protocol="HTTP/1.1")
            rec = writer.create_warc_record(
                r.url, "response", payload=io.BytesIO(r.body), http_headers=headers
            )
            writer.write_record(rec)
            req_headers = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example.org")], is_http_request=True)
            req = writer.create_warc_record(
                r.url, "request", payload=io.BytesIO(b""), http_headers=req_headers
            )
            writer.write_record(req)
        else:
            rec = writer.create_warc_record(
                r.url, r.rec_type, payload=io.BytesIO(r.body), warc_content_type=r.content_type
            )
            writer.write_record(rec)
    path.write_bytes(buf.getvalue())
    return offsets


def three_pages() -> list[Rec]:
    return [
        Rec(
            f"https://news.example.org/{i}",
            article_html(f"Story number {i}", date=f"2024-03-0{i + 1}").encode(),
        )
        for i in range(3)
    ]
