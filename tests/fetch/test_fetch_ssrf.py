"""SSRF guard end to end: nothing private is reached unless allowed, on any hop."""
from __future__ import annotations

import asyncio

import pytest

from tidings.fetch import Fetcher, FetchSettings
from tidings.models import FetchError


def get(settings, url, resolver=None):
    async def main():
        async with Fetcher(settings, resolver=resolver) as fetcher:
            return await fetcher.get(url)
    return asyncio.run(main())


def refused(settings, url, resolver=None) -> FetchError:
    with pytest.raises(FetchError) as err:
        get(settings, url, resolver)
    return err.value


def test_loopback_is_refused_by_default_without_any_connection(server):
    server.route("/", b"secret")
    err = refused(FetchSettings(), server.url("/"))
    assert err.kind == "ssrf" and "127.0.0.1" in err.message
    assert "TIDINGS_ALLOW_PRIVATE_NETWORKS=1" in err.message
    assert server.connections == 0 and server.requests == []


@pytest.mark.parametrize("address", ["10.0.0.1", "192.168.1.1", "169.254.169.254", "::1",
                                     "127.0.0.1", "::ffff:127.0.0.1"])
def test_names_resolving_to_private_addresses_are_refused(server, address):
    asked = []

    def resolver(host, port):
        asked.append(host)
        return [address]
    err = refused(FetchSettings(), f"http://evil.test:{server.port}/", resolver)
    assert err.kind == "ssrf" and address in err.message
    assert asked == ["evil.test"] and server.connections == 0


def test_allow_private_reaches_loopback(server):
    server.route("/", b"hello")
    page = get(FetchSettings(allow_private=True), server.url("/"))
    assert page.text == "hello" and len(server.page_hits()) == 1


def test_allow_private_from_environment(server, monkeypatch):
    server.route("/", b"hello")
    monkeypatch.setenv("TIDINGS_ALLOW_PRIVATE_NETWORKS", "1")
    assert get(FetchSettings.from_env(), server.url("/")).text == "hello"


def test_stub_resolver_name_reaches_allowed_loopback(server, loopback):
    server.route("/", b"via name")
    page = get(loopback, f"http://site.test:{server.port}/", lambda h, p: ["127.0.0.1"])
    assert page.text == "via name"
    assert server.hits("/")[0].headers["Host"] == f"site.test:{server.port}"


def test_redirect_to_private_ip_literal_is_refused(server, loopback):
    server.route("/hop", status=302, headers={"Location": "http://10.0.0.1/admin"})
    err = refused(loopback, server.url("/hop"))
    assert err.kind == "ssrf" and "10.0.0.1" in err.message
    assert err.url == "http://10.0.0.1/admin"


def test_redirect_to_name_resolving_private_is_refused_at_connect(server, loopback):
    server.route("/hop", status=302, headers={"Location": "http://internal.test/"})
    asked = []

    def resolver(host, port):
        asked.append(host)
        return {"internal.test": ["10.0.0.1"]}.get(host, ["127.0.0.1"])
    err = refused(loopback, server.url("/hop"), resolver)
    assert err.kind == "ssrf" and asked == ["internal.test"]


def test_dns_rebinding_is_caught_on_the_second_connection(server, loopback):
    """The resolver first answers an allowed address, then a private one: refused."""
    answers = iter([["127.0.0.1"], ["10.0.0.1"]])
    server.route("/a", status=302, headers={"Location": f"http://other.test:{server.port}/b",
                                            "Connection": "close"})

    def resolver(host, port):
        return next(answers)
    err = refused(FetchSettings(allowed_networks=("127.0.0.0/8",), respect_robots=False),
                  f"http://site.test:{server.port}/a", resolver)
    assert err.kind == "ssrf" and len(server.page_hits()) == 1


@pytest.mark.parametrize("url", ["http://2130706433:{port}/", "http://127.1:{port}/"])
def test_odd_spellings_of_loopback_are_refused(server, url):
    err = refused(FetchSettings(), url.format(port=server.port))
    assert err.kind == "ssrf" and server.connections == 0


def test_non_http_scheme_in_redirect_is_refused(server, loopback):
    server.route("/hop", status=302, headers={"Location": "file:///etc/passwd"})
    assert refused(loopback, server.url("/hop")).kind == "invalid"
