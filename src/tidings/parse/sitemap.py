"""Sitemaps (``<urlset>``), Google News sitemaps and sitemap indexes (``<sitemapindex>``).

A news sitemap entry is ``<url><loc>`` with ``<news:news>`` giving ``publication_date``,
``title`` and ``publication/name``/``language``; a plain one only ``<loc>`` and ``<lastmod>``.
A sitemap index lists other sitemaps: its entries' ``url`` are sitemap URLs to fetch next.
"""
from __future__ import annotations

from typing import Any

from tidings.parse.entries import RawEntry
from tidings.parse.xmlsafe import local

NEWS_FIELDS = {"publication_date": "published", "title": "title", "name": "site",
               "language": "lang", "keywords": "keywords"}


def _text(element: Any) -> str:
    return (element.text or "").strip() if element is not None else ""


def _news_fields(news: Any) -> dict[str, str]:
    """``publication_date``, ``title``, ``name``, ``language`` found anywhere under news:news."""
    found: dict[str, str] = {}
    for element in news.iter():
        key = NEWS_FIELDS.get(local(element.tag))
        if key and key not in found:
            found[key] = _text(element)
    return found


def _url_entry(url_element: Any) -> tuple[RawEntry, dict[str, str]]:
    loc = lastmod = ""
    news: dict[str, str] = {}
    for child in url_element:
        name = local(child.tag)
        if name == "loc":
            loc = _text(child)
        elif name == "lastmod":
            lastmod = _text(child)
        elif name == "news":
            news = _news_fields(child)
    raw = RawEntry(link=loc, guid=loc, title=news.get("title", ""),
                   published=news.get("published") or None, updated=lastmod or None,
                   lang=news.get("lang", ""))
    return raw, news


def read_sitemap(root: Any) -> tuple[dict[str, str], list[RawEntry]]:
    """``(feed_fields, raw_entries)`` from a parsed ``urlset`` or ``sitemapindex`` root."""
    wanted = "sitemap" if local(root.tag) == "sitemapindex" else "url"
    feed = {"title": "", "site_url": "", "lang": ""}
    raws: list[RawEntry] = []
    for element in root:
        if local(element.tag) != wanted:
            continue
        raw, news = _url_entry(element)
        raws.append(raw)
        if news and not feed["title"]:
            feed["title"], feed["lang"] = news.get("site", ""), news.get("lang", "")
    return feed, raws
