"""The ``tidings cluster --in A.jsonl --out C.json`` logic, I/O at the edges.

Input records are ``{id, date, lang, title, text}`` (extra fields are ignored). They are fed
to :class:`StoryClusterer` in date order; records without a usable date come **first, in
file order** — they carry no time, so they never close a story on time and any later
article may still join the stories they start. Records with equal dates keep file order.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import date, datetime, timezone
from pathlib import Path

from tidings.cluster.clusterer import DEFAULT, ClusterDoc, ClusterParams, StoryClusterer


def parse_date(value: object) -> datetime | None:
    """An ISO date or date-time (``2013-05-02``, ``…T10:00:00Z``) as a datetime, else None."""
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip().replace("Z", "+00:00")
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        try:
            return datetime.fromisoformat(text[:10])
        except ValueError:
            return None


def to_doc(record: dict) -> ClusterDoc:
    """A ClusterDoc from one input record (missing fields become empty)."""
    return ClusterDoc(
        id=record["id"],
        title=str(record.get("title") or ""),
        text=str(record.get("text") or ""),
        lang=str(record.get("lang") or "en"),
        date=parse_date(record.get("date")),
    )


def stream_order(docs: Iterable[ClusterDoc]) -> list[ClusterDoc]:
    """Undated documents first in input order, then dated ones by date (stable)."""
    listed = list(docs)
    undated = [d for d in listed if d.date is None]
    dated = [d for d in listed if d.date is not None]
    dated.sort(key=lambda d: _sort_key(d.date))
    return undated + dated


def _sort_key(when: datetime) -> str:
    """Sort key in UTC; naive times are taken as UTC."""
    if when.tzinfo is not None:
        when = when.astimezone(timezone.utc).replace(tzinfo=None)
    return when.isoformat()


def cluster_records(records: Iterable[dict],
                    params: ClusterParams = DEFAULT) -> dict[str, int]:
    """Cluster ``records`` as a date-ordered stream; return ``{id: story}``."""
    clusterer = StoryClusterer(params)
    return {str(doc.id): clusterer.add(doc) for doc in stream_order(map(to_doc, records))}


def read_jsonl(path: str | Path) -> Iterator[dict]:
    """Records of a JSON-lines file; blank lines skipped, a bad line raises ValueError."""
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                raise ValueError(f"{path}:{number}: not JSON ({error.msg})") from None
            if not isinstance(record, dict) or "id" not in record:
                raise ValueError(f"{path}:{number}: expected an object with an 'id'")
            yield record


def cluster_file(in_path: str | Path, out_path: str | Path,
                 params: ClusterParams = DEFAULT) -> dict[str, int]:
    """Read ``in_path`` (JSONL), cluster it, write ``{id: story}`` JSON to ``out_path``."""
    assignment = cluster_records(read_jsonl(in_path), params)
    Path(out_path).write_text(json.dumps(assignment, indent=0) + "\n", encoding="utf-8")
    return assignment
