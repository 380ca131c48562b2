"""The public HTML pages: latest stories, a story, an article, search, sources, trends."""
from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any
from urllib.parse import quote

from markupsafe import Markup

from starlette.exceptions import HTTPException
from starlette.requests import Request

from ..ingest.tags import resolve_filters
from ..store.fts import parse_query
from ..store.snippets import excerpt, snippet_limit
from ..store.sources import utcnow
from ..store.views import source_name
from . import params
from .charts import svg_chart
from .security import http_url
from .templating import render, templates

log = logging.getLogger(__name__)
STORIES_PER_PAGE = 30
HITS_PER_PAGE = 20
ENTRIES_PER_PAGE = 50
COPIES_SHOWN = 20
SOURCES_PER_PAGE = 100
TREND_WINDOW = {"day": 120, "week": 730, "month": 1830}


def _state(request: Request):
    return request.app.state


def menus(request: Request) -> dict[str, Any]:
    """Filter menu contents, cached for a minute."""
    state = _state(request)

    def compute() -> dict[str, Any]:
        store = state.store
        return dict(languages=store.story_languages(), sources=source_names(store),
                    places=store.top_tags("place"), entities=store.top_tags("actor"),
                    events=store.top_tags("event"))
    return state.cache.get("menus", compute, ttl=60)


def source_names(store) -> list[dict[str, Any]]:
    """Every source's id and display name, by title (the source menu; no per-day counts)."""
    rows = sorted(store.list_sources(), key=lambda s: (s["title"] or "", s["id"]))
    return [dict(id=s["id"], name=source_name({"source": s["title"], "source_site": s["site_url"], "url": s["url"]}))
            for s in rows]


def menu_options(request: Request, kind: str, selected: Any = None) -> Markup:
    """The ``<option>`` tags of a filter menu, rendered once a minute, ``selected`` marked."""
    def compute() -> Markup:
        found = menus(request)
        items = {"lang": [(c, c) for c in found["languages"]],
                 "source": [(str(s["id"]), s["name"]) for s in found["sources"]],
                 "place": [(n, None) for n, _ in found["places"]],
                 "entity": [(n, None) for n, _ in found["entities"]],
                 "event": [(n, None) for n, _ in found["events"]]}[kind]
        mark = "" if selected is None else str(selected)
        return Markup("").join(
            Markup('<option value="{}"{}>{}</option>').format(
                value, Markup(" selected") if value == mark else "", label) if label is not None
            else Markup('<option value="{}">').format(value) for value, label in items)
    return _state(request).cache.get(("options", kind, str(selected)), compute, ttl=60)


templates.env.globals["menu_options"] = menu_options


def story_filters(request: Request) -> dict[str, Any]:
    """The story list filters shared by the home page, the API and the feeds."""
    return dict(lang=params.text(request, "lang", max_len=16),
                source=params.integer(request, "source", lo=1),
                place=params.text(request, "place"), entity=params.text(request, "entity"),
                event=params.text(request, "event"))


def find_stories(request: Request, filters: dict[str, Any], limit: int, offset: int) -> list[dict]:
    return _state(request).store.latest_stories(
        lang=filters["lang"], source_id=filters["source"], place=filters["place"],
        entity=filters["entity"], event=filters["event"], limit=limit, offset=offset)


def home(request: Request):
    filters = story_filters(request)
    page = params.page(request)
    stories = find_stories(request, filters, STORIES_PER_PAGE + 1, (page - 1) * STORIES_PER_PAGE)
    filters["any"] = any(v for v in filters.values())
    feed_path = None
    for kind in ("place", "entity", "event"):
        if filters[kind]:
            feed_path = f"/feeds/{kind}/{quote(filters[kind], safe='')}"
    context = dict(stories=stories[:STORIES_PER_PAGE], has_more=len(stories) > STORIES_PER_PAGE,
                   page=page, filters=filters, feed_path=feed_path, **menus(request))
    return render(request, "home.html", context)


def fold_copies(articles: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Entries in time order: each original with its copies (``duplicate_of``) under it."""
    by_id = {a["id"]: a for a in articles}
    entries: dict[int, dict[str, Any]] = {}
    ordered: list[dict[str, Any]] = []
    for article in articles:
        root = _root(article, by_id)
        if root is article or root["id"] not in entries:
            entry = dict(article=article, copies=[], more_copies=0)
            entries[article["id"]] = entry
            ordered.append(entry)
            continue
        entry = entries[root["id"]]
        if len(entry["copies"]) < COPIES_SHOWN:
            entry["copies"].append(article)
        else:
            entry["more_copies"] += 1
    return ordered


def _root(article: dict[str, Any], by_id: dict[int, dict[str, Any]]) -> dict[str, Any]:
    seen = {article["id"]}
    current = article
    while current["duplicate_of"] in by_id and current["duplicate_of"] not in seen:
        current = by_id[current["duplicate_of"]]
        seen.add(current["id"])
    return current


def story(request: Request):
    story_id = params.path_id(request)
    page = params.page(request)
    parts = story_parts(request, story_id, page) if story_id else None
    if parts is None:
        raise HTTPException(404, "There is no such story (or nothing of it is shown any more).")
    return render(request, "story.html", dict(parts))  # a copy: rendering adds this request to it


def story_parts(request: Request, story_id: int, page: int) -> dict[str, Any] | None:
    """The story's rendered body, headline and comments, or None: kept until the data changes.

    Anonymous visitors share whole story pages through the page cache; this keeps the costly
    part for everyone else (logged-in visitors get the page around it rendered per request).
    """
    state = _state(request)

    def compute() -> dict[str, Any] | None:
        found = state.store.story_view(story_id)
        if found is None:
            return None
        entries = fold_copies(found["articles"])
        start = (page - 1) * ENTRIES_PER_PAGE
        body = templates.env.get_template("_story_body.html").render(
            request=request, story=found, page=page, entries=entries[start:start + ENTRIES_PER_PAGE],
            has_more=len(entries) > start + ENTRIES_PER_PAGE)
        return dict(story=dict(id=found["id"], headline=found["headline"]), body=Markup(body),
                    comments=story_comments(state.store, story_id))
    return state.fragments.get(("story", story_id, request.url.query), compute)


def story_comments(store, story_id: int) -> list[dict[str, Any]]:
    """Published comments from the rights package, [] if it is missing or failing."""
    if not hasattr(store, "story_comments"):
        return []
    try:
        return store.story_comments(story_id)
    except Exception:  # noqa: BLE001 - comments must never take the story page down
        log.exception("comments of story %s unavailable", story_id)
        return []


def article_excerpt(article: dict[str, Any], default_chars: int) -> tuple[str, str]:
    """The excerpt we may show, and why there is none when it is empty."""
    limit = snippet_limit(default_chars, bool(article["nosnippet"]), article["max_snippet"])
    text = article["text"]
    if text is None and article.get("duplicate_of"):
        text = article.get("original_text")
        limit = min(limit, snippet_limit(default_chars, bool(article.get("original_nosnippet")),
                                         article.get("original_max_snippet")))
    if limit == 0:
        return "", "The publisher asks that this article not be quoted."
    quoted = excerpt(text or article.get("summary") or "", limit)
    return quoted, "" if quoted else "No text was collected for this article."


def article(request: Request):
    article_id = params.path_id(request)
    found = _state(request).store.article_view(article_id) if article_id else None
    if found is None:
        raise HTTPException(404, "There is no such article (or it has been taken down).")
    quoted, reason = article_excerpt(found, _state(request).settings.excerpt_chars)
    context = dict(article=found, excerpt=quoted, no_excerpt_reason=reason,
                   primary_url=http_url(found["primary_url"] or found["url"]),
                   story_headline=found.get("story_title") or "")
    return render(request, "article.html", context)


def search_filters(request: Request) -> dict[str, Any]:
    return dict(lang=params.text(request, "lang", max_len=16),
                source=params.integer(request, "source", lo=1),
                since=params.moment(request, "since"),
                until=params.moment(request, "until", end_of_day=True))


def search(request: Request):
    q = params.text(request, "q", max_len=500)
    filters = search_filters(request)
    page = params.page(request)
    hits, error = [], ""
    if q:
        parsed = parse_query(q)
        if parsed.empty:
            error = "Type at least one word to look for (exclusions alone match nothing)."
        else:
            hits = _state(request).store.search(
                parsed, limit=HITS_PER_PAGE + 1, offset=(page - 1) * HITS_PER_PAGE,
                lang=filters["lang"], source_id=filters["source"], since=filters["since"],
                until=filters["until"], snippet_chars=_state(request).settings.excerpt_chars)
    shown = dict(filters, since=request.query_params.get("since", "")[:10],
                 until=request.query_params.get("until", "")[:10])
    context = dict(q=q, hits=hits[:HITS_PER_PAGE], has_more=len(hits) > HITS_PER_PAGE, page=page,
                   per_page=HITS_PER_PAGE, filters=shown, error=error, **menus(request))
    return render(request, "search.html", context)


def sources(request: Request):
    rows = _state(request).store.source_health()
    page = params.page(request)
    start = (page - 1) * SOURCES_PER_PAGE
    context = dict(rows=rows[start:start + SOURCES_PER_PAGE], total=len(rows),
                   errors=sum(1 for r in rows if r["last_error"]), days=7, page=page,
                   has_more=len(rows) > start + SOURCES_PER_PAGE)
    return render(request, "sources.html", context)


def trend_buckets(request: Request) -> tuple[dict[str, Any], str, list[Any]]:
    """Filters, period and buckets of distinct stories (cached two minutes per filter set)."""
    filters = dict(entity=params.text(request, "entity"), event=params.text(request, "event"),
                   place=params.text(request, "place"))
    by = params.choice(request, "by", params.BY_VALUES, "week")
    since = params.moment(request, "since")
    state = _state(request)

    def compute() -> list[Any]:
        start = since or (utcnow() - timedelta(days=TREND_WINDOW[by]))
        named = resolve_filters(state.store, state.settings, entity=filters["entity"],
                                place=filters["place"])  # an alias → its actor, a country → its code
        return state.store.trend_buckets(event=filters["event"], since=start, by=by, **named)
    key = ("trends", by, since, *filters.values())
    return filters, by, state.cache.get(key, compute, ttl=120)


def trends(request: Request):
    filters, by, buckets = trend_buckets(request)
    named = [f"{k} “{v}”" for k, v in filters.items() if v]
    heading = "Stories per " + by + (": " + ", ".join(named) if named else " (all stories)")
    query = request.url.query
    context = dict(filters=filters, by=by, buckets=buckets, chart=svg_chart(buckets),
                   heading=heading, json_url="/api/v1/trends" + (f"?{query}" if query else ""),
                   **menus(request))
    return render(request, "trends.html", context)
