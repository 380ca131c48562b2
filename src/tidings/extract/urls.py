"""Canonical URLs: the key under which the same article is recognised across links."""
from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import parse_qsl, quote, unquote, urlencode, urljoin, urlsplit, urlunsplit

# Query parameters that only say who sent the reader, never which page it is.
TRACKING_PARAMS = frozenset({
    "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid",
    "ttclid", "li_fat_id", "igshid", "mc_cid", "mc_eid", "mkt_tok", "_hsenc", "_hsmi",
    "oly_anon_id", "oly_enc_id", "vero_id", "wickedid", "rb_clickid", "s_cid", "cmpid",
    "ncid", "ocid", "sr_share", "spm", "scid", "ref_src", "ref_url", "at_medium",
    "at_campaign", "at_custom1", "at_custom2", "at_custom3", "at_custom4", "__twitter_impression",
    "smid", "smtyp", "_ga", "_gl", "ito", "utm",
})
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "hsa_", "itm_", "__s", "ga_", "stm_")
_DEFAULT_PORTS = {"http": "80", "https": "443"}
_SAFE_PATH = "/%:@!$&'()*+,;=-._~"


def is_tracking_param(name: str) -> bool:
    """True for a query parameter used only for click tracking (``utm_*``, ``fbclid``...)."""
    lowered = name.lower()
    return lowered in TRACKING_PARAMS or lowered.startswith(TRACKING_PREFIXES)


@lru_cache(maxsize=4096)  # pages resolve the same few URLs several times
def canonicalize_url(url: str, base: str = "") -> str:
    """Return the canonical form of ``url``: the key used to recognise the same page.

    Resolves ``url`` against ``base``; lower-cases scheme and host; drops the default port,
    user info, the fragment and tracking parameters (``utm_*``, ``fbclid``, ``gclid``...);
    keeps the remaining parameters in their order; normalises percent-escapes; an empty
    path becomes ``/``. Anything that is not an http(s) URL is returned stripped, unchanged.
    """
    url = (url or "").strip()
    try:
        if base:
            url = urljoin(base, url)
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return url
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname:
        return url
    host = parts.hostname.rstrip(".").lower()
    if ":" in host:
        host = f"[{host}]"
    if port is not None and str(port) != _DEFAULT_PORTS[scheme]:
        host = f"{host}:{port}"
    path = quote(unquote(parts.path), safe=_SAFE_PATH) or "/"
    path = re.sub(r"/{2,}", "/", path)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if not is_tracking_param(k)]
    return urlunsplit((scheme, host, path, urlencode(query, quote_via=quote), ""))


def is_http_url(url: str) -> bool:
    """True for a well-formed absolute http(s) URL with a host."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises on a malformed port
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def host_of(url: str) -> str:
    """Host name of ``url`` in lower case without a leading ``www.``; empty if none."""
    try:
        host = (urlsplit(url.strip()).hostname or "").rstrip(".").lower()
    except ValueError:
        return ""
    return host[4:] if host.startswith("www.") else host


def same_site(a: str, b: str) -> bool:
    """True when two hosts belong to one site (equal, or one a subdomain of the other)."""
    a, b = host_of(a) if "/" in a else a, host_of(b) if "/" in b else b
    if not a or not b:
        return True
    return a == b or a.endswith("." + b) or b.endswith("." + a)
