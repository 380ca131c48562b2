"""Trend charts: a PNG/SVG file with matplotlib, or a small inline SVG for web pages.

Stories (distinct events) are dark bars; articles (reports) are light bars behind them, so
the gap between the two — the same event told many times — stays visible.
"""
from __future__ import annotations

import itertools
import math
from datetime import timedelta
from html import escape
from pathlib import Path

from tidings.trends.buckets import Bucket, totals

STORY_COLOR = "#1f4e79"
ARTICLE_COLOR = "#b9cde5"
FORMATS = {".png": "png", ".svg": "svg"}
LABEL_WIDTH = 66  # px an axis date takes at font size 10 ("2025-07-07"), with a gap
_ids = itertools.count(1)


def _span_days(buckets: list[Bucket]) -> float:
    if len(buckets) < 2:
        return 1.0
    return max(1.0, (buckets[1].period_start - buckets[0].period_start).days)


def render_chart(buckets: list[Bucket], path: str, title: str = "") -> Path:
    """Draw ``buckets`` to ``path`` (``.png`` or ``.svg``, chosen by the extension).

    Uses matplotlib's object API with the Agg canvas (no GUI, no global pyplot state), so it
    is safe in a web server's threads. Returns the path written.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    out = Path(path)
    fmt = FORMATS.get(out.suffix.lower())
    if fmt is None:
        raise ValueError(f"chart file must end in .png or .svg, not {out.suffix or '(none)'}")
    fig = Figure(figsize=(10, 4), dpi=100, layout="constrained")
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    width = _span_days(buckets)
    starts = [b.period_start for b in buckets]
    centres = [s + timedelta(days=width / 2) for s in starts]
    ax.bar(centres, [b.articles for b in buckets], width=width * 0.9, color=ARTICLE_COLOR,
           label="articles (reports)")
    ax.bar(centres, [b.stories for b in buckets], width=width * 0.55, color=STORY_COLOR,
           label="stories (distinct events)")
    locator = AutoDateLocator(minticks=3, maxticks=10)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(ConciseDateFormatter(locator))
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylabel("count")
    ax.set_title(title or "Stories and articles per period", loc="left", fontsize=12)
    ax.grid(axis="y", alpha=0.3)
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(loc="lower right", bbox_to_anchor=(1.0, 1.0), ncols=2, frameon=False, fontsize=9)
    if not buckets:
        ax.text(0.5, 0.5, "no data", transform=ax.transAxes, ha="center", va="center")
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out, format=fmt)
    return out


def describe(buckets: list[Bucket]) -> str:
    """A one-sentence summary of the trend, for screen readers and captions."""
    if not buckets:
        return "No stories in this period."
    stories, articles = totals(buckets)
    peak = max(buckets, key=lambda b: (b.stories, b.articles))
    return (f"{len(buckets)} periods from {buckets[0].period_start.isoformat()} to "
            f"{buckets[-1].period_start.isoformat()}: {stories} distinct stories told in "
            f"{articles} articles; most stories ({peak.stories}) in the period starting "
            f"{peak.period_start.isoformat()}.")


def render_svg_inline(buckets: list[Bucket], *, title: str = "Stories per period",
                      width: int = 640, height: int = 200) -> str:
    """A small self-contained SVG (no script) with an accessible title and description.

    Each period is a group with its own ``<title>`` (shown as a tooltip):
    "2025-07-07: 9 stories, 31 articles".
    """
    uid = f"trend{next(_ids)}"
    left, right, top, bottom = 36, 8, 10, 24
    plot_w, plot_h = width - left - right, height - top - bottom
    top_value = max([b.articles for b in buckets] + [b.stories for b in buckets] + [1])
    step = plot_w / max(len(buckets), 1)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-labelledby="{uid}-t {uid}-d" class="trend">',
        f'<title id="{uid}-t">{escape(title)}</title>',
        f'<desc id="{uid}-d">{escape(describe(buckets))}</desc>',
        f'<line x1="{left}" y1="{top + plot_h}" x2="{width - right}" y2="{top + plot_h}" stroke="#666"/>',
        f'<text x="{left - 4}" y="{top + 8}" text-anchor="end" font-size="10" fill="#333">{top_value}</text>',
        f'<text x="{left - 4}" y="{top + plot_h}" text-anchor="end" font-size="10" fill="#333">0</text>',
    ]
    for i, b in enumerate(buckets):
        parts.append(_bar_group(b, left + i * step, step, top, plot_h, top_value))
    parts += _axis_labels(buckets, left, step, height)
    parts.append("</svg>")
    return "".join(parts)


def _bar_group(b: Bucket, x: float, step: float, top: int, plot_h: int, top_value: int) -> str:
    def bar(value: int, inset: float, color: str) -> str:
        h = plot_h * value / top_value
        return (f'<rect x="{x + inset:.1f}" y="{top + plot_h - h:.1f}" width="{max(step - 2 * inset, 0.5):.1f}" '
                f'height="{h:.1f}" fill="{color}"/>')
    label = f"{b.period_start.isoformat()}: {b.stories} stories, {b.articles} articles"
    return (f'<g><title>{escape(label)}</title>{bar(b.articles, step * 0.05, ARTICLE_COLOR)}'
            f'{bar(b.stories, step * 0.22, STORY_COLOR)}</g>')


def _axis_labels(buckets: list[Bucket], left: int, step: float, height: int) -> list[str]:
    if not buckets:
        return [f'<text x="{left + 4}" y="{height / 2:.0f}" font-size="12" fill="#333">no data</text>']
    every = max(1, len(buckets) // 6, math.ceil(LABEL_WIDTH / step))  # labels never overlap
    shown = sorted(set(range(0, len(buckets), every)) | {len(buckets) - 1})
    return [f'<text x="{left + i * step + step / 2:.1f}" y="{height - 8}" text-anchor="middle" '
            f'font-size="10" fill="#333">{buckets[i].period_start.isoformat()}</text>'
            for i in shown if i == len(buckets) - 1 or len(buckets) - 1 - i >= every]
