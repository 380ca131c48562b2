"""OPML subscription lists: read (nested, tolerant, XML-safe), write (OPML 2.0), starter list.

An outline with ``xmlUrl`` is a feed. An outline with ``type="site"`` or ``type="link"`` and
only ``htmlUrl`` (or ``url``) is a site whose feeds are to be discovered (``is_site``). Other
outlines with children are folders: their titles, outermost first, make the ``category`` of
the feeds below (``"Asia / Central Asia"``). A ``language`` attribute on a folder is inherited.
"""
from __future__ import annotations

import importlib.resources
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import format_datetime
from typing import Any

from lxml import etree

from tidings.parse.decode import to_text
from tidings.parse.entries import absolute_url
from tidings.parse.errors import FeedError
from tidings.parse.text import clean_lang
from tidings.parse.xmlsafe import local, parse_tree, sanitize_xml

CATEGORY_SEPARATOR = " / "
MAX_DEPTH = 32
_INVALID_XML_CHARS = dict.fromkeys([*range(0, 9), 11, 12, *range(14, 32)])


class OpmlError(ValueError):
    """A document that is not a readable OPML list; ``str()`` is a one-line reason."""


@dataclass(frozen=True, slots=True)
class OpmlOutline:
    """One subscription: a feed URL, or (``is_site``) a homepage whose feeds are to be found."""

    url: str
    title: str = ""
    site_url: str = ""
    category: str = ""
    lang: str = ""
    is_site: bool = False


def _attrs(element: Any) -> dict[str, str]:
    """Attributes with lower-cased local names (``xmlURL``, ``xmlurl`` → ``xmlurl``)."""
    return {local(name): (value or "").strip() for name, value in element.attrib.items()}


def _feed_url(value: str) -> str:
    """An absolute http(s) URL (``feed://`` and ``feed:https://`` accepted), else ''."""
    lowered = value.lower()
    if lowered.startswith("feed://"):
        value = "http://" + value[7:]
    elif lowered.startswith("feed:"):
        value = value[5:]
    return absolute_url(value, "")


def _plain(value: str | None, limit: int) -> str:
    """OPML titles are plain text: only the whitespace is tidied."""
    return " ".join((value or "").split())[:limit]


def _outline(attrs: dict[str, str], path: tuple[str, ...], lang: str) -> OpmlOutline | None:
    title = _plain(attrs.get("title") or attrs.get("text"), 300)
    site_url = absolute_url(attrs.get("htmlurl", ""), "")
    feed = _feed_url(attrs.get("xmlurl", ""))
    common = {"title": title, "category": CATEGORY_SEPARATOR.join(path), "lang": lang}
    if feed:
        return OpmlOutline(url=feed, site_url=site_url, **common)
    if attrs.get("type", "").lower() in ("site", "link"):  # OPML 2.0 writes homepages as "link"
        home = site_url or absolute_url(attrs.get("url", ""), "")
        return OpmlOutline(url=home, site_url=home, is_site=True, **common) if home else None
    return None


def _walk(parent: Any, path: tuple[str, ...], lang: str, depth: int) -> Iterator[OpmlOutline]:
    for element in parent:
        if local(element.tag) != "outline" or depth > MAX_DEPTH:
            continue
        attrs = _attrs(element)
        own_lang = clean_lang(attrs.get("language") or attrs.get("lang")) or lang
        outline = _outline(attrs, path, own_lang)
        if outline is not None:
            yield outline
        if len(element):
            name = _plain(attrs.get("title") or attrs.get("text"), 200)
            yield from _walk(element, path + (name,) if name else path, own_lang, depth + 1)


def read_opml(data: bytes | str) -> list[OpmlOutline]:
    """Every feed and site outline of an OPML document, in order, without repeated URLs.

    Raises ``OpmlError`` when the document is not XML with an ``<opml>`` or ``<body>``.
    """
    try:
        text, _ = to_text(data)
        text, _ = sanitize_xml(text)
        root = parse_tree(text)
    except FeedError as exc:
        raise OpmlError(f"not an OPML document: {exc}") from None
    if local(root.tag) not in ("opml", "body"):
        raise OpmlError(f"not an OPML document: the root element is <{local(root.tag)}>")
    body = root if local(root.tag) == "body" else next(
        (child for child in root if local(child.tag) == "body"), None)
    if body is None:
        raise OpmlError("not an OPML document: no <body>")
    seen: set[str] = set()
    out = []
    for outline in _walk(body, (), "", 0):
        if outline.url not in seen:
            seen.add(outline.url)
            out.append(outline)
    return out


def _xml_safe(value: str) -> str:
    return value.translate(_INVALID_XML_CHARS)


def _set(element: Any, **attrs: str) -> None:
    for name, value in attrs.items():
        if value:
            element.set(name, _xml_safe(value))


def _folder(body: Any, folders: dict[str, Any], category: str) -> Any:
    """The (nested) folder outline for ``category``, created on first use."""
    if not category:
        return body
    if category not in folders:
        parent_name, _, name = category.rpartition(CATEGORY_SEPARATOR)
        parent = _folder(body, folders, parent_name)
        folders[category] = etree.SubElement(parent, "outline")
        _set(folders[category], text=name, title=name)
    return folders[category]


def write_opml(outlines: Iterable[OpmlOutline], title: str = "tidings sources") -> str:
    """An OPML 2.0 document (``str``, UTF-8 declared) with folders made from categories."""
    root = etree.Element("opml", version="2.0")
    head = etree.SubElement(root, "head")
    etree.SubElement(head, "title").text = _xml_safe(title)
    etree.SubElement(head, "dateCreated").text = format_datetime(datetime.now(timezone.utc))
    body = etree.SubElement(root, "body")
    folders: dict[str, Any] = {}
    for outline in outlines:
        element = etree.SubElement(_folder(body, folders, outline.category), "outline")
        name = outline.title or outline.url
        if outline.is_site:
            _set(element, type="site", text=name, title=name, htmlUrl=outline.url)
        else:
            _set(element, type="rss", text=name, title=name, xmlUrl=outline.url,
                 htmlUrl=outline.site_url)
        _set(element, language=outline.lang)
    xml = etree.tostring(root, encoding="unicode", pretty_print=True)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + xml


def starter_outlines() -> list[OpmlOutline]:
    """The curated starter list of global news outlets shipped with the package."""
    data = importlib.resources.files("tidings.sources").joinpath("starter.opml").read_bytes()
    return read_opml(data)
