"""The parse stage: feed documents (RSS, Atom, RDF, JSON Feed, sitemaps) → ``ParsedFeed``.

See ``tidings.parse.feeds`` for the pipeline and the benchmark behind the choice of
fastfeedparser with feedparser as the fallback.
"""
from tidings.parse.errors import FeedError
from tidings.parse.feeds import parse_feed

__all__ = ["FeedError", "parse_feed"]
