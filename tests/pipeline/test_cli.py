"""The command line as the contract states it: exit codes and one-line errors, feed discovery,
OPML round trips, export records and both forms of ``extract``, run as ``python -m tidings``."""
from __future__ import annotations

import csv
import gzip
import io
import json
import urllib.request

import pytest

from tests.pipeline.world import poll_once, tidings
from tidings.simweb import SimWeb

EXPORT_FIELDS = ["id", "url", "canonical_url", "source", "title", "text", "published", "fetched", "lang",
                 "story", "duplicate_of", "primary_url", "entities", "places", "events"]
EXTRACT_FIELDS = ["url", "canonical_url", "title", "text", "published", "lang", "author"]


@pytest.fixture(scope="module")
def sim():
    with SimWeb(seed=1, sites=6, days=3, aggregators=1) as web:
        yield web


@pytest.fixture(scope="module")
def ingested(sim, tmp_path_factory):
    db = f"sqlite:///{tmp_path_factory.mktemp('cli')}/tidings.db"
    store, outcomes = poll_once(db, sim.opml())
    assert not [o.error for o in outcomes if o.error]
    return db, store


@pytest.mark.parametrize("argv, code", [
    ([], 2),
    (["frobnicate"], 2),
    (["export", "--format", "xml"], 2),
    (["export", "--since", "last tuesday"], 2),
    (["sources", "import", "/nonexistent/list.opml"], 2),
    (["extract"], 2),
    (["sources", "import", "{not-opml}"], 1),
    (["dedupe", "--in", "{not-jsonl}", "--out", "{out}"], 1),
    (["sources", "list"], 0),
])
def test_exit_codes_and_one_line_errors(tmp_path, argv, code):
    (tmp_path / "bad.opml").write_text("this is not OPML", encoding="utf-8")
    (tmp_path / "bad.jsonl").write_text("{not json\n", encoding="utf-8")
    names = {"{not-opml}": str(tmp_path / "bad.opml"), "{not-jsonl}": str(tmp_path / "bad.jsonl"),
             "{out}": str(tmp_path / "out.json")}
    argv = [names.get(a, a) for a in argv]
    done = tidings(*argv, db=f"sqlite:///{tmp_path}/tidings.db", cwd=tmp_path)
    assert done.returncode == code, done.stderr
    assert "Traceback" not in done.stderr
    if code:
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("tidings: "), done.stderr
    if code == 1:
        debug = tidings("--debug", *argv, db=f"sqlite:///{tmp_path}/tidings.db", cwd=tmp_path)
        assert debug.returncode == 1 and "Traceback" in debug.stderr


def test_sources_add_discovers_the_feed_of_a_homepage_and_the_sitemap_of_a_feedless_site(sim, tmp_path):
    db = f"sqlite:///{tmp_path}/tidings.db"
    sites = {s.key: s for s in sim.sites()}
    with_feed, feedless = sites["kabul-ledger"], sites["daily-meridian"]
    done = tidings("sources", "add", with_feed.url, feedless.url, db=db)
    assert done.returncode == 0, done.stderr
    assert with_feed.feed_url in done.stdout and feedless.sitemap_url in done.stdout
    listed = json.loads(tidings("sources", "list", "--json", db=db).stdout)
    assert {(r["url"], r["kind"]) for r in listed} == {(with_feed.feed_url, "feed"), (feedless.sitemap_url, "feed")}


def test_sources_import_and_export_round_trip(sim, tmp_path):
    (tmp_path / "sim.opml").write_text(sim.opml(), encoding="utf-8")
    first, second = f"sqlite:///{tmp_path}/a.db", f"sqlite:///{tmp_path}/b.db"
    done = tidings("sources", "import", str(tmp_path / "sim.opml"), db=first)
    assert done.returncode == 0 and f"{len(sim.sites())} new source(s)" in done.stdout, done.stderr
    exported = tidings("sources", "export", db=first)
    assert exported.returncode == 0 and exported.stdout.lstrip().startswith("<?xml")
    (tmp_path / "exported.opml").write_text(exported.stdout, encoding="utf-8")
    assert tidings("sources", "import", str(tmp_path / "exported.opml"), db=second).returncode == 0

    def listing(db):
        from tidings.store import open_store
        store = open_store(db)
        rows = store.list_sources()
        store.close()
        return sorted((r["url"], r["title"], r["kind"], r["lang"], r["site_url"]) for r in rows)

    assert listing(first) == listing(second)
    assert {r[0] for r in listing(first)} == {s.feed_url or s.url for s in sim.sites()}
    again = tidings("sources", "import", str(tmp_path / "exported.opml"), db=first)
    assert "0 new source(s)" in again.stdout


def test_export_jsonl_and_csv_records_have_exactly_the_contract_fields(ingested):
    db, store = ingested
    count = store.article_count()
    done = tidings("export", "--format", "jsonl", db=db)
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(lines) == count > 0
    assert all(list(line) == EXPORT_FIELDS for line in lines)
    by_id = {line["id"]: line for line in lines}
    copies = [line for line in lines if line["duplicate_of"]]
    assert copies, "the simulated aggregator copies some articles"
    for line in copies:
        original = by_id[line["duplicate_of"]]
        assert line["primary_url"] == original["primary_url"] and line["text"] == original["text"]
        assert line["story"] == original["story"]
    assert all(isinstance(line[k], list) for line in lines for k in ("entities", "places", "events"))

    done = tidings("export", "--format", "csv", db=db)
    assert done.returncode == 0, done.stderr
    reader = csv.DictReader(io.StringIO(done.stdout))
    assert reader.fieldnames == EXPORT_FIELDS
    rows = list(reader)
    assert len(rows) == count and {int(r["id"]) for r in rows} == set(by_id)

    newest = max(line["published"] for line in lines)
    since = tidings("export", "--since", newest[:10], db=db)
    assert 0 < len(since.stdout.splitlines()) < count


def test_extract_files_urls_and_directories(sim, tmp_path):
    first, second = [a for a in sim.articles() if not a.disallowed and a.site == "kabul-ledger"][:2]
    pages = {}
    for name, article in (("one", first), ("two", second)):
        with urllib.request.urlopen(article.url, timeout=10) as response:
            pages[name] = response.read()
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "one.html").write_bytes(pages["one"])
    (tmp_path / "pages" / "two.html.gz").write_bytes(gzip.compress(pages["two"]))

    done = tidings("extract", str(tmp_path / "pages" / "one.html"), first.url)
    assert done.returncode == 0, done.stderr
    from_file, from_url = (json.loads(line) for line in done.stdout.splitlines())
    for record in (from_file, from_url):
        assert list(record) == EXTRACT_FIELDS
        assert record["title"] == first.title and record["author"] == first.author
        assert record["text"].split("\n\n")[0] == first.text.split("\n\n")[0]
        assert record["lang"] == "en" and record["published"].startswith(first.published.strftime("%Y-%m-%d"))
    assert from_url["url"] == first.url and from_url["canonical_url"] == first.url

    out = tmp_path / "texts.json"
    done = tidings("extract", "--dir", str(tmp_path / "pages"), "--out", str(out))
    assert done.returncode == 0, done.stderr
    texts = json.loads(out.read_text(encoding="utf-8"))
    assert set(texts) == {"one", "two"}
    assert texts["two"].split("\n\n")[0] == second.text.split("\n\n")[0]
