"""Logging set-up: human-readable lines by default, one JSON object per line on request.

``TIDINGS_LOG_FORMAT=json`` (or ``setup_logging(fmt="json")``) switches to JSON lines with
``ts``, ``level``, ``logger``, ``msg``, any ``extra=`` fields, and ``exc`` for tracebacks.
"""
from __future__ import annotations

import json
import logging
import os
import sys
from datetime import datetime, timezone

_RESERVED = set(logging.LogRecord("", 0, "", 0, "", (), None).__dict__) | {"message", "asctime"}
TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class JsonFormatter(logging.Formatter):
    """Format records as single-line JSON objects."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "ts": datetime.fromtimestamp(record.created, timezone.utc).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
        }
        for key, value in record.__dict__.items():
            if key not in _RESERVED and not key.startswith("_"):
                entry[key] = value
        if record.exc_info:
            entry["exc"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str, ensure_ascii=False)


def log_format(fmt: str | None = None) -> str:
    """``json`` or ``text``: the argument, else ``TIDINGS_LOG_FORMAT``, else ``text``."""
    fmt = (fmt or os.environ.get("TIDINGS_LOG_FORMAT") or "text").strip().lower()
    return "json" if fmt == "json" else "text"


def setup_logging(level: int | str = logging.WARNING, fmt: str | None = None,
                  stream=None) -> logging.Handler:
    """Configure the root logger once (replacing its handlers); returns the handler."""
    handler = logging.StreamHandler(stream or sys.stderr)
    if log_format(fmt) == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter(TEXT_FORMAT))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    return handler
