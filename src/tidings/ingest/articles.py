"""Building the Article to store from what fetch, parse and extract found."""
from __future__ import annotations

from datetime import datetime

from lxml import html as lxml_html

from urllib.parse import urlsplit, urlunsplit

from ..extract import canonicalize_url
from ..extract.urls import is_tracking_param
from ..models import Article, Extracted, FeedEntry, Page, ParsedFeed
from ..store import utcnow

SUMMARY_CHARS = 500


def article_from_page(source: dict, entry: FeedEntry, feed: ParsedFeed, page: Page,
                      extracted: Extracted, fetched: datetime | None = None) -> Article:
    """An article from its fetched page (at ``fetched``, default now); the feed fills what the
    page lacks."""
    text = extracted.text or plain_text(entry.content or entry.summary)
    return Article(
        url=entry.url,
        source_id=source["id"],
        canonical_url=extracted.canonical_url or canonicalize_url(page.final_url),
        title=extracted.title or entry.title,
        text=text,
        summary=plain_text(entry.summary)[:SUMMARY_CHARS] or extracted.description[:SUMMARY_CHARS],
        author=extracted.author or entry.author,
        published=entry.published or extracted.published,
        modified=extracted.modified or entry.updated,
        fetched=fetched or utcnow(),
        lang=extracted.lang or entry.lang or feed.lang or source["lang"],
        image=extracted.image,
        credit_url=extracted.credit_url,
        feed_only=not extracted.text,
        raw_html=page.text.encode("utf-8"),
        snippet=extracted.snippet,
    )


def article_from_feed(source: dict, entry: FeedEntry, feed: ParsedFeed,
                      fetched: datetime | None = None) -> Article:
    """An article whose page could not be fetched: the feed's own content, marked ``feed_only``."""
    return Article(
        url=entry.url,
        source_id=source["id"],
        canonical_url=canonicalize_url(entry.url),
        title=entry.title,
        text=plain_text(entry.content or entry.summary),
        summary=plain_text(entry.summary)[:SUMMARY_CHARS],
        author=entry.author,
        published=entry.published,
        modified=entry.updated,
        fetched=fetched or utcnow(),
        lang=entry.lang or feed.lang or source["lang"],
        feed_only=True,
    )


def article_url(link: str) -> str:
    """The URL an article is stored under: its feed link without tracking parameters
    (``utm_*``, ``fbclid``...) or fragment, so two links to one page make one article."""
    link = (link or "").strip()
    try:
        parts = urlsplit(link)
    except ValueError:
        return link
    if not parts.query and not parts.fragment:
        return link
    kept = [pair for pair in parts.query.split("&") if pair and not is_tracking_param(pair.split("=", 1)[0])]
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "&".join(kept), ""))


def plain_text(markup: str) -> str:
    """Feed HTML to plain text, paragraphs kept apart; never executes or keeps markup."""
    if not markup or "<" not in markup:
        return (markup or "").strip()
    try:
        root = lxml_html.fromstring(f"<div>{markup}</div>")
    except (ValueError, lxml_html.etree.ParserError):
        return ""
    for bad in root.xpath("//script|//style|//noscript|//iframe|//object"):
        bad.drop_tree()
    for block in root.xpath("//p|//br|//div|//li|//h1|//h2|//h3|//h4|//blockquote"):
        block.tail = "\n\n" + (block.tail or "")
    lines = (" ".join(part.split()) for part in root.text_content().split("\n\n"))
    return "\n\n".join(line for line in lines if line)
