"""Everything a running pipeline holds: the store, the fetcher and each stage's state."""
from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from .config import Settings
from .fetch import Fetcher
from .heap import trim_heap
from .ingest.copies import Copies
from .ingest.sites import SiteLearner
from .ingest.stories import Stories
from .models import Article
from .polling import SourceBook
from .store import Store, open_store, utcnow

log = logging.getLogger(__name__)


@dataclass
class Context:
    store: Store
    settings: Settings
    fetcher: Fetcher
    scheduler: SourceBook
    copies: Copies
    stories: Stories
    tagger: Callable[[Article], list]
    sites: SiteLearner
    worker: str
    housekeepers: list[Callable[[Store], object]] = field(default_factory=list)
    # When articles arrive (the story clock) and what old means to retention; a simulation
    # (bench/ingest.py --steady) runs it on its own time.
    clock: Callable[[], datetime] = utcnow
    _warm: asyncio.Future | None = field(default=None, repr=False)

    async def warm_up(self) -> None:
        """Before the first article is tagged: build the taggers' tables in a thread, once."""
        from .ingest.tags import warm_up
        if self._warm is None:
            self._warm = asyncio.ensure_future(asyncio.to_thread(warm_up, self.tagger))
        await asyncio.shield(self._warm)

    def housekeeping(self) -> None:
        """Work between polling rounds: this worker's snapshots, then — in one worker at a
        time — second thoughts on copy groups, old copy bands, alerts, restorations; never
        fatal."""
        self.stories.snapshot()
        self.sites.save(self.store)
        with self.store.chores_turn() as mine:
            if mine:
                self._shared_chores()
        trim_heap()  # between rounds: what a round's pages took and freed goes back

    def _shared_chores(self) -> None:
        for job in [self._reattribute, self._prune_bands, self._refresh_trend_facts, *self.housekeepers]:
            try:
                job(self.store)
            except Exception:  # noqa: BLE001 - one failing chore must not stop polling
                log.exception("housekeeping job %s failed", getattr(job, "__name__", job))

    def _reattribute(self, store: Store) -> None:
        from .ingest.reattribute import reattribute
        reattribute(self)

    def _refresh_trend_facts(self, store: Store) -> None:
        """Rebuild the stored facts of the stories that changed, so that trend pages do not."""
        store.refresh_story_facts()

    def _prune_bands(self, store: Store) -> None:
        if self.settings.copy_window_days:
            store.prune_copy_bands(self.clock() - timedelta(days=self.settings.copy_window_days))

    async def aclose(self) -> None:
        self.stories.snapshot(force=True)
        self.sites.save(self.store)
        await self.fetcher.aclose()


def open_context(settings: Settings, store: Store | None = None) -> Context:
    from .runner import worker_name
    from .ingest.tags import article_tagger
    store = store or open_store(settings.db)
    return Context(
        store=store, settings=settings, fetcher=make_fetcher(settings), scheduler=SourceBook(store),
        copies=Copies(), stories=Stories(store), tagger=article_tagger(store, settings),
        sites=SiteLearner.load(store), worker=worker_name(), housekeepers=_housekeepers())


def make_fetcher(settings: Settings) -> Fetcher:
    """The fetcher of a tidings process; with ``TIDINGS_OFFLINE=1`` no host name is ever
    looked up (every fetch of a named host fails with a ``dns`` error), so nothing leaves the
    machine except to literal addresses the SSRF guard allows."""
    return Fetcher(settings.fetch, resolver=offline_resolver if offline() else None)


def offline() -> bool:
    return os.environ.get("TIDINGS_OFFLINE", "").strip().lower() in ("1", "true", "yes", "on")


def offline_resolver(host: str, port: int) -> list[str]:
    raise OSError("offline (TIDINGS_OFFLINE=1): host names are not looked up")


def _housekeepers() -> list[Callable[[Store], object]]:
    jobs = []
    try:
        from .web.alerts import run_alerts
        jobs.append(run_alerts)
    except ImportError:
        pass
    try:
        from .rights.housekeeping import rights_housekeeping
        jobs.append(rights_housekeeping)
    except ImportError:
        pass
    return jobs
