"""Reading a response body under caps: size, decompressed size, compression ratio.

We ask for ``gzip, deflate`` only, read the raw bytes and inflate them ourselves in
bounded steps, so a gzip bomb is refused after a few megabytes, with bounded memory.
"""
from __future__ import annotations

import zlib
from typing import AsyncIterator

from tidings.models import FetchError

ACCEPT_ENCODING = "gzip, deflate"
_STEP = 256 * 1024          # inflate at most this much per call
_RATIO_FLOOR = 1 * 2**20    # the ratio cap applies once this much is inflated


def _mib(n: int) -> str:
    return f"{n / 2**20:.1f} MiB"


class BodyDecoder:
    """Accumulates a body from raw chunks, enforcing caps as the bytes arrive.

    ``feed`` raises ``FetchError("too_large")`` once more than ``max_bytes`` raw bytes
    came in, and ``FetchError("bomb")`` when the inflated body passes ``max_bytes`` or
    inflates more than ``max_ratio`` times its compressed size.
    """

    def __init__(self, content_encoding: str | None, max_bytes: int, max_ratio: float) -> None:
        self.coding = _single_coding(content_encoding)
        self.max_bytes = max_bytes
        self.max_ratio = max_ratio
        self.raw_len = 0
        self.consumed = 0
        self.out_len = 0
        self._chunks: list[bytes] = []
        self._z: "zlib._Decompress | None" = None

    def feed(self, raw: bytes) -> None:
        """Take the next raw (still encoded) chunk."""
        self.raw_len += len(raw)
        if self.raw_len > self.max_bytes:
            raise FetchError("too_large", f"body is larger than {_mib(self.max_bytes)}")
        if self.coding == "identity":
            self._append(raw)
        elif raw:
            self._inflate(raw)

    def finish(self) -> bytes:
        """The whole decoded body; raises ``FetchError("truncated")`` if a stream ended early."""
        if self.coding != "identity" and self.raw_len and not (self._z and self._z.eof):
            raise FetchError("truncated", f"{self.coding} body ends before its end marker")
        body = b"".join(self._chunks)
        self._chunks = []
        return body

    def _inflate(self, data: bytes) -> None:
        if self._z is None:
            self._z = zlib.decompressobj(_wbits(self.coding, data))
        while True:
            if self._z.eof:
                data = self._z.unused_data + data
                if self.coding != "gzip" or not data.startswith(b"\x1f\x8b"):
                    return  # trailing junk after the stream: ignore it
                self._z = zlib.decompressobj(_wbits("gzip", data))  # next gzip member
            try:
                out = self._z.decompress(data, _STEP)
            except zlib.error as exc:
                raise FetchError("invalid", f"cannot decompress {self.coding} body: {exc}") from None
            self.consumed += len(data) - len(self._z.unconsumed_tail)
            self._append(out)
            data = self._z.unconsumed_tail
            if self._z.eof:
                if not self._z.unused_data:
                    return
            elif not data and len(out) < _STEP:
                return

    def _append(self, out: bytes) -> None:
        if not out:
            return
        self.out_len += len(out)
        if self.coding != "identity":
            self._check_bomb()
        self._chunks.append(out)

    def _check_bomb(self) -> None:
        if self.out_len > self.max_bytes:
            raise FetchError("bomb", f"{self.coding} body inflates past {_mib(self.max_bytes)}")
        if self.out_len > _RATIO_FLOOR and self.out_len > self.max_ratio * max(self.consumed, 1):
            raise FetchError("bomb", f"{self.coding} body inflates more than "
                                     f"{self.max_ratio:g}x (compression bomb?)")


async def read_body(chunks: AsyncIterator[bytes], decoder: BodyDecoder) -> bytes:
    """Feed every raw chunk to ``decoder`` and return the decoded body."""
    async for raw in chunks:
        decoder.feed(raw)
    return decoder.finish()


def _single_coding(header: str | None) -> str:
    codings = [c.strip().lower() for c in (header or "").split(",") if c.strip()]
    codings = [c for c in codings if c != "identity"]
    if not codings:
        return "identity"
    if len(codings) > 1:
        raise FetchError("invalid", f"unsupported stacked content-encoding {header!r}")
    coding = {"x-gzip": "gzip"}.get(codings[0], codings[0])
    if coding not in ("gzip", "deflate"):
        raise FetchError("invalid", f"unsupported content-encoding {coding!r}")
    return coding


def _wbits(coding: str, first: bytes) -> int:
    if coding == "gzip":
        return 16 + zlib.MAX_WBITS
    # "deflate" should be zlib-wrapped, but some servers send raw deflate.
    if len(first) >= 2 and first[0] & 0x0F == 8 and ((first[0] << 8) | first[1]) % 31 == 0:
        return zlib.MAX_WBITS
    return -zlib.MAX_WBITS
