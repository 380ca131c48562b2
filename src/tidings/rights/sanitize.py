"""HTML sanitising with nh3 allowlists: ingested rich content, comments, and plain text.

Nothing outside the allowlists survives: no scripts, styles, event handlers, frames or forms,
and links only to absolute ``http(s)`` URLs.

>>> sanitize_html('<p onclick="x()">Hi <a href="javascript:alert(1)">there</a></p>')
'<p>Hi <a rel="noopener noreferrer nofollow">there</a></p>'
"""
from __future__ import annotations

import html as htmllib
import re
from urllib.parse import urlsplit

import nh3

CONTENT_TAGS = {"a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "dl", "dt", "em",
                "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "ins", "li", "ol",
                "p", "pre", "q", "s", "small", "strong", "sub", "sup", "table", "tbody", "td", "tfoot",
                "th", "thead", "tr", "u", "ul"}
CONTENT_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "td": {"colspan", "rowspan"},
                      "th": {"colspan", "rowspan", "scope"}}
COMMENT_TAGS = {"a", "b", "br", "em", "i", "p", "strong"}
DROP_WITH_CONTENT = {"script", "style", "template", "noscript", "iframe", "object", "embed", "svg",
                     "math", "textarea", "select", "title"}
BLOCK_TAGS = {"address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption",
              "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "ol", "p",
              "pre", "section", "table", "td", "th", "tr", "ul"}
_TAG = re.compile(r"<[^>]*>")
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_BLANK_LINES = re.compile(r"\s*\n\s*")


def safe_link(url: str | None) -> str | None:
    """``url`` when it is an absolute http(s) URL with a host and no control characters."""
    if not url or len(url) > 2000 or any(ch <= " " or ch == "\x7f" for ch in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() in ("http", "https") and parts.hostname else None


def _links_only_http(tag: str, attribute: str, value: str) -> str | None:
    if attribute == "href":
        return safe_link(value)
    return value


_content = nh3.Cleaner(tags=CONTENT_TAGS, clean_content_tags=DROP_WITH_CONTENT, attributes=CONTENT_ATTRIBUTES,
                       attribute_filter=_links_only_http, url_schemes={"http", "https"}, url_relative="deny",
                       link_rel="noopener noreferrer nofollow", strip_comments=True)
_comment = nh3.Cleaner(tags=COMMENT_TAGS, clean_content_tags=DROP_WITH_CONTENT, attributes={"a": {"href"}},
                       attribute_filter=_links_only_http, url_schemes={"http", "https"}, url_relative="deny",
                       link_rel="nofollow ugc noopener", strip_comments=True)
_blocks = nh3.Cleaner(tags=BLOCK_TAGS, clean_content_tags=DROP_WITH_CONTENT, attributes={},
                      link_rel=None, strip_comments=True)


def sanitize_html(html: str | None) -> str:
    """Ingested rich content reduced to a safe allowlist of formatting tags and http(s) links."""
    return _content.clean(html or "")


def sanitize_comment(text: str | None) -> str:
    """A comment as safe HTML: b, i, em, strong, p, br and http(s) links (``rel=nofollow ugc``).

    Line breaks in text without paragraph markup become ``<br>``.
    """
    cleaned = _comment.clean(text or "").strip()
    if "<p>" not in cleaned and "<br>" not in cleaned:
        cleaned = cleaned.replace("\r\n", "\n").replace("\n", "<br>")
    return cleaned


def plain_text(html: str | None) -> str:
    """The visible text of ``html``: no tags, entities decoded, blocks separated by newlines."""
    cleaned = _blocks.clean(html or "")
    text = _TAG.sub("\n", cleaned)  # only block tags are left, and they have no attributes
    text = htmllib.unescape(text)
    text = _SPACES.sub(" ", text)
    return _BLANK_LINES.sub("\n", text).strip()

