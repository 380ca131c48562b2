"""Fingerprints of an article: exact hash, MinHash signatures and LSH band keys.

Two MinHash signatures (datasketch, ``affine32`` scheme, so each value is a uint32):

* ``minhash`` over every word shingle of title and text — finds copies of the whole text,
  edited or cut down to about half;
* ``lead`` over the shingles of the title and the first ``lead_words`` words — finds short
  teasers, whose overlap with the full article is too small a share of its shingles for
  the first signature's bands.

Band keys are signed 64-bit integers (one database row each): the exact hash, then
``bands`` keys from ``minhash`` and ``lead_bands`` keys from ``lead``.
"""
from __future__ import annotations

import struct
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import xxhash
from datasketch import MinHash

from .normalize import exact_hash, shingle_hashes, shingle_set, tokens


@dataclass(frozen=True, slots=True)
class Params:
    """Shingle size, signature sizes and LSH banding (``bands * rows <= num_perm``)."""

    shingle: int = 5
    num_perm: int = 128
    bands: int = 20
    rows: int = 2
    lead_words: int = 25
    lead_perm: int = 32
    lead_bands: int = 16
    lead_rows: int = 2
    short_words: int = 40
    seed: int = 7

    @property
    def key_count(self) -> int:
        """How many band keys (database rows) one article takes."""
        return 1 + self.bands + self.lead_bands


DEFAULT_PARAMS = Params()

_MAGIC = b"TDF1"
_HEADER = struct.Struct("<4sBHHBBBBIII16s")
_INT64 = 1 << 63


@dataclass(slots=True, eq=False)
class Fingerprint:
    """What copy detection keeps of one article (``to_bytes`` for an ``articles.minhash`` BLOB).

    ``shingles`` (the sorted shingle hashes) is only kept in memory, for verification of
    the lookup that follows; it is not serialised.
    """

    exact_hash: str
    minhash: np.ndarray
    lead: np.ndarray
    shingle_count: int
    lead_count: int
    word_count: int
    params: Params = DEFAULT_PARAMS
    band_keys: list[int] = field(default_factory=list)
    shingles: np.ndarray | None = field(default=None, repr=False)

    @property
    def empty(self) -> bool:
        """True for an article with neither title nor text: it matches nothing."""
        return self.shingle_count == 0

    def to_bytes(self) -> bytes:
        """Serialise (header, exact hash, both signatures as little-endian uint32)."""
        p = self.params
        head = _HEADER.pack(_MAGIC, p.shingle, p.num_perm, p.lead_perm, p.bands, p.rows,
                            p.lead_bands, p.lead_rows, self.shingle_count, self.lead_count,
                            self.word_count, bytes.fromhex(self.exact_hash))
        body = self.minhash.astype("<u4").tobytes() + self.lead.astype("<u4").tobytes()
        return head + body

    @classmethod
    def from_bytes(cls, data: bytes, params: Params = DEFAULT_PARAMS) -> "Fingerprint":
        """Inverse of :meth:`to_bytes`; ``params`` supplies the values not stored in the blob."""
        (magic, k, num_perm, lead_perm, bands, rows, lead_bands, lead_rows, count, lead_count,
         words, digest) = _HEADER.unpack_from(data)
        if magic != _MAGIC:
            raise ValueError("not a tidings fingerprint")
        p = Params(shingle=k, num_perm=num_perm, bands=bands, rows=rows, lead_words=params.lead_words,
                   lead_perm=lead_perm, lead_bands=lead_bands, lead_rows=lead_rows,
                   short_words=params.short_words, seed=params.seed)
        arr = np.frombuffer(data, dtype="<u4", offset=_HEADER.size).astype(np.uint32)
        if len(arr) != num_perm + lead_perm:
            raise ValueError("truncated fingerprint")
        fp = cls(digest.hex(), arr[:num_perm], arr[num_perm:], count, lead_count, words, p)
        fp.band_keys = band_keys(fp)
        return fp


def _identity(value):
    return value


@lru_cache(maxsize=8)
def _permutations(num_perm: int, seed: int) -> np.ndarray:
    return MinHash(num_perm=num_perm, seed=seed).permutations


def minhash(hashes: np.ndarray, num_perm: int, seed: int) -> np.ndarray:
    """MinHash signature (uint32[num_perm]) of a set of 32-bit shingle hashes."""
    m = MinHash(num_perm=num_perm, seed=seed, hashfunc=_identity,
                permutations=_permutations(num_perm, seed), scheme="affine32")
    if len(hashes):
        m.update_batch(hashes)
    return m.hashvalues


def to_int64(value: int) -> int:
    """Map an unsigned 64-bit hash onto a signed BIGINT."""
    return value - (1 << 64) if value >= _INT64 else value


def _bands(sig: np.ndarray, bands: int, rows: int, salt: int) -> list[int]:
    raw = sig[: bands * rows].astype("<u4").tobytes()
    width = rows * 4
    h64 = xxhash.xxh64_intdigest
    return [to_int64(h64(raw[i * width:(i + 1) * width], seed=salt + i)) for i in range(bands)]


def band_keys(fp: Fingerprint) -> list[int]:
    """The LSH keys of a fingerprint: exact hash, ``minhash`` bands, ``lead`` bands."""
    if fp.empty:
        return []
    p = fp.params
    keys = [to_int64(int(fp.exact_hash[:16], 16))]
    keys += _bands(fp.minhash, p.bands, p.rows, salt=1000)
    if fp.lead_count:
        keys += _bands(fp.lead, p.lead_bands, p.lead_rows, salt=2000)
    return keys


def fingerprint(title: str, text: str, params: Params = DEFAULT_PARAMS) -> Fingerprint:
    """Fingerprint an article from its title and plain text (markup is tolerated)."""
    title_words, text_words = tokens(title or ""), tokens(text or "")
    shingles = shingle_set(title_words, text_words, params.shingle)
    lead = lead_shingles(title_words, text_words, params)
    fp = Fingerprint(
        exact_hash=exact_hash(title_words, text_words, params.short_words),
        minhash=minhash(shingles, params.num_perm, params.seed),
        lead=minhash(lead, params.lead_perm, params.seed + 1),
        shingle_count=len(shingles),
        lead_count=len(lead),
        word_count=len(title_words) + len(text_words),
        params=params,
        shingles=shingles,
    )
    fp.band_keys = band_keys(fp)
    return fp


def lead_shingles(title_words: list[str], text_words: list[str], params: Params) -> np.ndarray:
    """Shingle hashes of the title and the first ``lead_words`` words of the text."""
    k = params.shingle
    head = text_words[: params.lead_words]
    return np.unique(np.concatenate([shingle_hashes(title_words, k), shingle_hashes(head, k)]))
