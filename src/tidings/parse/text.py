"""Plain text out of the HTML fragments feeds put in titles, summaries and author names."""
from __future__ import annotations

import html
import re

from selectolax.lexbor import LexborHTMLParser as HTMLParser

SUMMARY_CHARS = 1000
_HTML_INPUT_CHARS = 50_000
_SPACES = re.compile(r"\s+")


def clean_text(value: object, limit: int = 0) -> str:
    """Tags removed (scripts and styles with their content), entities decoded, spaces collapsed.

    ``limit`` > 0 cuts the result at a word boundary with an ellipsis.
    """
    if not isinstance(value, str) or not value:
        return ""
    text = value
    if "<" in text:
        tree = HTMLParser(text[:_HTML_INPUT_CHARS])
        tree.strip_tags(["script", "style", "noscript", "template"])
        text = tree.text(separator=" ") if tree.body is None else tree.body.text(separator=" ")
    elif "&" in text:
        text = html.unescape(text)
    if limit:
        text = text[: limit * 4]
    text = _SPACES.sub(" ", text).strip()
    return shorten(text, limit) if limit else text


def shorten(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, at a word boundary, with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip() + "…"


def clean_lang(value: object) -> str:
    """A language tag tidied: ``en_US`` → ``en-us``; '' when it does not look like one."""
    if not isinstance(value, str):
        return ""
    tag = value.strip().replace("_", "-").lower()
    return tag if re.fullmatch(r"[a-z]{2,3}(-[a-z0-9]{1,8}){0,3}", tag) else ""
