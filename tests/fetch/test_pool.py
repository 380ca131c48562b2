"""The connection pool under the fetcher: reuse, its cap, and connections servers closed."""
from __future__ import annotations

import asyncio

from tidings.fetch import Fetcher, FetchSettings

OK = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok"


class OneShotServer:
    """Answers one request per connection, then closes it without saying so (as servers do
    with idle keep-alive connections)."""

    def __init__(self) -> None:
        self.connections = 0
        self.port = 0

    async def __aenter__(self) -> "OneShotServer":
        self._server = await asyncio.start_server(self._answer, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    async def __aexit__(self, *exc: object) -> None:
        self._server.close()

    async def _answer(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        await reader.readuntil(b"\r\n\r\n")
        writer.write(OK)
        await writer.drain()
        writer.close()


def settings(limit: int) -> FetchSettings:
    return FetchSettings(allowed_networks=("127.0.0.0/8",), respect_robots=False,
                         global_limit=limit, connect_timeout=2, read_timeout=2, total_timeout=5)


def to_loopback(host: str, port: int) -> list[str]:
    return ["127.0.0.1"]


def test_a_connection_the_server_closed_is_not_reused():
    asyncio.run(_server_closed())


async def _server_closed() -> None:
    async with OneShotServer() as server, Fetcher(settings(8), resolver=to_loopback) as fetcher:
        for _ in range(3):
            page = await fetcher.get(f"http://127.0.0.1:{server.port}/")
            assert page.status == 200
            await asyncio.sleep(0.05)  # let the close reach us
    assert server.connections == 3


def test_more_hosts_than_the_cap_replace_idle_connections(server):
    asyncio.run(_many_hosts(server))
    assert len(server.page_hits()) == 24
    assert server.connections == 24  # 12 hosts through 4 slots: every host's connection was replaced


async def _many_hosts(server) -> None:
    server.route("/feed", b"ok")
    async with Fetcher(settings(4), resolver=to_loopback) as fetcher:
        for round_ in range(2):
            for i in range(12):
                page = await fetcher.get(f"http://site-{i}.test:{server.port}/feed")
                assert page.status == 200
            assert len(fetcher._client._transport._pool.connections) <= 4


def test_one_host_reuses_one_connection(server):
    asyncio.run(_one_host(server))
    assert server.connections == 1


async def _one_host(server) -> None:
    server.route("/feed", b"ok")
    async with Fetcher(settings(4), resolver=to_loopback) as fetcher:
        for _ in range(5):
            assert (await fetcher.get(server.url("/feed"))).status == 200


def test_cookies_a_site_sets_are_never_sent_back(server):
    server.route("/set", b"ok", headers={"Set-Cookie": "session=abc; Path=/"})
    server.route("/next", b"ok")

    async def visit() -> None:
        async with Fetcher(settings(4), resolver=to_loopback) as fetcher:
            await fetcher.get(server.url("/set"))
            await fetcher.get(server.url("/next"))
    asyncio.run(visit())
    assert [hit.headers.get("Cookie") for hit in server.page_hits()] == [None, None]
