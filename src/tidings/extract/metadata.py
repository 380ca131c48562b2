"""Page metadata: title, author, dates, canonical URL, image, description, site name.

Everything comes from one parsed tree: ``<meta>`` tags (Open Graph, Twitter, Dublin Core,
``article:*``), JSON-LD (schema.org ``NewsArticle`` and friends), ``<link rel>``, ``<time>``
and the first ``<h1>``. Cheap: the elements come from one walk of the tree
(:mod:`~tidings.extract.pageindex`), dates from the page's markup are looked for only when
its ``<meta>`` and JSON-LD have none.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from itertools import chain, islice

from lxml import html as lxml_html

from tidings.extract.blocks import clean_line
from tidings.extract.dates import date_from_url, parse_date
from tidings.extract.pageindex import PageIndex, index_page

_ARTICLE_TYPES = {"article", "newsarticle", "blogposting", "reportagenewsarticle",
                  "analysisnewsarticle", "opinionnewsarticle", "reviewnewsarticle",
                  "backgroundnewsarticle", "techarticle", "scholarlyarticle", "report",
                  "liveblogposting", "posting", "socialmediaposting", "webpage", "creativework"}
_TITLE_SPLIT = re.compile(r"\s+[|\-–—:·•»]\s+|\s+::\s+")
_PUBLISHED_KEYS = ("article:published_time", "og:article:published_time", "datepublished",
                   "publishdate", "publish-date", "pubdate", "publish_date", "date",
                   "dc.date.issued", "dc.date", "dcterms.created", "dcterms.date", "sailthru.date",
                   "parsely-pub-date", "article.published", "published_time", "og:published_time",
                   "cxenseparse:recs:publishtime", "datecreated", "article_date_original")
_MODIFIED_KEYS = ("article:modified_time", "og:updated_time", "datemodified", "lastmod",
                  "last-modified", "dcterms.modified", "article.updated", "modified_time")
_AUTHOR_KEYS = ("author", "article:author", "dc.creator", "byl", "parsely-author",
                "sailthru.author", "twitter:creator")


@dataclass(slots=True)
class PageMeta:
    """Metadata read from a page's head and structured data."""

    title: str = ""
    titles: list[str] = field(default_factory=list)
    author: str = ""
    published: datetime | None = None
    modified: datetime | None = None
    declared_lang: str = ""
    canonical: str = ""
    og_url: str = ""
    image: str = ""
    description: str = ""
    site_name: str = ""
    robots: list[str] = field(default_factory=list)


def read_metadata(tree: lxml_html.HtmlElement, url: str = "", index: PageIndex | None = None) -> PageMeta:
    """Collect :class:`PageMeta` from a parsed page (``index``: its elements, if collected)."""
    page = index if index is not None else index_page(tree)
    meta = _meta_tags(page)
    ld = _jsonld_article(page)
    titles = _title_candidates(page, meta, ld)
    return PageMeta(
        title=titles[0] if titles else "",
        titles=titles,
        author=_author(page, meta, ld),
        published=_first_date(chain([ld.get("datePublished"), ld.get("dateCreated")],
                                    (meta.get(k) for k in _PUBLISHED_KEYS),
                                    _time_elements(page, "datePublished"))) or date_from_url(url),
        modified=_first_date(chain([ld.get("dateModified")], (meta.get(k) for k in _MODIFIED_KEYS),
                                   _time_elements(page, "dateModified"))),
        declared_lang=_declared_lang(tree, meta, ld),
        canonical=_link_href(page, "canonical"),
        og_url=meta.get("og:url", ""),
        image=meta.get("og:image") or meta.get("og:image:url") or meta.get("twitter:image")
        or meta.get("twitter:image:src") or _ld_image(ld) or _link_href(page, "image_src"),
        description=meta.get("og:description") or meta.get("description")
        or meta.get("twitter:description") or _text(ld.get("description")),
        site_name=meta.get("og:site_name") or _ld_name(ld.get("publisher"))
        or meta.get("application-name") or meta.get("twitter:site", "").lstrip("@"),
        robots=[v for k, v in meta.items_all() if k in ("robots", "googlebot")],
    )


class _Meta(dict):
    """``<meta>`` values by lower-cased name/property; the first one wins, all kept too."""

    def __init__(self) -> None:
        super().__init__()
        self.all: list[tuple[str, str]] = []

    def items_all(self) -> list[tuple[str, str]]:
        return self.all


def _meta_tags(page: PageIndex) -> _Meta:
    found = _Meta()
    for el in page.meta:
        key = (el.get("property") or el.get("name") or el.get("itemprop")
               or el.get("http-equiv") or "").strip().lower()
        value = clean_line(el.get("content") or "").replace("\n", " ")
        if key and value:
            found.all.append((key, value))
            found.setdefault(key, value)
    return found


def _jsonld_article(page: PageIndex) -> dict:
    best: dict = {}
    for script in page.script:
        if "ld+json" not in (script.get("type") or ""):
            continue
        try:
            data = json.loads(script.text or "")
        except (ValueError, RecursionError):
            continue
        for item in _ld_items(data):
            kind = item.get("@type")
            kinds = {str(k).lower() for k in (kind if isinstance(kind, list) else [kind])}
            if kinds & _ARTICLE_TYPES and (not best or _ld_rank(item) > _ld_rank(best)):
                best = item
    return best


def _ld_rank(item: dict) -> int:
    kind = str(item.get("@type", "")).lower()
    return (2 if "article" in kind or "posting" in kind else 0) + ("headline" in item)


def _ld_items(data, depth: int = 0):
    if depth > 4:
        return
    if isinstance(data, list):
        for entry in data:
            yield from _ld_items(entry, depth + 1)
    elif isinstance(data, dict):
        yield data
        if "@graph" in data:
            yield from _ld_items(data["@graph"], depth + 1)
        main = data.get("mainEntity") or data.get("mainEntityOfPage")
        if isinstance(main, dict) and "@type" in main:
            yield from _ld_items(main, depth + 1)


def _text(value) -> str:
    if isinstance(value, str):
        return clean_line(value).replace("\n", " ")
    if isinstance(value, list) and value:
        return _text(value[0])
    return ""


def _ld_name(value) -> str:
    if isinstance(value, dict):
        return _text(value.get("name"))
    if isinstance(value, list):
        names = [_ld_name(v) for v in value[:5]]
        return ", ".join(n for n in names if n)
    return _text(value)


def _ld_image(ld: dict) -> str:
    image = ld.get("image") or ld.get("thumbnailUrl")
    if isinstance(image, list) and image:
        image = image[0]
    if isinstance(image, dict):
        image = image.get("url") or image.get("contentUrl")
    return image if isinstance(image, str) else ""


def _title_candidates(page: PageIndex, meta: dict, ld: dict) -> list[str]:
    raw = [meta.get("og:title", ""), meta.get("twitter:title", ""), _text(ld.get("headline")),
           *(clean_line(h.text_content()) for h in page.h1[:3])]
    page_title = clean_line(page.title[0].text_content()) if page.title else ""
    parts = [p for p in _TITLE_SPLIT.split(page_title) if p]
    longest = max(parts, key=len) if parts else ""
    raw += [longest, page_title]
    seen, out = set(), []
    for title in raw:
        title = title.replace("\n", " ").strip()
        if title and title.lower() not in seen and len(title) < 400:
            seen.add(title.lower())
            out.append(title)
    return out


def _author(page: PageIndex, meta: dict, ld: dict) -> str:
    name = _ld_name(ld.get("author")) or _ld_name(ld.get("creator"))
    if not name:
        name = next((meta[k] for k in _AUTHOR_KEYS if meta.get(k) and "://" not in meta[k]), "")
    if not name:
        found = next((el for el in page.marked
                      if el.get("rel") == "author" or el.get("itemprop") == "author"), None)
        name = clean_line(found.text_content()) if found is not None else ""
    name = re.sub(r"^(?:by|por|par|von|di|door|av|af)\s+", "", name, flags=re.IGNORECASE)
    return name[:200].strip(" ,|")


def _first_date(values: Iterable) -> datetime | None:
    for value in values:
        found = parse_date(value if isinstance(value, str) else None)
        if found is not None:
            return found
    return None


def _time_elements(page: PageIndex, prop: str) -> Iterator[str]:
    """Up to three dates of ``itemprop=prop`` elements (``content``, ``datetime``), then, for
    publication, of the first ``<time datetime>`` in each parent; searched only if reached."""
    values = _itemprop_values(page, prop)
    if prop == "datePublished":
        values = chain(values, _time_datetimes(page.tree))
    return islice(values, 3)


def _itemprop_values(page: PageIndex, prop: str) -> Iterator[str]:
    for el in page.marked:
        if el.get("itemprop") == prop:
            yield from (value for name, value in el.items() if name in ("content", "datetime"))


def _time_datetimes(tree) -> Iterator[str]:
    yield from (str(v) for v in tree.xpath("//time[@datetime][1]/@datetime"))


def _declared_lang(tree, meta: dict, ld: dict) -> str:
    return (tree.get("lang") or tree.get("xml:lang") or meta.get("content-language")
            or meta.get("og:locale") or meta.get("language") or meta.get("dc.language")
            or _text(ld.get("inLanguage")) or "")


def _link_href(page: PageIndex, rel: str) -> str:
    for el in page.link:
        rels = (el.get("rel") or "").lower().split()
        if rel in rels and el.get("href"):
            return el.get("href", "").strip()
    return ""
