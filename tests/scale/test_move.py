"""``tidings.store.move``: copying every table between backends, verified by checksums."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest
import sqlalchemy as sa

from tidings.models import Article
from tidings.store import move as move_module
from tidings.store import open_store
from tidings.store.move import MoveError, move, table_checksum
from tidings.store.schema import articles, audit_log, metadata, stories, tags

T0 = datetime(2025, 3, 1, 12, 30, 15, 123456, tzinfo=timezone.utc)


def _seed(url: str) -> None:
    """Rows in several tables, with what tends to go wrong: a copy stored before the original
    it points to, microseconds, floats, bytes, booleans, non-ASCII and a NUL character."""
    store = open_store(url)
    source_id, _ = store.add_source("https://nouvelles.example/flux.xml", title="Nouvelles — été")
    with store.transaction() as conn:
        story = conn.execute(stories.insert().values(title="Crue", first_seen=T0, last_seen=T0)).inserted_primary_key[0]
        copy_id = store.insert_article(conn, Article(
            url="https://agg.example/1", source_id=source_id, title="Crue à Lyon", text="Le Rhône\x00 déborde.",
            published=T0, fetched=T0, story_id=story, raw_html=b"<p>\xc3\xa9t\xc3\xa9</p>"))
        original_id = store.insert_article(conn, Article(
            url="https://nouvelles.example/crue", source_id=source_id, title="Crue à Lyon", text="Le Rhône déborde.",
            published=T0, fetched=T0, story_id=story, lang="fr"))
        conn.execute(articles.update().where(articles.c.id == copy_id).values(duplicate_of=original_id,
                                                                              minhash=bytes(range(256))))
        conn.execute(tags.insert().values(article_id=original_id, kind="place", name="Lyon", lat=45.764043,
                                          lon=4.835659, country="FR"))
        conn.execute(audit_log.insert().values(at=T0, actor="admin", action="seed"))
    store.kv_set("cluster_state", {"seen": 2, "π": 3.14159})
    store.close()


def _checksums(url: str) -> dict[str, tuple[int, str]]:
    store = open_store(url)
    with store.engine.connect() as conn:
        found = {table.name: table_checksum(conn, table) for table in metadata.sorted_tables}
    store.close()
    return found


@pytest.fixture
def seeded(tmp_path) -> str:
    url = f"sqlite:///{tmp_path}/source.db"
    _seed(url)
    return url


def test_move_copies_every_table_with_equal_checksums(seeded, db_url):
    seen = []

    def progress(items, *, total=None, label=""):
        seen.append((label, total))
        yield from items

    report = move(seeded, db_url, progress=progress)
    assert report == _checksums(seeded) == _checksums(db_url)
    assert report["articles"][0] == 2 and report["tags"][0] == 1 and report["audit_log"][0] == 1
    assert ("copying articles", 2) in seen and len(seen) == len(metadata.sorted_tables)
    target = open_store(db_url)
    copy = target.article_by_url("https://agg.example/1")
    assert copy["duplicate_of"] == target.article_by_url("https://nouvelles.example/crue")["id"]
    assert copy["published"] == T0 and copy["minhash"] == bytes(range(256))
    assert target.kv_get("cluster_state") == {"seen": 2, "π": 3.14159}
    assert target.add_source("https://new.example/feed.xml")[0] == 2  # ids continue after the copied ones
    target.close()


def test_move_back_from_postgresql(seeded, pg_url, tmp_path):
    move(seeded, pg_url)
    back = f"sqlite:///{tmp_path}/back.db"
    assert move(pg_url, back) == _checksums(seeded)


def test_checksum_sees_a_changed_value(seeded):
    before = _checksums(seeded)
    store = open_store(seeded)
    with store.transaction() as conn:
        conn.execute(tags.update().values(lat=45.764044))
    store.close()
    after = _checksums(seeded)
    assert after["tags"] != before["tags"] and after["articles"] == before["articles"]


def test_a_difference_aborts_and_leaves_the_target_empty(seeded, db_url, monkeypatch):
    real = move_module._clean_text
    monkeypatch.setattr(move_module, "_clean_text",
                        lambda row: {**real(row), "name": "Lyons"} if row.get("name") == "Lyon" else real(row))
    if not db_url.startswith("postgresql"):
        monkeypatch.setattr(move_module, "_copy_table", _mangling_copy(move_module._copy_table))
    with pytest.raises(MoveError, match="table tags differs"):
        move(seeded, db_url)
    assert all(count == 0 for count, _ in _checksums(db_url).values())


def _mangling_copy(copy_table):
    def copy(reader, writer, table, progress, batch):
        copy_table(reader, writer, table, progress, batch)
        if table.name == "tags":
            writer.execute(tags.update().values(name="Lyons"))
    return copy


def test_refuses_a_target_with_rows(seeded, db_url):
    open_store(db_url).add_source("https://already.example/feed.xml")
    with pytest.raises(MoveError, match="not empty"):
        move(seeded, db_url)


def test_refuses_unknown_tables_and_the_same_database(seeded, tmp_path):
    with pytest.raises(MoveError, match="same database"):
        move(seeded, seeded)
    engine = sa.create_engine(seeded)
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE plugin_notes (id INTEGER PRIMARY KEY)")
    engine.dispose()
    with pytest.raises(MoveError, match="plugin_notes"):
        move(seeded, f"sqlite:///{tmp_path}/target.db")
