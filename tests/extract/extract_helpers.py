"""Helpers for the extraction tests: small handcrafted article pages, the benchmark folder."""
from __future__ import annotations

from pathlib import Path

PARAS = [
    "The regional water board approved a plan on Tuesday to replace the aging pipes under the "
    "old town, a project that engineers say will take at least three years to complete.",
    "Residents have complained for a decade about brown water and sudden pressure drops, and "
    "the board's own survey found leaks in more than a third of the mains it inspected.",
    "The plan will be paid for by a mix of national grants and a modest increase in water "
    "bills, which the board estimates at about four euros a month for an average household.",
    "Opposition members said the timeline was unrealistic and asked for an independent review "
    "of the cost estimates before any contract is signed with a construction company.",
]
TITLE = "Water board backs plan to replace old town pipes"


def article_page(*, head: str = "", before: str = "", after: str = "", inside_end: str = "",
                 paras: list[str] | None = None, title: str = TITLE, lang: str = "en") -> str:
    """A realistic article page with navigation, sidebar and footer around the article."""
    body = "".join(f"<p>{p}</p>" for p in (paras or PARAS))
    return f"""<!doctype html><html lang="{lang}"><head><meta charset="utf-8">
<title>{title} | The Valley Courier</title>
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="The Valley Courier">
{head}</head><body>
<header><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav></header>
<main><article><h1>{title}</h1>{before}
<div class="article-body">{body}{inside_end}</div></article>{after}
<aside class="sidebar"><h3>Most read</h3><ul><li><a href="/a">Council delays vote on parking fees</a></li>
<li><a href="/b">Harbour festival returns this summer</a></li></ul></aside></main>
<footer><p>Copyright 2024 The Valley Courier. All rights reserved.</p></footer></body></html>"""


def bench_dir() -> Path | None:
    """The shared extraction benchmark folder, wherever shared/ sits."""
    here = Path(__file__).resolve()
    for root in (here.parents[3] / "shared", here.parents[2] / "shared", Path("/work/shared")):
        folder = root / "bench" / "extraction"
        if (folder / "ground-truth.json").exists():
            return folder
    return None
