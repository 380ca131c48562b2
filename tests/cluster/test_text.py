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
