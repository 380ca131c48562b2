"""Every document of the shared feed corpora parses or is refused with a FeedError (~3 s).

Skipped when /work/shared/bench/feeds is absent (a fresh clone without the benchmark data).
"""
from __future__ import annotations

from pathlib import Path

import pytest

from tidings.parse import FeedError, parse_feed

DATA = Path("/work/shared/bench/feeds")
SKIP = {"LICENSE", "README.md", "manifest.tsv"}
REAL = DATA / "real"
RSPARSER = REAL / "rsparser/Tests/RSParserTests/Resources"
MINIFLUX = REAL / "miniflux/internal/reader/parser/testdata"

pytestmark = [pytest.mark.skipif(not DATA.is_dir(), reason="benchmark feed corpus not present"),
              pytest.mark.timeout(60)]


def documents(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*")
                  if p.is_file() and p.name not in SKIP and p.suffix != ".opml")


def parse_all(folder: Path) -> tuple[int, int, int]:
    """``(files, refused, entries)``; any exception other than FeedError fails the test."""
    files = refused = entries = 0
    for path in documents(folder):
        files += 1
        try:
            entries += len(parse_feed(path.read_bytes(), url="http://127.0.0.1/feed").entries)
        except FeedError as exc:
            assert "\n" not in str(exc), path
            refused += 1
    return files, refused, entries


def test_feedparser_suite_documents():
    files, refused, _ = parse_all(DATA / "feedparser-tests")
    assert files > 2000
    assert refused <= 20  # CDF, empty and compressed-body cases


def test_real_feeds():
    files, refused, entries = parse_all(REAL)
    assert files >= 230
    assert refused <= 3  # RSS-in-JSON and a truncated JSON Feed
    assert entries > 6000


@pytest.mark.parametrize("name, count, needle", [
    ("rdf_UTF8.xml", 60, None),
    ("encoding_WINDOWS-1251.xml", 50, "а"),
    ("encoding_ISO-8859-1.xml", 40, None),
    ("urdu_UTF8.xml", 26, "ا"),
])
def test_miniflux_fixtures(name, count, needle):
    feed = parse_feed((MINIFLUX / name).read_bytes(), url="https://example.org/feed")
    assert len(feed.entries) == count
    if needle:
        assert any(needle in entry.title for entry in feed.entries)
    assert all(entry.url.startswith("http") for entry in feed.entries)


def test_json_and_atom_versions_of_one_feed_agree():
    atom = parse_feed((RSPARSER / "DaringFireball.atom").read_bytes())
    json_feed = parse_feed((RSPARSER / "DaringFireball.json").read_bytes())
    assert (atom.kind, json_feed.kind) == ("atom", "json")
    assert atom.title == json_feed.title == "Daring Fireball"
    assert atom.entries[0].title == json_feed.entries[0].title
    assert atom.entries[0].published == json_feed.entries[0].published


def test_utf16_feed():
    path = REAL / "fastfeedparser/tests/integration/utf16_encoded.xml"
    assert parse_feed(path.read_bytes()).entries
