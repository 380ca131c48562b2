"""The SSRF guard: address classification, URL checks, and refusal before connecting."""
from __future__ import annotations

import asyncio

import httpcore
import pytest

from tidings.fetch.guard import AddressPolicy, GuardedBackend, check_url, is_public_ip
from tidings.models import FetchError

PRIVATE = [
    "127.0.0.1", "127.255.0.9", "10.0.0.1", "172.16.5.4", "192.168.1.1", "169.254.169.254",
    "100.64.0.1", "0.0.0.0", "0.1.2.3", "224.0.0.1", "239.255.255.250", "255.255.255.255",
    "192.0.0.8", "198.18.0.1", "240.0.0.1", "::1", "::", "fc00::1", "fd12:3456::1", "fe80::1",
    "ff02::1", "::ffff:10.0.0.1", "::ffff:127.0.0.1", "64:ff9b::a9fe:a9fe", "2002:a00:1::1",
    "::127.0.0.1", "2001:db8::1",
]
PUBLIC = ["8.8.8.8", "93.184.216.34", "1.1.1.1", "2606:4700:4700::1111", "2a00:1450::1",
          "::ffff:8.8.8.8", "2002:808:808::1"]


@pytest.mark.parametrize("ip", PRIVATE)
def test_private_and_special_addresses_are_not_public(ip):
    assert not is_public_ip(ip)
    assert not AddressPolicy().allows(ip)


@pytest.mark.parametrize("ip", PUBLIC)
def test_global_unicast_addresses_are_public(ip):
    assert is_public_ip(ip)


def test_allowed_networks_open_only_those_blocks():
    policy = AddressPolicy.from_settings(False, ["127.0.0.0/8"])
    assert policy.allows("127.0.0.1") and policy.allows("::ffff:127.0.0.1")
    assert not policy.allows("10.0.0.1") and not policy.allows("::1")
    assert AddressPolicy(allow_private=True).allows("10.0.0.1")


@pytest.mark.parametrize("url, kind", [
    ("ftp://example.org/x", "invalid"), ("file:///etc/passwd", "invalid"),
    ("gopher://example.org/", "invalid"), ("http://user:pw@example.org/", "invalid"),
    ("http:///nohost", "invalid"), ("http://example.org:99999/", "invalid"),
    ("http://10.0.0.1/", "ssrf"), ("http://[::1]:8080/", "ssrf"),
    ("http://169.254.169.254/latest/meta-data/", "ssrf"), ("http://[::ffff:10.0.0.1]/", "ssrf"),
])
def test_check_url_refuses(url, kind):
    with pytest.raises(FetchError) as err:
        check_url(url, AddressPolicy())
    assert err.value.kind == kind


def test_ssrf_message_names_address_and_switch():
    with pytest.raises(FetchError) as err:
        check_url("http://10.0.0.1/", AddressPolicy())
    assert str(err.value) == ("ssrf: refusing to fetch private address 10.0.0.1 "
                              "(set TIDINGS_ALLOW_PRIVATE_NETWORKS=1 to allow)")


def test_check_url_accepts_public_http_and_https():
    check_url("https://example.org:8443/feed?x=1", AddressPolicy())
    check_url("HTTP://Example.org/", AddressPolicy())


class RecordingBackend(httpcore.AsyncNetworkBackend):
    """Stands in for the socket layer only to prove no connection was attempted."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, int]] = []

    async def connect_tcp(self, host, port, timeout=None, local_address=None,
                          socket_options=None):
        self.calls.append((host, port))
        raise httpcore.ConnectError("recording backend does not connect")


@pytest.mark.parametrize("addresses", [
    ["10.0.0.1"], ["192.168.1.1"], ["169.254.169.254"], ["::1"], ["127.0.0.1"],
    ["93.184.216.34", "10.0.0.1"],  # one bad address taints the name
])
def test_backend_refuses_resolved_private_address_before_connecting(addresses):
    inner = RecordingBackend()
    backend = GuardedBackend(AddressPolicy(), lambda host, port: addresses, inner)
    with pytest.raises(FetchError) as err:
        asyncio.run(backend.connect_tcp("evil.test", 80))
    assert err.value.kind == "ssrf" and inner.calls == []


def test_backend_connects_to_the_vetted_ip_not_the_name():
    inner = RecordingBackend()

    async def resolver(host, port):
        return ["127.0.0.5", "127.0.0.6"]
    backend = GuardedBackend(AddressPolicy.from_settings(False, ["127.0.0.0/8"]), resolver, inner)
    with pytest.raises(httpcore.ConnectError):
        asyncio.run(backend.connect_tcp("site.test", 8080))
    assert inner.calls == [("127.0.0.5", 8080), ("127.0.0.6", 8080)]


def test_backend_reports_resolution_failure_as_dns():
    def resolver(host, port):
        raise OSError("Name or service not known")
    backend = GuardedBackend(AddressPolicy(), resolver, RecordingBackend())
    with pytest.raises(FetchError) as err:
        asyncio.run(backend.connect_tcp("nowhere.test", 80))
    assert err.value.kind == "dns" and "nowhere.test" in err.value.message


def test_slow_resolution_is_bounded_by_the_connect_timeout():
    async def resolver(host, port):
        await asyncio.sleep(5)
        return ["127.0.0.1"]
    backend = GuardedBackend(AddressPolicy(), resolver, RecordingBackend())
    with pytest.raises(FetchError) as err:
        asyncio.run(backend.connect_tcp("slow.test", 80, timeout=0.1))
    assert err.value.kind == "dns" and "0.1 s" in err.value.message
