"""Regression checks on the shared extraction benchmark (skipped when it is not there)."""
from __future__ import annotations

import gzip
import importlib.util
import json

import pytest
import trafilatura

from tests.extract.extract_helpers import bench_dir

from tidings.extract import canonicalize_url, extract, host_of

BENCH = bench_dir()
pytestmark = pytest.mark.skipif(BENCH is None, reason="shared/bench/extraction not found")
LANG_BY_SUFFIX = {".com.br": "pt", ".ru": "ru", ".co.kr": "ko", ".it": "it", "nytimes.com": "en",
                  "wsj.com": "en", "cbssports.com": "en", "foxnews.com": "en"}


@pytest.fixture(scope="module")
def scorer():
    spec = importlib.util.spec_from_file_location("extraction_score", BENCH / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def bench():
    truth = {k: v["articleBody"] for k, v in json.loads((BENCH / "ground-truth.json").read_text()).items()}
    urls = {k: v["url"] for k, v in json.loads((BENCH / "meta.json").read_text()).items()}
    pages = {k: gzip.decompress((BENCH / "html" / f"{k}.html.gz").read_bytes()) for k in sorted(truth)}
    return truth, urls, pages


@pytest.fixture(scope="module")
def extracted(bench):
    _, _, pages = bench
    return {k: extract(html) for k, html in pages.items()}


def test_not_below_trafilatura_on_a_subset(bench, scorer):
    truth, _, pages = bench
    subset = sorted(pages)[::9]
    assert len(subset) >= 20

    def f1(predict):
        counts = [scorer.page_counts(truth[k], predict(pages[k]) or "", 4, True) for k in subset]
        return scorer.aggregate(counts)

    ours = f1(lambda html: extract(html).text)
    theirs = f1(lambda html: trafilatura.extract(html, include_comments=False))
    assert ours["F1"] >= theirs["F1"]
    assert ours["pageF1"] >= theirs["pageF1"]
    assert ours["F1"] >= 0.95


def test_no_empty_page(extracted):
    assert [k for k, e in extracted.items() if not e.text.strip()] == []


def test_canonical_url_matches_the_known_url(bench, extracted):
    _, urls, _ = bench
    with_canonical = {k: e for k, e in extracted.items() if e.canonical_url}
    matches = sum(e.canonical_url == canonicalize_url(urls[k]) for k, e in with_canonical.items())
    assert len(with_canonical) >= 0.9 * len(extracted)
    assert matches >= 0.9 * len(with_canonical)


def test_language_matches_the_site(bench, extracted):
    _, urls, _ = bench
    checked = 0
    for key, found in extracted.items():
        host = host_of(urls[key])
        expected = next((lang for suffix, lang in LANG_BY_SUFFIX.items() if host.endswith(suffix)), None)
        if expected:
            checked += 1
            assert found.lang == expected, (host, found.lang)
    assert checked >= 20


def test_titles_and_dates_are_found_on_most_pages(extracted):
    assert sum(bool(e.title) for e in extracted.values()) == len(extracted)
    assert sum(e.published is not None for e in extracted.values()) >= 0.8 * len(extracted)
    assert all(not e.title or e.title.split("\n")[0] not in e.text.split("\n\n")[:1]
               for e in extracted.values())
