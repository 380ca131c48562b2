"""Operations: health check, Prometheus metrics, JSON logs, robots.txt and static files."""
from __future__ import annotations

import io
import json
import logging

from prometheus_client.parser import text_string_to_metric_families

from tidings import metrics
from tidings.logs import JsonFormatter, setup_logging


def test_healthz(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json() == {"status": "ok", "database": "sqlite"}


def test_healthz_reports_a_dead_database(client, sqlite_store, monkeypatch):
    def broken():
        raise RuntimeError("database is gone")
    monkeypatch.setattr(sqlite_store, "ping", broken)
    assert client.get("/healthz").status_code == 503


def test_metrics_are_prometheus_text_with_database_gauges(client):
    metrics.FETCHES.labels(outcome="ok").inc()
    metrics.FETCH_ERRORS.labels(kind="dns").inc()
    metrics.FETCH_SECONDS.observe(0.2)
    metrics.QUEUE_SOURCES_DUE.set(4)
    client.get("/")
    response = client.get("/metrics")
    assert response.headers["content-type"].startswith("text/plain")
    families = {f.name: f for f in text_string_to_metric_families(response.text)}
    for name in ("tidings_fetches", "tidings_fetch_errors", "tidings_articles", "tidings_queue_sources_due",
                 "tidings_fetch_seconds", "tidings_http_requests", "tidings_http_request_seconds"):
        assert name in families, name
    gauges = {f.name: f.samples[0].value for f in families.values() if f.name.startswith("tidings_db_")}
    assert gauges == {"tidings_db_articles": 6, "tidings_db_stories": 3, "tidings_db_sources": 3,
                      "tidings_db_sources_with_errors": 1}
    routes = {s.labels.get("route") for s in families["tidings_http_requests"].samples}
    assert "/" in routes and all(r is None or r.startswith("/") or r in ("other", "cache") for r in routes)


def test_json_logs():
    stream = io.StringIO()
    handler = setup_logging(logging.INFO, fmt="json", stream=stream)
    try:
        logging.getLogger("tidings.test").info("polled %d sources", 3, extra={"source_id": 7})
        try:
            raise ValueError("boom")
        except ValueError:
            logging.getLogger("tidings.test").exception("failed")
    finally:
        logging.getLogger().removeHandler(handler)
    first, second = [json.loads(line) for line in stream.getvalue().splitlines() if line.startswith("{")][:2]
    assert first["msg"] == "polled 3 sources" and first["level"] == "info" and first["source_id"] == 7
    assert first["logger"] == "tidings.test" and first["ts"].endswith("+00:00")
    assert "ValueError: boom" in second["exc"]
    assert isinstance(handler.formatter, JsonFormatter)


def test_log_format_from_environment(monkeypatch):
    from tidings.logs import log_format
    monkeypatch.setenv("TIDINGS_LOG_FORMAT", "json")
    assert log_format() == "json"
    monkeypatch.setenv("TIDINGS_LOG_FORMAT", "text")
    assert log_format() == "text"


def test_static_and_robots(client):
    css = client.get("/static/style.css")
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")
    assert len(css.content) < 20_000
    assert "Disallow: /admin/" in client.get("/robots.txt").text
