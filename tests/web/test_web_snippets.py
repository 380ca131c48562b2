"""Excerpts and highlighted snippets: publisher limits, word boundaries, folding, safe markup."""
from __future__ import annotations

from tidings.store.fts import parse_query
from tidings.store.snippets import excerpt, highlight, snippet_limit
from tidings.web.templating import highlighted, outlink


def test_snippet_limit_honours_publisher_rules():
    assert snippet_limit(300) == 300
    assert snippet_limit(300, nosnippet=True) == 0
    assert snippet_limit(300, max_snippet=0) == 0
    assert snippet_limit(300, max_snippet=50) == 50
    assert snippet_limit(300, max_snippet=-1) == 300
    assert snippet_limit(300, max_snippet=1000) == 300


def test_excerpt_cuts_at_a_word_and_never_exceeds_the_limit():
    text = "one two three four five six seven eight nine ten " * 10
    quoted = excerpt(text, 30)
    assert quoted.endswith("…") and len(quoted) <= 31 and not quoted[:-1].endswith(" ")
    assert text.startswith(quoted[:-1])
    assert excerpt("short  text\n\nhere", 300) == "short text here"
    assert excerpt("anything", 0) == ""


def test_highlight_finds_folded_phrases_and_prefixes():
    text = ("Filler sentence number one. " * 12 + "The CAFÉ reopened after the Prime-Minister's "
            "elections, electing nobody. " + "More filler text follows here. " * 12)
    snip = highlight(text, parse_query('cafe "prime minister" elect*').terms(), 120)
    marked = [snip.text[s:e] for s, e in snip.spans]
    assert marked == ["CAFÉ", "Prime-Minister", "elections", "electing"]
    assert len(snip.text.strip("…")) <= 120 and snip.text.startswith("…")


def test_highlight_without_match_starts_at_the_beginning():
    snip = highlight("Nothing relevant here at all. " * 20, parse_query("zebra").terms(), 50)
    assert snip.text.startswith("Nothing relevant") and snip.spans == []


def test_whole_words_only():
    snip = highlight("Herat and Heratis and preherat", parse_query("herat").terms(), 100)
    assert [snip.text[s:e] for s, e in snip.spans] == ["Herat"]


def test_highlighted_markup_is_escaped_and_balanced():
    text = '<b>x</b> & "floods"'
    html = str(highlighted(text, [(12, 18), (0, 3), (100, 120)]))
    assert html == '<mark>&lt;b&gt;</mark>x&lt;/b&gt; &amp; &#34;<mark>floods</mark>&#34;'


def test_outlink_only_links_http():
    assert 'rel="noopener noreferrer nofollow"' in str(outlink("https://a.example/x", "<A>"))
    assert "&lt;A&gt;" in str(outlink("https://a.example/x", "<A>"))
    for bad in ("javascript:alert(1)", "data:text/html,x", "//evil.example", "https://", "http://a b.example",
                "vbscript:x", "JaVaScRiPt:alert(1)", "file:///etc/passwd"):
        assert "<a " not in str(outlink(bad, "x")), bad


def test_highlight_shows_the_window_with_the_most_hits():
    text = ("A lone flood at the start. " + "Filler words without the term. " * 20
            + "Flood warnings, flood barriers and flood relief came together. " + "Closing filler. " * 20)
    snip = highlight(text, parse_query("flood").terms(), 100)
    assert [snip.text[s:e].lower() for s, e in snip.spans] == ["flood"] * 3
    assert "lone" not in snip.text
