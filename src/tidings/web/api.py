"""The JSON API under ``/api/v1`` (described by ``/api/v1/openapi.json``).

Reads are public; writes need ``Authorization: Bearer <token>``. Lists take ``limit`` and
``offset`` and answer ``{"items": [...], "limit", "offset", "next"}`` where ``next`` is the
URL of the following page or null.
"""
from __future__ import annotations

import json
from datetime import date, datetime, timezone
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from . import auth, params
from .openapi import document
from .pages import article_excerpt, find_stories, search_filters, story_filters, trend_buckets
from .security import http_url
from .templating import with_query

MAX_LIMIT = 100
MAX_OFFSET = 10_000
MAX_BODY = 16 * 1024


def iso(value: datetime | None) -> str | None:
    return value.astimezone(timezone.utc).isoformat().replace("+00:00", "Z") if value else None


def _day(value: date | datetime) -> str:
    return (value.date() if isinstance(value, datetime) else value).isoformat()


def error(status: int, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status, headers=headers)


def _window(request: Request, default: int = 20) -> tuple[int, int]:
    limit = params.integer(request, "limit", default=default, lo=1, hi=MAX_LIMIT)
    offset = params.integer(request, "offset", default=0, lo=0, hi=MAX_OFFSET)
    return limit, offset


def page_of(request: Request, items: list[Any], limit: int, offset: int) -> JSONResponse:
    """A list response; ``items`` holds up to ``limit + 1`` rows (the extra means more)."""
    more = len(items) > limit and offset + limit <= MAX_OFFSET
    following = str(request.base_url).rstrip("/") + with_query(request, offset=offset + limit) if more else None
    return JSONResponse({"items": items[:limit], "limit": limit, "offset": offset, "next": following})


def source_json(row: dict[str, Any]) -> dict[str, Any]:
    return {"id": row["id"], "url": row["url"], "site_url": row["site_url"] or "",
            "title": row["title"] or "", "name": row.get("name") or row["title"] or row["url"],
            "kind": row["kind"], "lang": row["lang"] or "", "category": row["category"] or "",
            "enabled": bool(row["enabled"]), "blocked": bool(row["blocked"]),
            "is_aggregator": bool(row["is_aggregator"]), "last_fetch": iso(row["last_fetch"]),
            "last_success": iso(row["last_success"]), "last_status": row["last_status"],
            "last_error": row["last_error"] or "", "error_count": row["error_count"],
            "next_poll": iso(row["next_poll"]), "added_at": iso(row["added_at"]),
            "items_per_day": row.get("per_day")}


def article_json(row: dict[str, Any]) -> dict[str, Any]:
    return {"id": row["id"], "url": row["url"], "title": row["title"] or "",
            "source": row.get("source") or "", "source_id": row["source_id"],
            "published": iso(row["published"]), "fetched": iso(row["fetched"]),
            "lang": row["lang"] or "", "story_id": row["story_id"],
            "duplicate_of": row["duplicate_of"], "primary_url": row["primary_url"] or row["url"]}


def story_json(story: dict[str, Any]) -> dict[str, Any]:
    first = story.get("first") or None
    return {"id": story["id"], "headline": story["headline"], "first_seen": iso(story["first_seen"]),
            "last_seen": iso(story["last_seen"]), "first_published": iso(story["first_published"]),
            "article_count": story["visible_count"], "source_count": story["source_count"],
            "languages": story["languages"], "outlets": story["outlets"],
            "first_article_id": first["id"] if first else None,
            "first_source": first["source"] if first else None}


def tag_json(tag: dict[str, Any]) -> dict[str, Any]:
    return {"kind": tag["kind"], "name": tag["name"], "count": tag["count"],
            "evidence": [e["text"] for e in tag["evidence"]]}


def list_sources(request: Request) -> Response:
    limit, offset = _window(request, default=50)
    rows = request.app.state.store.source_health()
    return page_of(request, [source_json(r) for r in rows[offset:offset + limit + 1]], limit, offset)


def get_source(request: Request) -> Response:
    source_id = params.path_id(request)
    row = next((r for r in request.app.state.store.source_health() if r["id"] == source_id), None)
    return JSONResponse(source_json(row)) if row else error(404, "no such source")


async def add_source(request: Request) -> Response:
    if await run_in_threadpool(auth.api_token_user, request) is None:
        return error(401, "a valid API token is required (Authorization: Bearer ...)",
                     {"www-authenticate": 'Bearer realm="tidings"'})
    body = await request.body()
    if len(body) > MAX_BODY:
        return error(413, "request body too large")
    try:
        data = json.loads(body or b"null")
    except (ValueError, UnicodeDecodeError):
        return error(400, "the body must be JSON")
    if not isinstance(data, dict) or not isinstance(data.get("url"), str):
        return error(400, "the body must be an object with a 'url' string")
    url = data["url"].strip()
    title, lang = data.get("title", ""), data.get("lang", "")
    if not http_url(url) or not isinstance(title, str) or not isinstance(lang, str):
        return error(400, "'url' must be an http(s) URL; 'title' and 'lang' strings")
    store = request.app.state.store
    source_id, created = await run_in_threadpool(
        store.add_source, url, title=title.strip()[:200], lang=lang.strip()[:16])
    row = await run_in_threadpool(store.source_health)
    found = next(r for r in row if r["id"] == source_id)
    return JSONResponse({"created": created, "source": source_json(found)}, status_code=201 if created else 200)


def list_articles(request: Request) -> Response:
    limit, offset = _window(request)
    rows = request.app.state.store.list_articles(
        lang=params.text(request, "lang", max_len=16), source_id=params.integer(request, "source", lo=1),
        story_id=params.integer(request, "story", lo=1), since=params.moment(request, "since"),
        until=params.moment(request, "until", end_of_day=True), limit=limit + 1, offset=offset)
    return page_of(request, [article_json(r) for r in rows], limit, offset)


def get_article(request: Request) -> Response:
    article_id = params.path_id(request)
    found = request.app.state.store.article_view(article_id) if article_id else None
    if found is None:
        return error(404, "no such article")
    quoted, _ = article_excerpt(found, request.app.state.settings.excerpt_chars)
    data = article_json(found)
    data.update(excerpt=quoted, modified=iso(found["modified"]), author=found["author"] or "",
                copies=found["copies"], tags=[tag_json(t) for t in found["tags"]])
    return JSONResponse(data)


def list_stories(request: Request) -> Response:
    limit, offset = _window(request)
    stories = find_stories(request, story_filters(request), limit + 1, offset)
    return page_of(request, [story_json(s) for s in stories], limit, offset)


def get_story(request: Request) -> Response:
    story_id = params.path_id(request)
    found = request.app.state.store.story_view(story_id) if story_id else None
    if found is None:
        return error(404, "no such story")
    data = story_json(found)
    data["articles"] = [article_json(a) for a in found["articles"]]
    data["tags"] = [tag_json(t) for t in found["tags"]]
    return JSONResponse(data)


def search(request: Request) -> Response:
    limit, offset = _window(request)
    q = params.text(request, "q", max_len=500)
    if not q:
        return error(400, "q is required")
    filters = search_filters(request)
    hits = request.app.state.store.search(
        q, limit=limit + 1, offset=offset, lang=filters["lang"], source_id=filters["source"],
        since=filters["since"], until=filters["until"],
        snippet_chars=request.app.state.settings.excerpt_chars)
    items = [{"id": h.id, "title": h.title, "url": h.url, "primary_url": h.primary_url,
              "source": h.source, "source_id": h.source_id, "published": iso(h.published),
              "lang": h.lang, "story_id": h.story_id, "score": h.score, "snippet": h.snippet,
              "highlights": [list(span) for span in h.highlights]} for h in hits]
    return page_of(request, items, limit, offset)


def trends(request: Request) -> Response:
    filters, by, buckets = trend_buckets(request)
    return JSONResponse({"by": by, "entity": filters["entity"], "event": filters["event"],
                         "place": filters["place"],
                         "buckets": [{"period": _day(b.period_start), "stories": b.stories,
                                      "articles": b.articles} for b in buckets]})


def openapi(request: Request) -> Response:
    return JSONResponse(document(str(request.base_url).rstrip("/")))
