"""CSV, JSON and charts."""
from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from datetime import date, timedelta

import pytest

from tidings.trends import Bucket, render_chart, render_svg_inline, to_csv, to_json

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def buckets() -> list[Bucket]:
    start = date(2025, 6, 2)
    return [Bucket(start + timedelta(weeks=i), i % 4, 3 * (i % 4) + i) for i in range(12)]


def test_csv(buckets):
    text = to_csv(buckets)
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["period_start", "stories", "articles"]
    assert rows[1] == ["2025-06-02", "0", "0"] and rows[2] == ["2025-06-09", "1", "4"]
    assert len(rows) == 13 and text.endswith("\n") and "\r" not in text


def test_json(buckets):
    data = json.loads(to_json(buckets, by="week", entity="NRF"))
    assert data["by"] == "week" and data["entity"] == "NRF"
    assert data["buckets"][2] == {"period_start": "2025-06-16", "stories": 2, "articles": 8}


def test_png_chart(tmp_path, buckets):
    path = render_chart(buckets, str(tmp_path / "trend.png"), "NRF attacks per week")
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 5000


def test_svg_chart(tmp_path, buckets):
    path = render_chart(buckets, str(tmp_path / "sub" / "trend.svg"), "NRF attacks per week")
    root = ET.parse(path).getroot()
    assert root.tag == f"{SVG}svg"
    assert "NRF attacks per week" in path.read_text()


def test_chart_of_nothing_and_bad_extension(tmp_path):
    assert render_chart([], str(tmp_path / "empty.png")).exists()
    with pytest.raises(ValueError):
        render_chart([], str(tmp_path / "trend.gif"))


def test_inline_svg_is_accessible_and_script_free(buckets):
    svg = render_svg_inline(buckets, title="Attacks <by> NRF & co")
    root = ET.fromstring(svg)
    assert root.get("role") == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title.text == "Attacks <by> NRF & co"
    assert "12 periods" in desc.text and "18 distinct stories" in desc.text
    assert set(root.get("aria-labelledby").split()) == {title.get("id"), desc.get("id")}
    groups = root.findall(f"{SVG}g")
    assert len(groups) == 12 and groups[1].find(f"{SVG}title").text == "2025-06-09: 1 stories, 4 articles"
    assert "script" not in svg.lower() and "on" + "load" not in svg


def test_inline_svg_bars_scale_and_ids_differ(buckets):
    a, b = render_svg_inline(buckets), render_svg_inline(buckets)
    assert ET.fromstring(a).get("aria-labelledby") != ET.fromstring(b).get("aria-labelledby")
    heights = [float(r.get("height")) for r in ET.fromstring(a).iter(f"{SVG}rect")]
    assert max(heights) == pytest.approx(200 - 10 - 24)  # the tallest bar fills the plot
    assert ET.fromstring(render_svg_inline([])).find(f"{SVG}desc").text == "No stories in this period."


@pytest.mark.parametrize("periods", [3, 11, 12, 30, 90])
def test_inline_svg_axis_dates_never_overlap_and_the_last_period_is_named(periods):
    start = date(2026, 11, 9)
    days = [Bucket(start + timedelta(days=i), 1, 2) for i in range(periods)]
    root = ET.fromstring(render_svg_inline(days))
    labels = [t for t in root.iter(f"{SVG}text") if t.text and t.text.startswith("20")]
    xs = [float(t.get("x")) for t in labels]
    assert labels[-1].text == days[-1].period_start.isoformat()
    assert all(b - a >= 60 for a, b in zip(xs, xs[1:]))  # a date is ~60 px wide at font size 10
    assert len(labels) >= min(periods, 3)
