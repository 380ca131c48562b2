"""Trend buckets as CSV and JSON."""
from __future__ import annotations

import csv
import io
import json

from tidings.trends.buckets import Bucket

CSV_HEADER = ("period_start", "stories", "articles")


def to_csv(buckets: list[Bucket]) -> str:
    """CSV with a header row: ``period_start,stories,articles`` (ISO dates, ``\\n`` line ends)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for b in buckets:
        writer.writerow((b.period_start.isoformat(), b.stories, b.articles))
    return out.getvalue()


def to_json(buckets: list[Bucket], **meta: object) -> str:
    """JSON: ``{"buckets": [{"period_start", "stories", "articles"}, ...], **meta}``.

    ``meta`` (e.g. ``by="week", entity="NRF"``) is added at the top level as given.
    """
    return json.dumps({**meta, "buckets": [b.to_dict() for b in buckets]}, ensure_ascii=False)
