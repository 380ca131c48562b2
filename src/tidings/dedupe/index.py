"""Find the article a new one copies: LSH candidates, then containment verification.

A copy may be cut to half its length, so Jaccard similarity alone would miss it; the test
is the *containment* of the smaller shingle set in the larger one
(``|A ∩ B| / min(|A|, |B|)``), with a floor on the number of shared shingles so that short
texts never merge on a tiny overlap.

Two verifiers compute it:

* :class:`TextVerifier` re-shingles the stored title and text of each candidate (exact);
* :class:`SignatureVerifier` estimates it from the two stored fingerprints with their set
  sizes (no text needed; ``|A ∩ B| = J (|A| + |B|) / (1 + J)``).
"""
from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np

from .bands import BandStore
from .fingerprint import DEFAULT_PARAMS, Fingerprint, Params
from .normalize import exact_hash, shingle_set, tokens


@dataclass(frozen=True, slots=True)
class Thresholds:
    """When a verified candidate counts as the original of a copy.

    Either most of the smaller text is in the larger (``min_containment`` with at least
    ``min_shared`` shingles), or a long run of shared text makes up at least half of it
    (``loose_containment`` with ``loose_shared`` shingles: a cut-down copy wrapped in the
    copier's own header and footer). Independent reports of one event stay below both.
    A stored text of fewer than ``min_anchor`` shingles (a teaser) is never matched by a
    larger newcomer: two reports sharing a headline and first sentence would both contain it.
    """

    min_containment: float = 0.75
    min_shared: int = 12
    loose_containment: float = 0.5
    loose_shared: int = 60
    min_anchor: int = 40
    max_verify: int = 8
    near_total: float = 0.9
    min_exact_words: int = 10


@dataclass(frozen=True, slots=True)
class Overlap:
    """How much of the smaller article the larger one contains."""

    shared: float
    containment: float
    jaccard: float
    exact: bool = False
    grows: bool = False
    smaller: int = 0


@dataclass(frozen=True, slots=True)
class Match:
    """A stored article that the new one is a copy of."""

    article_id: int
    kind: str
    containment: float
    jaccard: float
    shared: int
    grows: bool = False


@dataclass(slots=True)
class Query:
    """The article being looked up; its shingle set is computed only if a verifier asks."""

    fp: Fingerprint
    title: str = ""
    text: str = ""
    _shingles: np.ndarray | None = field(default=None, repr=False)

    def shingles(self) -> np.ndarray:
        if self._shingles is None and self.fp.shingles is not None:
            self._shingles = self.fp.shingles
        if self._shingles is None:
            self._shingles = shingle_set(tokens(self.title), tokens(self.text), self.fp.params.shingle)
        return self._shingles


class Verifier(Protocol):
    """Measures the overlap of a query with one stored candidate."""

    def overlap(self, query: Query, candidate_id: int) -> Overlap | None: ...


def set_overlap(a: np.ndarray, b: np.ndarray) -> Overlap:
    """Exact overlap of two sorted unique shingle-hash arrays."""
    if not len(a) or not len(b):
        return Overlap(0, 0.0, 0.0)
    shared = len(np.intersect1d(a, b, assume_unique=True))
    union = len(a) + len(b) - shared
    return Overlap(shared, shared / min(len(a), len(b)), shared / union, grows=len(a) > len(b),
                   smaller=min(len(a), len(b)))


def estimate_overlap(a: Fingerprint, b: Fingerprint) -> Overlap:
    """Overlap estimated from MinHash signatures and set sizes.

    When the smaller article is short (a teaser of at most twice the lead's words), the
    lead signatures are compared, since its share of the larger article's whole shingle
    set is too small to measure with the full signatures.
    """
    exact = a.exact_hash == b.exact_hash
    small, large = (a, b) if a.shingle_count <= b.shingle_count else (b, a)
    if not small.shingle_count:
        return Overlap(0, 0.0, 0.0, exact)
    if small.word_count <= 2 * small.params.lead_words and large.lead_count:
        sig_s, sig_l, n_s, n_l = small.lead, large.lead, small.lead_count, large.lead_count
    else:
        sig_s, sig_l, n_s, n_l = small.minhash, large.minhash, small.shingle_count, large.shingle_count
    j = float(np.count_nonzero(sig_s == sig_l)) / len(sig_s)
    shared = j * (n_s + n_l) / (1 + j)
    return Overlap(shared, min(1.0, shared / n_s), j, exact, a.shingle_count > b.shingle_count,
                   small.shingle_count)


class TextVerifier:
    """Exact containment from the stored title and text of each candidate.

    ``get_text(article_id)`` returns ``(title, text)`` or None; recent candidates' shingle
    sets are kept in a small LRU cache.
    """

    def __init__(self, get_text: Callable[[int], tuple[str, str] | None],
                 params: Params = DEFAULT_PARAMS, cache_size: int = 4096) -> None:
        self.get_text = get_text
        self.params = params
        self.cache_size = cache_size
        self._cache: OrderedDict[int, tuple[str, np.ndarray]] = OrderedDict()

    def _load(self, article_id: int) -> tuple[str, np.ndarray] | None:
        hit = self._cache.get(article_id)
        if hit is not None:
            self._cache.move_to_end(article_id)
            return hit
        found = self.get_text(article_id)
        if found is None:
            return None
        title_words, text_words = tokens(found[0] or ""), tokens(found[1] or "")
        hit = (exact_hash(title_words, text_words, self.params.short_words),
               shingle_set(title_words, text_words, self.params.shingle))
        self._remember(article_id, hit)
        return hit

    def _remember(self, article_id: int, hit: tuple[str, np.ndarray]) -> None:
        self._cache[article_id] = hit
        if len(self._cache) > self.cache_size:
            self._cache.popitem(last=False)

    def remember(self, article_id: int, fp: Fingerprint) -> None:
        """Cache a just-fingerprinted article's shingles (saves re-reading its text)."""
        if fp.shingles is not None:
            self._remember(article_id, (fp.exact_hash, fp.shingles))

    def clear(self) -> None:
        """Forget every cached candidate."""
        self._cache.clear()

    def overlap(self, query: Query, candidate_id: int) -> Overlap | None:
        """Exact overlap of the query with the candidate's stored text."""
        loaded = self._load(candidate_id)
        if loaded is None:
            return None
        ov = set_overlap(query.shingles(), loaded[1])
        return Overlap(ov.shared, ov.containment, ov.jaccard, loaded[0] == query.fp.exact_hash,
                       ov.grows, ov.smaller)


class SignatureVerifier:
    """Estimated containment from stored fingerprints (``get_fingerprint(id)``)."""

    def __init__(self, get_fingerprint: Callable[[int], Fingerprint | None]) -> None:
        self.get_fingerprint = get_fingerprint

    def overlap(self, query: Query, candidate_id: int) -> Overlap | None:
        """Overlap estimated from the two signatures."""
        other = self.get_fingerprint(candidate_id)
        return None if other is None else estimate_overlap(query.fp, other)


class CopyIndex:
    """Index of stored articles' band keys that answers "what is this a copy of?".

    Cost per lookup is bounded: one band-store query for ``fp.band_keys`` and at most
    ``thresholds.max_verify`` verifications, whatever the number of stored articles.
    """

    def __init__(self, bands: BandStore, verifier: Verifier,
                 thresholds: Thresholds = Thresholds()) -> None:
        self.bands = bands
        self.verifier = verifier
        self.thresholds = thresholds

    def find_original(self, fp: Fingerprint, title: str = "", text: str = "") -> Match | None:
        """The best verified stored article that ``fp`` copies (or is copied by), or None."""
        if fp.empty:
            return None
        hits = self.bands.candidates(fp.band_keys)
        if not hits:
            return None
        query = Query(fp, title, text)
        ranked = sorted(hits, key=lambda i: (-hits[i], i))[: self.thresholds.max_verify]
        best: tuple[tuple, Match] | None = None
        for cid in ranked:
            match = self._verify(query, cid)
            if match is None:
                continue
            rank = (match.kind == "exact", match.containment, match.shared)
            if best is None or rank > best[0]:
                best = (rank, match)
            if match.kind == "exact":
                break
        return best[1] if best else None

    def _verify(self, query: Query, cid: int) -> Match | None:
        ov = self.verifier.overlap(query, cid)
        if ov is None:
            return None
        t = self.thresholds
        if ov.exact and query.fp.word_count >= t.min_exact_words:
            return Match(cid, "exact", 1.0, 1.0, int(round(ov.shared)))
        strict = ov.containment >= t.min_containment and ov.shared >= t.min_shared
        loose = ov.containment >= t.loose_containment and ov.shared >= t.loose_shared
        if not (strict or loose) or (ov.grows and ov.smaller < t.min_anchor):
            return None
        return Match(cid, "near", ov.containment, ov.jaccard, int(round(ov.shared)), ov.grows)

    def add(self, article_id: int, fp: Fingerprint) -> None:
        """Index a stored article under its band keys."""
        if not fp.empty:
            self.bands.add(article_id, fp.band_keys)

    def worth_indexing(self, match: Match | None) -> bool:
        """Whether a new article adds anything to the index.

        Not when it is an exact or near-total duplicate, nor when it is smaller than what
        it copies (a teaser or a cut-down copy adds no text, and indexing it would let a
        different report that happens to contain the same lead match it).
        """
        if match is None:
            return True
        return match.kind != "exact" and match.grows and match.jaccard < self.thresholds.near_total
