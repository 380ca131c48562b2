"""Complaint gauges for ``/metrics``, read from the database at scrape time.

>>> registry.register(ComplaintCollector(store))   # next to tidings.web.ops.DatabaseCollector
"""
from __future__ import annotations

from prometheus_client.core import GaugeMetricFamily

from .complaints import complaint_metrics


class ComplaintCollector:
    """``tidings_complaints_open``, ``..._overdue`` and ``..._median_hours_to_action``."""

    def __init__(self, store) -> None:
        self.store = store

    def collect(self):
        found = complaint_metrics(self.store)
        for key, text in (("open", "Complaints and counter-notices awaiting action."),
                          ("overdue", "Complaints past their 24-hour deadline."),
                          ("median_hours_to_action", "Median hours from receipt to first action.")):
            gauge = GaugeMetricFamily(f"tidings_complaints_{key}", text)
            value = found[key]
            gauge.add_metric([], float("nan") if value is None else float(value))
            yield gauge
