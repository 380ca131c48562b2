"""Tagging: actors (from watchlists), places (from a gazetteer) and events (from a lexicon).

Pure functions over an article's ``(title, text, lang)``; every tag carries the sentence
that shows it. Entry point: :func:`tag_article`.
"""
from tidings.tag.events import Lexicon, Trigger, find_triggers, get_lexicon
from tidings.tag.gazetteer import Gazetteer, Place, build_gazetteer, get_gazetteer
from tidings.tag.linking import EventLink, link_actors, link_sentence
from tidings.tag.sentences import split_sentences
from tidings.tag.tagger import Tag, article_sentences, tag_article
from tidings.tag.text import Sentence, fold, tokenize
from tidings.tag.watchlist import (Actor, ActorMatch, Watchlist, example_watchlist, load_watchlist,
                                   save_watchlist)

EVENT_TYPES = ("attack", "clash", "airstrike", "explosion", "killing", "kidnapping", "arrest",
               "protest", "statement", "agreement", "ceasefire", "seizure")

__all__ = [
    "Actor", "ActorMatch", "EVENT_TYPES", "EventLink", "Gazetteer", "Lexicon", "Place", "Sentence", "Tag", "Trigger",
    "Watchlist", "article_sentences", "build_gazetteer", "example_watchlist", "find_triggers", "fold",
    "get_gazetteer", "get_lexicon", "link_actors", "link_sentence", "load_watchlist", "save_watchlist", "split_sentences",
    "tag_article", "tokenize",
]
