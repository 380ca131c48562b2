"""Settings from the environment, header parsers and content-type helpers."""
from __future__ import annotations

from email.utils import formatdate

import pytest

from tidings.fetch import FetchSettings, is_feed_like, is_html, parse_retry_after
from tidings.fetch.headers import parse_content_type
from tidings.models import Page


def test_defaults():
    s = FetchSettings()
    assert s.user_agent == "tidings/0.1 (+https://github.com/tidings/tidings)"
    assert (s.per_host, s.global_limit, s.max_bytes, s.max_redirects) == (2, 64, 10 * 2**20, 5)
    assert not s.allow_private and s.respect_robots


def test_from_env_then_overrides():
    env = {"TIDINGS_USER_AGENT": "mybot/2", "TIDINGS_ALLOW_PRIVATE_NETWORKS": "1",
           "TIDINGS_PER_HOST": "4", "TIDINGS_TIMEOUT": "12.5", "TIDINGS_MAX_BYTES": "1000",
           "TIDINGS_ALLOWED_NETWORKS": "127.0.0.0/8, 10.1.0.0/16",
           "TIDINGS_RESPECT_ROBOTS": "no"}
    s = FetchSettings.from_env({"per_host": 3, "read_timeout": None}, environ=env)
    assert s.user_agent == "mybot/2" and s.allow_private and s.per_host == 3
    assert s.total_timeout == 12.5 and s.max_bytes == 1000 and not s.respect_robots
    assert s.allowed_networks == ("127.0.0.0/8", "10.1.0.0/16") and s.read_timeout == 20


def test_from_env_reads_real_environment(monkeypatch):
    monkeypatch.setenv("TIDINGS_ALLOW_PRIVATE_NETWORKS", "0")
    monkeypatch.setenv("TIDINGS_MAX_REDIRECTS", "2")
    s = FetchSettings.from_env()
    assert not s.allow_private and s.max_redirects == 2


@pytest.mark.parametrize("env, overrides, message", [
    ({"TIDINGS_PER_HOST": "many"}, None, "TIDINGS_PER_HOST"),
    ({"TIDINGS_ALLOW_PRIVATE_NETWORKS": "maybe"}, None, "TIDINGS_ALLOW_PRIVATE_NETWORKS"),
    ({}, {"nonsense": 1}, "nonsense"),
    ({"TIDINGS_PER_HOST": "0"}, None, "per_host"),
])
def test_bad_settings_name_the_culprit(env, overrides, message):
    with pytest.raises(ValueError, match=message):
        FetchSettings.from_env(overrides, environ=env)


def test_parse_content_type():
    assert parse_content_type('Text/HTML; Charset="UTF-8"') == ("text/html", {"charset": "UTF-8"})
    assert parse_content_type(None) == ("", {})


def test_parse_retry_after():
    assert parse_retry_after("30") == 30.0
    assert parse_retry_after(formatdate(1_000_100, usegmt=True), now=1_000_000) == 100
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 -0000", now=2e9) == 0.0
    assert parse_retry_after("soon") is None and parse_retry_after("") is None
    assert parse_retry_after("-5") is None


def page(content_type: str, body: bytes) -> Page:
    return Page(url="u", final_url="u", status=200, body=body, content_type=content_type)


@pytest.mark.parametrize("content_type, body, html, feed", [
    ("text/html", b"<html></html>", True, False),
    ("application/xhtml+xml", b"<html/>", True, False),
    ("", b"  <!DOCTYPE html><html>", True, False),
    ("application/octet-stream", b"<?xml version='1.0'?><rss version='2.0'>", False, True),
    ("application/rss+xml", b"", False, True),
    ("application/atom+xml", b"<feed xmlns='http://www.w3.org/2005/Atom'>", False, True),
    ("text/xml", b"<?xml version='1.0'?><rdf:RDF>", False, True),
    ("application/json", b'{"version": "https:\\/\\/jsonfeed.org\\/version\\/1.1"}', False, True),
    ("application/json", b'{"a": 1}', False, False),
    ("text/xml", b"<urlset xmlns:news='...'>", False, True),
    ("image/png", b"\x89PNG<html>", False, False),
])
def test_content_helpers(content_type, body, html, feed):
    p = page(content_type, body)
    assert (is_html(p), is_feed_like(p)) == (html, feed)
