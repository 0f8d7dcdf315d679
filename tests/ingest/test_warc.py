from __future__ import annotations

import gzip
import random
from collections.abc import Callable
from pathlib import Path

import pytest

from onrecord.ingest import read
from onrecord.ingest.html import extract
from onrecord.models import Article, IngestErrorRecord
from tests.conftest import shared_path
from tests.ingest.helpers import Rec, article_html, three_pages, write_warc


@pytest.mark.parametrize("gz", [True, False])
def test_warc_from_html_strings(tmp_path: Path, gz: bool) -> None:
    p = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    records = [
        *three_pages(),
        Rec("https://news.example.org/logo.png", b"\x89PNG\r\n\x1a\n", content_type="image/png"),
        Rec("https://news.example.org/gone", article_html("Gone").encode(), status="404 Not Found"),
        Rec("metadata:1", b"via: test", rec_type="metadata", content_type="application/warc-fields"),
        Rec("https://news.example.org/nodate", article_html("No date", date=None).encode()),
    ]
    offsets = write_warc(p, records, gz=gz)
    items = list(read([str(p)]))
    assert all(isinstance(i, Article) for i in items), items
    arts = [i for i in items if isinstance(i, Article)]
    assert [a.title for a in arts] == ["Story number 0", "Story number 1", "Story number 2", "No date"]
    assert [a.origin.warc_offset for a in arts] == [offsets[0], offsets[1], offsets[2], offsets[6]]
    assert [a.url for a in arts] == [r.url for r in (*records[:3], records[6])]
    assert all(a.origin.warc_record_id and a.origin.warc_record_id.startswith("<urn:uuid:") for a in arts)
    assert [a.published for a in arts[:3]] == ["2024-03-01", "2024-03-02", "2024-03-03"]
    assert arts[3].published and arts[3].published.endswith("Z")  # the WARC-Date
    assert all(a.origin.path == str(p) for a in arts)


def test_warc_charset_from_http_header(tmp_path: Path) -> None:
    p = tmp_path / "legacy.warc"
    body = article_html(
        "Café society", charset=None, paragraphs=["Le café était fermé, a dit le maire. " * 8]
    ).encode("cp1252")
    write_warc(
        p, [Rec("https://fr.example.org/", body, content_type="text/html; charset=windows-1252")], gz=False
    )
    (art,) = read([str(p)])
    assert isinstance(art, Article)
    assert art.title == "Café society" and "Le café était fermé" in art.text


@pytest.mark.parametrize("gz", [True, False])
def test_truncated_warc(tmp_path: Path, gz: bool) -> None:
    p = tmp_path / ("cut.warc.gz" if gz else "cut.warc")
    offsets = write_warc(p, three_pages(), gz=gz)
    data = p.read_bytes()
    cut = offsets[2] + (len(data) - offsets[2]) // 3  # inside the third response
    p.write_bytes(data[:cut])
    items = list(read([str(p)]))
    assert [type(i).__name__ for i in items] == ["Article", "Article", "IngestErrorRecord"]
    err = items[-1]
    assert isinstance(err, IngestErrorRecord)
    assert err.source.startswith(f"{p}@")
    assert int(err.source.rsplit("@", 1)[1]) >= offsets[1]
    assert "truncated" in err.reason


@pytest.mark.parametrize("gz", [True, False])
def test_corrupt_record_in_the_middle(tmp_path: Path, gz: bool) -> None:
    p = tmp_path / ("bad.warc.gz" if gz else "bad.warc")
    offsets = write_warc(p, three_pages(), gz=gz)
    data = bytearray(p.read_bytes())
    at = offsets[1]
    data[at : at + 12] = b"GARBAGE!" * 1 + b"\x00\x01\x02\x03"
    p.write_bytes(bytes(data))
    items = list(read([str(p)]))
    kinds = [type(i).__name__ for i in items]
    assert kinds == ["Article", "IngestErrorRecord", "Article"], items
    err = items[1]
    assert isinstance(err, IngestErrorRecord)
    assert err.source == f"{p}@{offsets[1]}"
    assert "corrupt" in err.reason and "skipped to the next record" in err.reason
    assert isinstance(items[2], Article) and items[2].title == "Story number 2"


def _magic_first(noise: bytes) -> bytes:
    return gzip.compress(b"\x1f\x8b\x08" + noise, mtime=0)  # not WARC data, gzip magic inside


def _stored_gzip(noise: bytes) -> bytes:
    return gzip.compress(gzip.compress(noise, mtime=0), compresslevel=0, mtime=0)  # a gzip file in it


def _magic_inside(noise: bytes) -> bytes:
    return gzip.compress(noise[:50] + b"\x1f\x8b\x08\x00" + noise[50:], mtime=0)


@pytest.mark.parametrize("make", [_magic_first, _stored_gzip, _magic_inside])
def test_gzip_magic_inside_a_bad_member(tmp_path: Path, make: Callable[[bytes], bytes]) -> None:
    """Resuming after a bad member skips gzip magic bytes that start no member (fuzz finding, issue 19):
    resuming there made warcio read the next member as raw bytes and lose its record. Whether it
    did depends on the bytes around, so the member is tried with 20 kinds of noise."""
    p = tmp_path / "crawl.warc.gz"
    for seed in range(20):
        member = make(random.Random(seed).randbytes(100))  # incompressible: stored, magic and all
        assert b"\x1f\x8b\x08" in member[3:]
        offsets = write_warc(p, three_pages(), gz=True)
        data = p.read_bytes()
        p.write_bytes(data[: offsets[1]] + member + data[offsets[1] :])
        items = list(read([str(p)]))
        arts = [i for i in items if isinstance(i, Article)]
        assert [a.title for a in arts] == ["Story number 0", "Story number 1", "Story number 2"], (
            seed,
            items,
        )
        moved = [offsets[0], offsets[1] + len(member), offsets[2] + len(member)]
        assert [a.origin.warc_offset for a in arts] == moved
        bad = range(offsets[1], offsets[1] + len(member))  # errors name the bad member's bytes only
        errors = [i for i in items if isinstance(i, IngestErrorRecord)]
        assert errors and all(int(e.source.rsplit("@", 1)[1]) in bad for e in errors), (seed, errors)


def _raw_record(header: bytes) -> bytes:
    """A hand-made response record (a page) with ``header`` among its WARC headers."""
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + article_html("Bad one").encode()
    return (
        b"WARC/1.0\r\n" + header + b"\r\nWARC-Record-ID: <urn:uuid:1>\r\nWARC-Date: 2024-05-06T07:08:09Z\r\n"
        b"Content-Type: application/http; msgtype=response\r\n"
        b"Content-Length: " + str(len(http)).encode() + b"\r\n\r\n" + http + b"\r\n\r\n"
    )


@pytest.mark.parametrize(
    "header",
    [b"WARC-Type: ", b"NoColonHere: response", b"WARC-Type: x\r\nWARC-Type: "],
    ids=["empty-type", "no-colon", "doubled-type"],
)
def test_damaged_header_member_loses_and_doubles_nothing(tmp_path: Path, header: bytes) -> None:
    """warcio loses the record boundaries after such a member (offsets go back, lengths negative);
    the records after it must still come out once each (fuzz finding, issue 19: they came out
    two to five times, with wrong offsets)."""
    p = tmp_path / "crawl.warc.gz"
    offsets = write_warc(p, three_pages(), gz=True)
    data = p.read_bytes()
    bad = gzip.compress(_raw_record(header) * 2)  # two records in one member
    p.write_bytes(data[: offsets[1]] + bad + data[offsets[1] :])
    items = list(read([str(p)]))
    arts = [i for i in items if isinstance(i, Article)]
    assert [a.title for a in arts] == ["Story number 0", "Story number 1", "Story number 2"], items
    assert [a.origin.warc_offset for a in arts] == [offsets[0], offsets[1] + len(bad), offsets[2] + len(bad)]


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.warc", b"", "empty file"),
        ("text.warc", b"just some text, not a WARC", "not a WARC file"),
        ("png.warc.gz", b"\x89PNG\r\n\x1a\n\x00\x00", "not a WARC file"),
    ],
)
def test_not_warc(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    p = tmp_path / name
    p.write_bytes(data)
    (err,) = read([str(p)])
    assert isinstance(err, IngestErrorRecord) and reason in err.reason and err.source == str(p)


def test_warc_without_html(tmp_path: Path) -> None:
    p = tmp_path / "images.warc.gz"
    write_warc(p, [Rec("https://x.org/a.png", b"\x89PNG", content_type="image/png")], gz=True)
    (err,) = read([str(p)])
    assert isinstance(err, IngestErrorRecord)
    assert "no HTML response records" in err.reason and "not HTML" in err.reason


def test_warc_from_shared_pages(tmp_path: Path) -> None:
    pages = sorted(shared_path("article-extraction", "html").glob("*.html.gz"))[:4]
    bodies = [gzip.decompress(pg.read_bytes()) for pg in pages]
    p = tmp_path / "shared.warc.gz"
    offsets = write_warc(
        p, [Rec(f"https://example.org/{pg.name}", b) for pg, b in zip(pages, bodies, strict=True)], gz=True
    )
    arts = list(read([str(p)]))
    assert all(isinstance(a, Article) for a in arts) and len(arts) == 4
    for art, body, off in zip(arts, bodies, offsets, strict=True):
        assert isinstance(art, Article)
        expected = extract(body, url=art.url)
        assert expected is not None and art.text == expected.text
        assert art.origin.warc_offset == off

    # the same WARC cut inside its last record: the first three, then one error
    data = p.read_bytes()
    p.write_bytes(data[: offsets[3] + 200])
    items = list(read([str(p)]))
    assert [type(i).__name__ for i in items] == ["Article"] * 3 + ["IngestErrorRecord"]
