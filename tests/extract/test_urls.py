"""canonicalize_url: one key per page."""
from __future__ import annotations

import pytest

from tidings.extract import canonicalize_url, host_of
from tidings.extract.urls import same_site


@pytest.mark.parametrize(("raw", "expected"), [
    ("HTTPS://WWW.Example.COM:443/a/b?utm_source=x&id=3&fbclid=abc#frag", "https://www.example.com/a/b?id=3"),
    ("http://example.com", "http://example.com/"),
    ("http://example.com:8080//a//b?gclid=1&mc_cid=2&UTM_Medium=3", "http://example.com:8080/a/b"),
    ("https://example.com/caf%c3%a9?q=a b&_ga=1", "https://example.com/caf%C3%A9?q=a%20b"),
    ("https://user:pw@example.com/x?b=2&a=1", "https://example.com/x?b=2&a=1"),
    ("mailto:someone@example.com", "mailto:someone@example.com"),
    ("  https://example.com/x?igshid=9&yclid=1&msclkid=2  ", "https://example.com/x"),
])
def test_canonicalize(raw, expected):
    assert canonicalize_url(raw) == expected


def test_relative_urls_are_resolved_against_a_base():
    assert canonicalize_url("../b?utm_term=x", "https://ex.com/a/c/page") == "https://ex.com/a/b"


def test_hosts_and_sites():
    assert host_of("https://www.Example.com/x") == "example.com"
    assert same_site("https://edition.cnn.example/x", "cnn.example")
    assert not same_site("https://a.example/x", "https://b.example/y")
