"""``tidings reprocess``: extract stored raw HTML again with the current extractor and what the
site learning knows now, so boilerplate learned later leaves earlier articles too."""
from __future__ import annotations

from collections.abc import Iterable


from .extract import reextract
from .ingest.sites import SiteLearner
from .store import Store
from .store.schema import articles


def reprocess(store: Store, article_ids: Iterable[int]) -> int:
    """Re-extract each article's stored HTML; returns how many texts changed (idempotent).

    Copies keep pointing at their original's text, so only originals are rewritten.
    """
    learner = SiteLearner.load(store)
    changed = 0
    for article_id in article_ids:
        row = store.get_article(article_id)
        html = store.raw_html(article_id)
        if row is None or html is None or row["duplicate_of"] is not None:
            continue
        found = reextract(html, row["url"], learner.templates)
        if not found.text or (found.text == row["text"] and (found.title or row["title"]) == row["title"]):
            continue
        with store.engine.begin() as conn:
            conn.execute(articles.update().where(articles.c.id == article_id).values(
                text=found.text, title=found.title or row["title"], word_count=len(found.text.split())))
        changed += 1
    return changed
