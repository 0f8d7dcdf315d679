"""Hostile inputs for bench/fuzz.py: each class is a function rng -> (extension, bytes), and the
good articles the fuzz run expects to come out of every batch unchanged."""

from __future__ import annotations

import gzip
import json
import random
import re
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
MARKER = re.compile(r"GA\d{4}Z")
Sample = tuple[str, bytes]  # (extension, bytes)
EXTS = (".txt", ".html", ".htm", ".jsonl", ".ndjson", ".jsonl.gz", ".html.gz", ".warc", ".warc.gz")
PHRASE = "“The new bridge will open in May,” the mayor said. Café “déjà vu”, señor Müller añadió."
NAMES = ("Maria Okafor", "Tomas Berg", "Aiko Tanaka", "Lena Novak", "Omar Haddad", "Priya Nair")


def good_text(i: int) -> str:
    who = NAMES[i % len(NAMES)]
    return (
        f"“Section {i} of the harbour wall is finished and safe,” the port director, {who}, said on "
        f"Monday. She added that {i + 3} new cranes would arrive next year. Reference GA{i:04d}Z."
    )


def good_html(i: int) -> bytes:
    return (
        f"<!doctype html><html><head><title>Harbour update {i}</title></head><body><article>"
        f"<h1>Harbour update {i}</h1><p>{good_text(i)}</p></article></body></html>"
    ).encode()


def warc_record(body: bytes, uri: str, *, rtype: str = "response", length: str | None = None) -> bytes:
    """One WARC/1.0 record; ``body`` is the HTTP response (or resource content) as stored."""
    head = (
        f"WARC/1.0\r\nWARC-Type: {rtype}\r\nWARC-Record-ID: <urn:uuid:{zlib.crc32(uri.encode() + body):032x}>\r\n"
        f"WARC-Date: 2024-05-06T07:08:09Z\r\nWARC-Target-URI: {uri}\r\n"
        f"Content-Type: application/http; msgtype=response\r\nContent-Length: {length or len(body)}\r\n\r\n"
    )
    return head.encode() + body + b"\r\n\r\n"


def http(html: bytes, ctype: str = "text/html; charset=utf-8", status: str = "200 OK") -> bytes:
    return f"HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\n\r\n".encode() + html


def good_warc(i: int) -> bytes:
    return warc_record(http(good_html(i)), f"http://news.example/harbour/{i}")


def gz(data: bytes, compresslevel: int = 9) -> bytes:
    return gzip.compress(data, compresslevel=compresslevel, mtime=0)  # the same bytes every run


def jline(obj: Any) -> bytes:
    return json.dumps(obj).encode() + b"\n"


# ---- hostile input classes: rng -> (extension, bytes) --------------------------------------------


def wrap(r: random.Random, text: bytes, exts: tuple[str, ...] = (".txt", ".html", ".jsonl")) -> Sample:
    """``text`` as a text file, an HTML page, a JSONL line or a WARC record, chosen at random."""
    ext = r.choice(exts)
    if ext == ".html":
        return ext, b"<html><body><p>" + text + b"</p></body></html>"
    if ext == ".jsonl":
        s = text.decode("utf-8", "surrogateescape")
        return ext, jline({r.choice(("text", "html")): s if r.random() < 0.5 else f"<p>{s}</p>"})
    if ext == ".warc":
        return ext, warc_record(http(b"<html><body><p>" + text + b"</p></body></html>"), "http://x.example/")
    return ext, text


def c_random_bytes(r: random.Random) -> Sample:
    data = r.randbytes(r.choice((0, 1, 7, 100, 1000, 8000)))
    return r.choice(EXTS), r.choice((b"", b"\x1f\x8b\x08", b"WARC/1.0\r\n", b"<html>", b'{"text": "')) + data


def c_bad_encoding(r: random.Random) -> Sample:
    t = PHRASE * r.randint(1, 20)
    enc = r.choice(("latin-1", "cp1252", "utf-16", "utf-16-le", "utf-32", "shift_jis", "mixed", "broken"))
    if enc == "mixed":
        data = t.encode() + t.encode("latin-1", "replace") + t.encode("utf-16")
    elif enc == "broken":
        bad = r.choice((b"\xc0\xaf", b"\xed\xa0\x80", b"\xe2\x80", b"\xf8\x88\x80\x80\x80", b"\xff", b"\x80"))
        cut = r.randrange(len(t))
        data = t[:cut].encode() + bad + t[cut:].encode()
    else:
        data = t.encode(enc, "replace")
    if r.random() < 0.3:  # a page that lies about its charset
        meta = r.choice((b"utf-8", b"x-klingon", b"utf-16", b"iso-8859-1", b"utf-7", b'"><script>'))
        return (
            ".html",
            b"<html><head><meta charset=" + meta + b"></head><body><p>" + data + b"</p></body></html>",
        )
    return wrap(r, data, (".txt", ".html", ".jsonl", ".warc"))


def c_nul_bytes(r: random.Random) -> Sample:
    t = bytearray((PHRASE * r.randint(1, 5)).encode())
    for _ in range(r.randint(1, 20)):
        t.insert(r.randrange(len(t) + 1), 0)
    if r.random() < 0.3:  # a NUL character that is valid JSON
        return ".jsonl", jline({"text": "\x00" + PHRASE + "\x00" * r.randint(1, 1000)})
    return wrap(r, bytes(t), (".txt", ".html", ".jsonl", ".warc"))


def c_deep_html(r: random.Random) -> Sample:
    tag = r.choice(("div", "span", "b", "table", "ul", "p", "a", "font", "blockquote", "section"))
    n = r.choice((1000, 10_000, 10_000, 30_000))
    close = f"</{tag}>".encode() * n if r.random() < 0.5 else b""
    body = f"<{tag}>".encode() * n + f"<p>{PHRASE}</p>".encode() + close
    page = (b"<html><body>" if r.random() < 0.5 else b"") + body
    ext = r.choice((".html", ".html", ".html.gz", ".warc", ".jsonl"))
    if ext == ".html.gz":
        return ext, gz(page)
    if ext == ".warc":
        return ext, warc_record(http(page), "http://deep.example/")
    if ext == ".jsonl":
        return ext, jline({"html": page.decode()})
    return ext, page


NO_BODY = (
    b"<html><head><title>Only a title</title></head></html>",
    b"<html></html>",
    b"<!doctype html>",
    b"<html><head><script>var q = 'he said';</script><style>p{}</style></head></html>",
    b"<html><frameset><frame src=x></frameset></html>",
    b"<!-- only a comment, he said -->",
    b"<html><body></body></html>",
    b"<?xml version='1.0'?><rss><channel></channel></rss>",
    b"<svg xmlns='http://www.w3.org/2000/svg'><text>he said</text></svg>",
    b"<html><head>" + b"<meta name=x content=y>" * 5000 + b"</head></html>",
    b"<html><body><img src=a.png><br><hr></body></html>",
    b"   \n\t  ",
)


def c_html_no_body(r: random.Random) -> Sample:
    page = r.choice(NO_BODY)
    ext = r.choice((".html", ".htm", ".html.gz", ".warc", ".jsonl"))
    if ext == ".html.gz":
        return ext, gz(page)
    if ext == ".warc":
        return ext, warc_record(http(page), "http://nobody.example/")
    return ext, (jline({"html": page.decode()}) if ext == ".jsonl" else page)


_BOMBS: dict[tuple[str, int], bytes] = {}


def c_gzip_bomb(r: random.Random) -> Sample:
    ext, kind = r.choice(
        (
            (".html.gz", 0),
            (".html.gz", 1),
            (".jsonl.gz", 2),
            (".jsonl.gz", 3),
            (".warc.gz", 4),
            (".jsonl.gz", 5),
        )
    )
    if (ext, kind) not in _BOMBS:  # made once: 20-200 MB inflated from a few hundred KB
        mb = 1 << 20
        plain = [
            b"\x00" * (200 * mb),
            b"<html><body><p>" + b"a " * (60 * mb),
            b" " * (100 * mb),
            b'{"text": "' + b"said " * (30 * mb) + b'"}\n',
            warc_record(http(b"<html>" + b"\x00" * (60 * mb)), "http://bomb.example/"),
            b"\n" * (2 * mb) + jline({"text": PHRASE}),
        ][kind]
        _BOMBS[ext, kind] = gz(plain, compresslevel=9)
    return ext, _BOMBS[ext, kind]


def c_truncated_gzip(r: random.Random) -> Sample:
    ext = r.choice((".html.gz", ".jsonl.gz", ".warc.gz"))
    plain = {
        ".html.gz": lambda: good_html(r.randint(0, 99)).replace(b"GA", b"XX") * 20,
        ".jsonl.gz": lambda: jline({"text": PHRASE}) * 10,
        ".warc.gz": lambda: warc_record(http(b"<html><body><p>" + PHRASE.encode() * 30), "http://t.example/"),
    }[ext]()
    data = bytearray(gz(plain))
    how = r.choice(("cut", "cut", "crc", "trailing", "double"))
    if how == "cut":
        data = data[: r.randrange(1, len(data))]
    elif how == "crc":
        data[-6] ^= 0xFF
    elif how == "trailing":
        data += r.randbytes(r.randint(1, 50))
    else:
        data = data + data[: r.randrange(1, len(data))]
    return ext, bytes(data)


def c_corrupt_warc(r: random.Random) -> Sample:
    rec = bytearray(
        warc_record(http(b"<html><body><p>" + PHRASE.encode() * 5 + b"</p></body></html>"), "http://c/")
    )
    how = r.choice(("length", "length", "header", "version", "lf", "cut", "flip", "status", "type"))
    if how == "length":
        bad = r.choice(("0", "-5", "abc", "1" * 25, str(len(rec) * 3), "17", " ", "0x10"))
        rec = bytearray(
            re.sub(rb"Content-Length: \d+", b"Content-Length: " + bad.encode(), bytes(rec), count=1)
        )
    elif how == "header":
        rec = rec.replace(
            b"WARC-Type", r.choice((b"\xff\xfe garbage", b"NoColonHere", b"WARC-Type: x\r\nWARC-Type")), 1
        )
    elif how == "version":
        rec = rec.replace(b"WARC/1.0", r.choice((b"WARC/9.9", b"WARX/1.0", b"", b"WARC/1.0 extra")), 1)
    elif how == "lf":
        rec = rec.replace(b"\r\n", b"\n")
    elif how == "cut":
        rec = rec[: r.randrange(1, len(rec))]
    elif how == "flip":
        for _ in range(r.randint(1, 10)):
            rec[r.randrange(len(rec))] = r.randrange(256)
    elif how == "status":
        rec = rec.replace(
            b"HTTP/1.1 200 OK",
            r.choice((b"HTTP/1.1", b"garbage", b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked")),
        )
    else:
        rec = rec.replace(
            b"WARC-Type: response", r.choice((b"WARC-Type: revisit", b"WARC-Type: ", b"WARC-Type: resource"))
        )
    return ".warc", bytes(rec) * r.choice((1, 1, 2))


def c_zero_length(r: random.Random) -> Sample:
    ext = r.choice(EXTS)
    data = r.choice((b"", b"", b"\n\n\n", b"\r\n"))
    if ext.endswith(".gz") and r.random() < 0.5:
        data = gz(data)
    elif ext == ".warc" and r.random() < 0.5:
        data = warc_record(b"", "http://zero.example/")
    elif ext in (".jsonl", ".ndjson") and r.random() < 0.5:
        data = r.choice((b'{"text": ""}\n', b'{"html": ""}\n', b"{}\n", b'{"text": "   "}\n'))
    return ext, data


def c_huge_line(r: random.Random) -> Sample:
    n = r.choice((200_000, 1_100_000, 3_000_000, 10_500_000))
    unit = r.choice((b"x", b"ab", b"\xc3\xa9", b"said " if n < 1_000_000 else b"wordy"))
    line = unit * (n // len(unit))
    ext = r.choice((".txt", ".jsonl", ".html"))
    if ext == ".jsonl":
        return ext, b'{"text": "' + line + b'"}\n' if r.random() < 0.7 else line
    return ext, line


def c_quotes(r: random.Random) -> Sample:
    """10,000 quotation marks; rarely in one run without spaces (slow: see the module docstring)."""
    spaced = ("“a” ", '"x said" ', '" said "', "“ ”", "« a » ", "' ", "„a“ ", "“said, ")
    unit = r.choice(spaced if r.random() > 0.04 else ('"', "“", "”", "«", "'", "‘’", "„“"))
    text = unit * (10_000 // sum(ch in "\"“”«»‘’„'" for ch in unit))
    return wrap(r, text.encode(), (".txt", ".jsonl", ".html"))


RTL = "\u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627"
CONTROLS = (
    "\u200b",
    "\u200c",
    "\u200d",
    "\u200e",
    "\u200f",
    "\u202e",
    "\u202c",
    "\u2066",
    "\u2069",
    "\u061c",
    "\ufeff",
)


def c_rtl_zero_width(r: random.Random) -> Sample:
    base = f"“{RTL},” said \u202eYosef Cohen\u202c on {RTL}. " * r.randint(1, 30)
    out = "".join(ch + (r.choice(CONTROLS) if r.random() < 0.3 else "") for ch in base)
    return wrap(r, out.encode(), (".txt", ".jsonl", ".html", ".warc"))


def c_exotic_unicode(r: random.Random) -> Sample:
    pick = r.choice(("zalgo", "emoji", "astral", "random", "seps", "tags"))
    if pick == "zalgo":
        text = "".join(c + "".join(chr(r.randint(0x300, 0x36F)) for _ in range(50)) for c in "he said")
    elif pick == "emoji":
        text = "“👩‍👩‍👧‍👦🏳️‍🌈 is here,” 🧑🏽‍🚀 said. " * 50
    elif pick == "astral":
        text = "“𝐓𝐡𝐞 𝐯𝐨𝐭𝐞 𝐢𝐬 𝐨𝐯𝐞𝐫,” 𝔰𝔞𝔦𝔡 the 𝕄𝕒𝕪𝕠𝕣. \U0010fffd\uffff\ufffe\ue000 " * 20
    elif pick == "seps":
        text = "“Line\u2028two\u2029three,” she said.\x85\x1b[31m\x07\x7f\x9b ｓａｉｄ" * 20
    elif pick == "tags":
        text = "he said \U000e0001\U000e0065\U000e006e\ufe0f\ufe0e" * 100
    else:
        cps = [r.randint(0x20, 0x10FFFF) for _ in range(r.randint(1, 3000))]
        text = "".join(chr(c) for c in cps if not 0xD800 <= c <= 0xDFFF)
    return wrap(r, text.encode(), (".txt", ".jsonl", ".html", ".warc"))


def c_deep_jsonl(r: random.Random) -> Sample:
    n = r.choice((63, 64, 65, 1000, 20_000))
    lines = (
        b"[" * n + b"]" * n,
        b'{"text": ' + b"{" * n,
        b'{"text": "x said", "a": ' + b'{"b": ' * n + b"1" + b"}" * n + b"}",
        b'{"text": "' + b"[" * min(n, 1000) + b' he said"}',  # brackets in a string: a valid article
        b'{"text": "\\"' + b"{" * min(n, 1000) + b'"}',
        b'{"text": ' + b"[" * n + b'"said"' + b"]" * n + b"}",
    )
    return r.choice((".jsonl", ".jsonl", ".ndjson")), r.choice(lines) + b"\n"


SURROGATE_LINES = (
    b'{"text": "\\ud800"}',
    b'{"text": "\\ud800 he said"}',
    b'{"text": "a\\udc00b said", "title": "\\udbff", "authors": ["\\udc00"], "url": "http://x/\\ud800"}',
    b'{"\\ud800": 1, "text": "the mayor said \\udfff"}',
    b'{"text": "\\ude00\\ud83d reversed, she said"}',
    b'{"html": "<p>\\ud800 said</p>"}',
    b'{"text": "raw \xed\xa0\x80 bytes"}',
    b'{"text": "\\ud83d\\ude00 a real pair, he said", "date": "\\udc80"}',
)


def c_surrogate_jsonl(r: random.Random) -> Sample:
    return r.choice((".jsonl", ".jsonl", ".jsonl.gz")), r.choice(SURROGATE_LINES) + b"\n"


_REAL: list[bytes] = []


def real_pool() -> list[bytes]:
    """Real article texts (PolNeAR) and pages (article-extraction), or [] when ../shared is absent."""
    if not _REAL:
        texts = sorted((SHARED / "polnear" / "train" / "text").glob("*.txt"))[:300]
        pages = sorted((SHARED / "article-extraction" / "html").glob("*.html.gz"))
        _REAL.extend(p.read_bytes() for p in texts)
        _REAL.extend(gzip.decompress(p.read_bytes()) for p in pages)
    return _REAL


SNIPPETS = (
    b"\x00",
    b"\xff",
    "“".encode() * 50,
    "\u202e".encode(),
    b"</body>",
    b"<![CDATA[",
    b"<script>",
    b"<div>" * 500,
)


def c_mutated_real(r: random.Random) -> Sample:
    data = bytearray(r.choice(real_pool()))
    for _ in range(r.randint(1, 5)):
        i, j = sorted(r.randrange(len(data) + 1) for _ in range(2))
        op = r.choice(("flip", "insert", "delete", "dup", "cut"))
        if op == "flip":
            for _ in range(r.randint(1, 20)):
                data[r.randrange(len(data))] = r.randrange(256)
        elif op == "insert":
            data[i:i] = r.choice(SNIPPETS)
        elif op == "delete":
            del data[i:j]
        elif op == "dup":
            data[i:i] = data[i:j]
        elif len(data) > 1:
            data = data[: max(1, i)]
        if not data:
            data = bytearray(b"x")
    page = bytes(data).lstrip().startswith((b"<", b"\xef\xbb\xbf<"))
    ext = r.choice((".html", ".html.gz", ".warc", ".jsonl") if page else (".txt", ".jsonl"))
    if ext == ".html.gz":
        return ext, gz(bytes(data))
    if ext == ".warc":
        return ext, warc_record(http(bytes(data)), "http://real.example/")
    if ext == ".jsonl":
        return ext, jline({"html" if page else "text": bytes(data).decode("utf-8", "surrogateescape")})
    return ext, bytes(data)


CLASSES: dict[str, Callable[[random.Random], Sample]] = {
    "random-bytes": c_random_bytes,
    "bad-encoding": c_bad_encoding,
    "nul-bytes": c_nul_bytes,
    "deep-html": c_deep_html,
    "html-no-body": c_html_no_body,
    "gzip-bomb": c_gzip_bomb,
    "truncated-gzip": c_truncated_gzip,
    "corrupt-warc": c_corrupt_warc,
    "zero-length": c_zero_length,
    "huge-line": c_huge_line,
    "quotes-10k": c_quotes,
    "rtl-zero-width": c_rtl_zero_width,
    "exotic-unicode": c_exotic_unicode,
    "deep-jsonl": c_deep_jsonl,
    "surrogate-jsonl": c_surrogate_jsonl,
    "mutated-real": c_mutated_real,
}
WEIGHTS = {"huge-line": 0.3, "gzip-bomb": 0.5, "deep-html": 0.6, "quotes-10k": 0.15}


def big_input(r: random.Random) -> Sample:
    """One 50 MB input (a handful a run)."""
    size = 50 << 20
    ext = r.choice((".txt", ".jsonl", ".html", ".warc"))
    if ext == ".warc":
        return ext, warc_record(http(b"<html><body>" + b"<p>a b c</p>" * (size // 12)), "http://big.example/")
    if ext == ".jsonl":
        return ext, b'{"text": "' + b"word " * (size // 5) + b'"}\n' + jline({"text": PHRASE})
    return ext, (b"<p>" if ext == ".html" else b"") + b"said " * (size // 5)
