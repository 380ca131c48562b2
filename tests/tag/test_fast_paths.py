"""The tagger's fast paths give what the plain ways give: tokens without the regex, spans
without a second scan, event regexes run only where a word may begin a trigger, place
heads from a memo."""
from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest

from tidings.tag import Sentence, get_gazetteer, get_lexicon, split_sentences
from tidings.tag.gazetteer import Gazetteer, Place
from tidings.tag.prefixes import PrefixIndex, word_prefixes
from tidings.tag.text import _TOKEN, fold, is_capitalised, is_word, split_words

DATA = Path(__file__).with_name("data")
TRICKY = ["", "   ", "Kâboul, KABOUL; kaboul…", "U.S.-led \u201cforces\u201d (NRF) — 3.5%",
          "cafe\u0301 na\u0131ve \u00a8 \u2122 x\u200cy", "حمله\u200cهای هوایی طالبان،", "a_b __ 1_2 ²",
          "tab\tand\x1cseparator\u2028line", "Ｆｕｌｌ ｗｉｄｔｈ ﬁ ligature", "-'-x-'", "ــ tatweel ـ"]


def _texts() -> list[str]:
    texts = list(TRICKY)
    for name in ("labelled.jsonl", "heldout.jsonl", "eventcases.jsonl"):
        for line in (DATA / name).read_text(encoding="utf-8").splitlines():
            item = json.loads(line)
            texts += [item["title"], *split_sentences(item["text"])]
    rng = random.Random(7)
    alphabet = [chr(i) for i in range(0x20, 0x700)] + list(" \u200c\u0301\u064b\u2019,.-'")
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 30))) for _ in range(2000)]
    return texts


TEXTS = _texts()


def test_words_folds_and_spans_are_the_regex_tokens():
    for text in TEXTS:
        sentence = Sentence.of(text)
        matches = list(_TOKEN.finditer(text))
        assert sentence.words == [m.group() for m in matches], text
        assert sentence.folds == [fold(m.group()) for m in matches], text
        assert sentence.joined == " ".join(sentence.folds)
        assert sentence.spans == [m.span() for m in matches], text
        assert [t.folded for t in sentence.tokens] == sentence.folds


def test_token_at_finds_the_token_of_a_joined_position():
    sentence = Sentence.of("The NRF attacked Taliban posts, officials said.")
    for index, folded in enumerate(sentence.folds):
        start = sentence.joined.index(folded, sum(len(f) + 1 for f in sentence.folds[:index]))
        assert sentence.token_at(start) == index


@pytest.mark.parametrize("pattern, expected", [
    ("bomb(?:s|ing)?", {"bomb", "bombs", "bombing"}),
    ("air(?:| | - )strikes?", {"air", "airstrik"}),  # cut at a space and at eight letters
    ("(?:a|the|peace) deals?", {"deal", "deals"}),  # the word after a space is rarer
    ("fought(?! off)", {"fought"}),
    ("kidnapp\\w*", {"kidnapp"}),
    ("\\w+ (?:of )?\\w+", None),
    ("(?i)attack", None),
])
def test_word_prefixes(pattern, expected):
    assert word_prefixes(pattern) == (frozenset(expected) if expected is not None else None)


def test_prefix_index_names_the_patterns_a_text_may_match():
    index = PrefixIndex({"deal": word_prefixes("(?:a|the) deals?"), "any": None,
                         "bomb": word_prefixes("bomb(?:s|ing)?")})
    assert index.keys("they struck a deal".split(" ")) == {"deal", "any"}
    assert index.keys("bombings and deals".split(" ")) == {"deal", "any", "bomb"}
    assert index.keys("nothing here".split(" ")) == {"any"}
    assert index.keys(["odd word"]) == {"deal", "any", "bomb"}  # a space inside a word: anything


def test_lexicon_matches_are_those_of_every_regex():
    """Skipping the regexes no word may begin gives the matches of running them all."""
    lex = get_lexicon()
    texts = TEXTS + ["they struck a deal", "the peace deal", "air - strikes and airstrikes",
                     "halt to the fighting", "cease fire", "حمله هوایی", "اتش بس"]
    for text in texts:
        joined = Sentence.of(text).joined
        for langs in (["en"], ["fa"], sorted(lex.langs)):
            everything = [(etype, priority, m.start(), m.end())
                          for priority, etype in enumerate(lex.types) for lang in langs
                          if (lang, etype) in lex._regex for m in lex._regex[(lang, etype)].finditer(joined)]
            assert sorted(lex.matches(joined, langs)) == sorted(everything), (text, langs)


def test_gazetteer_openers_are_capitalised_name_heads_and_demonyms():
    gaz = get_gazetteer()
    for text in TEXTS:
        words = Sentence.of(text).words
        expected = [i for i, w in enumerate(words) if is_word(w) and (
            (fold(w) in gaz.longest and is_capitalised(w)) or fold(w) in gaz.demonyms)]
        assert gaz.openers(words) == expected, text


def test_gazetteer_openers_follow_additions():
    gaz = Gazetteer()
    assert gaz.openers(["Zorbatown", "is", "far"]) == []
    gaz.add("Zorbatown", Place("x:1", "Zorbatown", "city", "ZZ", population=1))
    assert gaz.openers(["Zorbatown", "is", "far"]) == [0]
    assert gaz.openers(["zorbatown", "is", "far"]) == []  # not capitalised


@pytest.mark.parametrize("text", ["A.B.C. Nope... ok. Mr. X! Y? z", "Dr. No. The end", "x -. Y", "U.S. The",
                                  "e.g. Foo. I.B.M. officials. Bar", "a" * 300 + ". B"])
def test_sentence_ends_after_the_usual_words(text):
    """The splitter's linear-time regexes: pieces rejoin to the text, and never split a title."""
    pieces = split_sentences(text)
    assert " ".join(pieces).split() == text.split()
    assert not any(re.search(r"\b(?:Mr|Dr)\.$", p) for p in pieces)
