"""The shipped starter list: parses, and is global (outlets, languages, regions, Central/South Asia)."""
from __future__ import annotations

from urllib.parse import urlsplit

from tidings.sources.opml import starter_outlines


def test_starter_list_is_broad():
    outlines = starter_outlines()
    outlets = {urlsplit(o.site_url or o.url).hostname.removeprefix("www.") for o in outlines}
    languages = {o.lang.split("-")[0] for o in outlines}
    regions = {o.category.split(" / ")[0] for o in outlines}
    assert len(outlets) >= 90
    assert len(languages) >= 10
    assert len(regions) >= 6
    assert all(o.lang and o.category and o.title for o in outlines)


def test_starter_list_urls_are_well_formed():
    outlines = starter_outlines()
    assert len({o.url for o in outlines}) == len(outlines)
    for outline in outlines:
        assert outline.url.startswith("https://"), outline
        if outline.is_site:
            assert outline.url == outline.site_url
        else:
            assert outline.site_url.startswith("https://"), outline


def test_central_and_south_asia_are_covered():
    outlines = starter_outlines()
    titles = {o.title for o in outlines}
    for name in ("Azattyk (RFE/RL Kyrgyz)", "Ozodi (RFE/RL Tajik)", "Azattyq (RFE/RL Kazakh)",
                 "Ozodlik (RFE/RL Uzbek)", "Radio Azadi", "TOLOnews", "Pajhwok Afghan News",
                 "Khaama Press", "Amu TV", "Afghanistan International", "Hasht-e Subh",
                 "Asia-Plus", "Eurasianet", "24.kg", "Kun.uz", "Kabar", "Gazeta.uz", "Dawn",
                 "The Express Tribune", "ThePrint", "Scroll.in", "The Kathmandu Post",
                 "The Daily Star"):
        assert name in titles
    central = [o for o in outlines if o.category == "Central Asia"]
    assert {"ky", "tg", "kk", "uz"} <= {o.lang for o in central}
    assert any(o.category == "South Asia / Afghanistan" for o in outlines)
