"""A small key-value table for state that is one JSON document (e.g. clusterer state)."""
from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa

from .db import upsert
from .schema import kv
from .sources import utcnow


class KVQueries:
    engine: sa.Engine

    def kv_get(self, key: str, default: Any = None, conn: sa.Connection | None = None) -> Any:
        query = sa.select(kv.c.value).where(kv.c.key == key)
        if conn is not None:
            value = conn.execute(query).scalar()
        else:
            with self.engine.connect() as own:
                value = own.execute(query).scalar()
        return default if value is None else json.loads(value)

    def kv_set(self, key: str, value: Any, conn: sa.Connection | None = None) -> None:
        if conn is None:
            with self.engine.begin() as own:
                return self.kv_set(key, value, own)
        payload = json.dumps(value, separators=(",", ":"))
        upsert(conn, kv, [dict(key=key, value=payload, updated=utcnow())], ["key"])
