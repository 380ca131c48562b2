"""Search plans on PostgreSQL (migration 0007): whichever plan a window takes (the recent
articles' table or ``articles``, the GIN index for some, all or none of the query's groups,
windows of any width), a search returns exactly what one plain query ranks."""
from __future__ import annotations

import importlib.util
import random
from datetime import timedelta

import pytest

from tests.pg import create_database, drop_database
from tests.web.seed import T0
from tidings.store import open_store, search_plan, search_postgres
from tidings.store.db import MIGRATIONS
from tidings.store.fts import parse_query, to_tsquery
from tidings.store.schema import articles, sources
from tidings.store.search import SearchFilters, _filter_sql, _statement

WORDS = ("alpha beta gamma delta kilo lima mike oscar papa romeo sierra tango victor whiskey "
         "xray yankee zulu amber basalt cobalt dune ember fjord glacier harbor island jungle").split()
COUNT, SPACING = 200, 53  # ids 1, 54, 107, …: several date blocks of 4,096 ids
QUERIES = ("alpha", "kilo", "glacier", "jungle", "alpha beta", "beta gamma delta", "kilo OR jungle",
           '"alpha beta"', '"gamma delta" alpha', "tan*", "alpha -beta", 'alpha -"beta gamma"',
           '"mike osc*"', "island OR \"alpha beta\"", "nothingatall")
FILTERS = ({}, {"lang": "fr"}, {"source_id": 2}, {"since": T0 + timedelta(days=30)},
           {"since": T0 + timedelta(days=20), "until": T0 + timedelta(days=50), "lang": "en"},
           {"include_copies": True}, {"fetched_after": T0 + timedelta(days=60)})
PLANS = {  # how many of the query's groups (rarest first) go to the GIN index
    "costed": None, "walk": lambda shares, *_, **__: 0,
    "index all": lambda shares, *_, **__: len(shares), "index rarest": lambda shares, *_, **__: min(1, len(shares))}


def _migration():
    path = MIGRATIONS / "versions" / "0007_search_recent_postgres.py"
    spec = importlib.util.spec_from_file_location("migration_0007", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _corpus() -> list[dict]:
    rng = random.Random(7)
    weights = [1 / (rank + 1) for rank in range(len(WORDS))]
    rows = []
    for i in range(COUNT):
        article_id = 1 + i * SPACING
        when = T0 + timedelta(days=rng.uniform(0, 90))  # dates out of id order
        copy = i % 9 == 8
        text = " ".join(rng.choices(WORDS, weights, k=20))
        rows.append(dict(id=article_id, source_id=1 + i % 3, url=f"https://s.example/{article_id}",
                         title=" ".join(rng.choices(WORDS, weights, k=4)), text=None if copy else text,
                         published=when, fetched=when, lang=("en", "fr", "de")[rng.randrange(3)],
                         duplicate_of=article_id - SPACING if copy else None,
                         status="removed" if i % 23 == 22 else "ok"))
    return rows


@pytest.fixture(scope="module")
def corpus_store(pg_admin_url):
    url = create_database(pg_admin_url)
    store = open_store(url)
    with store.engine.begin() as conn:
        conn.execute(sources.insert(), [dict(id=n, url=f"https://s{n}.example/feed", title=f"S{n}",
                                             added_at=T0) for n in (1, 2, 3)])
        for row in _corpus():  # one by one: an original before its copies
            conn.execute(articles.insert().values(**row))
        conn.exec_driver_sql("ANALYZE articles_fts_recent")
    yield store
    store.close()
    drop_database(pg_admin_url, url)


def _recent_from(store, lo: int) -> None:
    """Make the recent articles' table hold the articles above ``lo`` only (as pruning would)."""
    with store.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE articles_fts_recent_lo SET lo = %(lo)s", {"lo": lo})
        conn.exec_driver_sql("DELETE FROM articles_fts_recent WHERE id <= %(lo)s", {"lo": lo})
        conn.exec_driver_sql(f"INSERT INTO articles_fts_recent ({_migration().COLUMNS}) "
                             f"SELECT {_migration().COLUMNS} FROM articles WHERE id > %(lo)s "
                             "ON CONFLICT (id) DO NOTHING", {"lo": lo})


def reference(store, text: str, limit: int, **filters) -> list[tuple[int, float]]:
    """Every visible match ranked by one plain query: best first, ties newest first."""
    parsed = parse_query(text)
    if parsed.empty:
        return []
    where, params = _filter_sql(SearchFilters(**filters))
    sql = (f"SELECT a.id, ts_rank({search_postgres.WEIGHTS}, a.search, to_tsquery('tidings_fold', :match)) "
           f"FROM articles AS a WHERE {where} AND a.search @@ to_tsquery('tidings_fold', :match)")
    values = dict(params, match=to_tsquery(parsed))
    with store.engine.connect() as conn:
        rows = conn.execute(_statement(sql, values), values).all()
    ranked = sorted(rows, key=lambda row: (-row[1], -row[0]))[:limit]
    return [(row[0], round(float(row[1]), 6)) for row in ranked]


@pytest.mark.parametrize("recent_from", [0, COUNT * SPACING // 2, COUNT * SPACING])
@pytest.mark.parametrize("plan", list(PLANS))
def test_every_plan_returns_what_a_plain_query_ranks(corpus_store, monkeypatch, plan, recent_from):
    monkeypatch.setattr(search_plan, "WINDOW", 1_500)  # several windows, some in the recent table
    if PLANS[plan]:
        monkeypatch.setattr(search_postgres, "_plan", PLANS[plan])
    _recent_from(corpus_store, recent_from)
    for filters in FILTERS:
        for text in QUERIES:
            found = [(hit.id, hit.score) for hit in corpus_store.search(text, limit=60, **filters)]
            assert found == reference(corpus_store, text, 60, **filters), (text, filters)


def test_the_plain_reference_finds_something(corpus_store):
    """The comparison above is not between two empty lists."""
    assert len(reference(corpus_store, "alpha", 300)) > 100
    assert 0 < len(reference(corpus_store, '"alpha beta"', 300)) < len(reference(corpus_store, "alpha beta", 300))
    assert reference(corpus_store, "kilo", 300, lang="fr", since=T0 + timedelta(days=45))


def test_pages_of_a_broad_query_follow_each_other(corpus_store):
    _recent_from(corpus_store, COUNT * SPACING // 2)
    everything = [hit.id for hit in corpus_store.search("alpha", limit=90)]
    pages = [hit.id for offset in (0, 30, 60) for hit in corpus_store.search("alpha", limit=30, offset=offset)]
    assert pages == everything and len(everything) == 90


@pytest.fixture
def pg_store(pg_url):
    store = open_store(pg_url)
    with store.engine.begin() as conn:
        conn.execute(sources.insert().values(id=1, url="https://s.example/feed", title="S", added_at=T0))
    yield store
    store.close()


def _add(conn, article_id: int, title: str, text: str = "body words", **values) -> None:
    conn.execute(articles.insert().values(id=article_id, source_id=1, url=f"https://s.example/{article_id}",
                                          title=title, text=text, published=T0, fetched=T0, **values))


def _recent_rows(store) -> dict[int, tuple]:
    with store.engine.connect() as conn:
        return {row[0]: tuple(row[1:]) for row in conn.exec_driver_sql(
            "SELECT id, status, lang, search FROM articles_fts_recent ORDER BY id")}


def test_the_recent_table_follows_inserts_updates_and_deletes(pg_store):
    with pg_store.engine.begin() as conn:
        for article_id in (1, 2, 3):
            _add(conn, article_id, f"Harbor report {article_id}")
    assert {hit.id for hit in pg_store.search("harbor")} == {1, 2, 3}
    with pg_store.engine.begin() as conn:
        conn.execute(articles.update().where(articles.c.id == 2).values(status="taken_down"))
        conn.execute(articles.update().where(articles.c.id == 3).values(title="Glacier report"))
        conn.execute(articles.delete().where(articles.c.id == 1))
    assert [hit.id for hit in pg_store.search("harbor")] == []
    assert [hit.id for hit in pg_store.search("glacier")] == [3]
    with pg_store.engine.connect() as conn:
        mirrored = {row[0]: tuple(row[1:]) for row in conn.exec_driver_sql(
            "SELECT id, status, lang, search FROM articles ORDER BY id")}
    assert _recent_rows(pg_store) == mirrored


def test_the_recent_table_is_pruned_to_the_newest_articles(pg_store):
    with pg_store.engine.begin() as conn:
        conn.exec_driver_sql(_migration().sync_function(recent=10, step=5))
        for article_id in range(1, 41):
            _add(conn, article_id, f"Fjord bulletin {article_id}")
    with pg_store.engine.connect() as conn:
        lo = conn.exec_driver_sql("SELECT lo FROM articles_fts_recent_lo").scalar()
    recent = _recent_rows(pg_store)
    assert 25 <= lo < 40 and set(recent) == set(range(lo + 1, 41))
    assert len(pg_store.search("fjord", limit=50)) == 40  # older ones come from articles
    with pg_store.engine.begin() as conn:
        conn.exec_driver_sql("TRUNCATE articles CASCADE")
    assert _recent_rows(pg_store) == {} and pg_store.search("fjord") == []
