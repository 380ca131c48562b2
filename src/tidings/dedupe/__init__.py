"""Copy detection and primary-source attribution (the ``dedupe`` stage).

One article however many sites carry it: exact copies by a hash of normalised text, near
copies by MinHash/LSH band keys verified by shingle containment, each group credited to
its original.

Pipeline use (the store supplies a :class:`BandStore` over ``copy_bands`` and the texts)::

    fp = fingerprint(title, text)
    match = index.find_original(fp, title, text)    # Match | None
    if index.worth_indexing(match):
        index.add(article_id, fp)                   # and store fp.to_bytes()
"""
from .attribution import (AggregatorStats, Attribution, Candidate, aggregator_score, attribute,
                          choose_primary, host_of, is_aggregator, trusted_date, url_key)
from .bands import BandStore, MemoryBandStore, SQLiteBandStore
from .batch import Grouping, dedupe_file, dedupe_records, group_records, read_jsonl
from .diff import apply_diff, diff_summary
from .fingerprint import DEFAULT_PARAMS, Fingerprint, Params, band_keys, fingerprint
from .index import (CopyIndex, Match, Overlap, SignatureVerifier, TextVerifier, Thresholds,
                    estimate_overlap, set_overlap)

__all__ = [
    "AggregatorStats", "Attribution", "BandStore", "Candidate", "CopyIndex", "DEFAULT_PARAMS",
    "Fingerprint", "Grouping", "Match", "MemoryBandStore", "Overlap", "Params",
    "SQLiteBandStore", "SignatureVerifier", "TextVerifier", "Thresholds", "aggregator_score",
    "apply_diff", "attribute", "band_keys", "choose_primary", "dedupe_file", "dedupe_records",
    "diff_summary", "estimate_overlap", "fingerprint", "group_records", "host_of",
    "is_aggregator", "read_jsonl", "set_overlap", "trusted_date", "url_key",
]
