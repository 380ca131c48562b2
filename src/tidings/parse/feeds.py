"""``parse_feed``: any feed document (RSS, Atom, RDF, JSON Feed, sitemap) → ``ParsedFeed``.

Pipeline: bytes → text (``decode``) → JSON Feed reader, or sanitized XML (``xmlsafe``: no
DOCTYPE, no entity declarations) → sitemap reader or RSS/Atom/RDF reader (``xmlfeed``) →
cleaned entries (``entries``: links resolved against the feed URL, http(s) only, dates in
UTC, link-less items take their guid if it is a URL or are dropped).

Choice of the RSS/Atom reader, measured with ``bench/feeds.py`` on a busy 2-core machine over
``/work/shared/bench/feeds``: ``real/`` (233 full-size feeds, 50 MB) for speed,
``feedparser-tests/`` (2,259 small well- and ill-formed feeds) for survival (no exception, and
the entries its ``Expect:`` header refers to were found):

============================ ========= ========== ================= ==========================
reader                       feeds/s   MB/s       real/ exceptions  feedparser-tests survived
============================ ========= ========== ================= ==========================
feedparser 6.0.14               14.9       3.2    0                 2,258 (no JSON Feed)
fastfeedparser 0.6.5         2,038       436      2                 2,146 (109 ValueError)
fastfeedparser → feedparser  1,905       408      0                 2,259 (all)
tidings.parse_feed             355        76      0                 no exception; 11 FeedError
============================ ========= ========== ================= ==========================

So fastfeedparser reads every document first and feedparser re-reads only those fastfeedparser
rejects or finds no entry or title in: feedparser's robustness at ~130x its speed. The
pipeline around it (decoding, the XML guard, link/date/text cleaning) costs most of the rest.
"""
from __future__ import annotations

from datetime import datetime

from tidings.models import ParsedFeed
from tidings.parse.decode import to_text
from tidings.parse.entries import RawEntry, absolute_url, finish_entries
from tidings.parse.errors import FeedError
from tidings.parse.jsonfeed import read_json_feed
from tidings.parse.sitemap import read_sitemap
from tidings.parse.text import clean_lang, clean_text
from tidings.parse.xmlfeed import read_xml_feed
from tidings.parse.xmlsafe import parse_tree, root_name, sanitize_xml

ROOT_KINDS = {"rss": "rss", "feed": "atom", "rdf": "rdf"}
SITEMAP_KINDS = {"urlset": "sitemap", "sitemapindex": "sitemapindex"}
NOT_FEEDS = {"html": "an HTML page", "head": "an HTML page", "body": "an HTML page",
             "opml": "an OPML subscription list", "svg": "an SVG image"}

__all__ = ["FeedError", "parse_feed"]


def _read_xml(text: str, url: str,
              warnings: list[str]) -> tuple[str, dict[str, str], list[RawEntry]]:
    """``(kind, feed_fields, raw_entries)`` of a sanitized XML document."""
    root = root_name(text)
    if root in SITEMAP_KINDS:
        feed, raws = read_sitemap(parse_tree(text))
        return SITEMAP_KINDS[root], feed, raws
    if root in NOT_FEEDS:
        raise FeedError(f"{NOT_FEEDS[root]}, not a feed")
    result = read_xml_feed(text.encode("utf-8"), url)
    kind = ROOT_KINDS.get(root) or result.kind
    if not (result.raws or result.title or result.kind):
        reason = result.problem.splitlines()[0] if result.problem else "no RSS, Atom or RDF"
        raise FeedError(f"not a feed: {reason}")
    if result.problem:
        warnings.append("not well-formed, recovered: " + result.problem.splitlines()[0][:200])
    feed = {"title": result.title, "site_url": result.site_url, "lang": result.lang}
    return kind or "rss", feed, result.raws


def _assemble(kind: str, feed: dict[str, str], raws: list[RawEntry], url: str,
              warnings: list[str], now: datetime | None) -> ParsedFeed:
    site_url = absolute_url(feed.get("site_url"), url)
    lang = clean_lang(feed.get("lang"))
    batch = finish_entries(raws, url or site_url, lang, now)
    if kind not in SITEMAP_KINDS.values():
        warnings.extend(batch.warnings())
    return ParsedFeed(kind=kind, title=clean_text(feed.get("title"), 500), site_url=site_url,
                      lang=lang, entries=batch.entries,
                      warning="; ".join(dict.fromkeys(warnings)) or None)


def parse_feed(data: bytes | str, url: str = "", content_type: str = "", *,
               now: datetime | None = None) -> ParsedFeed:
    """Parse an RSS 0.9x/1.0/2.0, Atom 0.3/1.0, JSON Feed 1.0/1.1 or sitemap document.

    * ``url``: where the document came from; relative links are resolved against it.
    * ``content_type``: the HTTP ``Content-Type``; its ``charset`` is one encoding hint.
    * ``now``: the clock for rejecting dates more than two days ahead (tests).

    ``kind`` is ``rss``, ``atom``, ``rdf``, ``json``, ``sitemap`` or ``sitemapindex`` (whose
    entries are the URLs of further sitemaps). Entry ``summary`` is plain text (at most 1,000
    characters); ``content`` is the richest HTML the feed carries, untrusted — sanitize it
    before display. Raises ``FeedError`` (a ``ValueError`` with a one-line message) when no
    feed can be recovered; a recovered document has ``warning`` set.
    """
    text, warnings = to_text(data, content_type)
    if text.lstrip()[:1] in ("{", "["):
        feed, raws = read_json_feed(text)
        kind = "json"
    else:
        text, more = sanitize_xml(text)
        warnings.extend(more)
        kind, feed, raws = _read_xml(text, url, warnings)
    return _assemble(kind, feed, raws, url, warnings, now)
