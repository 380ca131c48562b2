"""decode_body: BOM > Content-Type > meta/XML declaration > detection."""
from __future__ import annotations

from tidings.fetch import decode_body
from tidings.fetch.charset import declared_charsets

RU = "Президент заявил сегодня, что новые правила вступят в силу в следующем месяце."


def test_empty_body():
    assert decode_body(b"", "text/html") == ("", "utf-8")


def test_bom_beats_a_wrong_header():
    assert decode_body("\ufeffé".encode("utf-8"), "text/html; charset=koi8-r") == ("é", "utf-8")


def test_header_beats_meta():
    body = b'<meta charset="utf-8"><p>' + RU.encode("koi8-r")
    text, encoding = decode_body(body, "text/html; charset=KOI8-R")
    assert encoding == "koi8-r" and text.endswith(RU)


def test_meta_charset_in_first_4kb_only_for_html():
    body = b'<!doctype html><meta charset="windows-1251">' + RU.encode("cp1251")
    assert decode_body(body, "text/html")[1] == "cp1251"
    assert declared_charsets(body, "text/html") == ["windows-1251"]
    late = b"<!doctype html>" + b" " * 5000 + b'<meta charset="koi8-r">'
    assert declared_charsets(late, "text/html") == []
    assert declared_charsets(body, "image/png") == []


def test_xml_declaration():
    body = b'<?xml version="1.0" encoding="ISO-8859-1"?><rss>caf\xe9</rss>'
    text, encoding = decode_body(body, "application/rss+xml")
    assert text.endswith("café</rss>") and encoding == "cp1252"


def test_meta_claiming_utf16_means_utf8():
    body = '<html><meta charset="utf-16"><p>é'.encode("utf-8")
    assert decode_body(body, "text/html") == ('<html><meta charset="utf-16"><p>é', "utf-8")


def test_unknown_label_is_skipped():
    assert decode_body("é".encode(), "text/plain; charset=x-nonsense") == ("é", "utf-8")


def test_non_text_codec_label_is_not_used():
    assert decode_body(b"aGVsbG8=", "text/plain; charset=base64") == ("aGVsbG8=", "utf-8")


def test_undeclared_legacy_bytes_are_detected():
    text, encoding = decode_body(RU.encode("cp1251"), "text/html")
    assert text == RU and encoding == "cp1251"


def test_garbage_never_raises():
    text, _ = decode_body(bytes(range(256)) * 4, "text/html; charset=utf-8")
    assert isinstance(text, str) and len(text) > 0
