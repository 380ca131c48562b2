"""The polite, safe fetcher: ``async with Fetcher(settings) as f: page = await f.get(url)``."""
from __future__ import annotations

import asyncio
import time
from http.cookiejar import CookieJar, DefaultCookiePolicy
from urllib.parse import urljoin, urlsplit

import httpx

from tidings.fetch.body import ACCEPT_ENCODING, BodyDecoder, read_body
from tidings.fetch.charset import decode_body
from tidings.fetch.content import is_textual
from tidings.fetch.guard import AddressPolicy, GuardedBackend, Resolver, check_url
from tidings.fetch.headers import parse_content_type, parse_retry_after
from tidings.fetch.hosts import HostLimiter
from tidings.fetch.robots import agent_token
from tidings.fetch.robots_cache import RobotsCache
from tidings.fetch.settings import FetchSettings
from tidings.fetch.transport import GuardedTransport
from tidings.models import FetchError, Page

DEFAULT_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
REDIRECTS = {301, 302, 303, 307, 308}
DRAIN_LIMIT = 64 * 1024
DRAIN_SECONDS = 1.0
BODYLESS = {204, 304}


class NoCookies(CookieJar):
    """A cookie jar that keeps nothing and sends nothing: feeds and articles are fetched
    anonymously (and the jar's bookkeeping is skipped on every response)."""

    def __init__(self) -> None:
        super().__init__(policy=DefaultCookiePolicy(allowed_domains=[]))

    def extract_cookies(self, response, request) -> None:  # noqa: ANN001 - stdlib signature
        return None

    def add_cookie_header(self, request) -> None:  # noqa: ANN001 - stdlib signature
        return None


class Fetcher:
    """Fetches URLs politely (robots.txt, Crawl-delay, per-host limits) and safely
    (SSRF guard at connect time, size and decompression caps, timeouts).

    Use as an async context manager. ``resolver(host, port)`` returns IP strings (sync or
    async); the default uses the system resolver. Every failure is a ``FetchError``.
    """

    def __init__(self, settings: FetchSettings | None = None,
                 resolver: Resolver | None = None) -> None:
        self.settings = settings or FetchSettings.from_env()
        s = self.settings
        self.policy = AddressPolicy.from_settings(s.allow_private, s.allowed_networks)
        self.backend = GuardedBackend(self.policy, resolver)
        self._client: httpx.AsyncClient | None = None
        self._limiter: HostLimiter | None = None
        self._robots = RobotsCache(self._fetch_robots, agent_token(s.user_agent),
                                   ttl=s.robots_ttl, error_ttl=s.robots_error_ttl)

    async def __aenter__(self) -> "Fetcher":
        self._open()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close pooled connections."""
        if self._client is not None:
            await self._client.aclose()
            self._client = None

    async def get(self, url: str, *, etag: str | None = None,
                  last_modified: str | None = None, accept: str | None = None,
                  check_robots: bool = True) -> Page:
        """GET ``url``, following up to ``max_redirects`` redirects, each hop vetted.

        Sends ``If-None-Match``/``If-Modified-Since`` when ``etag``/``last_modified`` are
        given; a 304 comes back as ``Page(not_modified=True)``. Raises ``FetchError``.
        """
        started = time.monotonic()
        headers = _request_headers(etag, last_modified, accept)
        current, seen = url, [url]
        deadline: list[float] = []  # set when the first request starts; shared by all hops
        for _ in range(self.settings.max_redirects + 1):
            check_url(current, self.policy)
            if check_robots:
                await self._require_robots(current)
            result = await self._exchange(current, headers, deadline)
            if isinstance(result, Page):
                result.url, result.elapsed = url, time.monotonic() - started
                return result
            current = _next_hop(current, result, seen)
        raise FetchError("redirects", f"more than {self.settings.max_redirects} redirects",
                         url=url)

    async def robots_allowed(self, url: str) -> bool:
        """True when robots.txt lets us fetch ``url`` (always True if robots are off).

        Fetches the site's robots.txt on first use; raises ``FetchError`` when the site
        cannot be reached at all (DNS, connect, timeout, SSRF).
        """
        if not self.settings.respect_robots:
            return True
        check_url(url, self.policy)
        entry = await self._robots.entry(url)
        return entry.rules.allowed(url)

    def crawl_delay(self, url_or_host: str) -> float:
        """Seconds kept between requests to this site (robots Crawl-delay, capped), 0 if none.

        Accepts a URL or a bare host (then the http and https origins are looked up).
        """
        urls = [url_or_host] if "://" in url_or_host else [
            f"https://{url_or_host}/", f"http://{url_or_host}/"]
        for candidate in urls:
            entry = self._robots.cached(candidate)
            if entry is not None and entry.rules.crawl_delay is not None:
                return min(entry.rules.crawl_delay, self.settings.max_crawl_delay)
        return 0.0

    def _open(self) -> httpx.AsyncClient:
        if self._client is None:
            s = self.settings
            self._limiter = HostLimiter(s.per_host, s.global_limit)
            self._client = httpx.AsyncClient(
                transport=GuardedTransport(self.backend, s.global_limit),
                timeout=httpx.Timeout(connect=s.connect_timeout, read=s.read_timeout,
                                      write=s.connect_timeout, pool=s.total_timeout),
                headers={"User-Agent": s.user_agent, "Accept-Encoding": ACCEPT_ENCODING},
                cookies=NoCookies(),
                follow_redirects=False, trust_env=False)
        return self._client

    async def _require_robots(self, url: str) -> None:
        if not self.settings.respect_robots or urlsplit(url).path == "/robots.txt":
            return
        entry = await self._robots.entry(url)
        if not entry.rules.allowed(url):
            message = entry.reason or f"robots.txt disallows {urlsplit(url).path or '/'}"
            raise FetchError("robots", message, retry_after=entry.retry_after, url=url)

    async def _fetch_robots(self, robots_url: str) -> Page:
        return await self.get(robots_url, accept="text/plain,*/*;q=0.5", check_robots=False)

    async def _exchange(self, url: str, headers: dict[str, str],
                        deadline: list[float]) -> Page | str:
        """One request/response. Returns a Page, or the Location of a redirect."""
        client = self._open()
        assert self._limiter is not None
        host = (urlsplit(url).hostname or "").lower()
        async with self._limiter.slot(host, self.crawl_delay(url)):
            if not deadline:
                deadline.append(time.monotonic() + self.settings.total_timeout)
            try:
                async with asyncio.timeout(max(0.0, deadline[0] - time.monotonic())):
                    async with client.stream("GET", url, headers=headers) as response:
                        return await self._handle(url, response)
            except TimeoutError:
                raise FetchError("timeout", f"no complete answer within "
                                 f"{self.settings.total_timeout:g} s", url=url) from None
            except httpx.HTTPError as exc:
                raise _map_error(exc, url, self.settings) from None
            except FetchError as exc:
                exc.url = exc.url or url
                raise

    async def _handle(self, url: str, response: httpx.Response) -> Page | str:
        status = response.status_code
        if not 200 <= status < 300:
            await _drain(response)
        if status in REDIRECTS and response.headers.get("location"):
            return response.headers["location"]
        if status == 304:
            return _page(url, response, b"", not_modified=True)
        if not 200 <= status < 300:
            raise FetchError(
                "http", f"HTTP {status} {response.reason_phrase}".strip(), status=status,
                retry_after=parse_retry_after(response.headers.get("retry-after")), url=url)
        body = await self._read(response)
        return _page(url, response, body)

    async def _read(self, response: httpx.Response) -> bytes:
        s = self.settings
        length = response.headers.get("content-length", "")
        if length.isdigit() and int(length) > s.max_bytes:
            raise FetchError("too_large", f"body is {int(length) / 2**20:.1f} MiB, "
                             f"more than the {s.max_bytes / 2**20:.1f} MiB cap")
        decoder = BodyDecoder(response.headers.get("content-encoding"), s.max_bytes, s.max_ratio)
        try:
            return await read_body(response.aiter_raw(), decoder)
        except httpx.RemoteProtocolError as exc:
            raise FetchError("truncated", f"the body was cut short: {exc}") from None


async def _drain(response: httpx.Response, limit: int = DRAIN_LIMIT) -> None:
    """Read a small unwanted body (304, redirect, error) so the connection can be reused.

    A body over ``limit`` bytes or slower than ``DRAIN_SECONDS`` is abandoned (its
    connection is closed instead); the status, not the body, is what the caller gets.
    """
    length = response.headers.get("content-length", "")
    if length.isdigit() and int(length) > limit:
        return
    if response.status_code in BODYLESS or length == "0":  # complete already: no clock needed
        async for _ in response.aiter_raw():
            pass
        return
    seen = 0
    try:
        async with asyncio.timeout(DRAIN_SECONDS):
            async for chunk in response.aiter_raw():
                seen += len(chunk)
                if seen > limit:
                    return
    except (httpx.HTTPError, TimeoutError):
        return


def _request_headers(etag: str | None, last_modified: str | None,
                     accept: str | None) -> dict[str, str]:
    headers = {"Accept": accept or DEFAULT_ACCEPT}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    return headers


def _next_hop(current: str, location: str, seen: list[str]) -> str:
    target = urljoin(current, location.strip()).split("#", 1)[0]
    if target in seen:
        chain = " -> ".join(seen + [target])
        raise FetchError("redirects", f"redirect loop: {chain}", url=seen[0])
    seen.append(target)
    return target


def _page(url: str, response: httpx.Response, body: bytes, not_modified: bool = False) -> Page:
    raw_type = response.headers.get("content-type", "")
    mime, _ = parse_content_type(raw_type)
    text, encoding = ("", "")
    if body and is_textual(mime):
        text, encoding = decode_body(body, raw_type)
    request_headers = response.request.headers
    return Page(
        url=url, final_url=str(response.url), status=response.status_code,
        headers=dict(response.headers), body=body, text=text, encoding=encoding,
        content_type=mime,
        etag=response.headers.get("etag") or (request_headers.get("if-none-match")
                                              if not_modified else None),
        last_modified=response.headers.get("last-modified") or (
            request_headers.get("if-modified-since") if not_modified else None),
        not_modified=not_modified)


def _map_error(exc: httpx.HTTPError, url: str, s: FetchSettings) -> FetchError:
    if isinstance(exc, httpx.ConnectTimeout):
        return FetchError("timeout", f"connect timed out after {s.connect_timeout:g} s", url=url)
    if isinstance(exc, httpx.ReadTimeout):
        return FetchError("timeout", f"no data for {s.read_timeout:g} s", url=url)
    if isinstance(exc, httpx.TimeoutException):
        return FetchError("timeout", f"timed out: {exc}", url=url)
    if isinstance(exc, httpx.ConnectError):
        return FetchError("connect", f"cannot connect: {str(exc) or type(exc).__name__}", url=url)
    if isinstance(exc, (httpx.UnsupportedProtocol, httpx.LocalProtocolError)):
        return FetchError("invalid", f"cannot request {url}: {exc}", url=url)
    return FetchError("connect", f"{type(exc).__name__}: {exc}", url=url)
