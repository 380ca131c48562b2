"""Export records: one per article, with its story, copy group, primary source and tags."""
from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

from .store import Store

CHUNK = 500


def export_records(store: Store, since: datetime | None = None) -> Iterator[dict[str, Any]]:
    """Yield the contract's export record for every stored article, oldest first.

    A copy's ``text`` is its original's (copies do not store text twice) and its tags are the
    original's too.
    """
    chunk: list[dict[str, Any]] = []
    for row in store.iter_export(since):
        chunk.append(row)
        if len(chunk) >= CHUNK:
            yield from _records(store, chunk)
            chunk = []
    yield from _records(store, chunk)


def _records(store: Store, rows: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    tag_owner = {row["id"]: row["duplicate_of"] or row["id"] for row in rows}
    tags = store.tags_for(sorted(set(tag_owner.values())))
    for row in rows:
        own = tags.get(tag_owner[row["id"]], [])
        yield {
            "id": row["id"],
            "url": row["url"],
            "canonical_url": row["canonical_url"] or row["url"],
            "source": row["source_title"] or row["source_url"] or "",
            "title": row["title"],
            "text": row["text"] if row["text"] is not None else (row["original_text"] or ""),
            "published": row["published"],
            "fetched": row["fetched"],
            "lang": row["lang"],
            "story": row["story_id"],
            "duplicate_of": row["duplicate_of"],
            "primary_url": row["primary_url"] or row["canonical_url"] or row["url"],
            "entities": _names(own, "actor"),
            "places": _names(own, "place"),
            "events": _names(own, "event"),
        }


def _names(tags: list[dict[str, Any]], kind: str) -> list[str]:
    return sorted({tag["name"] for tag in tags if tag["kind"] == kind})
