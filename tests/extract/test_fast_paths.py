"""The shortcuts taken for speed give exactly what the plain forms they replace give."""
from __future__ import annotations

import random
import re
import sys

from lxml import html as lxml_html

from tests.extract.extract_helpers import article_page
from tidings.extract import extract
from tidings.extract import patterns as pt
from tidings.extract.blocks import clean_line, element_text, looks_like_code
from tidings.extract.credit import find_credit
from tidings.extract.metadata import read_metadata
from tidings.extract.pageindex import index_page

_SPACES = re.compile(r"[ \t\r\f\v\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_CODE_CHARS = re.compile(r"[{};=<>]|&lt;|&gt;|&amp;")
_PRECHECKED = [(pt.COPYRIGHT, pt.COPYRIGHT_KEYS), (pt.NEWSLETTER_NOUN, pt.NEWSLETTER_NOUN_KEYS),
               (pt.CONTRIBUTORS, pt.CONTRIBUTORS_KEYS), (pt.CREDIT_TAIL, pt.CREDIT_TAIL_KEYS)]


def _random_texts(alphabet: list[str], count: int, seed: int = 5) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14))) for _ in range(count)]


def test_case_insensitive_prechecks_cover_every_character_ignorecase_equates():
    """Every character IGNORECASE takes for a key's letter lower-cases to it or is a trap."""
    everything = "".join(chr(i) for i in range(sys.maxunicode + 1) if not 0xD800 <= i <= 0xDFFF)
    letters = {c for _, keys in _PRECHECKED for key in keys for c in key if c.isalpha()}
    for letter in letters:
        for found in set(re.findall(re.escape(letter), everything, re.IGNORECASE)):
            assert found.lower() == letter or pt._CASE_TRAPS.search(found), (letter, found)


def test_prechecks_pass_what_the_patterns_match():
    samples = ["© 2024 Courier", "Ⓒ Courier", "(C) 2019 Foo", "COPYRIGHT 2020 Foo Media",
               "Copyright Foo Bar 2019", "ALL RIGHTS RESERVED.", "Tous Droits Réservés",
               "ВСЕ ПРАВА ЗАЩИЩЕНЫ", "무단 전재 금지", "Sign up for our NEWSLETTER", "BOLETÍN diario",
               "in your Inbox", "Reporting By Ann Lee", "Con Información De AP",
               "John Smith contributed to this report.", "Workers at a plant / AFP",
               "A pipe (Photo: Jan Berg)", "x Getty Images", "copyrıght 2020 Foo",
               "all rİghts reserved", "вᲃе права защищены"]
    for pattern, keys in _PRECHECKED:
        for text in samples:
            if pattern.search(text):
                assert pt.may_match(text, keys), (pattern.pattern[:30], text)
    assert not pt.may_match("The board met on Tuesday.", pt.COPYRIGHT_KEYS)


def test_code_marks_are_counted_as_the_pattern_finds_them():
    alphabet = ["{", "}", ";", "=", "<", ">", "&", "l", "t", "g", "amp", "&lt;", "&gt;", "&amp;",
                "&amp", "x", " "]
    for text in _random_texts(alphabet, 20000):
        marks = len(_CODE_CHARS.findall(text))
        assert looks_like_code(text) == (bool(text) and marks >= 4 and marks * 25 > len(text)), text


def test_clean_line_collapses_spaces_as_one_substitution_would():
    alphabet = [" ", "  ", "\t", "\u00a0", "\u3000", "\u200b", "\r", "\n", "a", "bc"]
    for text in _random_texts(alphabet, 20000):
        lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
        assert clean_line(text) == "\n".join(line for line in lines if line), repr(text)


def test_element_text_of_a_leaf_equals_the_walk():
    tree = lxml_html.fromstring("<div><p>  One \u00a0 line\n\n two </p><p></p><script>x</script>"
                                "<p>with <b>bold</b><br>break</p></div>")
    texts = [element_text(el) for el in tree]
    assert texts == ["One line\ntwo", "", "", "with bold\nbreak"]


def test_page_index_lists_elements_in_document_order():
    tree = lxml_html.document_fromstring(article_page(head='<link rel="canonical" href="/a">'))
    index = index_page(tree)
    for tag in ("meta", "link", "script", "title", "h1", "p", "a"):
        assert getattr(index, tag) == list(tree.iter(tag)), tag


def test_dates_and_author_from_markup_follow_document_order():
    body = ('<div><span itemprop="author">Ann Lee</span>'
            '<time itemprop="datePublished" datetime="2024-03-02T10:00:00Z" content="bad"></time>'
            '<meta itemprop="dateModified" content="2024-03-05T08:00:00Z"></div>'
            '<div><time datetime="2024-01-01T00:00:00Z"></time></div>')
    tree = lxml_html.document_fromstring(f"<html><head></head><body>{body}</body></html>")
    meta = read_metadata(tree, "https://courier.example/news/x")
    assert meta.published.isoformat() == "2024-03-02T10:00:00+00:00"
    assert meta.modified.isoformat() == "2024-03-05T08:00:00+00:00"
    assert meta.author == "Ann Lee"
    only_time = lxml_html.document_fromstring(
        '<html><body><p><time datetime="2023-05-06">May 6</time></p></body></html>')
    assert read_metadata(only_time).published.isoformat() == "2023-05-06T00:00:00+00:00"


def test_credit_needs_a_credit_word_in_the_page_source():
    line = '<p>&#83;ource: <a href="https://agency.example/story">Agency</a></p>'
    page = article_page(inside_end=line)
    tree = lxml_html.document_fromstring(page)
    assert find_credit(tree, "https://courier.example/a", "") == "https://agency.example/story"
    assert find_credit(tree, "https://courier.example/a", "", page) == ""
    assert extract(page, "https://courier.example/a").credit_url == ""
