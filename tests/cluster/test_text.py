from tidings.cluster.text import doc_bags, stem, tokens


def test_stem_folds_plurals_and_verb_forms():
    assert stem("earthquakes") == stem("earthquake")
    assert stem("injuries") == "injury"
    assert stem("checked") == stem("checking") == "check"
    assert stem("bus") == "bus"


def test_capitalised_words_become_entities_but_not_sentence_starts():
    bags = doc_bags("", "The police said Anna Berglund left. Police found her car in Malibu.",
                    "en")
    assert "e:anna berglund" in bags.entities
    assert "e:berglund" in bags.entities
    assert "e:malibu" in bags.entities
    assert "e:police" not in bags.entities      # written in lower case elsewhere
    assert "e:the" not in bags.entities


def test_headline_case_title_words_need_support():
    common = {"storm", "hits"}.__contains__
    bags = doc_bags("Storm Hits Korvala Coast Hard", "Rain fell in Korvala all night.", "en",
                    common)
    assert "e:korvala" in bags.title_entities
    assert "e:storm" not in bags.entities and "e:hits" not in bags.entities


def test_numbers_keep_their_scale_and_weekdays_are_kept():
    bags = doc_bags("", "Thieves took $ 108 million, or 85 million euros, on Thursday; "
                        "2,290 points; a 5.9 quake.", "en")
    assert {"n:108m", "n:85m", "n:2290", "n:5.9", "d:thursday"} <= set(bags.numbers)


def test_tokens_mark_boundaries_and_strip_possessives():
    kinds = [(k, t) for k, t, _ in tokens("Berglund's film. 12 people")]
    assert kinds == [("w", "Berglund"), ("w", "film"), ("p", ""), ("n", "12"),
                     ("w", "people")]


def test_other_languages_are_not_stemmed():
    bags = doc_bags("Die Wahlen", "Die Wahlen in Berlin fanden statt.", "de")
    assert "wahlen" in bags.title and "die" not in bags.title


def test_each_number_keeps_its_own_scale_and_repeats_are_counted():
    bags = doc_bags("", "Quake left 5 million homeless; 5 people died. Later 5 million more "
                        "were hit (12 percent).", "en")
    assert bags.numbers["n:5m"] == 2 and bags.numbers["n:5"] == 1
    assert bags.numbers["n:12%"] == 1


def test_tokens_keep_inner_apostrophes_and_drop_possessives_only():
    words = [t for k, t, _ in tokens("Obama's aide did n't go to O'Neill's café’s bar.")
             if k == "w"]
    assert words == ["Obama", "aide", "did", "n't", "go", "to", "O'Neill", "café", "bar"]


def test_name_runs_span_connectors_but_not_sentence_ends_or_a_lone_connector():
    bags = doc_bags("", "Police met Vincent van Gogh in Arles. DA Smith spoke. The DA left.", "en")
    assert "e:vincent gogh" in bags.entities and "e:arles" in bags.entities
    assert "e:arles da" not in bags.entities and "e:da" not in bags.entities


def test_non_ascii_names_are_found_like_ascii_ones():
    bags = doc_bags("", "Rescuers reached Çanakkale and Zürich. Officials in İzmir said so.", "en")
    assert {"e:çanakkale", "e:zürich"} <= set(bags.entities)


def test_bags_do_not_depend_on_the_term_cache(monkeypatch):
    import tidings.cluster.text as text
    sample = ("Storm Hits Korvala Coast", "Rain fell on Korvala; 3,500 homes lost power, "
              "officials said on Monday. Rains and storms are expected.")
    before = doc_bags(*sample, "en")
    monkeypatch.setattr(text, "_CACHE_SIZE", 4)
    monkeypatch.setattr(text, "_TERMS", {})
    after = doc_bags(*sample, "en")
    assert len(text._TERMS["en"]) <= 40
    for bag in ("title", "body", "entities", "numbers"):
        assert list(getattr(after, bag).items()) == list(getattr(before, bag).items())


def test_the_headline_and_lead_figures_leave_years_weekdays_and_dates_out():
    bags = doc_bags("Twelve killed as gunmen storm checkpoint in Valdor, 20 hurt",
                    "Residents of Valdor woke to gunfire. At least 12 people were killed "
                    "on Tuesday, 14 March 2019, by a group founded in 2009 with 3,000 fighters. "
                    "Police said 44 houses burned.", "en")
    assert bags.specific == {"n:12": 2, "n:20": 1, "n:3000": 1}
    assert {"n:44", "n:2019", "n:2009", "d:tuesday"} <= set(bags.numbers)


def test_number_words_count_as_figures_in_english_only():
    assert set(doc_bags("Nine dead, twenty hurt", "", "en").specific) == {"n:9", "n:20"}
    assert not doc_bags("Nine dead", "", "de").specific
    assert set(doc_bags("9 Tote in Valdor", "", "de").specific) == {"n:9"}


def test_the_lead_is_the_first_two_sentences():
    from tidings.cluster.text import lead_end
    text = "It began at 5 p.m. on the coast. Then \u201cthe wall fell.\u201d Third one!\nFourth."
    assert text[:lead_end(text, 2)] == ("It began at 5 p.m. on the coast. "
                                        "Then \u201cthe wall fell.\u201d")
    assert text[:lead_end(text, 3)] == text[:text.index("\n")]
    assert lead_end("No full stop here", 2) == len("No full stop here")
    lines = "Line one\nline two\nline three"
    assert lines[:lead_end(lines, 2)].split() == ["Line", "one", "line", "two"]
