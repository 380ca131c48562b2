"""Site templates learned across pages: blocks that recur on a host are boilerplate.

A single page cannot tell an aggregator's pasted disclaimer from article text; many pages
of one host can. For each host we count, per block (normalised paragraph), on how many
distinct pages it appeared and the host's page ordinals when it was first and last seen.

A block is boilerplate on a host when all hold:

* the host has at least ``min_host_pages`` learned pages;
* the block was seen on at least ``min_pages`` pages (``min_pages_quoted`` when it holds
  quotation marks — quotes are what articles legitimately share);
* it appeared on at least ``min_fraction`` of the host's pages *between its first and last
  sighting* — so a block that starts with a new template counts from then on (templates
  change), and a block that stopped appearing keeps its verdict (old pages stay clean).

A page on which most long paragraphs look like boilerplate is a near-duplicate (an update
of a story the host already published), not a template: its long paragraphs are kept.

Numbers (defaults): a quote shared by 2 of 30 pages survives (2 < 3 pages); the same quote
on 3 *consecutive* pages survives too (quoted: needs 5); a disclaimer on 28 of 30 pages goes
(28 ≥ 3 and 28/30 ≥ 0.4); a site with only 3 pages loses a block that is on all 3.

Memory is bounded per host: blocks seen once are forgotten after ~30 more pages, any block after
300 pages without it, and a host never holds more than ``max_blocks_per_host`` records (the
least useful go first: :meth:`SiteTemplates.evict`); pages already learned are remembered by
hash, the last 25,000-50,000 of them.
"""
from __future__ import annotations

import hashlib
import heapq
import re
from collections.abc import Sequence
from dataclasses import dataclass

from tidings.extract.blockstats import HOST_ROW, BlockRecord, BlockStats, MemoryBlockStats

_LETTERS = re.compile(r"[^\W\d_]+")
_QUOTES = re.compile(r"[“”„«»「」『』‹›\"]")
_PARAGRAPHS = re.compile(r"\n\s*\n")


@dataclass(slots=True)
class TemplatePolicy:
    """Thresholds of :class:`SiteTemplates` (see the module docstring)."""

    min_host_pages: int = 3
    min_pages: int = 3
    min_pages_quoted: int = 5
    min_fraction: float = 0.4
    long_chars: int = 150
    near_duplicate_share: float = 0.6
    near_duplicate_min: int = 3
    # Blocks seen once (most are article paragraphs) are forgotten after this many more pages of
    # the host: one that came back later could not reach ``min_fraction`` from its first
    # sighting anyway. They are most of the records, so this bounds memory per host (~40 pages).
    prune_every: int = 10
    forget_singletons_after: int = 30
    # Any block unseen for this many pages of its host is forgotten too: a template block
    # recurs, so one this quiet is not one (any more), and if it comes back it is learned again
    # in ``min_pages``. Without it, blocks seen a few times (a related link, a quote carried by
    # a few reports) would pile up for as long as the site is followed.
    forget_unseen_after: int = 300
    # A host keeps at most this many block records, whatever its pages carry (many one-off
    # related links or quotes, which ``forget_unseen_after`` keeps for hundreds of pages): past
    # it, the least useful records go until a tenth of the cap is free — see
    # :meth:`SiteTemplates.evict` for the order. 1,000 holds ~40 pages of a site with 25 blocks
    # a page, more than the singletons kept; about 0.1 MB a host.
    max_blocks_per_host: int = 1_000


def block_key(text: str) -> str:
    """Normalised form of a block: lower-case letters only (digits and punctuation dropped)."""
    return " ".join(_LETTERS.findall(text.casefold()))


def fingerprint(text: str) -> int:
    """Signed 64-bit hash of :func:`block_key`; never 0 (0 is the host counter row); 0 if empty."""
    key = block_key(text)
    if not key:
        return 0
    value = int.from_bytes(hashlib.blake2b(key.encode(), digest_size=8).digest(), "big", signed=True)
    return value or 1


class RecentKeys:
    """The keys added lately — between the last ``size / 2`` and ``size`` of them — kept as
    hashes (a page's URL costs 8 bytes, not its text) in two halves: when the newer half is
    full, the older one is dropped, so what is remembered never falls to nothing."""

    def __init__(self, size: int) -> None:
        self._half = max(1, size // 2)
        self._new: set[int] = set()
        self._old: set[int] = set()

    def add(self, key: object) -> bool:
        """Remember ``key``; False if it was remembered already."""
        h = hash(key)
        if h in self._new or h in self._old:
            return False
        if len(self._new) >= self._half:
            self._old, self._new = self._new, set()
        self._new.add(h)
        return True

    def __len__(self) -> int:
        return len(self._new) + len(self._old)


class SiteTemplates:
    """Learns per-host boilerplate blocks and removes them from articles."""

    def __init__(self, stats: BlockStats | None = None, policy: TemplatePolicy | None = None,
                 remember_pages: int = 50_000) -> None:
        self.stats: BlockStats = stats if stats is not None else MemoryBlockStats()
        self.policy = policy or TemplatePolicy()
        self.seen = RecentKeys(remember_pages)

    def observe(self, host: str, texts: Sequence[str], page_key: str = "") -> bool:
        """Learn one page of ``host`` from its block texts; False if ``page_key`` was seen."""
        if not host:
            return False
        if page_key and not self.seen.add((host, page_key)):
            return False
        hashes = {h for h in map(fingerprint, texts) if h}
        ordinal = self.stats.add_page(host)
        known = self.stats.lookup(host, hashes)
        updates = {}
        for h in hashes:
            old = known.get(h)
            updates[h] = (BlockRecord(old.pages + 1, old.first_seen, ordinal) if old
                          else BlockRecord(1, ordinal, ordinal))
        self.stats.store(host, updates)
        if ordinal % self.policy.prune_every == 0:
            self.prune(host)
        if self.stats.count(host) > self.policy.max_blocks_per_host:
            self.evict(host)
        return True

    def verdicts(self, host: str, texts: Sequence[str]) -> list[bool]:
        """For each text: is it learned boilerplate of ``host``?"""
        p = self.policy
        if not host or self.stats.host_pages(host) < p.min_host_pages:
            return [False] * len(texts)
        hashes = [fingerprint(t) for t in texts]
        known = self.stats.lookup(host, {h for h in hashes if h})
        flags = [bool(h) and h in known and self._boilerplate(known[h], t)
                 for h, t in zip(hashes, texts)]
        return self._guard_near_duplicate(texts, flags)

    def is_boilerplate(self, host: str, text: str) -> bool:
        """Whether one block is learned boilerplate of ``host``."""
        return self.verdicts(host, [text])[0]

    def process(self, host: str, raw: Sequence, blocks: Sequence, page_key: str = "",
                learn: bool = True) -> list:
        """Learn from ``raw`` blocks (if ``learn``) and return ``blocks`` without boilerplate."""
        if learn:
            self.observe(host, [b.text for b in raw], page_key)
        flags = self.verdicts(host, [b.text for b in blocks])
        return [b for b, flag in zip(blocks, flags) if not flag]

    def prune(self, host: str) -> int:
        """Forget blocks seen once long ago (article paragraphs) and blocks not seen for a long
        time; return how many."""
        now = self.stats.host_pages(host)
        once = now - self.policy.forget_singletons_after
        unseen = now - self.policy.forget_unseen_after
        stale = [h for h, r in self.stats.records(host).items()
                 if h != HOST_ROW and (r.last_seen < unseen or (r.pages == 1 and r.last_seen < once))]
        self.stats.forget(host, stale)
        return len(stale)

    def evict(self, host: str) -> int:
        """Forget the least useful records of ``host`` until a tenth of its cap
        (``max_blocks_per_host``) is free; return how many.

        Order: first the blocks on the smallest share of the host's pages since their first
        sighting (seen least, or long ago: a paragraph of one article, a related link of last
        month), then, on a tie, the one seen longest ago; a block that is boilerplate now (for
        an unquoted text) goes only after every other.
        """
        records = self.stats.records(host)
        records.pop(HOST_ROW, None)
        cap = self.policy.max_blocks_per_host
        excess = len(records) - (cap - cap // 10)
        if excess <= 0:
            return 0
        now = self.stats.host_pages(host)
        least = heapq.nsmallest(excess, records.items(), key=lambda item: self._usefulness(item[1], now))
        self.stats.forget(host, [h for h, _ in least])
        return len(least)

    def _usefulness(self, record: BlockRecord, now: int) -> tuple[bool, float, int]:
        share = record.pages / max(1, now - record.first_seen + 1)
        return self._learned(record, self.policy.min_pages), share, record.last_seen

    def _boilerplate(self, record: BlockRecord, text: str) -> bool:
        p = self.policy
        return self._learned(record, p.min_pages_quoted if _QUOTES.search(text) else p.min_pages)

    def _learned(self, record: BlockRecord, need: int) -> bool:
        if record.pages < need:
            return False
        active = record.last_seen - record.first_seen + 1
        return record.pages >= self.policy.min_fraction * active

    def _guard_near_duplicate(self, texts: Sequence[str], flags: list[bool]) -> list[bool]:
        p = self.policy
        long_idx = [i for i, t in enumerate(texts) if len(t) >= p.long_chars]
        flagged = [i for i in long_idx if flags[i]]
        if len(flagged) >= p.near_duplicate_min and len(flagged) >= p.near_duplicate_share * len(long_idx):
            for i in flagged:
                flags[i] = False
        return flags


def clean_text(text: str, host: str, templates: SiteTemplates) -> str:
    """Drop learned boilerplate paragraphs of ``host`` from already-extracted ``text``.

    Paragraphs are separated by blank lines, as in :attr:`Extracted.text`. Cheap: one hash
    per paragraph and one lookup; nothing is learned.
    """
    paragraphs = [p.strip() for p in _PARAGRAPHS.split(text or "") if p.strip()]
    flags = templates.verdicts(host, paragraphs)
    return "\n\n".join(p for p, flag in zip(paragraphs, flags) if not flag)
