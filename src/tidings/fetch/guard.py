"""SSRF guard: which addresses we may connect to, checked at connect time.

The guard lives in the network backend, so every TCP connection (first request,
each redirect hop, robots.txt) is vetted *after* DNS resolution, and the socket is
opened to the very address that was vetted: DNS rebinding cannot slip past it.
"""
from __future__ import annotations

import asyncio
import inspect
import ipaddress
import socket
from dataclasses import dataclass
from typing import Any, Awaitable, Callable, Iterable, Union
from urllib.parse import urlsplit

import httpcore

from tidings.models import FetchError

IPAddress = Union[ipaddress.IPv4Address, ipaddress.IPv6Address]
Resolver = Callable[[str, int], Union[list[str], Awaitable[list[str]]]]

ALLOW_HINT = "set TIDINGS_ALLOW_PRIVATE_NETWORKS=1 to allow"

# Blocks Python's ``is_global`` misses on some versions, and multicast/reserved space.
_EXTRA_BLOCKED = tuple(ipaddress.ip_network(n) for n in (
    "0.0.0.0/8", "100.64.0.0/10", "192.0.0.0/24", "192.88.99.0/24", "198.18.0.0/15",
    "224.0.0.0/3", "::/128", "::1/128", "64:ff9b:1::/48", "fc00::/7", "fe80::/10",
    "ff00::/8", "2001:db8::/32",
))
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_V4_COMPAT = ipaddress.ip_network("::/96")


def embedded_ipv4(ip: IPAddress) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address carries (mapped, 6to4, NAT64, compat), if any."""
    if ip.version == 4:
        return None
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip in _NAT64 or ip in _V4_COMPAT:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def is_public_ip(ip: IPAddress | str) -> bool:
    """True when ``ip`` is a globally routable unicast address (IPv4 or IPv6)."""
    if isinstance(ip, str):
        ip = ipaddress.ip_address(ip)
    mapped = getattr(ip, "ipv4_mapped", None)
    if mapped is not None:  # ::ffff:a.b.c.d is a.b.c.d on a dual-stack socket
        return is_public_ip(mapped)
    if not ip.is_global or ip.is_multicast or ip.is_reserved:
        return False
    if any(ip in net for net in _EXTRA_BLOCKED if net.version == ip.version):
        return False
    inner = embedded_ipv4(ip)
    return inner is None or is_public_ip(inner)


@dataclass(frozen=True)
class AddressPolicy:
    """Decides whether an address may be connected to."""

    allow_private: bool = False
    allowed_networks: tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...] = ()

    @classmethod
    def from_settings(cls, allow_private: bool, networks: Iterable[str]) -> "AddressPolicy":
        """Build a policy; ``networks`` are CIDR strings such as ``"127.0.0.0/8"``."""
        nets = tuple(ipaddress.ip_network(n, strict=False) for n in networks)
        return cls(allow_private=allow_private, allowed_networks=nets)

    def allows(self, ip: IPAddress | str) -> bool:
        """True when connecting to ``ip`` is permitted."""
        if isinstance(ip, str):
            ip = ipaddress.ip_address(ip)
        if self.allow_private or is_public_ip(ip):
            return True
        candidates = [ip] + [x for x in [embedded_ipv4(ip)] if x is not None]
        return any(c in net for c in candidates for net in self.allowed_networks
                   if net.version == c.version)

    def check(self, ip: IPAddress | str, url: str = "") -> None:
        """Raise ``FetchError("ssrf")`` unless ``ip`` is allowed."""
        if not self.allows(ip):
            raise FetchError("ssrf", f"refusing to fetch private address {show_ip(ip)} "
                                     f"({ALLOW_HINT})", url=url)


def show_ip(ip: IPAddress | str) -> str:
    """An address as people write it (``::ffff:127.0.0.1``, not ``::ffff:7f00:1``)."""
    if isinstance(ip, str):
        return ip
    mapped = getattr(ip, "ipv4_mapped", None)
    return f"::ffff:{mapped}" if mapped is not None else str(ip)


def parse_ip(host: str) -> IPAddress | None:
    """The address if ``host`` is an IP literal (brackets allowed), else ``None``."""
    try:
        return ipaddress.ip_address(host.strip("[]").split("%")[0])
    except ValueError:
        return None


def check_url(url: str, policy: AddressPolicy) -> None:
    """Refuse URLs we never fetch: non-http(s), credentials, no host, private IP literal.

    Host names are vetted later, at connect time, once they are resolved.
    """
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError as exc:
        raise FetchError("invalid", f"bad URL {url!r}: {exc}", url=url) from None
    if parts.scheme.lower() not in ("http", "https"):
        raise FetchError("invalid", f"only http and https URLs are fetched, not {url!r}", url=url)
    if parts.username is not None or parts.password is not None:
        raise FetchError("invalid", "refusing a URL with credentials in it", url=url)
    if not parts.hostname:
        raise FetchError("invalid", f"URL has no host: {url!r}", url=url)
    literal = parse_ip(parts.hostname)
    if literal is not None:
        policy.check(literal, url)


async def system_resolver(host: str, port: int) -> list[str]:
    """Resolve ``host`` with the system resolver (``getaddrinfo``), IPv4 and IPv6."""
    loop = asyncio.get_running_loop()
    infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(info[4][0] for info in infos))


async def resolve(resolver: Resolver, host: str, port: int) -> list[IPAddress]:
    """Resolve with ``resolver`` (sync or async) into parsed addresses."""
    literal = parse_ip(host)
    if literal is not None:
        return [literal]
    try:
        result = resolver(host, port)
        if inspect.isawaitable(result):
            result = await result
    except (OSError, UnicodeError) as exc:
        raise FetchError("dns", f"cannot resolve {host}: {exc}") from None
    try:
        addresses = [ipaddress.ip_address(str(a).split("%")[0]) for a in result]
    except ValueError as exc:
        raise FetchError("dns", f"cannot resolve {host}: {exc}") from None
    if not addresses:
        raise FetchError("dns", f"cannot resolve {host}: no addresses")
    return addresses


class GuardedBackend(httpcore.AsyncNetworkBackend):
    """An httpcore network backend that resolves, vets, then connects to the vetted IP.

    A host is refused if *any* of its addresses is refused, so a name mixing public and
    private addresses cannot be used to reach the private one. TLS still uses the host
    name for SNI and certificate checks (httpcore passes it to ``start_tls``).
    """

    def __init__(self, policy: AddressPolicy, resolver: Resolver | None = None,
                 inner: httpcore.AsyncNetworkBackend | None = None) -> None:
        self.policy = policy
        self.resolver: Resolver = resolver or system_resolver
        self.inner = inner or httpcore.AnyIOBackend()

    async def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                          local_address: str | None = None,
                          socket_options: Iterable[Any] | None = None,
                          ) -> httpcore.AsyncNetworkStream:
        try:
            async with asyncio.timeout(timeout):
                addresses = await resolve(self.resolver, host, port)
        except TimeoutError:
            raise FetchError("dns", f"looking up {host} took more than {timeout:g} s") from None
        for ip in addresses:
            self.policy.check(ip)
        last_error: Exception | None = None
        for ip in addresses:
            try:
                return await self.inner.connect_tcp(
                    str(ip), port, timeout=timeout, local_address=local_address,
                    socket_options=socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last_error = exc
        assert last_error is not None
        raise last_error

    async def connect_unix_socket(self, path: str, timeout: float | None = None,
                                  socket_options: Iterable[Any] | None = None,
                                  ) -> httpcore.AsyncNetworkStream:
        raise FetchError("ssrf", "unix sockets are never used for fetching")

    async def sleep(self, seconds: float) -> None:
        await self.inner.sleep(seconds)
