"""The search query language: parsing, and compiling to FTS5 and tsquery, safely."""
from __future__ import annotations

import sqlite3

from hypothesis import given, settings, strategies as st

from tidings.store.fts import Term, parse_query, to_fts5, to_tsquery


def test_words_are_anded_and_quoted():
    query = parse_query('flood warning')
    assert [g[0].tokens for g in query.groups] == [("flood",), ("warning",)]
    assert to_fts5(query) == '"flood" AND "warning"'


def test_phrase_prefix_or_and_exclusion():
    query = parse_query('"Prime Minister" elect* kabul OR herat -pakistan -"peace talks"')
    assert query.groups[0] == (Term(("prime", "minister")),)
    assert query.groups[1] == (Term(("elect",), prefix=True),)
    assert query.groups[2] == (Term(("kabul",)), Term(("herat",)))
    assert query.excluded == (Term(("pakistan",)), Term(("peace", "talks")))
    assert to_fts5(query) == ('("prime minister" AND "elect" * AND ("kabul" OR "herat")) '
                              'NOT ("pakistan" OR "peace talks")')
    assert to_tsquery(query) == ("((('prime' <-> 'minister')) & (('elect':*)) & (('kabul') | ('herat'))) "
                                 "& !(('pakistan') | ('peace' <-> 'talks'))")


def test_hyphenated_word_becomes_a_phrase_and_not_prefix_too_short():
    assert to_fts5(parse_query("al-Qaeda")) == '"al qaeda"'
    assert to_fts5(parse_query("e*")) == '"e"'
    assert parse_query("NOT x y").excluded == (Term(("x",)),)


def test_nothing_positive_is_empty():
    for text in ("", "   ", "-only", '!!! ((( ))) ""', "OR AND NOT", "*"):
        query = parse_query(text)
        assert query.empty, text
        assert to_fts5(query) == "" and to_tsquery(query) == ""


def test_term_count_and_length_are_bounded():
    query = parse_query(" ".join(f"w{i}" for i in range(100)))
    assert len(query.groups) == 16
    assert len(parse_query("a" * 10_000).groups[0][0].tokens[0]) == 500


_DB = sqlite3.connect(":memory:", check_same_thread=False)
_DB.execute("CREATE VIRTUAL TABLE f USING fts5(title, text, tokenize='unicode61 remove_diacritics 2', "
            "prefix='2 3')")
_DB.execute("INSERT INTO f VALUES ('Floods in Herat', 'the \"prime\" minister said: al-Qaeda*')")
HOSTILE = st.text(alphabet=st.sampled_from(list('ab "*-()ORNDTA:^+|\\\'{}.,é中\x00\n')), max_size=60)


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(max_size=80), HOSTILE))
def test_any_input_compiles_to_a_valid_fts5_expression(text):
    expression = to_fts5(parse_query(text))
    if expression:
        _DB.execute("SELECT rowid FROM f WHERE f MATCH ?", (expression,)).fetchall()
