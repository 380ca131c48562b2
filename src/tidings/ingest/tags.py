"""Tagging at ingest: the watchlist in force and the tagger function the pipeline calls."""
from __future__ import annotations

from collections.abc import Callable

import yaml

from ..config import Settings
from ..models import Article
from ..store import Store
from ..tag import Tag, Watchlist, example_watchlist, load_watchlist, tag_article

WATCHLIST_KEY = "watchlist"


def current_watchlist(store: Store, settings: Settings) -> Watchlist:
    """The watchlist edited in the web UI, else ``TIDINGS_WATCHLIST``'s file, else the example."""
    edited = store.kv_get(WATCHLIST_KEY)
    if edited:
        return Watchlist.from_dict(yaml.safe_load(edited) if isinstance(edited, str) else edited)
    if settings.watchlist:
        return load_watchlist(settings.watchlist)
    return example_watchlist()


def article_tagger(store: Store, settings: Settings) -> Callable[[Article], list[Tag]]:
    watchlist = current_watchlist(store, settings)

    def tag(article: Article) -> list[Tag]:
        return tag_article(article.title, article.text or "", article.lang, watchlist)

    return tag
