"""robots.txt parsing and matching (RFC 9309)."""
from __future__ import annotations

import time

import pytest

from tidings.fetch.robots import RobotsRules, agent_token, glob_match

TEXT = """
# comment
User-agent: Tidings
User-agent: someone-else
Disallow: /news/drafts   # trailing comment
Allow: /news/drafts/public$
Disallow: /*.pdf$
Disallow: /search?
Crawl-delay: 2.5

User-agent: *
Disallow: /

User-agent: tidings
Disallow: /merged
"""


def rules(text: str = TEXT, agent: str = "tidings") -> RobotsRules:
    return RobotsRules.parse(text, agent)


@pytest.mark.parametrize("path, allowed", [
    ("/", True), ("/news/1", True), ("/news/drafts", False), ("/news/drafts/x", False),
    ("/news/drafts/public", True), ("/news/drafts/public/more", False),
    ("/files/a.pdf", False), ("/files/a.pdf?x=1", True), ("/search?q=x", False),
    ("/search", True), ("/merged/thing", False), ("/robots.txt", True),
])
def test_our_group_rules(path, allowed):
    assert rules().allowed("https://example.org" + path) is allowed


def test_other_agents_fall_back_to_star_group():
    robots = rules(agent="otherbot")
    assert not robots.allowed("https://example.org/news/1")
    assert robots.allowed("https://example.org/robots.txt")


def test_crawl_delay_and_empty_rules():
    assert rules().crawl_delay == 2.5
    empty = rules("User-agent: *\nDisallow:\n")
    assert empty.allowed("https://e.org/anything") and empty.crawl_delay is None
    assert RobotsRules().allowed("https://e.org/x")
    assert not RobotsRules(disallow_all=True).allowed("https://e.org/x")


def test_longest_match_wins_and_allow_wins_ties():
    robots = rules("User-agent: *\nDisallow: /a\nAllow: /a/b\nDisallow: /a/b/c\nAllow: /x\nDisallow: /x\n")
    assert not robots.allowed("http://e.org/a/1")
    assert robots.allowed("http://e.org/a/b/1")
    assert not robots.allowed("http://e.org/a/b/c")
    assert robots.allowed("http://e.org/x")


def test_percent_encoding_is_compared_normalised():
    robots = rules("User-agent: *\nDisallow: /caf%C3%A9\n")
    assert not robots.allowed("http://e.org/café/menu")
    assert not robots.allowed("http://e.org/caf%c3%a9/menu")


def test_agent_token():
    assert agent_token("tidings/0.1 (+https://github.com/tidings/tidings)") == "tidings"
    assert agent_token("MyBot") == "mybot"


def test_hostile_pattern_is_matched_quickly():
    pattern = "/" + "*a" * 40 + "b"
    started = time.monotonic()
    assert not glob_match(pattern, "/" + "a" * 2000)
    assert time.monotonic() - started < 1.0


def test_rules_without_user_agent_line_are_ignored():
    assert rules("Disallow: /\n").allowed("http://e.org/x")
