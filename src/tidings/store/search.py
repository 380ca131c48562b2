"""Full-text search over visible articles: FTS5 + bm25 on SQLite, tsvector + ts_rank on
PostgreSQL, one query language (:mod:`tidings.store.fts`) and one snippet maker for both.

Ranking is relevance (title weighted 5× over body) among the newest matching articles (see
:mod:`.search_plan`: up to a few thousand, at least the newest few hundred whatever the
filters): exact for every query matching fewer, and bounded in time for very broad ones.
See :mod:`.search_sqlite` and :mod:`.search_postgres`.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from .fts import Query, parse_query
from .search_postgres import ranked_ids as postgres_ranked
from .search_sqlite import ranked_ids as sqlite_ranked
from .snippets import highlight, snippet_limit

log = logging.getLogger(__name__)


@dataclass(slots=True)
class Hit:
    """One search result; ``score`` is higher for better matches on both backends."""

    id: int
    title: str
    url: str
    source: str
    published: datetime | None
    snippet: str
    score: float
    story_id: int | None
    primary_url: str = ""
    lang: str = ""
    source_id: int | None = None
    highlights: list[tuple[int, int]] = field(default_factory=list)


@dataclass(slots=True)
class SearchFilters:
    """Restrictions on which articles a search (or an alert) considers."""

    lang: str | None = None
    source_id: int | None = None
    since: datetime | None = None
    until: datetime | None = None
    fetched_after: datetime | None = None
    include_copies: bool = False


def _filter_sql(filters: SearchFilters) -> tuple[str, dict[str, Any]]:
    """Constant SQL fragments with bound values, on the ``a`` (articles) alias."""
    parts = ["a.status = 'ok'"]
    params: dict[str, Any] = {}
    if not filters.include_copies:
        parts.append("a.duplicate_of IS NULL")
    if filters.lang:
        parts.append("a.lang = :lang")
        params["lang"] = filters.lang
    if filters.source_id is not None:
        parts.append("a.source_id = :source_id")
        params["source_id"] = filters.source_id
    when = "COALESCE(a.published, a.fetched)"
    for name, op in (("since", ">="), ("until", "<")):
        value = getattr(filters, name)
        if value is not None:
            parts.append(f"{when} {op} :{name}")
            params[name] = value
    if filters.fetched_after is not None:
        parts.append("a.fetched > :fetched_after")
        params["fetched_after"] = filters.fetched_after
    return " AND ".join(parts), params


def _statement(sql: str, params: dict[str, Any]) -> sa.TextClause:
    """A text statement whose datetime binds and results go through the schema's UTC type."""
    from .schema import TS
    times = [sa.bindparam(k, type_=TS) for k, v in params.items() if isinstance(v, datetime)]
    return sa.text(sql).bindparams(*times).columns(published=TS)


_ROWS = """
SELECT a.id, a.title, a.url, a.primary_url, a.published, a.lang, a.story_id, a.source_id,
       a.nosnippet, a.max_snippet, a.text, a.duplicate_of, s.title AS source
FROM articles AS a LEFT JOIN sources AS s ON s.id = a.source_id WHERE a.id IN ({ids})
"""
class SearchQueries:
    engine: sa.Engine

    def search(self, query: str | Query, *, limit: int = 20, offset: int = 0,
               lang: str | None = None, source_id: int | None = None,
               since: datetime | None = None, until: datetime | None = None,
               snippet_chars: int = 300, include_copies: bool = False,
               fetched_after: datetime | None = None) -> list[Hit]:
        """Visible articles matching ``query``, best first, with highlighted snippets.

        ``query`` uses the language of :mod:`tidings.store.fts`; any input is accepted (a
        query with no words matches nothing). Snippets honour each article's ``nosnippet``
        and ``max_snippet`` and are at most ``snippet_chars`` long.
        """
        parsed = query if isinstance(query, Query) else parse_query(query)
        if parsed.empty or limit <= 0:
            return []
        filters = SearchFilters(lang=lang, source_id=source_id, since=since, until=until,
                                fetched_after=fetched_after, include_copies=include_copies)
        rows = self._search_rows(parsed, filters, limit=limit, offset=max(0, offset))
        originals = self._original_texts([r for r in rows if r["text"] is None and r["duplicate_of"]])
        return [_hit(row, parsed, snippet_chars, originals) for row in rows]

    def _search_rows(self, parsed: Query, filters: SearchFilters, *, limit: int,
                     offset: int) -> list[dict[str, Any]]:
        where, params = _filter_sql(filters)
        try:
            with self.engine.connect() as conn:
                rank = postgres_ranked if conn.dialect.name == "postgresql" else sqlite_ranked
                ranked = rank(conn, parsed, where, params, offset + limit + 1)
                page = ranked[offset:offset + limit]
                if not page:
                    return []
                ids = ", ".join(str(int(i)) for i, _ in page)
                rows = {row["id"]: dict(row) for row in conn.execute(
                    _statement(_ROWS.format(ids=ids), {})).mappings()}
        except sa.exc.DBAPIError as exc:  # should not happen: expressions are built safely
            log.warning("search failed for %r: %s", parsed, exc)
            return []
        return [dict(rows[i], score=score) for i, score in page if i in rows]

    def _original_texts(self, rows: list[dict[str, Any]]) -> dict[int, dict[str, Any]]:
        """Text and quoting rules of the (visible) originals of copies, which store no text."""
        ids = sorted({row["duplicate_of"] for row in rows})
        if not ids:
            return {}
        from .schema import articles
        query = (sa.select(articles.c.id, articles.c.text, articles.c.nosnippet, articles.c.max_snippet)
                 .where(articles.c.id.in_(ids), articles.c.status == "ok"))
        with self.engine.connect() as conn:
            return {row.id: dict(row._mapping) for row in conn.execute(query)}


def _hit(row: dict[str, Any], parsed: Query, snippet_chars: int,
         originals: dict[int, dict[str, Any]]) -> Hit:
    limit = snippet_limit(snippet_chars, bool(row["nosnippet"]), row["max_snippet"])
    text = row["text"]
    if text is None:
        original = originals.get(row["duplicate_of"]) or {"text": "", "nosnippet": True, "max_snippet": 0}
        text = original["text"] or ""
        limit = min(limit, snippet_limit(snippet_chars, bool(original["nosnippet"]), original["max_snippet"]))
    snip = highlight(text, parsed.terms(), limit)
    published = row["published"]
    return Hit(id=row["id"], title=row["title"] or "", url=row["url"], source=row["source"] or "",
               published=published, snippet=snip.text, score=round(float(row["score"] or 0.0), 6),
               story_id=row["story_id"], primary_url=row["primary_url"] or row["url"],
               lang=row["lang"] or "", source_id=row["source_id"], highlights=snip.spans)


def format_hits(hits: list[Hit]) -> str:
    """Hits as terminal text: date, title, source, then the URL and the snippet indented."""
    lines = []
    for hit in hits:
        when = hit.published.strftime("%Y-%m-%d") if hit.published else " " * 10
        lines.append(f"{when}  {hit.title}  [{hit.source}]")
        lines.append(f"            {hit.primary_url or hit.url}")
        if hit.snippet:
            lines.append(f"            {hit.snippet}")
    return "\n".join(lines)
