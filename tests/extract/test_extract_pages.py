"""extract() on small handcrafted pages: what the reader must and must not see."""
from __future__ import annotations

from datetime import datetime, timezone

from tests.extract.extract_helpers import PARAS, TITLE, article_page

from tidings.extract import extract


def paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n\n") if p]


def test_article_text_is_the_paragraphs_separated_by_blank_lines():
    found = extract(article_page(), "https://courier.example/news/water")
    assert paragraphs(found.text) == PARAS
    assert found.title == TITLE
    assert found.site_name == "The Valley Courier"


def test_title_is_not_repeated_in_the_body():
    found = extract(article_page())
    assert TITLE not in found.text
    assert found.text.startswith(PARAS[0])


def test_bylines_dates_captions_and_share_widgets_are_dropped():
    before = ("<p class='byline'>By Maria Jensen</p><p>Published 12 March 2024, 10:15</p>"
              "<figure><img src='/pipes.jpg'><figcaption>Workers inspect a pipe. "
              "Photo: Valley Courier</figcaption></figure><p>Photo: Jan Berg/Valley Courier</p>")
    inside_end = ("<p>Share this article</p><p>Leave a comment</p>"
                  "<p>Sign up for our morning newsletter to get the day's top stories.</p>")
    found = extract(article_page(before=before, inside_end=inside_end))
    for furniture in ("Maria Jensen", "12 March 2024", "Workers inspect", "Jan Berg",
                      "Share this", "Leave a comment", "newsletter"):
        assert furniture not in found.text
    assert paragraphs(found.text) == PARAS


def test_related_link_lists_and_teaser_runs_are_dropped():
    inside_end = ("<p>Related: <a href='/x'>Council delays vote on parking fees</a></p>"
                  "<ul><li><a href='/1'>Harbour festival returns</a></li>"
                  "<li><a href='/2'>New bus line opens in May</a></li>"
                  "<li><a href='/3'>School budget approved</a></li></ul>")
    found = extract(article_page(inside_end=inside_end))
    assert "parking fees" not in found.text and "bus line" not in found.text
    assert paragraphs(found.text) == PARAS


def test_canonical_link_is_absolute_and_without_tracking_parameters():
    head = '<link rel="canonical" href="/news/water-board?utm_source=rss&id=7&fbclid=abc#top">'
    found = extract(article_page(head=head), "https://www.courier.example/x?gclid=1")
    assert found.canonical_url == "https://www.courier.example/news/water-board?id=7"


def test_og_url_is_used_when_there_is_no_canonical_link():
    head = '<meta property="og:url" content="https://courier.example/news/water?utm_medium=social">'
    assert extract(article_page(head=head)).canonical_url == "https://courier.example/news/water"


def test_page_url_is_the_fallback_canonical_and_a_homepage_canonical_is_ignored():
    head = '<link rel="canonical" href="https://courier.example/">'
    found = extract(article_page(head=head), "https://courier.example/news/water?utm_campaign=x")
    assert found.canonical_url == "https://courier.example/news/water"


def test_credit_from_a_canonical_link_to_another_host():
    head = '<link rel="canonical" href="https://origin.example/story/123">'
    found = extract(article_page(head=head), "https://courier.example/news/water")
    assert found.credit_url == "https://origin.example/story/123"


def test_credit_from_source_and_first_appeared_paragraphs():
    for line in ('<p>Source: <a href="https://wire.example/water?utm_source=x">Wire Service</a></p>',
                 '<p><em>This article first appeared on <a href="https://origin.example/a">'
                 'Origin News</a> and is republished with permission.</em></p>',
                 '<p>Originally published at <a href="https://blog.example/post/9">the author\'s blog'
                 '</a>.</p>',
                 '<p class="via">Via <a href="https://agency.example/">Agency</a></p>'):
        found = extract(article_page(inside_end=line), "https://courier.example/news/water")
        assert found.credit_url.startswith("https://"), line
        assert "courier.example" not in found.credit_url
        assert "utm_source" not in found.credit_url


def test_no_credit_for_ordinary_links_or_links_to_the_same_site():
    paras = PARAS[:2] + ['Officials cited <a href="https://stats.example/report">a national '
                         'report</a> on leaks in older cities.']
    inside_end = '<p>Source: <a href="https://courier.example/archive">our archive</a></p>'
    found = extract(article_page(paras=paras, inside_end=inside_end),
                    "https://www.courier.example/news/water")
    assert found.credit_url == ""


def test_robots_meta_gives_the_snippet_policy():
    head = ('<meta name="robots" content="max-snippet:120, noindex">'
            '<meta name="googlebot" content="nosnippet">')
    policy = extract(article_page(head=head)).snippet
    assert policy.max_snippet == 120 and policy.noindex and policy.nosnippet


def test_x_robots_tag_header_and_other_agents():
    policy = extract(article_page(), headers={"X-Robots-Tag": "max-snippet:50"}).snippet
    assert policy.max_snippet == 50 and not policy.nosnippet
    other = extract(article_page(), headers={"x-robots-tag": "otherbot: nosnippet"}).snippet
    assert not other.nosnippet
    unlimited = extract(article_page(head='<meta name="robots" content="max-snippet:-1">')).snippet
    assert unlimited.max_snippet is None


def test_data_nosnippet_content_is_excluded_from_text():
    paras = PARAS[:3] + ['<span data-nosnippet>Subscribers-only detail: the contract is worth '
                         'twelve million euros.</span> The board will meet again in May.']
    found = extract(article_page(paras=paras))
    assert "twelve million" not in found.text
    assert "meet again in May" in found.text


def test_language_is_detected_and_overrides_a_wrong_declaration():
    pt = ["O conselho municipal aprovou na terça-feira um plano para substituir os canos antigos "
          "do centro histórico, uma obra que deve levar pelo menos três anos.",
          "Os moradores reclamam há uma década da água escura e das quedas de pressão, e a "
          "pesquisa do próprio conselho encontrou vazamentos em mais de um terço da rede."]
    found = extract(article_page(paras=pt * 2, lang="en", title="Conselho aprova plano"))
    assert found.lang == "pt"
    assert extract(article_page(lang="en-GB")).lang == "en"
    ko = ["시의회는 화요일 구시가지의 낡은 수도관을 교체하는 계획을 승인했으며 공사는 최소 3년이 걸릴 것으로 보인다."] * 4
    assert extract(article_page(paras=ko, lang="")).lang == "ko"


def test_dates_and_author_from_metadata_and_json_ld():
    head = ('<meta property="article:published_time" content="2024-03-12T10:15:00+01:00">'
            '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "x",'
            ' "dateModified": "2024-03-13T08:00:00Z", "author": {"@type": "Person",'
            ' "name": "Maria Jensen"}, "image": ["https://cdn.example/p.jpg"]}</script>')
    found = extract(article_page(head=head), "https://courier.example/news/water")
    assert found.published == datetime(2024, 3, 12, 9, 15, tzinfo=timezone.utc)
    assert found.modified == datetime(2024, 3, 13, 8, 0, tzinfo=timezone.utc)
    assert found.author == "Maria Jensen"
    assert found.image == "https://cdn.example/p.jpg"


def test_date_from_url_when_the_page_has_none():
    found = extract(article_page(), "https://courier.example/2023/11/19/water-plan")
    assert found.published == datetime(2023, 11, 19, tzinfo=timezone.utc)


def test_bytes_in_a_declared_legacy_charset():
    html = article_page(paras=["Le conseil a approuvé un crédit de trois millions d'euros pour "
                               "réparer les canalisations, a déclaré la présidente élue."] * 3,
                        lang="fr").replace('charset="utf-8"', 'charset="iso-8859-1"')
    found = extract(html.encode("latin-1"))
    assert "approuvé" in found.text and "millions d'euros" in found.text


def test_garbage_and_empty_input_give_empty_results():
    for junk in (b"", "   ", b"\x00\xff\xfe garbage", "<html></html>", "plain words only"):
        found = extract(junk, "https://courier.example/x")
        assert found.text in ("", "plain words only")


def test_short_real_sentences_that_resemble_furniture_are_kept():
    tricky = ["Topics discussed included water and rail.",
              "Contact tracing teams at the hospital were overwhelmed.",
              "The lawsuit alleges copyright infringement by the agency.",
              "Trending upward, the index gained three percent.",
              "More on that later, the chair said.",
              "Markets closed at 4:30 p.m. on Friday.",
              "By the end of the year, the board expects the first contracts.",
              "Readers can subscribe to the council's minutes at the town hall."]
    found = extract(article_page(paras=PARAS[:2] + tricky + PARAS[2:]))
    assert paragraphs(found.text) == PARAS[:2] + tricky + PARAS[2:]


def test_long_paragraphs_are_never_dropped_for_a_phrase():
    long_para = ("Related: the council has argued for years that the newsletter it sends to every "
                 "household, which carries the copyright notice of the printing firm and asks "
                 "residents to sign up for alerts, is the cheapest way to reach older residents "
                 "who do not use the internet, and it plans to keep printing it next year.")
    found = extract(article_page(paras=PARAS[:2] + [long_para] + PARAS[2:]))
    assert long_para in found.text
