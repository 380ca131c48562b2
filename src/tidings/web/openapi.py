"""The OpenAPI 3.1 document of the JSON API, written by hand to match ``api.py`` exactly."""
from __future__ import annotations

from typing import Any

STR, INT, BOOL, NUM = {"type": "string"}, {"type": "integer"}, {"type": "boolean"}, {"type": "number"}
NULL_STR = {"type": ["string", "null"]}
NULL_INT = {"type": ["integer", "null"]}
NULL_TIME = {"type": ["string", "null"], "format": "date-time"}
TIME = {"type": "string", "format": "date-time"}


def _obj(props: dict[str, Any], required: list[str] | None = None) -> dict[str, Any]:
    return {"type": "object", "properties": props,
            "required": list(props) if required is None else required}


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _list_of(name: str) -> dict[str, Any]:
    return _obj({"items": {"type": "array", "items": _ref(name)},
                 "limit": INT, "offset": INT, "next": NULL_STR})


SCHEMAS: dict[str, Any] = {
    "Error": _obj({"error": STR}),
    "Source": _obj({
        "id": INT, "url": STR, "site_url": STR, "title": STR, "name": STR, "kind": STR, "lang": STR,
        "category": STR, "enabled": BOOL, "blocked": BOOL, "is_aggregator": BOOL,
        "last_fetch": NULL_TIME, "last_success": NULL_TIME, "last_status": NULL_INT,
        "last_error": STR, "error_count": INT, "next_poll": NULL_TIME, "added_at": NULL_TIME,
        "items_per_day": {"type": ["number", "null"]}}),
    "NewSource": _obj({"url": {"type": "string", "format": "uri", "pattern": "^https?://"},
                       "title": {"type": "string", "maxLength": 200},
                       "lang": {"type": "string", "maxLength": 16}}, required=["url"]),
    "SourceAdded": _obj({"created": BOOL, "source": _ref("Source")}),
    "Article": _obj({
        "id": INT, "url": STR, "title": STR, "source": STR, "source_id": NULL_INT,
        "published": NULL_TIME, "fetched": NULL_TIME, "lang": STR, "story_id": NULL_INT,
        "duplicate_of": NULL_INT, "primary_url": STR}),
    "Tag": _obj({"kind": {"type": "string", "enum": ["actor", "place", "event"]}, "name": STR,
                 "count": INT, "evidence": {"type": "array", "items": STR}}),
    "Story": _obj({
        "id": INT, "headline": STR, "first_seen": NULL_TIME, "last_seen": NULL_TIME,
        "first_published": NULL_TIME, "article_count": INT, "source_count": INT,
        "languages": {"type": "array", "items": STR}, "outlets": {"type": "array", "items": STR},
        "first_article_id": NULL_INT, "first_source": NULL_STR}),
    "Hit": _obj({
        "id": INT, "title": STR, "url": STR, "primary_url": STR, "source": STR, "source_id": NULL_INT,
        "published": NULL_TIME, "lang": STR, "story_id": NULL_INT, "score": NUM, "snippet": STR,
        "highlights": {"type": "array", "items": {"type": "array", "items": INT,
                                                   "minItems": 2, "maxItems": 2}}}),
    "Bucket": _obj({"period": {"type": "string", "format": "date"}, "stories": INT, "articles": INT}),
    "Trends": _obj({"by": {"type": "string", "enum": ["day", "week", "month"]}, "entity": NULL_STR,
                    "event": NULL_STR, "place": NULL_STR,
                    "buckets": {"type": "array", "items": _ref("Bucket")}}),
}
SCHEMAS["ArticleDetail"] = {"allOf": [_ref("Article"), _obj({
    "excerpt": STR, "modified": NULL_TIME, "author": STR, "copies": INT,
    "tags": {"type": "array", "items": _ref("Tag")}})]}
SCHEMAS["StoryDetail"] = {"allOf": [_ref("Story"), _obj({
    "articles": {"type": "array", "items": _ref("Article")},
    "tags": {"type": "array", "items": _ref("Tag")}})]}
for _name in ("Source", "Article", "Story", "Hit"):
    SCHEMAS[_name + "List"] = _list_of(_name)


def _param(name: str, schema: dict[str, Any], where: str = "query", required: bool = False,
           text: str = "") -> dict[str, Any]:
    return {"name": name, "in": where, "required": required or where == "path", "schema": schema,
            "description": text}


TEXT = {"type": "string", "maxLength": 200}
LIMIT = _param("limit", {"type": "integer", "minimum": 1, "maximum": 100, "default": 20}, text="items per page")
OFFSET = _param("offset", {"type": "integer", "minimum": 0, "maximum": 10000, "default": 0}, text="items to skip")
LANG = _param("lang", {"type": "string", "maxLength": 16}, text="language code, e.g. en")
SOURCE = _param("source", {"type": "integer", "minimum": 1, "maximum": 2147483647}, text="source id")
DATE = {"type": "string", "format": "date"}
SINCE = _param("since", DATE, text="from this date (YYYY-MM-DD, or an ISO timestamp)")
UNTIL = _param("until", DATE, text="until this date, inclusive")
ID = _param("id", {"type": "integer", "minimum": 1, "maximum": 2**62}, where="path")
BY = _param("by", {"type": "string", "enum": ["day", "week", "month"], "default": "week"})


def _json(name: str, text: str) -> dict[str, Any]:
    return {"description": text, "content": {"application/json": {"schema": _ref(name)}}}


BAD = _json("Error", "a parameter has a value that cannot be used")
MISSING = _json("Error", "not found (or taken down)")


def _get(summary: str, parameters: list, schema: str, op_id: str, *, not_found: bool = False) -> dict:
    responses = {"200": _json(schema, summary), "400": BAD}
    if not_found:
        responses["404"] = MISSING
    return {"get": {"summary": summary, "operationId": op_id, "parameters": parameters,
                    "responses": responses}}


def paths() -> dict[str, Any]:
    add = {"summary": "Add a source (a feed URL)", "operationId": "addSource",
           "security": [{"bearer": []}],
           "requestBody": {"required": True, "content": {"application/json": {"schema": _ref("NewSource")}}},
           "responses": {"201": _json("SourceAdded", "added"), "200": _json("SourceAdded", "already known"),
                         "400": BAD, "401": _json("Error", "no valid API token"),
                         "413": _json("Error", "body too large")}}
    sources = _get("Sources with their health", [LIMIT, OFFSET], "SourceList", "listSources")
    sources["post"] = add
    return {
        "/api/v1/sources": sources,
        "/api/v1/sources/{id}": _get("One source", [ID], "Source", "getSource", not_found=True),
        "/api/v1/articles": _get("Visible articles, newest first",
                                 [LIMIT, OFFSET, LANG, SOURCE, _param("story", SOURCE["schema"]), SINCE, UNTIL],
                                 "ArticleList", "listArticles"),
        "/api/v1/articles/{id}": _get("One article with an excerpt, never its full text", [ID],
                                      "ArticleDetail", "getArticle", not_found=True),
        "/api/v1/stories": _get("Stories, most recently updated first",
                                [LIMIT, OFFSET, LANG, SOURCE, _param("place", TEXT), _param("entity", TEXT),
                                 _param("event", TEXT)], "StoryList", "listStories"),
        "/api/v1/stories/{id}": _get("One story with its articles and tags", [ID], "StoryDetail",
                                     "getStory", not_found=True),
        "/api/v1/search": _get("Full-text search, best first",
                               [_param("q", {"type": "string", "minLength": 1, "maxLength": 500,
                                             "pattern": "[0-9A-Za-z]"}, required=True,
                                       text='words, "phrases", prefix*, OR, -exclusions'),
                                LIMIT, OFFSET, LANG, SOURCE, SINCE, UNTIL], "HitList", "search"),
        "/api/v1/trends": _get("Distinct stories (and articles) per period",
                               [_param("entity", TEXT), _param("event", TEXT), _param("place", TEXT), BY,
                                SINCE], "Trends", "trends"),
    }


def document(server: str = "") -> dict[str, Any]:
    """The OpenAPI document; ``server`` is this site's base URL."""
    doc: dict[str, Any] = {
        "openapi": "3.1.0",
        "info": {"title": "tidings API", "version": "1",
                 "description": "Stories, articles, sources, search and trends of a tidings instance. "
                                "Articles are given as metadata, an excerpt and the primary link."},
        "paths": paths(),
        "components": {"schemas": SCHEMAS,
                       "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}},
    }
    if server:
        doc["servers"] = [{"url": server}]
    return doc
