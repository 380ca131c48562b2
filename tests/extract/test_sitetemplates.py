"""Site template learning: repeated blocks go, shared real paragraphs stay."""
from __future__ import annotations

import json
import random

from tests.extract.extract_helpers import article_page

from tidings.extract import (BlockRecord, MemoryBlockStats, SiteTemplates, TemplatePolicy, clean_text,
                             extract, fingerprint, reextract)
from tidings.extract.sitetemplates import RecentKeys

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


def test_a_host_of_one_off_blocks_stays_under_its_cap_and_keeps_its_template():
    """Each page links 40 other stories, each link on 2 pages: no single sightings to forget and
    none quiet for 300 pages — without the cap the host would hold ~6,000 records."""
    rng, host, t = random.Random(13), "links.example", SiteTemplates()
    cap = t.policy.max_blocks_per_host
    largest = 0
    for i in range(300):
        links = [f"Related story {spelled(n)} of the desk" for n in range(20 * i, 20 * i + 40)]
        blocks = article(rng) + links + [DISCLAIMER]
        t.observe(host, blocks, page_key=f"{host}/{i}")
        largest = max(largest, t.stats.count(host))
        if i in (30, 150, 299):
            assert t.is_boilerplate(host, DISCLAIMER)
    assert largest <= cap < 300 * 20
    assert t.stats.count(host) == len(t.stats.records(host))
    assert t.is_boilerplate(host, DISCLAIMER)
    learn(t, host, [article(rng) + [QUOTE] for _ in range(2)])
    assert not t.is_boilerplate(host, QUOTE)  # a real shared quote still survives


def test_the_cap_holds_even_for_one_page_with_more_blocks_than_it():
    t = SiteTemplates(policy=TemplatePolicy(max_blocks_per_host=50))
    learn(t, "a.example", [[DISCLAIMER] + [f"Block {spelled(n)}" for n in range(10)] for _ in range(5)])
    t.observe("a.example", [DISCLAIMER] + [f"Widget {spelled(n)} of the sidebar" for n in range(500)], page_key="big")
    assert t.stats.count("a.example") <= 50
    assert t.is_boilerplate("a.example", DISCLAIMER)


def spelled(n: int) -> str:
    """A word for ``n`` (block keys drop digits): 0 -> "a", 12 -> "bc"."""
    return "".join(chr(ord("a") + int(d)) for d in str(n))


def _stats_with(records: dict[int, BlockRecord], pages: int) -> MemoryBlockStats:
    rows = [("a.example", 0, pages, 1, pages)] + [("a.example", h, r.pages, r.first_seen, r.last_seen)
                                                    for h, r in records.items()]
    return MemoryBlockStats.from_rows(rows)


def test_eviction_goes_by_share_of_pages_since_first_seen_and_keeps_templates_last():
    records = {
        1: BlockRecord(90, 1, 100),  # the template: on 90 of 100 pages
        2: BlockRecord(3, 98, 100),  # a new template, on the last 3 pages
        3: BlockRecord(1, 100, 100),  # a paragraph of the latest page
        4: BlockRecord(1, 80, 80),  # a paragraph 20 pages ago: 1/21
        5: BlockRecord(3, 20, 40),  # a related link: 3/81
        6: BlockRecord(3, 10, 30),  # an older one: 3/91
        7: BlockRecord(2, 51, 60),  # 2/50, quiet since page 60 ...
        8: BlockRecord(2, 51, 90),  # ... the same share, seen at page 90: goes after 7
    }
    order = []
    for cap in range(len(records) - 1, 0, -1):
        stats = _stats_with(records, 100)
        t = SiteTemplates(stats, TemplatePolicy(max_blocks_per_host=cap))
        assert t.evict("a.example") == len(records) - cap
        order.append(next(h for h in records if h not in stats.records("a.example") and h not in order))
    assert order == [6, 5, 7, 8, 4, 3, 1]


def test_eviction_frees_a_tenth_of_the_cap_at_once():
    t = SiteTemplates(policy=TemplatePolicy(max_blocks_per_host=100))
    t.observe("a.example", [f"Block {spelled(n)}" for n in range(101)], page_key="p")
    assert t.stats.count("a.example") == 90
    for n in range(10):
        t.observe("a.example", [f"Other block {spelled(n)}"], page_key=f"q{n}")
    assert t.stats.count("a.example") == 100  # no eviction until the cap is passed again


def test_recent_keys_forget_the_older_half_never_everything():
    keys = RecentKeys(10)
    assert all(keys.add(n) for n in range(10))
    assert not keys.add(0) and not keys.add(9)
    assert keys.add(10)  # the newer half was full: keys 0-4 are dropped, 5-9 kept
    assert len(keys) == 6
    assert not any(keys.add(n) for n in range(5, 11))
    assert keys.add(0)


def test_pages_seen_lately_are_not_counted_twice_after_many_others():
    t = SiteTemplates(remember_pages=100)
    assert t.observe("a.example", [DISCLAIMER], page_key="https://a.example/first")
    for n in range(60):
        t.observe("a.example", [DISCLAIMER], page_key=f"https://a.example/{n}")
    assert not t.observe("a.example", [DISCLAIMER], page_key="https://a.example/59")
    assert t.stats.host_pages("a.example") == 61


def test_records_are_kept_packed_and_come_back_whole_at_any_size():
    stats = MemoryBlockStats()
    big = BlockRecord(2**31 + 5, 3_000_000_000, 4_000_000_000)
    stats.store("a.example", {7: big, 8: BlockRecord(1, 2, 3)})
    assert stats.lookup("a.example", [7, 8, 9]) == {7: big, 8: BlockRecord(1, 2, 3)}
    assert MemoryBlockStats.from_rows(stats.rows()).records("a.example") == stats.records("a.example")
    assert all(type(v) is int for v in stats._hosts["a.example"].values())
