"""``extract()``: one article page in, an :class:`~tidings.models.Extracted` out."""
from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlsplit
from typing import TYPE_CHECKING

from tidings.extract.blocks import blocks_text
from tidings.extract.body import main_blocks
from tidings.extract.cleanup import Context
from tidings.extract.credit import find_credit
from tidings.extract.lang import choose as choose_lang
from tidings.extract.metadata import PageMeta, read_metadata
from tidings.extract.pageindex import index_page
from tidings.extract.parse import decode_html, drop_nosnippet, parse_html
from tidings.extract.recall import page_paragraphs
from tidings.extract.snippet import snippet_policy
from tidings.extract.urls import canonicalize_url, host_of, is_http_url
from tidings.models import Extracted

if TYPE_CHECKING:
    from tidings.extract.articlebox import ArticleBoxes
    from tidings.extract.sitetemplates import SiteTemplates


def extract(html: str | bytes, url: str = "", *, site: SiteTemplates | None = None,
            headers: Mapping[str, str] | None = None, learn: bool = True,
            boxes: ArticleBoxes | None = None) -> Extracted:
    """Extract the article of one HTML page.

    Args:
        html: the page, as text or as bytes (charset from BOM, ``<meta charset>`` or detection).
        url: where the page was fetched from; used to resolve relative URLs, as the
            fallback canonical URL and for the site (host) of the page.
        site: learned site templates; when given, blocks that recur on many pages of the
            same host are removed, and (if ``learn``) this page is counted first.
        headers: response headers; only ``X-Robots-Tag`` is read (snippet policy).
        learn: with ``site``, whether this page adds to what is learned (False to re-clean
            a page already counted).
        boxes: learned article boxes; when given (and ``learn``), a page of a host whose
            articles sit in a known box is extracted from that box alone, which is faster
            (see ``tidings.extract.articlebox``), and this page is learned from.

    Returns:
        An :class:`Extracted`; ``text`` holds paragraphs separated by blank lines and is
        empty when the page has no article text. Never raises on malformed HTML.
    """
    source = decode_html(html)
    tree = parse_html(source)
    if tree is None:
        return Extracted(canonical_url=canonicalize_url(url) if url else "")
    header_robots = [v for k, v in (headers or {}).items() if k.lower() == "x-robots-tag"]
    drop_nosnippet(tree)
    index = index_page(tree)  # the tree does not change from here on
    meta = read_metadata(tree, url, index)
    canonical = pick_canonical(meta, url)
    ctx = Context(meta.titles, meta.description, meta.author, meta.site_name)
    paragraphs = page_paragraphs(tree, index.p)
    if boxes is not None and learn:
        raw, blocks = boxes.main_blocks(host_of(url or canonical), tree, url, ctx, paragraphs)
    else:
        raw, blocks = main_blocks(tree, url, ctx, paragraphs=paragraphs)
    if site is not None:
        blocks = site.process(host_of(canonical or url), raw, blocks, page_key=canonical or url,
                              learn=learn)
    text = blocks_text(blocks)
    return Extracted(
        title=meta.title, text=text, author=meta.author, published=meta.published,
        modified=meta.modified, lang=choose_lang(meta.declared_lang, text or meta.title),
        canonical_url=canonical, image=_absolute(meta.image, canonical or url),
        description=meta.description,
        credit_url=find_credit(tree, url or canonical, _declared_canonical(meta, url), source,
                               index.a),
        site_name=meta.site_name, snippet=snippet_policy(meta.robots, header_robots))


def pick_canonical(meta: PageMeta, url: str) -> str:
    """``rel=canonical``, else ``og:url``, else the page URL — resolved and canonicalised."""
    page = canonicalize_url(url) if url else ""
    for candidate in (meta.canonical, meta.og_url):
        if candidate and not candidate.startswith(("#", "javascript:", "data:")):
            found = canonicalize_url(candidate, url)
            if is_http_url(found) and not _homepage_for_article(found, page):
                return found
    return page


def _homepage_for_article(candidate: str, page: str) -> bool:
    """A site-wide canonical pointing at the home page of an article page is a template bug."""
    return bool(page) and urlsplit(candidate).path in ("", "/") and urlsplit(page).path not in ("", "/")


def _declared_canonical(meta: PageMeta, url: str) -> str:
    return canonicalize_url(meta.canonical, url) if meta.canonical else ""


def _absolute(link: str, base: str) -> str:
    if not link:
        return ""
    found = canonicalize_url(link, base)
    return found if is_http_url(found) else ""


__all__ = ["extract", "pick_canonical"]
