"""Fetch stage: polite, safe HTTP fetching.

>>> async with Fetcher(FetchSettings.from_env()) as fetcher:
...     page = await fetcher.get("https://example.org/feed.xml", etag=old_etag)
"""
from tidings.fetch.charset import decode_body
from tidings.fetch.content import is_feed_like, is_html, is_textual
from tidings.fetch.fetcher import Fetcher
from tidings.fetch.guard import AddressPolicy, is_public_ip
from tidings.fetch.headers import parse_retry_after
from tidings.fetch.schedule import adaptive_interval, backoff, next_poll
from tidings.fetch.settings import FetchSettings

__all__ = [
    "AddressPolicy", "FetchSettings", "Fetcher", "adaptive_interval", "backoff",
    "decode_body", "is_feed_like", "is_html", "is_public_ip", "is_textual", "next_poll",
    "parse_retry_after",
]
