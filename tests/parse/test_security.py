"""Hostile documents: entity bombs, XXE, DTD fetching, file-path bodies, decompression bombs."""
from __future__ import annotations

import gzip
import time
import tracemalloc

import pytest

from tidings.parse import FeedError, parse_feed
from tidings.parse.decode import gunzip
from tidings.parse.xmlsafe import strip_declarations

ITEMS = ('<channel><title>&{e};</title><link>http://safe.example/</link>'
         '<item><title>&{e};</title><link>http://safe.example/1</link>'
         '<description>&{e};</description></item></channel></rss>')


def billion_laughs() -> bytes:
    levels = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol%d;" % (i - 1)) * 10}">' for i in range(1, 10)]
    doctype = "<!DOCTYPE rss [\n" + "\n".join(levels) + "\n]>\n"
    return ('<?xml version="1.0"?>\n' + doctype + '<rss version="2.0">'
            + ITEMS.format(e="lol9")).encode()


def xxe(target: str = "file:///etc/passwd") -> bytes:
    return (f'<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY xxe SYSTEM "{target}">]>\n'
            '<rss version="2.0">' + ITEMS.format(e="xxe")).encode()


def all_text(feed) -> str:
    parts = [feed.title]
    for entry in feed.entries:
        parts += [entry.title, entry.summary, entry.content, entry.url]
    return " ".join(parts)


def parse_or_error(doc: bytes) -> str:
    """The parsed text, or the FeedError message: what a user could ever see."""
    try:
        feed = parse_feed(doc, url="http://safe.example/feed")
    except FeedError as exc:
        return str(exc)
    assert feed.warning and "DOCTYPE" in feed.warning
    return all_text(feed)


def test_billion_laughs_is_not_expanded_quickly_and_in_little_memory():
    tracemalloc.start()
    start = time.perf_counter()
    text = parse_or_error(billion_laughs())
    elapsed = time.perf_counter() - start
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert "lollol" not in text
    assert elapsed < 5
    assert peak < 20_000_000


@pytest.mark.parametrize("target", ["file:///etc/passwd", "file:///etc/hostname",
                                    "http://127.0.0.1:9/x.dtd"])
def test_external_entities_are_never_read(target):
    text = parse_or_error(xxe(target))
    assert "root:" not in text
    with open("/etc/hostname", encoding="utf-8") as handle:
        hostname = handle.read().strip()
    assert not hostname or hostname not in text


def test_parameter_entity_and_external_dtd():
    doc = ('<?xml version="1.0"?><!DOCTYPE rss SYSTEM "http://127.0.0.1:9/evil.dtd" [\n'
           '<!ENTITY % remote SYSTEM "file:///etc/passwd"> %remote; ]>\n'
           '<rss version="2.0">' + ITEMS.format(e="x")).encode()
    assert "root:" not in parse_or_error(doc)


def test_declaration_hidden_behind_a_processing_instruction():
    """A ``<!--`` inside a PI must not hide the DOCTYPE that parsers do read."""
    doc = ('<?xml-stylesheet href="<!--"?><!DOCTYPE rss [<!ENTITY x "EXPANDED">]>'
           '<rss version="2.0">' + ITEMS.format(e="x")).encode()
    assert "EXPANDED" not in parse_or_error(doc)


def test_entities_in_a_broken_document_that_goes_to_the_fallback_reader():
    doc = ('<!DOCTYPE rss [<!ENTITY x "EXPANDED">]><rss version="2.0"><channel>'
           '<title>&x;</title><item><title>&x; <b>unclosed</title>'
           '<link>http://safe.example/1</link></item>').encode()
    assert "EXPANDED" not in parse_or_error(doc)


def test_quadratic_blowup_stays_small():
    value = "A" * 50_000
    doc = (f'<!DOCTYPE rss [<!ENTITY a "{value}">]><rss version="2.0"><channel><title>t</title>'
           '<item><title>' + "&a;" * 20_000 + '</title><link>http://safe.example/1</link>'
           '</item></channel></rss>').encode()
    text = parse_or_error(doc)
    assert "AAAA" not in text


def test_a_body_that_is_a_file_path_is_not_opened():
    """feedparser opens a local file whose path equals its bytes argument; we never let it."""
    with pytest.raises(FeedError) as caught:
        parse_feed(b"/etc/passwd")
    assert "root:" not in str(caught.value)


def test_gzip_bomb_is_refused():
    bomb = gzip.compress(b"\0" * 5_000_000)
    with pytest.raises(FeedError, match="larger than"):
        gunzip(bomb, limit=1_000_000)


def test_strip_keeps_doctype_text_inside_cdata():
    text = '<rss><item><description><![CDATA[ <!DOCTYPE ]]></description></item></rss>'
    assert strip_declarations(text) == (text, [])
