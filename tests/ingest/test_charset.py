from __future__ import annotations

import pytest

from onrecord.ingest.charset import charset_from_content_type, decode_html, meta_charset

TEXT = "Café owners said “no” — 50 € each"


@pytest.mark.parametrize(
    ("data", "declared", "encoding"),
    [
        (f"<html><body>{TEXT}</body></html>".encode(), None, "utf-8"),
        (b"\xef\xbb\xbf" + f"<html><body>{TEXT}</body></html>".encode(), None, "utf-8"),
        (f"<html><body>{TEXT}</body></html>".encode("utf-16"), None, "utf-16-le"),
        (
            f'<html><head><meta charset="windows-1252"></head><body>{TEXT}</body></html>'.encode("cp1252"),
            None,
            "cp1252",
        ),
        (
            f'<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1"><p>{TEXT}</p>'.encode(
                "cp1252"
            ),
            None,
            "cp1252",
        ),
        (f"<html><body>{TEXT}</body></html>".encode("cp1252"), "windows-1252", "cp1252"),
        # declared latin-1 but actually UTF-8: the bytes win
        (f'<meta charset="iso-8859-1"><p>{TEXT}</p>'.encode(), None, "utf-8"),
        (f'<meta charset="no-such-charset"><p>{TEXT}</p>'.encode(), None, "utf-8"),
    ],
)
def test_decode_html(data: bytes, declared: str | None, encoding: str) -> None:
    text, used = decode_html(data, declared)
    assert used == encoding
    assert TEXT in text


def test_undeclared_legacy_bytes_are_detected() -> None:
    page = (
        "<html><body>" + "Le café était fermé à cause de la grève générale. " * 20 + "</body></html>"
    ).encode("cp1252")
    text, _ = decode_html(page)
    assert "café était fermé" in text and "\ufffd" not in text


@pytest.mark.parametrize(
    ("value", "charset"),
    [
        ("text/html; charset=UTF-8", "UTF-8"),
        ('text/html; charset="iso-8859-1"', "iso-8859-1"),
        ("text/html", None),
        (None, None),
    ],
)
def test_charset_from_content_type(value: str | None, charset: str | None) -> None:
    assert charset_from_content_type(value) == charset


@pytest.mark.parametrize(
    ("head", "charset"),
    [
        (b'<meta charset="utf-8">', "utf-8"),
        (b"<META CHARSET=Shift_JIS>", "Shift_JIS"),
        (b"<p>no meta</p>", None),
    ],
)
def test_meta_charset(head: bytes, charset: str | None) -> None:
    assert meta_charset(head) == charset
