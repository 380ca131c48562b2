"""Feeds and machine files: RSS 2.0, Atom, JSON Feed 1.1, RSS 1.0 (RDF), news sitemap, robots, OPML."""
from __future__ import annotations

import json
from datetime import datetime
from email.utils import format_datetime
from html import escape
from typing import Callable

from .sites import SiteSpec
from .world import Doc

Url = Callable[[Doc], str]


def iso(dt: datetime) -> str:
    """RFC 3339 in UTC with a ``Z``."""
    return dt.isoformat().replace("+00:00", "Z")


def feed_link(site: SiteSpec, u: str) -> str:
    """The link as the feed gives it (some sites add tracking parameters)."""
    if not site.utm_links:
        return u
    return u + ("&" if "?" in u else "?") + "utm_source=rss&utm_medium=feed&utm_campaign=frontier"


def _x(s: str) -> str:
    return escape(s, quote=True)


def _html_body(doc: Doc) -> str:
    return "".join(f"<p>{escape(p, quote=False)}</p>" for p in doc.paragraphs)


def render_feed(site: SiteSpec, docs: list[Doc], url: Url, home: str, self_url: str,
                now: datetime) -> str:
    """The site's feed in its own format (``site.feed``); ``docs`` newest first."""
    return {"rss": rss, "atom": atom, "json": json_feed, "rdf": rdf,
            "sitemap": news_sitemap}[site.feed](site, docs, url, home, self_url, now)


def rss(site: SiteSpec, docs: list[Doc], url: Url, home: str, self_url: str, now: datetime) -> str:
    """RSS 2.0 with dc:creator, and content:encoded when the site publishes full text."""
    items = []
    for d in docs:
        guid = (f'<guid isPermaLink="true">{_x(url(d))}</guid>' if site.full_content
                else f'<guid isPermaLink="false">{site.key}-{d.id}</guid>')
        content = (f"<content:encoded><![CDATA[{_html_body(d)}]]></content:encoded>"
                   if site.full_content else "")
        items.append(f"<item><title>{_x(d.title)}</title><link>{_x(feed_link(site, url(d)))}</link>"
                     f"{guid}<pubDate>{format_datetime(d.published, usegmt=True)}</pubDate>"
                     f"<dc:creator>{_x(d.author)}</dc:creator><category>{d.section}</category>"
                     f"<description>{_x(d.summary)}</description>{content}</item>")
    return (f'<?xml version="1.0" encoding="{site.charset}"?>\n'
            '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
            'xmlns:atom="http://www.w3.org/2005/Atom">\n<channel>\n'
            f"<title>{_x(site.name)}</title><link>{_x(home)}</link>"
            f"<description>{_x(site.tagline)}</description><language>{site.lang}</language>"
            f"<lastBuildDate>{format_datetime(now, usegmt=True)}</lastBuildDate>"
            f'<atom:link href="{_x(self_url)}" rel="self" type="application/rss+xml"/>\n'
            + "\n".join(items) + "\n</channel>\n</rss>\n")


def atom(site: SiteSpec, docs: list[Doc], url: Url, home: str, self_url: str, now: datetime) -> str:
    """Atom 1.0; aggregators also carry the full text as ``content``."""
    host = home.split("//", 1)[1].rstrip("/").split(":")[0]
    updated = iso(docs[0].modified if docs else now)
    entries = []
    for d in docs:
        content = (f'<content type="html">{_x(_html_body(d))}</content>' if site.aggregator else "")
        entries.append(f"<entry><id>tag:{host},2025:{site.key}:{d.id}</id><title>{_x(d.title)}</title>"
                       f'<link rel="alternate" type="text/html" href="{_x(feed_link(site, url(d)))}"/>'
                       f"<published>{iso(d.published)}</published><updated>{iso(d.modified)}</updated>"
                       f"<author><name>{_x(d.author)}</name></author>"
                       f'<category term="{d.section}"/><summary>{_x(d.summary)}</summary>{content}</entry>')
    return ('<?xml version="1.0" encoding="utf-8"?>\n'
            f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{site.lang}">\n'
            f"<id>{_x(home)}</id><title>{_x(site.name)}</title><subtitle>{_x(site.tagline)}</subtitle>"
            f"<updated>{updated}</updated>"
            f'<link rel="self" type="application/atom+xml" href="{_x(self_url)}"/>'
            f'<link rel="alternate" type="text/html" href="{_x(home)}"/>\n'
            + "\n".join(entries) + "\n</feed>\n")


def json_feed(site: SiteSpec, docs: list[Doc], url: Url, home: str, self_url: str, now: datetime) -> str:
    """JSON Feed 1.1."""
    items = [{"id": f"{site.key}-{d.id}", "url": feed_link(site, url(d)), "title": d.title,
              "summary": d.summary, "content_text": d.text, "date_published": iso(d.published),
              "date_modified": iso(d.modified), "authors": [{"name": d.author}], "language": d.lang,
              "tags": [d.section]} for d in docs]
    feed = {"version": "https://jsonfeed.org/version/1.1", "title": site.name, "home_page_url": home,
            "feed_url": self_url, "description": site.tagline, "language": site.lang, "items": items}
    return json.dumps(feed, ensure_ascii=False, indent=1)


def rdf(site: SiteSpec, docs: list[Doc], url: Url, home: str, self_url: str, now: datetime) -> str:
    """RSS 1.0 (RDF) with Dublin Core dates."""
    seq = "".join(f'<rdf:li rdf:resource="{_x(feed_link(site, url(d)))}"/>' for d in docs)
    items = "\n".join(f'<item rdf:about="{_x(feed_link(site, url(d)))}"><title>{_x(d.title)}</title>'
                      f"<link>{_x(feed_link(site, url(d)))}</link><description>{_x(d.summary)}</description>"
                      f"<dc:date>{iso(d.published)}</dc:date><dc:creator>{_x(d.author)}</dc:creator>"
                      f"<dc:language>{d.lang}</dc:language></item>" for d in docs)
    return ('<?xml version="1.0" encoding="utf-8"?>\n'
            '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
            'xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">\n'
            f'<channel rdf:about="{_x(self_url)}"><title>{_x(site.name)}</title><link>{_x(home)}</link>'
            f"<description>{_x(site.tagline)}</description><dc:date>{iso(now)}</dc:date>"
            f"<items><rdf:Seq>{seq}</rdf:Seq></items></channel>\n{items}\n</rdf:RDF>\n")


def news_sitemap(site: SiteSpec, docs: list[Doc], url: Url, home: str, self_url: str,
                 now: datetime) -> str:
    """A Google News sitemap (all articles, not only the last two days)."""
    urls = "\n".join(f"<url><loc>{_x(url(d))}</loc><news:news><news:publication>"
                     f"<news:name>{_x(site.name)}</news:name><news:language>{site.lang}</news:language>"
                     f"</news:publication><news:publication_date>{iso(d.published)}</news:publication_date>"
                     f"<news:title>{_x(d.title)}</news:title></news:news></url>" for d in docs)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">\n' + urls + "\n</urlset>\n")


def robots_txt(site: SiteSpec, home: str) -> str:
    """robots.txt: one site disallows a path and asks for a crawl delay; sitemap sites list it."""
    lines = ["User-agent: *"]
    lines.append(f"Disallow: {site.disallow}" if site.disallow else "Disallow: /admin/")
    if site.crawl_delay is not None:
        lines.append(f"Crawl-delay: {site.crawl_delay:g}")
    if site.feed == "sitemap":
        lines.append(f"Sitemap: {home.rstrip('/')}{site.feed_path}")
    return "\n".join(lines) + "\n"


def opml(entries: list[tuple[str, str, str | None, str]]) -> str:
    """OPML 2.0 from ``(title, home_url, feed_url_or_None, lang)``; feedless sites get only htmlUrl."""
    outlines = []
    for title, home, feed, lang in entries:
        attrs = f'text="{_x(title)}" title="{_x(title)}" htmlUrl="{_x(home)}" language="{lang}"'
        outlines.append(f'<outline type="rss" {attrs} xmlUrl="{_x(feed)}"/>' if feed
                        else f'<outline type="link" {attrs} url="{_x(home)}"/>')
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0">\n'
            "<head><title>tidings simulated web</title></head>\n<body>\n"
            + "\n".join(outlines) + "\n</body>\n</opml>\n")
