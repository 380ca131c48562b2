"""Site template learning: repeated blocks go, shared real paragraphs stay."""
from __future__ import annotations

import json
import random

from tests.extract.extract_helpers import article_page

from tidings.extract import (MemoryBlockStats, SiteTemplates, TemplatePolicy, clean_text, extract,
                             fingerprint, reextract)

DISCLAIMER = ("Disclaimer: this story was generated from a syndicated feed and has not been "
              "edited by our staff.")
QUOTE = "“We will rebuild the bridge before winter,” the mayor told the council on Monday."
WORDS = ("harbour council budget bridge school water transit market river union report court "
         "farmers teachers nurses rail port energy housing tax festival museum hospital").split()


def article(rng: random.Random, n: int = 5) -> list[str]:
    """Distinct made-up paragraphs."""
    return [" ".join(rng.choice(WORDS) for _ in range(30)).capitalize() + "." for _ in range(n)]


def learn(templates: SiteTemplates, host: str, pages: list[list[str]]) -> None:
    for blocks in pages:
        templates.observe(host, blocks, page_key=f"{host}/{templates.stats.host_pages(host)}")


def test_disclaimer_on_28_of_30_pages_goes_and_a_quote_on_2_of_30_stays():
    rng, host, t = random.Random(1), "wire.example", SiteTemplates()
    pages = []
    for i in range(30):
        blocks = article(rng)
        if i not in (4, 11):
            blocks.append(DISCLAIMER)
        if i in (7, 21):
            blocks.insert(2, QUOTE)
        pages.append(blocks)
    learn(t, host, pages)
    assert t.is_boilerplate(host, DISCLAIMER)
    assert not t.is_boilerplate(host, QUOTE)
    assert not any(t.verdicts(host, pages[7][:2]))


def test_learning_needs_three_pages_and_then_copes_with_a_tiny_site():
    rng, host, t = random.Random(2), "tiny.example", SiteTemplates()
    learn(t, host, [article(rng) + [DISCLAIMER] for _ in range(2)])
    assert not t.is_boilerplate(host, DISCLAIMER)
    learn(t, host, [article(rng) + [DISCLAIMER]])
    assert t.is_boilerplate(host, DISCLAIMER)


def test_a_quote_shared_by_three_consecutive_articles_survives():
    rng, host, t = random.Random(3), "news.example", SiteTemplates()
    learn(t, host, [article(rng) + [QUOTE] for _ in range(3)])
    assert not t.is_boilerplate(host, QUOTE)


def test_updates_of_one_story_keep_their_shared_paragraphs():
    rng, host, t = random.Random(4), "news.example", SiteTemplates()
    learn(t, host, [article(rng) for _ in range(10)])
    story = article(random.Random(99), 6)
    updates = [story + article(rng, 1) for _ in range(3)]
    learn(t, host, updates)
    assert not any(t.verdicts(host, updates[2]))
    assert clean_text("\n\n".join(updates[2]), host, t) == "\n\n".join(updates[2])


def test_a_block_that_appears_rarely_is_not_boilerplate():
    rng, host, t = random.Random(5), "blog.example", SiteTemplates()
    pages = [article(rng) + (["Background: the port opened in 1962."] if i % 6 == 0 else [])
             for i in range(30)]
    learn(t, host, pages)
    assert not t.is_boilerplate(host, "Background: the port opened in 1962.")


def test_template_change_is_learned_and_old_blocks_stay_known():
    rng, host, t = random.Random(6), "post.example", SiteTemplates()
    old, new = "Shared under a non-commercial licence.", "Found an error? Write to the desk."
    learn(t, host, [article(rng) + [old] for _ in range(100)])
    learn(t, host, [article(rng) + [new] for _ in range(3)])
    assert t.is_boilerplate(host, new)
    assert t.is_boilerplate(host, old)


def test_hosts_are_learned_separately_and_pages_are_counted_once():
    rng, t = random.Random(7), SiteTemplates()
    learn(t, "a.example", [article(rng) + [DISCLAIMER] for _ in range(5)])
    assert t.is_boilerplate("a.example", DISCLAIMER)
    assert not t.is_boilerplate("b.example", DISCLAIMER)
    blocks = article(rng) + [QUOTE]
    for _ in range(6):
        t.observe("c.example", blocks, page_key="https://c.example/same")
    assert t.stats.host_pages("c.example") == 1


def test_normalisation_ignores_case_digits_and_punctuation():
    assert fingerprint("Posted in News | 4 comments") == fingerprint("posted in news - 17 Comments")
    assert fingerprint("Posted in News") != fingerprint("Posted in Sport")
    assert fingerprint("") == 0 and fingerprint("1234 !!") == 0


def test_rows_round_trip_and_change_log():
    rng, t = random.Random(8), SiteTemplates()
    learn(t, "a.example", [article(rng) + [DISCLAIMER] for _ in range(4)])
    stats = t.stats
    rows = stats.rows()
    assert rows[0] == ("a.example", 0, 4, 1, 4)
    assert ("a.example", fingerprint(DISCLAIMER), 4, 1, 4) in rows
    copy = SiteTemplates(MemoryBlockStats.from_rows(json.loads(json.dumps(rows))))
    assert copy.is_boilerplate("a.example", DISCLAIMER)
    assert MemoryBlockStats.from_json(stats.to_json()).rows() == rows
    changed, removed = stats.take_changes()
    assert len(changed) == len(rows) and removed == []
    t.observe("a.example", [DISCLAIMER], page_key="new")
    changed, _ = stats.take_changes()
    assert sorted(changed) == sorted([("a.example", 0, 5, 1, 5),
                                      ("a.example", fingerprint(DISCLAIMER), 5, 1, 5)])


def test_pruning_forgets_old_single_sightings_only():
    rng = random.Random(9)
    t = SiteTemplates(policy=TemplatePolicy(prune_every=10, forget_singletons_after=20))
    learn(t, "a.example", [article(rng) + [DISCLAIMER] for _ in range(60)])
    records = t.stats.records("a.example")
    assert fingerprint(DISCLAIMER) in records
    assert len(records) < 60 * 5 // 2
    assert t.is_boilerplate("a.example", DISCLAIMER)


def test_blocks_unseen_for_long_are_forgotten_and_learned_again_when_they_return():
    rng = random.Random(12)
    t = SiteTemplates(policy=TemplatePolicy(prune_every=10, forget_unseen_after=50))
    related = "Related: the minister's visit to the port, and what it means for trade"
    learn(t, "a.example", [article(rng) + [DISCLAIMER] + ([related] if i < 8 else []) for i in range(40)])
    assert fingerprint(related) in t.stats.records("a.example")  # seen 8 times, 32 pages ago
    learn(t, "a.example", [article(rng) + [DISCLAIMER] for _ in range(30)])
    assert fingerprint(related) not in t.stats.records("a.example")
    assert t.is_boilerplate("a.example", DISCLAIMER)  # seen on every page: kept
    learn(t, "a.example", [article(rng) + [DISCLAIMER, related] for _ in range(3)])
    assert t.is_boilerplate("a.example", related)


def test_extract_with_site_removes_the_disclaimer_and_reextract_cleans_early_pages():
    rng, t = random.Random(10), SiteTemplates()
    inside = f'<div class="note"><p>{DISCLAIMER}</p></div>'
    htmls = [article_page(paras=article(rng), inside_end=inside) for _ in range(5)]
    urls = [f"https://wire.example/news/{i}" for i in range(5)]
    results = [extract(h, u, site=t) for h, u in zip(htmls, urls)]
    assert DISCLAIMER in results[0].text
    assert all(DISCLAIMER not in r.text for r in results[2:])
    assert DISCLAIMER not in clean_text(results[0].text, "wire.example", t)
    again = reextract(htmls[0], urls[0], t)
    assert DISCLAIMER not in again.text and again.text
    assert t.stats.host_pages("wire.example") == 5


def test_default_policy_keeps_a_host_to_a_few_dozen_pages_of_single_sightings():
    rng = random.Random(11)
    t = SiteTemplates()
    pages = [article(rng) + [DISCLAIMER] for _ in range(200)]
    learn(t, "a.example", pages)
    per_page = sum(len(p) for p in pages) / len(pages)
    assert len(t.stats.records("a.example")) < 45 * per_page  # not 200 pages' worth
    assert t.is_boilerplate("a.example", DISCLAIMER)
