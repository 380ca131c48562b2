"""The same run on SQLite and on PostgreSQL stores the same thing; ``tidings migrate`` moves
an installation from one to the other, verified."""
from __future__ import annotations

import pytest

from tests.pg import create_database, drop_database
from tests.scale.conftest import (assert_each_article_once, assert_stories_consistent, comparable_export,
                                  import_sim)
from tidings.cli import main
from tidings.export import export_records
from tidings.models import Article
from tidings.store import open_store
from tidings.store.move import table_checksum
from tidings.store.schema import metadata

pytestmark = [pytest.mark.timeout(180), pytest.mark.postgres]


def _run_once(url: str, sim) -> None:
    import_sim(url, sim)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TIDINGS_ALLOWED_NETWORKS", "127.0.0.0/8")
        patch.setenv("TIDINGS_CONCURRENCY", "1")  # one source at a time: the same order on both
        patch.delenv("TIDINGS_DB", raising=False)
        patch.delenv("TIDINGS_CONFIG", raising=False)
        assert main(["--db", url, "run", "--once", "--no-web"]) == 0


@pytest.fixture(scope="module")
def sqlite_run(sim, tmp_path_factory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('backends')}/tidings.db"
    _run_once(url, sim)
    return url


@pytest.fixture(scope="module")
def pg_run(sim, pg_admin_url) -> str:
    url = create_database(pg_admin_url)
    _run_once(url, sim)
    yield url
    drop_database(pg_admin_url, url)


def test_same_export_on_sqlite_and_postgresql(sqlite_run, pg_run, sim):
    exports = []
    for url in (sqlite_run, pg_run):
        store = open_store(url)
        assert_each_article_once(store, sim)
        assert_stories_consistent(store)
        exports.append(comparable_export(store))
        store.close()
    assert exports[0]["stories"] == exports[1]["stories"]
    assert exports[0]["articles"] == exports[1]["articles"]
    assert any(a["duplicate_of"] for a in exports[0]["articles"].values())  # copies were compared too
    assert any(a["entities"] or a["places"] for a in exports[0]["articles"].values())


def test_migrate_sqlite_to_postgresql(sqlite_run, pg_url, capsys):
    assert main(["migrate", "--from", sqlite_run, "--to", pg_url]) == 0
    printed = capsys.readouterr().out
    source, target = open_store(sqlite_run), open_store(pg_url)
    try:
        with source.engine.connect() as a, target.engine.connect() as b:
            for table in metadata.sorted_tables:
                count, checksum = table_checksum(a, table)
                assert table_checksum(b, table) == (count, checksum)
                assert f"{table.name}" in printed and checksum in printed
        assert list(export_records(source)) == list(export_records(target))  # ids and times too
        _writes_continue(target)
    finally:
        source.close()
        target.close()


def _writes_continue(store) -> None:
    """Sequences were moved past the copied ids: new rows get fresh ids."""
    before = store.source_count()
    source_id, created = store.add_source("https://after-the-move.example/feed.xml")
    assert created and store.source_count() == before + 1
    with store.transaction() as conn:
        article_id = store.insert_article(conn, Article(url="https://after-the-move.example/1", source_id=source_id,
                                                        title="After the move", text="Still writing."))
    assert article_id == store.max_article_id()


def test_migrate_refuses_a_target_with_rows(sqlite_run, pg_url, capsys):
    store = open_store(pg_url)
    store.add_source("https://already-here.example/feed.xml")
    store.close()
    assert main(["migrate", "--from", sqlite_run, "--to", pg_url]) == 1
    assert "not empty" in capsys.readouterr().err
