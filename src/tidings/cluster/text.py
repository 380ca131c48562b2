"""Turn an article's title and text into the bags of features the clusterer compares.

Everything here is cheap and language-light: lower-cased word stems for the topic of an
article, capitalised words as a stand-in for named entities (who and where), and numbers
(magnitudes, counts, money, years) that tell one event of a kind from another.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from tidings.cluster.stopwords import STOPWORDS

_TOKEN = re.compile(
    r"(?P<w>[^\W\d_]+(?:['’][^\W\d_]+)*)|(?P<n>\d+(?:[.,]\d+)*)|(?P<p>[.!?:;\"“”«»()\[\]|\n])")
_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+")
_SCALES = {"thousand": "k", "million": "m", "mn": "m", "billion": "bn", "bn": "bn",
           "trillion": "tn", "percent": "%", "per": "%", "%": "%"}
_WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
_MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december", "jan", "feb", "mar", "apr",
           "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}
_CONNECTORS = {"de", "da", "del", "di", "van", "von", "der", "la", "le", "al", "bin", "du"}


@dataclass(slots=True)
class DocBags:
    """The features of one article: counts of stems, entities and numbers."""

    title: Counter = field(default_factory=Counter)
    body: Counter = field(default_factory=Counter)
    entities: Counter = field(default_factory=Counter)
    numbers: Counter = field(default_factory=Counter)
    title_entities: set = field(default_factory=set)
    words: set = field(default_factory=set)


_STEMS: dict[str, str] = {}


def stem(word: str) -> str:
    """A light, English-leaning suffix stripper (plural, -ing, -ed); other words pass."""
    found = _STEMS.get(word)
    if found is None:
        found = _stem(word)
        if len(_STEMS) < 200_000:
            _STEMS[word] = found
    return found


def _stem(word: str) -> str:
    if len(word) <= 4:
        return word
    if word.endswith("ies") and len(word) > 5:
        return word[:-3] + "y"
    if word.endswith("sses"):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    for suffix in ("ing", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def tokens(text: str) -> list[tuple[str, str, str]]:
    """``(kind, token, lower-cased token)`` triples: ``w`` a word (possessive stripped),
    ``n`` a number (with a scale suffix: ``160m`` for ``160 million``), ``p`` a sentence
    or clause boundary."""
    out: list[tuple[str, str, str]] = []
    append = out.append
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        if kind == "w":
            word = match.group()
            if word.endswith(("'s", "’s")):
                word = word[:-2]
            append(("w", word, word.lower()))
        elif kind == "n":
            number = _number(match.group(), text, match.end())
            append(("n", number, number))
        else:
            append(("p", "", ""))
    return out


def _number(raw: str, text: str, end: int) -> str:
    value = raw.replace(",", "") if _THOUSANDS.fullmatch(raw) else raw.replace(",", ".")
    following = text[end: end + 12].lstrip(" -").lower()
    for word, scale in _SCALES.items():
        if following.startswith(word):
            return value + scale
    return value


def word_stems(toks: list[tuple[str, str, str]], lang: str) -> list[str]:
    """Lower-cased content-word stems, stopwords removed (stemming for English only)."""
    stops = STOPWORDS.get(lang[:2], STOPWORDS["en"])
    words = [low for kind, _, low in toks if kind == "w" and len(low) > 1 and low not in stops]
    return [stem(w) for w in words] if lang.startswith("en") else words


def _is_headline_case(toks: list[tuple[str, str, str]]) -> bool:
    words = [t for k, t, _ in toks if k == "w" and len(t) > 3]
    if len(words) < 3:
        return False
    capital = sum(1 for w in words if w[0].isupper())
    return capital >= 0.6 * len(words)


def capitalised_runs(toks: list[tuple[str, str, str]], lang: str, lower_seen: set[str],
                     common: Callable[[str], bool] | None = None,
                     headline: bool = False) -> list[list[str]]:
    """Runs of capitalised words, a cheap named-entity proxy.

    A capitalised word whose case says nothing — the first of a sentence, or any word of a
    headline-case title — counts only when the article never writes it in lower case, it
    is not a stopword and ``common`` (usually: "mostly seen in lower case so far") is false.
    """
    stops = STOPWORDS.get(lang[:2], STOPWORDS["en"])
    runs: list[list[str]] = []
    run: list[str] = []
    position = 0
    for kind, token, low in toks:
        if kind == "p":
            _close_run(run, runs)
            run, position = [], 0
            continue
        keep = kind == "w" and token[0].isupper() and low not in stops
        if keep and (headline or position == 0):
            keep = low not in lower_seen and not (common and common(low))
        position += 1
        if keep:
            run.append(low)
        elif run and low in _CONNECTORS:
            run.append(low)
        else:
            _close_run(run, runs)
            run = []
    _close_run(run, runs)
    return runs


def _close_run(run: list[str], runs: list[list[str]]) -> None:
    while run and run[-1] in _CONNECTORS:
        run.pop()
    if run:
        runs.append(list(run))


def entity_tokens(runs: list[list[str]]) -> Counter:
    """Each capitalised word (weekday and month names aside) and each multi-word run."""
    bag: Counter = Counter()
    for run in runs:
        words = [w for w in run if w not in _CONNECTORS]
        for word in words:
            if word not in _WEEKDAYS and word not in _MONTHS and len(word) > 1:
                bag["e:" + word] += 1
        if len(words) > 1:
            bag["e:" + " ".join(words)] += 1
    return bag


def number_tokens(toks: list[tuple[str, str, str]]) -> Counter:
    """Numbers (``n:160m`` for ``$ 160 million``; 0–2 skipped), weekdays and months
    (``d:sunday``): the specifics that tell one event of a kind from another."""
    bag: Counter = Counter()
    for kind, token, low in toks:
        if kind == "n":
            if not (token.isdigit() and int(token) < 3):
                bag["n:" + token] += 1
        elif kind == "w":
            if low in _WEEKDAYS or (low in _MONTHS and len(low) > 3):
                bag["d:" + low] += 1
    return bag


def doc_bags(title: str, text: str, lang: str,
             common: Callable[[str], bool] | None = None) -> DocBags:
    """All feature bags of one article.

    ``common(word)`` tells whether a lower-cased word is an ordinary word rather than a
    name; it only decides for capitalised words in positions where case says nothing.
    """
    lang = (lang or "en").lower()
    title_toks, text_toks = tokens(title), tokens(text)
    raw_words = {t for k, t, _ in title_toks + text_toks if k == "w"}
    lower_seen = {w for w in raw_words if w[0].islower()}
    entities = entity_tokens(capitalised_runs(text_toks, lang, lower_seen, common))
    title_entities = entity_tokens(capitalised_runs(
        title_toks, lang, lower_seen, common, _is_headline_case(title_toks)))
    entities.update(title_entities)
    numbers = number_tokens(title_toks)
    numbers.update(number_tokens(text_toks))
    return DocBags(
        title=Counter(word_stems(title_toks, lang)),
        body=Counter(word_stems(text_toks, lang)),
        entities=entities,
        numbers=numbers,
        title_entities=set(title_entities),
        words={"e:" + w.lower() for w in raw_words},
    )
