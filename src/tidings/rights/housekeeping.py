"""Chores for the scheduler loop: restorations always, pruning at most once an hour."""
from __future__ import annotations

from datetime import datetime, timedelta

from ..store.sources import utcnow
from .backup import prune_raw_html
from .complaints import restore_due

PRUNE_EVERY = timedelta(hours=1)
THROTTLE_MEMORY = timedelta(days=1)


def rights_housekeeping(store, now: datetime | None = None) -> dict[str, int]:
    """Restore takedowns whose counter-notice period is over; hourly, drop old raw HTML and
    throttle rows. Returns ``{"restored", "raw_html_pruned", "throttle_pruned"}``."""
    now = now or utcnow()
    done = {"restored": restore_due(store, now), "raw_html_pruned": 0, "throttle_pruned": 0}
    last = store.kv_get("rights_pruned_at")
    if last is None or now - datetime.fromisoformat(last) >= PRUNE_EVERY:
        done["raw_html_pruned"] = prune_raw_html(store, now=now)
        done["throttle_pruned"] = store.prune_throttle_rows(now - THROTTLE_MEMORY)
        store.kv_set("rights_pruned_at", now.isoformat())
    return done
