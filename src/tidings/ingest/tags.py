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


def warm_up(tagger: Callable[[Article], list[Tag]]) -> None:
    """Build the shared gazetteer and lexicon (seconds of work) by tagging a tiny article; run
    in a thread before the first article, so that fetches in flight are not held up."""
    tagger(Article(url="", title="Kabul", text="Officials said.", lang="en"))


def resolve_filters(store: Store, settings: Settings, *, entity: str | None = None,
                    place: str | None = None) -> dict:
    """Turn what a user typed into trend filters: an actor's alias into its name, a country's
    name into its code (so that events in its cities count for it)."""
    from ..tag import get_gazetteer
    from ..tag.gazetteer import name_key
    filters: dict = {}
    if entity:
        actor = current_watchlist(store, settings).resolve(entity)
        filters["entity"] = actor.name if actor else entity
    if place:
        countries = [p for p in get_gazetteer().lookup(name_key(place)) if p.kind == "country"]
        if countries:
            filters["country"] = countries[0].country
        else:
            filters["place"] = place
    return filters
