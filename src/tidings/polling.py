"""What a poll changes on a source row: validators, errors, back-off and the next poll time."""
from __future__ import annotations

import time
from datetime import timedelta

from .fetch.schedule import adaptive_interval, backoff
from .models import FetchError, Page, ParsedFeed
from .store import Store, utcnow


class SourceBook:
    """Records poll outcomes and schedules each source's next poll (adaptive, with back-off).

    Unchanged polls (304s, the bulk of a poller's work) are written in batches, at the latest
    ``FLUSH_SECONDS`` after the oldest and whenever the runner calls :meth:`flush`. A crash
    before a flush loses nothing: those sources keep their leases until they expire, then
    are simply polled again.
    """

    FLUSH_AT = 64
    FLUSH_SECONDS = 1.0

    def __init__(self, store: Store) -> None:
        self.store = store
        self._pending: list[tuple[int, dict]] = []
        self._oldest = 0.0

    def unchanged(self, source: dict) -> None:
        now = utcnow()
        if not self._pending:
            self._oldest = time.monotonic()
        self._pending.append((source["id"], dict(
            last_fetch=now, last_success=now, last_status=304, last_error="", error_count=0,
            next_poll=now + timedelta(seconds=source["poll_interval"]))))
        if len(self._pending) >= self.FLUSH_AT:
            self.flush()
        else:
            self.flush_if_due()

    def flush_if_due(self) -> None:
        """Flush when the oldest unwritten poll is ``FLUSH_SECONDS`` old."""
        if self._pending and time.monotonic() - self._oldest > self.FLUSH_SECONDS:
            self.flush()

    def flush(self) -> None:
        """Write the unchanged polls not written yet."""
        pending, self._pending = self._pending, []
        if pending:
            self.store.release_sources(pending)

    def succeeded(self, source: dict, page: Page, feed: ParsedFeed, new: int) -> None:
        now = utcnow()
        times = [e.published for e in feed.entries if e.published]
        interval = int(adaptive_interval(times, now))
        values = dict(last_fetch=now, last_success=now, last_status=page.status, error_count=0,
                      last_error=feed.warning or "", etag=page.etag, last_modified=page.last_modified,
                      poll_interval=interval, next_poll=now + timedelta(seconds=interval))
        if not source["title"] and feed.title:
            values["title"] = feed.title[:300]
        if not source["site_url"] and feed.site_url:
            values["site_url"] = feed.site_url
        if not source["lang"] and feed.lang:
            values["lang"] = feed.lang[:16]
        values.update(self.store.aggregator_stats(source["id"]))
        self.store.release_source(source["id"], **values)

    def failed(self, source: dict, error: Exception) -> None:
        now = utcnow()
        errors = source["error_count"] + 1
        delay = backoff(errors)
        retry_after = getattr(error, "retry_after", None)
        if retry_after:
            delay = max(delay, retry_after)
        status = getattr(error, "status", None)
        self.store.release_source(source["id"], last_fetch=now, last_status=status,
                                  last_error=str(error)[:500], error_count=errors,
                                  next_poll=now + timedelta(seconds=delay))

    def became_feed(self, source: dict, feeds: list[str]) -> dict:
        """A discovered site: its first feed takes over this row, the others become sources."""
        for extra in feeds[1:]:
            self.store.add_source(extra, site_url=source["url"], lang=source["lang"],
                                  category=source["category"])
        site_url = source["site_url"] or source["url"]
        existing = self.store.source_by_url(feeds[0])
        if existing is None or existing["id"] == source["id"]:  # the "site" may be the feed itself
            self.store.update_source(source["id"], url=feeds[0], kind="feed", site_url=site_url)
            return {**source, "url": feeds[0], "kind": "feed", "site_url": site_url}
        self.store.update_source(source["id"], kind="feed", enabled=False, site_url=site_url,
                                 last_error=f"site merged into its feed {feeds[0]}")
        raise FetchError("invalid", f"site's feed {feeds[0]} is already a source")
