"""Site-boilerplate benchmark: synthetic sites whose pages repeat template blocks.

Each synthetic site publishes articles (text generated here from word lists) inside its
own HTML template, with its own repeated blocks — disclaimers, promos, newsletter boxes,
comment prompts, section notes — in different places, often *inside* the article container
where single-page extractors keep them. Some sites are special: one publishes only four
pages, one changes its template half-way, one has real paragraphs shared between articles
(a quote on 2 of 30 pages, another on 3 pages in a row, and three near-identical updates of
one story) that must survive.

Pages are extracted three ways: without site learning; with learning, online, in
publication order; and online followed by re-cleaning every stored text with
``clean_text`` (what ``tidings reprocess`` does). Scored with the extraction benchmark's
``score.py`` against the generated ground truth; also counted: pages where a repeated block
survives ("leaked", target 0) and pages that lost a shared real paragraph (target 0).

Run: ``.venv/bin/python bench/boilerplate.py`` (about 30 s) or ``--quick``.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from rich.console import Console
from rich.table import Table

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from tidings.extract import ArticleBoxes, SiteTemplates, clean_text, extract  # noqa: E402

SCORER = Path("/work/shared/bench/extraction/score.py")
_WORDS = re.compile(r"\w+")

PLACES = ["Norvale", "Kestrel Bay", "Old Marrow", "Tessing", "Lindqvist Harbour", "Brannock",
          "East Calder", "Quillon", "Saint Odile", "Varnholm", "Pell Ridge", "Oskarby"]
ORGS = ["the regional water board", "the Norvale transit authority", "Halden Robotics",
        "the university hospital", "the port workers' union", "the national weather office",
        "Greywell Foods", "the city council", "the fisheries ministry", "Tamsin Energy",
        "the chamber of commerce", "the district court"]
PEOPLE = ["Ilona Varga", "Tomas Reyes-Holt", "Amara Okonkwo", "Pieter Lund", "Mei Sato",
          "Rafael Duarte", "Sunniva Berg", "Kwame Mensah", "Lucia Ferrante", "Hamid Karimi"]
SUBJECTS = ["Officials in {place}", "A spokesperson for {org}", "Researchers working with {org}",
            "Residents of {place}", "{person}, who has followed the issue for years,",
            "Members of {org}", "Engineers from {org}", "Local traders in {place}"]
VERBS = ["said on {day} that", "warned that", "confirmed that", "argued that", "estimated that",
         "told reporters that", "wrote in a statement that", "expect that"]
CLAUSES = ["the new budget would cover {n} additional inspections", "repairs to the old bridge "
           "could take {n} weeks", "demand for the service rose by {n} percent last year",
           "the plan leaves {n} households without a clear answer", "the delay cost roughly "
           "{n} million in lost revenue", "{n} volunteers had signed up within a day",
           "the pilot project will expand to {place} next spring", "talks with {org} "
           "would resume after the holidays", "the findings were consistent across {n} sites",
           "prices at the market fell for the {n}th week in a row"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
EXTRAS = ["The decision follows months of debate.", "Critics say the timeline is unrealistic.",
          "No date has been set for a vote.", "The figures have not been independently verified.",
          "A final report is expected in the autumn.", "Similar measures were tried in {place}.",
          "The council meets again next month.", "Opposition members called for more detail."]


def sentence(rng: random.Random) -> str:
    """One made-up news sentence."""
    fill = {"place": rng.choice(PLACES), "org": rng.choice(ORGS), "person": rng.choice(PEOPLE),
            "day": rng.choice(DAYS), "n": rng.randint(2, 480)}
    if rng.random() < 0.25:
        return rng.choice(EXTRAS).format(**fill)
    text = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(CLAUSES)}.".format(**fill)
    return text[0].upper() + text[1:]


def paragraph(rng: random.Random) -> str:
    """Two to five sentences."""
    return " ".join(sentence(rng) for _ in range(rng.randint(2, 5)))


def headline(rng: random.Random) -> str:
    return f"{rng.choice(PLACES)} {rng.choice(['weighs', 'delays', 'backs', 'rejects', 'reviews'])} " \
           f"{rng.choice(['bridge plan', 'transit fares', 'harbour deal', 'school budget', 'water rules'])} " \
           f"after {rng.choice(['long debate', 'protests', 'new report', 'court ruling'])}"


@dataclass
class SiteSpec:
    """A synthetic site: its host, template slots and repeated blocks."""

    host: str
    pages: int
    top: list[str] = field(default_factory=list)      # inside the article, before the text
    middle: list[str] = field(default_factory=list)   # inside the article, after paragraph 2
    end: list[str] = field(default_factory=list)      # inside the article, after the text
    outside: list[str] = field(default_factory=list)  # after the article container
    some: list[str] = field(default_factory=list)     # end block on every other page
    change_at: int = 0                                # template change: page index
    after_change: list[str] = field(default_factory=list)


SITES = [
    SiteSpec("daily-norvale.example", 30,
             end=["Disclaimer: This story was generated from a syndicated wire feed and has not "
                  "been edited by Daily Norvale staff. Facts should be checked with the original "
                  "publisher."]),
    SiteSpec("harbour-notes.example", 30,
             end=["Leave a Comment", "Enjoyed this piece? Get Harbour Notes in your inbox every "
                  "Friday, with the week's best reads from the coast."],
             outside=["Share this: Facebook Twitter Email"]),
    SiteSpec("kestrel-times.example", 30,
             middle=["Support independent local journalism in Kestrel Bay: become a member today "
                     "for the price of a coffee a month."],
             top=["Listen to this article"]),
    SiteSpec("quillon-review.example", 30,
             top=["Editor's note: this article is part of our continuing coverage of the region's "
                  "infrastructure."],
             some=["Opinion pieces reflect the views of their authors, not those of the Quillon "
                   "Review editorial board."]),
    SiteSpec("tiny-gazette.example", 4,
             end=["The Tiny Gazette is a volunteer-run newsletter for the Pell Ridge valley. "
                  "Tips and letters are always welcome."]),
    SiteSpec("varnholm-post.example", 30, change_at=15,
             end=["Varnholm Post articles may be shared with attribution for non-commercial use."],
             after_change=["Found an error in this story? Write to the corrections desk and we "
                           "will review it within two working days."]),
    SiteSpec("brannock-ledger.example", 30,
             end=["Posted in Local News | 4 comments | Share on Facebook"]),
]
QUOTE_TWICE = "“We will not stop until the old bridge is safe for every family in Brannock,” " \
              "said Mayor Ilona Varga at the public meeting."
QUOTE_RUN = "“The harbour belongs to the people who work in it, not to the investors who " \
            "visit once a year,” union leader Kwame Mensah told the crowd."


@dataclass
class Page:
    """One generated page and what the benchmark knows about it."""

    key: str
    host: str
    url: str
    html: str
    truth: str
    repeated: list[str]
    shared: list[str]


def build_pages(quick: bool, seed: int = 7) -> list[Page]:
    """All pages of all sites, interleaved in publication order."""
    rng = random.Random(seed)
    per_site: list[list[Page]] = []
    for spec in SITES:
        count = spec.pages if not quick else min(spec.pages, 12)
        per_site.append([_page(spec, i, count, rng) for i in range(count)])
    ordered, longest = [], max(len(p) for p in per_site)
    for i in range(longest):
        ordered.extend(pages[i] for pages in per_site if i < len(pages))
    return ordered


def _page(spec: SiteSpec, i: int, count: int, rng: random.Random) -> Page:
    paras = [paragraph(rng) for _ in range(rng.randint(4, 9))]
    shared = _shared_paragraphs(spec, i, count, paras, rng)
    end = [re.sub(r"\d+", str(rng.randint(0, 40)), b) for b in spec.end]
    if spec.change_at and i >= spec.change_at:
        end = list(spec.after_change)
    some = spec.some if i % 2 == 0 else []
    repeated = spec.top + spec.middle + end + some + spec.outside
    title = headline(rng)
    html = _render(spec, title, paras, end + some, rng)
    key = f"{spec.host.split('.')[0]}__{i:02d}"
    return Page(key, spec.host, f"https://{spec.host}/news/{i:03d}-{_slug(title)}", html,
                "\n\n".join(paras), repeated, shared)


def _shared_paragraphs(spec: SiteSpec, i: int, count: int, paras: list[str],
                       rng: random.Random) -> list[str]:
    """Real paragraphs that several articles of brannock-ledger legitimately share."""
    if not spec.host.startswith("brannock"):
        return []
    shared = []
    if i in (5, min(17, count - 1)):
        paras.insert(2, QUOTE_TWICE)
        shared.append(QUOTE_TWICE)
    if i in (8, 9, 10):
        paras.insert(1, QUOTE_RUN)
        shared.append(QUOTE_RUN)
    if i in (20, 21, 22) and count > 22:
        story = random.Random(99)
        base = [paragraph(story) for _ in range(6)]
        paras[:] = base + [paragraph(rng)]
        shared.extend(base)
    return shared


def _render(spec: SiteSpec, title: str, paras: list[str], end: list[str], rng: random.Random) -> str:
    name = spec.host.split(".")[0].replace("-", " ").title()
    body = [f"<p>{escape(p)}</p>" for p in paras]
    for block in reversed(spec.middle):
        body.insert(2, f'<div class="inline-promo"><p>{escape(block)}</p></div>')
    top = "".join(f"<p><em>{escape(b)}</em></p>" for b in spec.top)
    tail = "".join(f'<div class="article-note"><p>{escape(b)}</p></div>' for b in end)
    outside = "".join(f'<div class="share-bar"><p>{escape(b)}</p></div>' for b in spec.outside)
    related = "".join(f'<li><a href="/news/{rng.randint(100, 999)}">{escape(headline(rng))}</a></li>'
                      for _ in range(5))
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>{escape(title)} | {name}</title><meta property="og:title" content="{escape(title)}">
<meta property="og:site_name" content="{name}"></head><body>
<header><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a>
<a href="/about">About {name}</a></nav></header>
<main><article><h1>{escape(title)}</h1><p class="byline">By {escape(rng.choice(PEOPLE))}</p>
{top}<div class="article-body">{''.join(body)}{tail}</div></article>{outside}
<aside><h3>More from {name}</h3><ul>{related}</ul></aside></main>
<footer><p>© {name} Media. All rights reserved.</p></footer></body></html>"""


def _slug(text: str) -> str:
    return "-".join(_WORDS.findall(text.lower()))[:60]


def _norm(text: str) -> str:
    return " ".join(_WORDS.findall(text.lower()))


def run_mode(pages: list[Page], mode: str) -> tuple[dict[str, str], float]:
    """Texts of every page in one mode: 'single', 'online', 'boxes' (online, with learned article
    boxes as at ingest) or 'reprocess'."""
    templates = SiteTemplates() if mode != "single" else None
    boxes = ArticleBoxes() if mode == "boxes" else None
    texts, start = {}, time.process_time()
    for page in pages:
        texts[page.key] = extract(page.html, page.url, site=templates, boxes=boxes).text
    if mode == "reprocess":
        texts = {p.key: clean_text(texts[p.key], p.host, templates) for p in pages}
    return texts, time.process_time() - start


def leaks(pages: list[Page], texts: dict[str, str]) -> tuple[int, int]:
    """(pages where a repeated block survives, pages that lost a shared real paragraph)."""
    leaked = lost = 0
    for page in pages:
        out = _norm(texts[page.key])
        leaked += any(_norm(b) in out for b in page.repeated)
        lost += any(_norm(s) not in out for s in page.shared)
    return leaked, lost


def score(pages: list[Page], texts: dict[str, str], tmp: Path, name: str) -> dict:
    """4-gram and token scores of ``texts`` (the extraction benchmark's scorer)."""
    gt_dir = tmp / "gt"
    if not gt_dir.exists():
        gt_dir.mkdir()
        (gt_dir / "ground-truth.json").write_text(json.dumps(
            {p.key: {"articleBody": p.truth, "url": p.url} for p in pages}))
    pred, out = tmp / f"{name}.json", tmp / f"{name}-score.json"
    pred.write_text(json.dumps(texts))
    subprocess.run([sys.executable, str(SCORER), str(pred), "--gt", str(gt_dir), "--json", str(out)],
                   check=True, capture_output=True)
    metrics = json.loads(out.read_text())["metrics"]
    return {n: metrics[n]["ALL"] for n in ("4", "1")}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="12 pages per site")
    args = parser.parse_args(argv)
    console = Console(width=max(110, Console().width))
    pages = build_pages(args.quick)
    table = Table(title=f"Site boilerplate: {len(pages)} pages, {len(SITES)} synthetic sites "
                        f"({sum(1 for p in pages if p.repeated)} pages carry repeated blocks)")
    for col in ("mode", "P", "R", "F1", "tok F1", "pageF1", "leaked", "lost", "pages/s"):
        table.add_column(col, justify="left" if col == "mode" else "right", no_wrap=True)
    labels = {"single": "no learning", "online": "learning (online)",
              "boxes": "learning + article boxes (as ingest)", "reprocess": "learning + clean_text"}
    with tempfile.TemporaryDirectory() as tmp_name:
        for mode, label in labels.items():
            texts, seconds = run_mode(pages, mode)
            s = score(pages, texts, Path(tmp_name), mode)
            leaked, lost = leaks(pages, texts)
            table.add_row(label, f"{s['4']['P']:.3f}", f"{s['4']['R']:.3f}", f"{s['4']['F1']:.3f}",
                          f"{s['1']['F1']:.3f}", f"{s['4']['pageF1']:.3f}", str(leaked), str(lost),
                          f"{len(pages) / seconds:.0f}")
    console.print(table)
    console.print("leaked: pages where a repeated template block survives (target 0 after "
                  "reprocess); lost: pages that lost a real paragraph shared with other "
                  "articles (quotes, story updates; target 0).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
