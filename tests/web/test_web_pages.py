"""The HTML pages: content, folding of copies, excerpts within limits, escaping, headers."""
from __future__ import annotations

import re
from datetime import timedelta

import pytest

from tests.web.seed import LOREM, T0
from tidings.store.schema import articles, stories
from tidings.web.security import CSP

PAGES = ["/", "/story/{floods}", "/article/{flood_kp}", "/search?q=floods", "/sources", "/trends"]


def _paths(world):
    ids = {**world.articles, **world.stories}
    return [p.format(**ids) for p in PAGES]


def test_home_lists_stories_with_outlets_languages_and_first_seen(client, world):
    page = client.get("/").text
    assert "Floods hit Herat province" in page
    assert "Reprise des pourparlers à Doha" in page  # the first report's headline names the story
    floods = page[page.index(f'href="/story/{world.stories["floods"]}"'):]
    floods = floods[:floods.index("</li>")]
    assert "3 outlets" in floods and "en, fr" in floods and "2 Mar 2026" in floods
    assert "Kabul Post" in floods and "Le Monde Test" in floods and "Aggregator Hub" in floods


@pytest.mark.parametrize("query, present, absent", [
    ("lang=fr", ["Reprise des", "Floods hit"], ["&lt;script&gt;"]),
    ("place=herat", ["Floods hit"], ["Reprise des"]),
    ("entity=Taliban", ["Reprise des"], ["Floods hit"]),
    ("event=flood", ["Floods hit"], ["Reprise des"]),
])
def test_home_filters(client, query, present, absent):
    page = client.get(f"/?{query}").text
    for text in present:
        assert text in page
    for text in absent:
        assert f">{text}" not in page


def test_home_source_filter(client, world):
    page = client.get(f"/?source={world.sources['lm']}").text
    assert "Floods hit Herat" in page and "Reprise des" in page and "&lt;script&gt;" not in page


def test_story_page_folds_copies_names_first_reporter_and_shows_tags(client, world):
    page = client.get(f"/story/{world.stories['floods']}").text
    assert re.search(r"First reported by <strong>Kabul Post</strong>", page)
    coverage = page[page.index('class="coverage"'):page.index("</ol>", page.index('class="coverage"'))]
    assert coverage.index("Floods hit Herat province<") < coverage.index("Inondations à Herat")
    copies = coverage[coverage.index('class="copies"'):]
    assert "Floods hit Herat province (copy)" in copies and "Aggregator Hub" in copies
    assert coverage.index('class="copies"') < coverage.index("Inondations")  # under its original
    assert "Herat" in page and "Heavy floods hit Herat province on Monday." in page  # tag evidence
    assert "Secret removed" not in page


def test_article_page_has_excerpt_within_limit_and_primary_link(client, world):
    page = client.get(f"/article/{world.articles['flood_kp']}").text
    assert 'class="primary-link" href="https://kp.example/flood-kp" rel="noopener noreferrer nofollow"' in page
    quoted = re.search(r'<blockquote class="excerpt"[^>]*>\s*<p>(.*?)</p>', page, re.S).group(1)
    assert quoted.startswith("Heavy floods hit Herat") and len(quoted) <= 301
    assert LOREM * 6 not in page  # never the full text


def test_copy_links_to_where_it_first_appeared(client, world):
    page = client.get(f"/article/{world.articles['flood_copy']}").text
    assert 'class="primary-link" href="https://kp.example/floods"' in page
    assert "This is a copy" in page and f'href="/article/{world.articles["flood_kp"]}"' in page
    assert "Heavy floods hit Herat" in page  # the original's text, as an excerpt


def test_publisher_snippet_limits(client, world, settings):
    limited = client.get(f"/article/{world.articles['flood_lm']}").text
    quoted = re.search(r'<blockquote class="excerpt"[^>]*>\s*<p>(.*?)</p>', limited, re.S).group(1)
    assert len(quoted.rstrip("…")) <= 40
    quiet = client.get(f"/article/{world.articles['talks_lm']}").text
    assert "blockquote" not in quiet and "not be quoted" in quiet
    assert "Les pourparlers de paix" not in quiet


def test_configurable_excerpt_length(sqlite_store, world):
    from starlette.testclient import TestClient
    from tidings.config import Settings
    from tidings.web.app import create_app
    with TestClient(create_app(sqlite_store, Settings(excerpt_chars=50))) as short:
        page = short.get(f"/article/{world.articles['flood_kp']}").text
    quoted = re.search(r'<blockquote class="excerpt"[^>]*>\s*<p>(.*?)</p>', page, re.S).group(1)
    assert len(quoted.rstrip("…")) <= 50


def test_taken_down_article_disappears_everywhere(client, world):
    removed = world.articles["removed"]
    assert client.get(f"/article/{removed}").status_code == 404
    for path in ("/", f"/story/{world.stories['floods']}", "/search?q=secret", "/feeds/latest.atom",
                 "/feeds/search.atom?q=secret", f"/feeds/story/{world.stories['floods']}.json",
                 "/api/v1/articles?limit=100", f"/api/v1/stories/{world.stories['floods']}",
                 "/api/v1/search?q=secret"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "Secret removed" not in response.text and "never show" not in response.text, path
    assert client.get(f"/api/v1/articles/{removed}").status_code == 404


def test_hostile_content_is_escaped_and_bad_links_are_not_links(client, world):
    for path in ("/", f"/story/{world.stories['xss']}", f"/article/{world.articles['xss']}",
                 "/search?q=floods+javascript"):
        page = client.get(path).text
        assert "<script>" not in page and "<b>bold</b>" not in page and "<img src=x" not in page, path
        assert 'href="javascript:' not in page, path
    article = client.get(f"/article/{world.articles['xss']}").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in article
    assert 'class="primary-link"' not in article and "not a web link" in article


def test_search_page_highlights_safely(client, world):
    page = client.get("/search?q=floods").text
    assert "<mark>floods</mark>" in page or "<mark>Floods</mark>" in page
    assert "&lt;img src=x onerror=alert(1)&gt; javascript:alert(2) <mark>floods</mark>" in page


def test_search_page_filters_and_empty_queries(client, world):
    assert "Inondations" in client.get("/search?q=herat&lang=fr").text
    assert "Inondations" not in client.get("/search?q=herat&lang=en").text
    assert "exclusions alone" in client.get("/search?q=-herat").text
    assert client.get("/search?q=herat&since=2026-03-03").text.count('<ol class="hits">') == 0
    assert client.get("/search?q=x&since=yesterday").status_code == 400
    assert client.get("/search").status_code == 200


def test_sources_page_shows_health(client):
    page = client.get("/sources").text
    assert "dns: cannot resolve" in page and "aggregator" in page and "publisher" in page
    assert "3 sources" in page and "1 with a fetch error" in page


def test_trends_page_renders_a_chart(client):
    page = client.get("/trends?place=Herat&by=day&since=2026-03-01").text
    svg = page[page.index("<svg"):page.index("</svg>")]
    assert svg.count("<rect") >= 2 and "Stories per day" in page


def test_not_found_and_bad_ids(client):
    for path in ("/story/999999", "/story/abc", "/article/0", "/article/-1", "/story/99999999999999999999",
                 "/nope"):
        assert client.get(path).status_code == 404, path
    assert client.get("/?source=x").status_code == 400
    assert client.get("/?page=0").status_code == 400


def test_security_headers_and_page_basics(client, world):
    for path in _paths(world):
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.headers["content-security-policy"] == CSP
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["x-frame-options"] == "DENY"
        assert response.headers["referrer-policy"]
        page = response.text
        assert '<html lang="en">' in page and 'href="#main"' in page and '<main id="main"' in page
        assert "<script" not in page and "style=" not in page  # nothing the CSP would block
        for tag in re.findall(r'<a [^>]*href="https?://[^"]*"[^>]*>', page):
            assert 'rel="noopener noreferrer nofollow"' in tag, tag


def test_form_fields_have_labels(client, world):
    for path in ("/", "/search?q=x", "/trends"):
        page = client.get(path).text
        for field_id in re.findall(r'<(?:input|select|textarea) id="([^"]+)"', page):
            assert f'<label for="{field_id}"' in page, (path, field_id)


def _many_stories(store, world, count=120, per_story=60):
    with store.engine.begin() as conn:
        for n in range(count):
            story_id = conn.execute(stories.insert().values(
                title=f"Story {n}", first_seen=T0, last_seen=T0 + timedelta(minutes=n))).inserted_primary_key[0]
            rows = [dict(source_id=world.sources["kp" if i % 2 else "lm"], url=f"https://kp.example/{n}/{i}",
                         title=f"A long headline number {i} about story {n} with many words in it " * 2,
                         text=LOREM, published=T0, fetched=T0, lang="en", story_id=story_id,
                         primary_url=f"https://kp.example/{n}/{i}") for i in range(per_story)]
            conn.execute(articles.insert(), rows)
            store.touch_story(conn, story_id)
    return story_id


def test_pages_stay_under_100_kb(client, sqlite_store, world):
    big = _many_stories(sqlite_store, world)
    for path in ("/", "/?page=2", f"/story/{big}", f"/story/{big}?page=2", "/search?q=headline", "/sources",
                 "/trends", "/api/v1/stories?limit=100", "/feeds/latest.atom", "/feeds/latest.json"):
        response = client.get(path, headers={"accept-encoding": "identity"})
        assert response.status_code == 200, path
        assert len(response.content) < 100_000, (path, len(response.content))
    home = client.get("/").text
    assert 'rel="next"' in home and client.get("/?page=2").status_code == 200
