"""One walk over a parsed page, collecting the elements that later steps read.

Metadata wants ``<meta>``, ``<link>``, ``<script>``, ``<title>`` and ``<h1>``; recall repair
wants every ``<p>``; credit detection wants every ``<a>``. Each walk of a large page's tree
costs about as much as the next, so they are gathered at once, each list in document order.
Elements carrying ``itemprop`` or ``rel`` (dates, authors) are collected on first use only:
most pages never need them.
"""
from __future__ import annotations

from lxml import html as lxml_html

_TAGS = ("meta", "link", "script", "title", "h1", "p", "a")


class PageIndex:
    """Elements of one page by tag, in document order (the tree must not change after)."""

    __slots__ = ("tree", "meta", "link", "script", "title", "h1", "p", "a", "_marked")

    def __init__(self, tree: lxml_html.HtmlElement) -> None:
        self.tree = tree
        self.meta: list = []
        self.link: list = []
        self.script: list = []
        self.title: list = []
        self.h1: list = []
        self.p: list = []
        self.a: list = []
        self._marked: list | None = None
        buckets = {tag: getattr(self, tag) for tag in _TAGS}
        for el in tree.iter(*_TAGS):
            buckets[el.tag].append(el)

    @property
    def marked(self) -> list:
        """Elements with an ``itemprop`` or a ``rel`` attribute (one search, on first use)."""
        if self._marked is None:
            self._marked = self.tree.xpath("//*[@itemprop or @rel]")
        return self._marked


def index_page(tree: lxml_html.HtmlElement) -> PageIndex:
    """Collect the elements of ``tree`` that metadata, recall repair and credit read."""
    return PageIndex(tree)
