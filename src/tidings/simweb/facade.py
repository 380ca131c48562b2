"""``SimWeb``: the simulated web's facade — servers, content, ground truth and faults."""
from __future__ import annotations

import socket
import threading
from collections import OrderedDict, deque
from datetime import datetime, timedelta, timezone

from . import feeds, templates
from .events import TREND_SHAPE, Event, Story
from .faults import FAULT_TEXT, Faults
from .server import HostServer, Hosts, Request, Resource, Response, conditional, loopback
from .sites import SiteSpec, aggregator_sites, news_sites
from .truth import SimArticle, SimRequest, SimSite, event_counts
from .world import Doc, World

DEFAULT_START = datetime(2025, 1, 6, tzinfo=timezone.utc)  # a Monday
_CONTENT_TYPES = {"rss": "application/rss+xml", "atom": "application/atom+xml",
                  "json": "application/feed+json", "rdf": "application/rdf+xml", "sitemap": "application/xml"}
_LOGGED_HEADERS = ("If-None-Match", "If-Modified-Since", "Accept-Encoding", "User-Agent")


def resolve_start(start: datetime | str | None, days: int) -> datetime:
    """``None`` → a fixed Monday; ``"recent"`` → a Monday such that everything is in the past."""
    if start is None:
        return DEFAULT_START
    if isinstance(start, str):
        if start != "recent":
            start = datetime.fromisoformat(start)
        else:
            today = datetime.now(timezone.utc).replace(hour=0, minute=0, second=0, microsecond=0)
            start = today - timedelta(days=days + 2)  # reports trail events by up to a day
            return start - timedelta(days=start.weekday())
    return start if start.tzinfo else start.replace(tzinfo=timezone.utc)


class SimWeb:
    """A deterministic simulated web of news sites on loopback addresses.

    >>> with SimWeb(seed=1) as sim:
    ...     urls = sim.feed_urls()

    Sites are bound to ``127.0.0.2``, ``127.0.0.3``, ... (one address per site, then the
    aggregators, then the fault host; from ``first_ip``, counted through 127.0.0.0/8 so that
    thousands of sites fit: ``first_ip=256`` is ``127.0.1.0``), each on ``port`` (0 = an
    ephemeral port per host). Beyond the built-in two aggregators, more are generated; each
    copies an article with probability ``copy_rate``. Rendered pages are kept for re-serving,
    the ``cache_pages`` most recently asked for.
    """

    def __init__(self, seed: int = 1, sites: int = 8, days: int = 14, scenario: str = "default", *,
                 start: datetime | str | None = None, port: int = 0, aggregators: int = 2,
                 trend_shape: tuple[int, ...] = TREND_SHAPE, feed_size: int = 100,
                 events_per_day: float = 2.5, topics_per_day: float = 1.5, first_ip: int = 2,
                 copy_rate: float = 0.22, cache_pages: int = 4096) -> None:
        if scenario == "trend":
            days = 7 * len(trend_shape)
        begin = resolve_start(start, days)
        if scenario == "trend":
            begin -= timedelta(days=begin.weekday())
        self.seed, self.scenario, self.feed_size, self._port = seed, scenario, feed_size, port
        self.trend_shape = tuple(trend_shape)
        self.world = World(seed, news_sites(sites), aggregator_sites(aggregators), begin, days,
                           scenario, self.trend_shape, events_per_day, topics_per_day, copy_rate)
        keys = list(self.world.sites)
        self._ips = {k: loopback(first_ip + i) for i, k in enumerate(keys)}
        self._fault_ip = loopback(first_ip + len(keys))
        self.next_ip = first_ip + len(keys) + 1  # the first address number this web leaves free
        self._servers: dict[str, HostServer] = {}
        self._hosts: Hosts | None = None
        self._faults: Faults | None = None
        self._dead: socket.socket | None = None
        self._lock = threading.RLock()
        self._cache: OrderedDict[tuple[str, str], tuple[int, Resource]] = OrderedDict()
        self._cache_pages = cache_pages
        self._log: deque[SimRequest] = deque(maxlen=100_000)
        self._stopping = threading.Event()

    # -- lifecycle ---------------------------------------------------------------------------
    def start(self) -> "SimWeb":
        """Bind every host and serve in background threads (idempotent)."""
        if self._servers:
            return self
        self._stopping.clear()
        try:
            for key in self.world.sites:
                self._servers[key] = HostServer(self._ips[key], self._port, self._site_app(key), key)
            self._servers["faults"] = HostServer(self._fault_ip, self._port, self._fault_app, "faults")
            self._dead = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            self._dead.bind((self._fault_ip, 0))  # bound, never listening: connections are refused
        except OSError:
            self.stop()
            raise
        dead = f"http://{self._fault_ip}:{self._dead.getsockname()[1]}"
        self._faults = Faults(self._servers["faults"].url, dead, self.feed_urls()[0], self._stopping)
        self._hosts = Hosts(f"simweb-{self.seed}")
        for srv in self._servers.values():
            self._hosts.add(srv)
        self._hosts.start()
        return self

    def stop(self) -> None:
        """Stop every server; streams in progress end at their next step."""
        self._stopping.set()
        if self._hosts is not None:
            self._hosts.stop(list(self._servers.values()))
            self._hosts = None
        else:  # binding failed part-way
            for srv in self._servers.values():
                srv.close()
        self._servers.clear()
        if self._dead is not None:
            self._dead.close()
            self._dead = None

    def __enter__(self) -> "SimWeb":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    @property
    def started(self) -> bool:
        return bool(self._servers)

    # -- addresses ---------------------------------------------------------------------------
    def base_url(self, key: str) -> str:
        """``http://IP:PORT`` of a site (the configured port until started)."""
        srv = self._servers.get(key)
        return srv.url if srv else f"http://{self._ips[key]}:{self._port}"

    def url_of(self, doc: Doc) -> str:
        return self.base_url(doc.site) + doc.path

    def sites(self) -> list[SimSite]:
        """Every site (news sites first, then aggregators)."""
        out = []
        for s in self.world.sites.values():
            base = self.base_url(s.key)
            feed = base + s.feed_path
            out.append(SimSite(s.key, s.name, base + "/", s.lang, feed if s.has_feed else None, s.feed,
                               None if s.has_feed else feed, s.aggregator, s.disallow, s.crawl_delay,
                               tuple(templates.boilerplate(s))))
        return out

    def site_urls(self) -> list[str]:
        """Homepage URLs of all sites, aggregators included."""
        return [s.url for s in self.sites()]

    def feed_urls(self) -> list[str]:
        """Feed URLs of every site that has a feed (aggregators included)."""
        return [s.feed_url for s in self.sites() if s.feed_url]

    def sitemap_urls(self) -> list[str]:
        """News-sitemap URLs of the feedless sites."""
        return [s.sitemap_url for s in self.sites() if s.sitemap_url]

    def fault_urls(self) -> dict[str, str]:
        """Fault name → URL on the fault host (requires :meth:`start`)."""
        if self._faults is None or not self._servers:
            raise RuntimeError("SimWeb.start() first: fault URLs need bound ports")
        return self._faults.urls()

    @staticmethod
    def fault_text() -> dict[str, str]:
        """For the charset faults: the text a correct decoder must find."""
        return dict(FAULT_TEXT)

    def opml(self, include_aggregators: bool = True) -> str:
        """OPML 2.0 of the sites' feeds; the feedless site is listed by its homepage only."""
        entries = [(s.name, s.url, s.feed_url, s.lang) for s in self.sites()
                   if include_aggregators or not s.is_aggregator]
        return feeds.opml(entries)

    # -- ground truth --------------------------------------------------------------------------
    def articles(self) -> list[SimArticle]:
        """Every article published so far, in publication order of creation (ids ascending)."""
        with self._lock:
            return [self._truth(d) for d in sorted(self.world.docs, key=lambda d: d.id)]

    def events(self) -> list[Event]:
        """The events behind the articles (non-event topics excluded)."""
        return [s for s in self.world.stories if isinstance(s, Event)]

    def stories(self) -> list[Story]:
        """Events and topics."""
        return list(self.world.stories)

    def boilerplate(self, site: str) -> list[str]:
        """The repeated text blocks of a site, given its key or any of its URLs."""
        for key, spec in self.world.sites.items():
            if site == key or site.startswith(self.base_url(key)):
                return templates.boilerplate(spec)
        raise KeyError(site)

    def event_counts(self, *, event_type: str | None = None, actor: str | None = None,
                     place: str | None = None, by: str = "week") -> list[tuple[datetime, int]]:
        """Distinct events per period over the whole simulated span (zero-filled)."""
        return event_counts(self.world.stories, event_type=event_type, actor=actor, place=place, by=by,
                            start=self.world.start, end=self.world.now - timedelta(minutes=1))

    def trend_truth(self, event_type: str = "attack", actor: str = "nsf") -> list[int]:
        """Weekly counts of the designed trend (equals ``trend_shape`` in the trend scenario)."""
        weeks = len(self.trend_shape) if self.scenario == "trend" else None
        counts = [c for _, c in self.event_counts(event_type=event_type, actor=actor)]
        return counts[:weeks] if weeks else counts

    @property
    def now(self) -> datetime:
        """The simulated clock (after the last publication)."""
        return self.world.now

    def publish_more(self, n: int = 5, hours: float = 24.0) -> list[SimArticle]:
        """Publish ``n`` new stories over the next ``hours``; returns the new articles and copies."""
        with self._lock:
            docs = self.world.publish_more(n, hours)
            self._cache.clear()
            return [self._truth(d) for d in docs]

    def advance(self, hours: float = 0, days: float = 0) -> datetime:
        """Move the simulated clock forward; returns the new time."""
        with self._lock:
            self.world.advance(timedelta(hours=hours, days=days))
            return self.world.now

    def requests(self, host: str | None = None) -> list[SimRequest]:
        """Requests answered so far (``host`` = a site key or ``faults``)."""
        return [r for r in list(self._log) if host is None or r.host == host]

    def clear_requests(self) -> None:
        self._log.clear()

    def _truth(self, d: Doc) -> SimArticle:
        site = self.world.sites[d.site]
        url = self.url_of(d)
        orig = self.url_of(d.original) if d.original is not None else None
        feed = self.base_url(d.site) + site.feed_path
        return SimArticle(url, d.site, d.title, d.text, d.published, d.author, d.lang, d.event_id,
                          d.story_key, d.is_copy, orig, bool(d.credit), feed, id=d.id,
                          canonical_url=orig if d.credit == "canonical" and orig else url,
                          link_in_feed=feeds.feed_link(site, url) if site.has_feed else url,
                          modified=d.modified, section=d.section, edit=d.edit, credit_kind=d.credit,
                          wrong_date=d.wrong_date, robots_meta=d.robots_meta,
                          nosnippet_text=d.nosnippet, disallowed=d.disallowed)

    # -- serving -------------------------------------------------------------------------------
    def _record(self, host: str, req: Request, status: int) -> None:
        query = "&".join(f"{k}={v}" for k, vs in req.query.items() for v in vs)
        headers = {h: req.headers[h] for h in _LOGGED_HEADERS if req.headers.get(h) is not None}
        self._log.append(SimRequest(host, req.method, req.path + (f"?{query}" if query else ""),
                                    status, headers))

    def _fault_app(self, req: Request) -> Response:
        assert self._faults is not None
        resp = self._faults(req)
        self._record("faults", req, resp.status)
        return resp

    def _site_app(self, key: str):
        site = self.world.sites[key]

        def app(req: Request) -> Response:
            path = f"/?p={req.query['p'][0]}" if req.path == "/" and "p" in req.query else req.path
            with self._lock:
                res = self._resource(site, path)
            if res is None:
                body = templates.not_found_page(site).encode(site.charset, "xmlcharrefreplace")
                resp = Response(404, [("Content-Type", f"text/html; charset={site.charset}")], body)
            else:
                resp = conditional(req, res)
            self._record(key, req, resp.status)
            return resp
        return app

    def _resource(self, site: SiteSpec, path: str) -> Resource | None:
        hit = self._cache.get((site.key, path))
        if hit is not None and hit[0] == self.world.generation:
            self._cache.move_to_end((site.key, path))
            return hit[1]
        res = self._render(site, path)
        if res is not None:
            self._cache[(site.key, path)] = (self.world.generation, res)
            if len(self._cache) > self._cache_pages:
                self._cache.popitem(last=False)
        return res

    def _render(self, site: SiteSpec, path: str) -> Resource | None:
        base = self.base_url(site.key)
        docs = self.world.site_docs(site.key)
        feed_url = base + site.feed_path if site.has_feed else None
        listed_at = max((d.seen or d.modified for d in docs), default=self.world.start)
        html_type = f"text/html; charset={site.charset}"
        if path == "/":
            text = templates.home_page(site, docs[:30], self.url_of, feed_url, base + "/")
            return self._encode(site, text, html_type, listed_at)
        if path == "/robots.txt":
            return Resource(feeds.robots_txt(site, base + "/").encode(), "text/plain; charset=utf-8",
                            self.world.start, site.gzip)
        if path == site.feed_path:
            listed = docs if site.feed == "sitemap" else docs[:self.feed_size]
            text = feeds.render_feed(site, listed, self.url_of, base + "/", base + site.feed_path, self.world.now)
            charset = site.charset if site.feed == "rss" else "utf-8"
            return self._encode(site, text, f"{_CONTENT_TYPES[site.feed]}; charset={charset}", listed_at,
                                charset)
        doc = self._find(site.key, path)
        if doc is None:
            return None
        orig_name = self.world.sites[doc.original.site].name if doc.original is not None else ""
        text = templates.article_page(site, doc, self.url_of, feed_url, _related(doc, docs), orig_name)
        return self._encode(site, text, html_type, doc.modified)

    def _find(self, key: str, path: str) -> Doc | None:
        paths = self.world.paths[key]
        return paths.get(path) or paths.get(path + "/") or paths.get(path.rstrip("/"))

    @staticmethod
    def _encode(site: SiteSpec, text: str, content_type: str, last_modified: datetime,
                charset: str | None = None) -> Resource:
        body = text.encode(charset or site.charset, "xmlcharrefreplace")
        return Resource(body, content_type, last_modified, site.gzip)

    def __repr__(self) -> str:
        state = "started" if self.started else "stopped"
        return f"<SimWeb seed={self.seed} scenario={self.scenario} sites={len(self.world.sites)} {state}>"


def _related(doc: Doc, docs: list[Doc], n: int = 4) -> list[Doc]:
    others = [d for d in docs if d is not doc]
    others.sort(key=lambda d: (d.section != doc.section, abs((d.published - doc.published).total_seconds()), d.id))
    return others[:n]
