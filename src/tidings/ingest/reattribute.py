"""Second thoughts on copy groups, between polling rounds.

At ingest a group's original is chosen with what is known then. Which sources are aggregators
is learned only from their stored items (mostly copies of others), so an aggregator's copy
stored before its source was known as one, with an earlier date than the original claims, may
lead its group. Here each source's counts are refreshed, and the groups led by an aggregator's
article or by a member that credits someone else are attributed again; when another member
wins it is promoted (the others' differences re-based onto its text).
"""
from __future__ import annotations

import json
import logging

import sqlalchemy as sa

from ..dedupe import apply_diff, attribute, is_aggregator
from ..models import Article
from ..store.schema import articles, sources
from .copies import _candidate, promote, set_group_primary_url

log = logging.getLogger(__name__)
BATCH = 200
MARK_KEY = "reattribute_mark"  # the largest article id the last pass had seen


def refresh_aggregators(conn: sa.Connection, touched_since: int = 0) -> int:
    """Recount the items and copies of the sources that stored an article after
    ``touched_since`` (an article id; 0: every source) and set ``is_aggregator``; returns
    how many sources changed their flag."""
    touched = sa.select(articles.c.source_id).where(articles.c.id > touched_since).distinct()
    counts = conn.execute(
        sa.select(articles.c.source_id, sa.func.count(), sa.func.count(articles.c.duplicate_of))
        .where(articles.c.source_id.in_(touched)).group_by(articles.c.source_id)).all()
    known = {row.id: (row.item_count, row.copy_count, bool(row.is_aggregator)) for row in conn.execute(
        sa.select(sources.c.id, sources.c.item_count, sources.c.copy_count, sources.c.is_aggregator)
        .where(sources.c.id.in_(touched)))}
    changed = 0
    for source_id, items, copies in counts:
        now = (items, copies, is_aggregator(copies, items))
        before = known.get(source_id)
        if before is None or before == now:
            continue
        changed += before[2] != now[2]
        conn.execute(sources.update().where(sources.c.id == source_id).values(
            item_count=items, copy_count=copies, is_aggregator=now[2]))
    return changed


def doubtful_groups(conn: sa.Connection, after_id: int = 0, changed_since: int = 0) -> list[int]:
    """Originals with copies whose claim to be first rests on weak ground: their source is an
    aggregator, or they credit another page themselves; with ``changed_since``, only groups
    with a member stored after that article id."""
    copy = articles.alias("copy")
    has_copies = sa.exists().where(copy.c.duplicate_of == articles.c.id)
    query = (sa.select(articles.c.id)
             .select_from(articles.outerjoin(sources, articles.c.source_id == sources.c.id))
             .where(articles.c.duplicate_of.is_(None), articles.c.id > after_id, has_copies,
                    sa.or_(sources.c.is_aggregator, articles.c.credit_url != ""))
             .order_by(articles.c.id).limit(BATCH))
    if changed_since:
        joined = sa.exists().where(copy.c.duplicate_of == articles.c.id, copy.c.id > changed_since)
        query = query.where(sa.or_(articles.c.id > changed_since, joined))
    return list(conn.execute(query).scalars())


def reattribute(ctx) -> int:
    """Refresh the aggregator flags of the sources that stored articles since the last pass,
    then attribute doubtful groups again — all of them when a flag changed, else those with
    members stored since the last pass; returns how many groups got a new original. Each group
    is one transaction under the ingest lock."""
    with ctx.store.transaction() as conn:
        ctx.store.lock_ingest(conn)
        mark = int(ctx.store.kv_get(MARK_KEY, 0, conn) or 0)
        flags_changed = refresh_aggregators(conn, touched_since=mark)
        since = 0 if flags_changed else mark
        top = ctx.store.max_article_id(conn)
    moved, after = 0, 0
    while True:
        with ctx.store.engine.connect() as conn:
            batch = doubtful_groups(conn, after, since)
        for primary_id in batch:
            with ctx.store.transaction() as conn:
                ctx.store.lock_ingest(conn)
                moved += reattribute_group(ctx, conn, primary_id)
        if len(batch) < BATCH:
            break
        after = batch[-1]
    ctx.store.kv_set(MARK_KEY, top)
    return moved


def reattribute_group(ctx, conn: sa.Connection, primary_id: int) -> bool:
    """Attribute one group again; True when another member became its original."""
    primary = conn.execute(sa.select(articles).where(articles.c.id == primary_id)).mappings().first()
    if primary is None or primary["duplicate_of"] is not None:
        return False  # changed since it was listed
    members = conn.execute(
        sa.select(articles.c.id, articles.c.url, articles.c.canonical_url, articles.c.published,
                  articles.c.fetched, articles.c.credit_url, sources.c.is_aggregator)
        .select_from(articles.outerjoin(sources, articles.c.source_id == sources.c.id))
        .where(sa.or_(articles.c.id == primary_id, articles.c.duplicate_of == primary_id))
    ).mappings().all()
    chosen = attribute([_candidate(m["id"], m["canonical_url"] or m["url"], m["published"], m["fetched"],
                                   m["credit_url"], bool(m["is_aggregator"])) for m in members])
    if chosen.primary.id == primary_id:
        if chosen.primary_url != primary["primary_url"]:
            set_group_primary_url(conn, primary_id, chosen.primary_url)
        return False
    promote_member(ctx, conn, chosen.primary.id, dict(primary), chosen.primary_url)
    return True


def promote_member(ctx, conn: sa.Connection, new_id: int, old: dict, primary_url: str) -> None:
    """Make copy ``new_id`` the original of ``old``'s group: its own text is rebuilt from
    ``old``'s and its differences, the others are re-based onto it, the tags move to it."""
    row = conn.execute(sa.select(articles).where(articles.c.id == new_id)).mappings().one()
    title, text = apply_diff(old["title"], old["text"] or "", json.loads(row["copy_diff"] or "{}"))
    title = row["title"] or title
    conn.execute(articles.update().where(articles.c.id == new_id).values(
        text=text, copy_diff="", duplicate_of=None, primary_url=primary_url, word_count=len(text.split())))
    new = Article(url=row["url"], title=title, text=text, lang=row["lang"], source_id=row["source_id"])
    promote(conn, new_id, new, old, primary_url)
    ctx.store.move_tags(conn, old["id"], new_id, ctx.tagger(new))
    log.info("article %s is the original of its group, not %s", new_id, old["id"])
