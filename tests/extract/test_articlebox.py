"""Learned article boxes: the same text as a full extraction, for less work, and never trusted blindly."""
from __future__ import annotations

import random

from tidings.extract import ArticleBoxes, BoxPolicy, extract
from tidings.extract.articlebox import locate
from tidings.extract.parse import parse_html

WORDS = ("harbour council budget bridge school water transit market river union report court "
         "farmers teachers nurses rail port energy housing tax festival museum hospital").split()


def paragraphs(rng: random.Random, n: int = 6) -> list[str]:
    return [" ".join(rng.choice(WORDS) for _ in range(28)).capitalize() + "." for _ in range(n)]


def page(n: int, rng: random.Random, body_class: str = "story-body", teaser: str = "") -> str:
    """An article page of one site's template; the ``<article>`` carries the article's id as a
    class, as WordPress themes do; ``teaser``: a lone paragraph put in the box instead of the
    article, whose real text then sits in a sibling the box does not hold."""
    text = "".join(f"<p>{p}</p>" for p in paragraphs(rng))
    inside, outside = (f"<p>{teaser}</p>", f'<div class="elsewhere"><section>{text}</section></div>') \
        if teaser else (text, "")
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Story {n} | The Valley Courier</title></head><body>
<header><nav><a href="/">Home</a> <a href="/news">News</a></nav></header>
<main><article class="post post-{n}"><h1>Story {n}</h1>
<div class="{body_class}">{inside}</div>{outside}</article>
<aside class="sidebar"><ul><li><a href="/a">Council delays vote on parking fees</a></li></ul></aside></main>
<footer><p>Copyright The Valley Courier.</p></footer></body></html>"""


def url(n: int, host: str = "courier.example") -> str:
    return f"https://{host}/news/{n}"


def test_a_learned_site_is_extracted_from_its_box_with_the_same_text_as_in_full():
    rng, boxes = random.Random(3), ArticleBoxes()
    pages = [(url(n), page(n, rng)) for n in range(40)]
    for address, html in pages:
        boxed, full = extract(html, address, boxes=boxes), extract(html, address)
        assert (boxed.text, boxed.title, boxed.lang) == (full.text, full.title, full.lang)
        assert boxed.text.count("\n\n") == 5
    state = boxes.state("courier.example")
    assert state.trusted and state.path[-2:] == (("article", ("post",)), ("div", ("story-body",)))
    assert boxes.counts.boxed >= 30  # 3 pages to learn, 2 checked, one check in 25 after that
    assert boxes.counts.disagreed == 0


def test_the_box_path_ignores_classes_that_carry_an_id_and_needs_one_match_per_step():
    tree = parse_html('<html><body><main><article class="post post-7"><div class="b"><p>x</p></div>'
                      '</article></main></body></html>')
    path = (("main", ()), ("article", ("post",)), ("div", ("b",)))
    assert locate(tree, path).findtext("p") == "x"
    twice = parse_html('<html><body><main><article class="post"><div class="b"></div></article>'
                       '<article class="post"><div class="b"></div></article></main></body></html>')
    assert locate(twice, path) is None


def test_a_redesign_is_extracted_in_full_then_its_new_box_is_learned():
    rng, boxes = random.Random(4), ArticleBoxes()
    for n in range(10):
        extract(page(n, rng), url(n), boxes=boxes)
    before = boxes.counts.boxed
    redesigned = [(url(n), page(n, rng, body_class="entry-content")) for n in range(10, 30)]
    for address, html in redesigned:
        assert extract(html, address, boxes=boxes).text == extract(html, address).text
    state = boxes.state("courier.example")
    assert state.trusted and state.path[-1] == ("div", ("entry-content",))
    assert boxes.counts.boxed > before and boxes.counts.disagreed == 0


def test_a_box_that_stops_holding_the_article_is_struck_and_trust_then_takes_twice_the_pages():
    rng, boxes = random.Random(5), ArticleBoxes(BoxPolicy(verify_first=0, verify_every=1000))
    for n in range(6):
        extract(page(n, rng), url(n), boxes=boxes)
    assert boxes.state("courier.example").trusted
    teaser = "Read the full story below. " * 3
    odd = page(6, rng, teaser=teaser)
    assert extract(odd, url(6), boxes=boxes).text == extract(odd, url(6)).text  # checked: kept in full
    state = boxes.state("courier.example")
    assert (state.trusted, state.strikes, boxes.counts.disagreed) == (False, 1, 1)
    for n in range(7, 12):  # 3 << 1 = 6 pages in a row are needed now
        extract(page(n, rng), url(n), boxes=boxes)
    assert not state.trusted
    extract(page(12, rng), url(12), boxes=boxes)
    assert state.trusted


def test_pages_of_other_hosts_and_re_cleaning_learn_nothing():
    rng, boxes = random.Random(6), ArticleBoxes(BoxPolicy(max_hosts=3))
    for n in range(5):
        extract(page(n, rng), url(n, f"site{n}.example"), boxes=boxes)
    assert len(boxes) == 3 and boxes.state("site0.example") is None
    assert boxes.state("site4.example").streak == 1
    extract(page(9, rng), url(9, "site4.example"), boxes=boxes, learn=False)
    assert boxes.state("site4.example").streak == 1
