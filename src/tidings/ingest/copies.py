"""Copy detection at ingest, against the database: band keys in ``copy_bands``, and the
primary-source attribution of each copy group (see ``tidings.dedupe`` for the logic)."""
from __future__ import annotations

import functools
import json
from collections.abc import Sequence

import sqlalchemy as sa

from ..dedupe import (Candidate, CopyIndex, Fingerprint, Match, TextVerifier, Thresholds, apply_diff, attribute,
                      diff_summary, fingerprint)
from ..models import Article
from ..store.schema import articles, copy_bands, sources

MAX_CANDIDATES = 64
# At ingest the texts come cleaned of learned site boilerplate, so the copier's own header and
# footer, which the loose rule of ``Thresholds`` allows for, are gone; and different reports of
# one event often share whole paragraphs (quotes, background) up to ~0.74 containment, which the
# loose rule (0.5) would merge. Only the strict rule stays.
INGEST_THRESHOLDS = Thresholds(loose_containment=1.01, loose_shared=1 << 30)
PER_KEY = 32


class DbBands:
    """The ``BandStore`` of tidings.dedupe over the ``copy_bands`` table, on one connection."""

    def __init__(self) -> None:
        self.conn: sa.Connection | None = None

    def candidates(self, keys: Sequence[int]) -> dict[int, int]:
        """Ids sharing any key, with how many they share; each key yields at most its newest
        ``PER_KEY`` ids, so a key common to many articles cannot make a lookup slow."""
        if not keys:
            return {}
        keys = list(dict.fromkeys(keys))
        params = {f"k{i}": key for i, key in enumerate(keys)}
        return {row.article_id: row.shared for row in self.conn.execute(_candidates_query(len(keys)), params)}

    def add(self, article_id: int, keys: Sequence[int]) -> None:
        self.conn.execute(copy_bands.insert(), [{"band_key": k, "article_id": article_id} for k in keys])


@functools.lru_cache(maxsize=64)
def _candidates_query(n: int) -> sa.Select:
    """The candidates query for ``n`` keys, built once (it runs under the ingest lock, where
    building a 40-part union anew each time cost more than running it)."""
    per_key = [sa.select(copy_bands.c.article_id).where(copy_bands.c.band_key == sa.bindparam(f"k{i}"))
               .order_by(copy_bands.c.article_id.desc()).limit(PER_KEY).subquery()
               for i in range(n)]
    hits = sa.union_all(*(sa.select(sub.c.article_id) for sub in per_key)).subquery()
    shared = sa.func.count().label("shared")
    return (sa.select(hits.c.article_id, shared).group_by(hits.c.article_id)
            .order_by(shared.desc(), hits.c.article_id.desc()).limit(MAX_CANDIDATES))


class Copies:
    """Finds what a new article copies and keeps each group credited to its original."""

    def __init__(self) -> None:
        self.bands = DbBands()
        self.texts = TextVerifier(self._text)
        self.index = CopyIndex(self.bands, self.texts, INGEST_THRESHOLDS)

    def fingerprint(self, article: Article) -> Fingerprint:
        return fingerprint(article.title, article.text)

    def find(self, conn: sa.Connection, article: Article, fp: Fingerprint) -> Match | None:
        self.bands.conn = conn
        return self.index.find_original(fp, article.title, article.text)

    def remember(self, conn: sa.Connection, article_id: int, fp: Fingerprint, match: Match | None,
                 own_text: bool) -> None:
        """Index a stored article's bands when it adds something; with ``own_text`` (stored with
        the very title and text ``fp`` was made from) its shingles are kept for verifying later
        articles against it, instead of being read back and shingled again."""
        self.bands.conn = conn
        if self.index.worth_indexing(match):
            self.index.add(article_id, fp)
            if own_text:
                self.texts.remember(article_id, fp)

    def forget_cached(self) -> None:
        """After a rolled-back transaction: its article ids may be given out again."""
        self.texts.clear()

    def _text(self, article_id: int) -> tuple[str, str] | None:
        """A stored article's title and text; a copy's is rebuilt from its original and diff."""
        row = self._row(article_id)
        if row is None:
            return None
        if row.text is not None or row.duplicate_of is None:
            return row.title, row.text or ""
        original = self._row(row.duplicate_of)
        if original is None or original.text is None:
            return row.title, ""
        return apply_diff(original.title, original.text, json.loads(row.copy_diff or "{}"))

    def _row(self, article_id: int):
        query = sa.select(articles.c.title, articles.c.text, articles.c.duplicate_of, articles.c.copy_diff)
        return self.bands.conn.execute(query.where(articles.c.id == article_id)).first()


def group_primary(conn: sa.Connection, member_id: int) -> dict:
    """The current original of the group that ``member_id`` belongs to."""
    row = conn.execute(sa.select(articles).where(articles.c.id == member_id)).mappings().one()
    if row["duplicate_of"] is not None:
        row = conn.execute(sa.select(articles).where(articles.c.id == row["duplicate_of"])).mappings().one()
    return dict(row)


def attribute_group(conn: sa.Connection, primary: dict, newcomer: Article) -> tuple[int | None, str]:
    """Choose the group's original among its members and the newcomer.

    Returns ``(original_id, primary_url)``: ``original_id`` is None when the newcomer itself is
    the original (it arrived later, but the evidence says it came first).
    """
    members = conn.execute(
        sa.select(articles.c.id, articles.c.url, articles.c.canonical_url, articles.c.published,
                  articles.c.fetched, articles.c.credit_url, sources.c.is_aggregator)
        .select_from(articles.outerjoin(sources, articles.c.source_id == sources.c.id))
        .where(sa.or_(articles.c.id == primary["id"], articles.c.duplicate_of == primary["id"]))
    ).mappings().all()
    newcomer_aggregator = conn.execute(sa.select(sources.c.is_aggregator).where(
        sources.c.id == newcomer.source_id)).scalar() or False
    candidates = [_candidate(m["id"], m["canonical_url"] or m["url"], m["published"], m["fetched"],
                             m["credit_url"], bool(m["is_aggregator"])) for m in members]
    candidates.append(_candidate(None, newcomer.canonical_url or newcomer.url, newcomer.published,
                                 newcomer.fetched, newcomer.credit_url, newcomer_aggregator))
    chosen = attribute(candidates)
    return chosen.primary.id, chosen.primary_url


def _candidate(ident, url, published, first_seen, credit_url, aggregator) -> Candidate:
    from ..dedupe import host_of
    return Candidate(id=ident, url=url, host=host_of(url), published=published, first_seen=first_seen,
                     credit_url=credit_url or "", is_aggregator=aggregator)


def store_as_copy(article: Article, original: dict, primary_url: str) -> None:
    """Make ``article`` a copy of ``original``: its text is the original's, its diff is kept."""
    diff = diff_summary(original["title"], original["text"] or "", article.title, article.text)
    article.copy_diff = json.dumps(diff, separators=(",", ":"))
    article.duplicate_of = original["id"]
    article.primary_url = primary_url
    article.story_id = original["story_id"]
    article.text = None


def promote(conn: sa.Connection, new_id: int, new: Article, old_primary: dict, primary_url: str) -> None:
    """The newcomer is the group's original: the old original and its copies now point to it,
    each keeping only its differences from the newcomer's text."""
    members = conn.execute(sa.select(articles.c.id, articles.c.title, articles.c.copy_diff).where(
        articles.c.duplicate_of == old_primary["id"])).all()
    old_text = old_primary["text"] or ""
    texts = {old_primary["id"]: (old_primary["title"], old_text)}
    for member in members:
        texts[member.id] = apply_diff(old_primary["title"], old_text, json.loads(member.copy_diff or "{}"))
    for member_id, (title, text) in texts.items():
        diff = diff_summary(new.title, new.text or "", title, text)
        conn.execute(articles.update().where(articles.c.id == member_id).values(
            text=None, copy_diff=json.dumps(diff, separators=(",", ":")), duplicate_of=new_id,
            primary_url=primary_url))


def set_group_primary_url(conn: sa.Connection, primary_id: int, primary_url: str) -> None:
    conn.execute(articles.update().where(sa.or_(articles.c.id == primary_id, articles.c.duplicate_of == primary_id))
                 .values(primary_url=primary_url))
