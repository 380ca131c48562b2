"""Prometheus metrics shared by the pipeline and the web process.

The pipeline imports and updates these; the web process serves them at ``/metrics``
together with gauges read from the database at scrape time (see ``tidings.web.ops``)::

    from tidings.metrics import FETCHES, FETCH_SECONDS
    FETCHES.labels(outcome="ok").inc()
    with FETCH_SECONDS.time():
        ...
"""
from __future__ import annotations

from prometheus_client import Counter, Gauge, Histogram

FETCHES = Counter("tidings_fetches", "Fetches of feeds and pages, by outcome (ok, not_modified, error).",
                  ["outcome"])
FETCH_ERRORS = Counter("tidings_fetch_errors", "Failed fetches, by kind (dns, timeout, ssrf, http, ...).",
                       ["kind"])
ARTICLES = Counter("tidings_articles", "Articles stored by this process.")
QUEUE_SOURCES_DUE = Gauge("tidings_queue_sources_due", "Sources due for polling now.")
FETCH_SECONDS = Histogram("tidings_fetch_seconds", "Time to fetch one URL, in seconds.",
                          buckets=(0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60))
HTTP_REQUESTS = Counter("tidings_http_requests", "Web requests served, by route and status class.",
                        ["route", "status"])
HTTP_SECONDS = Histogram("tidings_http_request_seconds", "Time to answer a web request, in seconds.",
                         ["route"], buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5))
ALERTS_SENT = Counter("tidings_alerts_sent", "Alert notifications sent, by channel (webhook, email).",
                      ["channel"])
ALERT_ERRORS = Counter("tidings_alert_errors", "Alert notifications that failed, by channel.", ["channel"])

__all__ = ["ALERTS_SENT", "ALERT_ERRORS", "ARTICLES", "FETCHES", "FETCH_ERRORS", "FETCH_SECONDS",
           "HTTP_REQUESTS", "HTTP_SECONDS", "QUEUE_SOURCES_DUE"]
