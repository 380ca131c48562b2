"""Trends: how many distinct stories (not articles) per day, week or month, and charts.

``count_trends(rows, by)`` is pure; ``trend_rows_query`` builds the rows' query from the
store's tables; ``render_chart`` / ``render_svg_inline`` / ``to_csv`` / ``to_json`` present.
"""
from tidings.trends.buckets import PERIODS, Bucket, count_trends, next_period, period_start, periods, totals
from tidings.trends.charts import describe, render_chart, render_svg_inline
from tidings.trends.export import to_csv, to_json
from tidings.trends.sql import trend_rows_query

__all__ = ["PERIODS", "Bucket", "count_trends", "describe", "next_period", "period_start", "periods",
           "render_chart", "render_svg_inline", "to_csv", "to_json", "totals", "trend_rows_query"]
